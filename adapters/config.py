"""Deployment settings for the chat adapters, read from the environment (and `.env`).

One place reads every variable so Slack, Teams and `policybot serve` agree on
names; `.env.example` at the repository root documents each of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.state import TRUE_VALUES

DEFAULT_SLACK_API_URL = "https://slack.com/api/"


def parse_env_file(path: Path) -> dict[str, str]:
    """Minimal KEY=VALUE parser (comments, blank lines, `export`, quotes); no dependency."""
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key.replace("_", "").isalnum():
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


def load_env_file(path: Path | str = ".env") -> dict[str, str]:
    """Merge `.env` into os.environ without overriding what the process already has.

    Empty values (`KEY=` as in .env.example) count as unset, so a copied template
    never replaces a library default with an empty string.
    """
    env_path = Path(path)
    if not env_path.is_file():
        return {}
    values = {k: v for k, v in parse_env_file(env_path).items() if v}
    for key, value in values.items():
        os.environ.setdefault(key, value)
    return values


def parse_mapping(text: str) -> dict[str, str]:
    """`T123=milton,T456=marlborough` -> {'T123': 'milton', 'T456': 'marlborough'}."""
    mapping: dict[str, str] = {}
    for item in text.replace(";", ",").split(","):
        key, sep, value = item.partition("=")
        if sep and key.strip() and value.strip():
            mapping[key.strip()] = value.strip()
    return mapping


def _flag(env: Mapping[str, str], name: str) -> bool:
    return env.get(name, "").strip().lower() in TRUE_VALUES


@dataclass(frozen=True)
class Settings:
    """Everything the servers need; empty strings mean "not configured"."""

    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = DEFAULT_SLACK_API_URL
    slack_team_districts: dict[str, str] = field(default_factory=dict)
    state_path: str = ""
    log_questions: bool = False
    teams_app_id: str = ""
    teams_app_password: str = ""
    teams_tenant_id: str = ""
    teams_allow_anonymous: bool = False
    teams_tenant_districts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, env_file: Path | str | None = ".env"
    ) -> Settings:
        """Read settings; `.env` in the cwd fills gaps but never overrides real variables."""
        if env is None:
            if env_file is not None:
                load_env_file(env_file)
            env = os.environ
        api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_SLACK_API_URL
        return cls(
            slack_bot_token=env.get("SLACK_BOT_TOKEN", "").strip(),
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET", "").strip(),
            slack_app_token=env.get("SLACK_APP_TOKEN", "").strip(),
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            slack_team_districts=parse_mapping(env.get("SLACK_TEAM_DISTRICTS", "")),
            state_path=env.get("POLICYBOT_STATE", "").strip(),
            log_questions=_flag(env, "POLICYBOT_LOG_QUESTIONS"),
            teams_app_id=env.get("TEAMS_APP_ID", "").strip(),
            teams_app_password=env.get("TEAMS_APP_PASSWORD", "").strip(),
            teams_tenant_id=env.get("TEAMS_TENANT_ID", "").strip(),
            teams_allow_anonymous=_flag(env, "TEAMS_ALLOW_ANONYMOUS"),
            teams_tenant_districts=parse_mapping(env.get("TEAMS_TENANT_DISTRICTS", "")),
        )

    @property
    def slack_http_configured(self) -> bool:
        """HTTP mode needs the bot token and the signing secret (for request verification)."""
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def slack_socket_mode(self) -> bool:
        return bool(self.slack_bot_token and self.slack_app_token)

    @property
    def slack_configured(self) -> bool:
        return self.slack_http_configured or self.slack_socket_mode

    @property
    def teams_authenticated(self) -> bool:
        """With an app id, tokens are validated; without one, only anonymous turns exist."""
        return bool(self.teams_app_id)

    @property
    def teams_configured(self) -> bool:
        return bool(self.teams_app_id or self.teams_allow_anonymous)

    def missing_slack(self) -> list[str]:
        """Names an operator still has to set for Slack, for a clear log line."""
        missing = []
        if not self.slack_bot_token:
            missing.append("SLACK_BOT_TOKEN")
        if not (self.slack_signing_secret or self.slack_app_token):
            missing.append("SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)")
        return missing
