"""Who made a change: a person, an API key that belongs to no person, or the system itself."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ApiKey, User

ActorKind = Literal["person", "key", "system"]
PERSON_REF_PREFIX = "person:"


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    id: str  # a user's id, a key's prefix, or a system name ("demo", "cli:root")
    name: str

    @property
    def ref(self) -> str:
        """The actor as one short string, as ``events.actor`` and ``decided_by`` keep it.

        Two refs are equal exactly when the actors are the same person (or key), which is
        what four-eyes compares.
        """
        return f"{PERSON_REF_PREFIX}{self.id}" if self.kind == "person" else self.id

    @classmethod
    def person(cls, user_id: uuid.UUID, name: str) -> Actor:
        return cls("person", str(user_id), name)

    @classmethod
    def key(cls, prefix: str, name: str) -> Actor:
        return cls("key", prefix, name or f"key {prefix}")

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls("system", name, name)


def resolve_actor(session: Session, actor: Actor | str) -> Actor:
    """The actor behind a ref, as it is now (its name is kept on each event it makes).

    Services pass refs down to the chain writer; a person's ref names them, a key prefix a
    service account's key, anything else is the system (the CLI, the demo, jobs).
    """
    if isinstance(actor, Actor):
        return actor
    cache: dict[str, Actor] = session.info.setdefault("flrisk_actors", {})
    if actor in cache:
        return cache[actor]
    found = _look_up(session, actor)
    cache[actor] = found
    return found


def _look_up(session: Session, ref: str) -> Actor:
    if ref.startswith(PERSON_REF_PREFIX):
        try:
            user = session.get(User, uuid.UUID(ref.removeprefix(PERSON_REF_PREFIX)))
        except ValueError:
            user = None
        if user is not None:
            return Actor.person(user.id, user.name)
        return Actor("person", ref.removeprefix(PERSON_REF_PREFIX), "unknown person")
    key = session.scalars(select(ApiKey).where(ApiKey.prefix == ref)).one_or_none()
    if key is not None:
        return Actor.key(key.prefix, key.name)
    return Actor.system(ref)


def actor_names(session: Session, refs: Iterable[str]) -> dict[str, str]:
    """A readable name for each actor ref (``decided_by``, comment authors, events): a
    person's name, a service account's name, or the system name as it is. A confirmed
    clearance's ``"<proposer>+<confirmer>"`` reads "Ana Reviewer, confirmed by Ben Reviewer"."""
    names: dict[str, str] = {}
    for ref in refs:
        if ref in names:
            continue
        parts = ref.split("+") if ref.count("+") == 1 else [ref]
        who = [resolve_actor(session, part).name for part in parts]
        names[ref] = who[0] if len(who) == 1 else f"{who[0]}, confirmed by {who[1]}"
    return names
