"""Text normalisation shared by retrieval and verdicts: tokens, stems and lexicon concepts.

Questions and policy sentences go through the same functions, so "IG",
"insta" and "Instagram" all become the concept token `#social` on both sides.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-", "—": "-", "*": " "}
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "will",
        "would",
        "ok",
        "okay",
        "okk",
        "allowed",
        "allow",
        "alright",
        "fine",
        "cool",
        "just",
        "really",
        "even",
        "also",
        "still",
        "like",
        "about",
        "any",
        "some",
        "all",
        "no",
        "not",
        "so",
        "too",
        "very",
        "than",
        "then",
        "into",
        "out",
        "up",
        "over",
        "under",
        "again",
        "further",
        "once",
        "only",
        "own",
        "same",
        "other",
        "such",
        "each",
        "few",
        "more",
        "most",
        "both",
        "either",
        "neither",
        "get",
        "got",
        "gonna",
        "wanna",
        "want",
        "wants",
        "need",
        "needs",
        "needed",
        "let",
        "lets",
        "let's",
        "im",
        "i'm",
        "ive",
        "i've",
        "id",
        "i'd",
        "it's",
        "thats",
        "that's",
        "dont",
        "don't",
        "doesnt",
        "doesn't",
        "isnt",
        "isn't",
        "cant",
        "can't",
        "wont",
        "won't",
        "whats",
        "what's",
        "hey",
        "hi",
        "pls",
        "please",
        "thanks",
        "thank",
        "yes",
        "yeah",
        "yep",
        "nope",
        "question",
        "quick",
        "anyone",
        "know",
        "somebody",
        "tell",
    ]
)


# Misspellings staff type fast ("seperate email", "freind request"); policy text is spelled
# right, so reading them right only helps a question meet its clause. Each fix keeps the
# length, so offsets into normalised text stay offsets into the original.
_MISSPELT = {
    "seperat": "separat", "freind": "friend", "studnet": "student", "recie": "recei",
    "thier": "their", "privite": "private", "emial": "email",
}
_MISSPELLING = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in _MISSPELT) + ")")


def normalise(text: str) -> str:
    text = text.translate(_QUOTES).lower()
    return _MISSPELLING.sub(lambda m: _MISSPELT[m.group(0)], text)


# People a question mentions who are not students: those it says are absent ("just teachers,
# no kids") and a staff team ("the other teachers on my team", "my grade-level team").
_NOT_STUDENTS = re.compile(
    r"\b(?:no|without(?: any)?|not any|zero) (?:kids|students|children|kiddos|minors|pupils)"
    r"\b(?!')|"
    r"\b(?:teachers|staff|colleagues|coworkers|co-workers|paras|aides|people|adults) on my team\b|"
    r"\bmy (?:grade[- ]level|grade|ela|math|science|content|department|dept|admin|leadership|"
    r"sped|iep|planning|data) team\b"
)


# Microsoft Teams, where the assistant lives, is a messaging app, not an athletic team.
_MS_TEAMS = re.compile(
    r"\b(?:ms|microsoft) teams\b|\b(?:on|in|via|through|thru|over|using) teams\b"
    r"(?! (?:i|we|that|who|he|she|they)\b)"
)


# "my student teacher", "the student intern": adults training on the staff, not students.
_STUDENT_STAFF = re.compile(r"\bstudent[- ](?:teachers?|interns?)\b")


# "txt my 3rd period", "my 6th hour is wild": a class of students, not a time of day.
_MY_PERIOD = re.compile(
    r"(?<!during )(?<!in )(?<!before )(?<!after )(?<!at )(?<!for )(?<!until )\bmy "
    r"(?:\d(?:st|nd|rd|th)?|first|second|third|fourth|fifth|sixth|seventh|eighth) "
    r"(?:period|block|hour)\b(?! (?:prep|planning|lunch|free|break|duty|kids|students))"
)


def mark_non_students(norm: str) -> str:
    """Drop absent people, read a staff team or a student teacher as colleagues and the
    Teams app as a messaging app, so none of them makes a question about students or
    athletes; and read "my 3rd period" as the students in it, not as a time of day."""
    norm = _MY_PERIOD.sub("my students", norm)
    norm = _STUDENT_STAFF.sub("colleague", norm)
    norm = _MS_TEAMS.sub(" a messaging app ", norm)
    return _NOT_STUDENTS.sub(lambda m: " colleagues " if "team" in m.group(0) else " ", norm)


def stem(word: str) -> str:
    """A deliberately light stemmer: plural and verb endings only, so stems stay readable."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + repl
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS]


_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class _Term:
    concept: str
    words: tuple[str, ...]
    wildcard: bool  # the last word matches any word starting with it


