"""Slack adapter end to end: the real server and bolt on loopback, a recording Slack stand-in.

Nothing in bolt is mocked: requests are signed with the v0 HMAC scheme, bolt
verifies them, the real core (Assistant.load()) answers, and the adapter's Web
API calls land on tests/slack_standin.py. Expected answers come from the same
core, never from hard-coded text.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from slack_standin import (
    BOT_USER_ID,
    Call,
    Harness,
    all_strings,
    event_callback,
    running_policybot,
    slash_command,
)

from adapters.config import Settings, parse_env_file, parse_mapping
from adapters.slack import MAX_BLOCKS, answer_message, fit_blocks, parse_command
from bot.answer import Answer
from bot.assistant import Assistant
from bot.render import slack_escape

pytest.importorskip("slack_bolt")

TEAM = "T1"
QUESTION = "Can I friend a student on Facebook?"
TEST_TIMEOUT = 60.0


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant.load()


Scenario = Callable[[Harness], Awaitable[None]]


def run(
    assistant: Assistant, tmp_path: Path, scenario: Scenario, *,
    team_districts: dict[str, str] | None = None, socket_mode: bool = False,
) -> None:
    """One event loop per test, everything bounded by TEST_TIMEOUT, servers always torn down."""
    districts = {TEAM: "milton"} if team_districts is None else team_districts

    async def main() -> None:
        async with running_policybot(
            assistant, tmp_path / "state.sqlite", team_districts=districts, team=TEAM,
            socket_mode=socket_mode,
        ) as harness:
            await scenario(harness)

    asyncio.run(asyncio.wait_for(main(), TEST_TIMEOUT))


def message_of(call: Call) -> dict[str, Any]:
    return {"text": call.args.get("text", ""), "blocks": call.args.get("blocks") or []}


def assert_valid_blocks(blocks: list[dict[str, Any]]) -> None:
    """Block Kit limits, checked by slack_sdk's own models (and the 50-block cap)."""
    assert 0 < len(blocks) <= MAX_BLOCKS
    for block in blocks:
        Block.parse(block).validate_json()


def quotes(message: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"]
            if b["type"] == "section" and b["text"]["text"].startswith("> ")]


def citations(message: dict[str, Any]) -> list[str]:
    return [e["text"] for b in message["blocks"] if b["type"] == "context"
            for e in b["elements"] if e["text"].startswith(":page_facing_up:")]


def assert_answer_rendered(message: dict[str, Any], expected: Answer) -> None:
    """Every cited clause appears, quoted verbatim (mrkdwn-escaped), with its citation."""
    assert_valid_blocks(message["blocks"])
    assert expected.verdict_label in message["blocks"][0]["text"]["text"]
    assert expected.verdict_label in message["text"]
    assert expected.citations, "the core cited nothing; pick a question the policy covers"
    posted_quotes = "\n".join(quotes(message))
    posted_citations = "\n".join(citations(message))
    for c in expected.citations:
        first_line = slack_escape(c.quote).splitlines()[0]
        assert first_line[:200] in posted_quotes
        assert slack_escape(c.citation) in posted_citations


def action_payload(
    harness: Harness, message: dict[str, Any], action_id: str, *, user: str = "U1",
    response_key: str = "act", ephemeral: bool = True,
) -> dict[str, Any]:
    button = next(e for b in message["blocks"] if b["type"] == "actions"
                  for e in b["elements"] if e["action_id"] == action_id)
    return {
        "type": "block_actions", "api_app_id": "APOLICY", "token": "legacy",
        "team": {"id": harness.team, "domain": "standin"},
        "user": {"id": user, "username": user.lower(), "team_id": harness.team},
        "channel": {"id": "C1", "name": "general"},
        "container": {"type": "message", "message_ts": "1.2", "channel_id": "C1",
                      "is_ephemeral": ephemeral},
        "trigger_id": "trig", "response_url": harness.standin.response_url(response_key),
        "actions": [{"type": "button", "action_id": action_id, "block_id": "policybot_actions",
                     "value": button["value"], "action_ts": str(time.time())}],
    }


# ---------------------------------------------------------------------------
# Slash command


def test_slash_command_acks_fast_and_answers_ephemerally(assistant, tmp_path):
    expected = assistant.ask(QUESTION, "milton")

    async def scenario(h: Harness) -> None:
        posted, key = await h.slash(QUESTION)
        assert posted.status == 200
        assert posted.seconds < 3.0
        calls = await h.standin.wait_count("response_url", 1)
        answer = calls[0]
        assert answer.args["_key"] == key
        assert answer.args["response_type"] == "ephemeral"
        assert_answer_rendered(message_of(answer), expected)
        ids = {e["action_id"] for b in answer.args["blocks"] if b["type"] == "actions"
               for e in b["elements"]}
        assert ids == {"feedback_helpful", "feedback_not_helpful", "share_answer"}
        assert not h.standin.of("chat.postMessage")

    run(assistant, tmp_path, scenario)


