"""Teams adapter: real aiohttp server + real core + connector stand-in, all on 127.0.0.1.

Nothing is mocked: activities go over HTTP into the Agents SDK, answers come from
Assistant.load(), replies travel over HTTP to tests/teams_standin.py. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import json
import struct
import sys
import time
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("microsoft_agents.hosting.aiohttp", reason="needs policybot[teams]")
jwt = pytest.importorskip("jwt", reason="needs pyjwt[crypto]")
rsa = pytest.importorskip("cryptography.hazmat.primitives.asymmetric.rsa")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from microsoft_agents.activity import (  # noqa: E402
    Activity,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
)
from microsoft_agents.hosting.core import AgentAuthConfiguration  # noqa: E402
from microsoft_agents.testing import TestAdapter, TestFlow  # noqa: E402
from teams_standin import (  # noqa: E402
    BOT_ID,
    TENANT,
    TeamsHarness,
    activity,
    card_action,
    card_clause_ids,
    card_of,
    card_text,
    card_verdict,
    walk,
)

from adapters.config import Settings  # noqa: E402
from adapters.teams import (  # noqa: E402
    StaticSigningKeys,
    TeamsBot,
    TeamsConfigError,
    attach,
    auth_configuration,
    build_application,
    question_text,
)
from adapters.teams_package import PackageError, build_package  # noqa: E402
from bot.assistant import Assistant  # noqa: E402
from bot.state import StateStore  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SCHEMA = SHARED / "schemas" / "MicrosoftTeams.v1.24.schema.json"
DEV = SHARED / "eval" / "dev.jsonl"
APP_ID = "9f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b"
KID = "local-test-key"
OUTBOUND_TOKEN = "outbound-test-token"
QUESTION = "can I accept a friend request from a current student on facebook?"


def run(coro: Any, timeout: float = 120.0) -> Any:
    return asyncio.run(asyncio.wait_for(coro, timeout))


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant.load()


@pytest.fixture
def state(tmp_path: Path) -> StateStore:
    store = StateStore(tmp_path / "state.sqlite")
    yield store
    store.close()


def anonymous(**mapping: str) -> Settings:
    return Settings(teams_allow_anonymous=True, teams_tenant_districts=dict(mapping))


# --------------------------------------------------------------------------- conversations


def test_personal_message_gets_adaptive_card_with_citations(assistant, state) -> None:
    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous(**{TENANT: "milton"})) as h:
            body = activity(QUESTION, h.connector.url)
            status, _ = await h.post(body)
            assert status in (200, 202)
            [reply] = await h.connector.wait_for_messages(1)
            assert reply.conversation_id == body["conversation"]["id"]
            assert reply.reply_to_id == body["id"]
            assert all(d.activity["type"] == "message" for d in h.connector.deliveries)
            card = card_of(reply)
            assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
            expected = assistant.ask(QUESTION, "milton")
            assert card_verdict(card) == str(expected.verdict)
            assert card_clause_ids(card) == [c.clause_id for c in expected.citations]
            assert expected.citations, "the core should cite Milton for this question"
            assert expected.citations[0].citation.split()[0] in card_text(card)
            assert reply.activity["text"].strip(), "plain-text fallback missing"
            titles = [a["title"] for a in card["actions"]]
            assert any("Helpful" in t for t in titles) and any("Not helpful" in t for t in titles)

    run(scenario())


def test_channel_mention_is_stripped_and_reply_is_threaded(assistant, state) -> None:
    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous(**{TENANT: "milton"})) as h:
            body = activity(QUESTION, h.connector.url, kind="channel", mention=True)
            assert body["text"].startswith("<at>Policy Assistant</at>")
            status, _ = await h.post(body)
            assert status in (200, 202)
            [reply] = await h.connector.wait_for_messages(1)
            assert reply.reply_to_id == body["id"], "must reply in the thread of the post"
            assert reply.conversation_id == body["conversation"]["id"]
            first = assistant.ask(QUESTION, "milton")
            assert card_verdict(card_of(reply)) == str(first.verdict)

            # A follow-up inside that thread carries the previous turn to the core.
            follow = "what about instagram?"
            thread = f"{body['conversation']['id']};messageid={body['id']}"
            body2 = activity(follow, h.connector.url, kind="channel", mention=True,
                             conversation_id=thread)
            await h.post(body2)
            replies = await h.connector.wait_for_messages(2)
            assert replies[1].conversation_id == thread
            expected = assistant.ask(follow, "milton", previous=first.as_turn())
            card = card_of(replies[1])
            assert card_verdict(card) == str(expected.verdict)
            assert card_clause_ids(card) == [c.clause_id for c in expected.citations]

    run(scenario())


def test_question_text_strips_only_the_bots_mention() -> None:
    body = activity("can I post?", "http://127.0.0.1:1/", kind="channel", mention=True)
    body["text"] += " cc <at>Jane Doe</at>"
    assert question_text(Activity.model_validate(body)) == "can I post? cc Jane Doe"


def test_group_chat_reply_goes_to_the_group(assistant, state) -> None:
    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous(**{TENANT: "marlborough"})) as h:
            question = "my 10th graders keep requesting to follow me on insta. can I accept?"
            body = activity(question, h.connector.url, kind="groupChat", mention=True)
            await h.post(body)
            [reply] = await h.connector.wait_for_messages(1)
            assert reply.conversation_id == body["conversation"]["id"]
            expected = assistant.ask(question, "marlborough")
            assert card_verdict(card_of(reply)) == str(expected.verdict)

    run(scenario())


def test_commands_help_district_compare(assistant, state) -> None:
    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous()) as h:
            url = h.connector.url
            conv = "a:personal-commands"
            for text in ["help", "district", "district milton",
                         "compare can I text students [x](http://evil.example) <at>All</at>?"]:
                await h.post(activity(text, url, conversation_id=conv))
            replies = await h.connector.wait_for_messages(4)
            assert len(replies) == 4
            help_card = card_of(replies[0])
            assert "compare QUESTION" in card_text(help_card)
            assert "No district is set" in card_text(card_of(replies[1]))
            assert "milton" in replies[2].activity["text"].lower()
            key = f"teams:{TENANT}:aad-user-1"
            assert state.get_district("user", key) == "milton"
            compare = card_of(replies[3])
            ids = [str(e.get("id", "")) for e in walk(compare)]
            districts = [i for i in ids if i.startswith("district:")]
            assert len(districts) == len(assistant.districts())
            text = card_text(compare) + replies[3].activity["text"]
            assert "[x](" not in text and "<at>" not in text, "user text must be escaped"

    run(scenario())


def test_user_choice_overrides_tenant_mapping(assistant, state) -> None:
    state.set_district("user", f"teams:{TENANT}:aad-user-1", "ct-4118")
    bot = TeamsBot(assistant, state, Settings(teams_tenant_districts={TENANT: "milton"}))
    assert bot.default_district(TENANT, "aad-user-1") == ("ct-4118", "your choice")
    assert bot.default_district(TENANT, "someone-else")[0] == "milton"
    assert bot.default_district("other-tenant", "someone-else") == (None, "")


def test_question_naming_another_district_says_so(assistant, state) -> None:
    question = "in Marlborough, can I accept a current student's friend request?"
    if assistant.mentioned_district(question) != "marlborough":
        pytest.skip("core does not recognise 'Marlborough' as a district mention")

    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous(**{TENANT: "milton"})) as h:
            await h.post(activity(question, h.connector.url))
            [reply] = await h.connector.wait_for_messages(1)
            card = card_of(reply)
            assert "because your question names it" in card_text(card)
            expected = assistant.ask(question, "marlborough")
            assert card_clause_ids(card) == [c.clause_id for c in expected.citations]

    run(scenario())


def test_unmapped_tenant_is_asked_to_choose_then_answered(assistant, state) -> None:
    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous()) as h:
            await h.post(activity(QUESTION, h.connector.url, conversation_id="a:personal-x"))
            [prompt] = await h.connector.wait_for_messages(1)
            card = card_of(prompt)
            assert not card_clause_ids(card), "no silent default district"
            buttons = [a for a in walk(card) if a.get("type") == "Action.Execute"]
            assert {b["data"]["district"] for b in buttons} == {d.id for d in assistant.districts()}
            choice = next(b for b in buttons if b["data"]["district"] == "milton")
            status, payload = await h.post(
                card_action(choice["data"], h.connector.url, conversation_id="a:personal-x"))
            assert status == 200 and payload["statusCode"] == 200
            replies = await h.connector.wait_for_messages(2)
            assert state.get_district("user", f"teams:{TENANT}:aad-user-1") == "milton"
            expected = assistant.ask(QUESTION, "milton")
            assert card_clause_ids(card_of(replies[1])) == [c.clause_id for c in expected.citations]

    run(scenario())


def test_feedback_invoke_is_stored_without_question_text(assistant, state, monkeypatch) -> None:
    monkeypatch.delenv("POLICYBOT_STORE_QUESTIONS", raising=False)

    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous(**{TENANT: "milton"})) as h:
            await h.post(activity(QUESTION, h.connector.url))
            [reply] = await h.connector.wait_for_messages(1)
            helpful = next(a for a in card_of(reply)["actions"] if a["data"].get("helpful"))
            assert "question" not in helpful["data"]
            status, payload = await h.post(card_action(helpful["data"], h.connector.url))
            assert status == 200 and payload["statusCode"] == 200
            forged = dict(helpful["data"], question_id="not-an-id")
            status, payload = await h.post(card_action(forged, h.connector.url))
            assert status == 200 and payload["statusCode"] == 400

    run(scenario())
    [row] = state.feedback()
    expected = assistant.ask(QUESTION, "milton")
    assert row["platform"] == "teams" and row["helpful"] == 1
    assert row["question_id"] == expected.question_id and row["district"] == "milton"
    assert row["verdict"] == str(expected.verdict)
    assert row["user_hash"] == state.user_hash("teams", f"{TENANT}:aad-user-1")
    assert row["question"] is None


def test_turn_level_with_sdk_test_adapter(assistant, state) -> None:
    """The same handlers, driven by microsoft_agents.testing without HTTP."""
    bot = TeamsBot(assistant, state, Settings(teams_tenant_districts={TENANT: "milton"}))
    config = Settings(teams_allow_anonymous=True)
    from microsoft_agents.hosting.core import ConnectionManager

    from adapters.teams import _msal_provider

    connections = ConnectionManager(
        _msal_provider,
        connections_configurations={"SERVICE_CONNECTION": auth_configuration(config)},
    )
    app = build_application(bot, connections)
    reference = ConversationReference(
        channel_id="msteams",
        service_url="http://127.0.0.1:9/",
        user=ChannelAccount(id="29:user-1", name="Staff", aad_object_id="aad-user-1"),
        agent=ChannelAccount(id=BOT_ID, name="Policy Assistant"),
        conversation=ConversationAccount(id="a:turn-level", conversation_type="personal",
                                         tenant_id=TENANT),
    )
    adapter = TestAdapter(conversation=reference)
    expected = assistant.ask(QUESTION, "milton")

    def is_answer(reply: Activity) -> None:
        card = reply.attachments[0].content
        assert card_verdict(card) == str(expected.verdict)
        assert card_clause_ids(card) == [c.clause_id for c in expected.citations]

    def is_help(reply: Activity) -> None:
        assert "compare QUESTION" in card_text(reply.attachments[0].content)

    async def scenario() -> None:
        flow = TestFlow(adapter, app.on_turn)
        flow = flow.send("help").assert_reply(is_help)
        flow = flow.send(QUESTION).assert_reply(is_answer).assert_no_more_replies()
        await flow.start_test()

    run(scenario(), timeout=60)


def test_dev_set_card_matches_core_answer(assistant, state) -> None:
    """For every labeled question the card shows the core's verdict and clause ids."""
    if not DEV.is_file():
        pytest.skip(f"{DEV} not found (expects the shared/ folder next to the repository)")
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    bot = TeamsBot(assistant, state, Settings())
    for row in rows:
        body = activity(row["question"], "http://127.0.0.1:9/", conversation_id=f"a:{row['id']}",
                        aad_object_id=f"aad-{row['id']}")
        state.set_district("user", f"teams:{TENANT}:aad-{row['id']}", row["district"])
        incoming = Activity.model_validate(body)
        message = bot.answer(incoming, question_text(incoming))
        card = message.attachments[0].content
        district = assistant.mentioned_district(row["question"]) or row["district"]
        expected = assistant.ask(row["question"], district)
        assert card_verdict(card) == str(expected.verdict), row["id"]
        assert card_clause_ids(card) == [c.clause_id for c in expected.citations], row["id"]
        assert message.text


