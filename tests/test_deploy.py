"""deploy/ stays consistent with the code: volumes, health check, non-root, hardening, settings."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_compose_has_volumes_restart_and_healthcheck() -> None:
    service = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]["bot"]
    assert "../knowledge:/app/knowledge:ro" in service["volumes"]
    assert any(v.endswith(":/app/data") for v in service["volumes"])
    assert service["restart"].startswith("on-failure:")  # bounded: exit 2 (no token) cannot fix itself
    assert service["healthcheck"]["test"] == ["CMD", "python", "-m", "bot.health"]
    assert service["read_only"] is True and service["cap_drop"] == ["ALL"]


def test_dockerfile_is_slim_and_non_root() -> None:
    text = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim$", text, re.M)
    assert re.search(r"^USER plm$", text, re.M)
    assert "HEALTHCHECK" in text and 'ENTRYPOINT ["plm-trivia"]' in text


def test_systemd_unit_is_hardened() -> None:
    text = (DEPLOY / "plm-trivia.service").read_text()
    for option in ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
                   "CapabilityBoundingSet=", "RestrictAddressFamilies=", "SystemCallFilter=@system-service",
                   "ExecReload=/bin/kill -HUP $MAINPID", "RestartPreventExitStatus=2"):  # fmt: skip
        assert option in text, option


def test_example_env_names_every_setting() -> None:
    text = (DEPLOY / ".env.example").read_text()
    for name in Settings.model_fields:
        assert re.search(rf"^#? ?{name.upper()}=", text, re.M), name
