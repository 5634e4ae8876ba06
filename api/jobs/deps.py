"""The job queue as a request dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.jobs.queue import JobQueue


def get_queue(request: Request) -> JobQueue:
    queue: JobQueue = request.app.state.queue
    return queue


QueueDep = Annotated[JobQueue, Depends(get_queue)]