# --------------------------------------------------------------------------- authentication


@pytest.fixture(scope="module")
def signing_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FixedTokenProvider:
    """Outbound token source for tests: the SDK asks it instead of Microsoft Entra."""

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        self._configuration = configuration

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(self, resource_url: str, scopes: list[str],
                               force_refresh: bool = False) -> str:
        return OUTBOUND_TOKEN

    def get_token_credential(self) -> Any:
        raise NotImplementedError


def make_token(key: Any, service_url: str, *, kid: str | None = KID, **overrides: Any) -> str:
    now = int(time.time())
    claims = {"iss": "https://api.botframework.com", "aud": APP_ID, "nbf": now - 10,
              "exp": now + 600, "serviceurl": service_url}
    claims.update(overrides)
    headers = {"kid": kid} if kid else None
    return jwt.encode(claims, key, algorithm="RS256", headers=headers)


def authenticated_harness(assistant, state, signing_key) -> TeamsHarness:
    settings = Settings(teams_app_id=APP_ID, teams_app_password="not-used-in-tests",
                        teams_tenant_districts={TENANT: "milton"})
    return TeamsHarness(
        assistant, state, settings,
        signing_keys=StaticSigningKeys({KID: signing_key.public_key()}),
        token_provider_factory=FixedTokenProvider,
    )


