"""Words of the answer: summary line, qualifiers, conditions and who to ask.

Every factual phrase here is either a fixed frame ("No —", "The policy doesn't
address…") or an exact excerpt of the governing clause, so each sentence of an
answer can be traced to policy text.
"""

from __future__ import annotations

import re

from bot.answer import Answer, Citation, Verdict
from bot.knowledge import District
from bot.language import normalise
from bot.verdict import (
    S_CURRENT,
    S_SCHOOL_DEVICE,
    S_WORK_TIME,
    ConceptsOf,
    Decision,
    Situation,
    allowing_words,
)

SUMMARY_QUOTE_CHARS = 320

# Scope words in a rule, and the qualifier that tells the asker what they decide.
SCOPE_QUALIFIERS: list[tuple[re.Pattern[str], str]] = [
    (S_CURRENT, "Applies to *current* students (“{m}”); it does not speak to former students."),
    (S_WORK_TIME, "Limited by time: the rule speaks of “{m}”."),
    (
        re.compile(r"outside of typical school hours|during and after the school day|at all times"),
        "Also reaches beyond the school day: “{m}”.",
    ),
    (
        re.compile(rf"district's computer and telephone systems|{S_SCHOOL_DEVICE.pattern}"),
        "Limited to school equipment: “{m}”.",
    ),
    (
        re.compile(r"personal social (?:media|networking) sites?|private account|personal email"),
        "Covers personal accounts: “{m}”.",
    ),
    (
        re.compile(r"educational (?:social networking|facebook) account|professional social media"),
        "Concerns professional/educational accounts: “{m}”.",
    ),
    (
        re.compile(
            r"except in (?:case of an immediate )?emergenc\w*|emergency situations|"
            r"emergency text message"
        ),
        "Emergency exception: “{m}”.",
    ),
    (
        re.compile(r"all team members or [^,.;]+|at least three or more individuals"),
        "Group messages: “{m}”.",
    ),
    (re.compile(r"medical or academic privacy matters"), "Exception for “{m}”."),
    (re.compile(r"reserved for [^.;]{0,40}breaks[^.;]{0,40}only"), "Time carve-out: “{m}”."),
    (re.compile(r"parents?(?:/guardians)?|families"), "Also covers “{m}”."),
]

_ROLES = re.compile(
    r"athletic director|school principals?|principal|superintendent of schools or (?:his/her )?"
    r"designee|superintendent(?: or (?:his/her |her/his )?designees?)?|immediate supervisor|"
    r"responsible school principal"
)


_CLAUSE_END = re.compile(r"[.;,](?= |$)")


