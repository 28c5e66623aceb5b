"""Microsoft Teams adapter on the Microsoft 365 Agents SDK (the maintained successor of botbuilder).

Teams posts Bot Framework activities to POST /api/messages; replies go back to the
activity's serviceUrl. This module only turns activities into core calls and core
answers into Adaptive Cards: the verdict, quotes and ranking come from `bot.assistant`.

Why we validate tokens before the SDK does: the SDK's own middleware turns a token
without a `kid` header into a KeyError (HTTP 500) and always fetches Microsoft's
signing keys over the network; here every bad token is a 401 and the key source is
injectable, so the authenticated path is testable on loopback.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import jwt
from aiohttp import web
from aiohttp.web_exceptions import NotAppKeyWarning
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    ContentTypes,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter, start_agent_process
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    ApplicationOptions,
    CardFactory,
    ClaimsIdentity,
    ConnectionManager,
    MemoryStorage,
    MessageFactory,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.authorization import AccessTokenProviderBase
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from yarl import URL

from adapters.cache import BoundedCache
from adapters.config import Settings
from bot.answer import Answer, Comparison, Turn, Verdict
from bot.render import render_json
from bot.state import StateStore, store_question_text

logger = logging.getLogger(__name__)

PLATFORM = "teams"
ROUTE = "/api/messages"
FEEDBACK_VERB = "feedback"
SET_DISTRICT_VERB = "set_district"
_AT_TAG = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)
_QUESTION_ID = re.compile(r"^[0-9a-f]{16}$")
_LOOPBACK_NAMES = {"localhost"}


class TeamsConfigError(RuntimeError):
    """Teams was switched on but cannot run safely; the message says what to set."""


# --------------------------------------------------------------------------- configuration


def validate(settings: Settings) -> None:
    """Refuse to start half-configured: anonymous is never implied by missing credentials."""
    if settings.teams_app_id and not settings.teams_app_password:
        raise TeamsConfigError(
            "TEAMS_APP_ID is set but TEAMS_APP_PASSWORD is empty: set the client secret of "
            "the Azure Bot's app registration."
        )
    if settings.teams_app_password and not settings.teams_app_id:
        raise TeamsConfigError("TEAMS_APP_PASSWORD is set but TEAMS_APP_ID is empty.")
    if not settings.teams_app_id and not settings.teams_allow_anonymous:
        raise TeamsConfigError(
            "Teams has no credentials: set TEAMS_APP_ID and TEAMS_APP_PASSWORD (Azure Bot "
            "registration), or TEAMS_ALLOW_ANONYMOUS=true for a local emulator only."
        )


def auth_configuration(settings: Settings) -> AgentAuthConfiguration:
    """The plain TEAMS_* settings under the SDK's CLIENTID/CLIENTSECRET/… names; issuer
    validation is opt-in in the SDK, so we always opt in."""
    return AgentAuthConfiguration(
        CLIENTID=settings.teams_app_id or None,
        CLIENTSECRET=settings.teams_app_password or None,
        TENANTID=settings.teams_tenant_id or None,
        ANONYMOUS_ALLOWED=settings.teams_allow_anonymous,
        VALIDATE_ISSUER=True,
    )


# --------------------------------------------------------------------------- authentication


class SigningKeySource(Protocol):
    """Where token signing keys come from (the SDK's JWKS client shape); injectable for tests."""

    async def get_signing_key(self, jwks_uri: str, header: dict[str, Any]) -> Any: ...


class StaticSigningKeys:
    """Keys known up front (tests, air-gapped checks) instead of Microsoft's JWKS endpoints."""

    def __init__(self, keys: Mapping[str, Any]) -> None:
        self._keys = dict(keys)

    async def get_signing_key(self, jwks_uri: str, header: dict[str, Any]) -> Any:
        key = self._keys.get(header.get("kid", ""))
        if key is None:
            raise jwt.PyJWKClientError("Unknown signing key id")
        return key


class _Validator(JwtTokenValidator):
    """The SDK's validator (audience, issuer allow-list, tenant binding) with our key source."""

    def __init__(self, configuration: AgentAuthConfiguration, keys: SigningKeySource | None):
        super().__init__(configuration)
        if keys is not None:
            # The SDK resolves keys through this attribute; pinned to microsoft-agents <2.
            self._jwk_client_manager = keys  # type: ignore[assignment]


class Unauthorized(Exception):
    """Any reason to answer 401; the reason is logged, never returned to the caller."""


def _host(url: str) -> str:
    try:
        return (URL(url).host or "").lower()
    except (ValueError, TypeError):
        return ""


def _is_loopback(url: str) -> bool:
    host = _host(url).strip("[]")
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RequestAuthenticator:
    """Bearer-token check that precedes the SDK: every failure is Unauthorized, never a crash."""

    def __init__(self, settings: Settings, keys: SigningKeySource | None = None) -> None:
        self._settings = settings
        self._validator = _Validator(auth_configuration(settings), keys)

    async def authenticate(self, header: str | None, service_url: str) -> ClaimsIdentity:
        if not header:
            if not self._settings.teams_allow_anonymous:
                raise Unauthorized("missing Authorization header")
            # Anonymous turns reply without a token; only to a local emulator, so an
            # anonymous caller cannot make us POST to arbitrary hosts.
            if not _is_loopback(service_url):
                raise Unauthorized("anonymous activity with a non-loopback serviceUrl")
            return ClaimsIdentity()
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or any(c.isspace() for c in token):
            raise Unauthorized("malformed Authorization header")
        if not self._settings.teams_authenticated:
            raise Unauthorized("token sent but no TEAMS_APP_ID to validate its audience")
        try:
            unverified = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise Unauthorized("unparseable token") from exc
        if unverified.get("alg") != "RS256" or not isinstance(unverified.get("kid"), str):
            raise Unauthorized("token without RS256 kid")
        try:
            identity = await self._validator.validate_token(token)
        except Exception as exc:  # noqa: BLE001 - any validator failure is a 401
            raise Unauthorized(f"token rejected ({type(exc).__name__})") from exc
        claimed = identity.get_claim_value("serviceurl")
        if claimed and _host(claimed) != _host(service_url):
            raise Unauthorized("serviceUrl does not match the token's serviceurl claim")
        return identity




# --------------------------------------------------------------------------- conversation logic


def question_text(activity: Activity) -> str:
    """The user's words: our own @mention removed (via mention entities), other tags unwrapped."""
    text = activity.text or ""
    bot_id = activity.recipient.id if activity.recipient else None
    for mention in activity.get_mentions():
        if bot_id and mention.mentioned and mention.mentioned.id == bot_id:
            literal = mention.text or f"<at>{mention.mentioned.name}</at>"
            text = text.replace(literal, " ")
    text = _AT_TAG.sub(lambda m: m.group(1), text)
    return " ".join(text.split())


def tenant_of(activity: Activity) -> str:
    if activity.conversation and activity.conversation.tenant_id:
        return activity.conversation.tenant_id
    data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = data.get("tenant") if isinstance(data.get("tenant"), dict) else {}
    return str(tenant.get("id") or "")


def user_of(activity: Activity) -> str:
    sender = activity.from_property
    if not sender:
        return ""
    return sender.aad_object_id or sender.id or ""


def thread_key(activity: Activity) -> str:
    """A channel post and the replies in its thread share a key; chats are one thread each."""
    conversation = activity.conversation
    conv_id = conversation.id if conversation else ""
    if (
        conversation
        and conversation.conversation_type == "channel"
        and ";messageid=" not in conv_id
        and activity.id
    ):
        return f"{conv_id};messageid={activity.id}"
    return conv_id


@dataclass(frozen=True)
class Choice:
    """Which district to answer for, and what to tell the user about it."""

    district: str | None
    note: str = ""


class TeamsBot:
    """Conversation handlers for personal chats, channel @mentions and group chats."""

    def __init__(self, assistant: Any, state: StateStore, settings: Settings) -> None:
        self.assistant = assistant
        self.state = state
        self.settings = settings
        # The last Turn per thread, for follow-ups; lost on restart by design.
        self.memory: BoundedCache[str, Turn] = BoundedCache(4096)

    # ----- districts

    def _district_ids(self) -> list[str]:
        return [d.id for d in self.assistant.districts()]

    def _lookup(self, name: str) -> str | None:
        """District id from an id, name or alias the user typed (case-insensitive)."""
        wanted = name.strip().lower()
        for district in self.assistant.districts():
            names = {district.id, district.name, *getattr(district, "aliases", ())}
            if wanted in {n.lower() for n in names if n}:
                return district.id
        return None

    def _name(self, district_id: str) -> str:
        return self.assistant.district(district_id).name

    def default_district(self, tenant: str, user: str) -> tuple[str | None, str]:
        """User's own choice, else the tenant mapping (stored, then env); never a silent guess."""
        chosen = self._valid(self.state.get_district("user", f"teams:{tenant}:{user}"))
        if chosen:
            return chosen, "your choice"
        mapped = self._valid(self.state.get_district("workspace", f"teams:{tenant}"))
        if mapped:
            return mapped, "your organization's setting"
        mapped = self._valid(self.settings.teams_tenant_districts.get(tenant))
        if mapped:
            return mapped, "your organization's setting"
        return None, ""

    def _valid(self, district_id: str | None) -> str | None:
        """A configured or stored id that is not (or no longer) a district is no choice at all:
        the user is asked to choose rather than shown an error."""
        if not district_id:
            return None
        known = self._district_ids()
        if district_id in known:
            return district_id
        logger.warning("ignoring unknown district id %r (known: %s)", district_id, ", ".join(known))
        return None

    def choose(self, activity: Activity, question: str, previous: Turn | None) -> Choice:
        default, _ = self.default_district(tenant_of(activity), user_of(activity))
        mentioned = self.assistant.mentioned_district(question)
        if mentioned and mentioned != default:
            note = f"Answering for {self._name(mentioned)} because your question names it"
            if default:
                note += f" (your district is {self._name(default)})"
            return Choice(mentioned, note + ".")
        if mentioned:
            return Choice(mentioned)
        if previous and previous.district and previous.district != default:
            # A follow-up stays with the district its thread was about.
            name = self._name(previous.district)
            return Choice(previous.district, f"Still answering for {name}.")
        return Choice(default)

    # ----- outgoing messages

    @staticmethod
    def _card_message(rendered: dict[str, Any]) -> Activity:
        message = MessageFactory.attachment(CardFactory.adaptive_card(rendered["card"]))
        message.text = rendered["text"]
        message.summary = rendered.get("summary") or None
        return message

    def answer_message(self, answer: Answer, note: str = "") -> Activity:
        context = {"answer": answer, "note": note, "verdict": str(answer.verdict)}
        context["store_question"] = store_question_text()
        return self._card_message(render_json("teams_answer.json.j2", **context))

    def compare_message(self, comparison: Comparison) -> Activity:
        return self._card_message(render_json("teams_compare.json.j2", comparison=comparison))

    def help_message(self, district: str | None) -> Activity:
        answer = self.assistant.help_answer(district)
        return self._card_message(render_json("teams_help.json.j2", answer=answer))

    def district_message(self, text: str, current: str | None, question: str = "") -> Activity:
        return self._card_message(
            render_json(
                "teams_district.json.j2",
                text=text,
                current=current,
                districts=self.assistant.districts(),
                question=question,
                verb=SET_DISTRICT_VERB,
            )
        )

    # ----- handlers

    async def on_message(self, context: TurnContext, _state: TurnState) -> None:
        activity = context.activity
        text = question_text(activity)
        command, _, rest = text.partition(" ")
        command = command.lower()
        rest = rest.strip()
        tenant, user = tenant_of(activity), user_of(activity)
        if command in {"help", "?"} and not rest:
            await context.send_activity(self.help_message(self.default_district(tenant, user)[0]))
        elif command == "district" and (not rest or len(rest.split()) == 1 or self._lookup(rest)):
            await context.send_activity(self.district_command(tenant, user, rest))
        elif command == "compare" and rest:
            comparison = self.assistant.compare(rest)
            await context.send_activity(self.compare_message(comparison))
        elif command == "compare":
            await context.send_activity(MessageFactory.text("Usage: compare QUESTION"))
        else:
            await context.send_activity(self.answer(activity, text))

    def answer(self, activity: Activity, question: str) -> Activity:
        key = thread_key(activity)
        previous = self.memory.get(key)
        choice = self.choose(activity, question, previous)
        if choice.district is None:
            return self.district_message(
                "Which district's policy should I use? Choose yours (you can change it later "
                "with: district ID).",
                None,
                question,
            )
        answer = self.assistant.ask(question, choice.district, previous=previous)
        if answer.verdict != Verdict.OFF_TOPIC:
            self.memory.put(key, answer.as_turn())
        return self.answer_message(answer, choice.note)

    def district_command(self, tenant: str, user: str, arg: str) -> Activity:
        if not arg:
            current, source = self.default_district(tenant, user)
            if current:
                text = f"You're getting answers for {self._name(current)} ({current}), {source}."
            else:
                text = "No district is set for you yet."
            return self.district_message(text + " To change it, send: district ID", current)
        district = self._lookup(arg)
        if district is None:
            valid = ", ".join(self._district_ids())
            return self.district_message(f"I don't know that district. Valid ids: {valid}.", None)
        self.state.set_district("user", f"teams:{tenant}:{user}", district)
        return MessageFactory.text(
            f"Done: your answers now use {self._name(district)} ({district})."
        )

    async def on_card_action(
        self, context: TurnContext, _state: TurnState, data: Any
    ) -> AdaptiveCardInvokeResponse:
        """Action.Execute invokes and Action.Submit messages share one handler."""
        data = data if isinstance(data, dict) else {}
        activity = context.activity
        tenant, user = tenant_of(activity), user_of(activity)
        action = data.get("action")
        if action == FEEDBACK_VERB and self.record_feedback(tenant, user, data):
            return _card_reply("Thanks, your feedback was recorded.")
        chosen = str(data.get("district", "")) if action == SET_DISTRICT_VERB else ""
        district = self._lookup(chosen) if chosen else None
        if district:
            self.state.set_district("user", f"teams:{tenant}:{user}", district)
            question = str(data.get("question") or "")
            if question:
                await context.send_activity(self.answer(activity, question))
            return _card_reply(f"Your answers now use {self._name(district)}.")
        return AdaptiveCardInvokeResponse(status_code=400, type=ContentTypes.message,
                                          value="Unrecognized card action.")

    def record_feedback(self, tenant: str, user: str, data: Mapping[str, Any]) -> bool:
        """Stores only validated ids from the card, so a forged submit cannot inject text."""
        question_id = str(data.get("question_id", ""))
        district = str(data.get("district", ""))
        verdict = str(data.get("verdict", ""))
        helpful = data.get("helpful")
        if (
            not _QUESTION_ID.match(question_id)
            or district not in self._district_ids()
            or verdict not in {v.value for v in Verdict}
            or not isinstance(helpful, bool)
        ):
            logger.warning("Ignoring malformed Teams feedback")
            return False
        question = data.get("question") if isinstance(data.get("question"), str) else None
        self.state.record_feedback(
            platform=PLATFORM,
            question_id=question_id,
            district=district,
            verdict=verdict,
            helpful=helpful,
            user_hash=self.state.user_hash(PLATFORM, f"{tenant}:{user}"),
            question=question,
        )
        return True

    async def on_members_added(self, context: TurnContext, _state: TurnState) -> None:
        """Greet once when installed for one person; never post unasked into a team channel."""
        activity = context.activity
        if activity.conversation and activity.conversation.conversation_type != "personal":
            return
        bot_id = activity.recipient.id if activity.recipient else None
        if any(m.id == bot_id for m in activity.members_added or []):
            tenant, user = tenant_of(activity), user_of(activity)
            await context.send_activity(self.help_message(self.default_district(tenant, user)[0]))


def _card_reply(text: str) -> AdaptiveCardInvokeResponse:
    return AdaptiveCardInvokeResponse(status_code=200, type=ContentTypes.message, value=text)


def build_application(bot: TeamsBot, connections: ConnectionManager) -> AgentApplication[TurnState]:
    """Routes, most specific first; the catch-all message route is registered last (rank LAST)."""
    app: AgentApplication[TurnState] = AgentApplication[TurnState](
        ApplicationOptions(
            storage=MemoryStorage(),
            start_typing_timer=False,
            remove_recipient_mention=False,
        ),
        connection_manager=connections,
    )
    verbs = re.compile(f"^({FEEDBACK_VERB}|{SET_DISTRICT_VERB})$")

    @app.adaptive_card.action_execute(verbs)
    async def on_card_execute(context: TurnContext, state: TurnState, data: Any) -> Any:
        return await bot.on_card_action(context, state, data)

    @app.adaptive_card.action_submit(verbs, submit_filter="action")
    async def on_card_submit(context: TurnContext, state: TurnState, data: Any) -> None:
        reply = await bot.on_card_action(context, state, data)
        await context.send_activity(MessageFactory.text(str(reply.value)))

    app.conversation_update("membersAdded")(bot.on_members_added)
    app.message()(bot.on_message)

    @app.error
    async def on_error(context: TurnContext, error: Exception) -> None:
        # Never echo internals (or the question) back; log the type and the traceback.
        logger.error("Teams turn failed: %s", type(error).__name__, exc_info=error)
        if context.activity.type == ActivityTypes.message:
            await context.send_activity(
                MessageFactory.text("Sorry, something went wrong answering that. Please try again.")
            )

    return app


# --------------------------------------------------------------------------- hosting

TokenProviderFactory = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]


