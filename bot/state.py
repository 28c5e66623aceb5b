"""What users tell the assistant: district choices and feedback clicks.

Kept apart from the clause index because it is written at run time by many
users, while the index is rebuilt from policy files. SQLite by default; the
small `StateStore` surface is what a PostgreSQL backend would implement.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS district_choice (
    scope TEXT NOT NULL,          -- 'user' or 'workspace'
    key TEXT NOT NULL,            -- platform-qualified id, e.g. 'slack:T123:U456'
    district TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    platform TEXT NOT NULL,
    question_id TEXT NOT NULL,
    district TEXT NOT NULL,
    verdict TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    user_hash TEXT NOT NULL,
    question TEXT,                -- only when the operator enables POLICYBOT_STORE_QUESTIONS
    created_at REAL NOT NULL
);
"""


def default_state_path() -> Path:
    explicit = os.environ.get("POLICYBOT_STATE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "policybot" / "state.sqlite"


def hash_user(platform: str, user_id: str, salt: str) -> str:
    """Feedback is attributable to a stable pseudonym, never to a raw user id."""
    return hashlib.sha256(f"{salt}:{platform}:{user_id}".encode()).hexdigest()[:24]


TRUE_VALUES = frozenset({"1", "true", "yes", "on"})


def store_question_text() -> bool:
    return os.environ.get("POLICYBOT_STORE_QUESTIONS", "").strip().lower() in TRUE_VALUES


class StateStore:
    """Thread-safe SQLite store; one connection guarded by a lock is plenty for chat traffic."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_state_path()
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self.salt = os.environ.get("POLICYBOT_USER_SALT") or self._installation_salt()

    def _installation_salt(self) -> str:
        """A random salt made once per state store: a public default salt would let anyone
        with a workspace's user ids reverse the pseudonyms."""
        with self._lock, self._db:
            self._db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('salt', ?)",
                             (secrets.token_hex(16),))
            return self._db.execute("SELECT value FROM meta WHERE key='salt'").fetchone()[0]

    def user_hash(self, platform: str, user_id: str) -> str:
        return hash_user(platform, user_id, self.salt)

    def set_district(self, scope: str, key: str, district: str) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO district_choice(scope, key, district, updated_at) VALUES (?,?,?,?)"
                " ON CONFLICT(scope, key) DO UPDATE SET district=excluded.district,"
                " updated_at=excluded.updated_at",
                (scope, key, district, time.time()),
            )

    def get_district(self, scope: str, key: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT district FROM district_choice WHERE scope=? AND key=?", (scope, key)
            ).fetchone()
        return row[0] if row else None

    def record_feedback(
        self,
        *,
        platform: str,
        question_id: str,
        district: str,
        verdict: str,
        helpful: bool,
        user_hash: str,
        question: str | None = None,
    ) -> None:
        kept_question = question if (question and store_question_text()) else None
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO feedback(platform, question_id, district, verdict, helpful,"
                " user_hash, question, created_at) VALUES (?,?,?,?,?,?,?,?)",
                (
                    platform,
                    question_id,
                    district,
                    verdict,
                    int(helpful),
                    user_hash,
                    kept_question,
                    time.time(),
                ),
            )

    def feedback(self) -> list[dict]:
        with self._lock:
            cur = self._db.execute(
                "SELECT platform, question_id, district, verdict, helpful, user_hash, question,"
                " created_at FROM feedback ORDER BY id"
            )
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def close(self) -> None:
        with self._lock:
            self._db.close()
