"""The caller's organisation, for per-organisation policy such as the flag threshold."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from api.deps import PrincipalDep, SessionDep
from api.errors import ProblemError
from models import Organisation


def get_organisation(principal: PrincipalDep, session: SessionDep) -> Organisation:
    organisation = session.get(Organisation, principal.organisation_id)
    if organisation is None:  # the key outlived its organisation
        raise ProblemError("unauthenticated", "The key's organisation no longer exists.")
    return organisation


OrganisationDep = Annotated[Organisation, Depends(get_organisation)]
