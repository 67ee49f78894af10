"""Settings for the Discord bot, read from the environment (and an optional ``.env`` file).

Variable names carry no prefix (``DISCORD_TOKEN``, ``KNOWLEDGE_DIR``, ...): they are the
names operators see in ``deploy/.env.example`` and in every guide. Real environment
variables win over ``.env``. List values (``ADMIN_IDS``, ``SHARD_IDS``) are written
comma-separated (``ADMIN_IDS=123,456``), not as JSON.

Nothing here imports discord, so the console can read the same settings.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]
IntList = Annotated[list[int], NoDecode]


def _split_ints(value: Any) -> Any:
    """``"1, 2,3"`` → ``[1, 2, 3]``; lists pass through; empty means none."""
    if value is None:
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, str):
        parts = [p.strip() for p in value.replace(";", ",").split(",")]
        return [p for p in parts if p]
    return value


#: Where the knowledge is in a source checkout (``knowledge/`` beside ``bot/``) ...
CHECKOUT_KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
#: ... and where the wheel installs it (``[tool.setuptools.data-files]`` in pyproject.toml).
INSTALLED_KNOWLEDGE = Path(sys.prefix) / "share" / "plm-trivia" / "knowledge"


def default_knowledge_dir() -> Path:
    """$KNOWLEDGE_DIR, else ./knowledge, else the checkout's knowledge/, else the installed copy."""
    env = os.environ.get("KNOWLEDGE_DIR")
    if env:
        return Path(env)
    for candidate in (Path("knowledge"), CHECKOUT_KNOWLEDGE):
        if (candidate / "races").is_dir():
            return candidate
    return INSTALLED_KNOWLEDGE


class Settings(BaseSettings):
    """Everything the bot needs to run; every field has a safe default except the token."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",  # .env may hold variables for other tools (compose, the quiz)
        case_sensitive=False,
        frozen=True,
    )

    discord_token: SecretStr | None = Field(default=None, description="Bot token from the Developer Portal")
    knowledge_dir: Path = Field(
        default_factory=default_knowledge_dir, description="Directory of the YAML knowledge base"
    )
    admin_ids: IntList = Field(
        default_factory=list, description="User ids allowed to run /reload, besides the app owners"
    )
    dev_guild_id: int | None = Field(default=None, description="Guild that gets the commands at start (development)")
    log_level: LogLevel = "INFO"
    log_format: Literal["auto", "json", "text"] = "auto"  # auto: text on a terminal, JSON otherwise
    database_path: Path = Field(default=Path("data/plm-trivia.sqlite3"), description="SQLite file of the quiz")
    database_url: str | None = Field(
        default=None,
        description="postgresql://... to share one database between shard processes (wins over DATABASE_PATH)",
    )
    database_pool_size: int = Field(default=4, ge=1, le=100, description="PostgreSQL connections per process")
    quiz_message_content: bool = Field(default=False, description="Ask for the privileged message-content intent")
    shard_count: int | None = Field(default=None, ge=1)
    shard_ids: IntList = Field(default_factory=list, description="Shards this process runs (needs SHARD_COUNT)")
    heartbeat_file: Path | None = Field(default=None, description="Touched every 30 s while connected (health check)")

    @field_validator("admin_ids", "shard_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        return _split_ints(value)

    @field_validator("discord_token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: Any) -> Any:
        # An empty DISCORD_TOKEN= line in .env means "not set", not "the empty token".
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("dev_guild_id", "shard_count", "database_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _shards_consistent(self) -> Settings:
        if self.shard_ids:
            if self.shard_count is None:
                raise ValueError("SHARD_IDS needs SHARD_COUNT (the total number of shards)")
            bad = [s for s in self.shard_ids if not 0 <= s < self.shard_count]
            if bad:
                raise ValueError(f"SHARD_IDS {bad} outside 0..{self.shard_count - 1}")
        return self

    @property
    def database(self) -> str:
        """The quiz database: ``DATABASE_URL`` when set, else the SQLite file ``DATABASE_PATH``."""
        return self.database_url or str(self.database_path)

    @property
    def token(self) -> str | None:
        """The token in clear, for the one place that sends it to Discord."""
        return self.discord_token.get_secret_value() if self.discord_token else None


def describe_errors(exc: ValidationError) -> list[str]:
    """One line per problem, named by its environment variable, never echoing a value.

    (pydantic's own text quotes the input, which holds the token.)
    """
    lines = []
    for error in exc.errors(include_url=False, include_input=False, include_context=False):
        where = "_".join(str(part) for part in error["loc"]).upper() or "configuration"
        lines.append(f"{where}: {error['msg'].removeprefix('Value error, ')}")
    return lines


__all__ = ["LogLevel", "Settings", "describe_errors"]
