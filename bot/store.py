"""The clause index: parsed policies persisted in one SQLite file.

Rebuilding writes a new file beside the old one and swaps it in with
`os.replace`, so a reader always sees a complete index and a failed build
(malformed policy, unreadable file) leaves the previous index serving.
Files whose content hash is unchanged are copied from the previous index
instead of being parsed again.

`ClauseStore` is the seam for a shared PostgreSQL store serving several
bot replicas; `SQLiteStore` is the embedded default.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from bot.knowledge import District, KnowledgeError, PolicyInfo, fingerprint, load_districts
from bot.parsing import Clause, parse_policy

SCHEMA_VERSION = "3"


def _code_version() -> str:
    """Parser changes must invalidate old indexes as surely as policy edits do."""
    digest = hashlib.sha256(SCHEMA_VERSION.encode())
    for module in ("parsing.py", "knowledge.py", "documents.py"):
        path = Path(__file__).with_name(module)
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE districts (id TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE sources (
    district TEXT NOT NULL, policy TEXT NOT NULL, file TEXT NOT NULL,
    sha256 TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (district, policy)
);
CREATE TABLE clauses (
    id TEXT PRIMARY KEY, district TEXT NOT NULL, policy TEXT NOT NULL, data TEXT NOT NULL,
    ord INTEGER NOT NULL
);
CREATE INDEX clauses_by_district ON clauses(district, ord);
"""


@dataclass
class Snapshot:
    """Everything answering needs, loaded into memory once."""

    fingerprint: str
    districts: dict[str, District]
    sources: dict[tuple[str, str], str]  # (district, policy number) -> text
    clauses: dict[str, list[Clause]]  # district -> clauses in document order
    built_at: float = 0.0

    def source_text(self, clause: Clause) -> str:
        return self.sources[(clause.district, clause.policy)]


@dataclass
class BuildReport:
    path: Path
    districts: int
    policies: int
    clauses: int
    parsed_files: list[str] = field(default_factory=list)
    reused_files: list[str] = field(default_factory=list)
    seconds: float = 0.0


class ClauseStore(Protocol):
    def load(self) -> Snapshot: ...
    def rebuild(self, knowledge_root: Path) -> BuildReport: ...
    def stored_knowledge(self) -> str | None: ...
    def is_current(self, knowledge_root: Path) -> bool: ...


def index_path(knowledge_root: Path, index: str | Path | None = None) -> Path:
    """The index file: the one asked for (--index), else $POLICYBOT_INDEX, else a cache file
    per knowledge folder."""
    if index:
        return Path(index)
    explicit = os.environ.get("POLICYBOT_INDEX")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "policybot"
    tag = hashlib.sha256(str(knowledge_root.resolve()).encode()).hexdigest()[:12]
    return base / f"index-{tag}.sqlite"


def read_policy_source(path: Path) -> str:
    """Policy text from any supported document, so a bad file always surfaces as a
    KnowledgeError naming it (and the line, for text files)."""
    from bot.documents import DocumentError, read_document

    try:
        return read_document(path)
    except DocumentError as exc:
        raise KnowledgeError(path, str(exc), exc.line) from exc

def _district_json(district: District) -> str:
    data = asdict(district)
    data["folder"] = str(district.folder)
    return json.dumps(data)