def test_share_button_posts_the_same_answer_in_channel(assistant, tmp_path):
    async def scenario(h: Harness) -> None:
        await h.slash(QUESTION)
        private = message_of((await h.standin.wait_count("response_url", 1))[0])
        posted = await h.action(action_payload(h, private, "share_answer", response_key="share"))
        assert posted.status == 200
        await h.standin.wait_for(lambda calls: any(
            c.args.get("response_type") == "in_channel" for c in calls))
        public = next(c for c in h.standin.of("response_url")
                      if c.args.get("response_type") == "in_channel")
        assert public.args["_key"] == "share"
        shared = message_of(public)
        assert quotes(shared) == quotes(private)
        assert citations(shared) == citations(private)
        assert any("Shared by <@U1>" in s for s in all_strings(shared))
        assert_valid_blocks(shared["blocks"])

    run(assistant, tmp_path, scenario)


def test_feedback_click_is_stored_without_question_text(assistant, tmp_path, monkeypatch):
    monkeypatch.delenv("POLICYBOT_STORE_QUESTIONS", raising=False)
    expected = assistant.ask(QUESTION, "milton")

    async def scenario(h: Harness) -> None:
        await h.slash(QUESTION)
        message = message_of((await h.standin.wait_count("response_url", 1))[0])
        posted = await h.action(action_payload(h, message, "feedback_not_helpful", user="U7"))
        assert posted.status == 200 and posted.seconds < 3.0
        await h.standin.wait_count("response_url", 2)  # the "thanks" note comes after storing
        rows = h.state.feedback()
        assert len(rows) == 1
        row = rows[0]
        assert row["platform"] == "slack"
        assert row["question_id"] == expected.question_id
        assert row["district"] == "milton"
        assert row["verdict"] == str(expected.verdict)
        assert row["helpful"] == 0
        assert row["user_hash"] == h.state.user_hash("slack", f"{TEAM}:U7")
        assert row["question"] is None
        assert "U7" not in row["user_hash"]

    run(assistant, tmp_path, scenario)


def test_help_and_compare_subcommands(assistant, tmp_path):
    comparison = assistant.compare(QUESTION)

    async def scenario(h: Harness) -> None:
        await h.slash("help")
        await h.slash(f"compare {QUESTION}")
        calls = await h.standin.wait_count("response_url", 2)
        by_text = {("compare" if "Compared" in c.args["text"] else "help"): c for c in calls}
        help_message = message_of(by_text["help"])
        assert_valid_blocks(help_message["blocks"])
        assert any("/policy district ID" in s for s in all_strings(help_message))
        compared = message_of(by_text["compare"])
        assert_valid_blocks(compared["blocks"])
        for a in comparison.answers:
            assert any(slack_escape(a.district_name) in s for s in all_strings(compared))

    run(assistant, tmp_path, scenario)


# ---------------------------------------------------------------------------
# District resolution


def test_unmapped_workspace_is_prompted_to_choose(assistant, tmp_path):
    async def scenario(h: Harness) -> None:
        await h.slash(QUESTION, team="T9")
        prompt = message_of((await h.standin.wait_count("response_url", 1))[0])
        assert_valid_blocks(prompt["blocks"])
        strings = all_strings(prompt)
        assert any("/policy district ID" in s for s in strings)
        for d in assistant.districts():
            assert any(f"`{d.id}`" in s for s in strings)
        assert not quotes(prompt), "no answer without a district: never a silent default"
        select = next(b["accessory"] for b in prompt["blocks"] if "accessory" in b)
        assert select["action_id"] == "choose_district"

    run(assistant, tmp_path, scenario, team_districts={})


