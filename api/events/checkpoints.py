"""Signed checkpoints of each organisation's chain head, kept in an append-only file.

A checkpoint says "on <at>, organisation O's chain had reached seq N with hash H", signed
with HMAC-SHA256 under a key derived from the chain secret. The file lives outside the
database (``FLRISK_CHAIN_CHECKPOINTS``), so someone who can rewrite the database cannot
rewrite what was anchored: ``flrisk audit verify`` fails if the database no longer holds the
checkpointed event, or holds a shorter chain than a checkpoint (its tail was deleted).

One JSON object per line, appended, never rewritten:
``{"at":…,"hash":…,"key_id":…,"organisation_id":…,"seq":…,"signature":…}``.
"""

from __future__ import annotations

import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from api.events.chain import ChainKey, canonical_json


@dataclass(frozen=True, slots=True)
class Checkpoint:
    organisation_id: str
    seq: int
    hash: str
    at: str  # ISO 8601, UTC, microseconds
    key_id: str
    signature: str

    def line(self) -> str:
        return canonical_json(_signed_fields(self) | {"signature": self.signature}) + "\n"


@dataclass(frozen=True, slots=True)
class CheckpointProblem:
    """A line of the file that cannot be trusted: unreadable, signed with another key, forged."""

    line_number: int
    reason: str


@dataclass(frozen=True)
class CheckpointFile:
    checkpoints: list[Checkpoint]
    problems: list[CheckpointProblem]

    def by_organisation(self) -> dict[str, dict[int, Checkpoint]]:
        found: dict[str, dict[int, Checkpoint]] = {}
        for checkpoint in self.checkpoints:
            found.setdefault(checkpoint.organisation_id, {})[checkpoint.seq] = checkpoint
        return found


def _signed_fields(checkpoint: Checkpoint) -> dict[str, object]:
    return {
        "organisation_id": checkpoint.organisation_id,
        "seq": checkpoint.seq,
        "hash": checkpoint.hash,
        "at": checkpoint.at,
        "key_id": checkpoint.key_id,
    }


def _signature(key: ChainKey, checkpoint: Checkpoint) -> str:
    body = canonical_json(_signed_fields(checkpoint)).encode()
    return hmac.digest(key.checkpoint_key, body, "sha256").hex()


def sign_checkpoint(
    key: ChainKey, organisation_id: str, seq: int, head_hash: str, at: datetime
) -> Checkpoint:
    unsigned = Checkpoint(
        organisation_id, seq, head_hash, at.isoformat(timespec="microseconds"), key.key_id, ""
    )
    return Checkpoint(
        organisation_id, seq, head_hash, unsigned.at, key.key_id, _signature(key, unsigned)
    )


def append_checkpoints(path: Path, checkpoints: Iterable[Checkpoint]) -> None:
    """Append, in one write, and make it durable; the file is only ever opened to append."""
    text = "".join(c.line() for c in checkpoints)
    if not text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        data = text.encode()
        while data:
            data = data[os.write(descriptor, data) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def read_checkpoints(path: Path, key: ChainKey) -> CheckpointFile:
    """Every checkpoint in the file whose signature holds under ``key``; the rest as problems.

    A missing file holds no checkpoints (none were taken yet)."""
    checkpoints: list[Checkpoint] = []
    problems: list[CheckpointProblem] = []
    if not path.exists():
        return CheckpointFile(checkpoints, problems)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                checkpoint = Checkpoint(
                    organisation_id=str(raw["organisation_id"]),
                    seq=int(raw["seq"]),
                    hash=str(raw["hash"]),
                    at=str(raw["at"]),
                    key_id=str(raw["key_id"]),
                    signature=str(raw["signature"]),
                )
            except (ValueError, KeyError, TypeError):
                problems.append(CheckpointProblem(number, "the line is not a checkpoint"))
                continue
            if checkpoint.key_id != key.key_id:
                problems.append(
                    CheckpointProblem(
                        number,
                        f"signed with another chain secret (key id {checkpoint.key_id}, "
                        f"this server's is {key.key_id})",
                    )
                )
            elif not hmac.compare_digest(checkpoint.signature, _signature(key, checkpoint)):
                problems.append(
                    CheckpointProblem(number, "its signature does not match (altered or forged)")
                )
            else:
                checkpoints.append(checkpoint)
    return CheckpointFile(checkpoints, problems)
