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
        "anonymity",
        "confidential",
        "student_info",
        "home_info",
        "give_number",
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
    "give_number", "streaming", "copyright", "boundaries", "disclose", "inappropriate_sites",
    "comment_moderation", "encryption", "defamation",
})

# Asking for suggestions, a task put as a question: "what's a good name for…", "best free app
# for…", though not "what's a good way to answer a parent?", which asks how to act.
SUGGESTION = (
    r"(?:what(?:'?s| is| are) (?:(?:a|an|some) )?(?:good|fun|cool|easy|quick|nice|free|cute|"
    r"catchy|creative) (?!ways?\b)|(?:what(?:'?s| is| are) )?(?:the )?best (?:free )?"
    r"(?:apps?|tools?|sites?|websites?|programs?|software|channels?|books?|games?|ideas?)\b)"
)
# "How do I…", "who do I…", "can you…": requests for information or for a task, which a
# policy on staff conduct online does not answer unless they name its subject.
INFO_REQUEST = re.compile(
    r"^(?:how (?:do|can|should) (?:i|we)|who (?:do|should|can) (?:i|we)|who(?:'s| is) "
    r"(?:in charge|responsible)|what(?:'?s| is| are) (?:the|my|our)|"
    r"when(?:'s| is| are| r| do| does)|"
    r"where (?:is|are|do|can)|is there|are there|(?:can|could|would|will) (?:you|u|ya)|"
    r"(?:does |has |did )?any(?:one|body) (?:else )?(?:know|have|seen|get|got)|"
    r"(?:can|could) (?:some|any)(?:one|body)|(?:text|call|email|dm|ping) me\b|do we have|"
    r"do (?:you|u) (?:know|have)|what time|which (?:room|day)|"
    r"need the|(?:i )?need (?:a|an|the|help|ideas?)|help me|write|make|draft|summari[sz]e|"
    r"recommend|suggest|brainstorm|"
    r"how (?:many|much|long|often)|"
    rf"{SUGGESTION}|"
    r"who (?:posted|posts|runs|manages|made|started|took)|"
    r"where (?:can|do|would|should) (?:i|we) (?:find|get|download|buy|print)|"
    # whether something is up yet, not whether the asker may post it
    r"(?:is|are|has|have) (?:the|our|this|that|today'?s|tomorrow'?s) (?:[\w'-]+ ){0,7}?"
    r"(?:been )?(?:posted|up|out|online)(?: (?:anywhere|yet|online|somewhere))?(?=[?!. ]*$))\b"
)
# "can I …" about dealing with students or parents is a conduct question even when these
# policies are silent on it ("can I give a student a ride home?" gets "the policy doesn't say").
PERMISSION = re.compile(r"\b(?:can|may|could) i\b|\bis it (?:ok|okay|alright|fine)\b|"
                        r"\bam i allowed\b|\bshould i\b|\bam i supposed\b|"
                        r"\b(?:ok|okay|alright|fine|allowed) to\b|\bproblem\?|"
                        r"\bis (?:that|this) (?:ok|okay|allowed|a problem)\b")
# …and only when the question is about a personal dealing with them.
DEALING = re.compile(r"\b(?:give|giving|drive|driving|ride|meet|meeting up|hug|buy|gift|visit|"
                     r"hang(?:ing)? out|date|dating|lend|borrow|tutor|pay|hire|babysit|invite|"
                     r"alone with|relationship|friends? with)\b")
# Words that ask about a rule; "how long is lunch supposed to be?" asks a fact.
RULE_WORDS = re.compile(r"\b(?:rules?|polic(?:y|ies)|allowed|permitted|against|ok|okay|"
                        # "is there anything about following coworkers?": what the policy says
                        r"anything (?:about|on|regarding)|say (?:anything|something) about|"
                        r"supposed to(?! be\b)|(?:can|may|should) i|approv\w*|have to|required|"
                        r"permission(?! slips?| forms?)|the right way|what happens if|"
                        r"(?:should|do) i do)\b")
