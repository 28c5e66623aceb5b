"""How a clause is cited: its section heading and the human citation string.

Answers (`Assistant._citation`), `policybot show` and `policybot district check` all
print citations; they must agree character for character, or an admin checking a new
district would see a different reference from the one staff get in Slack. This is the
one place that builds them.
"""

from __future__ import annotations

from bot.knowledge import PolicyInfo
from bot.parsing import Clause


def citation_for(clause: Clause, policy: PolicyInfo) -> tuple[str, str]:
    """(section, human citation), e.g. ("§D Professional Social Media Use",
    "Marlborough Policy IHB §D, item 2 (approved 2/11/25)").

    Items use the policy's own numbering ("item 2"); paragraphs are counted within their
    section ("¶3") so a long section can still be searched by eye.
    """
    section = (
        f"§{clause.section_key} {clause.section_title}".strip()
        if clause.section_key
        else clause.section_title
    )
    # A heading that only repeats the policy's number or title locates nothing.
    title = clause.section_title.lower()
    repeats_policy = bool(title) and (
        (policy.number and policy.number.lower() in title) or policy.title.lower() == title
    )
    where = f"§{clause.section_key}" if clause.section_key else (
        "" if repeats_policy else clause.section_title)
    locator = "" if clause.kind == "heading" else clause.label
    place = ", ".join(p for p in (where, locator) if p)
    separator = " " if place.startswith("§") else ", "
    human = policy.label + (separator + place if place else "")
    if policy.date_label:
        human += f" ({policy.date_label})"
    return section, human
