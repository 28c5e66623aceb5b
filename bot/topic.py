"""Is this a policy question at all? Abstain on greetings, IT help and errands.

A forced policy match on "what's the wifi password" would be a confident wrong
answer, so off-topic detection looks for the *subject matter* of staff
social-media policies (lexicon concepts), not for any word overlap.
"""

from __future__ import annotations

import re
from enum import Enum

from bot.language import Lexicon, normalise


class TopicCheck(Enum):
    POLICY = "policy"
    OFF_TOPIC = "off_topic"
    GREETING = "greeting"


# Concepts that only staff social-media / communication policies are about.
SUBJECT_CONCEPTS = frozenset(
    {
        "social",
        "friend",
        "message",
        "post",
        "photo",
        "phone",
        "email",
        "logo",
        "tagging",
        "privacy_settings",
        "records",
        "monitor",
        "identity",
        "confidential",
        "student_info",
        "home_info",
        "class_account",
        "union",
        "public_concern",
        "sexual",
        "substances",
        "harassment",
        "defamation",
        "streaming",
        "inappropriate_sites",
        "copyright",
        "encryption",
        "comment_moderation",
        "edu_site",
    }
)

# Subjects that keep a question on topic even when it mentions an errand ("password").
STRONG_SUBJECTS = frozenset({
    "social", "friend", "post", "photo", "logo", "tagging", "phone", "sexual",
    "substances", "harassment", "union", "public_concern", "class_account", "student_info",
    "home_info", "streaming", "copyright",
})

GREETING = re.compile(
    r"^(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|thanks?(?: you)?|thx|ty|help|"
    r"what can you do|who are you|what are you|how does this work|test|ping)\b[\s!?.]*$"
)

# Errands that share words with the policy domain ("password", "email") but are not about it.
ERRANDS = re.compile(
    r"\b(?:password|passcode|pw|wi-?fi|log ?in to|locked out|reset|printer|copier|toner|"
    r"rubric|lesson plan|sub plans?|substitute plans?|lunch menu|what'?s for lunch|cafeteria|"
    r"payroll|paycheck|direct deposit|pto|personal day|sick day|parking|snow day|calendar for|"
    r"bell schedule|room booking|projector|smartboard (?:not|won'?t)|write me|help me write|"
    r"grade book|gradebook|report cards? due|field trip form|seating chart|no signal|"
    r"brain break|worksheet|quiz for|lesson for|sub coverage|who do i call)\b"
    # Asking the assistant to do a task rather than asking about a rule.
    r"|^(?:can|could|would|will) (?:you|u|ya) (?:pls |please )?(?:make|write|draft|create|give|"
    r"generate|build|plan|summari[sz]e|translate|grade)\b"
)


def classify_topic(question: str, lexicon: Lexicon) -> TopicCheck:
    text = normalise(question).strip()
    if GREETING.match(text):
        return TopicCheck.GREETING
    concepts = set(lexicon.concepts(text, question=True))
    subject = concepts & SUBJECT_CONCEPTS
    if ERRANDS.search(text) and not subject & STRONG_SUBJECTS:
        return TopicCheck.OFF_TOPIC
    if subject:
        return TopicCheck.POLICY
    # Staff-student interaction words alone still make a policy question ("can I drive a kid home"
    # is not in these policies, but the answer should say so rather than abstain).
    if concepts & {"student", "parent", "colleague", "team", "former"}:
        return TopicCheck.POLICY
    return TopicCheck.OFF_TOPIC