# Ways of reaching students or parents: what makes an errand the occasion of a conduct question.
REACHING = frozenset({"social", "friend", "message", "post", "photo", "phone", "email",
                      "tagging", "give_number", "home_info"})
# "How should I respond…", "how do I handle…": asking how to conduct oneself, not for a task.
CONDUCT_ADVICE = re.compile(r"^(?:how|what) (?:should|do|can) (?:i|we) (?:respond|reply|react|"
                            r"handle|deal|answer|say)\b|^how should (?:i|we)\b")
PEOPLE = frozenset({"student", "parent", "colleague", "team", "former"})
# "Does this policy apply to me?" (a student teacher, a bus driver) is about the policy itself.
ABOUT_THE_POLICY = re.compile(
    r"\b(?:this|the|our|that|social media|social networking|district'?s?) polic(?:y|ies)\b"
    r"[^?.!]{0,40}\b(?:apply|applies|cover|covers|include|includes)\b|"
    r"\b(?:apply|applies) to (?:me|us|subs|substitutes|student teachers|volunteers)\b|"
    r"\bam i (?:even )?covered\b"
)
# A personal account, app or side business on a school computer: the policies' own subject,
# whatever the errand ("pull up my personal calendar on the school computer", "answer my
# shop's customers from my school laptop").
PERSONAL_USES = frozenset({"personal_account", "commerce"})

GREETING = re.compile(
    r"^(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|thanks?(?: you)?|thx|ty|help|"
    r"what can you do|who are you|what are you|how does this work|test|ping)\b[\s!?.]*$"
)

# Errands that share words with the policy domain ("password", "email") but are not about it.
ERRANDS = re.compile(
    r"\b(?:password|passcode|pw|wi-?fi|log ?in to|locked out|reset|printer|copier|toner|"
    r"rubric|lesson plan|sub plans?|substitute plans?|lunch menu|what'?s for lunch|cafeteria|"
    r"payroll|paycheck|pay stubs?|direct deposit|open enrollment|benefits enrollment|w-?2s?|"
    r"pto|personal day|sick day|parking|snow day|calendar for|early dismissal|"
    r"(?:2|two)[- ]?(?:hr|hour) delay|delayed (?:opening|start)|"
    r"bell schedule|room booking|projector|smartboard (?:not|won'?t)|write me|help me write|"
    r"grade book|gradebook|report cards? due|field trip form|seating chart|no signal|"
    r"brain break|worksheet|quiz for|lesson for|sub coverage|who do i call|"
    r"(?:birthday|bday|b-day|thank[- ]you|sympathy|retirement|get[- ]well|welcome) "
    r"(?:card|note|message|msg|speech|poem|toast)s?|"
    r"copy (?:room|machine|code)|make copies|run off|laminat\w*|supply (?:closet|room|order)|"
    r"extension|(?:i'?m|i am|i'?ll be) out sick|call(?:ing)? (?:in|out) sick|"
    r"(?:get|find|request) a sub|"
    r"sub (?:coordinator|office|line|system|finder)|"
    r"cover (?:my|a|the) (?:class|duty|lunch duty|recess duty))\b"
)
# Asking the assistant to do a task rather than asking about a rule.
ASSISTANT_TASK = re.compile(
    r"^(?:can|could|would|will) (?:you|u|ya) (?:pls |please )?(?:make|write|draft|create|give|"
    r"generate|build|plan|summari[sz]e|translate|grade|recommend|suggest|brainstorm|"
    r"come up with)\b|"
    # …or the same, put as an order: "recommend a read-aloud about friendship"
    r"^(?:pls |please )?(?:write|draft|generate|summari[sz]e|translate|recommend|suggest|"
    r"brainstorm|come up with|give me (?:some |a few |a list|ideas))\b|"
    rf"^{SUGGESTION}"
)


