"""deploy/ stays consistent with the code: volumes, health check, non-root, hardening, settings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

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


# -- the cluster: PostgreSQL and shard groups ---------------------------------------------------
def _cluster() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.cluster.yaml").read_text())["services"]
    return services


def _shard_groups() -> dict[str, dict[str, Any]]:
    return {name: s for name, s in _cluster().items() if "SHARD_IDS" in (s.get("environment") or {})}


def test_cluster_compose_runs_postgresql_with_a_volume_and_a_health_check() -> None:
    db = _cluster()["db"]
    assert re.fullmatch(r"postgres:1[5-9](\.\d+)?", db["image"])
    assert any(v.endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    assert db["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert "${POSTGRES_PASSWORD:?" in db["environment"]["POSTGRES_PASSWORD"]  # no default password


def test_cluster_shard_groups_split_the_shards_and_share_the_database() -> None:
    groups = _shard_groups()
    assert len(groups) >= 2
    counts = {int(g["environment"]["SHARD_COUNT"]) for g in groups.values()}
    assert len(counts) == 1, "every group must have the same SHARD_COUNT"
    ids = [int(i) for g in groups.values() for i in g["environment"]["SHARD_IDS"].split(",")]
    assert sorted(ids) == list(range(counts.pop())), "each shard in exactly one group"
    db = _cluster()["db"]["environment"]
    for name, group in groups.items():
        url = group["environment"]["DATABASE_URL"]
        assert url.startswith("postgresql://") and f"@db:5432/{db['POSTGRES_DB']}" in url, name
        assert url.split("://")[1].startswith(f"{db['POSTGRES_USER']}:"), name
        Settings(_env_file=None, **{k.lower(): v for k, v in group["environment"].items()})  # type: ignore[call-arg]
        assert group["healthcheck"]["test"] == ["CMD", "python", "-m", "bot.health"], name
        assert group["read_only"] is True and group["cap_drop"] == ["ALL"], name
        assert group["restart"].startswith("on-failure:"), name
        assert group["depends_on"]["migrate"]["condition"] == "service_completed_successfully", name


def test_cluster_migrates_once_before_the_groups_start() -> None:
    migrate = _cluster()["migrate"]
    assert migrate["command"] == ["db", "migrate"]
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    assert migrate["environment"]["DATABASE_URL"] == next(iter(_shard_groups().values()))["environment"]["DATABASE_URL"]


def test_systemd_template_runs_one_shard_group_per_instance() -> None:
    text = (DEPLOY / "plm-trivia@.service").read_text()
    single = (DEPLOY / "plm-trivia.service").read_text()
    hardening = [line for line in single.splitlines() if re.match(r"(No|Protect|Private|Restrict|Capability|Ambient|"
                 r"Lock|Memory|Remove|SystemCall)\w*=", line)]  # fmt: skip
    assert hardening and all(line in text.splitlines() for line in hardening), "as hardened as plm-trivia.service"
    assert "EnvironmentFile=/etc/plm-trivia/env" in text
    assert "EnvironmentFile=/etc/plm-trivia/shards-%i.env" in text
    assert re.search(r"^Environment=HEARTBEAT_FILE=/run/plm-trivia-%i/", text, re.M)
    assert "RuntimeDirectory=plm-trivia-%i" in text
    assert "ExecReload=/bin/kill -HUP $MAINPID" in text and "RestartPreventExitStatus=2" in text
    assert "ExecStart=/opt/plm-trivia/.venv/bin/plm-trivia run" in text


def test_guide_covers_the_cluster() -> None:
    guide = (DEPLOY / "README.md").read_text()
    cluster = guide[guide.index("Cluster: shard groups on PostgreSQL") :]
    for needle in ("SHARD_COUNT", "SHARD_IDS", "shards per process", "pg_dump", "pg_restore", "plm-trivia db migrate",
                   "plm-trivia db copy", "plm-trivia db check", "python -m bot.health", "compose.cluster.yaml",
                   "plm-trivia@.service", "### Health checks", "### Backups", "### Upgrades"):  # fmt: skip
        assert needle in cluster, needle
    for name in ("compose.cluster.yaml", "plm-trivia@.service"):
        assert (DEPLOY / name).exists()
