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
    patterns: dict[str, re.Pattern[str]]

    def concepts(self, text: str) -> Counter[str]:
        """Concept name -> number of mentions in the text."""
        norm = normalise(text)
        found: Counter[str] = Counter()
        for name, pattern in self.patterns.items():
            hits = len(pattern.findall(norm))
            if hits:
                found[name] = hits
        return found


def _term_pattern(term: str) -> str:
    term = term.lower().replace("’", "'")
    wildcard = term.endswith("*")
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    start = r"(?<![a-z0-9])" if term[:1].isalnum() else ""
    end = r"[a-z0-9'-]*" if wildcard else (r"(?![a-z0-9])" if term[-1:].isalnum() else "")
    return start + body + end


def build_lexicon(data: dict) -> Lexicon:
    patterns = {}
    for name, spec in data.get("concepts", {}).items():
        terms = sorted({t for t in spec.get("terms", []) if t.strip()}, key=len, reverse=True)
        patterns[name] = re.compile("|".join(_term_pattern(t) for t in terms))
    return Lexicon(patterns)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    file = Path(path) if path else Path(__file__).with_name("lexicon.toml")
    with file.open("rb") as handle:
        return build_lexicon(tomllib.load(handle))


def features(text: str, lexicon: Lexicon, concept_weight: float = 1.0) -> Counter[str]:
    """Bag of stems plus `#concept` tokens: the representation BM25 scores."""
    bag: Counter[str] = Counter(stems(text))
    for name, count in lexicon.concepts(text).items():
        bag[f"#{name}"] += concept_weight * min(count, 3)
    return bag
