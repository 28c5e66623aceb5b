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

    Paragraphs are located by their section only: "¶3" is not how anyone refers to a
    policy, while list items are ("item 2"), because the policy numbers them itself.
    """
    section = (
        f"§{clause.section_key} {clause.section_title}".strip()
        if clause.section_key
        else clause.section_title
    )
    where = f"§{clause.section_key}" if clause.section_key else clause.section_title
    locator = clause.label if clause.kind == "item" else ""
    parts = [policy.label, ", ".join(p for p in (where, locator) if p)]
    human = " ".join(p for p in parts if p)
    if policy.date_label:
        human += f" ({policy.date_label})"
    return section, human
