"""Where long work runs: RQ workers when ``REDIS_URL`` is set, a thread in this process
otherwise, or inline (tests and the CLI) when asked."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Literal, Protocol

import structlog

from api.errors import ProblemError
from api.jobs.tasks import resolve
from models.database import Database

log = structlog.get_logger("api.jobs")
QUEUE_NAME = "flrisk"
# The longest a job may run; one unfinished after this lost its worker.
JOB_TIMEOUT_SECONDS = 3600
JobMode = Literal["auto", "inline", "thread", "rq"]
# How long an enqueue (or a readiness ping) waits for Redis before the request gives up.
REDIS_TIMEOUT_SECONDS = 3.0


class QueueUnavailable(ProblemError):
    """The queue could not take the job (Redis unreachable): 503 ``queue-unavailable``. The
    caller undoes what it committed for the job, so nothing waits for a job never queued."""

    def __init__(self, detail: str) -> None:
        super().__init__("queue-unavailable", detail)


class JobQueue(Protocol):
    def enqueue(self, task: str, *args: str) -> None:
        """Hand the task over, or raise ``QueueUnavailable``."""
        ...

    def ping(self) -> str | None:
        """What the queue depends on, for readiness: ``None`` when it runs in this process;
        raises when that dependency cannot be reached."""
        ...

    def shutdown(self) -> None: ...


class InlineQueue:
    """Runs the task before ``enqueue`` returns: deterministic, for tests and the CLI."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def enqueue(self, task: str, *args: str) -> None:
        resolve(task)(self.database, *args)

    def ping(self) -> str | None:
        return None

    def shutdown(self) -> None:
        return None


class ThreadQueue:
    """In-process background threads: zero set-up for a single instance."""

    def __init__(self, database: Database, workers: int = 2) -> None:
        self.database = database
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="flrisk-job")
        self._lock = threading.Lock()

    def enqueue(self, task: str, *args: str) -> None:
        function = resolve(task)

        def run() -> None:
            try:
                function(self.database, *args)
            except Exception:  # the task has recorded its failure; keep the thread alive
                log.exception("job_failed", task=task)

        with self._lock:
            self._executor.submit(run)

    def ping(self) -> str | None:
        return None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True)


class RQQueue:
    """Redis Queue: stateless API replicas hand work to ``flrisk worker`` processes."""

    def __init__(self, redis_url: str) -> None:
        from redis import Redis
        from rq import Queue

        self._redis = Redis.from_url(
            redis_url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self._queue = Queue(QUEUE_NAME, connection=self._redis)

    def enqueue(self, task: str, *args: str) -> None:
        from redis.exceptions import RedisError

        resolve(task)  # fail here, in the request, for an unknown task
        try:
            self._queue.enqueue(
                "api.jobs.tasks.run_task", task, *args, job_timeout=JOB_TIMEOUT_SECONDS
            )
        except RedisError as exc:
            log.warning("queue_unavailable", task=task, error=type(exc).__name__)
            raise QueueUnavailable(
                f"The job queue (Redis) cannot be reached ({type(exc).__name__}); the job was "
                "not queued and nothing was written. Retry later."
            ) from exc

    def ping(self) -> str | None:
        self._redis.ping()
        return "redis"

    def shutdown(self) -> None:
        return None


def make_queue(mode: JobMode, database: Database, redis_url: str | None) -> JobQueue:
    if mode == "inline":
        return InlineQueue(database)
    if mode == "rq" or (mode == "auto" and redis_url):
        if not redis_url:
            raise ValueError("job mode 'rq' needs REDIS_URL")
        return RQQueue(redis_url)
    return ThreadQueue(database)