def test_bad_tokens_get_401_and_nothing_is_sent(assistant, state, signing_key) -> None:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    async def scenario() -> None:
        async with authenticated_harness(assistant, state, signing_key) as h:
            url = h.connector.url
            cases = {
                "no header": None,
                "garbage": "Bearer garbage",
                "not bearer": "Basic dXNlcjpwYXNz",
                "no kid": "Bearer " + make_token(signing_key, url, kid=None),
                "unknown kid": "Bearer " + make_token(signing_key, url, kid="nope"),
                "unknown issuer": "Bearer " + make_token(signing_key, url,
                                                         iss="https://evil.example.com/"),
                "wrong audience": "Bearer " + make_token(signing_key, url,
                                                         aud="00000000-0000-0000-0000-000000000001"),
                "wrong signer": "Bearer " + make_token(other_key, url),
                "expired": "Bearer " + make_token(signing_key, url, exp=int(time.time()) - 3600),
                "serviceurl mismatch": "Bearer " + make_token(signing_key,
                                                              "https://smba.trafficmanager.net/"),
            }
            for name, header in cases.items():
                headers = {"Authorization": header} if header else {}
                status, _ = await h.post(activity(QUESTION, url), headers)
                assert status == 401, f"{name}: {status}"
            await asyncio.sleep(0.3)
            assert h.connector.deliveries == []

    run(scenario())