def _district_from_json(raw: str) -> District:
    data = json.loads(raw)
    return District(
        id=data["id"],
        name=data["name"],
        short_name=data["short_name"],
        state=data["state"],
        folder=Path(data["folder"]),
        aliases=tuple(data["aliases"]),
        contacts=tuple(data["contacts"]),
        policies=tuple(PolicyInfo(**p) for p in data["policies"]),
    )


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    # --- reading -----------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)

    def stored_fingerprint(self) -> str | None:
        if not self.path.is_file():
            return None
        try:
            with self._connect() as db:
                row = db.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
                version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError:
            return None
        if not version or version[0] != SCHEMA_VERSION:
            return None
        return row[0] if row else None

    def stored_knowledge(self) -> str | None:
        """The knowledge folder the stored index was built from."""
        try:
            with self._connect() as db:
                row = db.execute("SELECT value FROM meta WHERE key='knowledge'").fetchone()
        except sqlite3.DatabaseError:
            return None
        return row[0] if row else None

    def is_current(self, knowledge_root: Path) -> bool:
        return self.stored_fingerprint() == self._fingerprint(load_districts(knowledge_root))

    @staticmethod
    def _fingerprint(districts: list[District]) -> str:
        return f"{_code_version()}:{fingerprint(districts)}"

    def load(self) -> Snapshot:
        with self._connect() as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            districts = {
                row[0]: _district_from_json(row[1])
                for row in db.execute("SELECT id, data FROM districts")
            }
            sources = {
                (d, p): text
                for d, p, text in db.execute("SELECT district, policy, text FROM sources")
            }
            clauses: dict[str, list[Clause]] = {d: [] for d in districts}
            for district, raw in db.execute("SELECT district, data FROM clauses ORDER BY ord"):
                data = json.loads(raw)
                data["sentences"] = [tuple(s) for s in data["sentences"]]
                clauses[district].append(Clause(**data))
        return Snapshot(
            meta.get("fingerprint", ""), districts, sources, clauses, float(meta.get("built_at", 0))
        )

    def _previous_files(self) -> dict[str, tuple[str, str, list[Clause]]]:
        """sha256 -> (policy, text, clauses) of the current index, for incremental rebuilds."""
        stored = self.stored_fingerprint()
        if stored is None or not stored.startswith(_code_version()):
            return {}
        snapshot = self.load()
        with self._connect() as db:
            hashes = {
                (d, p): h for d, p, h in db.execute("SELECT district, policy, sha256 FROM sources")
            }
        previous: dict[str, tuple[str, str, list[Clause]]] = {}
        for (district, policy), text in snapshot.sources.items():
            key = f"{district}\n{policy}\n{hashes[(district, policy)]}"
            previous[key] = (
                policy,
                text,
                [c for c in snapshot.clauses.get(district, []) if c.policy == policy],
            )
        return previous

    # --- writing -----------------------------------------------------------------------------
    def rebuild(self, knowledge_root: Path) -> BuildReport:
        """Parse every policy and atomically replace the index. Raises KnowledgeError."""
        began = time.perf_counter()
        districts = load_districts(knowledge_root)
        stamp = self._fingerprint(districts)
        previous = self._previous_files()
        report = BuildReport(self.path, len(districts), 0, 0)
        rows_sources, rows_clauses = [], []
        order = 0
        for district in districts:
            for policy in district.policies:
                path = district.folder / policy.file
                raw = path.read_bytes()
                digest = hashlib.sha256(
                    raw + policy.number.encode() + policy.slug.encode()
                ).hexdigest()
                cached = previous.get(f"{district.id}\n{policy.number}\n{digest}")
                if cached:
                    text, clauses = cached[1], cached[2]
                    report.reused_files.append(str(path))
                else:
                    text = read_policy_source(path)
                    clauses = parse_policy(text, district.id, policy)
                    if not any(c.sentences for c in clauses):
                        raise KnowledgeError(path, "no policy text found after parsing")
                    report.parsed_files.append(str(path))
                report.policies += 1
                rows_sources.append((district.id, policy.number, policy.file, digest, text))
                for clause in clauses:
                    clause.order = order
                    order += 1
                    rows_clauses.append(
                        (
                            clause.id,
                            district.id,
                            policy.number,
                            json.dumps(asdict(clause)),
                            clause.order,
                        )
                    )
        report.clauses = len(rows_clauses)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        try:
            with sqlite3.connect(tmp_name) as db:
                db.executescript(_SCHEMA)
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [
                        ("fingerprint", stamp),
                        ("schema", SCHEMA_VERSION),
                        ("built_at", str(time.time())),
                        ("knowledge", str(knowledge_root)),
                    ],
                )
                db.executemany(
                    "INSERT INTO districts VALUES (?, ?)",
                    [(d.id, _district_json(d)) for d in districts],
                )
                db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?)", rows_sources)
                db.executemany("INSERT INTO clauses VALUES (?, ?, ?, ?, ?)", rows_clauses)
            db.close()
            os.replace(tmp_name, self.path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        report.seconds = time.perf_counter() - began
        return report
