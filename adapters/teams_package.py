"""Build the Teams app package (the zip an admin side-loads) from manifest/teams/.

The checked-in manifest carries placeholder GUIDs and domain; the package is where the
real ids from configuration go, so nobody edits JSON by hand before an upload.
"""

from __future__ import annotations

import json
import os
import re
import sys
import uuid
import zipfile
from pathlib import Path
from typing import Any

MANIFEST_DIR = Path(__file__).resolve().parent.parent / "manifest" / "teams"
ICONS = ("color.png", "outline.png")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_DOMAIN = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$")
# Namespace for deriving a stable Teams app id from the bot id, so re-uploads update the app.
_APP_ID_NAMESPACE = uuid.UUID("6f1c9a52-3e0b-4c1e-9d1a-5b7f1f0c2a11")


class PackageError(ValueError):
    """A missing or malformed id/domain; the message names the setting to fix."""


def _bare_domain(domain: str) -> str:
    """Accept 'https://host/api/messages' or 'host' and keep only the host (validDomains form)."""
    text = domain.strip().lower()
    text = re.sub(r"^[a-z]+://", "", text).split("/", 1)[0]
    if not _DOMAIN.match(text):
        raise PackageError(f"Not a public host name for validDomains: {domain!r}")
    return text


def fill_manifest(
    template: dict[str, Any], *, app_id: str, bot_id: str, domain: str, version: str | None = None
) -> dict[str, Any]:
    """The template with the ids and domain filled in; the template itself is not modified."""
    for name, value in (("app id", app_id), ("bot id (TEAMS_APP_ID)", bot_id)):
        if not _GUID.match(value or ""):
            raise PackageError(f"The {name} must be a GUID, got {value!r}")
    manifest = json.loads(json.dumps(template))
    manifest["id"] = app_id
    for bot in manifest.get("bots", []):
        bot["botId"] = bot_id
    host = _bare_domain(domain)
    placeholders = {"policybot.example.org"}
    manifest["validDomains"] = sorted({host, *manifest.get("validDomains", [])} - placeholders)
    if version:
        manifest["version"] = version
    return manifest


def build_package(
    out_path: Path | str | None = None,
    app_id: str | None = None,
    bot_id: str | None = None,
    domain: str | None = None,
    *,
    manifest_dir: Path = MANIFEST_DIR,
) -> Path:
    """Write the installable zip (manifest.json + both icons at the zip root) and return its path.

    Defaults come from configuration: bot_id from TEAMS_APP_ID, domain from TEAMS_BOT_DOMAIN,
    app_id from TEAMS_MANIFEST_ID or else derived from the bot id (stable across rebuilds).
    """
    bot_id = bot_id or os.environ.get("TEAMS_APP_ID", "").strip()
    if not bot_id:
        raise PackageError("Set TEAMS_APP_ID (the Azure Bot's Microsoft App ID) or pass bot_id")
    domain = domain or os.environ.get("TEAMS_BOT_DOMAIN", "").strip()
    if not domain:
        raise PackageError("Set TEAMS_BOT_DOMAIN (the public host of /api/messages) or pass domain")
    app_id = (
        app_id
        or os.environ.get("TEAMS_MANIFEST_ID", "").strip()
        or str(uuid.uuid5(_APP_ID_NAMESPACE, bot_id.lower()))
    )
    template = json.loads((manifest_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest = fill_manifest(template, app_id=app_id, bot_id=bot_id, domain=domain)
    out = Path(out_path) if out_path else Path("policybot-teams.zip")
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for icon in ICONS:
            archive.write(manifest_dir / icon, arcname=icon)
    return out


def main(args: Any) -> int:
    """`policybot teams-package`: args.out, args.app_id (the bot's App ID), args.domain."""
    try:
        out = build_package(
            getattr(args, "out", None),
            bot_id=getattr(args, "app_id", None),
            domain=getattr(args, "domain", None),
        )
    except PackageError as exc:
        sys.stderr.write(f"policybot teams-package: {exc}\n")
        return 2
    print(f"Wrote {out}: upload it in Teams (Apps > Manage your apps > Upload an app).")
    return 0
