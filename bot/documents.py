"""Turn the documents districts publish (PDF, Word, web pages, text) into policy text.

The clause parser (bot/parsing.py) reads plain text shaped like a copied web page: one
paragraph per line, list items on their own lines starting with their marker ("1.",
"a)", "•"). Every reader here produces exactly that shape, so a policy yields the same
clause tree whichever format the district happened to publish:

* paragraphs and headings are separated by a blank line;
* consecutive items of one list sit on consecutive lines, each starting with its marker
  ("1." ordered, "a)" nested ordered, "•" bullets); nested items are indented;
* inside a paragraph, whitespace (including no-break spaces) is collapsed to one space.

Libraries (the optional extra ``policybot[documents]``, imported only when needed):

* pypdf (BSD-3, pure Python, actively maintained; 7.1 at time of writing): no compiled
  dependency to install on a school IT laptop, and its text visitor gives each text
  run's position, which is what reflowing lines into paragraphs needs.
* python-docx (MIT, 1.2): reads paragraphs and styles; list numbering is not exposed, so
  numPr/numbering.xml is read directly from its XML tree to reproduce "1." / "a)".
* beautifulsoup4 (MIT, 4.15) over the stdlib ``html.parser`` backend: tolerant of the
  broken markup CMS pages are full of, with no lxml build needed.
"""

from __future__ import annotations

import importlib
import io
import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

NESTED_INDENT = "   "  # per nesting level, before a nested list item's marker
BULLET = "•"


class DocumentError(Exception):
    """A policy document that cannot be turned into text, with a message an admin can act on."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(message)


# --------------------------------------------------------------------------- shared output


@dataclass(frozen=True)
class _Block:
    """One output line: a paragraph/heading, or a list item (`item`, with nesting `depth`)."""

    text: str
    item: bool = False
    depth: int = 0
    new_list: bool = False  # first item of a list that follows another list directly


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def _clean(text: str) -> str:
    """Collapse whitespace (str.split also splits on no-break spaces) and drop invisibles."""
    return " ".join(text.translate(_INVISIBLE).split())


def _assemble(blocks: Iterable[_Block]) -> str:
    """Lay blocks out in the shape the parser reads (see module docstring)."""
    out: list[str] = []
    previous_item = False
    for block in blocks:
        text = _clean(block.text)
        if not text:
            continue
        if out and not (block.item and previous_item and not block.new_list):
            out.append("")
        out.append(NESTED_INDENT * block.depth + text if block.item else text)
        previous_item = block.item
    return "\n".join(out) + "\n" if out else ""


def _roman(number: int) -> str:
    pairs = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
             (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in pairs:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _alpha(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (how browsers and Word continue past z)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(97 + rest) + letters
    return letters


def format_number(number: int, style: str) -> str:
    """A list counter in one of: decimal, lower-alpha, upper-alpha, lower-roman, upper-roman."""
    if number < 1 and style != "decimal":
        return str(number)
    return {
        "lower-alpha": lambda: _alpha(number),
        "upper-alpha": lambda: _alpha(number).upper(),
        "lower-roman": lambda: _roman(number),
        "upper-roman": lambda: _roman(number).upper(),
    }.get(style, lambda: str(number))()


def _require(module: str, what: str, path: Path) -> Any:
    """Import an optional reader library, or say which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise DocumentError(
            path,
            f"install policybot[documents] (in the repository: pip install '.[documents]') "
            f"to read {what} files ({path.name} needs the '{module}' package)",
        ) from exc


# --------------------------------------------------------------------------- entry point