def test_user_choice_overrides_workspace_and_admin_sets_default(assistant, tmp_path):
    other = next(d for d in assistant.districts() if d.id != "milton")

    async def scenario(h: Harness) -> None:
        h.standin.admins.add("UADMIN")
        await h.slash(f"district {other.id}", user="U2")
        await h.slash(f"district default {other.id}", user="U3")  # not an admin
        await h.standin.wait_count("response_url", 2)
        assert h.state.get_district("user", f"slack:{TEAM}:U2") == other.id
        assert h.state.get_district("workspace", f"slack:{TEAM}") is None
        await h.slash(f"district default {other.id}", user="UADMIN")
        await h.standin.wait_count("response_url", 3)
        assert h.state.get_district("workspace", f"slack:{TEAM}") == other.id
        assert {c.args["user"] for c in h.standin.of("users.info")} == {"U3", "UADMIN"}
        await h.slash("district", user="U2")
        shown = message_of((await h.standin.wait_count("response_url", 4))[-1])
        assert any(slack_escape(other.name) in s and "your choice" in s
                   for s in all_strings(shown))

    run(assistant, tmp_path, scenario)


def test_question_naming_another_district_says_so(assistant, tmp_path):
    other = next(d for d in assistant.districts()
                 if d.id != "milton" and assistant.mentioned_district(f"In {d.name}, x") == d.id)
    question = f"In {other.name}, can I friend a student on Facebook?"
    expected = assistant.ask(question, other.id)

    async def scenario(h: Harness) -> None:
        await h.slash(question)
        message = message_of((await h.standin.wait_count("response_url", 1))[0])
        strings = all_strings(message)
        assert any(f"*District:* {slack_escape(other.name)}" in s for s in strings)
        assert any("Your question names" in s for s in strings)
        if expected.citations:
            assert_answer_rendered(message, expected)

    run(assistant, tmp_path, scenario)


# ---------------------------------------------------------------------------
# Events


