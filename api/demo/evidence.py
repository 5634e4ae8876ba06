"""Worker-level audit evidence for the demo: honest records that vary the way real ones do, or
records bearing the marks the deception detectors look for (SPEC 4.4).

Honest: clocked hours to the minute, overtime that comes and goes, a rest day most weeks,
pay that follows the hours into each worker's own account, interview answers in each
worker's own words. Deceptive, as the seeds describe: a second set of books with eight hours
every day (004 L624, "double book-keeping"), workers reciting the same script (004 L636),
wages paid into accounts the employer controls, passports held by the employer or the agency
(004 L630), recruitment fees and debts of months of wages (004 L482).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from api.audits.schemas import (
    DeductionIn,
    DocumentIn,
    EvidenceIn,
    InterviewIn,
    PayrollIn,
    RecruitmentIn,
    TimesheetIn,
)

Holder = Literal["employer", "agency"]

# A worker coached before the auditor's visit says this, word for word (004 L636).
COACHED_SCRIPT = (
    "I work eight hours every day from Monday to Saturday and Sunday is always my day off.",
    "My salary is paid on time every month into my own bank account and I can check my payslip.",
    "I keep my passport myself in my room and I can take it whenever I want to.",
    "I am free to resign at any time and I never paid any fee to get this job.",
)

# Honest answers: each joins two clauses chosen independently, with the worker's own numbers,
# so two honest workers rarely say the same sentence (as in real interviews).
_CLAUSES = (
    (
        (
            "I come in at {start}",
            "around {weekly} hours in a normal week",
            "my shift is eight hours but in {dept} we stay {ot} hours extra",
            "it changes with the orders, last week maybe {weekly_alt}",
            "six days, the {dept} supervisor asks for overtime {ot} times a week",
            "before {month} it was very busy, now less",
        ),
        (
            "and leave after {ot} hours of overtime",
            "Sunday we rest unless there is a shipment",
            "{friend} works the night line so I do not see him much",
            "the machine stops at lunch for one hour",
            "in {month} we had {sundays} Sundays working",
            "I do not count exactly, the card machine counts",
        ),
    ),
    (
        (
            "the money comes around the {day}th",
            "I get about {wage} a month with overtime",
            "pay is fine but the accommodation is taken from it",
            "salary is through the bank, my payslip shows {ot} overtime hours I think",
            "sometimes it is late by a few days but it always comes",
            "in {month} the bonus was less than before",
        ),
        (
            "I send most of it home to my mother",
            "food here costs a lot",
            "{friend} helps me read the slip",
            "I am saving for {saving}",
            "the bank is far, we go on Sunday",
            "the tax part I do not understand",
        ),
    ),
    (
        (
            "my passport is with me in the hostel",
            "I keep my documents, the company made copies when I started",
            "HR in the {dept} building has a copy, the original I have",
            "I have my ID card here, the passport is in the locker in my room",
            "{friend} keeps his in the same box as mine",
            "the agent gave it back when we arrived",
        ),
        (
            "in my bag under the bed",
            "I showed it at the bank in {month}",
            "nobody asked for it since",
            "room {room} has a lock",
            "I need it to send money home",
            "the visa expires next year",
        ),
    ),
    (
        (
            "if I want to go home I must tell the {dept} supervisor one month before",
            "my contract is two years, after that I can renew or go back",
            "{friend} left last year and got his last salary",
            "I did not pay the agent here, in my village I paid for the medical",
            "I like the work in {dept}",
            "some people left after the new manager came",
        ),
        (
            "I want to stay until my sister finishes school",
            "maybe I go back after {years} years",
            "nobody stops you but you lose the bonus",
            "the agency said it is free for us",
            "in {month} three people went home",
            "I have not thought about it",
        ),
    ),
)
_OPENERS = ("", "Well, ", "Honestly ", "I think ", "Mostly ", "For me ", "Hmm, ", "Okay, ")
_JOINERS = (", ", " and ", ". ", " but ", " - ")


@dataclass(frozen=True)
class Conduct:
    """What the records of one audit show; every field off is an honest, decent workplace."""

    workers: int = 20
    days: int = 29  # four full weeks and the Monday after
    double_books: bool = False  # timesheets of exactly 8 h, Monday to Saturday
    excessive_hours: bool = False  # 12-14 h a day, seven days a week
    overtime: float = 1.0  # scales the honest overtime (0.5: a well-planned factory)
    underpaid_hours: bool = False  # payroll pays fewer hours than the timesheets show
    passports_held_by: Holder | None = None
    passports_held_share: float = 0.0
    fee_months: float = 0.0  # recruitment fee paid by the worker, in months of wages
    debt_months: float = 0.0  # recruitment debt still owed, in months of wages
    shared_account_share: float = 0.0  # share of workers paid into one account
    wages_late_days: int = 0
    coached: bool = False  # interviewees recite the same script
    interviews_contradict: bool = False  # interviewees report the hours they really work
    interviews: int = 8
    monthly_wage: float = 1_200.0
    currency: str = "MYR"
    agency: str | None = None


def _account(ref: str) -> str:
    return hashlib.sha256(f"demo-account:{ref}".encode()).hexdigest()[:32]


def _day_hours(rng: random.Random, day: date, conduct: Conduct) -> float:
    if conduct.excessive_hours:
        return round(rng.uniform(12.0, 14.0) * 60) / 60
    if day.weekday() == 6 and rng.random() > 0.05:
        return 0.0
    if conduct.double_books:
        return 8.0
    if rng.random() < 0.03:  # sick
        return 0.0
    overtime = rng.choice((0.0, 0.0, 0.0, 0.5, 1.0, 1.5, 2.0)) * conduct.overtime
    shift = 4.0 if day.weekday() == 5 and rng.random() < 0.3 else 8.0
    return round((shift + overtime + rng.gauss(0, 0.1)) * 60) / 60


def _honest_answers(rng: random.Random, weekly: float, wage: float) -> list[str]:
    values = {
        "start": rng.choice(("7", "7.30", "8", "8.30", "six", "half past seven")),
        "ot": rng.choice(("one", "two", "two or three", "a few", "some", "three", "four")),
        "weekly": str(round(weekly)),
        "weekly_alt": str(round(weekly) + rng.randint(-3, 3)),
        "dept": rng.choice(("cutting", "sewing", "finishing", "packing", "quality", "moulding")),
        "month": rng.choice(("January", "February", "March", "the new year", "Ramadan")),
        "friend": rng.choice(("my cousin", "a friend", "the man in my room", "my line leader")),
        "sundays": str(rng.randint(2, 5)),
        "day": str(rng.randint(1, 10)),
        "wage": f"{round(wage * rng.uniform(0.95, 1.15), -1):.0f}",
        "saving": rng.choice(("a motorbike", "my sister", "a house", "the visa")),
        "room": str(rng.randint(101, 420)),
        "years": str(rng.randint(1, 4)),
    }
    answers = []
    for first, second in _CLAUSES:
        parts = [rng.choice(first).format(**values), rng.choice(second).format(**values)]
        text = rng.choice(_OPENERS) + rng.choice(_JOINERS).join(parts)
        answers.append(text.strip().capitalize() + rng.choice((".", "", "...")))
    return answers


def _weekly_profile(start: date, hours: list[float]) -> tuple[float, float]:
    """Mean weekly hours and rest days over the full Monday-Sunday weeks of the records: what
    an honest worker, asked about a normal week, would say."""
    first = (7 - start.weekday()) % 7
    weeks = [w for w in (hours[i : i + 7] for i in range(first, len(hours) - 6, 7)) if any(w)]
    if not weeks:
        return sum(hours) / max(len(hours) / 7, 1), 1.0
    return (
        sum(sum(w) for w in weeks) / len(weeks),
        sum(sum(1 for h in w if h == 0) for w in weeks) / len(weeks),
    )


def worker_evidence(seed: int, audited_on: date, conduct: Conduct) -> EvidenceIn:
    """Evidence for the ``conduct.days`` days before the audit; the same seed, the same rows."""
    rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not secrets
    # From a Monday, to the Monday after the last full week: every week is whole.
    start = audited_on - timedelta(days=conduct.days + 3)
    start -= timedelta(days=start.weekday())
    refs = [f"W-{i + 1:03d}" for i in range(conduct.workers)]
    held = set(rng.sample(refs, round(conduct.passports_held_share * len(refs))))
    shared = set(rng.sample(refs, round(conduct.shared_account_share * len(refs))))
    interviewed = refs[: min(conduct.interviews, len(refs))]
    rate = conduct.monthly_wage / 208
    timesheets: list[TimesheetIn] = []
    payroll: list[PayrollIn] = []
    interviews: list[InterviewIn] = []
    recruitment: list[RecruitmentIn] = []
    documents: list[DocumentIn] = []
    for ref in refs:
        hours = [_day_hours(rng, start + timedelta(days=d), conduct) for d in range(conduct.days)]
        timesheets += [
            TimesheetIn(worker_ref=ref, day=start + timedelta(days=d), hours=h)
            for d, h in enumerate(hours)
            if h > 0
        ]
        worked = sum(hours)
        hours_paid = worked * 0.8 if conduct.underpaid_hours else worked
        gross = round(hours_paid * rate, 2)
        # The contract's pay for the period's standard hours (48 a week); overtime comes on top.
        base = round(min(worked, 48 * conduct.days / 7) * rate, 2)
        deductions = [DeductionIn(kind="accommodation", amount=round(gross * 0.05, 2))]
        if conduct.debt_months:
            deductions.append(DeductionIn(kind="recruitment_loan", amount=round(gross * 0.3, 2)))
        net = round(gross - sum(d.amount for d in deductions), 2)
        due_on = start + timedelta(days=conduct.days + 1)
        payroll.append(
            PayrollIn(
                worker_ref=ref,
                period_start=start,
                period_end=start + timedelta(days=conduct.days - 1),
                gross=gross,
                net=net,
                deductions=deductions,
                hours_paid=round(hours_paid, 2),
                declared_wage=base,
                due_on=due_on,
                paid_on=due_on + timedelta(days=conduct.wages_late_days),
                paid_to_account=_account("shared" if ref in shared else ref),
            )
        )
        wage = conduct.monthly_wage * rng.uniform(0.95, 1.05)
        recruitment.append(
            RecruitmentIn(
                worker_ref=ref,
                fee_paid=round(conduct.fee_months * wage, 2),
                currency=conduct.currency,
                monthly_wage=round(wage, 2),
                outstanding_debt=round(conduct.debt_months * wage, 2),
                agency=conduct.agency,
            )
        )
        holder = conduct.passports_held_by if ref in held else "worker"
        documents.append(DocumentIn(worker_ref=ref, holder=holder or "worker"))
        if ref in interviewed:
            weekly, rest_days = _weekly_profile(start, hours)
            if conduct.coached:
                reported, answers = 48.0, list(COACHED_SCRIPT)
            else:
                reported, answers = round(weekly), _honest_answers(rng, weekly, wage)
            if conduct.interviews_contradict:
                reported = round(rng.uniform(70, 80))
            interviews.append(
                InterviewIn(
                    worker_ref=ref,
                    reported_weekly_hours=reported,
                    reported_rest_days_per_week=0.0
                    if conduct.interviews_contradict
                    else max(rest_days, 0.0),
                    answers=answers,
                    language="ms",
                    worker_language="ms",
                )
            )
    return EvidenceIn(
        timesheets=timesheets,
        payroll=payroll,
        interviews=interviews,
        recruitment=recruitment,
        documents=documents,
    )
