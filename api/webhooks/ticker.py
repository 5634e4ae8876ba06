"""The periodic sweep inside the API process: dispatch what writes by background jobs (imports,
re-scores) recorded, enqueue retries that fell due, and (on RQ) queue again the jobs Redis
lost (``api.jobs.requeue``). Several replicas may each run one; a sweep is safe to repeat
(see ``api.webhooks.dispatch``)."""

from __future__ import annotations

import threading

import structlog

from api.jobs.queue import JobQueue, RQQueue
from api.jobs.requeue import requeue_lost
from api.webhooks.dispatch import run_once
from models.database import Database

log = structlog.get_logger("api.webhooks")


class SweepTicker:
    def __init__(self, database: Database, queue: JobQueue, interval_seconds: float) -> None:
        self.database = database
        self.queue = queue
        self.interval = interval_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="flrisk-webhooks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 30)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                run_once(self.database, self.queue)
            except Exception:  # a database outage, say; the next tick tries again
                log.exception("webhook_sweep_failed")
            if isinstance(self.queue, RQQueue):  # the one queue that loses jobs and lives on
                try:
                    requeue_lost(self.database, self.queue)
                except Exception:
                    log.exception("job_requeue_failed")
