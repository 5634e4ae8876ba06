"""A problem document's own members (RFC 9457 3.1) cannot be redefined by an extension."""

from __future__ import annotations

import pytest

from api.errors import ProblemError


@pytest.mark.parametrize("member", ["type", "title", "status", "instance"])
def test_an_extension_may_not_redefine_a_problem_member(member: str) -> None:
    with pytest.raises(ValueError, match=member):
        ProblemError("conflict", "x", **{member: "closed"})
