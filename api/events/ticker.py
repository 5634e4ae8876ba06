"""The periodic checkpoint inside the API process: every few minutes, sign the head of each
organisation's chain that moved and append it to the checkpoint file, so a deleted tail
can only go unnoticed if it is younger than the last tick. Several replicas may each run one;
a checkpoint written twice is harmless."""

from __future__ import annotations

import threading
from pathlib import Path

import structlog

from api.events.anchor import checkpoint_heads
from api.events.chain import ChainKey
from models.database import Database

log = structlog.get_logger("api.events")


class CheckpointTicker:
    def __init__(
        self, database: Database, key: ChainKey, path: Path, interval_seconds: float
    ) -> None:
        self.database = database
        self.key = key
        self.path = path
        self.interval = interval_seconds
        self._written: dict[str, int] = {}  # organisation -> seq last checkpointed here
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="flrisk-checkpoints", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 30)

    def tick(self) -> int:
        with self.database.session() as session:
            made = checkpoint_heads(session, self.key, self.path, already=self._written)
        self._written.update((c.organisation_id, c.seq) for c in made)
        return len(made)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.tick()
            except Exception:  # a database outage or a full disk; the next tick tries again
                log.exception("chain_checkpoint_failed")
