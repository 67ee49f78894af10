"""deploy/ stays consistent with the code: volumes, health check, non-root, hardening, settings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

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


def _pins() -> dict[str, str]:
    lines = (DEPLOY / "constraints.txt").read_text().splitlines()
    pairs = [line.split("==") for line in lines if line and not line.startswith("#")]
    return {canonicalize_name(name): version for name, version in pairs}


def test_constraints_pin_every_runtime_dependency_within_its_range() -> None:
    """A deployment installs what CI tested: every dependency pinned, each pin inside pyproject's range."""
    project = tomllib.loads((DEPLOY.parent / "pyproject.toml").read_text())["project"]
    pins = _pins()
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in deploy/constraints.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {requirement.specifier}"
        assert not list(requirement.specifier.filter(["999"])), f"{name} has no upper bound in pyproject.toml"


def test_every_install_in_deploy_uses_the_constraints() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    guide = (DEPLOY / "README.md").read_text()
    assert "-c deploy/constraints.txt" in dockerfile
    installs = re.findall(r"pip install[^\n]*", guide)
    assert installs and all("-c deploy/constraints.txt" in line for line in installs), installs
