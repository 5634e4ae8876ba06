"""Persistence only: SQLAlchemy 2 ORM models and the engine/session setup.

Importing this package registers every model on ``Base.metadata`` so Alembic sees them.
"""

from models.api_key import ApiKey
from models.base import Base
from models.event import Event
from models.organisation import Organisation

__all__ = ["ApiKey", "Base", "Event", "Organisation"]
