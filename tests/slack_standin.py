"""A loopback Slack for tests and the load benchmark: Web API stand-in + signed requests.

`SlackStandIn` is a small aiohttp server on 127.0.0.1 that answers the Web API
methods the adapter uses (auth.test, chat.postMessage, chat.postEphemeral,
views.publish, users.info) and response_url posts, and records every call. For
Socket Mode it also answers apps.connections.open (with the app-level token) and
serves the websocket that URL names: `push` sends an envelope the way Slack does,
and every acknowledgement the app sends back is recorded as a "socket_ack" call.
`running_policybot` starts the real server (adapters.server.create_app) wired
to it. Requests are signed with Slack's v0 HMAC scheme, written out here
independently of bolt so the test checks bolt rather than trusting it.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from adapters.config import Settings
from adapters.server import create_app
from bot.state import StateStore

TOKEN = "xoxb-standin-token"
APP_TOKEN = "xapp-standin-app-token"
SIGNING_SECRET = "standin-signing-secret"
BOT_USER_ID = "UBOTPOLICY"
BOT_ID = "BPOLICY"
API_APP_ID = "APOLICY"
LOOPBACK = "127.0.0.1"


@dataclass
class Call:
    """One request the adapter made to "Slack"."""

    method: str
    args: dict[str, Any]
    status: int = 200
    result: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class SlackStandIn:
    """Records Web API calls; can answer 429 + Retry-After for a method a set number of times."""

    def __init__(self, team: str = "T1") -> None:
        self.team = team
        self.calls: list[Call] = []
        self.admins: set[str] = set()
        self.rate_limit: dict[str, int] = {}
        self.retry_after = 1
        self._ts = itertools.count(1)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._socket: web.WebSocketResponse | None = None
        self._socket_ready = asyncio.Event()
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/api/"

    def response_url(self, key: str) -> str:
        return f"http://{LOOPBACK}:{self.port}/response/{key}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_get("/link", self._link)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, LOOPBACK, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._changed.set()

    @staticmethod
    async def _args(request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(dict(await request.post()))
        for key in ("blocks", "view"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        # Socket Mode's URL is issued to the app-level token, everything else to the bot token.
        token = APP_TOKEN if method == "apps.connections.open" else TOKEN
        if request.headers.get("Authorization") != f"Bearer {token}":
            self._record(Call(method, args, 200, {"ok": False, "error": "invalid_auth"}))
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if self.rate_limit.get(method, 0) > 0:
            self.rate_limit[method] -= 1
            self._record(Call(method, args, 429))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429,
                headers={"Retry-After": str(self.retry_after)},
            )
        call = Call(method, args)
        call.result = self._result(method, args)
        self._record(call)
        return web.json_response(call.result)

    def _result(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"{1_700_000_000 + next(self._ts)}.000100"
        if method == "auth.test":
            return {
                "ok": True, "url": "https://standin.slack.test/", "team": "Stand-in",
                "user": "policybot", "team_id": self.team, "user_id": BOT_USER_ID,
                "bot_id": BOT_ID, "is_enterprise_install": False,
            }
        if method in {"chat.postMessage", "chat.postEphemeral"}:
            return {"ok": True, "channel": args.get("channel"), "ts": ts, "message_ts": ts}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://{LOOPBACK}:{self.port}/link"}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1", **args.get("view", {})}}
        if method == "users.info":
            user = str(args.get("user", ""))
            admin = user in self.admins
            return {"ok": True, "user": {
                "id": user, "team_id": self.team, "is_admin": admin, "is_owner": False}}
        return {"ok": False, "error": "unknown_method"}

    async def _response_url(self, request: web.Request) -> web.Response:
        args = await request.json()
        args["_key"] = request.match_info["key"]
        self._record(Call("response_url", args))
        return web.Response(text="ok")

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        """Slack's side of a Socket Mode connection: hello, then envelopes out, acks in."""
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"type": "hello", "num_connections": 1,
                                "connection_info": {"app_id": API_APP_ID}})
        self._socket = socket
        self._socket_ready.set()
        async for message in socket:
            if message.type == aiohttp.WSMsgType.TEXT:
                self._record(Call("socket_ack", json.loads(message.data)))
        return socket

    async def push(self, kind: str, payload: dict[str, Any], timeout: float = 10.0) -> str:
        """Send one Socket Mode envelope (slash_commands, events_api, interactive); its id."""
        await asyncio.wait_for(self._socket_ready.wait(), timeout)
        assert self._socket is not None
        envelope_id = f"env-{next(self._ts)}"
        await self._socket.send_json({
            "envelope_id": envelope_id, "type": kind, "payload": payload,
            "accepts_response_payload": kind != "events_api", "retry_attempt": 0,
        })
        return envelope_id

    def of(self, *methods: str, ok_only: bool = True) -> list[Call]:
        return [c for c in self.calls
                if c.method in methods
                and (not ok_only or (c.status == 200 and c.result.get("ok", True)))]

    async def wait_for(
        self, predicate: Callable[[list[Call]], bool], timeout: float = 10.0
    ) -> list[Call]:
        """Wait (bounded) until predicate(calls) holds; raises TimeoutError otherwise."""
        deadline = time.monotonic() + timeout
        while not predicate(self.calls):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"stand-in: condition not met; calls={self.summary()}")
            self._changed.clear()
            with suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.25))
        return self.calls

    async def wait_count(self, method: str, count: int, timeout: float = 10.0) -> list[Call]:
        await self.wait_for(lambda _: len(self.of(method)) >= count, timeout)
        return self.of(method)

    def summary(self) -> list[tuple[str, int]]:
        return [(c.method, c.status) for c in self.calls]


