"""Districts and their policies, as described by each `knowledge/<id>/district.toml`.

A district is a folder: its metadata file plus the policy documents exactly as
published. Adding a district is adding a folder; no code knows district names.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

METADATA_FILE = "district.toml"


class KnowledgeError(Exception):
    """A policy or metadata file that cannot be used, with the file and line to fix."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line else str(self.path)
        # Messages from the document readers already name the file; say it once.
        if str(self.path) in message:
            super().__init__(message.replace(str(self.path), where, 1))
        else:
            super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class PolicyInfo:
    file: str
    number: str
    title: str
    label: str
    adopted: str = ""
    revised: str = ""
    date_label: str = ""
    source: str = ""

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.number.lower()).strip("-") or "policy"


@dataclass(frozen=True)
class District:
    id: str
    name: str
    short_name: str
    state: str
    folder: Path
    aliases: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    policies: tuple[PolicyInfo, ...] = field(default_factory=tuple)

    def policy_files(self) -> list[Path]:
        return [self.folder / p.file for p in self.policies]


def bundled_knowledge_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "knowledge"


def knowledge_dir(explicit: str | Path | None = None) -> Path:
    """Where districts live: an explicit path, then POLICYBOT_KNOWLEDGE, then the bundled set."""
    chosen = explicit or os.environ.get("POLICYBOT_KNOWLEDGE")
    return Path(chosen) if chosen else bundled_knowledge_dir()


_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def _require(data: dict, key: str, path: Path) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(path, f"missing or empty required field '{key}'")
    return value.strip()


def load_district(folder: Path) -> District:
    meta_path = folder / METADATA_FILE
    try:
        raw = meta_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(meta_path, f"cannot read metadata ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError(meta_path, "metadata is not UTF-8 text") from exc
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        raise KnowledgeError(meta_path, f"invalid TOML: {exc}", line) from exc

    district_id = _require(data, "id", meta_path)
    if not _ID_RE.match(district_id):
        raise KnowledgeError(
            meta_path, f"district id '{district_id}' must be lowercase a-z, 0-9, -"
        )
    policies = []
    for entry in data.get("policies", []):
        policy_file = _require(entry, "file", meta_path)
        if not (folder / policy_file).is_file():
            raise KnowledgeError(meta_path, f"policy file '{policy_file}' not found in {folder}")
        number = entry.get("number", "").strip()
        title = entry.get("title", "").strip() or Path(policy_file).stem
        policies.append(
            PolicyInfo(
                file=policy_file,
                number=number,
                title=title,
                label=entry.get("label", "").strip() or f"Policy {number or title}",
                adopted=entry.get("adopted", ""),
                revised=entry.get("revised", ""),
                date_label=entry.get("date_label", "")
                or (
                    f"revised {entry['revised']}"
                    if entry.get("revised")
                    else f"adopted {entry['adopted']}"
                    if entry.get("adopted")
                    else ""
                ),
                source=entry.get("source", ""),
            )
        )
    if not policies:
        raise KnowledgeError(meta_path, "no [[policies]] listed")
    name = _require(data, "name", meta_path)
    return District(
        id=district_id,
        name=name,
        short_name=data.get("short_name", "").strip() or name,
        state=data.get("state", "").strip(),
        folder=folder,
        aliases=tuple(a.lower() for a in data.get("aliases", [])),
        contacts=tuple(data.get("contacts", [])),
        policies=tuple(policies),
    )


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def load_districts(root: Path) -> list[District]:
    if not root.is_dir():
        raise KnowledgeError(root, "knowledge folder not found or not readable")
    try:
        # Dot-folders are work in progress (`district add` stages there), never served.
        folders = sorted(
            p
            for p in root.iterdir()
            if not p.name.startswith(".") and (p / METADATA_FILE).is_file()
        )
    except OSError as exc:
        raise KnowledgeError(root, f"cannot list knowledge folder ({exc.strerror or exc})") from exc
    districts = [load_district(folder) for folder in folders]
    seen: dict[str, Path] = {}
    for district in districts:
        if district.id in seen:
            raise KnowledgeError(
                district.folder / METADATA_FILE,
                f"duplicate district id '{district.id}' (also in {seen[district.id]})",
            )
        seen[district.id] = district.folder
    if not districts:
        raise KnowledgeError(root, f"no districts found (each needs a {METADATA_FILE})")
    return districts


def fingerprint(districts: list[District]) -> str:
    """Content hash of every metadata and policy file: the index is rebuilt when it changes."""
    digest = hashlib.sha256()
    for district in districts:
        for path in [district.folder / METADATA_FILE, *district.policy_files()]:
            digest.update(str(path.relative_to(district.folder.parent)).encode())
            try:
                digest.update(path.read_bytes())
            except OSError as exc:
                raise KnowledgeError(path, f"cannot read ({exc.strerror or exc})") from exc
    return digest.hexdigest()
