"""The keyed hash of the event chain and the checkpoint signatures, without a database."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from pathlib import Path

import pytest

from api.events.chain import ChainKey, ChainKeyMissing, event_hash, hmac_sha256_hex
from api.events.checkpoints import append_checkpoints, read_checkpoints, sign_checkpoint

FIELDS = {
    "prev_hash": "0" * 64,
    "organisation_id": "6f1c1d2e-0000-4000-8000-000000000001",
    "seq": 1,
    "entity_type": "case",
    "entity_id": "c1",
    "action": "case.closed",
    "actor": "person:1",
    "before": {"status": "open"},
    "after": {"status": "closed"},
    "created_at": datetime(2026, 12, 4, 18, 0, tzinfo=UTC),
    "actor_kind": "person",
    "actor_name": "Ana Reviewer",
}


@pytest.mark.parametrize("key_length", [0, 16, 32, 64, 65, 200])
def test_the_precomputed_hmac_is_rfc_2104_hmac_sha256(key_length: int) -> None:
    key = bytes(range(key_length % 256)) * (key_length // 256 + 1)
    key = key[:key_length]
    for message in (b"", b"x", bytes(range(256)) * 5):
        assert hmac_sha256_hex(key)(message) == hmac.digest(key, message, "sha256").hex()


def test_a_keyed_hash_depends_on_the_secret_and_covers_the_actor() -> None:
    ours, theirs = ChainKey.from_secret("s" * 32), ChainKey.from_secret("t" * 32)
    keyed = event_hash(**FIELDS, version=3, key=ours)
    assert keyed != event_hash(**FIELDS, version=3, key=theirs)
    assert keyed != event_hash(**FIELDS, version=2)
    assert keyed != event_hash(**FIELDS | {"actor_name": "Ben Reviewer"}, version=3, key=ours)
    with pytest.raises(ChainKeyMissing):
        event_hash(**FIELDS, version=3)


def test_the_key_id_names_the_secret_without_revealing_it() -> None:
    key = ChainKey.from_secret("s" * 32)
    assert (
        key.key_id == ChainKey.from_secret("s" * 32).key_id != ChainKey.from_secret("t" * 32).key_id
    )
    assert "s" * 16 not in repr(key) and key.event_key != key.checkpoint_key


def test_a_checkpoint_signed_with_another_secret_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "checkpoints.jsonl"
    at = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    ours, theirs = ChainKey.from_secret("s" * 32), ChainKey.from_secret("t" * 32)
    append_checkpoints(path, [sign_checkpoint(ours, "org", 3, "a" * 64, at)])
    append_checkpoints(path, [sign_checkpoint(theirs, "org", 9, "b" * 64, at)])
    found = read_checkpoints(path, ours)
    assert [c.seq for c in found.checkpoints] == [3]
    assert [p.line_number for p in found.problems] == [2]
    assert "another chain secret" in found.problems[0].reason
