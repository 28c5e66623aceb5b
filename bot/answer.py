"""The platform-neutral answer: what every adapter renders and every test inspects.

Adapters (CLI, Slack, Teams) receive only these objects; none of them ranks
clauses or decides a verdict.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Verdict(StrEnum):
    PROHIBITED = "prohibited"
    ALLOWED = "allowed"
    CONDITIONAL = "conditional"
    DISCOURAGED = "discouraged"
    NOT_ADDRESSED = "not_addressed"
    OFF_TOPIC = "off_topic"


VERDICT_LABELS: dict[Verdict, str] = {
    Verdict.PROHIBITED: "Not allowed",
    Verdict.ALLOWED: "Allowed",
    Verdict.CONDITIONAL: "Allowed only with conditions",
    Verdict.DISCOURAGED: "Discouraged",
    Verdict.NOT_ADDRESSED: "The policy doesn't say",
    Verdict.OFF_TOPIC: "Not a policy question",
}


@dataclass(frozen=True)
class Citation:
    """One quoted clause. `quote` is always an exact substring of the source text."""

    district: str
    district_name: str
    policy: str
    title: str
    section: str
    clause_id: str
    quote: str
    citation: str
    date: str = ""
    lead_in: str = ""


@dataclass(frozen=True)
class Turn:
    """The previous exchange in a thread, so a follow-up resolves against its topic."""

    question: str
    district: str = ""
    verdict: str = ""


@dataclass
class Answer:
    question: str
    district: str
    district_name: str
    verdict: Verdict
    summary: str
    citations: list[Citation] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    latency_ms: float = 0.0

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]

    @property
    def question_id(self) -> str:
        """A stable, non-reversible id for feedback, so the question text need not be stored."""
        digest = hashlib.sha256(f"{self.district}\n{self.question}".encode()).hexdigest()
        return digest[:16]

    def as_turn(self) -> Turn:
        return Turn(question=self.question, district=self.district, verdict=str(self.verdict))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["verdict"] = str(self.verdict)
        data["verdict_label"] = self.verdict_label
        data["question_id"] = self.question_id
        data["latency_ms"] = round(self.latency_ms, 3)
        return data


@dataclass
class Comparison:
    """One question answered for several districts, side by side."""

    question: str
    answers: list[Answer]

    def to_dict(self) -> dict:
        return {"question": self.question, "answers": [a.to_dict() for a in self.answers]}
