"""Find the policy sentences that answer a question, always within one district.

Ranking is BM25 over *sentences*, each represented by its own words and
lexicon concepts plus, at lower weight, its clause's other sentences, the
list lead-in it belongs to and its section heading (a BM25F-style field
weighting). We implement BM25 here instead of using rank-bm25: that package
has had no release since 2022 and scores only integer term counts, while
field weighting and concept tokens need fractional ones; the formula is
twenty lines (see `BM25.score`). Measured on the shared dev set, see README.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.language import Lexicon, features, normalise
from bot.modality import PROHIBIT
from bot.parsing import NOT_RULES, Clause

# Field weights: how much a sentence's surroundings speak for it.
OWN, LEAD_IN, HEADING, CONTEXT = 1.0, 0.5, 0.35, 0.25
# Clause kinds that are rarely the answer itself.
KIND_PRIOR = {"paragraph": 1.0, "item": 1.0, "reference": 0.4}
# Very short sentences ("Protect identity.", "Exceptions.") would win on length normalisation
# alone; below this many tokens a sentence is scored as if it had this many.
MIN_LENGTH = 8.0
# Weight of a broader concept searched for one the district's policy never names, per step.
BACKOFF = 0.5


@dataclass(frozen=True)
class Passage:
    """One sentence of one clause: the unit that is ranked and quoted."""

    clause: Clause
    index: int  # sentence number inside the clause
    start: int
    end: int
    text: str
    quote: str  # what is quoted: the sentence, plus a neighbour it points back to or from
    concepts: frozenset[str] = frozenset()  # lexicon concepts of the quote and its lead-in
    # …of the sentence alone: a neighbour quoted with it ("It should be noted that … the
    # Public Records Law") does not make the sentence about the neighbour's subject.
    own_concepts: frozenset[str] = frozenset()

    @property
    def sentence_concepts(self) -> frozenset[str]:
        """What the sentence itself is about; the quote's concepts when the sentence alone
        names none."""
        return self.own_concepts or self.concepts


@dataclass
class Hit:
    passage: Passage
    score: float


class BM25:
    def __init__(
        self, docs: list[Counter[str]], lengths: list[float], k1: float = 1.2, b: float = 0.5
    ) -> None:
        self.docs = docs
        self.lengths = lengths
        self.k1, self.b = k1, b
        self.avg = sum(lengths) / max(len(lengths), 1)
        df: Counter[str] = Counter()
        for doc in docs:
            df.update(doc.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def score(self, query: Counter[str], i: int) -> float:
        doc, total = self.docs[i], 0.0
        norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
        for term, qweight in query.items():
            tf = doc.get(term)
            if not tf:
                continue
            total += qweight * self.idf[term] * tf * (self.k1 + 1) / (tf + norm)
        return total


class DistrictIndex:
    """Sentence index for one district's policies."""

    def __init__(
        self,
        clauses: list[Clause],
        sources: dict[str, str],
        lexicon: Lexicon,
        prior: Callable[[Passage], float] | None = None,
        own_names: tuple[str, ...] = (),
    ) -> None:
        self.lexicon = lexicon
        generic = _as_the_district(own_names)
        self.passages: list[Passage] = []
        docs: list[Counter[str]] = []
        lengths: list[float] = []
        for clause in clauses:
            if clause.kind in NOT_RULES or not clause.sentences:
                continue
            source = sources[clause.policy]
            sentence_feats = [
                features(generic(source[s:e]), lexicon) for s, e in clause.sentences
            ]
            shared: Counter[str] = Counter()
            shared.update(_scaled(features(generic(clause.lead_in), lexicon), LEAD_IN))
            shared.update(_scaled(features(generic(clause.section_title), lexicon), HEADING))
            for i, (s, e) in enumerate(clause.sentences):
                doc = _scaled(sentence_feats[i], OWN)
                doc.update(shared)
                for j, other in enumerate(sentence_feats):
                    if j != i:
                        doc.update(_scaled(other, CONTEXT / max(1, abs(i - j))))
                quote = quote_span(source, clause.sentences, i)
                quote_text = source[quote[0] : quote[1]]
                concepts = frozenset(lexicon.concepts(generic(f"{clause.lead_in} {quote_text}")))
                own = concepts
                if quote != (s, e):
                    own = frozenset(
                        lexicon.concepts(generic(f"{clause.lead_in} {source[s:e]}")))
                self.passages.append(
                    Passage(clause, i, s, e, source[s:e], quote_text, concepts, own))
                docs.append(doc)
                lengths.append(max(MIN_LENGTH, sum(sentence_feats[i].values())))
        self.bm25 = BM25(docs, lengths)
        self.priors = [
            KIND_PRIOR.get(p.clause.kind, 1.0) * (prior(p) if prior else 1.0) for p in self.passages
        ]

    def search(self, question_features: Counter[str], limit: int = 8) -> list[Hit]:
        question_features = self._backed_off(question_features)
        hits = []
        for i, passage in enumerate(self.passages):
            score = self.bm25.score(question_features, i)
            if score <= 0:
                continue
            hits.append(Hit(passage, score * self.priors[i]))
        hits.sort(key=lambda h: (-h.score, h.passage.clause.order, h.passage.index))
        return hits[:limit]

    def _backed_off(self, question: Counter[str]) -> Counter[str]:
        """A concept this district's policy never names is searched as the broader one it
        does name: Connecticut's text has no friending rule, but a friend request is still
        a communication with a student, which it does cover."""
        out = Counter(question)
        pending = [(t[1:], w) for t, w in question.items() if t.startswith("#")]
        seen: set[str] = set()
        while pending:
            name, weight = pending.pop()
            if f"#{name}" in self.bm25.idf or name in seen:
                continue
            seen.add(name)
            for wider in self.lexicon.broader.get(name, ()):
                if f"#{wider}" not in question:
                    out[f"#{wider}"] += weight * BACKOFF
                    pending.append((wider, weight * BACKOFF))
        return out