class _Matcher:
    """All terms of all concepts, matched in one pass over the text's words.

    A dictionary keyed by first word (and by prefix for one-word wildcards) replaces one
    big regular expression per concept, which was the slowest step of building the index.
    `re:` terms stay regular expressions.
    """

    def __init__(self, terms: dict[str, list[str]]) -> None:
        self.exact: dict[str, list[_Term]] = {}
        self.prefix: dict[str, list[_Term]] = {}
        regexes: dict[str, list[str]] = {}
        for concept, items in terms.items():
            for raw in items:
                term = raw.strip()
                if term.startswith("re:"):
                    regexes.setdefault(concept, []).append(term[3:])
                    continue
                words = tuple(_TOKEN.findall(normalise(term)))
                if not words:
                    continue
                entry = _Term(concept, words, term.endswith("*"))
                table = self.prefix if entry.wildcard and len(words) == 1 else self.exact
                table.setdefault(words[0], []).append(entry)
        self.regexes = {c: re.compile("|".join(p)) for c, p in regexes.items()}
        self.longest_prefix = max((len(k) for k in self.prefix), default=0)

    def count(self, norm: str, found: Counter[str]) -> None:
        tokens = _TOKEN.findall(norm)
        seen: set[tuple[str, int]] = set()
        for i, token in enumerate(tokens):
            candidates = list(self.exact.get(token, ()))
            for k in range(1, min(len(token), self.longest_prefix) + 1):
                candidates.extend(self.prefix.get(token[:k], ()))
            for term in candidates:
                if (term.concept, i) in seen or not _matches(term, tokens, i):
                    continue
                seen.add((term.concept, i))
                found[term.concept] += 1
        for concept, pattern in self.regexes.items():
            hits = len(pattern.findall(norm))
            if hits:
                found[concept] += hits


def _matches(term: _Term, tokens: list[str], i: int) -> bool:
    n = len(term.words)
    if i + n > len(tokens):
        return False
    for j, word in enumerate(term.words):
        token = tokens[i + j]
        last = j == n - 1
        if not (token == word or (last and term.wildcard and token.startswith(word))):
            return False
    return True


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Concept terms for policy text, extra terms for questions, and query weights.

    `ask_terms` are words staff use that would mislead on the policy side ("follow"
    is "follow Middletown policies" there), so they only map questions to concepts.
    """

    policy_terms: _Matcher
    ask_terms: _Matcher
    weights: dict[str, float]
    related: dict[str, tuple[str, ...]]
    broader: dict[str, tuple[str, ...]]

    def concepts(self, text: str, question: bool = False) -> Counter[str]:
        """Concept name -> number of mentions in the text."""
        return Counter(self._concepts(text, question))

    @lru_cache(maxsize=4096)  # noqa: B019  (one lexicon per process; questions repeat)
    def _concepts(self, text: str, question: bool) -> Counter[str]:
        norm = normalise(text)
        found: Counter[str] = Counter()
        if question:
            norm = mark_non_students(norm)
            self.ask_terms.count(norm, found)
        self.policy_terms.count(norm, found)
        return found


def build_lexicon(data: dict) -> Lexicon:
    concepts = data.get("concepts", {})
    return Lexicon(
        policy_terms=_Matcher({n: spec.get("terms", []) for n, spec in concepts.items()}),
        ask_terms=_Matcher({n: spec.get("ask_terms", []) for n, spec in concepts.items()}),
        weights={name: float(spec.get("weight", 1.0)) for name, spec in concepts.items()},
        related={name: tuple(spec.get("related", ())) for name, spec in concepts.items()},
        broader={name: tuple(spec.get("broader", ())) for name, spec in concepts.items()},
    )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    file = Path(path) if path else Path(__file__).with_name("lexicon.toml")
    with file.open("rb") as handle:
        return build_lexicon(tomllib.load(handle))


# How much a question's literal words count next to its concepts. Staff rarely use the
# policy's own words, so literal overlap is a weaker signal than a shared concept.
STEM_WEIGHT = 0.5
# A question about one concept is partly about the concepts it implies (telling what you
# know implies confidentiality); those count at this weight.
RELATED_WEIGHT = 0.3


def features(text: str, lexicon: Lexicon, question: bool = False) -> Counter[str]:
    """Bag of stems plus `#concept` tokens: the representation BM25 scores.

    On the question side each concept carries its lexicon weight, so qualifiers
    (personal time, current) refine a match without outvoting the subject.
    """
    bag: Counter[str] = Counter()
    for word in stems(text):
        bag[word] += STEM_WEIGHT if question else 1.0
    found = lexicon.concepts(text, question=question)
    for name, count in found.items():
        weight = lexicon.weights.get(name, 1.0) if question else 1.0
        bag[f"#{name}"] += weight * min(count, 3)
        if question:
            for related in lexicon.related.get(name, ()):
                if related not in found:
                    bag[f"#{related}"] += RELATED_WEIGHT
    return bag