def test_valid_token_is_answered_with_outbound_token(assistant, state, signing_key) -> None:
    async def scenario() -> None:
        async with authenticated_harness(assistant, state, signing_key) as h:
            url = h.connector.url
            token = make_token(signing_key, url)
            status, _ = await h.post(activity(QUESTION, url), {"Authorization": f"Bearer {token}"})
            assert status in (200, 202)
            [reply] = await h.connector.wait_for_messages(1)
            assert reply.authorization == f"Bearer {OUTBOUND_TOKEN}"
            assert card_clause_ids(card_of(reply))

    run(scenario())


def test_anonymous_mode_only_replies_to_loopback(assistant, state) -> None:
    async def scenario() -> None:
        async with TeamsHarness(assistant, state, anonymous(**{TENANT: "milton"})) as h:
            status, _ = await h.post(activity(QUESTION, "https://evil.example.com/"))
            assert status == 401

    run(scenario())


def test_refuses_to_start_without_credentials_or_anonymous_flag(assistant, state) -> None:
    from aiohttp import web

    for settings in (Settings(), Settings(teams_app_id=APP_ID),
                     Settings(teams_app_password="secret")):
        with pytest.raises(TeamsConfigError):
            attach(web.Application(), assistant, state, settings)
    assert auth_configuration(Settings(teams_allow_anonymous=True)).ANONYMOUS_ALLOWED
    config = auth_configuration(
        Settings(teams_app_id=APP_ID, teams_app_password="x", teams_tenant_id=TENANT))
    assert config.VALIDATE_ISSUER and not config.ANONYMOUS_ALLOWED
    assert config.CLIENT_ID == APP_ID and config.TENANT_ID == TENANT


# --------------------------------------------------------------------------- package


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _png_pixels(data: bytes) -> list[tuple[int, ...]]:
    """RGBA pixels of the icons we write (filter type 0 rows)."""
    width, height = _png_size(data)
    assert data[24:26] == b"\x08\x06", "8-bit RGBA expected"
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = 1 + 4 * width
    pixels = []
    for y in range(height):
        row = raw[y * stride:(y + 1) * stride]
        assert row[0] == 0
        pixels += [tuple(row[1 + 4 * x:5 + 4 * x]) for x in range(width)]
    return pixels


def test_package_zip_and_manifest_schema(tmp_path: Path) -> None:
    bot_id = "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9"
    out = build_package(tmp_path / "policybot.zip", APP_ID, bot_id, "https://bot.example.org/api/messages")
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        color, outline = archive.read("color.png"), archive.read("outline.png")
    assert manifest["id"] == APP_ID and manifest["bots"][0]["botId"] == bot_id
    assert manifest["validDomains"] == ["bot.example.org"]
    assert set(manifest["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}
    titles = {c["title"] for lst in manifest["bots"][0]["commandLists"] for c in lst["commands"]}
    assert titles == {"help", "district", "compare"}
    assert _png_size(color) == (192, 192)
    assert _png_size(outline) == (32, 32)
    assert all(p[3] == 0 or p == (255, 255, 255, 255) for p in _png_pixels(outline))
    assert any(p[3] == 0 for p in _png_pixels(outline)), "outline must be transparent"
    with pytest.raises(PackageError):
        build_package(tmp_path / "bad.zip", APP_ID, "not-a-guid", "bot.example.org")

    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} not found (expects the shared/ folder next to the repository)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # Draft-04 schema; its \p{L} patterns (unused by us) are not Python regexes, so no check_schema.
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(manifest), key=str)
    assert not errors, [e.message for e in errors]
    template = json.loads((REPO / "manifest" / "teams" / "manifest.json").read_text())
    assert not list(validator.iter_errors(template))
