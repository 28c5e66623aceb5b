"""Turn a policy's text into a clause tree: sections, paragraphs, list items, sentences.

The tree follows the document's own structure (lettered and roman sections,
numbered items, bullets, a) sub-items, headings) so a citation can say
"§D, item 2" exactly as the policy does. Every clause and sentence keeps
character offsets into the source, so quotes are always exact excerpts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.knowledge import PolicyInfo

# Publisher chrome that is never policy text.
NOISE_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^skip to (main )?content$",
        r"^published by \w+",
        r"^©|^\(c\)\s*\d{4}|^copyright\b",
        r"no claim to original government works",
        r"^back to top$",
        r"^print( this page)?$",
    )
]

ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
HEADING_LETTER = re.compile(r"^([A-Z])\.\s+(\S.{0,90})$")
HEADING_ROMAN = re.compile(rf"^({ROMAN})\.\s+(\S.{{0,90}})$")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
BULLET = re.compile(r"^([•·▪◦●\-\*–])\s+(\S.*)$")
SUBITEM = re.compile(r"^\(?([a-z]|[ivx]{1,4})[.)]\s+(\S.*)$")  # a) (b) c. iv.
TERMINAL = re.compile(r"[.;:!?]['\"”’)*]*$")

# A sentence ends at . ! ? followed by space and a capital/quote/paren, except after
# common abbreviations. Semicolons end a sentence only inside numbered lists (handled by items).
_ABBREV = {"e.g", "i.e", "etc", "no", "vs", "mr", "mrs", "ms", "dr", "cf", "u.s", "st", "inc"}
_SENT_END = re.compile(r"[.!?]['\"”’)*]*\s+(?=[A-Z“\"‘'(*])")


@dataclass
class Clause:
    """A citable unit: a paragraph or list item, with exact offsets into its source."""

    id: str
    district: str
    policy: str
    section_key: str
    section_title: str
    # "heading" | "paragraph" | "item" | "subitem" | "reference" | "legal" | "attribution"
    kind: str
    label: str  # human locator inside the section: "item 2", "¶3", "item 1(a)"
    lead_in: str
    text: str
    start: int
    end: int
    sentences: list[tuple[int, int]] = field(default_factory=list)
    parent: str = ""
    order: int = 0


@dataclass
class Line:
    text: str  # stripped
    start: int
    end: int


def is_noise(text: str) -> bool:
    return any(p.search(text) for p in NOISE_PATTERNS)


def split_lines(source: str) -> list[Line | None]:
    """Lines with offsets; `None` marks a paragraph break (blank or whitespace-only line)."""
    out: list[Line | None] = []
    pos = 0
    for raw in source.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip().strip("\u00a0").strip()
        if not stripped or is_noise(stripped):
            out.append(None)
        else:
            lead = len(body) - len(body.lstrip())
            out.append(Line(stripped, pos + lead, pos + lead + len(body.strip())))
        pos += len(raw)
    return out


def sentence_spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence boundaries inside [start, end), as absolute offsets."""
    text = source[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENT_END.finditer(text):
        before = text[cursor : match.start() + 1]
        last_word = re.split(r"\s", before.rstrip(".!?'\"”’)*"))[-1].lower().lstrip("([{'\"“‘")
        if last_word in _ABBREV or re.fullmatch(r"[a-z]", last_word):
            continue
        stop = match.end()
        piece = text[cursor:stop].rstrip()
        if piece.strip():
            spans.append((start + cursor, start + cursor + len(piece)))
        cursor = stop
    tail = text[cursor:].rstrip()
    if tail.strip():
        spans.append((start + cursor, start + cursor + len(tail)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        out.extend(_split_long(source, *_trim_span(source, s, e)))
    return out


MAX_SENTENCE = 560
_SOFT_BREAK = re.compile(r";\s+|,\s+(?=(?:and|but|so|or|nor|which|unless|except)\b)|\s+\(|,\s+")


def _split_long(source: str, s: int, e: int) -> list[tuple[int, int]]:
    """A quote over ~560 characters stops being a quote; split at the break nearest the middle."""
    if e - s <= MAX_SENTENCE:
        return [(s, e)]
    text = source[s:e]
    middle = len(text) / 2
    best = None
    for match in _SOFT_BREAK.finditer(text):
        cut = match.start() + (1 if text[match.start()] in ",;" else 0)
        if best is None or abs(cut - middle) < abs(best - middle):
            best = cut
    if best is None or best < 40 or best > len(text) - 40:
        return [(s, e)]
    left = _trim_span(source, s, s + best)
    right = _trim_span(source, s + best, e)
    return _split_long(source, *left) + _split_long(source, *right)


def _trim_span(source: str, s: int, e: int) -> tuple[int, int]:
    while s < e and source[s].isspace():
        s += 1
    while e > s and source[e - 1].isspace():
        e -= 1
    return s, e


REFERENCE = re.compile(r"^\(?cf\.\s", re.I)
# Once a "Legal References" heading appears, what follows is statute titles, not rules.
LEGAL_SECTION = re.compile(r"^legal references?\b", re.I)
# Where the text came from ("Adapted from the Coventry Public Schools Social Media Policy"):
# provenance, not a rule, though it names the policy's own words.
ATTRIBUTION = re.compile(
    r"(?:adapted|derived|excerpted|reprinted|modell?ed)\b[^.]{0,40}?\b(?:from|on|after)\b"
    r"|based (?:up)?on\b[^.]*\bpolic|sources?:",
    re.I,
)
# Clause kinds that structure or document the policy: shown, never ranked or quoted as rules.
NOT_RULES = frozenset({"heading", "legal", "attribution"})


def _is_heading(text: str, prev_blank: bool, next_blank: bool) -> bool:
    """Short unpunctuated lines (titles, "Purpose:", dates) structure the text, not rules."""
    if BULLET.match(text) or SUBITEM.match(text) or REFERENCE.match(text):
        return False
    text = " ".join(text.split())
    if len(text) <= 60 and not TERMINAL.search(text):
        return True
    if text.endswith(":") and len(text) <= 40:
        return True
    if text.isupper() and len(text) <= 90:
        return True
    return prev_blank and next_blank and len(text) <= 70 and not TERMINAL.search(text)


@dataclass
class Block:
    kind: str  # "section" | "heading" | "paragraph" | "item" | "subitem" | "reference"
    key: str
    start: int
    end: int


def blocks_of(lines: list[Line | None]) -> list[Block]:
    """Group lines into blocks, joining lines that a page layout broke mid-sentence."""
    blocks: list[Block] = []
    numbered_sections = 0
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line is None:
            i += 1
            continue
        prev_blank = i == 0 or lines[i - 1] is None
        text, start, end = line.text, line.start, line.end
        j = i
        while not TERMINAL.search(lines[j].text):  # type: ignore[union-attr]
            k = j + 1
            while k < n and lines[k] is None and k - j <= 2:
                k += 1
            nxt = lines[k] if k < n else None
            if nxt is None or not nxt.text[:1].islower() or _is_marker(nxt.text):
                break
            j, end = k, nxt.end
        next_blank = j + 1 >= n or lines[j + 1] is None
        joined = j != i

        letter = HEADING_LETTER.match(text)
        roman = HEADING_ROMAN.match(text)
        numbered = NUMBERED.match(text)
        if not joined and letter and not TERMINAL.search(text):
            blocks.append(Block("section", letter.group(1), start, end))
        elif not joined and roman and roman.group(1) and not TERMINAL.search(text):
            blocks.append(Block("section", roman.group(1), start, end))
        elif not joined and numbered and len(text) <= 90 and not TERMINAL.search(text):
            # Numbered titles are sections. Some publishers render every one as "1.",
            # so the key is the section's position, which is what the policy's own
            # cross-references ("Section 2 above") count.
            numbered_sections += 1
            blocks.append(Block("section", str(numbered_sections), start, end))
        elif numbered or BULLET.match(text):
            blocks.append(Block("item", "", start, end))
        elif SUBITEM.match(text):
            blocks.append(Block("subitem", "", start, end))
        elif REFERENCE.match(text):
            blocks.append(Block("reference", "", start, end))
        elif not joined and _is_heading(text, prev_blank, next_blank):
            blocks.append(Block("heading", "", start, end))
        else:
            blocks.append(Block("paragraph", "", start, end))
        i = j + 1
    return blocks


def _marker_length(text: str) -> int:
    for pattern in (NUMBERED, BULLET, SUBITEM):
        match = pattern.match(text)
        if match:
            return match.start(2)
    return 0


def _is_marker(text: str) -> bool:
    return bool(NUMBERED.match(text) or BULLET.match(text) or SUBITEM.match(text))


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Builder:
    """Walks blocks once, tracking the current section, the list lead-in and item numbering."""

    def __init__(self, source: str, district: str, policy: PolicyInfo) -> None:
        self.source = source
        self.district = district
        self.policy = policy
        self.clauses: list[Clause] = []
        self.ids: set[str] = set()
        self.section_key = ""
        self.section_title = ""
        self.section_count = 0
        self.major_key = ""  # the roman-numbered section that lettered ones nest in
        self.last_letter = ""
        self.paragraph_no = 0
        self.item_no = 0
        self.sub_no = 0
        self.lead_in = ""
        self.parent_item: Clause | None = None
        self.in_legal_references = False

    def add(
        self, kind: str, label: str, block: Block, lead_in: str = "", parent: str = ""
    ) -> Clause:
        key = self.section_key or f"s{self.section_count}"
        local = re.sub(
            r"[^a-z0-9.]+",
            "",
            label.replace("item ", "i").replace("¶", "p").replace("(", ".").lower(),
        )
        clause_id = f"{self.district}:{self.policy.slug}:{key}:{local}"
        base, n = clause_id, 2
        while clause_id in self.ids:
            clause_id, n = f"{base}-{n}", n + 1
        self.ids.add(clause_id)
        clause = Clause(
            id=clause_id,
            district=self.district,
            policy=self.policy.number,
            section_key=self.section_key,
            section_title=self.section_title,
            kind=kind,
            label=label,
            lead_in=lead_in,
            text=self.source[block.start : block.end],
            start=block.start,
            end=block.end,
            sentences=[]
            if kind == "heading"
            else sentence_spans(
                self.source,
                block.start + _marker_length(self.source[block.start : block.end]),
                block.end,
            ),
            parent=parent,
            order=len(self.clauses),
        )
        self.clauses.append(clause)
        return clause

    def section(self, block: Block) -> None:
        self.section_count += 1
        raw = self.source[block.start : block.end]
        if LEGAL_SECTION.search(raw.strip()):
            self.in_legal_references = True
        elif block.key:
            self.in_legal_references = False
        title = raw.split(None, 1)[1] if block.key and " " in raw else raw
        self.section_key = self._nested(block.key)
        self.section_title = title.rstrip(":").strip()
        self.paragraph_no = self.item_no = 0
        # "A. Staff members shall not:" heads a list and is also the lead-in of its items.
        stated = raw.rstrip().endswith(":") and len(title.split()) >= 3
        self.lead_in = _clip(re.sub(r"^[A-Z]{1,4}\.\s+", "", title.strip())) if stated else ""
        self.parent_item = None
        self.add("heading", "heading", block)

    def _nested(self, key: str) -> str:
        """"A." under "IV." is §IV.A, so two sections' item 2s are not both "§A, item 2".

        "I", "V" and "X" are read as roman unless they continue a lettered run (H., I.)."""
        letter = len(key) == 1 and key.isalpha() and key.isupper()
        continues = letter and bool(self.last_letter) and ord(key) == ord(self.last_letter) + 1
        if key and re.fullmatch(ROMAN, key) and not continues:
            self.major_key, self.last_letter = key, ""
            return key
        if letter:
            self.last_letter = key
            return f"{self.major_key}.{key}" if self.major_key else key
        return key

    def paragraph(self, block: Block, kind: str = "paragraph") -> None:
        self.paragraph_no += 1
        self.item_no = 0
        self.parent_item = None
        clause = self.add(kind, f"¶{self.paragraph_no}", block)
        text = clause.text.strip()
        if text.endswith(":"):
            self.lead_in = _clip(text)
        elif clause.sentences:
            s, e = clause.sentences[-1]
            self.lead_in = (
                _clip(self.source[s:e]) if self.source[s:e].rstrip().endswith(":") else ""
            )
        else:
            self.lead_in = ""

    def item(self, block: Block) -> None:
        # The document's own number, so "4." after a paragraph is cited as item 4.
        number = NUMBERED.match(self.source[block.start : block.end].strip())
        self.item_no = int(number.group(1)) if number else self.item_no + 1
        self.sub_no = 0
        self.parent_item = self.add("item", f"item {self.item_no}", block, lead_in=self.lead_in)

    def subitem(self, block: Block) -> None:
        parent = self.parent_item
        if parent is None:  # a) b) list introduced by a paragraph: items of their own
            self.item_no += 1
            self.add(
                "item", f"item ({chr(ord('a') + self.item_no - 1)})", block, lead_in=self.lead_in
            )
            return
        self.sub_no += 1
        letter = chr(ord("a") + self.sub_no - 1)
        self.add(
            "item",
            f"{parent.label}({letter})",
            block,
            lead_in=_clip(strip_marker(parent.text.strip())),
            parent=parent.id,
        )


def parse_policy(source: str, district: str, policy: PolicyInfo) -> list[Clause]:
    """Parse one policy document into clauses in document order."""
    builder = _Builder(source, district, policy)
    for block in blocks_of(split_lines(source)):
        if block.kind in ("section", "heading"):
            builder.section(block)
        elif block.kind == "item":
            builder.item(block)
        elif block.kind == "subitem":
            builder.subitem(block)
        elif block.kind == "reference":
            builder.paragraph(block, "reference")  # "(cf. 4118.24 …)": points at a policy
        elif ATTRIBUTION.match(source[block.start:block.end].strip()):
            builder.paragraph(block, "attribution")
        elif LEGAL_SECTION.search(builder.section_title) or builder.in_legal_references:
            builder.paragraph(block, "legal")  # statute titles: shown, never quoted as rules
        else:
            builder.paragraph(block)
    return builder.clauses


def strip_marker(text: str) -> str:
    """Item text without its list marker, for display and lead-in matching."""
    for pattern in (NUMBERED, BULLET, SUBITEM):
        match = pattern.match(text)
        if match:
            return match.group(2)
    return text
