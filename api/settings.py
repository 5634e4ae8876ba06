"""Service settings, read from the environment (``FLRISK_*``, plus ``DATABASE_URL``/``REDIS_URL``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="FLRISK_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = Field(
        default="sqlite:///./data/flrisk.db",
        validation_alias=AliasChoices("DATABASE_URL", "FLRISK_DATABASE_URL"),
        description="SQLAlchemy URL: SQLite file (default) or postgresql+psycopg://...",
    )
    redis_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("REDIS_URL", "FLRISK_REDIS_URL"),
        description="When set, long jobs run on RQ workers; otherwise in-process.",
    )
    api_key_secret: SecretStr | None = Field(
        default=None,
        min_length=16,
        description="Server secret for the keyed hash (HMAC-SHA256) of API keys. Required to "
        "serve or make keys; `make run` writes a random one to .env.",
    )
    chain_secret: SecretStr | None = Field(
        default=None,
        min_length=16,
        description="Server secret that keys the event chain (HMAC-SHA256, hash version 3) and "
        "signs its checkpoints. Keep it out of the database and its backups. Without it new "
        "events are hashed unkeyed (version 2), unless an organisation's chain is already keyed, "
        "and `flrisk audit verify` reports the chain as unkeyed. `make run` writes one to .env.",
    )
    chain_checkpoints: Path | None = Field(
        default=None,
        description="Append-only file the signed chain checkpoints (organisation, seq, hash, "
        "time) are written to; somewhere the database user cannot write.",
    )
    chain_checkpoint_seconds: float = Field(
        default=300.0,
        ge=0,
        description="How often the API appends a checkpoint for each organisation whose chain "
        "moved (0: never; run `flrisk audit checkpoint` instead). Needs the secret and the file; "
        "off in inline mode.",
    )
    job_mode: Literal["auto", "inline", "thread", "rq"] = Field(
        default="auto",
        description="auto: RQ when REDIS_URL is set, else imports and re-scoring in a worker "
        "process beside the API and other jobs in its threads; thread: every job in the API's "
        "threads; inline: run jobs before answering (tests, CLI).",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"
    log_json: bool = True
    max_body_bytes: int = Field(default=16 * MIB, description="Largest request body accepted.")
    # A 200k-row supplier export is about 17 MiB.
    max_upload_bytes: int = Field(
        default=64 * MIB,
        description="Largest file accepted by imports; upload endpoints take a body this "
        "large (plus its form fields) even past max_body_bytes.",
    )
    max_document_bytes: int = Field(
        default=10 * MIB, description="Largest document attached to a supply link."
    )
    key_touch_interval_seconds: int = Field(
        default=60, description="How often last_used_at is written for a busy key."
    )
    webhook_sweep_seconds: float = Field(
        default=10.0,
        ge=0,
        description="How often the API dispatches webhooks and sends due retries in the "
        "background (0: never; run `flrisk webhooks dispatch` instead). Off in inline mode.",
    )
    session_idle_minutes: int = Field(
        default=30, ge=1, description="A web session ends after this long without a request."
    )
    session_max_hours: int = Field(
        default=12, ge=1, description="A web session ends this long after sign-in, however busy."
    )
    sign_in_max_failures: int = Field(
        default=5,
        ge=1,
        description="Wrong passwords allowed per email and address within the window below.",
    )
    sign_in_window_minutes: int = Field(
        default=15, ge=1, description="The window over which failed sign-ins are counted."
    )
    public_url: str | None = Field(
        default=None,
        description="The address people open the web app at, for invitation and reset links "
        "(default: http://FLRISK_HOST:FLRISK_PORT).",
    )
    password_link_hours: int = Field(
        default=72, ge=1, description="How long an invitation or password-reset link works."
    )


def public_url(settings: Settings) -> str:
    return (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")


@lru_cache
def get_settings() -> Settings:
    return Settings()


def key_secret(settings: Settings) -> str:
    if settings.api_key_secret is None:
        raise RuntimeError("FLRISK_API_KEY_SECRET is not set: API keys cannot be made or checked.")
    return settings.api_key_secret.get_secret_value()
