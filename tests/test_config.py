"""Settings from the environment and .env: names, list syntax, defaults, validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import CHECKOUT_KNOWLEDGE, INSTALLED_KNOWLEDGE, Settings, default_knowledge_dir

VARS = ("DISCORD_TOKEN", "KNOWLEDGE_DIR", "ADMIN_IDS", "DEV_GUILD_ID", "LOG_LEVEL", "LOG_FORMAT", "DATABASE_PATH",
        "DATABASE_URL", "DATABASE_POOL_SIZE", "QUIZ_MESSAGE_CONTENT", "SHARD_COUNT", "SHARD_IDS", "HEARTBEAT_FILE")  # fmt: skip


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    s = Settings()
    assert s.discord_token is None and s.token is None
    assert s.knowledge_dir == CHECKOUT_KNOWLEDGE  # cwd (tmp_path) has no knowledge/; this is a checkout
    assert s.database_path == Path("data/plm-trivia.sqlite3")
    assert s.admin_ids == [] and s.shard_ids == [] and s.shard_count is None and s.dev_guild_id is None
    assert s.log_level == "INFO" and s.quiz_message_content is False


def test_the_quiz_database_is_database_url_else_database_path(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().database == "data/plm-trivia.sqlite3" and Settings().database_pool_size == 4
    monkeypatch.setenv("DATABASE_URL", "")  # an empty line in .env: not set
    assert Settings().database == "data/plm-trivia.sqlite3"
    monkeypatch.setenv("DATABASE_URL", "postgresql://plm:pw@db:5432/plm_trivia")
    monkeypatch.setenv("DATABASE_PATH", "/var/lib/other.sqlite3")
    assert Settings().database == "postgresql://plm:pw@db:5432/plm_trivia"
    monkeypatch.setenv("DATABASE_POOL_SIZE", "0")
    with pytest.raises(ValidationError):
        Settings()


def test_the_knowledge_is_found_in_the_working_directory_the_checkout_or_the_installed_copy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "knowledge" / "races").mkdir(parents=True)
    assert default_knowledge_dir() == Path("knowledge")
    monkeypatch.setenv("KNOWLEDGE_DIR", "/srv/plm")
    assert default_knowledge_dir() == Path("/srv/plm")
    monkeypatch.delenv("KNOWLEDGE_DIR")
    monkeypatch.setattr("bot.config.CHECKOUT_KNOWLEDGE", tmp_path / "nowhere")
    monkeypatch.chdir(tmp_path / "knowledge")
    assert default_knowledge_dir() == INSTALLED_KNOWLEDGE


def test_environment_names_and_list_syntax(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", " abc.def.ghi ")
    monkeypatch.setenv("ADMIN_IDS", "123, 456,789")
    monkeypatch.setenv("DEV_GUILD_ID", "42")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("QUIZ_MESSAGE_CONTENT", "true")
    monkeypatch.setenv("SHARD_COUNT", "2")
    monkeypatch.setenv("SHARD_IDS", "1")
    s = Settings()
    assert s.token == "abc.def.ghi"
    assert s.admin_ids == [123, 456, 789] and s.dev_guild_id == 42
    assert s.log_level == "DEBUG" and s.quiz_message_content
    assert s.shard_count == 2 and s.shard_ids == [1]


def test_dotenv_file_and_environment_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DISCORD_TOKEN=from-file\nADMIN_IDS=7\nDEV_GUILD_ID=\nUNRELATED=1\n")
    assert Settings().token == "from-file" and Settings().admin_ids == [7] and Settings().dev_guild_id is None
    monkeypatch.setenv("DISCORD_TOKEN", "from-env")
    assert Settings().token == "from-env"


def test_token_never_appears_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "very-secret-token")
    s = Settings()
    assert "very-secret-token" not in repr(s) and "very-secret-token" not in str(s.model_dump())


@pytest.mark.parametrize(("env", "message"), [
    ({"SHARD_IDS": "0,1"}, "SHARD_IDS needs SHARD_COUNT"),
    ({"SHARD_IDS": "0,5", "SHARD_COUNT": "2"}, "outside 0..1"),
    ({"ADMIN_IDS": "12,abc"}, "admin_ids"),
    ({"LOG_LEVEL": "chatty"}, "log_level"),
])  # fmt: skip
def test_invalid_values_are_reported(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], message: str) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ValidationError, match=message):
        Settings()
