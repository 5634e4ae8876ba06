"""The rejected rows of an import as a file to fix and upload again: each row as it was in
the upload (under the user's own headers), with an ``error`` column saying what to fix.

The upload's bytes are kept with the job (``ImportFile``), so the rows are read again with
the same reader and options, and only those with errors are written out. Warnings (a
finding stored without an indicator) did not reject their row and are left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.exports.cells import escape_text
from api.imports.handlers import HANDLERS
from ingest.reading import open_table
from ingest.reading.errors import WARNING
from models import ImportFile, ImportJob, ImportRowError


def rejected_rows_csv(session: Session, job: ImportJob) -> Iterator[str]:
    import api.imports.kinds  # noqa: F401  # registers every handler

    messages: dict[int, list[str]] = {}
    query = (
        select(ImportRowError.row, ImportRowError.column, ImportRowError.message)
        .where(ImportRowError.job_id == job.id)
        .order_by(ImportRowError.id)
    )
    for row, column, message in session.execute(query):
        if not message.startswith(WARNING):
            messages.setdefault(row, []).append(f"{column}: {message}" if column else message)
    stored = session.get(ImportFile, job.id)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if stored is None or not messages:
        writer.writerow(["error"])
        yield buffer.getvalue()
        return
    options = dict(job.options or {})
    with open_table(
        stored.content,
        filename=job.filename,
        sheet=options.get("sheet"),
        column_map=options.get("column_map"),
        fields=HANDLERS[job.kind].fields,
        max_bytes=len(stored.content) + 1,
        chunk_rows=5_000,
    ) as table:
        fields = list(table.columns.values())
        headers = list(table.columns.keys())
        writer.writerow([*headers, "error"])
        for chunk in table.iter_chunks():
            for raw in chunk:
                found = messages.get(raw.row_number)
                if found:
                    cells = [escape_text(raw.values.get(f, "")) for f in fields]
                    writer.writerow([*cells, escape_text("; ".join(found))])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
