"""Cross-references between policies: "(cf. 4118.24/4218.24 - Staff/Student
Non-Fraternization)", "cf. 7.970", "Internet Acceptable Use Policy, IJNDB and IJNDBA".

A clause that defers to another policy only half-answers a question; staff need to know
the other policy exists, and whether policybot can answer from it or they must read it
(or ask someone) themselves. Only explicit references are recognised (a "cf." or the
word "Policy" before a policy number): bare numbers in policy text are far more often
statutes ("31-48d"), dates or section numbers than policies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge import District, PolicyInfo

# A policy number: numeric classification ("4118.24", "7.970", "6141.321", optionally
# paired "/4218.24") or a NEPN/NSBA letter code ("IJNDB", "EDC", "GBEB-R").
_NUMERIC = r"\d{1,4}(?:\.\d{1,4})*(?:\s*/\s*\d{1,4}(?:\.\d{1,4})*)?"
_CODE = r"[A-K][A-Z]{1,5}(?:-[A-Z]{1,2})?"
_NUMBER = rf"(?:{_NUMERIC}|{_CODE})"
# "cf. 4118.24/4218.24 - Staff/Student Non-Fraternization" (title up to ")" / ";" / EOL).
_CF = re.compile(
    rf"\bcf\.\s*(?:policy\s+)?(?P<number>{_NUMBER})\b"
    r"(?:\s*[-–—:]\s*(?P<title>[^();\n]{2,90}?))?\s*(?=[);\n]|$|,\s*cf\.)",
    re.I,
)
# "Policy IJNDB", "Policy No. 1200", "Policy #6150", "Policies IJNDB and IJNDBA".
_POLICY = re.compile(
    rf"\bPolic(?:y|ies)\s*(?:No\.?\s*|#\s*)?(?P<numbers>{_NUMBER}"
    rf"(?:(?:\s*,\s*|\s+and\s+|\s+or\s+)(?:{_NUMBER}))*)(?![\w.-]*\w)"
)
# "Internet Acceptable Use Policy, IJNDB and IJNDBA": the title comes before the codes.
_TITLED_CODES = re.compile(
    rf"(?P<title>(?:[A-Z][\w/&-]*\s+){{1,6}}Policy),\s*(?P<numbers>{_CODE}"
    rf"(?:(?:\s*,\s*|\s+and\s+|\s+or\s+){_CODE})*)\b"
)
_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s+or\s+")
# Codes that are ordinary words in capitals, never policy numbers.
_NOT_CODES = {"AND", "BOARD", "DRAFT", "CEO", "FAQ", "ID", "IT", "AI"}


@dataclass(frozen=True)
class Reference:
    number: str
    title: str = ""


def references(text: str) -> list[Reference]:
    """Policy references in a clause, in order of appearance, one per number."""
    found: list[tuple[int, Reference]] = []
    for match in _CF.finditer(text):
        title = (match.group("title") or "").strip(" .,")
        found.append((match.start(), Reference(_tidy(match.group("number")), title)))
    for match in _TITLED_CODES.finditer(text):
        for number in _SPLIT.split(match.group("numbers")):
            found.append((match.start(), Reference(number, match.group("title").strip())))
    for match in _POLICY.finditer(text):
        for number in _SPLIT.split(match.group("numbers")):
            found.append((match.start(), Reference(_tidy(number))))
    out: dict[str, Reference] = {}
    for _, ref in sorted(found, key=lambda pair: pair[0]):
        if ref.number.upper() in _NOT_CODES:
            continue
        key = _key(ref.number)
        if key not in out or (ref.title and not out[key].title):
            out[key] = ref
    return list(out.values())


def _tidy(number: str) -> str:
    return re.sub(r"\s*/\s*", "/", number.strip())


def _key(number: str) -> str:
    return re.sub(r"\s+", "", number).lower()


def _parts(number: str) -> set[str]:
    """ "4118.24/4218.24" is one policy filed under two series; either half names it."""
    return {_key(p) for p in re.split(r"\s*/\s*|\s+-\s+", number) if p.strip()}


def resolve(reference: Reference, district: District) -> PolicyInfo | None:
    """The district's own policy with that number, if it is loaded."""
    wanted = _parts(reference.number)
    for policy in district.policies:
        if policy.number and wanted & _parts(policy.number):
            return policy
    return None


def consult_notes(
    citations_clause_texts: Iterable[str], district: District, cited_policies: Iterable[str] = ()
) -> list[str]:
    """One note per policy the cited clauses refer to: "See also …" when policybot can
    answer from it, otherwise where to look. References to a policy being cited
    (`cited_policies`, by number) are left out: they point at what the answer already
    quotes."""
    cited = set().union(*(_parts(n) for n in cited_policies if n)) if cited_policies else set()
    notes: list[str] = []
    seen: set[str] = set()
    for text in citations_clause_texts:
        for ref in references(text):
            target = resolve(ref, district)
            key = target.number if target else _key(ref.number)
            if key in seen or (_parts(ref.number) & cited):
                continue
            seen.add(key)
            if target is not None:
                notes.append(f"See also {target.label} — {target.title}")
            else:
                ask = district.contacts[0] if district.contacts else "your principal"
                name = f"{ref.number} {ref.title}".strip()
                notes.append(
                    f"This policy refers to {name}, which is not loaded; "
                    f"consult it directly or ask {ask}."
                )
    return notes
