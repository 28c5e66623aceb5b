"""Loopback stand-ins for the Teams side: the Bot Connector service and activity builders.

Real HTTP on 127.0.0.1 (ephemeral ports), no mocks: the bot's SDK posts its replies here
exactly as it would to https://smba.trafficmanager.net/..., and tests read what arrived.
Shared by tests/test_teams.py and benchmarks/teams_load.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

HOST = "127.0.0.1"
BOT_ID = "28:policybot"
BOT_NAME = "Policy Assistant"
TENANT = "11111111-2222-3333-4444-555555555555"


@dataclass
class Delivery:
    """One activity the bot sent to the connector."""

    conversation_id: str
    reply_to_id: str | None
    authorization: str | None
    activity: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class ConnectorStandIn:
    """Records POST /v3/conversations/{id}/activities[/{replyToId}] like the Bot Connector."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self._changed = asyncio.Condition()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def _record(self, request: web.Request) -> web.Response:
        delivery = Delivery(
            conversation_id=request.match_info["conversation_id"],
            reply_to_id=request.match_info.get("reply_to_id"),
            authorization=request.headers.get("Authorization"),
            activity=await request.json(),
        )
        async with self._changed:
            self.deliveries.append(delivery)
            self._changed.notify_all()
        return web.json_response({"id": f"reply-{next(self._ids)}"}, status=201)

    async def start(self) -> ConnectorStandIn:
        app = web.Application()
        base = "/v3/conversations/{conversation_id}/activities"
        app.router.add_post(base, self._record)
        app.router.add_post(base + "/{reply_to_id}", self._record)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, 0)
        await site.start()
        self.url = f"http://{HOST}:{_port(self._runner)}/"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def messages(self) -> list[Delivery]:
        """Bot messages only (not typing indicators or traces)."""
        return [d for d in self.deliveries if d.activity.get("type") == "message"]

    async def wait_for_messages(self, count: int, timeout: float = 10.0) -> list[Delivery]:
        """Wait (bounded) until at least `count` messages arrived; returns what arrived."""

        async def enough() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.messages()) >= count)

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(enough(), timeout)
        return self.messages()


def _port(runner: web.AppRunner) -> int:
    server = runner.addresses[0]
    return int(server[1])


async def serve_app(app: web.Application) -> tuple[web.AppRunner, str]:
    """Run an aiohttp app on 127.0.0.1:<ephemeral>; returns the runner and its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, HOST, 0)
    await site.start()
    return runner, f"http://{HOST}:{_port(runner)}"


def activity(
    text: str,
    service_url: str,
    *,
    kind: str = "personal",
    conversation_id: str | None = None,
    user_id: str = "29:user-1",
    aad_object_id: str = "aad-user-1",
    tenant: str = TENANT,
    mention: bool = False,
    activity_id: str | None = None,
) -> dict[str, Any]:
    """A Teams message Activity as the channel sends it (personal, channel or groupChat)."""
    conv_id = conversation_id or {
        "personal": f"a:personal-{uuid.uuid4().hex[:8]}",
        "channel": f"19:{uuid.uuid4().hex[:8]}@thread.tacv2",
        "groupChat": f"19:{uuid.uuid4().hex[:8]}@thread.v2",
    }[kind]
    body: dict[str, Any] = {
        "type": "message",
        "id": activity_id or f"{int(time.time() * 1000)}{uuid.uuid4().hex[:6]}",
        "timestamp": "2025-01-01T00:00:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": user_id, "name": "Staff Member", "aadObjectId": aad_object_id},
        "conversation": {"id": conv_id, "conversationType": kind, "tenantId": tenant,
                         "isGroup": kind != "personal"},
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "text": text,
        "textFormat": "plain",
        "locale": "en-US",
        "channelData": {"tenant": {"id": tenant}},
    }
    if mention:
        tag = f"<at>{BOT_NAME}</at>"
        body["text"] = f"{tag} {text}"
        body["entities"] = [
            {"type": "mention", "text": tag, "mentioned": {"id": BOT_ID, "name": BOT_NAME}}
        ]
    if kind == "channel":
        body["channelData"].update({"teamsChannelId": conv_id, "teamsTeamId": conv_id})
    return body


def card_action(
    data: dict[str, Any], service_url: str, *, conversation_id: str = "a:personal-cards",
    aad_object_id: str = "aad-user-1", tenant: str = TENANT,
) -> dict[str, Any]:
    """An Action.Execute invoke (adaptiveCard/action) as Teams sends it when a button is pressed."""
    body = activity("", service_url, conversation_id=conversation_id,
                    aad_object_id=aad_object_id, tenant=tenant)
    body.pop("text")
    body.update({
        "type": "invoke",
        "name": "adaptiveCard/action",
        "value": {"action": {"type": "Action.Execute", "verb": data.get("action"), "data": data},
                  "trigger": "manual"},
    })
    return body


def card_of(delivery: Delivery) -> dict[str, Any]:
    """The Adaptive Card content of a delivered message (fails loudly if there is none)."""
    attachments = delivery.activity.get("attachments") or []
    cards = [a["content"] for a in attachments
             if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]
    assert cards, f"no Adaptive Card in {delivery.activity}"
    return cards[0]


def walk(element: Any):
    """Every dict inside a card, depth first (to find ids, actions, text blocks)."""
    if isinstance(element, dict):
        yield element
        for value in element.values():
            yield from walk(value)
    elif isinstance(element, list):
        for value in element:
            yield from walk(value)


def card_verdict(card: dict[str, Any]) -> str:
    ids = [e["id"] for e in walk(card) if str(e.get("id", "")).startswith("verdict:")]
    assert len(ids) == 1, ids
    return ids[0].split(":", 1)[1]


def card_clause_ids(card: dict[str, Any]) -> list[str]:
    return [e["id"].split(":", 1)[1] for e in walk(card)
            if str(e.get("id", "")).startswith("citation:")]


def card_text(card: dict[str, Any]) -> str:
    return "\n".join(str(e.get("text", "")) for e in walk(card) if e.get("type") == "TextBlock")


class TeamsHarness:
    """The real aiohttp server with adapters.teams attached, plus the connector stand-in.

    `async with TeamsHarness(assistant, state, settings) as h:` then `await h.post(activity)`.
    """

    def __init__(self, assistant: Any, state: Any, settings: Any, **attach_kwargs: Any) -> None:
        self.assistant = assistant
        self.state = state
        self.settings = settings
        self.attach_kwargs = attach_kwargs
        self.connector = ConnectorStandIn()
        self.url = ""
        self.app: web.Application | None = None
        self._runner: web.AppRunner | None = None
        self._session: Any = None

    async def __aenter__(self) -> TeamsHarness:
        from aiohttp import ClientSession, ClientTimeout

        from adapters.teams import attach

        await self.connector.start()
        self.app = web.Application()
        attach(self.app, self.assistant, self.state, self.settings, **self.attach_kwargs)
        self._runner, self.url = await serve_app(self.app)
        self._session = ClientSession(timeout=ClientTimeout(total=30))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()
        await self.connector.stop()

    async def post(self, body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        """POST one activity to /api/messages; returns (status, parsed JSON body or None)."""
        async with self._session.post(
            f"{self.url}/api/messages", json=body, headers=headers or {}
        ) as response:
            try:
                payload = await response.json(content_type=None)
            except ValueError:
                payload = None
            return response.status, payload
