"""One aiohttp web server for every chat platform: /slack/events, /api/messages, /healthz.

A district runs one process for Slack and Teams, so both adapters share one
Assistant (one clause index in memory) and one StateStore.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from aiohttp import web

from adapters.config import Settings
from bot.assistant import Assistant
from bot.state import StateStore

log = logging.getLogger("policybot.server")

SOCKET_KEY = web.AppKey("slack_socket_mode", Any)

NOTHING_CONFIGURED = """\
policybot serve: no chat platform is configured, so there is nothing to serve.

Slack (see the README, "Slack: install in a workspace"):
  SLACK_BOT_TOKEN=xoxb-...          Bot User OAuth Token (OAuth & Permissions)
  SLACK_SIGNING_SECRET=...          Basic Information > App Credentials (HTTP mode)
  SLACK_APP_TOKEN=xapp-...          optional: Socket Mode instead of a public HTTPS URL
Teams:
  TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID (or TEAMS_ALLOW_ANONYMOUS=true for local tests)

Put them in the environment or in a .env file in this directory (template: .env.example).
"""


def _mount_slack(app: web.Application, settings: Settings, assistant: Assistant,
                 state: StateStore) -> None:
    missing = settings.missing_slack()
    if missing:
        log.info("Slack not configured (missing %s): /slack/events not mounted", ", ".join(missing))
        return
    from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

    from adapters.slack import SlackPolicyBot

    slack = SlackPolicyBot(assistant, state, settings)

    if settings.slack_http_configured:

        async def slack_events(request: web.Request) -> web.Response:
            """Bolt's request verification, acks and listeners, over aiohttp."""
            bolt_response = await slack.app.async_dispatch(await to_bolt_request(request))
            return await to_aiohttp_response(bolt_response)

        app.router.add_post("/slack/events", slack_events)
        log.info("Slack: HTTP events at /slack/events (API %s)", settings.slack_api_url)
    else:
        log.info("Slack: SLACK_SIGNING_SECRET not set, /slack/events not mounted")

    if settings.slack_socket_mode:
        from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

        async def start_socket_mode(app: web.Application) -> None:
            handler = AsyncSocketModeHandler(slack.app, settings.slack_app_token)
            await handler.connect_async()
            app[SOCKET_KEY] = handler
            log.info("Slack: Socket Mode connected")

        async def stop_socket_mode(app: web.Application) -> None:
            handler = app.get(SOCKET_KEY)
            if handler is not None:
                await handler.close_async()

        app.on_startup.append(start_socket_mode)
        app.on_cleanup.append(stop_socket_mode)

    async def start_slack(app: web.Application) -> None:
        await slack.start()

    async def close_slack(app: web.Application) -> None:
        await slack.aclose()

    app.on_startup.insert(0, start_slack)
    app.on_cleanup.append(close_slack)


def _mount_teams(app: web.Application, settings: Settings, assistant: Assistant,
                 state: StateStore) -> None:
    if not settings.teams_configured:
        log.info("Teams not configured (set TEAMS_APP_ID or TEAMS_ALLOW_ANONYMOUS)")
        return
    try:
        from adapters.teams import attach
    except ImportError as exc:
        log.warning("Teams configured but adapters.teams is unavailable: %s", exc)
        return
    attach(app, assistant, state, settings)
    log.info("Teams: /api/messages mounted")


def create_app(
    settings: Settings | None = None,
    assistant: Assistant | None = None,
    state: StateStore | None = None,
) -> web.Application:
    """Build the web application; pass parts explicitly in tests, defaults come from env."""
    settings = settings or Settings.from_env()
    quiet_sdk_loggers(settings.log_questions)
    assistant = assistant or Assistant.load()
    state = state or StateStore(settings.state_path or None)
    app = web.Application()

    async def healthz(request: web.Request) -> web.Response:
        routes = sorted({r.resource.canonical for r in app.router.routes() if r.resource})
        return web.json_response({"ok": True, "routes": routes})

    app.router.add_get("/healthz", healthz)
    _mount_slack(app, settings, assistant, state)
    _mount_teams(app, settings, assistant, state)
    return app


# Loggers of the platform SDKs that can write request bodies (and so question text): bolt
# logs the whole body of a request that fails signature verification, at INFO.
SDK_LOGGERS = ("slack_bolt", "slack_sdk", "microsoft_agents")


def quiet_sdk_loggers(log_questions: bool) -> None:
    """Keep SDK request bodies out of the log unless the operator opted into question logs."""
    level = logging.INFO if log_questions else logging.WARNING
    for name in SDK_LOGGERS:
        logging.getLogger(name).setLevel(level)


def serve(
    host: str = "127.0.0.1",
    port: int = 3000,
    knowledge: str | Path | None = None,
    index: str | Path | None = None,
) -> int:
    """`policybot serve`: run until interrupted; returns a process exit code.

    `knowledge` / `index` are the CLI's --knowledge / --index, passed to Assistant.load().
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = Settings.from_env()
    if not (settings.slack_configured or settings.teams_configured):
        sys.stderr.write(NOTHING_CONFIGURED)
        return 2
    assistant = Assistant.load(knowledge=knowledge, index=index)
    web.run_app(create_app(settings, assistant), host=host, port=port, print=None)
    return 0
