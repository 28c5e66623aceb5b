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

# Subjects only these policies are about: they keep a question on topic even when it is
# phrased as an errand or a request for information ("how do I make my insta private?").
STRONG_SUBJECTS = frozenset({
    "social", "friend", "post", "photo", "logo", "tagging", "sexual", "substances",
    "harassment", "union", "public_concern", "class_account", "student_info", "home_info",
    "streaming", "copyright", "boundaries", "disclose", "inappropriate_sites",
    "comment_moderation", "encryption", "defamation",
})

# "How do I…", "who do I…", "can you…": requests for information or for a task, which a
# policy on staff conduct online does not answer unless they name its subject.
INFO_REQUEST = re.compile(
    r"^(?:how (?:do|can|should) (?:i|we)|who (?:do|should|can) (?:i|we)|who(?:'s| is) "
    r"(?:in charge|responsible)|what(?:'s| is| are) (?:the|my|our)|when (?:is|are|do|does)|"
    r"where (?:is|are|do|can)|is there|are there|(?:can|could|would|will) (?:you|u|ya)|"
    r"need the|i need (?:a|the|help)|help me|write|make|draft|summari[sz]e)\b"
)
# "can I …" about dealing with students or parents is a conduct question even when these
# policies are silent on it ("can I give a student a ride home?" gets "the policy doesn't say").
PERMISSION = re.compile(r"\b(?:can|may|could) i\b|\bis it (?:ok|okay|alright|fine)\b|"
                        r"\bam i allowed\b|\bshould i\b|\bam i supposed\b")
# …and only when the question is about a personal dealing with them.
DEALING = re.compile(r"\b(?:give|giving|drive|driving|ride|meet|meeting up|hug|buy|gift|visit|"
                     r"hang(?:ing)? out|date|dating|lend|borrow|tutor|pay|hire|babysit|invite|"
                     r"alone with|relationship|friends? with)\b")
RULE_WORDS = re.compile(r"\b(?:rules?|polic(?:y|ies)|allowed|permitted|against|ok|okay|"
                        r"supposed to|(?:can|may|should) i)\b")
PEOPLE = frozenset({"student", "parent", "colleague", "team", "former"})

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
    r"brain break|worksheet|quiz for|lesson for|sub coverage|who do i call|"
    r"copy (?:room|machine|code)|make copies|run off|laminat\w*|supply (?:closet|room|order)|"
    r"cover (?:my|a|the) (?:class|duty|lunch duty|recess duty))\b"
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
    if concepts & STRONG_SUBJECTS:
        return TopicCheck.POLICY
    if ERRANDS.search(text) or INFO_REQUEST.match(text):
        # "what's the rule on texting kids?" asks about the policy all the same.
        asks_rule = subject and RULE_WORDS.search(text) and not ERRANDS.search(text)
        return TopicCheck.POLICY if asks_rule else TopicCheck.OFF_TOPIC
    if subject:
        return TopicCheck.POLICY
    if concepts & PEOPLE and PERMISSION.search(text) and DEALING.search(text):
        return TopicCheck.POLICY
    return TopicCheck.OFF_TOPIC
