"""Render one platform-neutral answer with jinja2 templates (text, Slack, Teams).

Templates that produce JSON (Block Kit, Adaptive Cards) must emit every
dynamic string through the `tojson` filter, so user text can never break the
document structure; platform-specific escaping (mrkdwn, markdown) is applied
with the filters registered here before `tojson`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined


def slack_escape(text: str) -> str:
    """Slack mrkdwn control characters; after this `<!channel>` and `<url|label>` are inert."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_MD_SPECIALS = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown_escape(text: str) -> str:
    """Teams/Adaptive Card markdown: no links, emphasis or `<at>` mentions from user text."""
    return _MD_SPECIALS.sub(r"\\\1", text)


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bot", "templates"),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["slack_escape"] = slack_escape
    env.filters["markdown_escape"] = markdown_escape
    env.filters["truncate_chars"] = truncate
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def render_json(template: str, **context: Any) -> Any:
    """Render a JSON-producing template and parse it, so a template bug fails loudly here."""
    return json.loads(render(template, **context))
