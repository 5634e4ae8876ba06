"""Verifying every organisation's event chain, against its head row and its checkpoints.

What is found, per organisation:

* an edit: an event's content no longer gives its hash (keyed events cannot be recomputed
  without the chain secret, so a chain rewritten without it fails here too);
* a reordering or a deletion in the middle: the seq jumps, or prev_hash is not the hash
  before it;
* a deletion at the tail: the chain ends before its head row (``event_chain_heads``) or before
  a signed checkpoint, or the event at the head's seq does not have the head's hash;
* an unkeyed (version 1/2) event after a keyed one: written by a server without the secret,
  or forged;
* a checkpointed (seq, hash) the chain no longer has, or a checkpoint line that is not signed
  with this server's secret.

Speed: the rows are streamed as plain tuples (no ORM objects; on PostgreSQL from a
server-side cursor in index order, the next batch fetched while this one is hashed), the JSON
columns read as text and parsed with orjson, and each body encoded with orjson with sorted keys. That encoding is
byte-identical to ``canonical_json`` for everything but floats written in exponent form and
integers beyond 64 bits; a row whose fast hash does not match is therefore hashed again from
its ORM object with ``canonical_json`` exactly as the writer does, and only a mismatch there
is a broken link. The fast path can only accept bytes the writer's encoder produced.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.events.chain import (
    GENESIS_HASH,
    KEYED_HASH_VERSION,
    ChainKey,
    ChainKeyMissing,
    event_hash,
    hmac_sha256_hex,
)
from api.events.checkpoints import Checkpoint, CheckpointFile
from api.events.keying import session_chain_key
from models import Event, EventChainHead


@dataclass(frozen=True)
class BrokenLink:
    organisation_id: str
    seq: int
    event_id: int | None  # None when the break is a missing event (at the tail)
    reason: str


@dataclass(frozen=True)
class ChainReport:
    events_checked: int
    organisations: int
    broken: BrokenLink | None
    keyed: bool = False  # a chain secret was configured (keyed events were checked)
    unkeyed_events: int = 0  # events of hash version 1 or 2, which anyone could recompute
    checkpoints_checked: int = 0

    @property
    def ok(self) -> bool:
        return self.broken is None


# SQLAlchemy keeps UTC timestamps on SQLite as "YYYY-MM-DD HH:MM:SS.ffffff"; SQLite turns
# them into what ``datetime.isoformat(timespec="microseconds")`` writes in UTC.
_SQLITE_ROWS = (
    "SELECT organisation_id, seq, id, entity_type, entity_id, action, actor, actor_kind, "
    'actor_name, hash_version, prev_hash, hash, "before", "after", '
    "CASE WHEN length(created_at) = 26 THEN substr(created_at, 1, 10) || 'T' || "
    "substr(created_at, 12) || '+00:00' ELSE created_at END "
    "FROM events ORDER BY organisation_id, seq"
)
# Text straight from the server: the uuid with dashes, jsonb as text, the time as
# ``datetime.isoformat(timespec="microseconds")`` writes it in UTC.
_POSTGRES_ROWS = (
    "SELECT organisation_id::text, seq, id, entity_type, entity_id, action, actor, actor_kind, "
    'actor_name, hash_version, prev_hash, hash, "before"::text, "after"::text, '
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"') "
    # Qualified: the bare names would sort by the text columns above, on disk, not by the index.
    "FROM events ORDER BY events.organisation_id, events.seq"
)
_BATCH = 5000


def _rows(session: Session) -> Iterator[tuple[Any, ...]]:
    """(organisation_id, seq, id, ..., before JSON text, after JSON text, created_at ISO)."""
    connection = session.connection()
    driver = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        # A server-side cursor of the session's transaction, read in batches as tuples.
        with driver.cursor(name="flrisk_verify_chain") as cursor:  # type: ignore[union-attr]
            cursor.execute(_POSTGRES_ROWS)
            yield from _prefetched(cursor.fetchmany)
        return
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.arraysize = _BATCH
        cursor.execute(_SQLITE_ROWS)
        yield from cursor
    finally:
        cursor.close()


def _prefetched(fetch: Callable[[int], list[tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``fetch``, the next batch fetched by a thread while the caller hashes this
    one: the server turning jsonb into text and our hashing overlap instead of taking turns."""
    batches: queue.Queue[list[tuple[Any, ...]] | BaseException | None] = queue.Queue(maxsize=2)
    stop = threading.Event()

    def hand(item: list[tuple[Any, ...]] | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                batches.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def fetcher() -> None:
        try:
            while (batch := fetch(_BATCH)) and hand(batch):
                pass
            hand(None)
        except BaseException as exc:  # handed to the reader, raised there
            hand(exc)

    thread = threading.Thread(target=fetcher, name="flrisk-verify-fetch", daemon=True)
    thread.start()
    try:
        while (batch := batches.get()) is not None:
            if isinstance(batch, BaseException):
                raise batch
            yield from batch
    finally:  # a walk that stops at a broken link, or fails, stops the fetcher first
        stop.set()
        thread.join()


def _heads(session: Session) -> dict[str, tuple[int, str]]:
    query = select(EventChainHead.organisation_id, EventChainHead.seq, EventChainHead.hash)
    return {str(org): (int(seq), head_hash) for org, seq, head_hash in session.execute(query)}


_SORT = orjson.OPT_SORT_KEYS
_loads = orjson.loads
_dumps = orjson.dumps


def _exact_hash(session: Session, event_id: int, key: ChainKey | None) -> str:
    """The hash of a stored event as the writer computes it (stdlib canonical JSON)."""
    event = session.get(Event, event_id)
    if event is None:  # deleted while we read
        return ""
    return event_hash(
        prev_hash=event.prev_hash,
        organisation_id=str(event.organisation_id),
        seq=event.seq,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        action=event.action,
        actor=event.actor,
        before=event.before,
        after=event.after,
        created_at=event.created_at,
        actor_kind=event.actor_kind,
        actor_name=event.actor_name,
        version=event.hash_version,
        key=key,
    )


def _tail_break(
    org: str,
    last_seq: int,
    last_hash: str,
    head: tuple[int, str] | None,
    checkpoints: dict[int, Checkpoint],
) -> BrokenLink | None:
    """After an organisation's last event: its tail must be where its head row and its
    checkpoints say."""
    if head is None:
        return BrokenLink(org, last_seq, None, "the chain has no head row (it was deleted)")
    head_seq, head_hash = head
    if head_seq > last_seq:
        return BrokenLink(
            org,
            last_seq,
            None,
            f"the chain ends at seq {last_seq} but its head row is at seq {head_seq} "
            "(events were removed from the end)",
        )
    if head_seq == last_seq and head_hash != last_hash:
        return BrokenLink(org, last_seq, None, "the last event's hash is not its head row's")
    anchored = max(checkpoints, default=0)
    if anchored > last_seq:
        return BrokenLink(
            org,
            last_seq,
            None,
            f"the chain ends at seq {last_seq}, behind the checkpoint at seq {anchored} signed "
            f"at {checkpoints[anchored].at} (events were removed from the end)",
        )
    return None


class _Tally:
    """What the walk has seen so far, for the report."""

    def __init__(self, key: ChainKey | None) -> None:
        self.key = key
        self.events = self.organisations = self.unkeyed = self.checkpoints = 0

    def report(self, broken: BrokenLink | None) -> ChainReport:
        return ChainReport(
            self.events,
            self.organisations,
            broken,
            keyed=self.key is not None,
            unkeyed_events=self.unkeyed,
            checkpoints_checked=self.checkpoints,
        )


def verify_chain(session: Session, checkpoints: CheckpointFile | None = None) -> ChainReport:
    """Walk every organisation's chain; report the first broken link.

    The chain secret comes with the session (``api.events.keying``); keyed events cannot be
    checked without it (``ChainKeyMissing``). ``checkpoints`` are the lines of the checkpoint
    file; a line that is not validly signed is a broken link.
    """
    key = session_chain_key(session)
    tally = _Tally(key)
    if checkpoints is not None and checkpoints.problems:
        problem = checkpoints.problems[0]
        where = f"checkpoint file line {problem.line_number}: {problem.reason}"
        return tally.report(BrokenLink("", 0, None, where))
    anchored = checkpoints.by_organisation() if checkpoints is not None else {}
    # Heads are read before the events: an append committed in between only moves a chain
    # past its head, which is allowed; a head beyond the chain's end is not.
    heads = _heads(session)
    keyed_hash = hmac_sha256_hex(key.event_key) if key is not None else None
    sha256, dumps, loads, sort_keys = (
        hashlib.sha256,
        orjson.dumps,
        orjson.loads,
        orjson.OPT_SORT_KEYS,
    )

    raw_org: Any = None
    org = ""
    expected_seq, expected_prev, highest_version = 1, GENESIS_HASH, 0
    head: tuple[int, str] | None = None
    head_seq, head_hash = 0, ""
    wanted: dict[int, Checkpoint] = {}

    def tail() -> BrokenLink | None:
        # A first append may have made the head row after the heads were read.
        current = head if head is not None else _heads(session).get(org)
        return _tail_break(org, expected_seq - 1, expected_prev, current, wanted)

    for (
        row_org,
        seq,
        event_id,
        entity_type,
        entity_id,
        action,
        actor,
        actor_kind,
        actor_name,
        version,
        prev_hash,
        stored_hash,
        before_text,
        after_text,
        created_at,
    ) in _rows(session):
        if row_org != raw_org:
            if raw_org is not None:
                if broken := tail():
                    return tally.report(broken)
                tally.checkpoints += len(wanted)
            raw_org, org = row_org, str(uuid.UUID(str(row_org)))
            tally.organisations += 1
            head = heads.pop(org, None)
            head_seq, head_hash = head or (0, "")
            wanted = anchored.pop(org, {})
            expected_seq, expected_prev, highest_version = 1, GENESIS_HASH, 0
        tally.events += 1
        reason = None
        if seq != expected_seq:
            reason = (
                f"sequence jumps from {expected_seq - 1} to {seq} (an event was removed, or "
                "events were reordered)"
            )
        elif prev_hash != expected_prev:
            reason = "prev_hash does not match the previous event's hash (reordered or replaced)"
        elif version < highest_version and highest_version >= KEYED_HASH_VERSION:
            reason = (
                f"an unkeyed event (hash version {version}) after keyed ones: written without "
                "the chain secret"
            )
        else:
            if version < KEYED_HASH_VERSION:
                tally.unkeyed += 1
            elif keyed_hash is None:
                raise ChainKeyMissing(
                    "the chain has keyed events (hash version 3): set FLRISK_CHAIN_SECRET to "
                    "verify them"
                )
            try:
                fields = {
                    "organisation_id": org,
                    "seq": seq,
                    "entity_type": entity_type,
                    "entity_id": entity_id,
                    "action": action,
                    "actor": actor,
                    "before": None if before_text is None else loads(before_text),
                    "after": None if after_text is None else loads(after_text),
                    "created_at": created_at,
                }
                if version >= 2:
                    fields["actor_kind"] = actor_kind
                    fields["actor_name"] = actor_name
                    fields["hash_version"] = version
                message = prev_hash.encode() + b"\n" + dumps(fields, option=sort_keys)
                if keyed_hash is not None and version >= KEYED_HASH_VERSION:
                    fast = keyed_hash(message)
                else:
                    fast = sha256(message).hexdigest()
            except (orjson.JSONDecodeError, TypeError):  # NaN, Infinity, integers past 64 bits
                fast = ""
            if fast != stored_hash and _exact_hash(session, event_id, key) != stored_hash:
                reason = "the event's content does not match its hash (it was altered)"
            elif seq in wanted and wanted[seq].hash != stored_hash:
                reason = (
                    f"the event's hash is not the one checkpointed at {wanted[seq].at} "
                    "(the chain was rewritten)"
                )
            elif seq == head_seq and stored_hash != head_hash:
                reason = "the event's hash is not the one its head row holds"
        if reason:
            return tally.report(BrokenLink(org, seq, event_id, reason))
        expected_prev, expected_seq = stored_hash, seq + 1
        if version > highest_version:
            highest_version = version
    if raw_org is not None:
        if broken := tail():
            return tally.report(broken)
        tally.checkpoints += len(wanted)
    for gone, signed in anchored.items():
        last = max(signed)
        return tally.report(
            BrokenLink(
                gone,
                0,
                None,
                f"the organisation's chain is gone, but a checkpoint at seq {last} was signed "
                f"at {signed[last].at}",
            )
        )
    for emptied, (seq, _) in heads.items():
        if seq > 0:
            return tally.report(
                BrokenLink(emptied, 0, None, f"the head row is at seq {seq} but no events remain")
            )
    return tally.report(None)
