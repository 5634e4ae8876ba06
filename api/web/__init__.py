"""The reviewer web app at ``/app``: server-rendered pages on the same services as the API."""