def _msal_provider(configuration: AgentAuthConfiguration) -> AccessTokenProviderBase:
    from microsoft_agents.authentication.msal import MsalAuth

    return MsalAuth(configuration)


class TeamsEndpoint:
    """POST /api/messages: authenticate, then hand the activity to the SDK's CloudAdapter."""

    def __init__(
        self,
        bot: TeamsBot,
        settings: Settings,
        *,
        signing_keys: SigningKeySource | None = None,
        token_provider_factory: TokenProviderFactory | None = None,
    ) -> None:
        validate(settings)
        self.bot = bot
        self.settings = settings
        self.authenticator = RequestAuthenticator(settings, signing_keys)
        self.connections = ConnectionManager(
            token_provider_factory or _msal_provider,
            connections_configurations={"SERVICE_CONNECTION": auth_configuration(settings)},
        )
        self.adapter = CloudAdapter(connection_manager=self.connections)
        self.adapter.on_turn_error = self._on_adapter_error
        self.application = build_application(bot, self.connections)
        if not settings.teams_authenticated:
            # Anonymous turns have no app id; the SDK would warn about it on every turn.
            logging.getLogger(
                "microsoft_agents.hosting.core.connector.client.user_token_client"
            ).setLevel(logging.ERROR)

    @staticmethod
    async def _on_adapter_error(context: TurnContext, error: Exception) -> None:
        # Replaces the SDK default, which sends the exception text to the user.
        logger.error("Teams adapter error: %s", type(error).__name__, exc_info=error)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
        except ValueError:
            body = None
        # Authenticate before rejecting bad JSON, so an anonymous caller learns nothing more.
        service_url = str(body.get("serviceUrl") or "") if isinstance(body, dict) else ""
        try:
            identity = await self.authenticator.authenticate(
                request.headers.get("Authorization"), service_url
            )
        except Unauthorized as exc:
            logger.warning("Teams request rejected: %s", exc)
            return web.json_response({"error": "Unauthorized"}, status=401)
        if not isinstance(body, dict) or not _is_activity(body):
            return web.json_response({"error": "Expected an Activity JSON object"}, status=400)
        with warnings.catch_warnings():
            # The SDK reads this plain string key (AiohttpRequestAdapter.get_claims_identity).
            warnings.simplefilter("ignore", NotAppKeyWarning)
            request["claims_identity"] = identity
        try:
            response = await start_agent_process(request, self.application, self.adapter)
        except Exception as exc:  # noqa: BLE001 - log without the activity text
            logger.error("Teams activity failed: %s", type(exc).__name__, exc_info=exc)
            return web.json_response({"error": "Internal error"}, status=500)
        return response or web.Response(status=202)


