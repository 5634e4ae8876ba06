"""People: accounts, their roles per organisation, passwords and sign-in."""
