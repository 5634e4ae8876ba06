"""Spreadsheet cells that cannot run: formula (CSV/DDE) injection escaped in one place.

A supplier name such as ``=HYPERLINK("http://evil", "click")`` or ``@SUM(1+1)*cmd|'/c calc'!A1``
typed into a registry or an audit report must reach a reviewer's spreadsheet as text. Any
text cell that starts with one of the characters a spreadsheet reads as the start of a formula
(OWASP, "CSV Injection": ``=``, ``+``, ``-``, ``@``, tab, carriage return) gets a leading
apostrophe, which Excel, LibreOffice and Google Sheets show as text and do not display.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | bool | date | datetime | None


def escape_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def safe_cell(value: Cell) -> Cell:
    """Text escaped; numbers, booleans, dates and blanks kept as they are (a negative number
    is a number, not a formula)."""
    return escape_text(value) if isinstance(value, str) else value


def csv_cell(value: Cell) -> str:
    """The cell as CSV text: escaped, ISO dates, empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return escape_text(value)
    return str(value)
