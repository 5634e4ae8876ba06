"""Uploads in the browser: choose a file, see how its columns will be read (and change it)
before anything is written, import, follow the progress, read the row errors and download
the rejected rows to fix and upload again.

The preview keeps nothing on the server: the file stays in the page's file field and is sent
again with the chosen mapping when the person imports it.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Final

from fastapi import APIRouter, Depends, File, Form, Request, Response, UploadFile
from fastapi.responses import StreamingResponse

from api.auth.roles import Scope
from api.deps import SessionDep, SettingsDep
from api.errors import ProblemError
from api.imports import service
from api.imports.preview import column_map_of, kinds, preview, recent_jobs
from api.imports.rejected import rejected_rows_csv
from api.jobs.deps import QueueDep
from api.web import formatting  # noqa: F401  # registers the template filters
from api.web.deps import SignedIn, require_scope
from api.web.pages import see_other
from api.web.templating import render

router = APIRouter()
Importer = Annotated[SignedIn, Depends(require_scope(Scope.imports))]
ERRORS_SHOWN: Final = 200
MODES: Final = ("upsert", "all_or_nothing", "replace")


@router.get("/imports")
def imports_page(request: Request, session: SessionDep, me: Importer) -> Response:
    return render(
        request,
        "imports/index.html",
        {"title": "Imports", "jobs": recent_jobs(session, me.organisation_id), "kinds": kinds()},
        me=me,
    )


@router.post("/imports/preview")
def preview_fragment(
    request: Request,
    settings: SettingsDep,
    me: Importer,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()] = "suppliers",
    map_header: Annotated[list[str] | None, Form()] = None,
    map_field: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """The mapping table for the chosen file (an htmx fragment); writes nothing."""
    content = service.read_upload(file.file, settings.max_upload_bytes)
    result = preview(
        content,
        filename=file.filename or "upload",
        kind=kind,
        column_map=column_map_of(map_header or [], map_field or []),
        max_bytes=settings.max_upload_bytes,
    )
    return render(request, "imports/preview.html", {"result": result, "kind": kind}, me=me)


@router.post("/imports")
def start_import(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    queue: QueueDep,
    me: Importer,
    file: Annotated[UploadFile, File()],
    kind: Annotated[str, Form()] = "suppliers",
    mode: Annotated[str, Form()] = "upsert",
    map_header: Annotated[list[str] | None, Form()] = None,
    map_field: Annotated[list[str] | None, Form()] = None,
) -> Response:
    if mode not in MODES:
        raise ProblemError("validation-error", f"Unknown mode {mode!r}.")
    content = service.read_upload(file.file, settings.max_upload_bytes)
    options = service.UploadOptions(
        kind=kind,
        dry_run=False,
        mode=mode,
        sheet=None,
        column_map=column_map_of(map_header or [], map_field or []),
    )
    try:
        job, _ = service.submit_import(
            session,
            queue,
            organisation_id=me.organisation_id,
            actor=me.actor.ref,
            content=content,
            filename=file.filename or "upload",
            options=options,
            max_bytes=settings.max_upload_bytes,
        )
    except ProblemError as exc:
        if exc.problem.slug not in ("upload-rejected", "validation-error"):
            raise
        return render(
            request,
            "imports/index.html",
            {
                "title": "Imports",
                "jobs": recent_jobs(session, me.organisation_id),
                "kinds": kinds(),
                "error": f"The file was not imported: {exc}",
            },
            me=me,
            status_code=exc.problem.status,
        )
    return see_other(request, f"/app/imports/{job.id}")


def _job_context(session: SessionDep, me: SignedIn, job_id: uuid.UUID) -> dict[str, object]:
    job = service.get_job(session, me.organisation_id, job_id)
    errors, total, _ = service.error_page(session, job.id, limit=ERRORS_SHOWN, after=None)
    done = job.status in ("completed", "failed")
    percent = (
        100
        if job.status == "completed"
        else int(100 * job.rows_processed / job.rows_total)
        if job.rows_total
        else 0
    )
    return {
        "job": job,
        "errors": errors,
        "errors_total": total,
        "done": done,
        "percent": percent,
        "title": f"Import {job.filename}",
    }


@router.get("/imports/{job_id}")
def job_page(request: Request, job_id: uuid.UUID, session: SessionDep, me: Importer) -> Response:
    return render(request, "imports/job.html", _job_context(session, me, job_id), me=me)


@router.get("/imports/{job_id}/progress")
def job_progress(
    request: Request, job_id: uuid.UUID, session: SessionDep, me: Importer
) -> Response:
    """The progress and results block alone, polled by htmx until the job is done."""
    return render(request, "imports/progress.html", _job_context(session, me, job_id), me=me)


@router.get("/imports/{job_id}/rejected.csv")
def rejected_rows(job_id: uuid.UUID, session: SessionDep, me: Importer) -> StreamingResponse:
    """The rejected rows as uploaded, with an error column: fix them and upload this file."""
    job = service.get_job(session, me.organisation_id, job_id)
    return StreamingResponse(
        rejected_rows_csv(session, job),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="import-{job.id}-rejected.csv"'},
    )


@router.get("/imports/{job_id}/errors.csv")
def error_list(job_id: uuid.UUID, session: SessionDep, me: Importer) -> StreamingResponse:
    job = service.get_job(session, me.organisation_id, job_id)
    return StreamingResponse(
        service.errors_csv(session, job.id),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="import-{job.id}-errors.csv"'},
    )