# ---------------------------------------------------------------------------
# Signed requests


def sign(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """Slack's v0 scheme: HMAC-SHA256 over "v0:{timestamp}:{body}"."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def slash_command(text: str, *, team: str, user: str, channel: str,
                  response_url: str) -> dict[str, str]:
    """A /policy invocation's fields: form-encoded over HTTP, a JSON payload over Socket Mode."""
    return {
        "token": "legacy", "team_id": team, "team_domain": "standin", "channel_id": channel,
        "channel_name": "general", "user_id": user, "user_name": user.lower(),
        "command": "/policy", "text": text, "api_app_id": API_APP_ID,
        "response_url": response_url, "trigger_id": f"trig-{time.monotonic_ns()}",
    }


def slash_body(text: str, *, team: str, user: str, channel: str, response_url: str) -> str:
    return urlencode(slash_command(text, team=team, user=user, channel=channel,
                                   response_url=response_url))


def event_callback(event: dict[str, Any], *, team: str, event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy", "team_id": team, "api_app_id": API_APP_ID, "event": event,
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def event_body(event: dict[str, Any], *, team: str, event_id: str) -> str:
    return json.dumps(event_callback(event, team=team, event_id=event_id))


def action_body(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


@dataclass
class Posted:
    status: int
    seconds: float
    text: str


@dataclass
class Harness:
    standin: SlackStandIn
    url: str
    state: StateStore
    session: aiohttp.ClientSession
    team: str = "T1"
    _seq: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def post(
        self, body: str, content_type: str, *, secret: str = SIGNING_SECRET,
        timestamp: int | None = None, headers: dict[str, str] | None = None,
    ) -> Posted:
        all_headers = {"Content-Type": content_type, **sign(body, secret=secret,
                                                            timestamp=timestamp)}
        all_headers.update(headers or {})
        started = time.perf_counter()
        async with self.session.post(f"{self.url}/slack/events", data=body.encode(),
                                     headers=all_headers) as resp:
            text = await resp.text()
        return Posted(resp.status, time.perf_counter() - started, text)

    async def slash(self, text: str, *, user: str = "U1", team: str | None = None,
                    channel: str = "C1", **kw: Any) -> tuple[Posted, str]:
        key = f"slash-{next(self._seq)}"
        body = slash_body(text, team=team or self.team, user=user, channel=channel,
                          response_url=self.standin.response_url(key))
        return await self.post(body, "application/x-www-form-urlencoded", **kw), key

    async def event(self, event: dict[str, Any], *, event_id: str | None = None,
                    team: str | None = None, **kw: Any) -> Posted:
        eid = event_id or f"Ev{next(self._seq):08d}"
        return await self.post(event_body(event, team=team or self.team, event_id=eid),
                               "application/json", **kw)

    async def action(self, payload: dict[str, Any], **kw: Any) -> Posted:
        return await self.post(action_body(payload), "application/x-www-form-urlencoded", **kw)


@asynccontextmanager
async def running_policybot(
    assistant: Any, state_path: Path, *, team_districts: dict[str, str] | None = None,
    team: str = "T1", socket_mode: bool = False,
) -> AsyncIterator[Harness]:
    """The real server (create_app) on an ephemeral loopback port, talking to the stand-in.

    With socket_mode the app gets an app-level token and no signing secret, as an operator
    without a public URL would configure it: events then arrive over the websocket only.
    """
    standin = SlackStandIn(team)
    await standin.start()
    settings = Settings(
        slack_bot_token=TOKEN,
        slack_signing_secret="" if socket_mode else SIGNING_SECRET,
        slack_app_token=APP_TOKEN if socket_mode else "",
        slack_api_url=standin.api_url, slack_team_districts=dict(team_districts or {}),
        state_path=str(state_path),
    )
    state = StateStore(state_path)
    runner = web.AppRunner(create_app(settings, assistant, state), access_log=None)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30),
                                    connector=aiohttp.TCPConnector(limit=0))
    try:
        await runner.setup()
        site = web.TCPSite(runner, LOOPBACK, 0)
        await site.start()
        port = runner.addresses[0][1]
        yield Harness(standin, f"http://{LOOPBACK}:{port}", state, session, team)
    finally:
        await session.close()
        await runner.cleanup()
        await standin.stop()
        state.close()


def all_strings(value: Any) -> list[str]:
    """Every string inside a posted payload, to check that nothing live slipped through."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []
