"""Slack adapter: slash command, mentions, DMs, App Home and buttons on a bolt AsyncApp.

The adapter only moves text between Slack and the core (bot.assistant): it
decides *which district* a Slack user is asking about and *how* an Answer is
delivered, never what the policy says. Everything that touches the core or
SQLite runs in a small thread pool so acks are never stuck behind an answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.cache import BoundedCache
from adapters.config import Settings
from bot.answer import Answer, Turn
from bot.assistant import Assistant, UnknownDistrict
from bot.render import render_json, slack_escape, truncate
from bot.state import StateStore, store_question_text

log = logging.getLogger("policybot.slack")

PLATFORM = "slack"
COMMAND = "/policy"

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_VALUE = 2000
MAX_FALLBACK_TEXT = 3000

_USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")

Ack = Callable[..., Awaitable[Any]]
V = TypeVar("V")


def single_flight_authorize(client: AsyncWebClient) -> Callable[[], Awaitable[AuthorizeResult]]:
    """An `authorize` for AsyncApp: auth.test once per process, shared by concurrent requests.

    Bolt's single-workspace authorization caches auth.test, but every request that
    arrives before the first reply calls it too (129 calls for a 200-command burst);
    here one call is in flight for all of them.
    """
    lock = asyncio.Lock()
    cached: list[AuthorizeResult] = []

    async def authorize() -> AuthorizeResult:
        if not cached:
            async with lock:
                if not cached:
                    response = await client.auth_test()
                    cached.append(AuthorizeResult.from_auth_test_response(
                        auth_test_response=response, bot_token=client.token))
        return cached[0]

    return authorize


# ---------------------------------------------------------------------------
# Block Kit limits


def fit_blocks(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clamp a rendered message to Block Kit's limits instead of letting Slack reject it."""
    fitted: list[dict[str, Any]] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            block["text"]["text"] = truncate(block["text"]["text"], MAX_HEADER_TEXT)
        elif kind == "section" and "text" in block:
            block["text"]["text"] = truncate(block["text"]["text"], MAX_SECTION_TEXT)
        elif kind == "context":
            block["elements"] = block["elements"][:MAX_CONTEXT_ELEMENTS]
            for element in block["elements"]:
                if "text" in element:
                    element["text"] = truncate(element["text"], MAX_SECTION_TEXT)
        elif kind == "actions":
            block["elements"] = block["elements"][:MAX_ACTION_ELEMENTS]
        fitted.append(block)
    if len(fitted) > MAX_BLOCKS:
        tail = [b for b in fitted[-2:] if b.get("type") == "actions"]
        keep = MAX_BLOCKS - 1 - len(tail)
        omitted = {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "More clauses apply; ask again to narrow it."}],
        }
        fitted = fitted[:keep] + [omitted] + tail
    return fitted


def fit_message(message: dict[str, Any]) -> dict[str, Any]:
    message["text"] = truncate(message.get("text", ""), MAX_FALLBACK_TEXT)
    message["blocks"] = fit_blocks(message.get("blocks", []))
    return message


def _value(data: dict[str, str]) -> str | None:
    """A button value, or None if it cannot fit Slack's 2000-character limit."""
    encoded = json.dumps(data, separators=(",", ":"))
    return encoded if len(encoded) <= MAX_BUTTON_VALUE else None


def slack_unescape(text: str) -> str:
    """Inverse of bot.render.slack_escape, for text we escaped into a button value."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def parse_value(raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------------------
# Commands


@dataclass(frozen=True)
class Command:
    kind: str  # ask | help | compare | district_show | district_set | district_default
    arg: str = ""


def parse_command(text: str) -> Command:
    """`help`, `compare Q`, `district [default] [ID]`; anything else is a question.

    `district` followed by a long phrase is treated as a question ("district rules on TikTok?").
    """
    words = text.split()
    if not words:
        return Command("help")
    first = words[0].lower()
    rest = text.strip()[len(words[0]) :].strip()
    if first in {"help", "?"} and len(words) == 1:
        return Command("help")
    if first == "compare" and len(words) > 1:
        return Command("compare", rest)
    if first == "district":
        if len(words) == 1:
            return Command("district_show")
        if words[1].lower() == "default":
            arg = " ".join(words[2:])
            return Command("district_default", arg) if arg else Command("district_show")
        if len(words) <= 4:
            return Command("district_set", rest)
    return Command("ask", text.strip())


@dataclass(frozen=True)
class Resolution:
    """Which district a question is answered for, and why (shown to the user)."""

    district: str | None
    source: str = ""
    note: str | None = None


@dataclass(frozen=True)
class Reply:
    """A composed Slack message plus the Turn to remember for thread follow-ups."""

    message: dict[str, Any]
    turn: Turn | None = None


def answer_message(
    answer: Answer,
    *,
    note: str | None = None,
    shareable: bool = False,
    shared_by: str | None = None,
    usage: bool = False,
) -> dict[str, Any]:
    """One Answer as a Slack message (text + blocks) within Block Kit limits."""
    feedback = {"q": answer.question_id, "d": answer.district, "v": str(answer.verdict)}
    if store_question_text():
        feedback["t"] = answer.question[:1500]
    # escaped even in the (never displayed) button value, so no payload carries a live `<!...>`
    share = {"q": slack_escape(answer.question), "d": answer.district} if shareable else None
    message = render_json(
        "slack_answer.json.j2",
        answer=answer,
        note=note,
        show_question=True,
        shared_by=shared_by if shared_by and _USER_ID.match(shared_by) else None,
        usage=usage,
        feedback_value=_value(feedback) if answer.district and answer.question else None,
        share_value=_value(share) if share else None,
    )
    return fit_message(message)


# ---------------------------------------------------------------------------


class SlackPolicyBot:
    """Composes replies (sync, in the pool) and delivers them (async, with retries)."""

    def __init__(
        self,
        assistant: Assistant,
        state: StateStore,
        settings: Settings,
        *,
        workers: int = 2,
        thread_memory: int = 5000,
        dedupe_ttl: float = 15 * 60,
    ) -> None:
        self.assistant = assistant
        self.state = state
        self.settings = settings
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="policybot-slack")
        # thread (team, channel, thread_ts) -> last answer's Turn, for follow-ups
        self.threads: BoundedCache[tuple[str, str, str], Turn] = BoundedCache(thread_memory)
        # Slack retries unacknowledged events up to 3 times within ~5 minutes
        self.seen_events: BoundedCache[str, bool] = BoundedCache(20_000, ttl=dedupe_ttl)
        self.retry_handlers = [
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncRateLimitErrorRetryHandler(max_retry_count=3),
            AsyncServerErrorRetryHandler(max_retry_count=2),
        ]
        # Tokenless: bolt builds each request's client from the AuthorizeResult's bot token.
        self.client = AsyncWebClient(
            base_url=settings.slack_api_url, retry_handlers=list(self.retry_handlers)
        )
        self.auth_client = AsyncWebClient(
            token=settings.slack_bot_token,
            base_url=settings.slack_api_url,
            retry_handlers=list(self.retry_handlers),
        )
        self.authorize = single_flight_authorize(self.auth_client)
        self.session: aiohttp.ClientSession | None = None
        self.app = build_app(self)

    async def start(self) -> None:
        """One pooled HTTP session for all Slack calls (needs a running loop, hence not __init__).

        Without it slack_sdk opens a new connection per call, which under a burst
        costs more CPU than answering the question.
        """
        if self.session is None:
            self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
            self.client.session = self.auth_client.session = self.session

    async def aclose(self) -> None:
        if self.session is not None:
            await self.session.close()
            self.session = None
            self.client.session = self.auth_client.session = None
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def run(self, func: Callable[..., V], *args: Any, **kwargs: Any) -> V:
        """Core and SQLite calls are blocking; keep them off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(func, *args, **kwargs))

    def log_question(self, where: str, text: str) -> None:
        if self.settings.log_questions:
            log.info("%s question: %r", where, text)
        else:
            log.info("%s question (%d chars)", where, len(text))

    # -- district resolution -------------------------------------------------

    def _valid(self, district_id: str | None) -> str | None:
        if not district_id:
            return None
        try:
            return self.assistant.district(district_id).id
        except UnknownDistrict:
            return None

    def district_name(self, district_id: str) -> str:
        return self.assistant.district(district_id).name

    def home_district(self, team: str, user: str) -> Resolution:
        """User choice > workspace default (stored) > SLACK_TEAM_DISTRICTS > nothing."""
        chosen = self._valid(self.state.get_district("user", f"slack:{team}:{user}"))
        if chosen:
            return Resolution(chosen, "your choice")
        default = self._valid(self.state.get_district("workspace", f"slack:{team}"))
        if default:
            return Resolution(default, "workspace default")
        configured = self._valid(self.settings.slack_team_districts.get(team))
        if configured:
            return Resolution(configured, "workspace default")
        return Resolution(None)

    def resolve(self, team: str, user: str, question: str) -> Resolution:
        """A question naming another district is answered for that district, and says so."""
        home = self.home_district(team, user)
        mentioned = self._valid(self.assistant.mentioned_district(question)) if question else None
        if mentioned and mentioned != home.district:
            name = self.district_name(mentioned)
            note = f"Your question names {name}, so this answer is for {name}"
            note += f" rather than {self.district_name(home.district)}." if home.district else "."
            return Resolution(mentioned, "named in your question", note)
        return home

    def lookup_district(self, text: str) -> str | None:
        return self._valid(text.strip().lower()) or self._valid(
            self.assistant.mentioned_district(text)
        )

    # -- composing (sync, runs in the pool) -----------------------------------

    def district_message(self, team: str, user: str, message: str = "") -> dict[str, Any]:
        current = self.home_district(team, user)
        return fit_message(
            render_json(
                "slack_district.json.j2",
                districts=self.assistant.districts(),
                current_name=self.district_name(current.district) if current.district else "",
                current_source=current.source,
                message=message,
            )
        )

    def home_view(self, team: str, user: str) -> dict[str, Any]:
        current = self.home_district(team, user)
        help_answer = self.assistant.help_answer(current.district)
        view = render_json(
            "slack_home.json.j2",
            districts=self.assistant.districts(),
            current_name=self.district_name(current.district) if current.district else "",
            current_source=current.source,
            examples=help_answer.examples,
        )
        view["blocks"] = fit_blocks(view["blocks"])
        return view

    def compose(
        self,
        team: str,
        user: str,
        command: Command,
        *,
        ephemeral: bool,
        previous: Turn | None = None,
        is_admin: bool = False,
    ) -> Reply:
        """Turn one parsed command into one message; the single path for every surface."""
        if command.kind == "help":
            home = self.home_district(team, user)
            return Reply(answer_message(self.assistant.help_answer(home.district), usage=True))
        if command.kind == "district_show":
            return Reply(self.district_message(team, user))
        if command.kind in {"district_set", "district_default"}:
            chosen = self.lookup_district(command.arg)
            if chosen is None:
                msg = f"I don't know the district \"{command.arg}\". Use one of the IDs below."
                return Reply(self.district_message(team, user, msg))
            if command.kind == "district_default":
                if not is_admin:
                    msg = "Only workspace admins and owners can set the workspace default."
                    return Reply(self.district_message(team, user, msg))
                self.state.set_district("workspace", f"slack:{team}", chosen)
                msg = f"The workspace default is now {self.district_name(chosen)}."
            else:
                self.state.set_district("user", f"slack:{team}:{user}", chosen)
                msg = f"Your answers will now use {self.district_name(chosen)}."
            return Reply(self.district_message(team, user, msg))
        if command.kind == "compare":
            comparison = self.assistant.compare(command.arg)
            message = render_json("slack_compare.json.j2", comparison=comparison)
            return Reply(fit_message(message))
        resolution = self.resolve(team, user, command.arg)
        if resolution.district is None and previous is not None and previous.district:
            resolution = Resolution(previous.district, "earlier in this thread")
        if resolution.district is None:
            return Reply(self.district_message(team, user))
        answer = self.assistant.ask(command.arg, resolution.district, previous=previous)
        message = answer_message(answer, note=resolution.note, shareable=ephemeral)
        return Reply(message, answer.as_turn())

    def shared_message(self, user: str, value: dict[str, str]) -> dict[str, Any] | None:
        """Re-ask the shared question for the same district; the core is deterministic."""
        question, district = slack_unescape(value.get("q", "")), self._valid(value.get("d"))
        if not question or not district:
            return None
        answer = self.assistant.ask(question, district)
        return answer_message(answer, shared_by=user)

    def record_feedback(self, team: str, user: str, value: dict[str, str], helpful: bool) -> bool:
        if not value.get("q") or not value.get("d"):
            return False
        self.state.record_feedback(
            platform=PLATFORM,
            question_id=value["q"],
            district=value["d"],
            verdict=value.get("v", ""),
            helpful=helpful,
            user_hash=self.state.user_hash(PLATFORM, f"{team}:{user}"),
            question=value.get("t"),
        )
        return True

    # -- delivery (async) -----------------------------------------------------

    async def is_admin(self, client: AsyncWebClient, user: str) -> bool:
        try:
            info = await client.users_info(user=user)
        except SlackApiError as exc:
            log.warning("users.info failed: %s", exc.response.get("error"))
            return False
        profile = info.get("user") or {}
        return bool(
            profile.get("is_admin") or profile.get("is_owner") or profile.get("is_primary_owner")
        )

    async def respond(self, response_url: str, message: dict[str, Any], **options: Any) -> bool:
        """POST to a response_url with the same 429/connection retries as the Web API client."""
        webhook = AsyncWebhookClient(
            url=response_url, session=self.session, retry_handlers=list(self.retry_handlers)
        )
        try:
            result = await webhook.send_dict({**message, **options})
        except Exception as exc:  # network failure after retries: caller falls back
            log.warning("response_url post failed: %s", type(exc).__name__)
            return False
        if result.status_code != 200:
            log.warning("response_url post returned HTTP %s", result.status_code)
            return False
        return True

    async def send_ephemeral(
        self, client: AsyncWebClient, response_url: str | None, channel: str, user: str,
        message: dict[str, Any],
    ) -> None:
        """response_url works even where the bot is not a member; postEphemeral is the fallback."""
        if response_url and await self.respond(
            response_url, message, response_type="ephemeral", replace_original=False
        ):
            return
        await client.chat_postEphemeral(channel=channel, user=user, **message)

    async def reply_to(
        self,
        client: AsyncWebClient,
        team: str,
        user: str,
        text: str,
        where: str,
        *,
        ephemeral: bool,
        previous: Turn | None = None,
    ) -> Reply:
        """Every entry point's reply, so none can skip the admin check on a workspace default."""
        self.log_question(where, text)
        command = parse_command(text)
        is_admin = command.kind == "district_default" and await self.is_admin(client, user)
        return await self.run(self.compose, team, user, command, ephemeral=ephemeral,
                              previous=previous, is_admin=is_admin)

    async def reply_in_conversation(
        self,
        client: AsyncWebClient,
        *,
        team: str,
        user: str,
        channel: str,
        text: str,
        thread_ts: str | None,
        message_ts: str,
        where: str,
    ) -> None:
        """Mentions and DMs: answer in the conversation, remembering the thread's last turn."""
        root = thread_ts or message_ts
        previous = self.threads.get((team, channel, thread_ts)) if thread_ts else None
        reply = await self.reply_to(client, team, user, text, where, ephemeral=False,
                                    previous=previous)
        reply_thread = root if where == "mention" else thread_ts
        posted = await client.chat_postMessage(
            channel=channel, thread_ts=reply_thread, unfurl_links=False, unfurl_media=False,
            **reply.message,
        )
        if reply.turn is not None:
            self.threads.put((team, channel, root), reply.turn)
            if posted.get("ts"):
                self.threads.put((team, channel, str(posted["ts"])), reply.turn)


def _team(body: dict[str, Any]) -> str:
    return (
        body.get("team_id")
        or (body.get("team") or {}).get("id")
        or (body.get("user") or {}).get("team_id")
        or ""
    )


def _strip_mentions(text: str, bot_user_id: str | None) -> str:
    """Drop the bot's own @-mention; other mentions stay and are escaped when echoed."""
    return _MENTION.sub(lambda m: "" if m.group(1) == bot_user_id else m.group(0), text).strip()


def _is_from_bot(event: dict[str, Any], bot_user_id: str | None) -> bool:
    return bool(
        event.get("bot_id")
        or event.get("subtype")
        or not event.get("user")
        or event.get("user") == bot_user_id
    )


def bolt_logger(log_questions: bool) -> logging.Logger:
    """The base logger bolt copies onto all of its loggers. bolt logs the whole body of a
    request that fails verification (question text included) at INFO, so below WARNING
    only when the operator turned question logging on."""
    logger = logging.getLogger("policybot.slack.bolt")
    logger.setLevel(logging.DEBUG if log_questions else logging.WARNING)
    return logger


def build_app(bot: SlackPolicyBot) -> AsyncApp:
    """Register the listeners; signature verification and self-event filtering stay on."""
    app = AsyncApp(
        name="policybot",
        client=bot.client,
        authorize=bot.authorize,
        signing_secret=bot.settings.slack_signing_secret,
        process_before_response=False,
        logger=bolt_logger(bot.settings.log_questions),
    )

    @app.middleware
    async def skip_retried_events(
        body: dict[str, Any], next: Callable[[], Awaitable[BoltResponse]], logger: logging.Logger
    ) -> BoltResponse:
        """Runs after signature verification; an event_id seen before is acked, not answered."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not bot.seen_events.add_if_absent(str(event_id), True):
            logger.info("ignoring redelivered event %s", event_id)
            return BoltResponse(status=200, body="")
        return await next()

    # With process_before_response=False bolt runs each listener as an asyncio task and
    # answers Slack's HTTP request as soon as ack() is called, so every listener acks first
    # and works afterwards. (Bolt's lazy listeners would deep-copy the request, including
    # the client's pooled HTTP session, which cannot be copied.)

    @app.command(COMMAND)
    async def handle_policy_command(ack: Ack, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        team, user, channel = _team(body), body.get("user_id", ""), body.get("channel_id", "")
        reply = await bot.reply_to(client, team, user, body.get("text", ""), "slash",
                                   ephemeral=True)
        await bot.send_ephemeral(client, body.get("response_url"), channel, user, reply.message)

    @app.event("app_mention")
    async def handle_app_mention(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        bot_user_id = context.get("bot_user_id")
        if _is_from_bot(event, bot_user_id) or event.get("channel_type") == "im":
            return  # DMs are answered by the message.im listener
        await _answer(client, body, event, bot_user_id, event.get("thread_ts"), "mention")

    @app.event("message")
    async def handle_direct_message(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        bot_user_id = context.get("bot_user_id")
        if event.get("channel_type") != "im" or _is_from_bot(event, bot_user_id):
            return
        thread_ts = event.get("thread_ts")
        in_thread = thread_ts if thread_ts and thread_ts != event.get("ts") else None
        await _answer(client, body, event, bot_user_id, in_thread, "dm")

    async def _answer(client: AsyncWebClient, body: dict[str, Any], event: dict[str, Any],
                      bot_user_id: str | None, thread_ts: str | None, where: str) -> None:
        """Mentions and DMs differ only in which thread the reply goes to."""
        await bot.reply_in_conversation(
            client,
            team=_team(body) or event.get("team", ""),
            user=event["user"],
            channel=event["channel"],
            text=_strip_mentions(event.get("text", ""), bot_user_id),
            thread_ts=thread_ts,
            message_ts=event["ts"],
            where=where,
        )

    @app.event("app_home_opened")
    async def handle_app_home_opened(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        if event.get("tab", "home") != "home":
            return
        await publish_home(client, _team(body), event["user"])

    async def publish_home(client: AsyncWebClient, team: str, user: str) -> None:
        view = await bot.run(bot.home_view, team, user)
        await client.views_publish(user_id=user, view=view)

    @app.action("feedback_helpful")
    async def handle_feedback_helpful(ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        await record_click(body, helpful=True)

    @app.action("feedback_not_helpful")
    async def handle_feedback_not_helpful(ack: Ack, body: dict[str, Any]) -> None:
        await ack()
        await record_click(body, helpful=False)

    async def record_click(body: dict[str, Any], *, helpful: bool) -> None:
        action = body["actions"][0]
        user = body["user"]["id"]
        stored = await bot.run(
            bot.record_feedback, _team(body), user, parse_value(action.get("value", "")), helpful
        )
        if stored and body.get("response_url"):
            thanks = {"text": "Thanks, your feedback was recorded."}
            await bot.respond(
                body["response_url"], thanks, response_type="ephemeral", replace_original=False
            )

    @app.action("share_answer")
    async def handle_share_answer(ack: Ack, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = body["user"]["id"]
        value = parse_value(body["actions"][0].get("value", ""))
        message = await bot.run(bot.shared_message, user, value)
        if message is None:
            return
        response_url = body.get("response_url")
        if response_url and await bot.respond(
            response_url, message, response_type="in_channel", replace_original=False
        ):
            await bot.respond(response_url, {"text": ""}, delete_original=True)
            return
        channel = (body.get("channel") or {}).get("id") or body["container"].get("channel_id")
        await client.chat_postMessage(channel=channel, **message)

    @app.action("choose_district")
    async def handle_choose_district(
        ack: Ack, body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        team, user = _team(body), body["user"]["id"]
        selected = (body["actions"][0].get("selected_option") or {}).get("value", "")
        reply = await bot.run(bot.compose, team, user, Command("district_set", selected),
                              ephemeral=True)
        container = body.get("container") or {}
        if container.get("type") == "view":
            await publish_home(client, team, user)
        elif body.get("response_url"):
            await bot.respond(
                body["response_url"], reply.message, response_type="ephemeral",
                replace_original=bool(container.get("is_ephemeral")),
            )
    return app
