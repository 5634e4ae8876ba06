"""Where the writer and the verifier find the chain secret: bound to the database handle.

The secret comes from the settings (``FLRISK_CHAIN_SECRET``) of whoever opens the database,
the API, the CLI or a worker, and rides on each session's ``info``; it is never read from the
environment at import time and never stored in the database.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.events.chain import ChainKey
from api.settings import Settings
from models.database import Database

CHAIN_KEY_INFO = "flrisk_chain_key"


def chain_key(settings: Settings) -> ChainKey | None:
    if settings.chain_secret is None:
        return None
    return ChainKey.from_secret(settings.chain_secret.get_secret_value())


def bind_chain_key(database: Database, settings: Settings) -> None:
    """Sessions of ``database`` hash new events with the settings' chain secret (if any)."""
    bind_key(database, chain_key(settings))


def bind_key(database: Database, key: ChainKey | None) -> None:
    info = dict(database.sessionmaker.kw.get("info") or {})
    info[CHAIN_KEY_INFO] = key
    database.sessionmaker.configure(info=info)


def session_chain_key(session: Session) -> ChainKey | None:
    key = session.info.get(CHAIN_KEY_INFO)
    return key if isinstance(key, ChainKey) else None
