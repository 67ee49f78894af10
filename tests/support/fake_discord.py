"""A local stand-in for Discord's HTTP API, and a harness that drives a real bot through it.

Used by the tests and by ``tests/benchmarks/discord_bench.py``;
it needs only aiohttp, which discord.py already depends on. The bot runs its real
discord.py HTTP and dispatch code; only the far end of the wire is ours:

* :class:`FakeDiscord` is an ``aiohttp.web`` server on 127.0.0.1, port 0. It records
  every request (method, path, query, JSON body, files), answers the routes the bot
  uses, stores the command schema the bot syncs (rejecting it, like Discord, when it
  breaks a documented limit) and answers anything else with 404 while remembering it
  in :attr:`FakeDiscord.unknown`, so a test can fail on it.
* :class:`DiscordHarness` logs a real bot in against it (``Route.BASE`` points at the
  fake; interaction webhooks use the same base), syncs, and feeds raw gateway payloads
  (``INTERACTION_CREATE``, ``MESSAGE_CREATE``) to the bot's own parsers, built from the
  stored schema so tests cannot drift from what the bot registers. It then waits for
  the tasks discord.py started and returns an :class:`Exchange` with what was sent.

Gotchas handled here (discord.py 2.7): the interaction callback is sent with
``?with_response=1`` and needs a JSON body with ``interaction`` and ``resource``;
responses need the exact header ``Content-Type: application/json``; a component
click routes only when its ``message.id`` is the id the callback response returned.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import re
import time
import unicodedata
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    import discord

API_PREFIX = "/api/v10"
EPHEMERAL = 1 << 6

# Interaction callback types (Discord API).
PONG, MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE, MODAL = 1, 4, 5, 6, 7, 8, 9
# Application command option types.
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN, NUMBER = 1, 2, 3, 4, 5, 10
CHANNEL = 7


# ----------------------------------------------------------------------------------------------
# Discord's documented limits for application commands (checked on every sync).
# ----------------------------------------------------------------------------------------------
_NAME_RE = re.compile(r"^[-_\w]{1,32}$")  # \w covers \p{L}\p{N} for str patterns (plus "_")


def schema_problems(commands: Iterable[dict[str, Any]]) -> list[str]:
    """Every way ``commands`` (a bulk-overwrite payload) breaks Discord's documented limits.

    Names 1-32 characters, lowercase, of letters, digits, ``-`` and ``_``; descriptions
    1-100; at most 25 options per level and 25 choices; choice names 1-100 and string
    values at most 100; required options before optional ones; unique names; no
    autocomplete together with choices; min/max_length within 0-6000; at most 100
    chat-input commands; at most 4000 characters of names, descriptions and choices
    per command.
    """
    commands = list(commands)
    problems: list[str] = []
    chat = [c for c in commands if c.get("type", 1) == 1]
    if len(chat) > 100:
        problems.append(f"{len(chat)} chat-input commands (max 100)")
    seen: set[tuple[int, str]] = set()
    for command in commands:
        name = str(command.get("name", ""))
        kind = command.get("type", 1)
        where = f"/{name}"
        if (kind, name) in seen:
            problems.append(f"{where}: duplicate command name")
        seen.add((kind, name))
        if kind == 1:
            problems.extend(_name_problems(name, where))
            problems.extend(_description_problems(command.get("description"), where))
        elif not 1 <= len(name) <= 32:
            problems.append(f"{where}: context-menu name must be 1-32 characters")
        perms = command.get("default_member_permissions")
        # Documented as a string bit set; Discord also accepts the integer discord.py sends.
        if perms is not None and not (
            (isinstance(perms, str) and perms.isdigit())
            or (isinstance(perms, int) and not isinstance(perms, bool) and perms >= 0)
        ):
            problems.append(f"{where}: default_member_permissions must be a permission bit set or null")
        problems.extend(_options_problems(command.get("options") or [], where, depth=0))
        if _char_count(command) > 4000:
            problems.append(f"{where}: more than 4000 characters in names, descriptions and choices")
    return problems


def _name_problems(name: str, where: str) -> list[str]:
    out = []
    if not _NAME_RE.match(name) or unicodedata.normalize("NFC", name) != name:
        out.append(f"{where}: name {name!r} must be 1-32 letters, digits, '-' or '_'")
    if name != name.lower():
        out.append(f"{where}: name {name!r} must be lowercase")
    return out


def _description_problems(description: Any, where: str) -> list[str]:
    if not isinstance(description, str) or not 1 <= len(description) <= 100:
        return [f"{where}: description must be 1-100 characters (got {len(description or '')})"]
    return []


def _options_problems(options: list[dict[str, Any]], where: str, depth: int) -> list[str]:
    problems: list[str] = []
    if len(options) > 25:
        problems.append(f"{where}: {len(options)} options (max 25)")
    names: set[str] = set()
    optional_seen = False
    kinds = {o.get("type") for o in options}
    if {SUB_COMMAND, SUB_COMMAND_GROUP} & kinds and kinds - {SUB_COMMAND, SUB_COMMAND_GROUP}:
        problems.append(f"{where}: subcommands cannot be mixed with other options")
    for option in options:
        name = str(option.get("name", ""))
        here = f"{where} {name}"
        if name in names:
            problems.append(f"{here}: duplicate option name")
        names.add(name)
        problems.extend(_name_problems(name, here))
        problems.extend(_description_problems(option.get("description"), here))
        kind = option.get("type")
        if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
            if kind == SUB_COMMAND_GROUP and depth > 0:
                problems.append(f"{here}: subcommand groups cannot be nested")
            problems.extend(_options_problems(option.get("options") or [], here, depth + 1))
            continue
        if option.get("required"):
            if optional_seen:
                problems.append(f"{here}: required option after an optional one")
        else:
            optional_seen = True
        problems.extend(_choice_problems(option, here))
        for key in ("min_length", "max_length"):
            if key in option and not 0 <= int(option[key]) <= 6000:
                problems.append(f"{here}: {key} must be 0-6000")
    return problems


def _choice_problems(option: dict[str, Any], here: str) -> list[str]:
    problems = []
    choices = option.get("choices") or []
    if len(choices) > 25:
        problems.append(f"{here}: {len(choices)} choices (max 25)")
    if choices and option.get("autocomplete"):
        problems.append(f"{here}: autocomplete cannot be combined with choices")
    for choice in choices:
        cname = str(choice.get("name", ""))
        if not 1 <= len(cname) <= 100:
            problems.append(f"{here}: choice name {cname!r} must be 1-100 characters")
        value = choice.get("value")
        if isinstance(value, str) and len(value) > 100:
            problems.append(f"{here}: choice value longer than 100 characters")
    return problems


def _char_count(node: dict[str, Any]) -> int:
    total = len(str(node.get("name", ""))) + len(str(node.get("description", "")))
    for choice in node.get("choices") or []:
        total += len(str(choice.get("name", ""))) + len(str(choice.get("value", "")))
    return total + sum(_char_count(o) for o in node.get("options") or [])


# ----------------------------------------------------------------------------------------------
# The server
# ----------------------------------------------------------------------------------------------
@dataclass(slots=True)
class RecordedRequest:
    """One request the bot made: what a test asserts on."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    json: Any
    files: list[dict[str, Any]]
    received_at: float  # time.perf_counter() when the fake received it
    route: str | None  # the known route's name, None when unknown
    message_id: int | None = None  # the message this request created or edited, once answered
    authorization: str | None = field(default=None, repr=False)  # never printed: it holds the token

    @property
    def is_message(self) -> bool:
        """True when the body is a message the bot sends or edits (where pings could happen)."""
        if self.route == "interaction_callback":
            return isinstance(self.json, dict) and self.json.get("type") in (MESSAGE, UPDATE_MESSAGE)
        return self.route in {"webhook_execute", "webhook_edit", "channel_message", "channel_message_edit"}

    @property
    def message_body(self) -> dict[str, Any] | None:
        if not self.is_message or not isinstance(self.json, dict):
            return None
        if self.route == "interaction_callback":
            return self.json.get("data") or {}
        return self.json


