"""Seeded generator of realistic audit evidence, honest or with deception patterns injected.

Honest data vary the way real records do: clocked hours to the minute, overtime that comes
and goes with orders, sick days, leave, a rest day most weeks, pay that follows the hours,
interview answers in each worker's own words, reports written on the audit firm's template.

Each deception pattern of ``screening.deception`` can be injected at a strength, the share
of workers (or interviewees) affected; conduct patterns are switched on by any strength > 0.
The same seed always gives the same audit.

    generated = generate_audit(7, workers=200, inject={"coached_answers": 0.5})
    assess_audit_reliability(generated.audit, **generated.context())
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from screening.inputs.audit import Audit, Finding, PeerReport
from screening.inputs.evidence import (
    Deduction,
    DocumentCustodyRecord,
    InterviewRecord,
    PayrollEntry,
    RecruitmentRecord,
    TimesheetEntry,
    WorkerEvidence,
)

PATTERNS = (
    "timesheets_too_regular",
    "payroll_timesheet_mismatch",
    "interviews_contradict_records",
    "coached_answers",
    "shared_payment_account",
    "report_copied",
    "announced_audit",
    "paid_by_supplier",
    "same_auditor_repeated",
    "too_few_interviews",
    "interviews_not_in_worker_language",
    "unverified",
)

EVIDENCE_KINDS = frozenset({"timesheets", "payroll", "interviews", "recruitment", "documents"})

_DEPARTMENTS = ("cutting", "sewing", "finishing", "packing", "quality", "warehouse", "printing")
_FIRMS = ("Veritas Social", "Northbridge Assurance", "ClearLine Audits", "Meridian Compliance")
_AUDITORS = ("A. Rahman", "L. Chen", "P. Okafor", "M. Silva", "K. Novak", "S. Iyer", "T. Ngo")
_LANGUAGES = (("bn", 0.4), ("ne", 0.2), ("ms", 0.4))
_LOCAL_LANGUAGE = "ms"

# Scripts a coached worker recites (seed 004 L636): same words, whoever says them.
_SCRIPT = (
    "I work eight hours every day from Monday to Saturday and Sunday is always my day off.",
    "My salary is paid on time every month into my own bank account and I can check my payslip.",
    "I keep my passport myself in my room and I can take it whenever I want to.",
    "I am free to resign at any time and I never paid any fee to get this job.",
)


@dataclass(frozen=True)
class GeneratedAudit:
    audit: Audit
    prior_audits: tuple[Audit, ...] = ()
    peer_reports: tuple[PeerReport, ...] = ()
    high_risk_context: bool = False
    injected: Mapping[str, float] = field(default_factory=dict)

    def context(self) -> dict[str, Any]:
        """Keyword arguments for ``assess_audit_reliability`` besides the audit."""
        return {
            "prior_audits": self.prior_audits,
            "peer_reports": self.peer_reports,
            "high_risk_context": self.high_risk_context,
        }


@dataclass
class _Worker:
    ref: str
    language: str
    hourly_rate: float
    rest_weekdays: frozenset[int]
    overtime_appetite: float
    days: dict[date, float] = field(default_factory=dict)


def _clock(hours: float) -> float:
    """Clocked time is recorded to the minute."""
    return round(hours * 60) / 60


def _simulate_worker(
    rng: random.Random, worker: _Worker, start: date, days: int, regular: bool
) -> None:
    leave_start = rng.randrange(days) if rng.random() < 0.2 else -1
    leave_days = rng.randint(3, 6)
    for offset in range(days):
        day = start + timedelta(days=offset)
        if regular:
            # The double book: contract hours on contract days, no sickness, no overtime.
            if day.weekday() not in worker.rest_weekdays:
                worker.days[day] = 8.0
            continue
        if leave_start <= offset < leave_start + leave_days:
            continue
        if rng.random() < 0.025:  # sick day
            continue
        if day.weekday() in worker.rest_weekdays and rng.random() > 0.06:
            continue
        overtime = 0.0
        if rng.random() < worker.overtime_appetite:
            overtime = rng.choice((0.5, 1.0, 1.5, 2.0, 2.5, 3.0))
        shift = 4.0 if day.weekday() == 5 and rng.random() < 0.3 else 8.0
        worker.days[day] = _clock(shift + overtime + rng.gauss(0, 0.12))


def _weekly_profile(worker: _Worker, start: date, days: int) -> tuple[float, float]:
    """(mean weekly hours, mean rest days) over full Monday-Sunday weeks the worker worked."""
    first_monday = start + timedelta(days=(7 - start.weekday()) % 7)
    totals: list[tuple[float, int]] = []
    week_start = first_monday
    end = start + timedelta(days=days - 1)
    while week_start + timedelta(days=6) <= end:
        week = [week_start + timedelta(days=i) for i in range(7)]
        worked = [worker.days[d] for d in week if worker.days.get(d, 0.0) > 0]
        if worked:
            totals.append((sum(worked), 7 - len(worked)))
        week_start += timedelta(days=7)
    if not totals:
        return 0.0, 7.0
    return (
        sum(h for h, _ in totals) / len(totals),
        sum(r for _, r in totals) / len(totals),
    )


def _honest_answers(
    rng: random.Random, worker: _Worker, weekly: float, dept: str
) -> tuple[str, ...]:
    """Four answers in the worker's own words: the script's topics, each told differently.

    Each answer joins two or three independently chosen clauses and the worker's own
    numbers, so two honest workers rarely say the same sentence (as in real interviews).
    """
    start_hour = rng.choice(("7", "7.30", "8", "8.30", "six", "half past seven"))
    ot = rng.choice(("one", "two", "two or three", "a few", "some", "three", "four"))
    month = rng.choice(("January", "February", "March", "the new year", "Ramadan"))
    friend = rng.choice(("my cousin", "a friend", "the man in my room", "my line leader", "Rina"))
    hours = [
        rng.choice(
            (
                f"I come in at {start_hour}",
                f"around {round(weekly)} hours in a normal week",
                f"my shift is eight hours but in {dept} we stay {ot} hours extra",
                f"it changes with the orders, last week maybe {round(weekly) + rng.randint(-3, 3)}",
                f"six days, the {dept} supervisor asks for overtime {ot} times a week",
                f"before {month} it was very busy, now less",
            )
        ),
        rng.choice(
            (
                f"and leave after {ot} hours of overtime",
                "Sunday we rest unless there is a shipment",
                f"{friend} works the night line so I do not see him much",
                "the machine stops at lunch for one hour",
                f"in {month} we had {rng.randint(2, 5)} Sundays working",
                "I do not count exactly, the card machine counts",
            )
        ),
    ]
    pay = [
        rng.choice(
            (
                f"the money comes around the {rng.randint(1, 10)}th",
                f"I get about {round(worker.hourly_rate * 230, -1):.0f} a month with overtime",
                "pay is fine but the accommodation is taken from it",
                f"salary is through the bank, my payslip shows {ot} overtime hours I think",
                "sometimes it is late by a few days but it always comes",
                f"in {month} the bonus was less than before",
            )
        ),
        rng.choice(
            (
                "I send most of it home to my mother",
                "food here costs a lot",
                f"{friend} helps me read the slip",
                f"I am saving for {rng.choice(('a motorbike', 'my sister', 'a house', 'the visa'))}",
                "the bank is far, we go on Sunday",
                "the tax part I do not understand",
            )
        ),
    ]
    documents = [
        rng.choice(
            (
                "my passport is with me in the hostel",
                "I keep my documents, the company made copies when I started",
                f"HR in the {dept} building has a copy, the original I have",
                "I have my ID card here, the passport is in the locker in my room",
                f"{friend} keeps his in the same box as mine",
                "the agent gave it back when we arrived",
            )
        ),
        rng.choice(
            (
                "in my bag under the bed",
                f"I showed it at the bank in {month}",
                "nobody asked for it since",
                f"room {rng.randint(101, 420)} has a lock",
                "I need it to send money home",
                "the visa expires next year",
            )
        ),
    ]
    leaving = [
        rng.choice(
            (
                f"if I want to go home I must tell the {dept} supervisor one month before",
                "my contract is two years, after that I can renew or go back",
                f"{friend} left last year and got his last salary",
                "I did not pay the agent here, in my village I paid for the medical",
                f"I like the work in {dept}",
                "some people left after the new manager came",
            )
        ),
        rng.choice(
            (
                "I want to stay until my sister finishes school",
                f"maybe I go back after {rng.randint(1, 4)} years",
                "nobody stops you but you lose the bonus",
                "the agency said it is free for us",
                f"in {month} three people went home",
                "I have not thought about it",
            )
        ),
    ]
    openers = ("", "Well, ", "Honestly ", "I think ", "Mostly ", "For me ", "Hmm, ", "Okay, ")
    joiners = (", ", " and ", ". ", " but ", " - ")
    return tuple(
        (rng.choice(openers) + rng.choice(joiners).join(parts)).strip().capitalize()
        + rng.choice((".", "", "..."))
        for parts in (hours, pay, documents, leaving)
    )


def _coached_answers(rng: random.Random) -> tuple[str, ...]:
    """The script, with the small slips of someone reciting it."""
    out = []
    for line in _SCRIPT:
        text = line
        if rng.random() < 0.4:
            text = rng.choice(("Yes, ", "Sir, ", "")) + text[0].lower() + text[1:]
        if rng.random() < 0.3:
            text = text.rstrip(".")
        out.append(text)
    return tuple(out)


def _report(rng: random.Random, supplier: str, firm: str, workers: int, interviewed: int) -> str:
    """Firm template (shared by all that firm's reports) plus what was seen at this site."""
    template = [
        f"This report was prepared by {firm} under the SMETA 4-pillar methodology.",
        "The audit covered labour standards, health and safety, environment and business ethics.",
        "Findings are based on document review, site tour, management and worker interviews.",
        "Non-compliances are graded against the ETI Base Code and local law.",
        "The auditor's opinion relates only to the conditions observed on the day of the audit.",
        "Corrective actions are to be verified at a follow-up audit.",
    ]
    site_bank = [
        f"The site employs {workers} workers, of whom {rng.randint(10, 70)}% are migrants.",
        f"{interviewed} workers were interviewed individually and in {rng.randint(2, 6)} groups.",
        f"Fire exits on the {rng.choice(('east', 'west', 'north'))} side of block "
        f"{rng.choice('ABCDE')} were {rng.choice(('partly blocked', 'clear', 'poorly marked'))}.",
        f"The dormitory houses {rng.randint(40, 600)} workers in rooms of "
        f"{rng.randint(4, 12)} beds.",
        f"Overtime records for {rng.choice(('January', 'February', 'March'))} show a peak of "
        f"{rng.randint(55, 72)} hours in one week in the {rng.choice(_DEPARTMENTS)} section.",
        f"Management presented {rng.randint(2, 14)} training records on grievance procedures.",
        f"The canteen serves {rng.randint(2, 3)} meals a day; drinking water was "
        f"{rng.choice(('available', 'available on each floor', 'short in the afternoon'))}.",
        f"{rng.randint(1, 9)} first-aid kits were checked and {rng.randint(0, 3)} were incomplete.",
        f"Wage slips for {rng.randint(10, 40)} sampled workers were reviewed against bank records.",
        f"The {rng.choice(_DEPARTMENTS)} supervisor described a piece-rate bonus of "
        f"{rng.randint(2, 15)}%.",
        f"Chemical storage in warehouse {rng.randint(1, 5)} lacked "
        f"{rng.choice(('secondary containment', 'labels', 'safety data sheets'))}.",
        f"{supplier} subcontracts {rng.choice(('embroidery', 'washing', 'printing'))} to "
        f"{rng.randint(1, 4)} units, which were not visited.",
    ]
    site = rng.sample(site_bank, k=rng.randint(7, 10))
    return " ".join([*template[:3], *site, *template[3:]])


def _copy_report(rng: random.Random, source: str, source_supplier: str, supplier: str) -> str:
    """A copied report: the other supplier's name swapped, a number or two retyped."""
    text = source.replace(source_supplier, supplier)
    words = text.split(" ")
    for _ in range(2):
        i = rng.randrange(len(words))
        if words[i].isdigit():
            words[i] = str(int(words[i]) + rng.randint(1, 5))
    return " ".join(words)


def _required_interviews(workers: int) -> int:
    return min(workers, max(3, math.ceil(math.sqrt(workers))))


def generate_audit(
    seed: int,
    *,
    workers: int = 120,
    days: int = 91,
    start: date = date(2024, 1, 1),
    inject: Mapping[str, float] | None = None,
    evidence: frozenset[str] = EVIDENCE_KINDS,
    high_risk_context: bool = False,
    peers: int = 12,
    rest_day_rows: float = 0.3,
) -> GeneratedAudit:
    """One supplier's audit with worker-level evidence.

    ``inject`` maps pattern codes (``PATTERNS``) to strengths in 0..1: the share of workers
    (or interviewees) affected for data patterns; any value > 0 switches a conduct pattern on.
    ``evidence`` limits which evidence tables are present (partial-evidence tests).
    ``rest_day_rows`` is the share of workers whose system logs days off as 0-hour rows
    (1.0 gives exactly ``workers x days`` timesheet entries, as the benchmark wants).
    """
    inject = dict(inject or {})
    unknown = set(inject) - set(PATTERNS)
    if unknown:
        raise ValueError(f"unknown patterns {sorted(unknown)}; known: {PATTERNS}")
    rng = random.Random(seed)
    supplier = f"Supplier {seed:04d} Garments Ltd"
    firm = rng.choice(_FIRMS)

    def affected(pattern: str, population: list[str]) -> set[str]:
        share = inject.get(pattern, 0.0)
        return set(rng.sample(population, k=round(share * len(population)))) if share else set()

    # --- workforce and timesheets ---------------------------------------------------------------
    staff: list[_Worker] = []
    for n in range(workers):
        language = rng.choices([lang for lang, _ in _LANGUAGES], [w for _, w in _LANGUAGES])[0]
        rest_weekdays = frozenset({6}) if rng.random() < 0.85 else frozenset({5, 6})
        staff.append(
            _Worker(
                ref=f"W-{n + 1:04d}",
                language=language,
                hourly_rate=round(rng.uniform(1.8, 3.2), 2),
                rest_weekdays=rest_weekdays,
                overtime_appetite=rng.uniform(0.3, 0.8),
            )
        )
    refs = [w.ref for w in staff]
    regular = affected("timesheets_too_regular", refs)
    for worker in staff:
        _simulate_worker(rng, worker, start, days, worker.ref in regular)
    # Some timekeeping systems log days off as 0-hour rows, others leave them out.
    zero_rows = {w.ref for w in staff if rng.random() < rest_day_rows}
    timesheets: list[TimesheetEntry] = []
    for worker in staff:
        for offset in range(days):
            day = start + timedelta(days=offset)
            hours = worker.days.get(day)
            if hours is not None:
                timesheets.append(TimesheetEntry(worker.ref, day, hours))
            elif worker.ref in zero_rows:
                timesheets.append(TimesheetEntry(worker.ref, day, 0.0))

    # --- payroll: calendar months inside the period ---------------------------------------------
    end = start + timedelta(days=days - 1)
    periods: list[tuple[date, date]] = []
    month = date(start.year, start.month, 1)
    while month <= end:
        nxt = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        p_start, p_end = max(month, start), min(nxt - timedelta(days=1), end)
        if p_start == month and p_end == nxt - timedelta(days=1):
            periods.append((p_start, p_end))
        month = nxt
    mismatched = affected("payroll_timesheet_mismatch", refs)
    shared_accounts = affected("shared_payment_account", refs)
    accounts = {w.ref: f"{rng.getrandbits(64):016x}" for w in staff}
    for a, b in zip(refs[::50], refs[1::50], strict=False):  # a couple sharing one account
        accounts[b] = accounts[a]
    broker_refs = sorted(shared_accounts)
    while broker_refs:  # a broker collects the wages of 5-12 workers into one account
        size = rng.randint(5, 12)
        if len(broker_refs) - size < 5:  # no stray group too small to be a broker's
            size = len(broker_refs)
        group, broker_refs = broker_refs[:size], broker_refs[size:]
        broker_account = f"{rng.getrandbits(64):016x}"
        for ref in group:
            accounts[ref] = broker_account
    payroll: list[PayrollEntry] = []
    for worker in staff:
        tamper = rng.choice(("hours", "hidden_deduction", "underpaid"))
        for p_start, p_end in periods:
            worked = sum(h for d, h in worker.days.items() if p_start <= d <= p_end)
            span = (p_end - p_start).days + 1
            standard = 8 * 26 * span / 30
            declared = round(worker.hourly_rate * standard, 2)
            overtime = max(0.0, worked - standard)
            gross = round(declared + overtime * worker.hourly_rate * 1.5, 2)
            hours_paid = round(worked * 2) / 2
            deductions = [
                Deduction("tax", round(gross * 0.05, 2)),
                Deduction("social_security", round(gross * 0.03, 2)),
            ]
            if worker.language != _LOCAL_LANGUAGE:
                deductions.append(Deduction("accommodation", round(worker.hourly_rate * 12, 2)))
            net = round(gross - sum(d.amount for d in deductions), 2)
            if worker.ref in mismatched:
                if tamper == "hours":
                    hours_paid = round(max(0.0, worked - rng.uniform(12, 40)) * 2) / 2
                elif tamper == "hidden_deduction":
                    net = round(net - gross * rng.uniform(0.08, 0.2), 2)
                else:
                    gross = round(declared * rng.uniform(0.7, 0.88), 2)
                    deductions = [Deduction(d.kind, round(gross * 0.04, 2)) for d in deductions[:2]]
                    net = round(gross - sum(d.amount for d in deductions), 2)
            payroll.append(
                PayrollEntry(
                    worker_ref=worker.ref,
                    period_start=p_start,
                    period_end=p_end,
                    gross=gross,
                    net=net,
                    deductions=tuple(deductions),
                    hours_paid=hours_paid,
                    declared_wage=declared,
                    paid_on=p_end + timedelta(days=rng.randint(3, 7)),
                    due_on=p_end + timedelta(days=7),
                    paid_to_account=accounts[worker.ref],
                )
            )

    # --- interviews -----------------------------------------------------------------------------
    required = _required_interviews(workers)
    n_interviews = min(workers, max(10, math.ceil(required * 1.3)))
    if inject.get("too_few_interviews", 0.0) > 0:
        n_interviews = max(1, math.floor(required * (1 - max(inject["too_few_interviews"], 0.3))))
    interviewees = sorted(rng.sample(staff, k=n_interviews), key=lambda w: w.ref)
    i_refs = [w.ref for w in interviewees]
    coached = affected("coached_answers", i_refs)
    contradicting = affected("interviews_contradict_records", i_refs)
    foreign = affected("interviews_not_in_worker_language", i_refs)
    interviews: list[InterviewRecord] = []
    for worker in interviewees:
        weekly, rest = _weekly_profile(worker, start, days)
        dept = rng.choice(_DEPARTMENTS)
        reported_hours = float(round(weekly + rng.gauss(0, 1.5)))
        reported_rest = float(round(rest))
        if worker.ref in contradicting:
            # The books were cleaned up; the worker describes the real weeks.
            reported_hours = float(round(weekly + rng.uniform(12, 25)))
            reported_rest = 0.0
        answers = (
            _coached_answers(rng)
            if worker.ref in coached
            else _honest_answers(rng, worker, weekly, dept)
        )
        language = worker.language
        if worker.ref in foreign and worker.language != _LOCAL_LANGUAGE:
            language = _LOCAL_LANGUAGE
        elif worker.ref in foreign:
            language = "en"
        interviews.append(
            InterviewRecord(
                worker_ref=worker.ref,
                reported_weekly_hours=reported_hours,
                reported_rest_days_per_week=reported_rest,
                answers=answers,
                language=language,
                worker_language=worker.language,
            )
        )

    recruitment = tuple(
        RecruitmentRecord(
            w.ref,
            fee_paid=0.0,
            currency="USD",
            monthly_wage=round(w.hourly_rate * 208, 2),
            agency=None if w.language == _LOCAL_LANGUAGE else "Agency One",
        )
        for w in staff
    )
    documents = tuple(DocumentCustodyRecord(w.ref, "worker") for w in staff)

    # --- peers, history and conduct -------------------------------------------------------------
    peer_reports: list[PeerReport] = []
    peer_suppliers: list[str] = []
    for p in range(peers):
        name = f"Peer {seed:04d}-{p:02d} Textiles"
        peer_suppliers.append(name)
        size = rng.randint(80, 2000)
        peer_reports.append(
            PeerReport(
                supplier_ref=f"S-{seed:04d}-{p:02d}",
                audit_ref=f"AUD-{seed:04d}-P{p:02d}",
                report_text=_report(rng, name, firm, size, _required_interviews(size)),
            )
        )
    report = _report(rng, supplier, firm, workers, n_interviews)
    if inject.get("report_copied", 0.0) > 0 and peer_reports:
        k = rng.randrange(len(peer_reports))
        report = _copy_report(rng, peer_reports[k].report_text, peer_suppliers[k], supplier)

    audit_day = end + timedelta(days=rng.randint(5, 20))
    same_auditor = inject.get("same_auditor_repeated", 0.0) > 0
    auditor = rng.choice(_AUDITORS)
    prior: list[Audit] = []
    for years_back in (1, 2, 3):
        if same_auditor:
            p_auditor, p_firm = auditor, firm
        else:
            # Rotation: a different auditor each year, the firm alternating.
            p_auditor = _AUDITORS[(_AUDITORS.index(auditor) + years_back) % len(_AUDITORS)]
            p_firm = _FIRMS[(_FIRMS.index(firm) + years_back % 2) % len(_FIRMS)]
        prior.append(
            Audit(
                audit_ref=f"AUD-{seed:04d}-{audit_day.year - years_back}",
                audited_on=audit_day.replace(year=audit_day.year - years_back),
                audit_type="unannounced",
                firm=p_firm,
                auditor=p_auditor,
                paid_by="buyer",
                workers_total=workers,
                workers_interviewed=n_interviews,
            )
        )

    kept = evidence
    unverified = inject.get("unverified", 0.0) > 0
    if unverified:
        kept = frozenset()
        high_risk_context = True
    worker_evidence = WorkerEvidence(
        timesheets=tuple(timesheets) if "timesheets" in kept else (),
        payroll=tuple(payroll) if "payroll" in kept else (),
        interviews=tuple(interviews) if "interviews" in kept else (),
        recruitment=recruitment if "recruitment" in kept else (),
        documents=documents if "documents" in kept else (),
    )
    findings = (
        Finding("excessive_overtime", "low", "remediated", "Peak week above 60 hours."),
        Finding("abusive_conditions", "low", "open", "Incomplete first-aid kits."),
    )
    audit = Audit(
        audit_ref=f"AUD-{seed:04d}-{audit_day.year}",
        audited_on=audit_day,
        audit_type="announced" if inject.get("announced_audit", 0.0) > 0 else "unannounced",
        standard="SMETA",
        firm=firm,
        auditor=auditor,
        paid_by="supplier" if inject.get("paid_by_supplier", 0.0) > 0 else "buyer",
        workers_total=workers,
        workers_interviewed=n_interviews,
        interviews_in_worker_language=not foreign,
        report_text=report,
        findings=() if unverified else findings,
        evidence=worker_evidence,
    )
    return GeneratedAudit(
        audit=audit,
        prior_audits=tuple(prior),
        peer_reports=tuple(peer_reports),
        high_risk_context=high_risk_context,
        injected=inject,
    )
