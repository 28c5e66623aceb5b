"""`policybot district add` / `district check`: onboarding a district from its documents.

An admin has the PDFs, Word files or saved web pages their district publishes, not a
district.toml. `add` copies the documents in unchanged, reads the policy number, title
and adoption/revision dates from the text where the document states them (flags
correct what it gets wrong), writes district.toml and re-indexes. Everything is built
in a dot-folder (never served) and swapped in only once the index has been rebuilt with
it, so a bad file leaves nothing behind and the previous index keeps serving.

`check` prints the clause tree as answers will cite it, with warnings about the usual
extraction problems, so the admin can compare it with the original document.
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from adapters.cli import EXIT_USAGE, _fail
from bot.citations import citation_for
from bot.knowledge import (
    METADATA_FILE,
    District,
    KnowledgeError,
    PolicyInfo,
    knowledge_dir,
    load_district,
    load_districts,
)
from bot.parsing import Clause
from bot.store import BuildReport, SQLiteStore, index_path, read_policy_source

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
HEADER_LINES = 25  # policy number and title sit at the top of the document
MAX_META_LINE = 120  # dates and numbers are on short lines, not inside rule paragraphs
LONG_CLAUSE = 1500
PREVIEW = 100

# --------------------------------------------------------------------------- detection

_NUM = r"\d{3,4}(?:\.\d{1,4})*"
_PAIRED = rf"{_NUM}(?:\s*/\s*{_NUM}|\s+-\s+{_NUM})?"
_CODE = r"[A-K][A-Z]{1,5}(?:-[A-Z]{1,2})?"  # NEPN/NSBA letter codes: IHB, EDC, IJNDB
_NOT_CODES = {"AND", "BOARD", "DRAFT", "FAQ", "ID", "IT", "AI", "CEO"}
_TITLE_SEP = r"\s*[-–—:]\s+"
_NUMBER_LINES = (
    # "4118.51 - 4218.51 - Social Networking", "Policy 1100.5 — Social Networking"
    re.compile(rf"^(?:Policy\s+)?(?P<number>{_PAIRED}){_TITLE_SEP}(?P<title>[A-Za-z].{{2,80}})$"),
    # "Policy IHB", "Policy No. 1200", "Policy #6150"
    re.compile(
        rf"\bPolicy\s+(?:No\.?\s*|#\s*)?(?P<number>{_PAIRED}|{_CODE})(?![\w.])"
        rf"(?:{_TITLE_SEP}(?P<title>[A-Za-z].{{2,80}}))?"
    ),
    # "Middletown Public Schools      No. 1200"
    re.compile(rf"\bNo\.\s*(?P<number>{_PAIRED}|{_CODE})(?![\w.])"),
    # "EDC" alone on a line (BoardDocs puts the code above the title)
    re.compile(rf"^(?P<number>{_CODE})$"),
)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+(?:\d{{1,2}},?\s+)?\d{{4}}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})\b"
)
_DATE_WORD = re.compile(
    r"(?P<word>re-?approv\w*|approv\w*|adopt\w*|revis\w*|amend\w*|"
    r"(?P<reading>(?:first|1st|second|2nd|third|3rd)\s+reading))",
    re.I,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class DatedEvent:
    """'Revised: 7/16/2014' -> kind 'revised', text '7/16/2014', in document order."""

    kind: str
    text: str
    order: int

    @property
    def value(self) -> tuple[int, int, int]:
        """Sortable (year, month, day); policies mix "2.14.17" and "June 11, 2013"."""
        text = self.text.lower()
        if text[:1].isalpha():
            month = _MONTHS.index(text[:3]) + 1
            numbers = [int(n) for n in re.findall(r"\d+", text)]
            return numbers[-1], month, numbers[0] if len(numbers) > 1 else 1
        m, d, y = (int(n) for n in re.split(r"[/.]", text))
        return (y + 2000 if y < 70 else y + 1900 if y < 100 else y), m, d


@dataclass
class Detected:
    """What the document says about itself, and where each value came from."""

    number: str = ""
    title: str = ""
    adopted: str = ""
    revised: str = ""
    date_label: str = ""
    origin: dict[str, str] = field(default_factory=dict)  # field -> "document" | "--flag"


def _kind(match: re.Match[str]) -> str | None:
    word = match.group("word").lower()
    if match.group("reading"):
        # A first reading proposes; the final reading is when the board approved it.
        return None if word.split()[0] in ("first", "1st") else "approved"
    if word.startswith(("re-approv", "reapprov")):
        return "reapproved"
    for stem, kind in (
        ("approv", "approved"),
        ("adopt", "adopted"),
        ("revis", "revised"),
        ("amend", "revised"),
    ):
        if word.startswith(stem):
            return kind
    return None  # pragma: no cover - the pattern only matches the stems above


def dated_events(text: str) -> list[DatedEvent]:
    """Every date on a short line that says what happened on it (nearest word before it)."""
    events: list[DatedEvent] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line or len(line) > MAX_META_LINE:
            continue
        for found in _DATE.finditer(line):
            words = list(_DATE_WORD.finditer(line, 0, found.start()))
            kind = _kind(words[-1]) if words else None
            if kind:
                events.append(DatedEvent(kind, found.group(0), len(events)))
    return events


def _header(text: str) -> list[str]:
    lines = (" ".join(raw.split()) for raw in text.splitlines())
    return [line for line in lines if line and len(line) <= MAX_META_LINE][:HEADER_LINES]


def _is_title_line(line: str, number: str) -> bool:
    return (
        len(line) <= 80
        and bool(re.search(r"[A-Za-z]{3}", line))
        and line != number
        and not re.fullmatch(r"(?:board\s+)?polic(?:y|ies)|no\.?", line, re.I)
        and not line.endswith((".", ";", ","))
        and not _DATE.search(line)
        and not any(p.search(line) for p in _NUMBER_LINES)
    )


def _title_case(title: str) -> str:
    return title.title() if title.isupper() else title


def detect(text: str) -> Detected:
    """Policy number, title and dates as the document states them at its top and foot."""
    found = Detected()
    lines = _header(text)
    at = -1
    for index, line in enumerate(lines):
        for pattern in _NUMBER_LINES:
            match = pattern.search(line)
            if match and match.group("number") not in _NOT_CODES:
                found.number = re.sub(r"\s*/\s*|\s+-\s+", "/", match.group("number"))
                found.title = (match.groupdict().get("title") or "").strip()
                at = index
                break
        if at >= 0:
            break
    if found.number and not found.title:
        code = re.escape(found.number)  # "EDC Social Networking" / "Social Networking EDC"
        for line in lines:
            match = re.fullmatch(rf"{code}\s+(?!-)(.{{3,80}})", line) or re.fullmatch(
                rf"(.{{3,80}}?)\s+{code}", line
            )
            if match and _is_title_line(match.group(1), found.number):
                found.title = match.group(1)
                break
    if not found.title:
        found.title = next(
            (line for line in lines[at + 1 :] if _is_title_line(line, found.number)), ""
        )
    found.title = _title_case(found.title.strip())
    events = dated_events(text)
    if events:
        first = min(events, key=lambda e: (e.value, e.order))
        last = max(events, key=lambda e: (e.value, -e.order))
        found.adopted = first.text
        found.revised = last.text if last.value > first.value else ""
        found.date_label = f"{last.kind} {last.text}"
    for key in ("number", "title", "adopted", "revised", "date_label"):
        if getattr(found, key):
            found.origin[key] = "document"
    return found


def apply_flags(
    found: Detected, number: str | None, title: str | None, when: str | None
) -> Detected:
    """--number/--title/--date win over what the document seemed to say.

    --date "approved 2/11/25" is used as written; a bare date becomes the revision date
    (or the adoption date when the document gave none)."""
    if number:
        found = replace(found, number=number.strip(), origin={**found.origin, "number": "--number"})
    if title:
        found = replace(found, title=title.strip(), origin={**found.origin, "title": "--title"})
    if when:
        when = " ".join(when.split())
        match = _DATE_WORD.match(when)
        kind = (_kind(match) if match else None) or ("revised" if found.adopted else "adopted")
        bare = when[match.end() :].strip(" :") if match else when
        label = when if match else f"{kind} {bare}"
        changes = {"date_label": label, ("adopted" if kind == "adopted" else "revised"): bare}
        found = replace(
            found, **changes, origin={**found.origin, **dict.fromkeys(changes, "--date")}
        )
    return found


# --------------------------------------------------------------------------- TOML writing

_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def toml_value(value: str | Iterable[str]) -> str:
    """A TOML basic string (or array of them); tomllib is read-only and we add no dependency."""
    if not isinstance(value, str):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    out = []
    for char in value:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_lines(fields: dict[str, str | list[str]]) -> Iterator[str]:
    for key, value in fields.items():
        if value:
            yield f"{key} = {toml_value(value)}"


def policy_toml(policy: PolicyInfo) -> str:
    fields: dict[str, str | list[str]] = {
        "file": policy.file,
        "number": policy.number,
        "title": policy.title,
        "label": policy.label,
        "adopted": policy.adopted,
        "revised": policy.revised,
        "date_label": policy.date_label,
        "source": policy.source,
    }
    return "\n[[policies]]\n" + "\n".join(toml_lines(fields)) + "\n"


def district_toml(district: dict[str, str | list[str]], policies: list[PolicyInfo]) -> str:
    head = f"# Written by `policybot district add` on {date.today().isoformat()}.\n"
    return head + "\n".join(toml_lines(district)) + "\n" + "".join(map(policy_toml, policies))


# --------------------------------------------------------------------------- add


@dataclass
class _Plan:
    root: Path
    index: Path
    district_id: str
    existing: Path | None


def _existing_folder(root: Path, district_id: str) -> Path | None:
    """The folder serving `district_id`: usually root/<id>, but the id is what counts."""
    if (root / district_id / METADATA_FILE).is_file():
        return root / district_id
    if not root.is_dir():
        return None
    try:
        districts = load_districts(root)
    except KnowledgeError:  # an empty or broken knowledge folder: the rebuild will say why
        return None
    return next((d.folder for d in districts if d.id == district_id), None)


def _plan(args: argparse.Namespace) -> _Plan | str:
    root = knowledge_dir(args.knowledge)
    if not ID_RE.match(args.id):
        return (
            f"district id '{args.id}' must be lowercase letters, digits and dashes "
            "(e.g. springfield, dudley-charlton)"
        )
    if not args.append and not (args.name or "").strip():
        return '--name is required for a new district, e.g. --name "Springfield Public Schools"'
    existing = _existing_folder(root, args.id)
    if args.append and existing is None:
        return f"no district '{args.id}' to append to; add it first (without --append)"
    if existing is not None and not (args.append or args.replace):
        return (
            f"district '{args.id}' already exists in {existing}; use --append to add "
            "policies to it or --replace to start it again"
        )
    names = [f.name for f in args.files]
    if len(set(names)) != len(names):
        return "two files have the same name; rename one so each policy keeps its own file"
    for path in args.files:
        if not path.is_file():
            return f"{path}: file not found"
    if len(args.files) > 1 and (args.number or args.title or args.date):
        return (
            "--number/--title/--date describe one policy: add the files one at a time "
            "(the first with add, the others with add --append)"
        )
    index = index_path(root, args.index)
    return _Plan(root, index, args.id, existing)


def _policy_for(path: Path, args: argparse.Namespace, short_name: str) -> tuple[PolicyInfo, str]:
    """Read the document (KnowledgeError if unreadable) and describe it."""
    found = apply_flags(detect(read_policy_source(path)), args.number, args.title, args.date)
    title = found.title or path.stem
    label = f"{short_name} Policy {found.number}" if found.number else f"{short_name} {title}"
    policy = PolicyInfo(
        file=path.name,
        number=found.number,
        title=title,
        label=label,
        adopted=found.adopted,
        revised=found.revised,
        date_label=found.date_label,
        source=f"{path.name}, added {date.today().isoformat()}",
    )
    missing = [k for k in ("number", "title", "date_label") if k not in found.origin]
    origin = ", ".join(
        f"{k.replace('date_label', 'date')} from {v}"
        for k, v in found.origin.items()
        if k in ("number", "title", "date_label")
    )
    if missing:
        origin += (
            ("; " if origin else "")
            + "not found: "
            + ", ".join(
                {
                    "number": "number (--number)",
                    "title": "title (--title, used the file name)",
                    "date_label": "date (--date)",
                }[k]
                for k in missing
            )
        )
    return policy, origin


def _stage(plan: _Plan, args: argparse.Namespace, stage: Path) -> list[tuple[PolicyInfo, str]]:
    """Fill `stage` with the district folder as it should end up; KnowledgeError if not."""
    if plan.existing is not None and args.append:
        shutil.copytree(plan.existing, stage, dirs_exist_ok=True)
        current = load_district(plan.existing)
        short_name = current.short_name
        for path in args.files:
            if (stage / path.name).exists():
                raise KnowledgeError(
                    path,
                    f"{plan.existing / path.name} already exists; to "
                    "update a policy, replace that file and run "
                    "`policybot index`",
                )
    else:
        short_name = (args.short_name or args.name.split()[0]).strip()
    added = [_policy_for(path, args, short_name) for path in args.files]
    for path in args.files:
        shutil.copy2(path, stage / path.name)
    policies = [p for p, _ in added]
    if args.append:
        text = (plan.existing / METADATA_FILE).read_text(encoding="utf-8")  # type: ignore[operator]
        text = text if text.endswith("\n") else text + "\n"
        (stage / METADATA_FILE).write_text(
            text + "".join(map(policy_toml, policies)), encoding="utf-8"
        )
    else:
        name = args.name.strip()
        aliases = list(
            dict.fromkeys(a.strip().lower() for a in [args.id, name, *args.alias] if a.strip())
        )
        (stage / METADATA_FILE).write_text(
            district_toml(
                {
                    "id": args.id,
                    "name": name,
                    "short_name": short_name,
                    "state": (args.state or "").strip().upper(),
                    "aliases": aliases,
                    "contacts": [c.strip() for c in args.contact if c.strip()],
                },
                policies,
            ),
            encoding="utf-8",
        )
    district = load_district(stage)  # what the index will read: proves the TOML round-trips
    numbers = [p.number for p in district.policies]
    for number in {n for n in numbers if numbers.count(n) > 1}:
        raise KnowledgeError(
            stage / METADATA_FILE,
            f"two policies have the number '{number or '(none)'}'; each needs "
            "its own (add them one at a time with --number)",
        )
    return added


def _swap_in(plan: _Plan, stage: Path) -> BuildReport:
    """Move the staged folder into place and re-index; on failure put everything back."""
    target = plan.existing or plan.root / plan.district_id
    backup = None
    if target.exists():
        backup = Path(tempfile.mkdtemp(prefix=f".previous-{plan.district_id}-", dir=plan.root))
        backup.rmdir()
        target.rename(backup)
    stage.rename(target)
    try:
        report = SQLiteStore(plan.index).rebuild(plan.root)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        if backup is not None:
            backup.rename(target)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
    return report


def add_district(args: argparse.Namespace) -> int:
    """`policybot district add`: see the module docstring."""
    plan = _plan(args)
    if isinstance(plan, str):
        return _fail(plan, EXIT_USAGE)
    plan.root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".add-{plan.district_id}-", dir=plan.root))
    try:
        added = _stage(plan, args, stage)
        report = _swap_in(plan, stage)
    except (KnowledgeError, OSError) as exc:
        shutil.rmtree(stage, ignore_errors=True)
        return _fail(
            f"could not add district '{plan.district_id}': {exc}\n"
            "Nothing was changed; the previous index is still serving."
        )
    folder = plan.existing or plan.root / plan.district_id
    verb = "Added to" if args.append else "Replaced" if plan.existing else "Added"
    print(f"{verb} district '{plan.district_id}' in {folder}:")
    for policy, origin in added:
        when = f" ({policy.date_label})" if policy.date_label else ""
        print(f"  {policy.file}: {policy.label} — {policy.title}{when}\n    {origin}")
    print(
        f"Indexed {report.districts} districts, {report.policies} policies, {report.clauses} "
        f"clauses in {report.seconds:.2f}s -> {report.path}"
    )
    print(
        "Now check what policybot understood (compare it with the original document):\n"
        f"  policybot{_global_flags(args)} district check {plan.district_id}"
    )
    return 0


def _global_flags(args: argparse.Namespace) -> str:
    flags = ""
    if args.knowledge:
        flags += f" --knowledge {args.knowledge}"
    if args.index:
        flags += f" --index {args.index}"
    return flags


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Warning_:
    where: str
    message: str

    def __str__(self) -> str:
        return f"warning: {self.where}: {self.message}"


def _preview(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1].rstrip() + "…"


def _policy_of(district: District, clause: Clause) -> PolicyInfo:
    return next(p for p in district.policies if p.number == clause.policy)


def tree_lines(district: District, clauses: list[Clause]) -> Iterator[str]:
    """The clause tree: headings at the left, their paragraphs and items under them,
    sub-items under their item; each with kind, label, citation, id and its opening."""
    for policy in district.policies:
        when = policy.date_label or "no date"
        yield f"{policy.label} — {policy.title} ({when})  [{policy.file}]"
        in_section = False
        for clause in (c for c in clauses if c.policy == policy.number):
            if clause.kind == "heading":
                depth, in_section = 1, True
            else:
                depth = 1 + in_section + bool(clause.parent)
            indent = "  " * depth
            _, citation = citation_for(clause, policy)
            label = "" if clause.label == clause.kind else f" {clause.label}"
            yield f"{indent}{clause.kind}{label} | {citation} | {clause.id}"
            yield f'{indent}  "{_preview(clause.text)}"'
        yield ""


def check_warnings(district: District, clauses: list[Clause]) -> list[Warning_]:
    """What an admin should look at in the original document."""
    out: list[Warning_] = []
    for policy in district.policies:
        if not policy.number:
            out.append(
                Warning_(
                    policy.label,
                    f"{policy.file} has no policy number in "
                    f'{METADATA_FILE}; set number = "…" (or re-add with --number)',
                )
            )
        if not policy.date_label:
            out.append(
                Warning_(
                    policy.label,
                    f"{policy.file} has no adoption/revision date in "
                    f'{METADATA_FILE}; set revised = "…" and date_label = "…" '
                    "(or re-add with --date)",
                )
            )
    seen: dict[str, Clause] = {}
    for index, clause in enumerate(clauses):
        policy = _policy_of(district, clause)
        _, citation = citation_for(clause, policy)
        where = f"{citation} [{clause.id}]"
        following = clauses[index + 1] if index + 1 < len(clauses) else None
        if (
            clause.kind == "heading"
            and clause.section_key
            and (
                following is None
                or following.policy != clause.policy
                or following.kind == "heading"
                and not following.section_key.startswith(f"{clause.section_key}.")
            )
        ):  # a section whose text is in its subsections (IV. then IV.A) is not empty
            out.append(
                Warning_(
                    where,
                    f'section heading "{_preview(clause.text)}" has no text '
                    "under it (text lost in extraction, or a heading split from "
                    "its section?)",
                )
            )
        if len(clause.text) > LONG_CLAUSE:
            out.append(
                Warning_(
                    where,
                    f"clause is {len(clause.text):,} characters; probably a "
                    "list whose items ran together (check the numbering/bullets)",
                )
            )
        key = " ".join(clause.text.split()).lower()
        if clause.kind != "heading" and len(key) >= 40:
            if key in seen:
                first = seen[key]
                _, first_citation = citation_for(first, _policy_of(district, first))
                out.append(
                    Warning_(
                        where,
                        f"same text as {first_citation} [{first.id}]; "
                        "duplicated paragraph (repeated page header, or pasted "
                        "twice?)",
                    )
                )
            else:
                seen[key] = clause
    return out


def check_district(args: argparse.Namespace) -> int:
    """`policybot district check`: print the clause tree and warnings (exit 0 either way:
    warnings are for a person to judge, not errors)."""
    from bot.assistant import Assistant

    assistant = Assistant.load(args.knowledge, args.index)
    district = assistant.district(args.id)
    clauses = assistant.snapshot.clauses.get(district.id, [])
    print(
        f"{district.name} ({district.id}, {district.state or 'no state'}): "
        f"{len(district.policies)} policies, {len(clauses)} clauses"
    )
    print(f"folder: {district.folder}\n")
    for line in tree_lines(district, clauses):
        print(line)
    warnings = check_warnings(district, clauses)
    for warning in warnings:
        print(warning)
    print(f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
    return 0
