"""What the domain allows a number to be, in one place for every door.

A value outside these bounds is a typo (a currency amount in the worker-count column, a
thousands separator read as a decimal) or an attack, never a supplier: the API schemas, the
CSV/XLSX upload rows and ``flrisk score`` refuse it with the field it came from, so nothing
outside them is scored, hashed into an input digest or stored (the columns are sized for them:
32-bit integers and double-precision floats on both engines).
"""

from __future__ import annotations

import math
from typing import Final

# The largest employers have about 2 million staff worldwide; a supplier site (or an audited
# site) above 10 million workers is a typo.
MAX_WORKERS: Final = 10_000_000

# 1 = the buyer's direct supplier. Real chains are a handful of tiers deep (raw material is
# usually tier 4 or 5); 100 leaves room for any chain without admitting 2**40.
MIN_TIER: Final = 1
MAX_TIER: Final = 100

# Amounts are per worker and period (a wage, a deduction, a recruitment fee or debt), in the
# currency of the record. One trillion is above any of them in any currency (a month's wage in
# dong or rupiah is about 10**7) and keeps a double exact to the cent (cents below 2**53).
MAX_MONEY: Final = 1e12

MAX_HOURS_PER_DAY: Final = 24
MAX_HOURS_PER_WEEK: Final = 7 * 24
MAX_HOURS_PER_MONTH: Final = 31 * 24  # hours paid in one pay period of at most a month
MAX_REST_DAYS_PER_WEEK: Final = 7


def is_money(amount: float) -> bool:
    """A finite amount within the bounds; ``inf`` and ``nan`` are never money."""
    return math.isfinite(amount) and -MAX_MONEY <= amount <= MAX_MONEY
