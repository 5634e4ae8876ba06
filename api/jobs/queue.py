"""Where long work runs: RQ workers when ``REDIS_URL`` is set; otherwise imports and rescores
in a worker process beside this one and lighter tasks in a thread of this one; inline (tests
and the CLI) when asked."""

from __future__ import annotations

import multiprocessing
import re
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Literal, Protocol

import structlog

from api.errors import ProblemError
from api.jobs.tasks import resolve, run_in_worker_process, start_worker_process
from models.database import Database

log = structlog.get_logger("api.jobs")
QUEUE_NAME = "flrisk"
# The longest a job may run; one unfinished after this lost its worker.
JOB_TIMEOUT_SECONDS = 3600
JobMode = Literal["auto", "inline", "thread", "rq"]
# CPU-bound for seconds to minutes: run in a worker process, so this process's requests never
# wait for the job (Python runs one thread at a time; a request beside a 100k-row import in a
# thread took p99 0.2-0.3 s, its garbage collections paused every request for up to 1.5 s).
PROCESS_TASKS = frozenset({"imports.process", "assessments.rescore"})
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


class ProcessQueue:
    """Imports and rescores in one worker process beside this one (spawned: none of this
    process's threads or connections is inherited), anything else in threads here.

    The worker opens the same database with the same chain key. One job at a time: the
    other core stays for this process's requests, and jobs queue in submission order. The
    worker starts with the first such job, or with ``start`` (the API calls it as it starts,
    so an upload does not wait for the task code to import). A worker that dies (killed, out
    of memory) fails its task's future; the job it was running is left to the lost-job
    handling, as with a lost RQ worker, and the next task starts a new worker.
    """

    def __init__(self, database: Database, workers: int = 1) -> None:
        self.database = database
        self._threads = ThreadQueue(database)
        self._workers = workers
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        with self._lock:
            self._submit("")

    def _submit(self, task: str, *args: str) -> Future[None]:
        target = (self.database.url, self._chain_key())
        if self._pool is not None:
            try:
                return self._pool.submit(run_in_worker_process, target, task, *args)
            except BrokenProcessPool:
                self._pool.shutdown(wait=False)
        self._pool = ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker_process,
        )
        return self._pool.submit(run_in_worker_process, target, task, *args)

    def _chain_key(self) -> Any:
        from api.events.keying import CHAIN_KEY_INFO

        return (self.database.sessionmaker.kw.get("info") or {}).get(CHAIN_KEY_INFO)

    def enqueue(self, task: str, *args: str) -> None:
        if task not in PROCESS_TASKS:
            self._threads.enqueue(task, *args)
            return
        resolve(task)  # fail here, in the request, for an unknown task
        with self._lock:
            future = self._submit(task, *args)
        future.add_done_callback(lambda done: _log_failure(task, done))

    def ping(self) -> str | None:
        return None  # the worker needs nothing but the database

    def shutdown(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
        self._threads.shutdown()


def _log_failure(task: str, done: Future[None]) -> None:
    error = done.exception()
    if error is not None:  # the task records its own failures; this is the worker lost
        log.error("job_worker_lost", task=task, error=repr(error))


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
        """Queue the task once: its RQ job id is the task and its arguments, so enqueueing
        what Redis still holds (queued or running) is a no-op; one it has finished with (or
        lost, in a restart) is queued again, and the task's own claim decides whether it runs."""
        from redis.exceptions import RedisError
        from rq.exceptions import DuplicateJobError

        resolve(task)  # fail here, in the request, for an unknown task
        job_id = re.sub(r"[^A-Za-z0-9_-]", "_", "__".join((QUEUE_NAME, task, *args)))
        try:
            for _ in range(2):
                try:
                    self._queue.enqueue_call(
                        "api.jobs.tasks.run_task",
                        args=(task, *args),
                        timeout=JOB_TIMEOUT_SECONDS,
                        job_id=job_id,
                        unique=True,
                    )
                    return
                except DuplicateJobError:
                    if not self._clear_if_done(job_id):
                        return  # queued or running already
        except RedisError as exc:
            log.warning("queue_unavailable", task=task, error=type(exc).__name__)
            raise QueueUnavailable(
                f"The job queue (Redis) cannot be reached ({type(exc).__name__}); the job was "
                "not queued and nothing was written. Retry later."
            ) from exc

    def _clear_if_done(self, job_id: str) -> bool:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job, JobStatus

        try:
            held = Job.fetch(job_id, connection=self._redis)
        except NoSuchJobError:
            return True  # gone meanwhile
        if held.get_status() in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED):
            return False
        held.delete()  # finished, failed or stopped: its record is no reason not to queue
        return True

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
    if mode == "thread" or _in_memory(database):
        return ThreadQueue(database)
    return ProcessQueue(database)


def _in_memory(database: Database) -> bool:
    """An in-memory SQLite database exists in this process only."""
    from sqlalchemy import make_url

    url = make_url(database.url)
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")
