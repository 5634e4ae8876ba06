"""The organisation at a glance: suppliers by band and by country, open cases by age, and
the reasons suppliers are flagged. Each figure is one grouped query."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ReviewCase, Supplier
from models.base import utcnow

BANDS: Final = ("critical", "high", "medium", "low")
# Ages a queue is judged by: inside a week, the default due time of 14 days, a month, a quarter.
AGE_BUCKETS: Final = (
    ("under 7 days", timedelta(days=7)),
    ("7-14 days", timedelta(days=14)),
    ("14-30 days", timedelta(days=30)),
    ("30-90 days", timedelta(days=90)),
    ("over 90 days", None),
)
TOP_COUNTRIES: Final = 12


@dataclass(frozen=True)
class Dashboard:
    suppliers: int
    unscored: int
    by_band: list[tuple[str, int]]
    by_country: list[tuple[str, int]]  # the largest, then "others"
    open_cases: int
    overdue: int
    cases_by_age: list[tuple[str, int]]
    flags_by_reason: list[tuple[str, int]]


def dashboard(session: Session, organisation_id: uuid.UUID) -> Dashboard:
    active = (Supplier.organisation_id == organisation_id, Supplier.status == "active")
    bands = dict(
        session.execute(
            select(Supplier.band, func.count()).where(*active).group_by(Supplier.band)
        ).all()
    )
    countries = session.execute(
        select(Supplier.country, func.count())
        .where(*active)
        .group_by(Supplier.country)
        .order_by(func.count().desc(), Supplier.country)
    ).all()
    by_country = [(c, n) for c, n in countries[:TOP_COUNTRIES]]
    others = sum(n for _, n in countries[TOP_COUNTRIES:])
    if others:
        by_country.append(("others", others))
    now = utcnow()
    live = session.execute(
        select(ReviewCase.opened_at, ReviewCase.due_at, ReviewCase.reasons).where(
            ReviewCase.organisation_id == organisation_id, ReviewCase.status != "closed"
        )
    ).all()
    ages: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    overdue = 0
    for opened_at, due_at, case_reasons in live:
        age = now - opened_at
        label = next(name for name, limit in AGE_BUCKETS if limit is None or age < limit)
        ages[label] += 1
        overdue += due_at < now
        reasons.update({str(r.get("code", "")) for r in case_reasons or []})
    return Dashboard(
        suppliers=sum(bands.values()),
        unscored=bands.get(None, 0),
        by_band=[(b, bands.get(b, 0)) for b in BANDS],
        by_country=by_country,
        open_cases=len(live),
        overdue=overdue,
        cases_by_age=[(name, ages[name]) for name, _ in AGE_BUCKETS],
        flags_by_reason=reasons.most_common(),
    )
