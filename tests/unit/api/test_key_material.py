"""Key material: format, prefix parsing, keyed hashing."""

from __future__ import annotations

from api.auth.keys import generate_key, hash_key, parse_prefix, verify_key


def test_generated_keys_carry_their_prefix() -> None:
    key = generate_key()
    assert key.plaintext.startswith(f"flr_{key.prefix}_")
    assert parse_prefix(key.plaintext) == key.prefix


def test_malformed_keys_have_no_prefix() -> None:
    for bad in ["", "flr_", "flr_ABCDEFGH_x", "xyz_abcdefgh_secret", "flr_abcdefghXsecret"]:
        assert parse_prefix(bad) is None


def test_the_hash_depends_on_the_server_secret() -> None:
    key = generate_key().plaintext
    stored = hash_key(key, "secret-one")
    assert verify_key(key, stored, "secret-one")
    assert not verify_key(key, stored, "secret-two")
    assert not verify_key(key + "x", stored, "secret-one")
