"""Key material: ``flr_<prefix>_<secret>``, shown once, stored as an HMAC-SHA256.

A keyed hash (not a slow password hash) is right here: the secret has 192 random bits, so
brute force is hopeless, and every request must verify in microseconds. The server secret
means a stolen database alone cannot confirm a key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
from dataclasses import dataclass

KEY_SCHEME = "flr_"
PREFIX_LENGTH = 8
_PREFIX_ALPHABET = string.ascii_lowercase + string.digits


@dataclass(frozen=True)
class NewKey:
    prefix: str
    plaintext: str


def generate_key() -> NewKey:
    prefix = "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return NewKey(prefix=prefix, plaintext=f"{KEY_SCHEME}{prefix}_{secrets.token_urlsafe(24)}")


def parse_prefix(plaintext: str) -> str | None:
    """The prefix of a well-formed key, or None: malformed keys never reach the database."""
    if not plaintext.startswith(KEY_SCHEME) or len(plaintext) < len(KEY_SCHEME) + PREFIX_LENGTH + 2:
        return None
    prefix = plaintext[len(KEY_SCHEME) : len(KEY_SCHEME) + PREFIX_LENGTH]
    if plaintext[len(KEY_SCHEME) + PREFIX_LENGTH] != "_":
        return None
    if any(c not in _PREFIX_ALPHABET for c in prefix):
        return None
    return prefix


def hash_key(plaintext: str, server_secret: str) -> str:
    return hmac.new(server_secret.encode(), plaintext.encode(), hashlib.sha256).hexdigest()


def verify_key(plaintext: str, stored_hash: str, server_secret: str) -> bool:
    return hmac.compare_digest(hash_key(plaintext, server_secret), stored_hash)