def _excerpt(text: str, limit: int = SUMMARY_QUOTE_CHARS, focus: str = "") -> str:
    """The quote for a summary line: whole when short, otherwise cut at a clause boundary
    (a comma or semicolon) so no condition is cut off mid-phrase. If the words that decide
    the case (`focus`, e.g. "unless the communication is of an official nature") lie past
    the cut, the excerpt starts at the earliest clause from which they still fit."""
    text = " ".join(text.split()).replace("**", "")
    if len(text) <= limit:
        return text
    start, lead = 0, ""
    at = text.find(focus) if focus else -1
    end = at + len(focus) if at >= 0 else 0
    if end > limit:
        fits = [m.end() for m in re.finditer(r"[,;] ", text[:at]) if end - m.end() <= limit]
        start, lead = (fits[0] if fits else at), "… "
    text = text[start:]
    if lead:
        # …and ends where the clause holding them ends.
        stop = _CLAUSE_END.search(text, end - start)
        text = text[: stop.end()] if stop else text
    if len(text) <= limit:
        return lead + text.rstrip(",;") + (" …" if text.endswith((",", ";")) else "")
    window = text[:limit]
    cut = max(window.rfind(", "), window.rfind("; "))
    if cut < max(limit // 2, end - start):
        cut = window.rfind(" ")
    return lead + text[:cut].rstrip(",;:") + " …"


# What each kind of condition asks of the asker, as a short exact excerpt of the policy.
CONDITION_PHRASES: dict[str, re.Pattern[str]] = {
    "approval": re.compile(
        r"(?:prior |express |advance )?(?:approval|permission)"
        r"(?: (?:of|from) [^,.;]+)?"
    ),
    "copy": re.compile(r"copied to [^,.;]+"),
    "encryption": re.compile(r"unless [^,.;]*encrypted"),
    "disclaimer": re.compile(r"indicating that the views expressed are their own[^,.;]*"),
    "time_place_manner": re.compile(r"so long as [^.;]+"),
    "group": re.compile(r"sent to all team members[^.;]*?(?=, except|[.;]|$)"),
    "only_via": re.compile(r"only (?:through|via|use) [^.;]+"),
    "emergency": re.compile(
        r"(?:except |unless )?(?:in case of an immediate |in )?emergenc[^,.;]*"
    ),
    "privacy_matter": re.compile(r"messages concerning medical or academic privacy matters"),
    "after_hours": re.compile(r"only occur when necessitated by school-related matters[^.;]*"),
    "breaks": re.compile(r"reserved for [^.;]*?only"),
    "school_project": re.compile(r"unless it involves a school project"),
    "requirement": re.compile(r"(?:be sure|make sure) [^.;]+|ask [^.;]+"),
    "only_if": re.compile(
        r"only (?:on|if|when|where|after|with) [^,.;]+|provided that [^.;]+|as long as [^.;]+|"
        r"on (?:the )?condition that [^.;]+|unless (?:it|they|the [a-z]+) (?:is|are) [^,.;]+"
    ),
}


def condition_phrases(text: str, kinds: list[str]) -> list[str]:
    """Each condition as the policy states it, as a short exact excerpt ("express permission
    from the superintendent of schools or his/her designee")."""
    flat = " ".join(text.split())
    norm = normalise(flat)  # same length as `flat`, so spans carry over
    phrases: list[str] = []
    for kind in kinds:
        pattern = CONDITION_PHRASES.get(kind)
        # "only on an approved platform, and only if the session is recorded": each one.
        for match in pattern.finditer(norm) if pattern else ():
            # Markdown emphasis in the source ("**or to team captains**") is not wording.
            phrase = flat[match.start() : match.end()].replace("**", "").strip(" ,;")
            if phrase and phrase not in phrases:
                phrases.append(phrase)
    # A phrase inside a longer one adds nothing.
    return [p for p in phrases if not any(p != q and p in q for q in phrases)]


def qualifiers_for(rule_text: str, decision: Decision, situation: Situation) -> list[str]:
    # normalise() maps character for character, so a match's span is also its span in the
    # policy's own text, which is what gets quoted.
    norm = normalise(rule_text)
    out: list[str] = []
    if decision.gap:
        out.append(decision.gap.explain())
    for pattern, template in SCOPE_QUALIFIERS:
        match = pattern.search(norm)
        if match and not (decision.gap and decision.gap.limiting_word in match.group(0)):
            if pattern is S_CURRENT and not situation.former:
                continue  # only worth saying to someone who asked about former students
            fragment = " ".join(rule_text[match.start() : match.end()].split()).strip(" *")
            line = template.format(m=fragment)
            if line not in out:
                out.append(line)
    return out[:5]


# "the athletic director (coaches)": a contact the district marks as being for one matter.
_CONTACT_MATTER = re.compile(r"\(([^)]*)\)\s*$")


def _for_another_matter(contact: str, topic: set[str], concepts_of: ConceptsOf) -> bool:
    """A contact for coaches is no help to a secretary asking about her own Facebook."""
    match = _CONTACT_MATTER.search(contact)
    if not match:
        return False
    matter = set(concepts_of(match.group(1))) - {"approval"}
    return bool(matter) and not matter & topic


def contacts_for(
    district: District, rule_text: str, topic: set[str], concepts_of: ConceptsOf
) -> list[str]:
    """Roles the clause names first, then the district's contacts for this kind of question.

    `topic` holds the concepts of the question and of the governing clause."""
    named = []
    for match in _ROLES.finditer(normalise(rule_text)):
        role = match.group(0)
        if not any(role in n for n in named):
            named.append(role)
    contacts = [f"the {r}" for r in named]
    for contact in district.contacts:
        if _for_another_matter(contact, topic, concepts_of):
            continue
        if not any(_same_role(c, contact) for c in contacts):
            contacts.append(contact)
    return contacts[:4]


_ROLE_FILLER = re.compile(r"\b(?:the|your|his/her|her/his|school|schools|of|or|designees?)\b")
_PARENTHESIS = re.compile(r"\([^)]*\)")


def _role_key(text: str) -> str:
    return " ".join(_PARENTHESIS.sub(" ", _ROLE_FILLER.sub(" ", normalise(text))).split())


def _same_role(a: str, b: str) -> bool:
    """ "the superintendent of schools or his/her designee" and "the Superintendent of Schools
    or designee" are one contact."""
    key_a, key_b = _role_key(a), _role_key(b)
    return bool(key_a) and (key_a in key_b or key_b in key_a)


def summary_for(decision: Decision, district: District, citations: list[Citation]) -> str:
    label = (
        citations[0].citation.removesuffix(f" ({citations[0].date})")
        if citations
        else ("the policy")
    )
    quote = _excerpt(citations[0].quote) if citations else ""
    owner = district.short_name
    possessive = owner if owner.endswith("'s") else f"{owner}'s"
    opening = possessive[0].upper() + possessive[1:]  # a sentence that starts with the name
    verdict = decision.verdict
    if decision.rules_out_silence:
        return (f"No — {possessive} policy does not allow keeping quiet about this. "
                f"{label} says: “{quote}”")
    if verdict == Verdict.PROHIBITED:
        return f"No — {possessive} policy does not allow this. {label} says: “{quote}”"
    if verdict == Verdict.CONDITIONAL:
        return (
            f"Only under conditions — {possessive} policy allows this only as it states. "
            f"{label} says: “{quote}”"
        )
    if decision.covers_asker:
        return f"Yes — {possessive} policy applies to you. {label} says: “{quote}”"
    if verdict == Verdict.ALLOWED and decision.grants_district_power:
        # "can the district monitor…?", "can i get in trouble for…?"
        return f"Yes — {possessive} policy gives the district this power. {label} says: “{quote}”"
    if decision.states_duty_to_report:
        return f"Yes — {possessive} policy asks staff to do this. {label} says: “{quote}”"
    if verdict == Verdict.ALLOWED:
        if citations:
            quote = _excerpt(citations[0].quote, focus=allowing_words(citations[0].quote))
        return f"Yes — {possessive} policy explicitly allows this. {label} says: “{quote}”"
    if verdict == Verdict.DISCOURAGED:
        return (
            f"Discouraged — {possessive} policy advises against this rather than forbidding "
            f"it. {label} says: “{quote}”"
        )
    if decision.gap and decision.gap.of_policy:
        return (
            f"{opening} policy doesn't say whether it covers "
            f"{decision.gap.qualifier}: it is written for {decision.gap.scope}. {label}: “{quote}”"
        )
    if decision.gap:
        return (
            f"{opening} policy doesn't address this exact "
            f"situation: the nearest rule covers {decision.gap.scope}, and you asked "
            f"about {decision.gap.qualifier}. Nearest clause, {label}: “{quote}”"
        )
    if citations:
        return (
            f"{opening} policy doesn't address this exact "
            f"situation. The nearest clause, {label}, says: “{quote}”"
        )
    return f"{opening} policy doesn't address this situation."


def compose(
    question: str,
    district: District,
    decision: Decision,
    citations: list[Citation],
    situation: Situation,
    still_applies: Citation | None,
    question_concepts: set[str],
    concepts_of: ConceptsOf,
) -> Answer:
    governing = decision.governing
    rule_text = clause_text = ""
    if governing is not None:
        rule_text = governing.passage.quote
        clause_text = f"{governing.passage.clause.lead_in} {governing.passage.clause.text}"
    conditions: list[str] = []
    if decision.verdict == Verdict.CONDITIONAL and governing is not None:
        conditions = condition_phrases(rule_text, decision.conditions) or [_excerpt(rule_text)]
    notes = []
    if decision.verdict == Verdict.NOT_ADDRESSED:
        if still_applies is not None:
            notes.append(
                f"What still applies — {still_applies.citation}: “{_excerpt(still_applies.quote)}”"
            )
        notes.append(
            "When the policy is silent, ask before you act; the contacts below can say "
            "how the district reads it."
        )
    if decision.reason.startswith("a stricter"):
        notes.append("Two clauses point different ways; this answer follows the stricter one.")
    return Answer(
        question=question,
        district=district.id,
        district_name=district.name,
        verdict=decision.verdict,
        summary=summary_for(decision, district, citations),
        citations=citations,
        qualifiers=qualifiers_for(rule_text, decision, situation),
        conditions=conditions,
        contacts=contacts_for(
            district,
            clause_text,
            question_concepts | (governing.passage.concepts if governing else set()),
            concepts_of,
        ),
        notes=notes,
    )
