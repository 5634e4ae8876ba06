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