def _is_activity(body: dict[str, Any]) -> bool:
    """Schema check up front, so a malformed activity is a 400 rather than an SDK exception."""
    try:
        Activity.model_validate(body)
    except ValueError:  # pydantic.ValidationError is a ValueError
        return False
    return True


def attach(
    app: web.Application,
    assistant: Any,
    state: StateStore,
    settings: Settings,
    *,
    signing_keys: SigningKeySource | None = None,
    token_provider_factory: TokenProviderFactory | None = None,
) -> None:
    """Add POST /api/messages to the shared aiohttp app; raises TeamsConfigError if unsafe."""
    endpoint = TeamsEndpoint(
        TeamsBot(assistant, state, settings),
        settings,
        signing_keys=signing_keys,
        token_provider_factory=token_provider_factory,
    )
    app.router.add_post(ROUTE, endpoint.handle)
    mode = "authenticated" if settings.teams_authenticated else "ANONYMOUS (local emulator only)"
    logger.info("Teams endpoint %s enabled, %s", ROUTE, mode)


__all__ = [
    "Choice",
    "RequestAuthenticator",
    "SigningKeySource",
    "StaticSigningKeys",
    "TeamsBot",
    "TeamsConfigError",
    "TeamsEndpoint",
    "attach",
    "auth_configuration",
    "build_application",
    "question_text",
    "thread_key",
    "validate",
]