# Something that does not work: IT trouble, whatever device or account it names, unless the
# trouble is only why the asker wants to do something else ("talking points won't load, can
# I group text the team?").
TROUBLE = re.compile(
    r"\b(?:keeps? (?:crashing|freezing|logging me out|kicking me out)|crash(?:es|ed|ing)|"
    r"won'?t (?:load|open|charge|turn on|connect|sync|send|print)|"
    r"(?:isn'?t|is not|not|doesn'?t|does not|stopped) (?:working|loading|syncing|connecting)|"
    r"keeps? (?:dropping|glitching|buffering|lagging)|(?:isn'?t|is not|not|won'?t) updat\w*|"
    r"(?:is|are|was|went|goes|been) down\b|down(?: again)?(?=[?!. ]*$)|"
    r"(?:phone|laptop|battery|chromebook|ipad) (?:died|is dead)|"
    r"dial tone|(?:cracked|shattered|broken) screen|screen (?:is )?(?:cracked|shattered)|"
    r"(?:storage|inbox|mailbox|voicemail|drive) (?:is )?full|out of storage|error message)\b"
)
# The unmistakable kinds of TROUBLE, which decide even when the app is a social one; the rest
# ("take it down", "not working this week") can be a story around a policy question.
BROKEN_APP = re.compile(
    r"\b(?:keeps? (?:crashing|freezing|logging me out|kicking me out|glitching)|"
    r"won'?t (?:load|open|let me log ?in|sync)|error message|"
    r"(?:got|was|been|is) hacked|hacked (?:my|into))\b"
)
# Students' own conduct, asked with no part for the asker ("can a student be suspended for
# vaping?", "can students use phones in the hallway?"): the student handbook's matter, not
# the staff policy's. Any first-person word keeps the question ("can students see my posts?").
STUDENT_CONDUCT = re.compile(
    r"^(?:can|may|could|should|are|is|do|does|will|would) (?:a |the |any )?"
    r"(?:students?|kids?|pupils?) (?:be |get )?(?:suspended|expelled|disciplined|punished|"
    r"written up|detention|(?:allowed to )?(?:use|have|bring|carry) (?:their |a |his |her )?"
    r"(?:own )?(?:cell ?)?phones?)\b"
)
FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|we|us|our|i'?m|i'?ve|i'?d)\b")
# A request to the assistant itself ("can u tell me when…"): its verb is not the asker's act.
TO_THE_ASSISTANT = re.compile(
    r"^(?:(?:can|could|would|will) (?:you|u|ya) )?(?:pls |please )?(?:tell|show|remind) me\b"
)
# Looking up a person, a number or a date is an errand unless it asks about a rule.
LOOKUP = re.compile(
    r"^(?:who(?:'s| is| are) (?:our|my|the)|"
    r"what(?:'?s| is) (?:the|our|my) (?:[\w']+ ){0,4}(?:number|extension|fax|address|name|"
    r"email address|room|deadline|date)\b)"
)


# Sentences of a chat message; a story may come before the ask ("Coach here. We posted a team
# photo on the booster page. Can you help me write a thank-you note to the parents?").
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# "Anyway, …", "Unrelated: …": the ask turns away from the story.
TURNING = re.compile(r"^(?:(?:anyway|anyways|unrelated|also|btw|by the way|oh and|random "
                     r"question|quick question|separate question|side note|different question|"
                     r"totally unrelated|on another note|ok so|so)\b[\s,:;-]*)+")
# An ask that points back at the story ("who do I report this to?", "is that ok?") or asks
# whom to turn to about it is about the story, whatever its form.
BACK_REFERENCE = re.compile(
    r"\b(?:it|them|they|he|she|him|her|his|hers|theirs|such)\b|"
    r"\b(?:this|that|these|those)\b(?! (?:week|weekend|month|year|quarter|term|semester|"
    r"morning|afternoon|evening|friday|monday|tuesday|wednesday|thursday|saturday|sunday|time|"
    r"spring|fall|winter|summer)\b)|"
    r"^who (?:do|should|can|would) (?:i|we) (?:tell|talk|speak|report|ask|go|contact|notify|"
    r"call|email|loop|check|bring|run|reach)\b|"
    r"\bwhat (?:to|should i|do i|can i|would you) do\b|\bwhat now\b|\badvice\b|"
    r"\bhow to (?:handle|respond|reply|deal|react|answer)\b|\bnext steps?\b"
)


