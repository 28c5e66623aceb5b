"""How a policy sentence reads: its modality and the conditions attached to it.

Shared by retrieval (rule-bearing sentences are likelier answers) and by
verdicts (the modality decides prohibited / allowed / conditional / discouraged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.language import normalise


def rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# "may be posted", "may be sent": a permission only when its condition comes with it.
PASSIVE_PERMISSION = re.compile(
    r"\bmay (?:also |only )?be (?:[a-z]+ed|sent|given|shown|made|taken|written|kept|held|put|"
    r"read|done|seen|told)\b"
)

# --- modality of a policy sentence ------------------------------------------------------------
PERMIT = rx(
    r"nothing in this policy (?:prohibits|restricts|limits|prevents|bars|forbids)",
    r"nothing in this policy shall be (?:construed|interpreted) to (?:prohibit|restrict|limit)",
    r"\b(?:is|are) permitted\b",
    # …but not "whether it is appropriate for School personnel to write about…": a question
    r"(?<!whether )(?<!\bif )\bit is appropriate\b",
    r"(?<!whether it )(?<!\bif it )\bis appropriate for\b",
    r"might be appropriate",
    r"\bnot intended to infringe",
    r"\brespects the right\b",
    r"\bit is acknowledged\b",
    r"\bmay make\b",
    r"\bwill make reasonable use\b",
    r"\b(?:is|are) (?:allowed|acceptable)\b",
    r"\bit is acceptable\b",
    r"\bneed not\b",
    # "Staff may text…": a permission when staff are the ones who may (not "may be disciplined").
    r"\b(?:staff|members|employees?|teachers?|coach(?:es)?|advisors?|personnel|educators?) may "
    r"(?:also )?"
    r"(?:use|communicate|text|call|e-?mail|post|create|contact|access|accept|send|share|"
    r"maintain|have|establish|join|participate|respond|reply|invite|list|friend|follow)\b",
)
# Words that make a sentence a prohibition only by narrowing the way something is done.
_NARROWING = (r"\bshould only\b", r"\bonly through\b", r"\bexclusively\b")
PROHIBIT = rx(
    r"\b(?:shall|may|must|will|should|can|cannot)\s+not\b",  # also "may not", "will not"
    r"^\W*(?:do not|don't)\b",
    r"\bprohibit",
    r"\bnever\b",
    r"\bno (?:employee|staff|conversation|such|teacher)\b",
    r"\bin no event\b",
    r"\bnot permitted\b",
    r"\bunacceptable\b",
    r"\bare not to\b",
    *_NARROWING,
    r"\bmust reject\b",
    r"\bavoid (?:making|posting|using|any)\b",
    r"\brefrain from\b",
    r"\bwill reject\b",
    r"\bnot (?:allowed|acceptable)\b",
    r"\bforbid",
    r"\bbanned\b",
    r"\bbarred from\b",
    r"\bimpermissible\b",
)
RESTRICTIVE = rx(*_NARROWING)
# "…there exists a risk that boundaries may not be maintained": what might happen, not a rule.
_RISK_CLAUSE = re.compile(r"\b(?:risks?|chance|possibility|danger|likelihood) that\b[^.;]*")


def _only_restricts(t: str) -> bool:
    """Is every prohibition word in the sentence one that only narrows the way?"""
    return all(RESTRICTIVE.fullmatch(m.group(0)) for m in PROHIBIT.finditer(t)) and bool(
        RESTRICTIVE.search(t)
    )


# What the district itself may do (monitor, report, discipline): a power, so "can they?" is yes,
# but only for questions about what the district may do.
POWER = rx(
    r"reserves? the right",
    r"\bwill periodically\b",
    r"\brequisite authority\b",
    r"\bexpressly reserves\b",
    r"\bwithin the jurisdiction\b",
    r"\bnot outside of the school district's authority\b",
    r"\bmay request that the employee\b",
    r"\bcould be cause for discipline\b",
    r"\bmay expose an employee to discipline\b",
    r"\b(?:will|shall|may) be subject to (?:\w+ )?disciplin",
    r"\bmay consider and apply disciplinary action\b",
    r"\b(?:administrators?|the district|principals?|supervisors?|the superintendent) may"
    r"(?:,? however,?)? (?:review|monitor|inspect|investigate|examine)\b",
)
# "Staff members may not text students on a personal phone, except:" — the items that
# follow are the exceptions, each a permission for its own circumstance.
EXCEPT_LEAD = re.compile(r"\b(?:except|unless)(?: as follows| in the following \w+| when| where)?"
                         r":\s*$")
# Advice against the act itself ("discouraged", "wise to delay posting") outranks the
# advisory wording it is phrased in ("it's wise"); concern reads as discouraging only when
# the sentence states no rule.
ADVISE_AGAINST = rx(
    r"\bdiscouraged\b",
    r"\bwise to (?:delay|wait|hold off|avoid)\b",
    r"\b(?:advised|urged|cautioned) (?:not to|against)\b",
    r"\bnot (?:recommended|advisable)\b",
    r"\binadvisable\b",
)
CONCERN = rx(r"\bconcerned\b")
ENCOURAGE = rx(
    r"\bencourage",
    r"\bgood idea\b",
    r"\bgood guideline\b",
    r"\bit'?s wise\b",
    r"\bbest practice\b",
    r"\bmake sure\b",
    r"\burged to\b",
    r"\bis recommended\b",
    # "should exercise care in setting appropriate boundaries": care asked for, not a rule
    r"\bexercise (?:care|caution)\b",
)
# "requires the principal's approval", "requires written parental consent": a duty (the
# act needs it) and its condition (get it) at once.
REQUIRES_CONSENT = r"\brequires? (?:the )?(?:[\w']+ ){0,2}(?:approval|permission|consent)\b"
OBLIGE = rx(
    r"\bmust\b",
    r"\bshall\b",
    r"\bshould\b",
    r"\bwill be (?:sent|copied)\b",
    r"\brequired?\b",
    REQUIRES_CONSENT,
    r"\bexpected to\b",
    r"\bare to\b",
    r"\bis subject to\b",
    r"\bis to be\b",
    r"\bare to be\b",
    # Guideline lists speak in the imperative: "Be sure…", "Use good judgment…", "Ask a principal".
    r"^\W*(?:if [^,]{3,120}, )?(?:be sure|make sure|be |use (?!of\b)|follow |respect |"
    r"think before|cite |maintain |protect |monitor |ask |verify |keep |configure |consider )",
)

# Conditions under which a restricted act becomes allowed, by kind.
CONDITIONS: dict[str, re.Pattern[str]] = {
    "approval": rx(
        r"without (?:the )?(?:prior|express|advance)?\s*(?:approval|permission)",
        r"(?:prior|advance|express|written)(?: written)? (?:approval|permission)",
        r"must seek approval",
        r"should be obtained",
        r"approval .* obtained",
        r"without .*permission",
        r"\bwith (?:the )?(?:[\w']+ )?(?:prior |written |express )?"
        r"(?:approval|permission|consent)\b",
        REQUIRES_CONSENT,
        # "not permitted … unless the athletic director has approved the group in writing"
        r"\bunless [^.;]{0,80}?\b(?:approv|permission|consent|authoriz)",
    ),
    "copy": rx(r"copied to", r"\bcc\b"),
    "emergency": rx(r"\bemergenc", r"\burgent situation\b"),
    "privacy_matter": rx(r"medical or academic privacy"),
    "encryption": rx(r"\bencrypt"),
    "disclaimer": rx(r"without indicating that the views"),
    "time_place_manner": rx(r"time, place,? and manner", r"so long as"),
    "school_project": rx(r"unless it involves a school project"),
    "after_hours": rx(r"only occur when necessitated by school-related matters"),
    "group": rx(r"sent to all team members", r"three or more"),
    "edu_account": rx(r"educational (?:social networking|facebook) account"),
    "calendar": rx(r"except to access a calendar"),
    "breaks": rx(r"reserved for .{0,40}breaks"),
    # "shall be conveyed only through the private message feature": allowed, but only that way.
    "only_via": rx(
        r"\bonly through\b", r"\bonly via\b", r"\bshould only use\b", r"\bconveyed only\b"
    ),
    # "If discussing a situation…, be sure that they cannot be identified."
    "requirement": rx(
        r"^\W*if [^.]{3,160}?, (?:be sure|make sure|ask|he/she should|"
        r"they should|you should)"
    ),
    "hedged": rx(r"\bmight be appropriate\b"),
    # "…is permitted only on a district-approved platform, and only if the session is recorded"
    "only_if": rx(
        r"\b(?:permitted|allowed|acceptable|appropriate) only\b",
        r"\bonly (?:if|when|where|after|with)\b",
        r"\bprovided that\b",
        r"\bas long as\b",
        r"\bon (?:the )?condition that\b",
        # "Don't post about events unless it is professional and relevant."
        r"\bunless (?:it|they|the [a-z]+) (?:is|are)\b",
    ),
}
# Conditions the asker can satisfy by doing something; the others depend on circumstances.
OBTAINABLE = {
    "approval",
    "copy",
    "encryption",
    "disclaimer",
    "time_place_manner",
    "group",
    "only_via",
    "requirement",
    "only_if",
}


# The act a directive sentence asks for: what follows "should", "must", "encouraged to"…
DIRECTIVE = re.compile(
    r"\b(?:should|must|shall|will|are encouraged to|is encouraged to|encourages? [^.]{0,40}? to|"
    r"are required to|is required to|expected to|make sure|it is a good idea to|be sure that)\b"
    r"(?!\s+not\b)\s*(?:always\s+|also\s+|at all times\s+)?(?P<act>[^.;]{3,160})"
)


@dataclass
class Reading:
    """How one policy sentence reads: its modality and the conditions attached to it."""

    modality: str  # permit | power | prohibit | discourage | encourage | oblige | none
    conditions: set[str] = field(default_factory=set)
    directed: str = ""  # for encourage/oblige: the act the sentence asks staff to do


def read_sentence(text: str, lead_in: str = "") -> Reading:
    """A fresh Reading (callers may adjust it) of a cached analysis: policy sentences are
    read for every question that retrieves them."""
    modality, conditions, directed = _read(text, lead_in)
    return Reading(modality, set(conditions), directed)


def _conditions_in(text: str) -> set[str]:
    return {name for name, pattern in CONDITIONS.items() if pattern.search(text)}


POINTS_TO_LIST = re.compile(r"\b(?:adhere to|follow|comply with|observe) the following\b")


@lru_cache(maxsize=8192)
def _read(text: str, lead_in: str) -> tuple[str, frozenset[str], str]:
    t = normalise(text)
    lead = normalise(lead_in)
    conditions = _conditions_in(t)
    if POINTS_TO_LIST.search(t):
        # "Staff members should adhere to the following guidelines, which are consistent
        # with … student relationships …": the guidelines are the rules, not this pointer.
        modality = "none"
    elif POWER.search(t):
        modality = "power"
    elif lead and EXCEPT_LEAD.search(lead):
        modality = "permit"
        conditions |= {"exception"}
    elif PERMIT.search(t) and not re.search(r"\bnot permitted\b", t):
        modality = "permit"
    elif ADVISE_AGAINST.search(t):
        modality = "discourage"
    elif ENCOURAGE.search(t) and _only_restricts(t):
        # "encouraged to communicate … only through school-based resources": advice, whose
        # "only" says which way, not a ban.
        modality = "encourage"
    elif PROHIBIT.search(_RISK_CLAUSE.sub("", t)) or lead and PROHIBIT.search(lead):
        modality = "prohibit"
    elif ENCOURAGE.search(t):
        modality = "encourage"
    elif CONCERN.search(t):
        modality = "discourage"
    elif OBLIGE.search(t) or (lead and OBLIGE.search(lead)):
        modality = "oblige"
    elif lead and PERMIT.search(lead):
        modality = "permit"  # an item in a list of "situations which might be appropriate"
        conditions |= _conditions_in(lead)
    elif "only_if" in conditions and PASSIVE_PERMISSION.search(t):
        modality = "permit"  # "Photographs … may be posted on a school account only if …"
    else:
        modality = "none"
    directed = ""
    if modality in ("encourage", "oblige"):
        match = DIRECTIVE.search(t)
        # The act is the verb phrase the modal governs, not the circumstances after it:
        # "be respectful when composing a post" directs respect, not posting.
        act = match.group("act") if match else ""
        act = re.split(r"\b(?:when|if|while|before|after|because|so that|unless)\b", act)[0]
        directed = " ".join(act.split()[:14])
    return modality, frozenset(conditions), directed
