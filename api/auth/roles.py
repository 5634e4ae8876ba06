"""Roles and what each may do (SPEC sections 3 and 5), checked by one dependency."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    admin = "admin"
    compliance = "compliance"
    procurement = "procurement"
    auditor = "auditor"


class Scope(StrEnum):
    score = "score"
    suppliers_read = "suppliers:read"
    suppliers_write = "suppliers:write"
    imports = "imports"
    audits_read = "audits:read"
    audits_write = "audits:write"
    assessments_read = "assessments:read"
    assessments_write = "assessments:write"
    cases = "cases"
    exports = "exports"
    risk_data_read = "risk_data:read"
    keys = "keys"
    webhooks = "webhooks"


_EVERYONE = {Scope.risk_data_read, Scope.assessments_read}

ROLE_SCOPES: dict[Role, frozenset[Scope]] = {
    Role.admin: frozenset(Scope),
    Role.compliance: frozenset(
        _EVERYONE
        | {
            Scope.score,
            Scope.suppliers_read,
            Scope.suppliers_write,
            Scope.imports,
            Scope.audits_read,
            Scope.audits_write,
            Scope.assessments_write,
            Scope.exports,
        }
    ),
    Role.procurement: frozenset(_EVERYONE | {Scope.score, Scope.suppliers_read}),
    Role.auditor: frozenset(
        _EVERYONE
        | {
            Scope.suppliers_read,
            Scope.audits_read,
            Scope.audits_write,
            Scope.cases,
            Scope.exports,
        }
    ),
}