def mention(text: str, *, ts: str, user: str = "U1", thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "user": user, "text": f"<@{BOT_USER_ID}> {text}",
             "ts": ts, "channel": "C1", "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def dm(text: str, *, ts: str, user: str = "U1", thread_ts: str | None = None, **extra) -> dict:
    event = {"type": "message", "channel_type": "im", "channel": "D1", "user": user,
             "text": text, "ts": ts, "event_ts": ts, **extra}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def test_socket_mode_answers_commands_and_mentions_over_the_websocket(assistant, tmp_path):
    """No public URL: the app opens Slack's websocket with its app-level token, acks each
    envelope by id and answers through the Web API; /slack/events is not served at all."""
    expected = assistant.ask(QUESTION, "milton")

    async def scenario(h: Harness) -> None:
        async with h.session.get(f"{h.url}/healthz") as resp:
            assert "/slack/events" not in (await resp.json())["routes"]
        key = "socket-slash"
        slash = slash_command(QUESTION, team=TEAM, user="U1", channel="C1",
                              response_url=h.standin.response_url(key))
        sent = time.monotonic()
        envelope = await h.standin.push("slash_commands", slash)
        acks = await h.standin.wait_count("socket_ack", 1, timeout=3.0)
        assert acks[0].args["envelope_id"] == envelope
        assert acks[0].at - sent < 3.0
        answer = (await h.standin.wait_count("response_url", 1))[0]
        assert answer.args["_key"] == key and answer.args["response_type"] == "ephemeral"
        assert_answer_rendered(message_of(answer), expected)

        event = mention(QUESTION, ts="300.1")
        envelope = await h.standin.push(
            "events_api", event_callback(event, team=TEAM, event_id="EvSocket1"))
        acks = await h.standin.wait_count("socket_ack", 2, timeout=3.0)
        assert acks[1].args["envelope_id"] == envelope
        reply = (await h.standin.wait_count("chat.postMessage", 1))[0]
        assert reply.args["channel"] == "C1" and reply.args["thread_ts"] == "300.1"
        assert_answer_rendered(message_of(reply), expected)

    run(assistant, tmp_path, scenario, socket_mode=True)


def test_mention_in_channel_replies_in_thread(assistant, tmp_path):
    expected = assistant.ask(QUESTION, "milton")

    async def scenario(h: Harness) -> None:
        posted = await h.event(mention(QUESTION, ts="100.1"))
        assert posted.status == 200 and posted.seconds < 3.0
        reply = (await h.standin.wait_count("chat.postMessage", 1))[0]
        assert reply.args["channel"] == "C1"
        assert reply.args["thread_ts"] == "100.1"
        assert_answer_rendered(message_of(reply), expected)
        await h.event(mention(QUESTION, ts="100.9", thread_ts="100.1"))
        second = (await h.standin.wait_count("chat.postMessage", 2))[1]
        assert second.args["thread_ts"] == "100.1"

    run(assistant, tmp_path, scenario)


def test_dm_follow_up_in_thread_uses_the_earlier_question(assistant, tmp_path):
    follow_up = "What about Instagram?"
    first = assistant.ask(QUESTION, "milton")
    with_context = assistant.ask(follow_up, "milton", previous=first.as_turn())
    without = assistant.ask(follow_up, "milton")
    assert with_context.to_dict() != without.to_dict(), "pick a follow-up the context changes"

    async def scenario(h: Harness) -> None:
        await h.event(dm(QUESTION, ts="200.1"))
        top = (await h.standin.wait_count("chat.postMessage", 1))[0]
        assert top.args["channel"] == "D1"
        assert not top.args.get("thread_ts")
        assert_answer_rendered(message_of(top), first)
        # the user replies in the thread under the bot's answer
        answer_ts = top.result["ts"]
        await h.event(dm(follow_up, ts="200.5", thread_ts=answer_ts))
        reply = (await h.standin.wait_count("chat.postMessage", 2))[1]
        assert reply.args["thread_ts"] == answer_ts
        assert message_of(reply) == answer_message(with_context)
        # and a reply in the thread under the user's own question works the same way
        await h.event(dm(follow_up, ts="200.7", thread_ts="200.1"))
        again = (await h.standin.wait_count("chat.postMessage", 3))[2]
        assert message_of(again) == answer_message(with_context)

    run(assistant, tmp_path, scenario)


def test_bots_and_edits_are_never_answered(assistant, tmp_path):
    async def scenario(h: Harness) -> None:
        await h.event(dm(QUESTION, ts="300.1", user=BOT_USER_ID))
        await h.event(dm(QUESTION, ts="300.2", bot_id="B999"))
        await h.event(dm(QUESTION, ts="300.3", subtype="message_changed"))
        await h.event(dm(QUESTION, ts="300.4", subtype="bot_message"))
        await h.event(dm("ping", ts="300.5", user="U5"))  # a human: must be answered
        await h.standin.wait_count("chat.postMessage", 1)
        await asyncio.sleep(0.5)
        assert len(h.standin.of("chat.postMessage")) == 1

    run(assistant, tmp_path, scenario)


def test_retried_event_is_answered_once(assistant, tmp_path):
    async def scenario(h: Harness) -> None:
        event = mention(QUESTION, ts="400.1")
        first = await h.event(event, event_id="EvRETRY1")
        retry = await h.event(event, event_id="EvRETRY1",
                              headers={"X-Slack-Retry-Num": "1",
                                       "X-Slack-Retry-Reason": "http_timeout"})
        assert first.status == retry.status == 200
        await h.standin.wait_count("chat.postMessage", 1)
        await asyncio.sleep(0.75)
        assert len(h.standin.of("chat.postMessage")) == 1

    run(assistant, tmp_path, scenario)


def test_rate_limited_post_is_retried_not_lost(assistant, tmp_path):
    expected = assistant.ask(QUESTION, "milton")

    async def scenario(h: Harness) -> None:
        h.standin.rate_limit["chat.postMessage"] = 1
        h.standin.retry_after = 1
        await h.event(mention(QUESTION, ts="500.1"))
        delivered = (await h.standin.wait_count("chat.postMessage", 1, timeout=15))[0]
        attempts = [c for c in h.standin.calls if c.method == "chat.postMessage"]
        assert [c.status for c in attempts] == [429, 200]
        assert attempts[1].at - attempts[0].at >= 1.0  # Retry-After honoured
        assert_answer_rendered(message_of(delivered), expected)

    run(assistant, tmp_path, scenario)


def test_app_home_shows_district_and_examples(assistant, tmp_path):
    async def scenario(h: Harness) -> None:
        await h.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home",
                       "event_ts": "600.1"})
        call = (await h.standin.wait_count("views.publish", 1))[0]
        assert call.args["user_id"] == "U1"
        view = call.args["view"]
        View(**view).validate_json()
        strings = all_strings(view)
        assert any(assistant.district("milton").name in s for s in strings)
        for example in assistant.help_answer("milton").examples[:3]:
            assert any(slack_escape(example) in s for s in strings)

    run(assistant, tmp_path, scenario)


# ---------------------------------------------------------------------------
# Security


def test_bad_signature_and_stale_timestamp_are_rejected(assistant, tmp_path):
    async def scenario(h: Harness) -> None:
        forged, _ = await h.slash(QUESTION, secret="not-the-secret")
        stale, _ = await h.slash(QUESTION, timestamp=int(time.time()) - 6 * 60)
        event = await h.event(mention(QUESTION, ts="700.1"), secret="not-the-secret")
        assert (forged.status, stale.status, event.status) == (401, 401, 401)
        await asyncio.sleep(0.75)
        assert h.standin.calls == []

    run(assistant, tmp_path, scenario)


