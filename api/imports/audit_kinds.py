"""Upload handlers for audits, findings and worker-level evidence (``POST /v1/imports``).

Kinds: ``audits`` (one row per audit), ``findings``, and the evidence tables ``timesheets``,
``payroll``, ``interviews``, ``recruitment``, ``documents``. Columns and accepted values:
docs/audit-uploads.md; decisions: docs/decisions/audits-uploads.md.

- ``parse`` reads one row into a typed record, or returns every error in the row (row, the
  column as the user wrote it, the value, what was expected).
- ``write`` resolves references (supplier, audit) and writes one chunk; unknown references are
  row errors. Evidence is keyed (timesheets by worker and day, payroll by worker and period,
  the other tables by worker): a key already stored is updated or left unchanged, so a
  corrected file can be uploaded again without doubling anyone's hours.
- An unmapped finding is **stored** (indicator NULL, ``mapped_by="unmapped"``) and reported
  with a row error whose message starts with ``warning:``; the row counts as created.
- ``finish`` re-analyses each audit touched by the job once, records one event per audit, and
  re-assesses each supplier once. The runner should call it after the last chunk, inside the
  job's transaction; if it does not, the same work runs once just before the job commits.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, TypeVar

from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.orm import Session

from api.audits.evidence import deductions_json, insert_rows, table_of
from api.audits.schemas import FindingIn
from api.audits.service import refresh_audits, unmapped_message
from api.clock import today
from api.engine_inputs.audit import finding_rows
from api.imports.handlers import ImportContext, register_handler
from ingest.audit_fields import (
    AUDIT_FIELDS,
    DOCUMENT_FIELDS,
    FINDING_FIELDS,
    INTERVIEW_FIELDS,
    PAYROLL_FIELDS,
    RECRUITMENT_FIELDS,
    TIMESHEET_FIELDS,
)
from ingest.audit_values import (
    AUDIT_TYPES,
    FINDING_STATUSES,
    HOLDERS,
    PAYERS,
    SEVERITIES,
    BadValue,
    account_hash,
    choice,
    parse_bool,
    parse_date,
    parse_deductions,
    parse_int,
    parse_number,
    split_answers,
)
from ingest.reading.errors import WARNING, RowError
from ingest.reading.fields import FieldSpec
from ingest.reading.table import RawRow, shown
from models import Audit, Finding, Supplier
from risk_data.types import RiskData
from screening.inputs.limits import (
    MAX_HOURS_PER_DAY,
    MAX_HOURS_PER_MONTH,
    MAX_HOURS_PER_WEEK,
    MAX_MONEY,
    MAX_REST_DAYS_PER_WEEK,
    MAX_WORKERS,
)

__all__ = [
    "AUDIT_HANDLER",
    "EVIDENCE_HANDLERS",
    "FINDING_HANDLER",
    "HANDLERS",
    "AuditRecord",
    "EvidenceRecord",
    "FindingRecord",
]

# The column sizes of models/audit.py; longer values are refused, never cut.
MAX_REF: Final = 120
MAX_WORKER_REF: Final = 64
MAX_NAME: Final = 200
MAX_STANDARD: Final = 40
MAX_REPORT: Final = 200_000
MAX_DESCRIPTION: Final = 5000
MAX_INDICATOR_TEXT: Final = 200
_WORKER_REF_CHARS: Final = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:#/-"
)
_STATE_KEY: Final = "audit_uploads"

T = TypeVar("T")


# --- reading one row ------------------------------------------------------------------------


class _Row:
    """Collects every error in a row rather than stopping at the first."""

    def __init__(self, raw: RawRow) -> None:
        self.raw = raw
        self.errors: list[RowError] = list(raw.issues)

    def error(self, name: str, value: str, message: str) -> None:
        column = self.raw.source_columns.get(name, name)
        self.errors.append(RowError(self.raw.row_number, column, shown(value), message))

    def cell(self, name: str) -> str:
        return " ".join(self.raw.values.get(name, "").split())

    def text(self, name: str, max_chars: int, *, required: bool = False) -> str | None:
        value = self.cell(name)
        if not value:
            if required:
                self.error(name, "", "required; the cell is empty")
            return None
        if len(value) > max_chars:
            self.error(name, value, f"{len(value):,} characters; at most {max_chars:,}")
            return None
        return value

    def parsed(self, name: str, parse: Callable[[str], T], *, required: bool = False) -> T | None:
        value = self.raw.values.get(name, "").strip()
        if not value:
            if required:
                self.error(name, "", "required; the cell is empty")
            return None
        try:
            return parse(value)
        except BadValue as exc:
            self.error(name, value, str(exc))
            return None

    def number(
        self, name: str, *, high: float, low: float = 0.0, required: bool = False
    ) -> float | None:
        number = self.parsed(name, parse_number, required=required)
        if number is None:
            return None
        if not low <= number <= high:
            self.error(
                name,
                self.raw.values.get(name, ""),
                f"expected a number between {low:,.0f} and {high:,.0f}",
            )
            return None
        return number

    def money(self, name: str, *, negative: bool = False, required: bool = False) -> float | None:
        return self.number(
            name, low=-MAX_MONEY if negative else 0.0, high=MAX_MONEY, required=required
        )

    def worker_ref(self) -> str | None:
        ref = self.text("worker_ref", MAX_WORKER_REF, required=True)
        if ref is not None and not set(ref) <= _WORKER_REF_CHARS:
            self.error(
                "worker_ref",
                ref,
                "expected a pseudonymous worker reference (letters, digits and . _ : # / - ; "
                "no spaces), e.g. W-0042; never a worker's name",
            )
            return None
        return ref

    def past_date(self, name: str, *, required: bool = False) -> date | None:
        day = self.parsed(name, parse_date, required=required)
        if day is not None and day > today():
            self.error(name, self.raw.values.get(name, ""), "a date in the future")
            return None
        return day


# --- records --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuditRecord:
    supplier_ref: str
    audit_ref: str
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class FindingRecord:
    audit_ref: str
    values: dict[str, Any]  # Finding columns except id and audit_id


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    audit_ref: str
    key: tuple[Any, ...]  # the row's identity within its audit
    values: dict[str, Any]  # evidence columns except id and audit_id


# --- per-job state --------------------------------------------------------------------------


@dataclass
class _JobState:
    organisation_id: uuid.UUID
    audit_ids: dict[str, uuid.UUID | str] = field(default_factory=dict)  # ref -> id or why not
    supplier_ids: dict[str, uuid.UUID | None] = field(default_factory=dict)
    audit_rows: dict[str, int] = field(default_factory=dict)  # ref -> row it came from
    pending: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)
    stored: dict[tuple[str, uuid.UUID], dict[tuple[Any, ...], tuple[int, tuple[Any, ...]]]] = field(
        default_factory=dict
    )
    seen: dict[tuple[str, uuid.UUID], dict[tuple[Any, ...], int]] = field(default_factory=dict)
    findings: dict[uuid.UUID, set[tuple[Any, ...]]] = field(default_factory=dict)
    hooked: bool = False


def _state(context: ImportContext) -> _JobState:
    state = context.state.get(_STATE_KEY)
    if state is None:
        state = context.state[_STATE_KEY] = _JobState(context.organisation_id)
    assert isinstance(state, _JobState)
    return state


def _touch(state: _JobState, audit_id: uuid.UUID, counter: str, n: int = 1) -> None:
    change = state.pending.setdefault(audit_id, {"action": "audit.updated"})
    change[counter] = change.get(counter, 0) + n


def _audit_ids(session: Session, state: _JobState, refs: Iterable[str]) -> None:
    """Look up, in one query, the audit refs of a chunk not yet known to this job."""
    wanted = sorted({r for r in refs if r not in state.audit_ids})
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        found: dict[str, list[uuid.UUID]] = {}
        rows = session.execute(
            select(Audit.external_ref, Audit.id).where(
                Audit.organisation_id == state.organisation_id, Audit.external_ref.in_(part)
            )
        )
        for ref, audit_id in rows:
            if ref is not None:
                found.setdefault(ref, []).append(audit_id)
        for ref in part:
            ids = found.get(ref, [])
            if len(ids) == 1:
                state.audit_ids[ref] = ids[0]
            elif ids:
                state.audit_ids[ref] = (
                    f"ambiguous audit ref: {len(ids)} audits carry it; give them distinct refs"
                )
            else:
                state.audit_ids[ref] = (
                    "unknown audit ref; upload the audit first (kind=audits) or post it to "
                    "/v1/suppliers/{id}/audits with this audit_ref"
                )


def _resolve_audit(
    raw: RawRow, ref: str, state: _JobState, errors: list[RowError]
) -> uuid.UUID | None:
    found = state.audit_ids.get(ref)
    if isinstance(found, uuid.UUID):
        return found
    column = raw.source_columns.get("audit_ref", "audit_ref")
    errors.append(RowError(raw.row_number, column, shown(ref), str(found)))
    return None


def _hook(session: Session, context: ImportContext, state: _JobState) -> None:
    """Safety net for a runner that never calls ``finish``: run it once before the job's
    transaction commits; forget the pending work if the transaction rolls back."""
    if state.hooked:
        return
    state.hooked = True

    def before_commit(s: Session) -> None:
        if state.pending:
            _finish(s, context, state)

    def after_rollback(_s: Session) -> None:
        state.pending.clear()
        state.stored.clear()
        state.audit_ids.clear()
        state.findings.clear()

    event.listen(session, "before_commit", before_commit)
    event.listen(session, "after_rollback", after_rollback)


def _finish(session: Session, context: ImportContext, state: _JobState) -> list[RowError]:
    if state.pending:
        pending = dict(state.pending)
        state.pending.clear()
        source = f"import:{context.job_id}"
        changes = {k: {**v, "source": source} for k, v in pending.items()}
        refresh_audits(session, pending, context.data, actor=context.actor, changes=changes)
    return []


class _Handler:
    kind: str
    fields: FieldSpec

    def finish(self, session: Session, context: ImportContext) -> list[RowError]:
        """After the last chunk (no commit): analyse each touched audit once, re-assess each
        supplier once."""
        return _finish(session, context, _state(context))


# --- audits ---------------------------------------------------------------------------------

_AUDIT_COLUMNS: Final = (
    "audited_on",
    "audit_type",
    "standard",
    "firm",
    "auditor",
    "paid_by",
    "workers_total",
    "workers_interviewed",
    "interviews_in_worker_language",
    "report_text",
)


class AuditUploadHandler(_Handler):
    kind = "audits"
    fields = AUDIT_FIELDS

    def parse(self, row: RawRow, data: RiskData) -> AuditRecord | list[RowError]:
        r = _Row(row)
        supplier_ref = r.text("supplier_ref", MAX_REF, required=True)
        audit_ref = r.text("audit_ref", MAX_REF, required=True)
        values: dict[str, Any] = {
            "audited_on": r.past_date("audited_on", required=True),
            # Blank: announced, the conservative assumption (SPEC 4.4: announced audits are
            # easier to stage), and the JSON API's default.
            "audit_type": r.parsed("audit_type", lambda v: choice(v, AUDIT_TYPES, "audit type"))
            or "announced",
            "standard": r.text("standard", MAX_STANDARD),
            "firm": r.text("firm", MAX_NAME),
            "auditor": r.text("auditor", MAX_NAME),
            "paid_by": r.parsed("paid_by", lambda v: choice(v, PAYERS, "payer")),
            "workers_total": r.parsed("workers_total", _count),
            "workers_interviewed": r.parsed("workers_interviewed", _count),
            "interviews_in_worker_language": r.parsed("interviews_in_worker_language", parse_bool),
            "report_text": (row.values.get("report_text") or "").strip(),
        }
        if len(values["report_text"]) > MAX_REPORT:
            r.error("report_text", values["report_text"], f"at most {MAX_REPORT:,} characters")
        total, interviewed = values["workers_total"], values["workers_interviewed"]
        if total is not None and interviewed is not None and interviewed > total:
            r.error(
                "workers_interviewed",
                str(interviewed),
                f"more workers interviewed than the {total} at the site",
            )
        if r.errors or supplier_ref is None or audit_ref is None:
            return r.errors
        return AuditRecord(supplier_ref, audit_ref, values)

    def write(
        self,
        session: Session,
        records: Sequence[tuple[RawRow, Any]],
        context: ImportContext,
    ) -> list[RowError]:
        state = _state(context)
        errors: list[RowError] = []
        self._suppliers(session, state, [rec.supplier_ref for _, rec in records])
        _audit_ids(session, state, [rec.audit_ref for _, rec in records])
        for raw, rec in records:
            assert isinstance(rec, AuditRecord)
            first = state.audit_rows.setdefault(rec.audit_ref, raw.row_number)
            if first != raw.row_number:
                errors.append(
                    RowError(
                        raw.row_number,
                        raw.source_columns.get("audit_ref"),
                        shown(rec.audit_ref),
                        f"audit ref already given in row {first} of this file",
                    )
                )
                continue
            supplier_id = state.supplier_ids.get(rec.supplier_ref)
            if supplier_id is None:
                errors.append(
                    RowError(
                        raw.row_number,
                        raw.source_columns.get("supplier_ref"),
                        shown(rec.supplier_ref),
                        "unknown supplier: give your supplier reference (external_ref) as in the "
                        "supplier registry, or the supplier's id",
                    )
                )
                continue
            existing = state.audit_ids.get(rec.audit_ref)
            if isinstance(existing, str) and existing.startswith("ambiguous"):
                errors.append(
                    RowError(
                        raw.row_number,
                        raw.source_columns.get("audit_ref"),
                        shown(rec.audit_ref),
                        existing,
                    )
                )
                continue
            if isinstance(existing, uuid.UUID):
                self._update(session, context, state, raw, rec, existing, supplier_id, errors)
            else:
                self._create(session, context, state, rec, supplier_id)
        if not context.dry_run:
            _hook(session, context, state)
        return errors

    @staticmethod
    def _suppliers(session: Session, state: _JobState, refs: Iterable[str]) -> None:
        wanted = sorted({r for r in refs if r not in state.supplier_ids})
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            found = dict(
                session.execute(
                    select(Supplier.external_ref, Supplier.id).where(
                        Supplier.organisation_id == state.organisation_id,
                        Supplier.external_ref.in_(part),
                    )
                ).all()
            )
            as_ids: dict[uuid.UUID, str] = {}
            for ref in part:
                if ref in found:
                    continue
                with contextlib.suppress(ValueError):
                    as_ids[uuid.UUID(ref)] = ref
            if as_ids:
                for supplier_id in session.scalars(
                    select(Supplier.id).where(
                        Supplier.organisation_id == state.organisation_id,
                        Supplier.id.in_(list(as_ids)),
                    )
                ):
                    found[as_ids[supplier_id]] = supplier_id
            for ref in part:
                state.supplier_ids[ref] = found.get(ref)

    @staticmethod
    def _create(
        session: Session,
        context: ImportContext,
        state: _JobState,
        rec: AuditRecord,
        supplier_id: uuid.UUID,
    ) -> None:
        context.counts.created += 1
        if context.dry_run:
            state.audit_ids[rec.audit_ref] = uuid.uuid4()  # later rows of the job see it
            return
        audit = Audit(
            organisation_id=state.organisation_id,
            supplier_id=supplier_id,
            external_ref=rec.audit_ref,
            created_by=context.actor,
            **rec.values,
        )
        session.add(audit)
        session.flush()
        state.audit_ids[rec.audit_ref] = audit.id
        state.pending[audit.id] = {
            "action": "audit.created",
            "before": None,
            "supplier_id": str(supplier_id),
            "audit_ref": rec.audit_ref,
            "audited_on": audit.audited_on.isoformat(),
        }

    @staticmethod
    def _update(
        session: Session,
        context: ImportContext,
        state: _JobState,
        raw: RawRow,
        rec: AuditRecord,
        audit_id: uuid.UUID,
        supplier_id: uuid.UUID,
        errors: list[RowError],
    ) -> None:
        audit = session.get_one(Audit, audit_id)
        if audit.supplier_id != supplier_id:
            errors.append(
                RowError(
                    raw.row_number,
                    raw.source_columns.get("audit_ref"),
                    shown(rec.audit_ref),
                    "this audit ref belongs to an audit of another supplier",
                )
            )
            return
        before = {
            c: getattr(audit, c) for c in _AUDIT_COLUMNS if getattr(audit, c) != rec.values[c]
        }
        if not before:
            context.counts.unchanged += 1
            return
        context.counts.updated += 1
        if context.dry_run:
            return
        for column in before:
            setattr(audit, column, rec.values[column])
        state.pending[audit.id] = {
            "action": "audit.updated",
            "before": _plain(before),
            "changed": {c: _plain_value(rec.values[c]) for c in before},
        }


def _count(value: str) -> int:
    number = parse_int(value)
    if not 0 <= number <= MAX_WORKERS:
        raise BadValue(f"expected a count of workers from 0 to {MAX_WORKERS:,}")
    return number


def _plain_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain_value(v) for k, v in values.items()}


# --- findings -------------------------------------------------------------------------------


class FindingUploadHandler(_Handler):
    kind = "findings"
    fields = FINDING_FIELDS

    def parse(self, row: RawRow, data: RiskData) -> FindingRecord | list[RowError]:
        r = _Row(row)
        audit_ref = r.text("audit_ref", MAX_REF, required=True)
        indicator = r.text("indicator", MAX_INDICATOR_TEXT)
        description = (row.values.get("description") or "").strip()
        if len(description) > MAX_DESCRIPTION:
            r.error("description", description, f"at most {MAX_DESCRIPTION:,} characters")
        if not indicator and not description:
            r.error(
                "indicator",
                "",
                "give an ILO indicator code or describe the finding "
                "(indicator or description column)",
            )
        severity = r.parsed("severity", lambda v: choice(v, SEVERITIES, "severity"), required=True)
        status = r.parsed("status", lambda v: choice(v, FINDING_STATUSES, "status")) or "open"
        found_on = r.past_date("found_on")
        if r.errors or audit_ref is None or severity is None:
            return r.errors
        finding = FindingIn(
            indicator=indicator,
            severity=severity,
            status=status,
            description=description,
            found_on=found_on,
        )
        _, (stored,) = finding_rows([finding], data)
        return FindingRecord(audit_ref, stored)

    def write(
        self,
        session: Session,
        records: Sequence[tuple[RawRow, Any]],
        context: ImportContext,
    ) -> list[RowError]:
        state = _state(context)
        errors: list[RowError] = []
        _audit_ids(session, state, [rec.audit_ref for _, rec in records])
        rows: list[dict[str, Any]] = []
        message = ""
        for raw, rec in records:
            assert isinstance(rec, FindingRecord)
            audit_id = _resolve_audit(raw, rec.audit_ref, state, errors)
            if audit_id is None:
                continue
            known = self._known(session, state, audit_id)
            identity = _finding_identity(rec.values)
            if identity in known:
                context.counts.unchanged += 1
                continue
            known.add(identity)
            context.counts.created += 1
            rows.append({"id": uuid.uuid4(), "audit_id": audit_id, **rec.values})
            _touch(state, audit_id, "findings_added")
            if rec.values["indicator"] is None:
                message = message or unmapped_message(context.data)
                text = rec.values["description"]
                column = raw.source_columns.get("indicator") or raw.source_columns.get(
                    "description"
                )
                errors.append(
                    RowError(
                        raw.row_number,
                        column,
                        shown(text),
                        f"{WARNING}finding stored, but {message}",
                    )
                )
        if rows and not context.dry_run:
            session.execute(insert(Finding), rows)
            _hook(session, context, state)
        if context.dry_run:
            state.pending.clear()
        return errors

    @staticmethod
    def _known(session: Session, state: _JobState, audit_id: uuid.UUID) -> set[tuple[Any, ...]]:
        known = state.findings.get(audit_id)
        if known is None:
            stored = session.scalars(select(Finding).where(Finding.audit_id == audit_id))
            known = state.findings[audit_id] = {
                _finding_identity({c: getattr(f, c) for c in _FINDING_IDENTITY}) for f in stored
            }
        return known


_FINDING_IDENTITY: Final = ("indicator", "severity", "status", "description", "found_on")


def _finding_identity(values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(values[c] for c in _FINDING_IDENTITY)


# --- evidence tables ------------------------------------------------------------------------


def _timesheet(r: _Row) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    worker, day = r.worker_ref(), r.past_date("day", required=True)
    hours = r.number("hours", high=MAX_HOURS_PER_DAY, required=True)
    if worker is None or day is None or hours is None:
        return None
    return (worker, day), {"worker_ref": worker, "day": day, "hours": hours}


def _payroll(r: _Row) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    worker = r.worker_ref()
    start, end = (
        r.past_date("period_start", required=True),
        r.parsed("period_end", parse_date, required=True),
    )
    gross = r.money("gross", required=True)
    net = r.money("net", negative=True, required=True)
    deductions = r.parsed("deductions", parse_deductions) or []
    account = r.text("paid_to_account", 128)
    values = {
        "hours_paid": r.number("hours_paid", high=MAX_HOURS_PER_MONTH),
        "declared_wage": r.money("declared_wage"),
        "paid_on": r.parsed("paid_on", parse_date),
        "due_on": r.parsed("due_on", parse_date),
    }
    if start is not None and end is not None and end < start:
        r.error(
            "period_end", r.raw.values.get("period_end", ""), "the period ends before it starts"
        )
    if r.errors or worker is None or start is None or end is None or gross is None or net is None:
        return None
    return (worker, start, end), {
        "worker_ref": worker,
        "period_start": start,
        "period_end": end,
        "gross": gross,
        "net": net,
        "deductions": deductions_json(deductions),
        # Hashed in write(), where the organisation (the salt) is known; never stored raw.
        "paid_to_account": account,
        **values,
    }


def _interview(r: _Row) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    worker = r.worker_ref()
    answers = split_answers(r.raw.values.get("answers", ""))
    values = {
        "reported_weekly_hours": r.number("reported_weekly_hours", high=MAX_HOURS_PER_WEEK),
        "reported_rest_days_per_week": r.number(
            "reported_rest_days_per_week", high=MAX_REST_DAYS_PER_WEEK
        ),
        "answers": answers,
        "language": r.text("language", 10),
        "worker_language": r.text("worker_language", 10),
    }
    if len(answers) > 100:
        r.error("answers", r.raw.values.get("answers", ""), "at most 100 answers per interview")
    if r.errors or worker is None:
        return None
    return (worker,), {"worker_ref": worker, **values}


def _recruitment(r: _Row) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    worker = r.worker_ref()
    currency = r.text("currency", 3)
    if currency is not None and not (len(currency) == 3 and currency.isalpha()):
        r.error("currency", currency, "expected a three-letter ISO 4217 code, e.g. USD, MYR")
    wage = r.money("monthly_wage")
    if wage == 0:
        r.error("monthly_wage", r.raw.values.get("monthly_wage", ""), "a monthly wage of 0")
    values = {
        "fee_paid": r.money("fee_paid") or 0.0,
        "currency": currency.upper() if currency else None,
        "monthly_wage": wage,
        "outstanding_debt": r.money("outstanding_debt") or 0.0,
        "agency": r.text("agency", MAX_NAME),
    }
    if r.errors or worker is None:
        return None
    return (worker,), {"worker_ref": worker, **values}


def _document(r: _Row) -> tuple[tuple[Any, ...], dict[str, Any]] | None:
    worker = r.worker_ref()
    holder = r.parsed("holder", lambda v: choice(v, HOLDERS, "document holder"), required=True)
    if r.errors or worker is None or holder is None:
        return None
    return (worker,), {"worker_ref": worker, "holder": holder}


_Reader = Callable[[_Row], "tuple[tuple[Any, ...], dict[str, Any]] | None"]


class EvidenceUploadHandler(_Handler):
    """One evidence table; rows keyed within their audit (see the module docstring)."""

    def __init__(self, kind: str, fields: FieldSpec, read: _Reader, key_names: tuple[str, ...]):
        self.kind = kind
        self.fields = fields
        self._read = read
        self._key_names = key_names
        self._table = table_of(kind)
        self._value_names = tuple(
            c.name for c in self._table.columns if c.name not in ("id", "audit_id")
        )

    def parse(self, row: RawRow, data: RiskData) -> EvidenceRecord | list[RowError]:
        r = _Row(row)
        audit_ref = r.text("audit_ref", MAX_REF, required=True)
        read = self._read(r)
        if r.errors or read is None or audit_ref is None:
            return r.errors
        key, values = read
        return EvidenceRecord(audit_ref, key, values)

    def write(
        self,
        session: Session,
        records: Sequence[tuple[RawRow, Any]],
        context: ImportContext,
    ) -> list[RowError]:
        state = _state(context)
        errors: list[RowError] = []
        _audit_ids(session, state, [rec.audit_ref for _, rec in records])
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for raw, rec in records:
            assert isinstance(rec, EvidenceRecord)
            audit_id = _resolve_audit(raw, rec.audit_ref, state, errors)
            if audit_id is None:
                continue
            if rec.values.get("paid_to_account"):
                salt = str(state.organisation_id)
                rec.values["paid_to_account"] = account_hash(rec.values["paid_to_account"], salt)
            seen = state.seen.setdefault((self.kind, audit_id), {})
            first = seen.setdefault(rec.key, raw.row_number)
            if first != raw.row_number:
                errors.append(
                    RowError(
                        raw.row_number,
                        None,
                        shown(" ".join(str(k) for k in rec.key)),
                        f"same {' and '.join(self._key_names)} as row {first} of this file",
                    )
                )
                continue
            stored = self._stored(session, state, audit_id).get(rec.key)
            row_values = tuple(rec.values[c] for c in self._value_names)
            if stored is None:
                new.append({"audit_id": audit_id, **rec.values})
                context.counts.created += 1
                _touch(state, audit_id, f"{self.kind}_added")
            elif stored[1] == row_values:
                context.counts.unchanged += 1
            else:
                changed.append({"b_id": stored[0], **rec.values})
                context.counts.updated += 1
                _touch(state, audit_id, f"{self.kind}_updated")
        if context.dry_run:
            state.pending.clear()
            return errors
        if new:
            insert_rows(session, self.kind, new)
        if changed:
            statement = (
                update(self._table)
                .where(self._table.c.id == bindparam("b_id"))
                .values({c: bindparam(c) for c in self._value_names})
            )
            session.execute(statement, changed)
        if new or changed:
            _hook(session, context, state)
        return errors

    def _stored(
        self, session: Session, state: _JobState, audit_id: uuid.UUID
    ) -> dict[tuple[Any, ...], tuple[int, tuple[Any, ...]]]:
        """What the audit already holds in this table, by key; read once per job."""
        stored = state.stored.get((self.kind, audit_id))
        if stored is None:
            table = self._table
            columns = [table.c.id, *(table.c[c] for c in self._value_names)]
            query = select(*columns).where(table.c.audit_id == audit_id)
            stored = {}
            for row in session.execute(query):
                values = dict(zip(self._value_names, row[1:], strict=True))
                key = tuple(values[k] for k in self._key_names)
                stored[key] = (row[0], tuple(values[c] for c in self._value_names))
            state.stored[(self.kind, audit_id)] = stored
        return stored


AUDIT_HANDLER: Final = AuditUploadHandler()
FINDING_HANDLER: Final = FindingUploadHandler()
EVIDENCE_HANDLERS: Final = (
    EvidenceUploadHandler("timesheets", TIMESHEET_FIELDS, _timesheet, ("worker_ref", "day")),
    EvidenceUploadHandler(
        "payroll",
        PAYROLL_FIELDS,
        _payroll,
        ("worker_ref", "period_start", "period_end"),
    ),
    EvidenceUploadHandler("interviews", INTERVIEW_FIELDS, _interview, ("worker_ref",)),
    EvidenceUploadHandler("recruitment", RECRUITMENT_FIELDS, _recruitment, ("worker_ref",)),
    EvidenceUploadHandler("documents", DOCUMENT_FIELDS, _document, ("worker_ref",)),
)
HANDLERS: Final = (AUDIT_HANDLER, FINDING_HANDLER, *EVIDENCE_HANDLERS)

for _handler in HANDLERS:
    register_handler(_handler)