def classify_topic(question: str, lexicon: Lexicon) -> TopicCheck:
    text = normalise(question).strip()
    if GREETING.match(text):
        return TopicCheck.GREETING
    if _errand_after_story(text, lexicon):
        return TopicCheck.OFF_TOPIC
    if LOOKUP.match(text) and not RULE_WORDS.search(text):
        return TopicCheck.OFF_TOPIC
    concepts = set(lexicon.concepts(TO_THE_ASSISTANT.sub("", text), question=True))
    subject = concepts & SUBJECT_CONCEPTS
    if ABOUT_THE_POLICY.search(text):
        return TopicCheck.POLICY
    if STUDENT_CONDUCT.match(text) and not FIRST_PERSON.search(text):
        return TopicCheck.OFF_TOPIC
    info_request = INFO_REQUEST.match(text)
    if info_request and not _asks_conduct(text, concepts):
        # "how do i make a facebook event for the bake sale": a task that only names a platform.
        return TopicCheck.OFF_TOPIC
    if BROKEN_APP.search(text) and not (PERMISSION.search(text) or RULE_WORDS.search(text)):
        # "my twitter keeps logging me out": the platform is only where the trouble is.
        return TopicCheck.OFF_TOPIC
    if concepts & STRONG_SUBJECTS:
        return TopicCheck.POLICY
    if TROUBLE.search(text) and not PERMISSION.search(text):
        return TopicCheck.OFF_TOPIC
    errand = ERRANDS.search(text) or ASSISTANT_TASK.match(text)
    if errand or info_request:
        # "what's the rule on texting kids?" asks about the policy all the same, and so does
        # asking leave to deal with students or parents that an errand is only the occasion
        # for ("snow day, ok to text the kids from my cell?").
        dealing = (PERMISSION.search(text) and concepts & (PEOPLE - {"colleague"})
                   and concepts & REACHING)
        asks_rule = subject and RULE_WORDS.search(text) and (not errand or dealing)
        return TopicCheck.POLICY if asks_rule else TopicCheck.OFF_TOPIC
    if subject or ("school_device" in concepts and concepts & PERSONAL_USES):
        return TopicCheck.POLICY
    if concepts & PEOPLE and PERMISSION.search(text) and DEALING.search(text):
        return TopicCheck.POLICY
    return TopicCheck.OFF_TOPIC


def _errand_after_story(text: str, lexicon: Lexicon) -> bool:
    """A story that mentions class photos or the team chat, then an errand ("where do I pick up
    my ID badge?"): the ask, not the story, says what is wanted. Only a plain errand in its own
    words counts: one that names the policies' subject, asks a rule, asks how to act, or
    points back at the story is left to the whole message."""
    sentences = [s for s in SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2 or any(s.rstrip().endswith("?") for s in sentences[:-1]):
        return False
    ask = TURNING.sub("", sentences[-1].strip())
    if RULE_WORDS.search(ask) or CONDUCT_ADVICE.match(ask) or BACK_REFERENCE.search(ask):
        return False
    if not (INFO_REQUEST.match(ask) or ASSISTANT_TASK.match(ask) or ERRANDS.search(ask)
            or LOOKUP.match(ask)):
        return False
    return classify_topic(ask, lexicon) is not TopicCheck.POLICY


def _asks_conduct(text: str, concepts: set[str]) -> bool:
    """Does a "how do I…/what's…/can you…" ask how staff may act, rather than for a task?"""
    # Colleagues do not count: "do we have a staff group chat?" is a lookup.
    people = concepts & (PEOPLE - {"colleague"}) and not ASSISTANT_TASK.match(text)
    return bool(concepts & SUBJECT_CONCEPTS) and bool(
        RULE_WORDS.search(text) or CONDUCT_ADVICE.match(text) or people
    )
