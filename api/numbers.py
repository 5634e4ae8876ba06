"""Request-schema number types bounded by what the domain allows (``screening.inputs.limits``).

A value outside them answers 422 problem+json naming the field, before it reaches the engine,
the input digest or a column.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from screening.inputs.limits import (
    MAX_HOURS_PER_DAY,
    MAX_HOURS_PER_MONTH,
    MAX_HOURS_PER_WEEK,
    MAX_MONEY,
    MAX_REST_DAYS_PER_WEEK,
    MAX_TIER,
    MAX_WORKERS,
    MIN_TIER,
)

WorkerCount = Annotated[int, Field(ge=0, le=MAX_WORKERS)]
Tier = Annotated[int, Field(ge=MIN_TIER, le=MAX_TIER)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]

# An amount of money that may be negative (a net wage after deductions above the gross).
Money = Annotated[float, Field(ge=-MAX_MONEY, le=MAX_MONEY, allow_inf_nan=False)]
Amount = Annotated[float, Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Wage = Annotated[float, Field(gt=0, le=MAX_MONEY, allow_inf_nan=False)]

HoursPerDay = Annotated[float, Field(ge=0, le=MAX_HOURS_PER_DAY, allow_inf_nan=False)]
HoursPerWeek = Annotated[float, Field(ge=0, le=MAX_HOURS_PER_WEEK, allow_inf_nan=False)]
HoursPerMonth = Annotated[float, Field(ge=0, le=MAX_HOURS_PER_MONTH, allow_inf_nan=False)]
RestDaysPerWeek = Annotated[float, Field(ge=0, le=MAX_REST_DAYS_PER_WEEK, allow_inf_nan=False)]
