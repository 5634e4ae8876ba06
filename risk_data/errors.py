"""Errors raised by the risk-data package."""

from __future__ import annotations


class RiskDataError(ValueError):
    """A risk-data version is missing, malformed or inconsistent.

    The message names the file (and row, where there is one) so the data can be fixed.
    """

    def __init__(self, message: str, *, file: str = "", row: int | None = None) -> None:
        where = file if row is None else f"{file} row {row}"
        super().__init__(f"{where}: {message}" if where else message)
        self.file = file
        self.row = row


class UnknownValueError(LookupError):
    """An input value (country, sector, good, indicator) matches nothing accepted.

    ``suggestions`` are the closest accepted values, best first; the API turns them into a
    validation error instead of silently defaulting.
    """

    def __init__(self, field: str, value: str, suggestions: tuple[str, ...] = ()) -> None:
        hint = f"; closest accepted values: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown {field} {value!r}{hint}")
        self.field = field
        self.value = value
        self.suggestions = suggestions

    def __reduce__(self) -> tuple[type[UnknownValueError], tuple[str, str, tuple[str, ...]]]:
        return (UnknownValueError, (self.field, self.value, self.suggestions))