def read_document(path: Path | str) -> str:
    """The text of a policy document, in the plain shape bot.parsing expects."""
    path = Path(path)
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        hint = " (save it as .docx or PDF)" if suffix in (".doc", ".rtf", ".odt") else ""
        raise DocumentError(path, f"{path} has an unsupported file type '{suffix or 'none'}'"
                                  f"{hint}; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"could not open {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise DocumentError(path, f"{path}: file is empty")
    text = reader(path, data)
    if not text.strip():
        raise DocumentError(path, f"{path}: file is empty (no text found)")
    return text


# --------------------------------------------------------------------------- plain text


def _read_text(path: Path, data: bytes) -> str:
    """UTF-8 text as published, BOM stripped and line endings unified; nothing else changes,
    so quotes stay byte-exact."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(path, f"{path} looks binary, not text (NUL byte at offset {nul}); "
                                  "is it a PDF or Word file with the wrong extension?",
                            line=data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        controls = sum(b < 9 or 13 < b < 32 for b in data[:4096])
        if controls > 8:
            raise DocumentError(path, f"{path} looks binary, not text", line=line) from exc
        raise DocumentError(path, f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                                  f"line {line}); re-save it as UTF-8", line=line) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- HTML

_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "aside", "form", "button",
              "iframe", "svg", "select", "textarea", "input", "object", "canvas", "head",
              "dialog", "menu")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary", "dialog",
               "menubar", "toolbar"}
_DROP_CLASSES = {"breadcrumb", "breadcrumbs", "skip-link", "skiplink", "sr-only",
                 "visually-hidden", "screen-reader-text", "visuallyhidden"}
_SKIP_LINK = re.compile(r"^\s*(skip|jump) to (the )?(main )?(content|navigation|menu)\b", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "address",
               "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
               "caption", "dl", "dt", "dd", "center", "details", "summary", "fieldset", "hr",
               "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "li"}
_HTML_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman",
               "I": "upper-roman"}
_CSS_TYPES = {"decimal": "decimal", "lower-alpha": "lower-alpha", "lower-latin": "lower-alpha",
              "upper-alpha": "upper-alpha", "upper-latin": "upper-alpha",
              "lower-roman": "lower-roman", "upper-roman": "upper-roman", "none": "none",
              "disc": "bullet", "circle": "bullet", "square": "bullet"}
_NESTED_DEFAULTS = ("decimal", "lower-alpha", "lower-roman")


def _list_style(tag: Any, ordered: bool, depth: int) -> str:
    """Counter style from CSS list-style-type, then the type attribute, then nesting depth."""
    css = re.search(r"list-style(?:-type)?\s*:\s*([a-z-]+)", tag.get("style") or "", re.I)
    if css and css.group(1).lower() in _CSS_TYPES:
        return _CSS_TYPES[css.group(1).lower()]
    if not ordered:
        return "bullet"
    kind = tag.get("type")
    if kind in _HTML_TYPES:
        return _HTML_TYPES[kind]
    return _NESTED_DEFAULTS[min(depth, len(_NESTED_DEFAULTS) - 1)]


def _int_attr(tag: Any, name: str) -> int | None:
    try:
        return int(str(tag.get(name)).strip())
    except (TypeError, ValueError):
        return None


class _HtmlBlocks:
    """Walks the content element once, emitting blocks in document order."""

    def __init__(self, bs4: Any) -> None:
        self.bs4 = bs4
        self.blocks: list[_Block] = []
        self.buffer: list[str] = []
        self.marker: str | None = None  # pending list marker for the current <li>
        self.depth = -1  # current list nesting (-1: not in a list)
        self.list_start = False  # the next item opens a top-level list

    def flush(self) -> None:
        lines = "".join(self.buffer).split("\n")  # "\n" only comes from <br>
        self.buffer = []
        for line in lines:
            text = _clean(line)
            if not text:
                continue
            if self.marker is not None:
                self.blocks.append(_Block(f"{self.marker} {text}", item=True,
                                          depth=max(self.depth, 0), new_list=self.list_start))
                self.marker = None
                self.list_start = False
            else:
                self.blocks.append(_Block(text))

    def walk(self, node: Any) -> None:
        for child in node.children:
            if isinstance(child, self.bs4.NavigableString):
                if type(child) is self.bs4.NavigableString:  # not Comment, Doctype, CData
                    self.buffer.append(str(child))
                continue
            name = child.name
            if name == "br":
                self.buffer.append("\n")
            elif name in ("ol", "ul"):
                self.flush()
                self.list(child, ordered=name == "ol")
            elif name == "pre":
                self.flush()
                self.buffer.append(child.get_text())  # its newlines become lines
                self.flush()
            elif name in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def list(self, tag: Any, ordered: bool) -> None:
        self.depth += 1
        style = _list_style(tag, ordered, self.depth)
        counter = _int_attr(tag, "start") or 1
        suffix = "." if self.depth == 0 else ")"
        self.list_start = self.depth == 0
        for item in tag.find_all("li", recursive=False) or tag.find_all("li"):
            if item.find_parent(("ol", "ul")) is not tag:
                continue  # belongs to a nested list, handled when that list is walked
            counter = _int_attr(item, "value") or counter
            if style == "bullet":
                self.marker = BULLET
            elif style == "none":
                self.marker = None
            else:
                self.marker = format_number(counter, style) + suffix
            self.walk(item)
            self.flush()
            self.marker = None
            counter += 1
        self.depth -= 1


def _strip_chrome(bs4: Any, soup: Any) -> Any:
    """Remove site chrome and return the element holding the policy itself."""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        attrs = tag.attrs or {}
        classes = {c.lower() for c in attrs.get("class", [])} | {str(attrs.get("id", "")).lower()}
        if (
            str(attrs.get("role", "")).lower() in _DROP_ROLES
            or "hidden" in attrs
            or str(attrs.get("aria-hidden", "")).lower() == "true"
            or _HIDDEN_STYLE.search(str(attrs.get("style", "")))
            or classes & _DROP_CLASSES
            or (tag.name == "a" and _SKIP_LINK.match(tag.get_text()))
        ):
            tag.decompose()
    root = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    # Page-level header/footer are chrome; an article's own <header> holds its title.
    for tag in root.find_all(("header", "footer")):
        if not tag.decomposed and tag.find_parent("article") is None:
            tag.decompose()
    return root


def _read_html(path: Path, data: bytes) -> str:
    bs4 = _require("bs4", "HTML", path)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(path, f"{path} looks binary, not an HTML page")
    soup = bs4.BeautifulSoup(data, "html.parser")  # detects charset from BOM / <meta>
    walker = _HtmlBlocks(bs4)
    walker.walk(_strip_chrome(bs4, soup))
    walker.flush()
    # A skip link sometimes survives as plain text (e.g. a <div> rather than an <a>).
    blocks = [b for b in walker.blocks if not _SKIP_LINK.match(b.text)]
    return _assemble(blocks)


# --------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_FORMATS = {"decimal": "decimal", "lowerLetter": "lower-alpha", "upperLetter": "upper-alpha",
                 "lowerRoman": "lower-roman", "upperRoman": "upper-roman",
                 "decimalZero": "decimal", "bullet": "bullet", "none": "none"}


def _wval(element: Any, tag: str) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return None if child is None else child.get(_W + "val")


class _DocxNumbering:
    """Word list numbering: counters per abstract list, as Word shares them across w:num
    instances of one abstractNum unless a startOverride restarts the list."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstract -> lvl -> ...
        self.style_levels: dict[str, tuple[str, int]] = {}  # pStyle -> (abstract, ilvl)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract, overrides)
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.iter(_W + "abstractNum"):
            key = abstract.get(_W + "abstractNumId")
            self.levels[key] = {}
            for lvl in abstract.iter(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                self.levels[key][ilvl] = self._level(lvl)
                if (style := _wval(lvl, "pStyle")) is not None:
                    self.style_levels[style] = (key, ilvl)
        for num in root.iter(_W + "num"):
            overrides: dict[int, int] = {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0"))
                start = _wval(override, "startOverride")
                if start is not None:
                    overrides[ilvl] = int(start)
                if (lvl := override.find(_W + "lvl")) is not None:
                    # A full level redefinition inside the override; keep it per abstract.
                    self.levels.setdefault(f"{num.get(_W + 'numId')}*", {})[ilvl] = self._level(lvl)
            self.nums[num.get(_W + "numId")] = (_wval(num, "abstractNumId") or "", overrides)

    @staticmethod
    def _level(lvl: Any) -> tuple[int, str, str]:
        start = int(_wval(lvl, "start") or 1)
        fmt = _DOCX_FORMATS.get(_wval(lvl, "numFmt") or "decimal", "decimal")
        return start, fmt, _wval(lvl, "lvlText") or ""

    def marker(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter and return this paragraph's marker text."""
        if num_id not in self.nums:
            return None
        abstract, overrides = self.nums[num_id]
        levels = dict(self.levels.get(abstract, {}))
        levels.update(self.levels.get(f"{num_id}*", {}))
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract, [None] * 10)
        if num_id not in self.started:
            self.started.add(num_id)
            for level in overrides:
                counters[level] = None
        start, fmt, text = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = overrides.get(ilvl, start) if current is None else current + 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = None
        if fmt == "bullet":
            return BULLET
        if fmt == "none" or not text:
            return None

        def fill(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lvl_start, lvl_fmt, _ = levels.get(level, (1, "decimal", ""))
            value = counters[level] if counters[level] is not None else lvl_start
            return format_number(value, lvl_fmt if lvl_fmt != "bullet" else "decimal")

        return re.sub(r"%([1-9])", fill, text).strip() or None

    def paragraph_marker(self, paragraph: Any) -> tuple[str | None, int, str | None]:
        """(marker, level, numId) from the paragraph's numPr, else its style chain's."""
        num_id, ilvl = self._num_pr(paragraph._p.pPr)
        style = paragraph.style
        while num_id is None and style is not None:
            num_id, ilvl = self._num_pr(style.element.pPr)
            if num_id is not None and ilvl is None and style.style_id in self.style_levels:
                ilvl = self.style_levels[style.style_id][1]
            style = style.base_style
        if num_id is None or num_id == "0":
            return None, 0, None
        level = ilvl or 0
        return self.marker(num_id, level), level, num_id

    @staticmethod
    def _num_pr(p_pr: Any) -> tuple[str | None, int | None]:
        num_pr = p_pr.find(_W + "numPr") if p_pr is not None else None
        if num_pr is None:
            return None, None
        ilvl = _wval(num_pr, "ilvl")
        return _wval(num_pr, "numId"), int(ilvl) if ilvl is not None else None


def _docx_blocks(container: Any, numbering: _DocxNumbering, table_cls: type) -> Iterator[_Block]:
    previous_list: str | None = None  # numId of the list the previous paragraph belonged to
    for part in container.iter_inner_content():
        if isinstance(part, table_cls):
            seen: set[int] = set()
            for row in part.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat the same cell
                        continue
                    seen.add(id(cell._tc))
                    yield from _docx_blocks(cell, numbering, table_cls)
            continue
        text = part.text.replace("\t", " ")
        if not text.strip():
            continue
        marker, level, num_id = numbering.paragraph_marker(part)
        lines = [line for line in text.split("\n") if line.strip()]  # soft line breaks
        if marker is not None:
            yield _Block(f"{marker} {lines[0]}", item=True, depth=level,
                         new_list=level == 0 and num_id != previous_list)
            lines = lines[1:]
        previous_list = num_id if marker is not None else None
        for line in lines:
            yield _Block(line)


def _read_docx(path: Path, data: bytes) -> str:
    docx = _require("docx", "Word", path)
    table_cls = importlib.import_module("docx.table").Table
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises zip, KeyError, XML errors alike
        raise DocumentError(path, f"could not read Word document {path}: file is damaged "
                                  f"or not a .docx ({type(exc).__name__}: {exc})") from exc
    return _assemble(_docx_blocks(document, _DocxNumbering(document), table_cls))


# --------------------------------------------------------------------------- PDF


@dataclass
class _PdfLine:
    page: int
    x: float
    y: float
    size: float
    bold: bool
    text: str


_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$|^[ivxlc]{1,6}$",
    re.I,
)
_LIST_MARKER = re.compile(
    r"^(?:[•·▪◦●■□➢►✓*\-–]|\(?\d{1,3}[.)]|\(?[A-Za-z][.)]|\(?[ivxlcIVXLC]{1,5}[.)]|\(\w{1,4}\))\s"
)
_GLYPH_BULLET = re.compile(r"^[•·▪◦●■□➢►✓]\s")
_TERMINAL = re.compile(r"[.:;!?]['\"”’)]*$")
_EDGE_LINES = 3  # how many lines at the top and bottom of a page may be running headers
# Bullet glyphs as text extraction reports them: WinAnsi maps its unused codes (0x7F, 0x81,
# 0x8D, 0x8F, 0x90, 0x9D) to a bullet, and Word's Symbol/Wingdings bullets land in the
# private use area.
_PDF_BULLETS = dict.fromkeys(
    map(ord, "\x7f\x81\x8d\x8f\x90\x9d\uf0b7\uf0a7\uf0d8\uf076\uf0fc"), BULLET
)


def _pdf_lines(reader: Any) -> list[list[_PdfLine]]:
    """Text lines per page with baseline positions, from pypdf's text visitor."""
    pages: list[list[_PdfLine]] = []
    for number, page in enumerate(reader.pages):
        chunks: list[tuple[float, float, float, bool, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float,
                  chunks: list[tuple[float, float, float, bool, str]] = chunks) -> None:
            if not text:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0)
            name = str(font.get("/BaseFont", "")) if font else ""
            bold = bool(re.search(r"bold|black|heavy|semibold", name, re.I))
            chunks.append((x, y, size * scale, bold, text))

        page.extract_text(visitor_text=visit)
        pages.append(_merge_chunks(number, chunks))
    return pages


def _merge_chunks(page: int, chunks: list[tuple[float, float, float, bool, str]]) -> list[_PdfLine]:
    """pypdf's own lines, re-joined where two sit on one baseline (a list number and its
    text, a footer's left and right parts), top to bottom."""
    lines: list[_PdfLine] = []
    current: _PdfLine | None = None
    for x, y, size, bold, text in chunks:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if current is None:
                current = _PdfLine(page, x, y, size, bold, "")
            if piece.strip() and not current.text.strip():
                current.x, current.y, current.size, current.bold = x, y, size, bold
            elif piece.strip():
                current.bold = current.bold and bold
            current.text += piece
            if index < len(pieces) - 1:  # a newline ends the line
                if current.text.strip():
                    lines.append(current)
                current = None
    if current is not None and current.text.strip():
        lines.append(current)
    lines.sort(key=lambda line: -line.y)  # single-column reading order
    merged: list[_PdfLine] = []
    for line in lines:
        last = merged[-1] if merged else None
        if last is not None and abs(last.y - line.y) < 0.3 * max(line.size, 1.0):
            left, right = (last, line) if last.x <= line.x else (line, last)
            last.text = f"{left.text.rstrip()} {right.text.lstrip()}"
            last.x, last.bold = left.x, last.bold and line.bold
        else:
            merged.append(line)
    for line in merged:
        line.text = _clean(line.text.translate(_PDF_BULLETS))
    return merged


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


def _is_running_pair(a: _PdfLine, b: _PdfLine) -> bool:
    """The same header/footer on two consecutive pages: equal text at the same height, or
    equal except for numbers that count up by one (the page number)."""
    if abs(a.y - b.y) > 2 or _running_key(a.text) != _running_key(b.text):
        return False
    if a.text == b.text:
        return True
    diffs = [(m, n) for m, n in zip(_numbers(a.text), _numbers(b.text), strict=True) if m != n]
    return all(n == m + 1 for m, n in diffs)


def _drop_running(pages: list[list[_PdfLine]]) -> list[list[_PdfLine]]:
    """Drop running headers/footers and page numbers from each page's edges."""

    def edges(lines: list[_PdfLine]) -> list[_PdfLine]:
        if len(lines) <= 2 * _EDGE_LINES:
            return list(lines)
        return lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]

    running: set[int] = set()
    for this, following in zip(pages, pages[1:], strict=False):
        for a in edges(this):
            for b in edges(following):
                if _is_running_pair(a, b):
                    running.update((id(a), id(b)))
    kept: list[list[_PdfLine]] = []
    for lines in pages:
        edge_ids = {id(line) for line in edges(lines)}
        kept.append([
            line for line in lines
            if id(line) not in running
            and not (id(line) in edge_ids and _PAGE_NUMBER.match(line.text))
        ])
    return kept


def _pitch(pages: list[list[_PdfLine]]) -> float:
    """The usual distance between baselines inside a paragraph."""
    deltas = [
        a.y - b.y
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if 0 < a.y - b.y < 3 * max(a.size, b.size)
    ]
    return statistics.median(deltas) if deltas else 14.0


@dataclass(frozen=True)
class _Layout:
    """Document-wide measures the reflow compares each line against."""

    pitch: float  # usual baseline distance inside a paragraph
    full: int  # characters on a full-width line
    top: float  # highest body baseline on any page


def _starts_block(prev: _PdfLine, line: _PdfLine, block_first: _PdfLine, layout: _Layout) -> bool:
    """Whether `line` begins a new paragraph/item rather than continuing `prev`."""
    if _GLYPH_BULLET.match(line.text):
        return True
    prev_ends = bool(_TERMINAL.search(prev.text))
    pitch, full = layout.pitch, layout.full
    if line.page != prev.page:
        if _LIST_MARKER.match(block_first.text) and line.x > block_first.x + 1:
            return False  # indented to the hanging text of the list item being continued
        # No gap to measure across a page break: a short last line, or a finished sentence
        # followed by a capital, ended the paragraph; otherwise the text runs on.
        return (
            line.y < layout.top - 1.3 * pitch  # the new page starts lower than usual
            or bool(_LIST_MARKER.match(line.text))
            or len(prev.text) < 0.6 * full
            or (prev_ends and line.text[:1].isupper())
        )
    gap = prev.y - line.y
    if gap <= 0 or gap > 1.3 * pitch:
        return True
    if prev.bold != line.bold:
        return True
    hanging = prev is block_first and _LIST_MARKER.match(prev.text) and line.x > prev.x + 1
    if line.x < prev.x - 1 and prev is not block_first:
        return True  # outdent back to the margin: the previous item/paragraph ended
    if line.x > prev.x + 1 and not hanging and prev is not block_first:
        return True  # first-line indent of a new paragraph
    if _LIST_MARKER.match(line.text) and (prev_ends or line.x < prev.x - 1):
        return True
    return prev_ends and len(prev.text) < 0.6 * full and line.text[:1].isupper()


def _join(left: str, right: str) -> str:
    """Re-join a line break: no space after a hyphen that broke a hyphenated word."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].isalpha():
        return left + right
    return f"{left} {right}"


def _reflow(pages: list[list[_PdfLine]]) -> list[_Block]:
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    lengths = sorted(len(line.text) for line in lines)
    layout = _Layout(pitch=_pitch(pages), full=lengths[int(0.9 * (len(lengths) - 1))],
                     top=max(line.y for line in lines))
    blocks: list[_Block] = []

    def close(text: str, first: _PdfLine) -> None:
        # A bold "A. Purpose" is a heading, not a list item, whatever its marker.
        blocks.append(_Block(text, item=bool(_LIST_MARKER.match(text)) and not first.bold))

    text, first, prev = lines[0].text, lines[0], lines[0]
    for line in lines[1:]:
        if _starts_block(prev, line, first, layout):
            close(text, first)
            text, first = line.text, line
        else:
            text = _join(text, line.text)
        prev = line
    close(text, first)
    return blocks


def _damaged(path: Path, exc: BaseException | str) -> DocumentError:
    detail = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return DocumentError(path, f"could not read PDF {path}: file is damaged ({detail})")


def _read_pdf(path: Path, data: bytes) -> str:
    pypdf = _require("pypdf", "PDF", path)
    if b"%PDF-" not in data[:1024]:
        raise _damaged(path, "no %PDF header; is it really a PDF?")
    if b"%%EOF" not in data[-2048:]:
        raise _damaged(path, "it ends before the end-of-file marker; was it cut short?")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(path, f"could not read PDF {path}: it is password-protected; "
                                      "ask for an unprotected copy")
        pages = _pdf_lines(reader)
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files
        if type(exc).__name__ == "DependencyError":
            raise DocumentError(path, f"could not read PDF {path}: it is encrypted and needs "
                                      "the 'cryptography' package") from exc
        raise _damaged(path, exc) from exc
    if not any(pages):
        raise DocumentError(path, f"{path} has no text layer — needs OCR (it looks like a "
                                  "scan; run it through OCR or ask for a text PDF)")
    return _assemble(_reflow(_drop_running(pages)))


_READERS: dict[str, Callable[[Path, bytes], str]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}