def test_rejected_requests_do_not_log_the_question(assistant, tmp_path, caplog):
    """bolt logs the body of a request it rejects; question text must not reach the log."""
    marker = "can I friend zqxmarker on facebook?"
    caplog.set_level(logging.DEBUG)

    async def scenario(h: Harness) -> None:
        forged, _ = await h.slash(marker, secret="not-the-secret")
        stale, _ = await h.slash(marker, timestamp=int(time.time()) - 6 * 60)
        assert (forged.status, stale.status) == (401, 401)

    run(assistant, tmp_path, scenario)
    assert "zqxmarker" not in caplog.text


def test_mentions_and_links_in_questions_are_inert(assistant, tmp_path):
    hostile = "Can I friend a student <!channel> <http://evil|click> <@U999> & more?"

    async def scenario(h: Harness) -> None:
        await h.slash(hostile)
        await h.event(mention(hostile, ts="800.1"))
        await h.event(dm(hostile, ts="800.2"))
        await h.slash(f"compare {hostile}")
        await h.slash(hostile, team="T9")  # prompt path
        await h.standin.wait_count("response_url", 3)
        await h.standin.wait_count("chat.postMessage", 2)
        for call in h.standin.calls:
            for s in all_strings({k: v for k, v in call.args.items() if k != "_key"}):
                assert "<!channel>" not in s
                assert "<http" not in s
                assert "<@U999>" not in s
                assert "<!" not in s
        shown = [s for c in h.standin.calls for s in all_strings(c.args)]
        assert any("&lt;!channel&gt;" in s for s in shown)

    run(assistant, tmp_path, scenario)


# ---------------------------------------------------------------------------
# Pure helpers


def test_fit_blocks_enforces_block_kit_limits():
    long = "x" * 5000
    blocks = [{"type": "header", "text": {"type": "plain_text", "text": long}}]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": long}} for _ in range(60)]
    blocks += [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 12}]
    blocks += [{"type": "actions", "elements": [
        {"type": "button", "action_id": "a", "text": {"type": "plain_text", "text": "A"}}]}]
    fitted = fit_blocks(blocks)
    assert len(fitted) == MAX_BLOCKS
    assert fitted[-1]["type"] == "actions"
    assert_valid_blocks(fitted)


def test_parse_command():
    assert parse_command("").kind == "help"
    assert parse_command("help").kind == "help"
    assert parse_command("compare can I post photos?").arg == "can I post photos?"
    assert parse_command("district").kind == "district_show"
    assert parse_command("district milton").arg == "milton"
    assert parse_command("district default milton").kind == "district_default"
    assert parse_command("district rules about posting photos of students").kind == "ask"
    assert parse_command("Can I text students?").kind == "ask"


def test_settings_from_env_and_dotenv(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text('# comment\nexport SLACK_BOT_TOKEN="xoxb-1"\nSLACK_SIGNING_SECRET=s # c\n'
                        "EMPTY=\n")
    assert parse_env_file(env_file) == {"SLACK_BOT_TOKEN": "xoxb-1",
                                        "SLACK_SIGNING_SECRET": "s", "EMPTY": ""}
    assert parse_mapping("T1=milton, T2=marlborough,bad") == {"T1": "milton",
                                                             "T2": "marlborough"}
    settings = Settings.from_env({"SLACK_BOT_TOKEN": "x", "SLACK_SIGNING_SECRET": "s",
                                  "SLACK_API_URL": "http://127.0.0.1:9/api",
                                  "SLACK_TEAM_DISTRICTS": "T1=milton"})
    assert settings.slack_http_configured and not settings.slack_socket_mode
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert settings.slack_team_districts == {"T1": "milton"}
    assert Settings.from_env({}).missing_slack()


def test_server_mounts_only_configured_platforms(assistant, tmp_path):
    """No Slack settings: /slack/events is absent (not half-configured), /healthz still works."""
    from aiohttp import ClientSession, web

    from adapters.server import create_app
    from bot.state import StateStore

    async def main() -> None:
        state = StateStore(tmp_path / "state.sqlite")
        runner = web.AppRunner(create_app(Settings(), assistant, state))
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        try:
            async with ClientSession() as session:
                async with session.get(f"{url}/healthz") as resp:
                    assert resp.status == 200
                    assert "/slack/events" not in (await resp.json())["routes"]
                async with session.post(f"{url}/slack/events", data=b"{}") as resp:
                    assert resp.status in {404, 405}
        finally:
            await runner.cleanup()
            state.close()

    asyncio.run(asyncio.wait_for(main(), TEST_TIMEOUT))
