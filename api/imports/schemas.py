"""Import jobs and their row errors as the API shows them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class ImportCountsOut(BaseModel):
    created: int = Field(description="New active suppliers (proposed duplicates included).")
    updated: int
    unchanged: int
    merged: int = Field(description="Rows kept as merged records of a supplier already known.")
    proposed: int = Field(description="Created rows paired with a possible duplicate to review.")
    rejected: int = Field(description="Rows not imported because of errors.")


class ImportJobOut(BaseModel):
    id: uuid.UUID
    kind: str
    filename: str
    sha256: str
    status: Literal["queued", "validating", "running", "completed", "failed"]
    dry_run: bool
    mode: Literal["upsert", "all_or_nothing", "replace"]
    options: dict[str, Any]
    file_format: str | None
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    rows_total: int
    rows_processed: int
    counts: ImportCountsOut
    problem: dict[str, Any] | None = Field(description="Why the job failed, if it did.")
    errors_url: str


class RowErrorOut(BaseModel):
    row: int = Field(description="1-based row in the spreadsheet (the header is a row).")
    column: str | None = Field(description="The header as written in the file.")
    value: str | None
    message: str


class RowErrorPage(BaseModel):
    items: list[RowErrorOut]
    total: int
    next_cursor: str | None
