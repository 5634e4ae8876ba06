"""Background tasks by name, so the in-process runner and RQ workers run the same code.

A task takes the database and string arguments; it owns its transactions and records its
own outcome (an import job's status, say), so a crash leaves a visible, resumable state.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from models.database import Database

Task = Callable[..., None]

# name -> "module:function"; imported lazily so the registry never imports the whole API.
TASKS: dict[str, str] = {
    "imports.process": "api.imports.processing:run_import",
    "assessments.rescore": "api.assessments.rescore:run_rescore_job",
    "webhooks.deliver": "api.webhooks.delivery:deliver",
}


# Imported when a worker process starts, so its first job does not pay for it.
PROCESS_TASK_MODULES = ("api.imports.processing", "api.assessments.rescore")


def register(name: str, target: str) -> None:
    TASKS[name] = target


def resolve(name: str) -> Task:
    try:
        module, function = TASKS[name].split(":")
    except KeyError:
        raise LookupError(f"unknown task {name!r}; known: {sorted(TASKS)}") from None
    task: Task = getattr(import_module(module), function)
    return task


def run_task(name: str, *args: str) -> None:
    """Entry point for RQ workers: a fresh database handle from the worker's settings."""
    from api.events.keying import bind_chain_key
    from api.settings import get_settings

    settings = get_settings()
    database = Database(settings.database_url)
    bind_chain_key(database, settings)
    try:
        resolve(name)(database, *args)
    finally:
        database.dispose()


_WORKER_DATABASES: dict[str, Database] = {}


def start_worker_process() -> None:
    """A worker process leaves Ctrl-C to the API, which stops taking work and waits for the
    job in progress, as it does for jobs in its own threads."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_in_worker_process(target: tuple[str, object], name: str, *args: str) -> None:
    """Entry point in ``ProcessQueue``'s worker: the API's database (URL, chain key), opened
    once per worker process. No ``name``: only start up (import the task code)."""
    from api.events.chain import ChainKey
    from api.events.keying import bind_key

    url, key = target
    database = _WORKER_DATABASES.get(url)
    if database is None:
        database = _WORKER_DATABASES[url] = Database(url)
    bind_key(database, key if isinstance(key, ChainKey) else None)
    if not name:
        for known in PROCESS_TASK_MODULES:
            import_module(known)
        return
    try:
        resolve(name)(database, *args)
    except Exception:  # the task has recorded its failure; keep the worker for the next one
        import structlog

        structlog.get_logger("api.jobs").exception("job_failed", task=name)
