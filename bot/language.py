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

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-",
                         "—": "-", "*": " "})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being am do
does did doing have has had having i me my mine myself we us our you your he him his she her it
its they them their this that these those there here what which who whom whose when where why how
can could may might must shall should will would ok okay okk allowed allow alright fine cool
just really even also still like about any some all no not so too very than then into out up
over under again further once only own same other such each few more most both either neither
get got gonna wanna want wants need needs needed let lets let's im i'm ive i've id i'd it's its
thats that's dont don't doesnt doesn't isnt isn't cant can't wont won't whats what's hey hi pls
please thanks thank yes yeah yep nope question quick anyone know somebody tell does
""".split())


def normalise(text: str) -> str:
    return text.translate(_QUOTES).lower()


def stem(word: str) -> str:
    """A deliberately light stemmer: plural and verb endings only, so stems stay readable."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""),
                         ("s", ""), ("ly", "")):
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


@dataclass(frozen=True)
class Lexicon:
    """Concept patterns for policy text, extra patterns for questions, and query weights.

    `ask_terms` are words staff use that would mislead on the policy side ("follow"
    is "follow Middletown policies" there), so they only map questions to concepts.
    """

    patterns: dict[str, re.Pattern[str]]
    ask_patterns: dict[str, re.Pattern[str]]
    weights: dict[str, float]

    def concepts(self, text: str, question: bool = False) -> Counter[str]:
        """Concept name -> number of mentions in the text."""
        norm = normalise(text)
        found: Counter[str] = Counter()
        for name, pattern in self.patterns.items():
            hits = len(pattern.findall(norm))
            if hits:
                found[name] = hits
        if question:
            for name, pattern in self.ask_patterns.items():
                hits = len(pattern.findall(norm))
                if hits:
                    found[name] += hits
        return found


def _term_pattern(term: str) -> str:
    if term.startswith("re:"):
        return term[3:]
    term = term.lower().replace("’", "'")
    wildcard = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    start = r"(?<![a-z0-9])" if term[:1].isalnum() else ""
    end = r"[a-z0-9'-]*" if wildcard else (r"(?![a-z0-9])" if term[-1:].isalnum() else "")
    return start + body + end


def _compile(terms: list[str]) -> re.Pattern[str]:
    ordered = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    return re.compile("|".join(_term_pattern(t) for t in ordered))


def build_lexicon(data: dict) -> Lexicon:
    concepts = data.get("concepts", {})
    return Lexicon(
        patterns={name: _compile(spec["terms"]) for name, spec in concepts.items()
                  if spec.get("terms")},
        ask_patterns={name: _compile(spec["ask_terms"]) for name, spec in concepts.items()
                      if spec.get("ask_terms")},
        weights={name: float(spec.get("weight", 1.0)) for name, spec in concepts.items()},
    )


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    file = Path(path) if path else Path(__file__).with_name("lexicon.toml")
    with file.open("rb") as handle:
        return build_lexicon(tomllib.load(handle))


def features(text: str, lexicon: Lexicon, question: bool = False) -> Counter[str]:
    """Bag of stems plus `#concept` tokens: the representation BM25 scores.

    On the question side each concept carries its lexicon weight, so qualifiers
    (personal time, current) refine a match without outvoting the subject.
    """
    bag: Counter[str] = Counter(stems(text))
    for name, count in lexicon.concepts(text, question=question).items():
        weight = lexicon.weights.get(name, 1.0) if question else 1.0
        bag[f"#{name}"] += weight * min(count, 3)
    return bag