def _as_the_district(names: tuple[str, ...]) -> Callable[[str], str]:
    """Policies call their district by name ("Middletown computers", "Marlborough Public
    Schools employees"); the lexicon knows "district computers". Reading the name as "the
    district" lets one district-neutral lexicon serve every district. "non-Middletown
    devices" are the opposite of district devices and keep their name."""
    if not names:
        return lambda text: text
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?<!non )(?:{alternatives})\b", re.I)
    return lambda text: pattern.sub("district", text)


MAX_QUOTE = 600
LABEL_CHARS = 32
# A sentence that opens by pointing back ("Such use…", "This prohibition…") completes
# the one before it.
_REFERS_BACK = re.compile(
    r"^\W*(?:such\b|this (?:prohibition|policy|law|use|provision)|these (?:actions|restrictions)|"
    r"those restrictions|in such|the above\b|employees must seek approval|it should be noted|"
    r"as one consequence|in essence|as such\b|by way of example|\(for example\b|this would include|"
    # "Communications include, but are not limited to…": defines a word of the sentence before.
    r"[a-z]+(?: [a-z]+)? (?:include|includes|may include|shall include)\b)",
    re.I,
)


_NAMES_A_PROHIBITION = re.compile(r"^\W*(?:this|that|these) (?:prohibitions?|restrictions?)\b",
                                  re.I)
# Words inside a sentence that only make sense with the sentence before it.
_POINTS_BACK = re.compile(r"\b(?:these categories|such educational|such account|such requests)\b",
                          re.I)


def quote_span(source: str, spans: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """The sentence, joined with a neighbour that it refers to or that refers to it.

    "Employees must seek approval … for such use." means nothing alone, and neither
    does the rule it completes; quoting both keeps the quote self-contained.
    """
    start, end = spans[i]
    # A bullet's opening label ("Maintain confidentiality.") belongs with its first rule.
    if i == 0 and len(spans) > 1 and end - start <= LABEL_CHARS:
        end = spans[1][1]
    if i == 1 and spans[0][1] - spans[0][0] <= LABEL_CHARS:
        start = spans[0][0]
    points_back = _REFERS_BACK.match(source[start:end]) or _POINTS_BACK.search(source[start:end])
    if i > 0 and points_back and end - spans[i - 1][0] <= MAX_QUOTE:
        start = spans[i - 1][0]
        # "This prohibition extends to texting" after a permission: the prohibition it
        # extends (and whom it covers) is the sentence before that.
        if (
            i > 1
            and _NAMES_A_PROHIBITION.match(source[spans[i][0] : end])
            and not PROHIBIT.search(normalise(source[start : spans[i - 1][1]]))
            and PROHIBIT.search(normalise(source[spans[i - 2][0] : spans[i - 2][1]]))
            and end - spans[i - 2][0] <= MAX_QUOTE
        ):
            start = spans[i - 2][0]
    if i + 1 < len(spans):
        nxt = spans[i + 1]
        # "…is permitted. This prohibition extends … to texting": the prohibition it extends
        # is not the permission before it.
        extends_another = _NAMES_A_PROHIBITION.match(source[nxt[0] : nxt[1]]) and not (
            PROHIBIT.search(normalise(source[spans[i][0] : spans[i][1]]))
        )
        if (
            _REFERS_BACK.match(source[nxt[0] : nxt[1]])
            and not extends_another
            and nxt[1] - start <= MAX_QUOTE
        ):
            end = nxt[1]
    return start, end


def _scaled(bag: Counter[str], weight: float) -> Counter[str]:
    return Counter({k: v * weight for k, v in bag.items()})


def question_features(question: str, lexicon: Lexicon) -> Counter[str]:
    return features(question, lexicon, question=True)