@dataclass(slots=True)
class _InteractionInfo:
    id: int
    token: str
    channel_id: int
    guild_id: int | None
    message_id: int | None  # the message a component belonged to
    original_id: int | None = None  # the response message, once sent


Route = tuple[str, re.Pattern[str], str]


def _route(method: str, pattern: str, name: str) -> Route:
    regex = "^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$"
    return method, re.compile(regex), name


ROUTES: tuple[Route, ...] = (
    _route("GET", "/users/@me", "me"),
    _route("GET", "/oauth2/applications/@me", "application"),
    _route("GET", "/applications/{app}/commands", "get_global_commands"),
    _route("PUT", "/applications/{app}/commands", "put_global_commands"),
    _route("GET", "/applications/{app}/guilds/{guild}/commands", "get_guild_commands"),
    _route("PUT", "/applications/{app}/guilds/{guild}/commands", "put_guild_commands"),
    _route("POST", "/interactions/{iid}/{token}/callback", "interaction_callback"),
    _route("POST", "/webhooks/{app}/{token}", "webhook_execute"),
    _route("GET", "/webhooks/{app}/{token}/messages/{mid}", "webhook_get"),
    _route("PATCH", "/webhooks/{app}/{token}/messages/{mid}", "webhook_edit"),
    _route("DELETE", "/webhooks/{app}/{token}/messages/{mid}", "webhook_delete"),
    _route("POST", "/channels/{channel}/messages", "channel_message"),
    _route("PATCH", "/channels/{channel}/messages/{mid}", "channel_message_edit"),
    _route("POST", "/channels/{channel}/typing", "typing"),
)


