"""The bot core: question -> district-scoped retrieval -> verdict -> cited answer.

`Assistant` is the only object adapters talk to. It holds an in-memory
snapshot of the clause index; answering never touches disk.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bot.answer import Answer, Citation, Comparison, Turn, Verdict
from bot.applicability import Coverage, asks_coverage, coverage, coverage_decision, scope_passage
from bot.citations import citation_for
from bot.crossref import consult_notes
from bot.guidance import compose
from bot.knowledge import District, KnowledgeError, knowledge_dir
from bot.language import Lexicon, load_lexicon, normalise
from bot.modality import read_sentence
from bot.parsing import Clause
from bot.retrieval import DistrictIndex, Hit, Passage, question_features
from bot.store import Snapshot, SQLiteStore, index_path
from bot.topic import TopicCheck, classify_topic
from bot.verdict import (
    ACT_CONCEPTS,
    Situation,
    askers_concepts,
    decide,
    extended_rule,
    same_limit,
)

MAX_QUESTION_CHARS = 2000
MIN_SCORE = 1.0
CITATIONS = 4
# What every district's policy expects of staff online whatever the case: professional
# boundaries with students. Used to say "what still applies" when a rule does not reach.
EXPECTATIONS_QUERY = (
    "staff should maintain professional appropriate boundaries relationship with students "
    "mindful how they present themselves online role model"
)
EXAMPLES = [
    "can I text my team captain?",
    "may I accept a former student's friend request?",
    "ok to post a pic of my class on insta?",
]


class UnknownDistrict(LookupError):
    def __init__(self, district_id: str, valid_ids: list[str]) -> None:
        self.district_id = district_id
        self.valid_ids = valid_ids
        super().__init__(f"unknown district '{district_id}'. Valid ids: {', '.join(valid_ids)}")


@dataclass
class _Ranked:
    hits: list[Hit]
    situation: Situation


class Assistant:
    def __init__(self, snapshot: Snapshot, lexicon: Lexicon | None = None) -> None:
        self.snapshot = snapshot
        self.lexicon = lexicon or load_lexicon()
        self._indexes: dict[str, DistrictIndex] = {}
        for district_id, clauses in snapshot.clauses.items():
            sources = {p: text for (d, p), text in snapshot.sources.items() if d == district_id}
            district = snapshot.districts[district_id]
            self._indexes[district_id] = DistrictIndex(
                clauses, sources, self.lexicon, prior=_rule_prior,
                own_names=(district.name, district.short_name, *district.aliases),
            )
        self._clauses = {c.id: c for cs in snapshot.clauses.values() for c in cs}
        # Each district's sentence on whom its policy applies to.
        self._scopes = {d: scope_passage(index.passages) for d, index in self._indexes.items()}
        self._expectations: dict[str, Citation | None] = {}

    # --- construction ------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        knowledge: str | Path | None = None,
        index: str | Path | None = None,
        rebuild: bool = False,
    ) -> Assistant:
        """Open the index, building or refreshing it when the policy files changed.

        A failed refresh keeps the previous index serving (with a warning); with no
        previous index the KnowledgeError propagates to the caller.
        """
        root = knowledge_dir(knowledge)
        store = SQLiteStore(index_path(root, index))
        try:
            if rebuild or not store.is_current(root):
                store.rebuild(root)
        except KnowledgeError as exc:
            # Serve the previous index only if it was built from this same folder: an index
            # of some other knowledge folder would answer for the wrong policies.
            if store.stored_fingerprint() is None or store.stored_knowledge() != str(root):
                raise
            print(f"policybot: warning: {exc}; serving the previous index", file=sys.stderr)
        return cls(store.load())

    # --- districts ---------------------------------------------------------------------------
    def districts(self) -> list[District]:
        return sorted(self.snapshot.districts.values(), key=lambda d: d.id)

    def district(self, district_id: str) -> District:
        key = (district_id or "").strip().lower()
        if key in self.snapshot.districts:
            return self.snapshot.districts[key]
        raise UnknownDistrict(district_id, sorted(self.snapshot.districts))

    def mentioned_district(self, question: str) -> str | None:
        """A district the question names ("in Milton, can I…"), by id, name or alias."""
        text = normalise(question)
        for district in self.districts():
            names = {district.id, district.short_name.lower(), *district.aliases}
            for name in sorted(names, key=len, reverse=True):
                if len(name) >= 4 and re.search(
                    rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", text
                ):
                    return district.id
        return None

    def clause(self, clause_id: str) -> Clause | None:
        return self._clauses.get(clause_id)

    def source_text(self, clause: Clause) -> str:
        return self.snapshot.source_text(clause)

    # --- answering ---------------------------------------------------------------------------
    def help_answer(self, district_id: str | None = None, summary: str | None = None) -> Answer:
        district = self.snapshot.districts.get(district_id or "")
        name = district.name if district else ""
        return Answer(
            question="",
            district=district.id if district else "",
            district_name=name,
            verdict=Verdict.OFF_TOPIC,
            summary=summary
            or (
                "Hi! I answer questions about your district's staff social-media policy: "
                "friending or following students, texting and messaging, posting photos, "
                "personal accounts, the school logo, and using social media at work."
            ),
            contacts=list(district.contacts) if district else [],
            examples=list(EXAMPLES),
        )

    def ask(self, question: str, district_id: str, previous: Turn | None = None) -> Answer:
        began = time.perf_counter()
        district = self.district(district_id)
        text = (question or "").strip()
        check = self._screen(text)
        if check is not None:
            answer = self.help_answer(district.id, summary=check)
            answer.question = text[:MAX_QUESTION_CHARS]
            answer.latency_ms = (time.perf_counter() - began) * 1000
            return answer

        query = text
        if previous and previous.question and _is_follow_up(text):
            query = f"{previous.question} {text}"
        topic = classify_topic(query, self.lexicon)
        about_coverage = asks_coverage(query)
        if topic is not TopicCheck.POLICY and not about_coverage:
            answer = self.help_answer(
                district.id,
                summary=None if topic is TopicCheck.GREETING else (
                    "That doesn't look like a question about the staff social-media policy, so I "
                    "won't guess. Here is what I can help with."
                ),
            )
            answer.question = text
            answer.latency_ms = (time.perf_counter() - began) * 1000
            return answer

        ranked = self._rank(query, text, district.id)
        concepts = askers_concepts(query, partial(self.lexicon.concepts, question=True))
        covers = self._coverage(query, district.id) if about_coverage else None
        decision = (covers and coverage_decision(covers, bool(concepts & ACT_CONCEPTS))) or decide(
            ranked.hits, ranked.situation, text, concepts, self.lexicon.concepts, MIN_SCORE)
        citations = self._citations(decision.governing, ranked.hits, district,
                                    same_limit(decision, ranked.hits, ranked.situation, text))
        if covers and covers.covered and citations and citations[0].quote != covers.passage.quote:
            # "Am I even covered? …and can I…": the rule on the act, then the scope sentence.
            citations = [c for c in citations if c.quote != covers.passage.quote]
            citations.insert(1, self._citation(Hit(covers.passage, 0.0), district))
            del citations[CITATIONS:]
        still = None
        if decision.verdict == Verdict.NOT_ADDRESSED and not (decision.gap and
                                                              decision.gap.of_policy):
            still = self._still_applies(district)  # …of staff: not for those it does not cover
        if not citations and still is not None:
            # No clause shares a word with the question: the general expectation is the nearest
            # clause, so the answer still quotes policy text rather than nothing.
            citations, still = [still], None
        answer = compose(text, district, decision, citations, ranked.situation, still,
                         concepts, self.lexicon.concepts)
        answer.notes += self._cross_references(citations, ranked.hits, district)
        answer.latency_ms = (time.perf_counter() - began) * 1000
        return answer

    def compare(self, question: str, district_ids: list[str] | None = None) -> Comparison:
        ids = district_ids or [d.id for d in self.districts()]
        return Comparison(question, [self.ask(question, d) for d in ids])

    # --- internals ---------------------------------------------------------------------------
    @staticmethod
    def _screen(text: str) -> str | None:
        if not text:
            return "Ask me a question about your district's social-media policy."
        if len(text) > MAX_QUESTION_CHARS:
            return (
                f"That question is {len(text):,} characters long; I work best with a sentence "
                "or two describing the situation. Please shorten it and ask again."
            )
        if not re.search(r"[A-Za-z]{2,}", text):
            return "I need a few words describing the situation to find the right policy clause."
        return None

    def _rank(self, query: str, question: str, district_id: str) -> _Ranked:
        features = question_features(query, self.lexicon)
        hits = self._indexes[district_id].search(features, limit=40)
        return _Ranked(hits, Situation.of(question))

    def _coverage(self, question: str, district_id: str) -> Coverage | None:
        """ "Does this policy apply to me?" is answered by the policy's scope sentence (the
        caller has checked that the question asks it)."""
        scope = self._scopes[district_id]
        if scope is None:
            return None
        return coverage(question, scope)

    def _still_applies(self, district: District) -> Citation | None:
        """The district's general expectation for staff conduct online, for answers where the
        policy is silent on the exact case: what still binds the asker."""
        if district.id not in self._expectations:
            features = question_features(EXPECTATIONS_QUERY, self.lexicon)
            hits = self._indexes[district.id].search(features, limit=1)
            self._expectations[district.id] = self._citation(hits[0], district) if hits else None
        return self._expectations[district.id]

    def _cross_references(
        self, citations: list[Citation], hits: list[Hit], district: District
    ) -> list[str]:
        """Policies the cited clauses point to ("cf. 4118.24 …"), and close-ranked reference
        lines: follow them when indexed, otherwise say which policy to consult."""
        texts = [self._clauses[c.clause_id].text for c in citations]
        texts += [h.passage.clause.text for h in hits[:6] if h.passage.clause.kind == "reference"]
        return consult_notes(texts, district, [c.policy for c in citations])

    def _citations(
        self, governing: Hit | None, hits: list[Hit], district: District,
        beside: Sequence[Hit] = (),
    ) -> list[Citation]:
        """The governing sentence first, then the rules to show beside it (`beside`), then
        the rest in rank order."""
        first = ([governing] if governing is not None else []) + list(beside)
        ordered = first + [h for h in hits if not any(h is f for f in first)]
        # A sentence that extends another rule ("the provisions in #5 apply to … as well")
        # is quoted with the rule it extends.
        extended = extended_rule(governing) if governing is not None else ""
        if extended:
            passage = next(
                (
                    p
                    for p in self._indexes[district.id].passages
                    if p.clause is governing.passage.clause and p.text == extended
                ),
                None,
            )
            if passage is not None:
                ordered.insert(1, Hit(passage, governing.score))
        out: list[Citation] = []
        for hit in ordered:
            # Joined quotes repeat: a window of sentences already quoted adds nothing.
            if not any(hit.passage.quote in c.quote for c in out):
                out.append(self._citation(hit, district))
            if len(out) == CITATIONS:
                break
        return out

    def _citation(self, hit: Hit, district: District) -> Citation:
        clause = hit.passage.clause
        policy = next(p for p in district.policies if p.number == clause.policy)
        section, human = citation_for(clause, policy)
        return Citation(
            district=district.id,
            district_name=district.name,
            policy=policy.number,
            title=policy.title,
            section=section,
            clause_id=clause.id,
            quote=hit.passage.quote,
            citation=human,
            date=policy.date_label,
            lead_in=clause.lead_in,
        )


RULE_PRIOR = 1.25


def _rule_prior(passage: Passage) -> float:
    """Sentences that state a rule answer "can I…?" more often than ones that explain."""
    reading = read_sentence(passage.text, passage.clause.lead_in)
    return RULE_PRIOR if reading.modality != "none" else 1.0


_FOLLOW_UP = re.compile(
    r"^(?:and|but|what about|how about|what if|and if|if|or|same|also|ok and|what about if|"
    r"even if|even|does that|is that|does it|would that|then)\b",
    re.I,
)


def _is_follow_up(text: str) -> bool:
    return bool(_FOLLOW_UP.match(text.strip())) or len(text.split()) <= 5
