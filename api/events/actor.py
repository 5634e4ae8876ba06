"""Who made a change: a person, an API key that belongs to no person, or the system itself."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

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