def _json_response(data: Any, status: int = 200) -> web.Response:
    # Exactly "application/json": discord.py treats anything else (even with a charset) as text.
    return web.Response(status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


class FakeDiscord:
    """Discord's HTTP API, just enough of it, on 127.0.0.1 with a random port."""

    def __init__(
        self,
        *,
        application_id: int = 900000000000000001,
        bot_user_id: int | None = None,
        owner_id: int = 100000000000000001,
        bot_name: str = "PLM Trivia",
        valid_token: str | None = None,
    ) -> None:
        self.application_id = application_id
        self.bot_user_id = bot_user_id or application_id
        self.owner_id = owner_id
        self.bot_name = bot_name
        self.valid_token = valid_token  # when set, other bot tokens get 401 (like a reset token)
        self.requests: list[RecordedRequest] = []
        self.unknown: list[RecordedRequest] = []
        self.rejected_syncs: list[list[str]] = []
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # guild id (None: global) → schema
        self.stored_messages: dict[int, dict[str, Any]] = {}
        self.forbidden_channels: set[int] = set()  # posting there gets 403 Missing Access
        self._interactions: dict[int, _InteractionInfo] = {}
        self._by_token: dict[str, _InteractionInfo] = {}
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- lifecycle ------------------------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}{API_PREFIX}"
        return self.base_url

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- identities -----------------------------------------------------------------------------
    def snowflake(self) -> int:
        """A fresh id shaped like Discord's (time-based, so discord.py's date maths works)."""
        ms = int(time.time() * 1000) - 1420070400000
        return (ms << 22) + next(self._ids)

    def user(self, user_id: int, name: str = "racefan", *, bot: bool = False) -> dict[str, Any]:
        return {
            "id": str(user_id),
            "username": name,
            "discriminator": "0",
            "global_name": name.title(),
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            **self.user(self.bot_user_id, self.bot_name.lower().replace(" ", "-"), bot=True),
            "verified": True,
            "flags": 0,
            "mfa_enabled": True,
        }

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": self.bot_name,
            "icon": None,
            "description": "Petit Le Mans trivia",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self.user(self.owner_id, "owner"),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "tags": [],
            "bot": self.bot_user,
            "interactions_endpoint_url": None,
        }

    # -- what was recorded ----------------------------------------------------------------------
    def schema(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """The command schema last synced (globally, or to ``guild_id``)."""
        if guild_id not in self.commands:
            raise AssertionError(
                f"no commands synced to {'the guild ' + str(guild_id) if guild_id else 'global scope'}"
            )
        return self.commands[guild_id]

    def message_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.is_message]

    def ping_violations(self) -> list[str]:
        """Every recorded message that could ping: missing or permissive ``allowed_mentions``."""
        problems = []
        for request in self.message_requests():
            body = request.message_body or {}
            allowed = body.get("allowed_mentions")
            where = f"{request.method} {request.path}"
            if not isinstance(allowed, dict):
                problems.append(f"{where}: no allowed_mentions")
                continue
            if allowed.get("parse") != []:
                problems.append(f"{where}: allowed_mentions.parse is {allowed.get('parse')!r}, not []")
            if allowed.get("users") or allowed.get("roles"):
                problems.append(f"{where}: allowed_mentions lists users or roles")
            if allowed.get("replied_user", False):
                problems.append(f"{where}: allowed_mentions.replied_user is true")
        return problems

    def register_interaction(self, payload: dict[str, Any]) -> None:
        """Remember an interaction the harness is about to deliver (its channel, its message)."""
        message = payload.get("message")
        info = _InteractionInfo(
            id=int(payload["id"]),
            token=payload["token"],
            channel_id=int(payload["channel"]["id"]),
            guild_id=int(payload["guild_id"]) if payload.get("guild_id") else None,
            message_id=int(message["id"]) if message else None,
        )
        self._interactions[info.id] = info
        self._by_token[info.token] = info

    # -- request handling -----------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.StreamResponse:
        received = time.perf_counter()
        path = request.path[len(API_PREFIX) :] if request.path.startswith(API_PREFIX) else request.path
        body, files = await self._read_body(request)
        name, params = None, {}
        for method, regex, route_name in ROUTES:
            match = regex.match(path)
            if match and method == request.method:
                name, params = route_name, match.groupdict()
                break
        record = RecordedRequest(
            request.method, path, dict(request.query), body, files, received, name,
            authorization=request.headers.get("Authorization"),
        )  # fmt: skip
        self.requests.append(record)
        if name is None or not request.path.startswith(API_PREFIX):
            self.unknown.append(record)
            return _json_response({"message": f"fake Discord: unknown route {request.method} {path}", "code": 0}, 404)
        handler: Callable[[RecordedRequest, dict[str, str]], Awaitable[web.StreamResponse]] = getattr(
            self, f"_on_{name}"
        )
        return await handler(record, params)

    async def _read_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        if not request.can_read_body:
            return None, []
        if request.content_type.startswith("multipart/"):
            payload: Any = None
            files: list[dict[str, Any]] = []
            reader = await request.multipart()
            async for part in reader:
                data = await part.read()  # type: ignore[union-attr]
                if part.name == "payload_json":
                    payload = json.loads(data)
                else:
                    files.append(
                        {"field": part.name, "filename": part.filename, "size": len(data), "data": bytes(data)}
                    )
            return payload, files
        raw = await request.read()
        if not raw:
            return None, []
        try:
            return json.loads(raw), []
        except ValueError:
            return raw.decode("utf-8", "replace"), []

    async def _on_me(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        if self.valid_token is not None and record.authorization != f"Bot {self.valid_token}":
            return _json_response({"message": "401: Unauthorized", "code": 0}, 401)
        return _json_response(self.bot_user)

    async def _on_application(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        return _json_response(self._application())

    async def _on_get_global_commands(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        return _json_response(self.commands.get(None, []))

    async def _on_get_guild_commands(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        return _json_response(self.commands.get(int(params["guild"]), []))

    async def _on_put_global_commands(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        return self._store_commands(record.json, None)

    async def _on_put_guild_commands(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        return self._store_commands(record.json, int(params["guild"]))

    def _store_commands(self, payload: Any, guild_id: int | None) -> web.Response:
        problems = schema_problems(payload if isinstance(payload, list) else [])
        if not isinstance(payload, list) or problems:
            self.rejected_syncs.append(problems or ["payload is not a list"])
            errors = {str(i): {"_errors": [{"code": "BASE_TYPE_BAD", "message": p}]} for i, p in enumerate(problems)}
            return _json_response({"code": 50035, "message": "Invalid Form Body", "errors": errors}, 400)
        previous = {c["name"]: c["id"] for c in self.commands.get(guild_id, [])}
        stored = []
        for command in payload:
            entry = {
                **command,
                "id": previous.get(command["name"]) or str(self.snowflake()),
                "application_id": str(self.application_id),
                "version": str(self.snowflake()),
                "type": command.get("type", 1),
            }
            if guild_id is not None:
                entry["guild_id"] = str(guild_id)
            stored.append(entry)
        self.commands[guild_id] = stored
        return _json_response(stored)

    def _message(
        self,
        body: dict[str, Any],
        channel_id: int,
        *,
        files: list[dict[str, Any]] | None = None,
        message_id: int | None = None,
    ) -> dict[str, Any]:
        attachments = [
            {
                "id": str(self.snowflake()),
                "filename": f["filename"],
                "size": f["size"],
                "url": f"https://cdn.example.invalid/{f['filename']}",
                "proxy_url": f"https://media.example.invalid/{f['filename']}",
                "content_type": "image/png" if str(f["filename"]).endswith(".png") else "application/octet-stream",
            }
            for f in files or []
        ]
        return {
            "id": str(message_id or self.snowflake()),
            "channel_id": str(channel_id),
            "author": self.bot_user,
            "content": body.get("content") or "",
            "timestamp": dt.datetime.now(dt.UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments,
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": int(body.get("flags") or 0),
            "application_id": str(self.application_id),
        }

    def _update_message(self, message_id: int, body: dict[str, Any], files: list[dict[str, Any]]) -> dict[str, Any]:
        message = self.stored_messages.get(message_id)
        if message is None:
            raise web.HTTPNotFound(
                text=json.dumps({"message": "Unknown Message", "code": 10008}), content_type="application/json"
            )
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        if files:
            message["attachments"] = self._message({}, int(message["channel_id"]), files=files)["attachments"]
        elif "attachments" in body and not body["attachments"]:
            message["attachments"] = []
        message["edited_timestamp"] = dt.datetime.now(dt.UTC).isoformat()
        return message

    async def _on_interaction_callback(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        info = self._interactions.get(int(params["iid"]))
        if info is None or info.token != params["token"]:
            return _json_response({"message": "Unknown interaction", "code": 10062}, 404)
        if record.query.get("with_response") not in ("1", "true"):
            # discord.py 2.5+ always asks for the response; a plain 204 would break it.
            return web.Response(status=204)
        body = record.json if isinstance(record.json, dict) else {}
        kind = body.get("type")
        data = body.get("data") or {}
        interaction: dict[str, Any] = {"id": str(info.id), "type": kind}
        response: dict[str, Any] = {"interaction": interaction}
        if kind in (MESSAGE, DEFERRED_MESSAGE):
            message = self._message(data, info.channel_id, files=record.files)
            if kind == DEFERRED_MESSAGE:
                message["flags"] = int(data.get("flags") or 0) | 128  # LOADING
            self.stored_messages[int(message["id"])] = message
            info.original_id = record.message_id = int(message["id"])
            interaction.update(
                response_message_id=message["id"],
                response_message_loading=kind == DEFERRED_MESSAGE,
                response_message_ephemeral=bool(int(data.get("flags") or 0) & EPHEMERAL),
            )
            response["resource"] = {"type": kind, "message": message}
        elif kind in (UPDATE_MESSAGE, DEFERRED_UPDATE):
            if info.message_id is None:
                return _json_response({"message": "no message to update", "code": 50035}, 400)
            message = self._update_message(info.message_id, data if kind == UPDATE_MESSAGE else {}, record.files)
            info.original_id = record.message_id = info.message_id
            interaction.update(
                response_message_id=message["id"], response_message_loading=False, response_message_ephemeral=False
            )
            response["resource"] = {"type": kind, "message": message}
        return _json_response(response)

    def _info_for(self, params: dict[str, str]) -> _InteractionInfo:
        info = self._by_token.get(params["token"])
        if info is None or int(params["app"]) != self.application_id:
            raise web.HTTPNotFound(
                text=json.dumps({"message": "Unknown Webhook", "code": 10015}), content_type="application/json"
            )
        return info

    def _message_id(self, info: _InteractionInfo, mid: str) -> int:
        if mid == "@original":
            if info.original_id is None:
                raise web.HTTPNotFound(
                    text=json.dumps({"message": "Unknown Message", "code": 10008}), content_type="application/json"
                )
            return info.original_id
        return int(mid)

    async def _on_webhook_execute(self, record: RecordedRequest, params: dict[str, str]) -> web.StreamResponse:
        info = self._info_for(params)
        message = self._message(record.json or {}, info.channel_id, files=record.files)
        message["webhook_id"] = str(self.application_id)
        self.stored_messages[int(message["id"])] = message
        record.message_id = int(message["id"])
        if record.query.get("wait") in ("true", "1"):
            return _json_response(message)
        return web.Response(status=204)

    async def _on_webhook_get(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        info = self._info_for(params)
        return _json_response(self.stored_messages[self._message_id(info, params["mid"])])

    async def _on_webhook_edit(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        info = self._info_for(params)
        message_id = record.message_id = self._message_id(info, params["mid"])
        message = self._update_message(message_id, record.json or {}, record.files)
        message["flags"] = int(message.get("flags") or 0) & ~128  # no longer loading
        return _json_response(message)

    async def _on_webhook_delete(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        info = self._info_for(params)
        self.stored_messages.pop(self._message_id(info, params["mid"]), None)
        return web.Response(status=204)

    async def _on_channel_message(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        if int(params["channel"]) in self.forbidden_channels:
            return _json_response({"message": "Missing Access", "code": 50001}, 403)
        message = self._message(record.json or {}, int(params["channel"]), files=record.files)
        reference = (record.json or {}).get("message_reference")
        if reference:
            message["message_reference"] = reference
            message["type"] = 19  # reply
        self.stored_messages[int(message["id"])] = message
        record.message_id = int(message["id"])
        return _json_response(message)

    async def _on_channel_message_edit(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        record.message_id = int(params["mid"])
        return _json_response(self._update_message(record.message_id, record.json or {}, record.files))

    async def _on_typing(self, record: RecordedRequest, params: dict[str, str]) -> web.Response:
        return web.Response(status=204)


# ----------------------------------------------------------------------------------------------
# Gateway payloads, built from the stored schema
# ----------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Actor:
    """Who acts: a user, optionally a guild member with permissions (an int bit field)."""

    id: int = 200000000000000001
    name: str = "racefan"
    permissions: int = 0


GUILD_ID = 300000000000000001
CHANNEL_ID = 400000000000000001
DM_CHANNEL_ID = 400000000000000002


class PayloadFactory:
    """Builds raw gateway payloads shaped like Discord's, from a fake's stored schema."""

    def __init__(self, fake: FakeDiscord, guild_id: int = GUILD_ID) -> None:
        self.fake = fake
        self.guild_id = guild_id

    def _context(self, actor: Actor, dm: bool) -> dict[str, Any]:
        user = self.fake.user(actor.id, actor.name)
        if dm:
            return {
                "user": user,
                "channel": {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [user], "last_message_id": None},
                "channel_id": str(DM_CHANNEL_ID),
                "context": 1,
                "authorizing_integration_owners": {"0": str(self.guild_id)},
            }
        return {
            "guild_id": str(self.guild_id),
            "guild_locale": "en-US",
            "guild": {"id": str(self.guild_id), "locale": "en-US", "features": []},
            "channel": {
                "id": str(CHANNEL_ID),
                "type": 0,
                "guild_id": str(self.guild_id),
                "name": "trivia",
                "position": 0,
                "permission_overwrites": [],
                "nsfw": False,
                "parent_id": None,
                "topic": None,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "flags": 0,
            },
            "channel_id": str(CHANNEL_ID),
            "member": {
                "user": user,
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "pending": False,
                "nick": None,
                "avatar": None,
                "premium_since": None,
                "communication_disabled_until": None,
                "permissions": str(actor.permissions),
            },
            "context": 0,
            "authorizing_integration_owners": {"0": str(self.guild_id)},
        }

    def interaction(
        self,
        kind: int,
        data: dict[str, Any] | None,
        actor: Actor,
        *,
        dm: bool = False,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "id": str(self.fake.snowflake()),
            "application_id": str(self.fake.application_id),
            "type": kind,
            "token": f"tok-{self.fake.snowflake()}",
            "version": 1,
            "locale": "en-US",
            "app_permissions": str((1 << 10) | (1 << 11) | (1 << 14) | (1 << 15)),
            "attachment_size_limit": 10 * 1024 * 1024,
            "entitlements": [],
            **self._context(actor, dm),
        }
        if data is not None:
            payload["data"] = data
        if message is not None:
            payload["message"] = message
        return payload

    def find_command(self, path: str, guild_id: int | None = None) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
        """``"quiz start"`` → (top-level command, sub-path, the leaf node holding the options)."""
        parts = path.split()
        schema = self.fake.commands.get(guild_id) or self.fake.commands.get(None) or []
        top = next((c for c in schema if c["name"] == parts[0] and c.get("type", 1) == 1), None)
        if top is None:
            raise AssertionError(f"/{parts[0]} is not in the synced schema ({sorted(c['name'] for c in schema)})")
        node = top
        for part in parts[1:]:
            node = next(
                (
                    o
                    for o in node.get("options") or []
                    if o["name"] == part and o["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP)
                ),
                None,
            )  # type: ignore[assignment]
            if node is None:
                raise AssertionError(f"/{path}: no subcommand {part!r} in the synced schema")
        return top, parts[1:], node

    def _options(self, node: dict[str, Any], values: dict[str, Any], focused: str | None) -> list[dict[str, Any]]:
        schema_options = {o["name"]: o for o in node.get("options") or []}
        unknown = set(values) - set(schema_options)
        if unknown:
            raise AssertionError(f"options {sorted(unknown)} are not in the synced schema ({sorted(schema_options)})")
        out = []
        for name, option in schema_options.items():
            if name not in values:
                if option.get("required") and name != focused:
                    raise AssertionError(f"required option {name!r} missing")
                continue
            value = values[name]
            kind = option["type"]
            if name == focused:
                out.append({"name": name, "type": kind, "value": str(value), "focused": True})
                continue
            if kind == INTEGER and not isinstance(value, int):
                raise AssertionError(f"option {name!r} is an integer in the schema")
            if kind == NUMBER and not isinstance(value, (int, float)):
                raise AssertionError(f"option {name!r} is a number in the schema")
            if kind == BOOLEAN and not isinstance(value, bool):
                raise AssertionError(f"option {name!r} is a boolean in the schema")
            if kind == STRING:
                value = str(value)
            if kind == CHANNEL:
                if not isinstance(value, int):
                    raise AssertionError(f"option {name!r} is a channel: pass its id")
                out.append({"name": name, "type": kind, "value": str(value)})
                continue
            if kind not in (STRING, INTEGER, BOOLEAN, NUMBER):
                raise AssertionError(f"option type {kind} is not supported by the harness")
            choices = option.get("choices")
            if choices and value not in [c["value"] for c in choices]:
                raise AssertionError(f"{value!r} is not one of the choices of {name!r}")
            out.append({"name": name, "type": kind, "value": value})
        return out

    def command(
        self, path: str, actor: Actor, *, dm: bool = False, focused: str | None = None, **values: Any
    ) -> dict[str, Any]:
        """A chat-input command (type 2), or an autocomplete request (type 4) when ``focused``."""
        guild_id = None if dm else self.guild_id
        top, subpath, leaf = self.find_command(path, guild_id)
        options = self._options(leaf, values, focused)
        for depth in range(len(subpath) - 1, -1, -1):  # wrap the leaf's options in its subcommands
            node = self.find_command(" ".join([top["name"], *subpath[: depth + 1]]), guild_id)[2]
            options = [{"name": node["name"], "type": node["type"], "options": options}]
        data: dict[str, Any] = {"id": top["id"], "name": top["name"], "type": 1, "options": options}
        channels = [o["value"] for o in _leaves(options) if o["type"] == CHANNEL]
        if channels:  # Discord sends the picked channels along, as partial channels
            data["resolved"] = {"channels": {c: self.partial_channel(int(c)) for c in channels}}
        if top.get("guild_id"):
            data["guild_id"] = top["guild_id"]
        return self.interaction(4 if focused else 2, data, actor, dm=dm)

    def partial_channel(self, channel_id: int) -> dict[str, Any]:
        """A text channel of the guild as a command's ``resolved`` data carries it."""
        return {
            "id": str(channel_id),
            "type": 0,
            "name": f"channel-{channel_id % 1000}",
            "guild_id": str(self.guild_id),
            "permissions": str((1 << 10) | (1 << 11) | (1 << 14)),
            "parent_id": None,
            "position": 0,
            "nsfw": False,
            "topic": None,
            "flags": 0,
        }

    def component(
        self,
        message: dict[str, Any],
        custom_id: str,
        actor: Actor,
        *,
        values: list[str] | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """A click on a button (or a pick in a select) of a message the bot sent."""
        component = next((c for c in iter_components(message) if c.get("custom_id") == custom_id), None)
        if component is None:
            raise AssertionError(f"no component {custom_id!r} on message {message.get('id')}")
        if component.get("disabled"):
            raise AssertionError(f"component {custom_id!r} is disabled")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] != 2:
            data["values"] = list(values or [])
        return self.interaction(3, data, actor, dm=dm, message=message)

    def message_create(
        self,
        content: str,
        actor: Actor,
        *,
        mention_bot: bool = True,
        dm: bool = False,
        extra_mentions: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A MESSAGE_CREATE a user sends (the bot receives its content when it is mentioned).

        ``reply_to`` (a message the fake stored) makes it a reply, as Discord sends one: type 19,
        a ``message_reference`` and the ``referenced_message``; with ``mention_bot`` the reply pings.
        """
        user = self.fake.user(actor.id, actor.name)
        mentions = [self.fake.bot_user] if mention_bot else []
        mentions += extra_mentions or []
        payload: dict[str, Any] = {
            "id": str(self.fake.snowflake()),
            "channel_id": str(DM_CHANNEL_ID if dm else CHANNEL_ID),
            "author": user,
            "content": content,
            "timestamp": dt.datetime.now(dt.UTC).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": "@everyone" in content,
            "mentions": mentions,
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "components": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        if reply_to is not None:
            payload["type"] = 19
            payload["message_reference"] = {"message_id": reply_to["id"], "channel_id": reply_to["channel_id"]}
            payload["referenced_message"] = reply_to
        if not dm:
            payload["guild_id"] = str(self.guild_id)
            payload["member"] = {
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
            }
        return payload


def _leaves(options: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for option in options:
        if option["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP):
            yield from _leaves(option.get("options") or [])
        else:
            yield option


def iter_components(message: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every component of a message, rows flattened."""
    stack = list(message.get("components") or [])
    while stack:
        component = stack.pop(0)
        yield component
        stack[0:0] = list(component.get("components") or [])


# ----------------------------------------------------------------------------------------------
# The harness: a real bot, driven through the fake
# ----------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Exchange:
    """What the bot sent in answer to one payload."""

    payload: dict[str, Any]
    requests: list[RecordedRequest]
    started_at: float
    fake: FakeDiscord = field(repr=False)

    @property
    def callback(self) -> RecordedRequest | None:
        return next((r for r in self.requests if r.route == "interaction_callback"), None)

    @property
    def callback_type(self) -> int | None:
        return self.callback.json.get("type") if self.callback and isinstance(self.callback.json, dict) else None

    @property
    def callback_latency(self) -> float | None:
        """Seconds from delivering the payload to the fake receiving the callback."""
        return self.callback.received_at - self.started_at if self.callback else None

    @property
    def choices(self) -> list[dict[str, Any]]:
        if self.callback_type != AUTOCOMPLETE:
            raise AssertionError(f"not an autocomplete response (callback type {self.callback_type})")
        return list((self.callback.json.get("data") or {}).get("choices") or [])  # type: ignore[union-attr]

    @property
    def bodies(self) -> list[dict[str, Any]]:
        """Message bodies sent (callback messages, follow-ups, edits, channel messages), in order."""
        return [r.message_body for r in self.requests if r.message_body is not None]

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [e for body in self.bodies for e in body.get("embeds") or []]

    @property
    def embed(self) -> dict[str, Any]:
        """The last embed sent: what the user finally sees."""
        if not self.embeds:
            raise AssertionError(f"no embed was sent; requests: {[(r.method, r.path) for r in self.requests]}")
        return self.embeds[-1]

    @property
    def ephemeral(self) -> bool:
        """True when the visible reply is ephemeral (flag 64 on the callback or its follow-up)."""
        flags = 0
        for request in self.requests:
            body = request.json if isinstance(request.json, dict) else {}
            if request.route == "interaction_callback":
                flags |= int((body.get("data") or {}).get("flags") or 0)
            elif request.route == "webhook_execute":
                flags |= int(body.get("flags") or 0)
        return bool(flags & EPHEMERAL)

    @property
    def files(self) -> list[dict[str, Any]]:
        return [f for r in self.requests for f in r.files]

    @property
    def message(self) -> dict[str, Any]:
        """The bot's (last) message as it now stands on the fake, e.g. for clicking its components."""
        for request in reversed(self.requests):
            if request.message_id is not None and request.message_id in self.fake.stored_messages:
                return self.fake.stored_messages[request.message_id]
        raise AssertionError(f"the bot sent no message; requests: {[(r.method, r.path) for r in self.requests]}")

    def components(self) -> list[dict[str, Any]]:
        return [c for c in iter_components(self.message) if c.get("type") != 1]

    def text(self) -> str:
        """Title, description and fields of the last embed, for loose assertions."""
        embed = self.embed
        parts = [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields") or []]
        parts.append((embed.get("footer") or {}).get("text", ""))
        return "\n".join(p for p in parts if p)


@contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's HTTP routes (and interaction webhooks) at ``fake``, then restore them."""
    from discord.http import Route

    saved = Route.BASE
    Route.BASE = fake.base_url
    try:
        yield
    finally:
        Route.BASE = saved


def _is_background(task: asyncio.Task[Any]) -> bool:
    """Tasks that live on after an interaction is answered, which no command awaits.

    View timeouts and ``tasks.loop``s; a quiz game's own task; and the fake server's handler
    for an extra keep-alive connection (opened when a game posts while a command runs), which
    lives until the connection idles out.
    """
    coro = task.get_coro()
    qualname = getattr(coro, "__qualname__", "") or ""
    name = task.get_name()
    return (
        "__timeout_task_impl" in qualname
        or qualname == "RequestHandler.start"
        or name.startswith(("discord-ext-tasks", "quiz-session"))
    )


class DiscordHarness:
    """Logs a real bot in against a :class:`FakeDiscord` and feeds it gateway payloads."""

    def __init__(self, bot: discord.Client, fake: FakeDiscord, *, guild_id: int = GUILD_ID) -> None:
        self.bot = bot
        self.fake = fake
        self.payloads = PayloadFactory(fake, guild_id)
        self.guild_id = guild_id
        self.user = Actor()

    async def login(self, token: str = "fake-token", *, sync: bool = True) -> None:
        """``bot.login`` (the two GETs, then setup_hook) and, by default, a global sync."""
        await self.bot.login(token)
        if sync:
            tree = getattr(self.bot, "tree", None)
            if tree is not None:
                await tree.sync()

    async def settle(self, before: set[asyncio.Task[Any]], within: float = 5.0) -> None:
        """Wait for every task started since ``before`` (and the ones they start) to finish."""
        deadline = time.perf_counter() + within
        current = asyncio.current_task()
        while True:
            await asyncio.sleep(0)
            pending = [
                t
                for t in asyncio.all_tasks()
                if t not in before and t is not current and not t.done() and not _is_background(t)
            ]
            if not pending:
                return
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                names = [t.get_name() for t in pending]
                raise AssertionError(f"the bot did not settle within {within} s: {names}")
            await asyncio.wait(pending, timeout=remaining)

    async def deliver(self, event: str, payload: dict[str, Any]) -> Exchange:
        """Hand ``payload`` to the bot's own gateway parser for ``event`` and wait for the result."""
        if event == "INTERACTION_CREATE":
            self.fake.register_interaction(payload)
        before = set(asyncio.all_tasks())
        start_index = len(self.fake.requests)
        started = time.perf_counter()
        self.bot._connection.parsers[event](payload)  # type: ignore[attr-defined]
        await self.settle(before)
        return Exchange(payload, self.fake.requests[start_index:], started, self.fake)

    # -- conveniences ---------------------------------------------------------------------------
    def _actor(self, user: Actor | None) -> Actor:
        return user or self.user

    async def command(self, path: str, *, user: Actor | None = None, dm: bool = False, **options: Any) -> Exchange:
        payload = self.payloads.command(path, self._actor(user), dm=dm, **options)
        return await self.deliver("INTERACTION_CREATE", payload)

    async def autocomplete(
        self, path: str, focused: str, *, user: Actor | None = None, dm: bool = False, **options: Any
    ) -> Exchange:
        payload = self.payloads.command(path, self._actor(user), dm=dm, focused=focused, **options)
        return await self.deliver("INTERACTION_CREATE", payload)

    async def click(
        self,
        message: dict[str, Any],
        custom_id: str,
        *,
        user: Actor | None = None,
        values: list[str] | None = None,
        dm: bool = False,
    ) -> Exchange:
        payload = self.payloads.component(message, custom_id, self._actor(user), values=values, dm=dm)
        return await self.deliver("INTERACTION_CREATE", payload)

    async def say(
        self,
        content: str,
        *,
        user: Actor | None = None,
        mention_bot: bool = True,
        dm: bool = False,
        reply_to: dict[str, Any] | None = None,
    ) -> Exchange:
        payload = self.payloads.message_create(
            content, self._actor(user), mention_bot=mention_bot, dm=dm, reply_to=reply_to
        )
        return await self.deliver("MESSAGE_CREATE", payload)

    def mention(self) -> str:
        return f"<@{self.fake.bot_user_id}>"


__all__ = [
    "AUTOCOMPLETE",
    "DEFERRED_MESSAGE",
    "DEFERRED_UPDATE",
    "EPHEMERAL",
    "MESSAGE",
    "UPDATE_MESSAGE",
    "Actor",
    "DiscordHarness",
    "Exchange",
    "FakeDiscord",
    "PayloadFactory",
    "RecordedRequest",
    "iter_components",
    "pointed_at",
    "schema_problems",
]
