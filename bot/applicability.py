"""Whom a policy binds: "I'm a student teacher — does this policy even apply to me?"

The answer is in the policy's scope sentence ("This policy applies to all Marlborough
Public Schools employees"), not in any rule about conduct, so the ordinary reading (find
the rule for the act, read its modality) would answer the wrong question. A role the scope
sentence names, or a staff role when it names employees, is covered. A student teacher,
volunteer or retiree it does not name is outside its words: the policy does not say, and
the answer quotes the scope sentence and sends the asker to someone who can.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.answer import Verdict
from bot.language import normalise
from bot.modality import rx
from bot.retrieval import Hit, Passage
from bot.verdict import Decision, ScopeGap

# Whom a question asks the policy to reach: the asker, or people like them.
_PERSON = (
    r"(?:me|us|myself|people like me|someone like me|non-?staff|subs|substitutes|"
    r"(?:[a-z-]+ ){0,2}(?:teachers|volunteers|interns|retirees|employees|staff|drivers|"
    r"coaches|contractors|paras|aides))\b(?!')"
)
# The question asks whether the policy reaches the asker, not whether it covers an act
# ("does the policy cover texting?" is an ordinary policy question).
ASKS_COVERAGE = rx(
    r"\b(?:polic(?:y|ies)|rules|guidelines)\b[^?.!]{0,30}\b(?:apply|applies|pertain|pertains|"
    rf"extend|extends) (?:to )?{_PERSON}",
    rf"\b(?:polic(?:y|ies)|rules|guidelines)\b[^?.!]{{0,30}}\b(?:cover|covers|include|includes) "
    rf"{_PERSON}",
    r"\b(?:am i|are we|is a [a-z ]{3,25}|are [a-z ]{3,25}) (?:even |still |also |actually )?"
    r"(?:covered|bound|included)\b",
    r"\bdo (?:i|we) (?:even |still |also |actually |really )?(?:have|need) to (?:follow|abide by|"
    r"comply with|go by) (?:the|this|our|that|district'?s?|the district'?s?)\b[^?.!]{0,30}"
    r"\bpolic(?:y|ies)\b",
)


@dataclass(frozen=True)
class Role:
    """Who the asker says they are, and whether "all employees" covers them."""

    name: str  # as the answer says it: "a student teacher"
    says: re.Pattern[str]  # the question's words for the role
    named: re.Pattern[str]  # a scope sentence's words that name it
    staff: bool | None  # an employee role; None: it depends on how they are engaged


ROLES: list[Role] = [
    Role("a student teacher", rx(r"\bstudent[- ]?teach", r"\bpre-?service\b", r"\bpracticum\b",
                                 r"\bintern(?:ship)?\b", r"\bcollege placement\b"),
         rx(r"\bstudent teach", r"\bintern"), False),
    Role("a volunteer", rx(r"\bvolunteer", r"\bpto\b", r"\bpta\b", r"\bboosters?\b"),
         rx(r"\bvolunteer"), False),
    Role("a retiree", rx(r"\bretired\b", r"\bretiree\b", r"\bno longer (?:work|employed)\b",
                         r"\bformer (?:teacher|employee|staff)\b"),
         rx(r"\bretire", r"\bformer employees\b"), False),
    Role("a contractor", rx(r"\bcontract(?:ed|or)\b(?! hours)", r"\bvendor\b",
                            r"\bthird[- ]party\b"),
         rx(r"\bcontract(?:ed|ors?)\b", r"\bvendors?\b"), False),
    Role("a substitute", rx(r"\bsubs?\b(?! (?:coordinator|plans?|folder|line|caller)\b)",
                            r"\bsubstitute", r"\bper diem\b"),
         rx(r"\bsubstitute"), None),
    Role("a bus driver", rx(r"\bbus driver"), rx(r"\bbus driver", r"\btransportation"), None),
    Role("a coach", rx(r"\bcoach"), rx(r"\bcoach"), True),
]
NOT_STAFF = rx(r"\bnot (?:a )?(?:staff|employee|district employee)\b", r"\bi don'?t work for\b")
# The people a scope sentence speaks of.
S_APPLIES = rx(r"\b(?:this )?polic(?:y|ies) (?:also )?(?:applies|apply) to\b")
S_PEOPLE = rx(r"\bemployees?\b", r"\bstaff\b", r"\bpersonnel\b", r"\bfaculty\b")
# Failing a scope sentence, the first that binds everyone on staff: "…for all school
# personnel", "No employee, faculty or staff…", "Staff members must always…".
S_EVERYONE = rx(r"\b(?:no|all|every) (?:school )?(?:employees?|staff members?|school personnel|"
                r"faculty)\b",
                r"^\W*(?:our )?(?:staff members|staff|employees|school personnel) (?:must|should|"
                r"shall|are expected)\b")


@dataclass(frozen=True)
class Coverage:
    """Whether the policy reaches the asker, by the words of its scope sentence."""

    passage: Passage
    role: str  # "a student teacher"; "" when the asker names no role
    covered: bool
    scope: str  # whom the sentence covers, in its words: "all Marlborough Public Schools employees"


def asks_coverage(question: str) -> bool:
    return bool(ASKS_COVERAGE.search(normalise(question)))


def scope_passage(passages: Iterable[Passage]) -> Passage | None:
    """The sentence that says whom the policy applies to: its scope sentence if it has one,
    else the first sentence naming all (or no) employees."""
    passages = list(passages)
    for passage in passages:
        text = normalise(passage.text)
        match = S_APPLIES.search(text)
        if match and S_PEOPLE.search(text, match.start()):
            return passage
    return next((p for p in passages if S_EVERYONE.search(normalise(p.text))), None)


def coverage(question: str, passage: Passage) -> Coverage:
    """A role is covered when the scope sentence names it or it is a staff role; an asker who
    names no such role is staff unless they say otherwise ("I'm not staff")."""
    q = normalise(question)
    scope = _scope_words(passage.text)
    role = next((r for r in ROLES if r.says.search(q)), None)
    if role is None:
        return Coverage(passage, "", not NOT_STAFF.search(q), scope)
    covered = bool(role.named.search(normalise(passage.text)) or role.staff)
    return Coverage(passage, role.name, covered, scope)


def _scope_words(sentence: str) -> str:
    """ "This policy applies to all District employees, including coaches…" -> "all District
    employees, including coaches…": the exact words, for the answer to quote."""
    flat = " ".join(sentence.split()).rstrip(".")
    match = S_APPLIES.search(normalise(flat))
    if match:
        return flat[match.end() :].strip()
    match = S_EVERYONE.search(normalise(flat))
    if match is None:
        return flat
    words = flat[match.start() : match.end()].split()
    # "Staff members must…" speaks of staff members, not of "must".
    return " ".join(words if normalise(words[0]) in ("no", "all", "every") else words[:-1])


def coverage_decision(found: Coverage, asks_an_act: bool) -> Decision | None:
    """The answer to "does this policy apply to me?", from the scope sentence.

    Someone outside its words gets `not_addressed` even if they also ask about an act: the
    rule they would break is not written for them. Someone it covers who asks about an act
    gets the ordinary answer for that act (None here)."""
    hit = Hit(found.passage, 0.0)
    if not found.covered:
        gap = ScopeGap(found.role or "someone who is not district staff", found.scope,
                       of_policy=True)
        return Decision(Verdict.NOT_ADDRESSED, hit, gap,
                        reason=f"the policy applies to {found.scope}")
    if asks_an_act:
        return None
    return Decision(Verdict.ALLOWED, hit, reason=f"the policy applies to {found.scope}",
                    covers_asker=True)
