"""From retrieved sentences to a verdict a teacher can act on.

Two readings decide every case:
- the *modality* of the governing sentence, in the policy's own words (shall not,
  may not, prohibited, discouraged, encouraged, nothing in this policy prohibits,
  except / unless / without prior approval), read with its list lead-in; and
- its *scope*: whether the words that limit the rule (current students, working
  time, school computers, posting) cover the situation the asker describes
  (a former student, a weekend, a personal phone, just reading).

Caution is built in: `allowed` needs a sentence that explicitly permits or
directs the act; weak evidence or a scope gap gives `not_addressed`; when
sentences disagree the more restrictive one wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Literal

from bot.answer import Verdict
from bot.language import mark_non_students, normalise
from bot.modality import EXCEPT_LEAD, OBTAINABLE, PERMIT, Reading, read_sentence, rx
from bot.retrieval import Hit

# --- the asker's situation --------------------------------------------------------------------
Q_FORMER = rx(
    r"\bformer\b",
    r"\bi had (?:him|her|them )?in (?:\d|kindergarten|k\b|pre-?k)",
    r"\b(?:is|are|now) (?:1[89]|2\d)(?: now)?\b",
    r"\bgraduat(?!ing\b|es (?:in|this|next)\b)",  # not "she's graduating in may"…
    r"\b(?:once|after|when) (?:she|he|they|(?:\w+ )?\w+) graduat",  # …unless it is after
    r"\balum",
    r"used to (?:teach|have|coach)",
    r"\bi had (?:last|a few|two|three|\d+)",
    r"\bhad (?:him|her|them) (?:last|in|as)",
    r"\blast year\b",
    r"\byears? ago\b",
    r"\bin college\b",
    r"\bno longer\b",
    r"\bex-?students?\b",
    r"\bold students?\b",
    r"\bpast students?\b",
    r"\bclass of (?:19|20)?\d\d\b",
    r"\bnow (?:a|an|in) (?:college|adult|senior)",
)
# A parent as the person the asker deals with ("a mom sent me a request", "text a parent"),
# not a parent mentioned in passing ("the town moms group").
_PARENT = (
    r"(?:parents?|moms?|dads?|mothers?|fathers?|guardians?|grand(?:ma|pa|parents?)|"
    r"step(?:mom|dad)s?)"
)
_DEALS = (
    r"(?:sent|send|request|friend|follow|add|asked|wants|text|txt|msg|messag|dm|call|email|contact|"
    r"reach|accept|connect)"
)
_NOT = r"(?<!not a )(?<!not )(?<!no )"  # "not a parent", "no parents"
# The asker as a parent ("they know me as his mom", "i'm a mom of two here"): not someone
# the asker deals with.
_NOT_ME_AS = (
    r"(?<!\bas a )(?<!\bas an )(?<!\bas his )(?<!\bas her )(?<!\bas their )"
    r"(?<!\bi'm a )(?<!\bim a )(?<!\bi am a )(?<!\balso a )"
)
# "her mom made her an insta and she requested me": the child, not the parent, deals with the
# asker once another subject takes over.
_SAME_SUBJECT = r"(?:(?!\band (?:s?he|they)\b)[^.?!])"
Q_PARENT = rx(
    rf"{_NOT}{_NOT_ME_AS}\b{_PARENT}\b(?! (?:fb |facebook )?group)"
    rf"{_SAME_SUBJECT}{{0,60}}\b{_DEALS}",
    rf"\b{_DEALS}\w*\b[^.?!]{{0,30}}{_NOT}{_NOT_ME_AS}\b{_PARENT}\b",
)
Q_COLLEAGUE = rx(
    r"\bcolleague",
    r"\bco-?workers?\b",
    r"\bfellow (?:teacher|staff)",
    r"\bother (?:[\w-]+ ){0,2}?teachers?\b",  # "the other 4th grade teachers"
    r"\banother teacher\b",
    r"\bteacher friend",
    r"\bmy (?:new |old |former |assistant |vice )?(?:principal|ap|supervisor|boss|"
    r"department head|dept head|superintendent)\b",
    # "our principal sent me a follow request", "the building sub sent me a FB request": the
    # one reaching out is a colleague.
    r"\b(?:our|the|a|another) (?:new |assistant |vice |building |long[- ]term |permanent |"
    r"daily |regular )?(?:principal|ap|supervisor|boss|superintendent|supt|sub|substitute)"
    r"(?: teacher)? (?:just )?(?:sent|friended|followed|added|requested|tagged|wants to)\b",
    r"\bstaff members?\b",
    r"\bretire",
    # the rest of the staff: "the lunch ladies", "other coaches from other towns"
    r"\b(?:lunch|cafeteria|kitchen|office) (?:ladies|lady|staff|workers?|crew|aides?)\b",
    r"\b(?:the|our|a|my|with|other) (?:school |front office )?(?:custodians?|janitors?|"
    r"secretar(?:y|ies)|bus drivers)\b",  # not the asker's own role: "secretary here -"
    r"\b(?:other|fellow) (?:[\w-]+ ){0,2}?(?:coaches|paras|aides|nurses|counselors|"
    r"principals|administrators|admins|employees)\b",
    r"\bcoaches (?:from|at|in) (?:other|another|different)\b",
    # "the new teacher across the hall", "the para next door"
    r"\b(?:teachers?|paras?|aides?|coach(?:es)?|counselors?) (?:across|down) the hall\b",
    r"\b(?:teachers?|paras?|aides?) next door\b",
    # Someone else in a staff role: "the gym teacher", "my co-teacher", "the school nurse";
    # not the asker's own ("I'm a para", "as the librarian").
    r"(?<!i'm )(?<!im )(?<!i am )(?<!as )(?<!i was )\b(?:the|my|our|one of (?:the|our|"
    r"my)|a fellow|fellow) (?:new )?(?:[\w-]+ ){0,2}?(?:teachers?|co-?teachers?|coach(?:es)?|"
    r"librarians?|media specialists?|nurses?|counselors?|(?:department |dept )?chairs?|"
    r"bus drivers?|mentors?|teammates?|work (?:bestie|friend|wife|husband)s?|"
    r"interventionists?|psychologists?|social workers?|therapists?|(?:band|athletic|music|"
    r"choir|theat(?:er|re)|drama|activities|technology|tech|curriculum|sped|special education) "
    r"directors?)\b",
)
# Where the asker heard something: "heard from another teacher", "according to my principal".
Q_SOURCE = rx(
    r"\b(?:heard|found out|learned|learnt) (?:it |this |that )?(?:from|through|via) (?:a |an |"
    r"another |my |our |one of (?:my|our|the) )?(?:\w+ ){0,2}?(?:colleagues?|co-?workers?|"
    r"teachers?|staff members?|principal|ap|supervisor|boss|superintendent)\b",
    r"\baccording to (?:a |an |another |my |our )?(?:\w+ )?(?:colleague|co-?worker|teacher|"
    r"principal|supervisor|boss|superintendent)s?\b",
)
# Someone in the asker's own life who is no student: "my neighbor sent me a friend request".
Q_OUTSIDER = rx(
    r"\bmy (?:(?:old|college|best) )*(?:neighbou?rs?|cousins?|roommates?|sisters?|brothers?|"
    r"aunts?|uncles?|husband|wife|spouse|boyfriend|girlfriend|bf|gf|ex|in-laws?)\b(?!'s?)",
    r"\b(?:a|the|local) realtor\b",
    # grown-ups of the community, not students: "the PTO president", "a local reporter"
    r"\b(?:pto|pta|booster club|boosters?) (?:president|vice president|treasurer|secretary|chair|"
    r"member|mom|dad)s?\b",
    r"\b(?:a|the|local|our) (?:local )?(?:news )?(?:reporter|journalist)s?\b",
    r"\bmy (?:pastor|priest|rabbi|imam|hairdresser|hair stylist|stylist|barber|doctor|dentist|"
    r"landlord|mechanic|(?:personal )?trainer|mail ?man|mail carrier)\b",
)
# The asker following an organisation's own account ("follow the district's official
# twitter"): no person, let alone a student, is on the other end.
Q_FOLLOWS_AN_ACCOUNT = rx(
    r"\b(?:follow|like|friend|join|subscribe to)\w* (?:the |our |my )?(?:school |district |town |"
    r"city |state )?(?:district|school|town|city|library|pto|pta|union|museum|department|dept)'?s? "
    r"(?:official |main |new )?(?:twitter|x|fb|facebook|page|account|acct|insta\w*|ig|tiktok|"
    r"channel|feed|newsletter)\b",
)
# "another", "a diff(e)rent" (as typed): somewhere that is not the asker's
_ELSEWHERE = r"(?:another|other|(?:a )?(?:different|diffrent|differnt|diff))"
# A student, but not one of the district's: "goes to school in a diff district", "at the
# catholic school", "not one of our kids". Rules on *current* or *enrolled* students mean the
# district's own. Another school *of* the district is still the district's.
Q_NOT_OUR_STUDENT = rx(
    rf"\b(?:{_ELSEWHERE}|neighbou?ring|nearby|next) "
    r"(?:town|district|school district|school system)s?\b",
    r"\b(?:private|catholic|parochial|charter|prep) school\b",
    r"\b(?:not|isn'?t|aren'?t) (?:one of )?(?:our|my|the district'?s) (?:own )?(?:kids|students)\b",
    r"\bnot (?:a |an )?(?:student|kid) (?:here|at our school|in (?:our|this|the) district)\b",
    r"\bnot (?:in|from) (?:our|this|my) district\b",
)
Q_STUDENT = rx(
    r"\bstudents?\b",
    r"\bkids?\b",
    r"\bkiddos?\b",
    r"\bpupils?\b",
    r"\bplayers?\b",
    r"\bathletes?\b",
    r"\bcaptains?\b",
    r"\bgraders?\b",
    r"\bmy class\b",
    r"\bchild(?:ren)?\b",
    r"\bson\b",
    r"\bdaughter\b",
    r"\bseniors?\b",
    r"\bjuniors?\b",
    r"\bfreshm[ae]n\b",
    r"\bsophomores?\b",
    r"\bteam\b",
)
Q_PERSONAL_DEVICE = rx(
    r"\bmy (?:own )?(?:personal )?(?:phone|cell|iphone|android|device|laptop|"
    r"ipad|tablet)",
    r"\bown (?:phone|device|laptop|cell)",
    r"\bpersonal (?:phone|device|laptop|cell)",
    r"\bmy data\b",
)
Q_SCHOOL_DEVICE = rx(
    r"\b(?:school|district) (?:computer|laptop|desktop|chromebook|device|ipad|tablet|network|"
    r"wifi|wi-fi|phone)",
    r"\bwork (?:computer|laptop)",
    r"\b(?:classroom|library|lab|computer lab|media center|front office|office|staff room|"
    r"lounge|teacher|smartboard|projector) (?:computer|laptop|desktop|pc|ipad|chromebook)",
    r"\b(?:circ|circulation|front|reception|attendance|main office|library) desk (?:computer|pc)",
    r"\bchromebook",
    r"school-issued|district-issued|school issued|district issued",
)
Q_READ_ONLY = rx(
    r"\bscroll",
    r"\bbrows",
    r"\bjust (?:read|look|check|view|watch)",
    r"\bonly (?:read|look|check|view)",
    r"\bnot (?:posting|commenting|post)\b",
    r"\bwithout posting\b",
    r"\blurk",
    r"\bread(?:ing)? (?:only|my feed)",
    r"\b(?:look|looking) at\b",
    r"\bview(?:ing)?\b",
    # "check insta at lunch": reading one's feed
    r"\bcheck(?:ing)? (?:my )?(?:insta\w*|ig|fb|facebook|twitter|tiktok|reddit|social media|"
    r"(?:my )?feeds?)\b",
)
# Writing something, which reading-only never covers: "leave a quick comment on my friend's
# post? not posting anything on my own page" still posts.
Q_WRITES = rx(
    r"\b(?:leave|leaving|write|writing|drop|dropping|add|adding|post|posting) (?:a |an )?"
    r"(?:quick |short |little |nice |a few |some )?(?:comment|reply|response|review|note)s?\b",
    r"(?<!not )(?<!no )(?<!without )\b(?:comment|reply|respond)(?:ing|s|ed)? (?:on|to|under)\b",
)
Q_PERSONAL_TIME = rx(
    r"\bweekends?\b",
    r"\bsaturday\b",
    r"\bsunday\b",
    r"\bevenings?\b",
    r"\bat night\b",
    r"\btonight\b",
    r"\bafter school\b",
    r"\bafter hours\b",
    r"\bafter work\b",
    r"\bsummer\b",
    r"\bvacation\b",
    r"\bon my own time\b",
    r"\bpersonal time\b",
    r"\bday off\b",
    r"\bat home\b",
    r"\boff the clock\b",
    r"\b(?:on|this|next|last) (?:sat|sun)\b",
    r"\b(?:[5-9]|1[01])(?::\d\d)? ?pm\b",
    r"\bmidnight\b",
    r"\b(?:spring|winter|february|feb|april|thanksgiving|holiday) (?:break|vacation)\b",
)
Q_WORK_TIME = rx(
    r"\bbetween (?:my |our |the )?(?:[\w-]+ ){0,2}?(?:classes|periods|lessons)\b",
    r"\b(?:google meet|zoom|teams|remote|virtual|online) (?:classes|class|lessons?|teaching)\b",
    r"\bpassing (?:time|period)\b",
    r"\bprep\b",
    # "planning to post" and "the duty roster" are no time; the lexicon's worktime terms
    # carry the same two exclusions, to rank by.
    r"\bplanning\b(?! (?:to|on)\b)",
    r"\bduring (?:the )?(?:school|"
    r"class|work|the day|my)",
    r"\bschool (?:day|hours)\b",
    r"\bwork ?(?:hours|day|"
    r"time)\b",
    r"\bpd\b",
    r"\bprofessional development\b",
    r"\b(?:meeting|mtgs?)\b",
    r"\bon the clock\b",
    r"\blunch\b",
    r"\bduty\b(?! (?:schedules?|roster|assignments?|rotation|list|coverage)\b)",
    r"\bclass time\b",
    r"\bhomeroom\b",
    r"\bstudy hall\b",
    r"\bat work\b",
    r"\bin class\b",
    r"\b(?:1st|2nd|3rd|[4-9]th|first|second|third|fourth|fifth|sixth|seventh|eighth|last) "
    r"(?:period|block)\b",
    r"\bwhile (?:my|the|our) (?:kids|kiddos|students|class|scholars)\b",
    r"\b(?:silent|independent) reading\b",
    r"\brecess\b",
    r"\bduring (?:a|the) (?:test|quiz|exam)\b",
    # Support staff speak of shifts and tasks: "custodian on 2nd shift", "while i clean".
    r"\b(?:on|during) (?:my |the )?(?:\w+ )?shift\b",
    r"\b(?:1st|2nd|3rd|first|second|third|night|day|morning) shift\b",
    r"\bwhile i(?:'m| am)? (?:clean|work|teach|driv|supervis|cover|sub\b|proctor|tutor)",
)
Q_NOT_SCHOOL_DEVICE = rx(
    r"\b(?:not|never|no|without|isn'?t|wasn'?t|nothing) (?:on |using |with |through |via |over "
    r")?(?:the |a |any |my )?(?:school|district|work)(?:'s)? (?:wifi|wi-fi|network|internet|"
    r"computers?|laptops?|devices?|chromebooks?|ipads?|tablets?|desktops?)\b",
)
Q_NOT_WORK_TIME = rx(
    r"\b(?:not|never|isn'?t|wasn'?t) (?:\w+ )?(?:during|on|at|in) (?:the |my )?"
    r"(?:work|school|class|clock|contract|duty)\w*(?: (?:hours|time|day))?",
    r"\boutside (?:of )?(?:the )?(?:work|school|contract|duty)\w*(?: (?:hours|time|day))?",
    # "on my unpaid lunch, im off the clock": time the asker is not paid to work
    r"\boff the clock\b",
    r"\b(?:(?:during|on|at|in) (?:my|an?|the|our) )?unpaid (?:lunch|break)\b",
)
# Days the asker does not work at all: the school is closed or the asker is on leave. Rules
# on working time do not reach them, even "during what would normally be school hours".
Q_OFF_WORK = rx(
    # …not a remote snow day, which is a working day
    r"(?<!remote )(?<!virtual )(?<!online )\bsnow days?\b"
    r"(?! (?:announcement|call|calls|decision|policy|schedule|make-?ups?|alert|post|message)s?\b)",
    r"\b(?:school|schools|building)(?:'s| is| are| was)? (?:closed|cancell?ed)\b",
    r"\bno school (?:today|tomorrow|tmrw)\b",
    r"\b(?:medical|maternity|paternity|parental|family|sick|bereavement|fmla) leave\b",
    r"\b(?:i'?m|i am|im|while|when|i was) (?:\w+ )?on leave\b",
    r"\b(?:out|home) sick\b",
    r"\b(?:sick|personal) day\b",
)
# "not urgent", "no emergency": the asker rules the exception out.
Q_NOT_EMERGENCY = rx(
    r"\b(?:not|isn'?t|wasn'?t|nothing) (?:really |super |that |an? )?(?:urgent|emergency)\b",
    r"\bno emergency\b",
    r"\bnon-?emergency\b",
)
# A student's health or safety at stake, not just haste.
Q_DANGER = rx(
    r"\bhurt(?:ing)? (?:him|her|them)sel",
    r"\bkill(?:ing)? (?:him|her|them)sel",
    r"\bsuicid",
    r"\bself-harm",
    r"\b(?:being|was|is|getting) abused\b",
    r"\b(?:maybe|possible|suspected|reporting|disclosed) abuse\b",
    r"\bin danger\b",
    r"\bsafety (?:concern|threat|issue|risk)",
    r"\bran away\b",
    r"\brunaway\b",
    r"\binjur",
    r"\bseizure",
    r"\ballergic reaction",
    r"\banaphyla",
    r"\bepi-?pen",
    r"\basthma attack",
    r"\bpassed out\b",
    r"\bunconscious\b",
    r"\bcollapsed\b",
    r"\bambulance\b",
    r"\b911\b",
    r"\bunsafe\b",
    # the school's own safety events, and a child unaccounted for in one
    r"\blockdown\b",
    r"\bevacuat",
    r"\bfire alarm\b",
    r"\bshelter(?:ing)? in place\b",
    r"\b(?:is|are|was|were|went|goes|gone) missing\b",
    r"\bmissing (?:kid|student|child|camper|player)\b",
    r"\bcrisis\b",
)
Q_EMERGENCY = rx(
    Q_DANGER.pattern,
    # nothing but the phone to hand: "all i have is my cell", "only way i can reach"
    r"\b(?:all|only thing) i(?:'ve| have)? (?:got |have )?is my (?:cell|phone)",
    r"\bonly way (?:i can|to) (?:reach|contact|call|get)",
    r"\bno other way\b",
    r"\bright now\b",
    r"\bemergenc",
    r"\burgent",
    r"\blost\b",
    r"\bseparated\b",
    r"\bcan'?t reach\b",
    r"\bstranded\b",
    r"\bbroke(?:n)? down\b",
    r"\bstuck (?:on|at|in)\b",
    r"\baccident\b",
    r"\bemts?\b",
)
Q_PRIVACY_MATTER = rx(
    r"\bmedical\b",
    r"\binjur",
    r"\bacl\b",
    r"\bconcussion",
    r"\brehab",
    r"\bhealth\b",
    r"\bdoctor",
    r"\bsurgery\b",
    r"\bgrades?\b",
    r"\beligib",
    r"\bacademic",
    r"\bfailing\b",
    r"\bgpa\b",
    r"\breport card",
    r"\bmeds?\b",
    r"\bmedication",
    r"\bsick\b",
    r"\btherapy\b",
)
Q_CONDITION_ABSENT = rx(
    r"\bno need for (?:a |any )?(?:disclaimer|permission|approval)",
    r"\bdon'?t (?:need|want)(?: to (?:add|include|put|use|get|ask for|bother with))? "
    r"(?:a |any )?(?:disclaimer|permission|approval)",
    r"\bskip(?:ping)? the (?:disclaimer|permission|approval)",
    r"\bno disclaimer\b",
    r"\bwithout (?:a )?disclaimer\b",
    r"\bwithout (?:asking|permission|approval)\b",
    r"\bdidn'?t (?:ask|get permission|get approval)\b",
    r"\bno (?:permission|approval)\b",
    r"\bnot encrypted\b",
    r"\bwithout encrypt",
    r"\bwithout (?:telling|copying|cc)",
)
Q_ASKS_OBLIGATION = rx(
    r"\bdo i (?:have|need) to\b",
    r"\bam i (?:required|supposed)\b",
    r"\bmust i\b",
    r"\bneed to\b",
    r"\bhave to\b",
    r"\brequired\b",
    r"\banything (?:special|i need)",
    r"\bloop (?:anyone|someone) in\b",
    r"\bsupposed to\b",
)


@dataclass
class Situation:
    """What the question says about the case, in the terms that decide verdicts."""

    former: bool = False
    parent: bool = False
    colleague: bool = False
    outsider: bool = False
    student: bool = False
    personal_device: bool = False
    school_device: bool = False
    read_only: bool = False
    personal_time: bool = False
    off_work: bool = False  # a snow day, on leave: no working time at all that day
    work_time: bool = False
    emergency: bool = False
    privacy_matter: bool = False
    condition_absent: bool = False
    asks_obligation: bool = False
    about_district: bool = False  # "can the district / admin / the superintendent …?"
    done_to_me: bool = False  # "a coworker tagged me in…": someone else's deed
    asks_to_report: bool = False  # "do i have to report it?": a duty to tell on others
    not_our_student: bool = False  # a student of another district or a private school
    fears_discipline: bool = False  # "can i get in trouble for…?"
    stays_silent: bool = False  # "can i just stay out of it?": keeping quiet about another

    @classmethod
    def of(cls, question: str) -> Situation:
        q = mark_non_students(normalise(question))
        flags = {flag: bool(pattern.search(q)) for flag, pattern in _SITUATION.items()}
        flags["read_only"] = (flags["read_only"] or bool(Q_SHOWS_IN_CLASS.search(q))) and not (
            Q_WRITES.search(q))
        flags["emergency"] = flags["emergency"] and bool(
            Q_EMERGENCY.search(Q_NOT_EMERGENCY.sub(" ", q)))
        # "heard from another teacher that…": a colleague who only told the asker something
        # is not whom the asker deals with.
        flags["colleague"] = flags["colleague"] and bool(Q_COLLEAGUE.search(Q_SOURCE.sub(" ", q)))
        if Q_NOT_WORK_TIME.search(q):  # "not during work obviously" is the asker's own time
            flags["personal_time"] = True
            flags["work_time"] = bool(Q_WORK_TIME.search(Q_NOT_WORK_TIME.sub(" ", q)))
        # "…on my own phone, not on school wifi": the school's network ruled out
        flags["school_device"] = flags["school_device"] and bool(
            Q_SCHOOL_DEVICE.search(Q_NOT_SCHOOL_DEVICE.sub(" ", q)))
        if flags["off_work"]:
            flags["personal_time"], flags["work_time"] = True, False
            # "medical leave", "a sick day" are the asker's, not a student's health
            flags["privacy_matter"] = bool(Q_PRIVACY_MATTER.search(Q_OFF_WORK.sub(" ", q)))
        return cls(**flags)


Q_ABOUT_DISTRICT = rx(
    r"\b(?:can|could|will|would|does|do|is|are|may) (?:the |my |our )?(?:district|school|admin\w*|"
    r"superintendent|supe|principal|board|hr|boss|they|central office)\b",
    r"\bam i supposed to (?:tell|report)",
    r"\bshould i (?:tell|report)\b",
    r"\b(?:tell|report) (?:someone|anyone|admin|my principal)",
)
# "Will the district cover my legal costs / back me up?": help the asker hopes for, which no
# power the district keeps (to monitor, to discipline, to alert the police) grants.
Q_ASKS_SUPPORT = rx(
    r"\b(?:cover|pay(?: for)?|reimburse|defend|represent|protect|back|support|stand behind|"
    r"indemnif\w*|provide (?:a |me (?:with )?a )?lawyer for) (?:me|my|us|our)\b",
    r"\b(?:have|has|got) my back\b",
)

# The asker's case set apart from their job: "my personal insta, nothing to do with school".
Q_UNRELATED_TO_JOB = rx(
    r"\b(?:nothing|not anything) to do with (?:school|work|my job|the district|teaching)\b",
    r"\bnot (?:school|work|job)[- ]related\b",
    r"\bunrelated to (?:school|work|my job)\b",
    r"\bnon-?(?:school|work)(?: related)? (?:stuff|things|topics|matters|chat|talk)\b",
    r"\bnot (?:about|for) (?:school|class|work)\b",
)
# "can i get in trouble for something i post?": about the district's power only when the asker
# names nothing a rule is about (see `decide`); "…for posting explicit excerpts?" or "…for
# texting my players?" asks about the posting or the texting.
Q_FEARS_DISCIPLINE = rx(
    r"\bget (?:in trouble|fired|disciplined|written up|let go|canned|terminated)\b",
    # "can they really discipline me for…?": the same fear, put as the district's power
    r"\b(?:discipline|fire|punish|suspend|terminate) me\b", r"\bwrite me up\b",
    r"\blet me go\b", r"\blose my job\b",
)

# Something someone else did to the asker ("a coworker tagged me in a pic from the bar", "a
# parent posted a video of me at practice", "a kid made a tiktok making fun of me"). It is
# what the question is about, not an act of the asker's, so the policy's rules on posting do
# not answer it. A subject "I" makes it the asker's own act ("i posted a pic of me and…").
_NOT_ME = r"(?<!\bi )(?<!\bi just )(?<!\bi already )(?<!\bi have )(?<!\bi've )(?<!\bwe )"
Q_DONE_TO_ME = rx(
    rf"{_NOT_ME}\b(?:tag(?:s|ged|ging)|mention(?:s|ed|ing)|call(?:s|ed|ing) me out|"
    r"call(?:s|ed|ing) out|roast(?:s|ed|ing)|screenshot(?:s|ted|ting)|film(?:s|ed|ing)|"
    r"record(?:s|ed|ing)|trash(?:es|ed|ing)|bash(?:es|ed|ing)) me\b[^.?!,;]*",
    rf"{_NOT_ME}\b(?:posted|posts|(?:is|was|keeps|been) posting|shared|shares|uploaded|uploads|"
    r"put up|puts up|made|makes|(?:is|was) making|created|wrote|writes|reposted|retweeted|"
    r"spread|sent around)\b[^.?!,;]{0,50}?\b(?:of|about|mocking|with|tagging) me\b[^.?!,;]*",
    # …and what the asker would have them do about it: "can i make her untag me"
    r"\b(?:make|ask|get|have|tell) (?:her|him|them|the \w+|my \w+)(?: to)? (?:untag|take (?:it |"
    r"that |them |those |the \w+ )?down|remove|delete)\w*(?: (?:me|it|that|them|those))?\b",
)


# The district making the asker do something to their own accounts ("can they make me hand
# over my password?", "could the district require me to delete my facebook?"), and the words
# a power must use to reach that demand ("may request that the employee cease such activity").
_COMPELS = (r"\b(?:make|makes|force|forces|require|requires|demand|demands|order|orders|"
            r"compel|compels|pressure|tell|tells|ask|asks|direct|directs|instruct|instructs) "
            r"(?:me|us|staff|teachers|employees|(?:that )?(?:i|we))\b"
            r"[^.?!]{0,30}?\b")
Q_DEMANDS_CREDENTIALS = rx(
    rf"{_COMPELS}(?:hand\w* over|giv\w*|turn\w* over|shar\w*|provid\w*|tell\w*|disclos\w*)"
    r"\b[^.?!]{0,25}?\b(?:passwords?|log-?ins?|credentials|usernames?|passcodes?)\b",
)
Q_DEMANDS_DELETION = rx(
    rf"{_COMPELS}(?:delet\w*|deactivat\w*|shut\w* down|clos\w*|remov\w*|take down|get rid of)"
    r" (?:my|our|an?|the|that|this|those|these|it|them|posts?|pics?|photos?|stuff|something)\b",
    rf"{_COMPELS}(?:take|pull) (?:it|that|this|them|those|\w+ posts?) down\b",
)
S_GRANTS_CREDENTIALS = rx(r"\b(?:passwords?|log-?ins?|credentials)\b")
S_GRANTS_DELETION = rx(r"\b(?:remov\w*|delet\w*|cease|take down|deactivat\w*)\b")


def _demand_on_the_asker(question: str) -> re.Pattern[str] | None:
    """The words a district power must use to reach what the question says the district
    would make the asker do, or None when it asks no such thing."""
    q = normalise(question)
    if Q_DEMANDS_CREDENTIALS.search(q):
        return S_GRANTS_CREDENTIALS
    if Q_DEMANDS_DELETION.search(q):
        return S_GRANTS_DELETION
    return None


# Whether the asker must tell on someone ("saw a coworker post something racist, am i
# required to report it?", "do i have to say anything?"): a duty the policy may not set.
_DUTY = (r"\b(?:have to|need to|required to|supposed to|obligated to|obliged to|expected to|"
         r"must i|should i|do i|gotta) (?:\w+ ){0,2}?")
Q_ASKS_TO_REPORT = rx(
    # …not what to say in one's own post ("need to say anything special?": a disclaimer)
    rf"{_DUTY}(?:report|say (?:something|anything))\b(?! (?:special|specific|particular|extra|"
    r"in (?:it|the post|my post|the caption)|like)\b)",
    # telling someone in charge, not telling a student something ("need to tell one kid…")
    rf"{_DUTY}(?:tell|notify|inform|flag \w+ (?:to|for)) (?:someone|somebody|anyone|anybody|"
    r"admin\w*|hr|the (?:office|district|principal|superintendent|ad)|my (?:principal|boss|"
    r"supervisor|ap|admin\w*|department head|dept head))\b",
)
# Keeping quiet about someone else's conduct ("can i just stay out of it?", "not my business
# right?"): against a duty to report, the act asked about is the silence. The lexicon's
# report_duty ask_terms carry the same phrases, to find the duty.
Q_STAYS_SILENT = rx(
    r"\bstay(?:ing)? out of (?:it|this|that)\b",
    r"\b(?:not|n'?t|without) (?:say(?:ing)?|tell(?:ing)?) (?:anything|anyone|anybody|a word)\b",
    r"\bkeep (?:quiet|my mouth shut|it to myself)\b",
    r"\b(?:mind my own business|not my business|none of my business)\b",
    r"\blook the other way\b",
    r"\bpretend i (?:did not|didn'?t|never) s(?:ee|aw)\b",
    r"\b(?:not|n'?t) (?:report|flag)(?:ing)? (?:it|this|that|her|him|them)\b",
)
# Each flag of a Situation and the wording in a question that sets it.
_SITUATION: dict[str, re.Pattern[str]] = {
    "former": Q_FORMER,
    "parent": Q_PARENT,
    "colleague": Q_COLLEAGUE,
    "outsider": Q_OUTSIDER,
    "student": Q_STUDENT,
    "personal_device": Q_PERSONAL_DEVICE,
    "school_device": Q_SCHOOL_DEVICE,
    "read_only": Q_READ_ONLY,
    "personal_time": Q_PERSONAL_TIME,
    "off_work": Q_OFF_WORK,
    "work_time": Q_WORK_TIME,
    "emergency": Q_EMERGENCY,
    "privacy_matter": Q_PRIVACY_MATTER,
    "condition_absent": Q_CONDITION_ABSENT,
    "asks_obligation": Q_ASKS_OBLIGATION,
    "about_district": Q_ABOUT_DISTRICT,
    "done_to_me": Q_DONE_TO_ME,
    "asks_to_report": Q_ASKS_TO_REPORT,
    "not_our_student": Q_NOT_OUR_STUDENT,
    "fears_discipline": Q_FEARS_DISCIPLINE,
    "stays_silent": Q_STAYS_SILENT,
}

# What a rule's own words limit it to.
S_CURRENT = rx(r"\bcurrent(?:ly)?\b")
Q_CONNECT_REQUEST = rx(r"\b(?:friend|follow|connection) req")
S_FORMER = rx(r"\bformer\b", r"\bgraduat", r"\balumni\b")
S_ENROLLED = rx(S_CURRENT.pattern, r"\benrolled\b")
S_STUDENT = rx(r"\bstudents?'?\b", r"\bteam members\b", r"\bteam captains\b", r"\bchild")
S_PARENT = rx(
    r"\bparents?\b",
    r"\bguardians?\b",
    r"\bfamil(?:y|ies)\b",
    r"\bcommunity\b",
    r"\bany individual",
    r"\bthird part",
    r"\bindividuals\b",
)
S_COLLEAGUE = rx(
    r"\bother (?:[a-z]+ ){0,4}employees\b",
    r"\bfellow\b",
    r"\bcolleague",
    r"\bpersonnel and medical",
    r"\bfaculty or staff\b",
    r"\bother staff",
)
# A rule limited to what comes of the staff member's job.
S_JOB_SCOPE = rx(
    r"\bin connection with (?:one's|his|her|their|his/her) (?:position|employment|duties|job)\b",
    r"\bwithin the ambit of (?:one's|his|her|their) duties\b",
    # …and rules on school business, whatever the channel
    r"\bschool business\b",
    r"\bany matter relating to education\b",
)
# "Middletown computers": computers named without an owner are the district's.
UNOWNED_COMPUTERS = r"\b(?!personal\b|home\b|own\b|their\b|his\b|her\b)[a-z]+ computers\b"
S_SCHOOL_DEVICE = rx(
    r"school district computer resources",
    r"\bschool computers?\b",
    r"\bschool district's network\b",
    UNOWNED_COMPUTERS,
    r"\bdistrict's computer\b",
    r"\bschool district computers?\b",
    r"\b(?:school|district)[- ](?:owned|issued|provided) (?:computers?|devices?|equipment|"
    r"technology|laptops?)\b",
    r"\b(?:school|district) (?:devices|equipment|laptops|network)\b",
)
S_THROUGH_SCHOOL_SYSTEMS = rx(
    r"\b(?:through|via|by way of|using only|only through|only via) (?:the )?"
    r"(?:school(?: district)?|district)(?:'s)? "
    r"(?:computers?|telephones?|systems?|resources|network|devices|accounts?)\b",
)
S_POST_ONLY = rx(
    r"\bpost(?:ing|s)?\b",
    r"\bupdates to their status\b",
    r"\bcomments?\b",
    r"\bstatements\b",
    r"\bpublish",
)
S_ACCESS = rx(r"\baccess", r"\bvisit", r"\bview", r"\bbrows", r"\bread")
# The whole working day: a ban on it reaches lunch and prep periods too.
S_WHOLE_WORKDAY = rx(
    r"\bworking (?:time|hours)\b",
    r"\bwork (?:hours|time)\b",
    r"\bschool (?:time|day|hours)\b",
    r"\bwork ?day\b",
    r"\b(?:duty|contract|contractual) (?:hours|time)\b",
)
S_WORK_TIME = rx(
    S_WHOLE_WORKDAY.pattern,
    r"\bregular work hours\b",
    r"\binstructional (?:time|hours|periods?)\b",
    r"\bclass time\b",
    r"\bduring (?:class|classes|the work ?day)\b",
    r"\bwhile on duty\b",
    # parts of the working day: a permission for them says nothing about evenings
    r"\bduty-free lunch\b",
    r"\blunch (?:break|period)s?\b",
    r"\bprep(?:aration)? periods?\b",
    r"\bplanning periods?\b",
)
S_ALL_TIMES = rx(
    r"\bat all times\b",
    r"\bboth during and after\b",
    r"\bpersonal time\b",
    r"\boutside their professional\b",
)
# Work outside the school day ("professional meetings outside of typical school hours"): it
# reaches evenings and summers, not a day the asker does not work at all.
S_WORK_AFTER_HOURS = rx(r"\boutside of typical school hours\b")
# Rules about dealing *with* someone (friending, messaging, fraternizing), as opposed to
# rules about what may be posted: only these stop at the kind of person named.
S_INTERACTION = rx(
    r"\bfriend",
    r"\bfollow",
    r"\bcommunicat",
    r"\bcontact",
    r"\bmessag",
    r"\btext",
    r"\bfraterniz",
    r"\binvitations?\b",
    r"\brelationship",
    r"\bphone",
    r"\bconversation",
    r"\bemail chat",
)
S_EDU_ACCOUNT = rx(
    r"educational (?:facebook|social networking) account", r"school/class social network account"
)
Q_CLASS_ACCOUNT = rx(
    r"\bclass(?:room)? (?:page|account|acct|insta|ig|fb|facebook|twitter|blog|site|snap|tiktok)",
    r"\b(?:team|club|school|building|district|library|professional|educational|official)(?:'s)? "
    r"(?:official |approved )?"
    r"(?:page|account|acct|insta|ig|fb|facebook|twitter|tiktok)",
    r"\bfor (?:my|our) (?:\w+ ){0,3}?class(?:room)?\b",
    # "an instagram for my robotics club"
    r"\b(?:page|account|acct|group|server|channel|insta\w*|ig|fb|facebook|twitter|tiktok|discord|"
    r"groupme|youtube|blog|snap\w*) for (?:my|our|the) (?:\w+ ){0,3}?(?:team|club|program|"
    r"department|band|choir|chorus|cast|ensemble|squad)\b",
)
S_PERSONAL_USE = rx(
    r"\bfor personal (?:use|reasons)\b",
    r"\bpersonal use\b",
    r"\bpersonal social (?:media|networking) sites?\b",
)
# A ban on personal use in working time ("Access of social networking websites for personal
# use during school hours…") leaves the school's own account, run in that time, outside it.
S_PERSONAL_USE_AT_WORK = rx(r"\bfor personal use during\b")
# "…except to the extent that a particular telephonic communication does not generate a
# written document": a voice call is outside; a text is not.
S_UNLESS_WRITTEN = rx(r"\bdoes not generate a written document\b")
Q_VOICE_CALL = rx(r"\bcall(?:s|ed|ing)?\b", r"\bring\b",
                  r"\bphone (?:them|him|her|a|the|my|his|their)\b")
Q_WRITTEN = rx(r"\btext", r"\btxt", r"\bmsg\b", r"\bmessag", r"\bdm\b", r"\be-?mail",
               r"\bvoicemail")
# A ban on "instructional time" or "while supervising students" does not reach a duty-free
# lunch or a prep period; one on "working time" or "the school day" does.
S_CLASS_TIME_ONLY = rx(
    r"\binstructional (?:time|hours|periods?)\b",
    r"\bclass time\b",
    r"\bduring (?:class|classes|instruction)\b",
)
# A rule about staff members' own accounts ("on personal social media accounts").
S_PERSONAL_ACCOUNTS = rx(r"\bpersonal (?:social (?:media|networking) )?accounts?\b")
# A sentence whose subject is the district's own accounts ("District-sponsored accounts are
# reserved for school purposes") rules those accounts, not what staff post on their own.
S_SCHOOL_ACCOUNTS_SUBJECT = rx(
    r"^\W*(?:[a-z]\.\s+)?(?:the )?(?P<scope>(?:district-sponsored|school-sponsored|"
    r"official (?:district|school)|district|school|class(?:room)?|educational) "
    r"(?:social media )?accounts?)\b"
)
# "…on my personal ig? not the class page": a class account the asker rules out.
Q_NOT_CLASS_ACCOUNT = rx(
    r"\b(?:not|never) (?:on )?(?:the|our|my|a) (?:class|classroom|school|team|club)(?:'s)? \w+"
)


def _names_class_account(q: str) -> bool:
    """The (normalised) question names a class account it does not rule out."""
    return bool(Q_CLASS_ACCOUNT.search(Q_NOT_CLASS_ACCOUNT.sub("", q)))


# A personal social-media account (not a personal phone or email, as Q_PERSONAL_ACCOUNT has).
Q_PERSONAL_SOCIAL = rx(
    r"\bpersonal (?:account|acct|fb|facebook|insta|ig|instagram|page|twitter|tiktok|social|blog)",
    r"\bmy own (?:acct|account|fb|facebook|page|insta|ig|twitter|tiktok|blog)",
)
S_AFTER_HOURS = rx(r"outside of regular school hours")
# Showing or playing something to the class ("play a youtube video in class", "play music
# from spotify in class"): teaching, and no posting.
Q_SHOWS_IN_CLASS = rx(
    r"\b(?:show|play)(?:ing|s)? (?:(?:my|the|our) (?:class|students|kids) )?"
    r"(?:a |an |the |this |some )?(?:\w+ ){0,2}?(?:video|clip|tiktok|reel|short|music|song)s? "
    r"(?:(?:from|on|off) (?:\w+ )?)?"
    r"(?:in|to|for|during) (?:my |the |our )?(?:class|classes|students|kids|lesson|period)\b",
)
Q_EDUCATIONAL = rx(
    r"google classroom",
    r"\bseesaw\b",
    r"\bclass ?dojo\b",
    r"\bcanvas\b",
    r"\bschoology\b",
    r"\bpadlet\b",
    r"\bdiscussion boards?\b",
    r"\bflip(?:grid)?\b",
    r"\beducational\b",
    r"\bfor (?:a |the )?(?:lesson|unit|class project|assignment)",
    Q_SHOWS_IN_CLASS.pattern,
    r"\bkahoot\b",
    r"\bnearpod\b",
    # …not a picture taken *from* the school website to use elsewhere
    r"(?<!from )(?<!from the )(?<!from our )(?<!from my )(?<!off the )(?<!off our )"
    r"\b(?:school|district|class) (?:website|web ?page|site|portal)\b",
    r"\bclass newsletter\b",
)
# A question that says the matter is not confidential is outside a confidential-matter rule.
Q_NOT_CONFIDENTIAL = rx(
    r"\bnothing confidential\b",
    r"\bnot confidential\b",
    r"\bnon-?confidential\b",
    r"\bnothing private\b",
)
S_CONFIDENTIAL_MATTER = rx(r"\bconfidential (?:matter|information)\b")

# The asker wants the opposite of what a directive rule asks for.
Q_PERSONAL_ACCOUNT = rx(
    r"\bpersonal (?:e-?mail|gmail|yahoo|account|acct|fb|facebook|insta|ig|messenger|page|cell)",
    r"\bpersonal phone\b",
    r"\bmy own (?:acct|account|fb|page|cell|phone)",
    r"\bfrom my (?:personal|own|private|cell|phone)",
    r"\bmy (?:gmail|yahoo|hotmail|cell)\b",
)
# Apps staff pick for themselves, as opposed to a district's own platform or account.
CONSUMER_APP = (r"(?:insta|instagram|ig|snap|snapchat|fb|facebook|tiktok|twitter|messenger|"
                r"whatsapp|groupme|discord)")
# …used with no class, club or team account in the question.
_NO_SCHOOL_ACCOUNT = r"^(?!.*\b(?:class|club|team|school|program) (?:page|account|acct|insta|fb)\b)"
OPPOSITES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        rx(r"\bdelet", r"\berase", r"\bwipe", r"\bget rid of", r"\bclear (?:out|the)"),
        rx(r"\bsave\b", r"\bretain", r"\bretention\b", r"\barchiv", r"\bforward copies"),
    ),
    (
        rx(r"\bstay public\b", r"\bkeep (?:it|my \w+) public", r"\bnot private\b", r"\bpublic\b",
           r"\bdefault (?:privacy )?settings?\b", r"\b(?:any ?one|everyone) can (?:find|see|view)",
           r"\bopen to (?:everyone|anyone|the world)\b"),
        rx(r"privacy settings", r"\bprivatize"),
    ),
    (
        rx(
            r"\banonymous",
            r"\banon\b",
            r"\bburner\b",
            r"\bfake (?:name|account|profile)",
            r"\bwithout (?:using )?my (?:real )?name",
            r"\b(?:not|doesn'?t|don'?t|never) (?:use|using|show|showing|under) my (?:real )?name",
            r"\bhide (?:my|that|who)",
            r"\bfinsta\b",
            r"\balias\b",
            r"\bpseudonym",
            r"\balt (?:account|acct)",
            r"\bsecret (?:account|acct|page|blog)",
            # "…without saying i work there", "leave out that im a teacher"
            r"\b(?:without|not|never|don'?t|leave out|leaving out) (?:saying|mentioning|revealing|"
            r"telling (?:anyone|people)|say|mention|reveal)? ?(?:that )?i'?m? (?:work|teach|"
            r"a teacher|an? (?:employee|staff))",
            r"\bwithout (?:people|anyone|them) knowing (?:it'?s|who)",
        ),
        rx(
            r"\bidentify themselves\b",
            r"\bhonest about their identity",
            r"\bsay so\b",
            r"\bnever hide",
        ),
    ),
    (
        Q_PERSONAL_ACCOUNT,
        rx(
            r"only through school-based resources",
            r"school-provided email",
            r"official school email",
            r"(?:must|only) use his/her educational",
            r"through the district's computer and telephone",
            r"mps accepted communication platforms",
            r"should utilize a professional email address",
            r"exclusively, to communicate",
            r"(?:must|shall) take place through (?:the )?district",
        ),
    ),
    (
        rx(
            r"\bjust (?:her|him|one)\b",
            # (captains instead of the whole team: the pair below decides)
            r"^(?!.*\bcaptains?\b).*?\binstead of (?:the )?(?:whole|entire|all)\b",
            r"\bone of (?:my |the |our )(?!captains)[a-z]+s\b",
            r"\bprivately\b",
            r"\bone (?:player|athlete|student|kid)\b",
            r"\bindividual",
            r"\bone-on-one\b",
            r"\b1:1\b",
            r"\bdirectly\b",
        ),
        rx(r"all team members", r"three or more"),
    ),
    # Captains alone fall short of "all team members or a group of three or more", unless
    # the rule names team captains ("…or to team captains").
    (
        rx(
            r"\b(?:only|just) (?:my |the |our )?(?:\w+ )?captains?\b",
            r"\b(?:2|two|both) (?:of )?(?:my |the |our )?captains\b",
            r"\bone of (?:my |the |our )?captains\b",
            r"\b(?:my|the|our) (?:team |squad )?captain\b(?!s)",  # one captain
        ),
        rx(r"^(?!.*\bteam captains\b).*\b(?:all team members|three or more)"),
    ),
    (Q_SCHOOL_DEVICE, rx(r"\bnon-\w+ devices\b")),
    # One's everyday email for a social account, against "a separate e-mail address that is
    # used only with a social media site".
    (
        rx(
            r"\b(?:regular|everyday|every day|usual|normal|main|same|existing|current|home|"
            r"personal|own) (?:personal )?(?:gmail|email|e-mail|yahoo|hotmail|outlook|icloud)\b",
            r"\bkeep using my (?:\w+ )?(?:gmail|email|e-mail|one)\b",
        ),
        rx(r"\bseparate e-?mail address\b"),
    ),
    # Browsing one's own social media on a school computer, against "…computers and work time
    # are to be used for Middletown-related business" (the class page is the district's).
    (
        rx(
            rf"^(?=.*(?:{Q_SCHOOL_DEVICE.pattern}))(?=.*\b(?:personal|my (?:own )?(?:fb|insta\w*|"
            r"ig|tiktok|twitter)|fb|facebook|insta\w*|ig|tiktok|twitter|snap\w*|reddit|pinterest)\b)"
            r"(?!.*\b(?:class|school|team|club|district|library|department) (?:page|account|acct|"
            r"insta\w*|fb|facebook|site|website|blog|twitter)\b)"
            # keeping up one's own site is for "…personal sites … using non-Middletown devices"
            r"(?!.*\b(?:post|update|upload|maintain|keep up|edit)\w*)"
        ),
        rx(r"\bcomputers? and [^.]{0,40}to be used for [\w-]+ business\b"),
    ),
    # A side business, against "computers and work time are to be used for district business".
    (
        rx(
            r"\bmy (?:own |small |little |side |tutoring |\w+ )?(?:business|shop|store|etsy|"
            r"side hustle|customers|clients)\b",
            r"\bon the side\b",
            r"\bside (?:hustle|gig|job|business)\b",
        ),
        rx(r"\bto be used for [\w-]+ business\b"),
    ),
    (
        # Messaging a student on a social app, when no class or club account is involved.
        rx(
            rf"{_NO_SCHOOL_ACCOUNT}.*\b(?:dm|dms|direct message|message|msg|text|snap|chat)\w*\b"
            rf"[^.?!]{{0,40}}\b(?:on|via|thru|through|from|over) (?:my )?{CONSUMER_APP}\b",
            # "a snapchat group with my whole team", "a groupme for my players"
            rf"{_NO_SCHOOL_ACCOUNT}.*\b{CONSUMER_APP} (?:group|chat|gc|group chat|group dm)\b",
            rf"{_NO_SCHOOL_ACCOUNT}.*\b(?:a|an|our) {CONSUMER_APP}\b[^.?!]{{0,30}}\b(?:for|with) "
            r"(?:my |the |our |all )(?:whole |entire )?"
            r"(?:team|players|athletes|kids|students|class|squad|roster)\b",
        ),
        rx(
            r"through the district's computer and telephone systems",
            r"only through school-based resources",
            r"mps accepted communication platforms",
            r"only use his/her educational",
            r"must use his/her educational",
        ),
    ),
    (
        rx(
            r"\bcomments? open\b",
            r"\bw/?o (?:me )?approv",
            r"\bwithout (?:me )?approv",
            r"\bnot moderat",
            r"\bunmoderated\b",
            r"\bturn off (?:comment )?moderation",
            r"\bno moderation\b",
        ),
        rx(r"reviewed and approved", r"comment moderation"),
    ),
    (
        rx(
            r"\bmeme\b",
            r"\bclown",
            r"\bmock",
            r"\bmaking fun\b",
            r"\bmake fun\b",
            r"\broast",
            r"\btrash",
            r"\bphotoshop",
        ),
        rx(r"of a positive nature", r"reflect positively"),
    ),
    (
        rx(
            r"\bsame account\b", r"\bone (?:account|acct|insta|fb|page)\b", r"\bcombine",
            r"\bmerge", r"\bturn my personal", r"\bmix(?:ed|ing)?\b",
            r"\binstead of (?:making|creating|starting|setting up|opening|having) (?:a |an )?"
            r"(?:separate|new|whole new|second|class|classroom|school|professional)\b",
            r"\b(?:use|using|post\w* (?:from|on)) my (?:own |regular |personal |main )"
            r"(?:insta\w*|ig|fb|facebook|twitter|tiktok|page|account|acct)\b[^.?!]{0,20}"
            r"\bfor (?:my )?(?:class|classroom|school|team|club)\b",
        ),
        rx(r"\bseparate\b", r"\bboundar(?:y|ies) (?:line )?between\b", r"\bline between\b",
           r"\bblurred\b"),
    ),
]
# The asker's case is what a prohibition is *not* about (school email vs. personal email):
# that rule grants nothing and forbids nothing here.
OUTSIDE: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        # …unless the school email is only the reason ("my school email is down") for a
        # personal one.
        rx(r"^(?!.*\b(?:gmail|yahoo|hotmail|outlook\.com|personal e-?mail|my own e-?mail)\b)"
           r".*\b(?:school|work|district) e-?mail\b"),
        rx(
            r"personal email address",
            r"personal email account",
            r"only through school-based resources",
            r"school-provided email",
        ),
    ),
    # A phone call is a conversation, not the "electronic communication" a rule confines to
    # school systems (texts, email and messages are).
    (
        rx(r"^(?!.*\b(?:text|txt|messag|msg|dm|e-?mail|snap|chat)).*\bcall(?:s|ing)?\b"),
        rx(r"\bcommunicate electronically\b", r"\belectronic communications?\b"),
    ),
]
# The asker describes doing exactly what the rule requires (the school account, the whole
# team on Talking Points, approving comments first): the rule is met, so the act is allowed.
Q_SCHOOL_CHANNEL = rx(
    r"\bschool (?:e-?mail|acct|account)",
    r"\bwork e-?mail\b",
    r"\bdistrict (?:e-?mail|account)",
    r"\bofficial (?:school )?(?:account|acct)",
    r"\bfrom my school\b",
    # The district's own channels: "the district's official athletics twitter".
    r"\b(?:district|school)(?:'s)? official\b",
    r"\bofficial (?:district|school|athletics?)\b",
    r"\bdistrict(?:'s)? (?:athletics?|sports) "
    r"(?:twitter|account|acct|page|insta\w*|ig|fb|facebook)",
)
COMPLIANCE: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        rx(
            r"\b(?:after work|after school|at night|on weekends?|at home)\b[^.?!]{0,40}"
            r"\b(?:my own|personal) (?:laptop|computer|phone|device)",
            r"\b(?:my own|personal) (?:laptop|computer|phone|device)\b[^.?!]{0,40}"
            r"\b(?:after work|after school|at night|on weekends?|at home)\b",
        ),
        rx(r"own time using non-"),
    ),
    (
        Q_SCHOOL_CHANNEL,
        rx(
            r"school-based resources",
            r"school-provided email",
            r"official school email account",
            r"professional email address",
            r"of an official nature",
        ),
    ),
    (
        rx(
            # …on the district's platform, not on an app of the asker's choosing.
            rf"^(?!.*\b{CONSUMER_APP}\b).*\b(?:whole (?:team|roster|squad)|all (?:my |the )?"
            r"(?:players|team|athletes)|entire (?:team|roster)|group (?:text|chat|message))\b",
            r"\btalking points\b",
        ),
        rx(r"all team members", r"three or more", r"mps accepted communication platforms"),
    ),
    (
        rx(r"\bapprove (?:the )?comments\b", r"\bmoderat", r"\breview (?:the )?comments\b"),
        rx(r"reviewed and approved", r"comment moderation"),
    ),
    (rx(r"\bencrypt"), rx(r"\bencrypted\b")),
    (
        rx(
            r"\b(?:got|have|had|with) (?:the |his |her |their )?(?:permission|approval|ok)\b",
            r"\bis approved\b",
            r"\b(?:principal|superintendent|supe|district) approved\b",
        ),
        rx(r"\bapproval\b", r"\bpermission\b"),
    ),
]
# A rule that also names the platform ("…through MPS accepted communication platforms") is
# met only when the asker uses one: a group text from a personal phone reaches the whole team
# but not by the district's channel.
S_NAMES_PLATFORM = rx(r"\baccepted communication platforms?\b")
Q_SCHOOL_PLATFORM = rx(
    Q_SCHOOL_CHANNEL.pattern,
    r"\btalking points\b",
    r"\bparent ?square\b",
    r"\bremind (?:app|\.com)\b",
    r"\b(?:district|school|mps)(?:-| )(?:approved|accepted|provided|run|official) "
    r"(?:app|platform|system)s?\b",
)


def _complies(question: str, rule_text: str) -> bool:
    """The asker describes doing everything the rule requires."""
    if S_NAMES_PLATFORM.search(normalise(rule_text)) and not Q_SCHOOL_PLATFORM.search(
        normalise(question)
    ):
        return False
    return _pairs_match(COMPLIANCE, question, rule_text)


# The policy names the asker's exact case as an allowed alternative or exception.
S_OWN_FAMILY = rx(
    r"\b(?:(?:does|do|shall) not apply to|nothing in this policy (?:restricts|prohibits|limits|"
    r"prevents))\b[^.]{0,80}\b(?:own children|children|grandchildren|relatives|family members|"
    r"household)\b"
)
_A_CLASS_ACCOUNT = (  # …one the asker does not rule out ("…on my personal fb, not the class page")
    r"(?<!not the )(?<!not my )(?<!not our )(?<!not a )"
    r"\b(?:class|classroom|team|club)(?:'s)? (?:page|account|acct|fb|facebook|insta|group)"
)
# "random guy (not a parent or anything)", "my cousin (not a teacher or parent)", and a
# parent from elsewhere ("a mom from a different school"), who is no parent "of such students"
_NO_PARENT = (
    rf"^(?!.*\bnot (?:a |an |the )?(?:[\w-]+ (?:or|and|nor) )?{_PARENT}\b)"
    rf"(?!.*(?:{Q_NOT_OUR_STUDENT.pattern}|\b{_ELSEWHERE} schools?\b))"
)
# Where the district speaks officially: "the official twitter", "our school's FB page".
_OFFICIAL_MEDIUM = (
    r"(?:account|page|feed|twitter|x|fb|facebook|insta\w*|ig|newsletter|website|site)"
)
CARVE_OUTS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        rx(rf"{_NOT}(?<!non-)(?<!non )(?<!isn't a )(?<!isnt a )\bcaptains?\b"),
        rx(r"\bor to team captains\b"),
    ),
    # "…to my google calendar", or a calendar the question opens with ("personal google cal
    # on my school laptop ok?")
    (rx(r"(?:^|\b(?:check\w*|access\w*|us(?:e|ing)|open\w*|pull(?:ing)? up|look(?:ing)? at|"
        r"updat\w*|schedul\w*|on|in|into|to) )(?:my |the |a |our )?(?:own |personal |private |"
        r"google |gmail |outlook )*(?:calendar|g?cal)\b"), rx(r"except to access a calendar")),
    (rx(r"\b(?:school|class) project\b"), rx(r"unless it involves a school project")),
    # "friends of the educational account should be limited to … students and parents":
    # the people the list names may join the class account.
    (
        rx(
            # …joining it, not being messaged from some other account "instead of the class page"
            rf"{_NO_PARENT}(?=.*\b(?:friend|follow|add|join|request|req|accept|connect))"
            rf".*?\b{_PARENT}\b[^.?!]{{0,60}}{_A_CLASS_ACCOUNT}",
            # "I made a class fb … a student's mom sent a friend req to it"
            rf"{_NO_PARENT}.*?{_A_CLASS_ACCOUNT}\b[^?!]{{0,60}}\b{_PARENT}\b[^.?!]{{0,40}}"
            r"\b(?:request|req|add|follow)",
            # "on my class fb page can i accept friend requests from parents?"
            rf"{_NO_PARENT}.*?{_A_CLASS_ACCOUNT}\b[^?!]{{0,60}}\b(?:request|req|add|follow|"
            rf"accept)\w*\b[^.?!]{{0,40}}\b{_PARENT}\b",
        ),
        rx(r"\b(?:limited|restricted) to\b[^.]{0,120}\bparents\b",
           r"\bshould only be members of\b[^.]{0,120}\bparents\b"),
    ),
    # "…without a disclaimer, unless the communication is of an official nature": a disclaimer
    # or a title on the district's own official account, run as part of the job.
    (
        rx(
            r"^(?=.*\b(?:disclaimers?|(?:views?|opinions?) (?:are )?my own|job title|my title|"
            rf"signature))(?=.*\b(?:official (?:\w+ )?{_OFFICIAL_MEDIUM}|as part of my job|"
            r"official capacity|on behalf of the (?:school|district)|\bofficially\b|"
            # the district's own feed: "posting on the district FB page"
            rf"\b(?:the|our) (?:district|school)(?:'?s)? (?:\w+ )?{_OFFICIAL_MEDIUM}\b))"
        ),
        rx(r"\bof an official nature\b"),
    ),
    # "The restriction in item 1 does not apply to an employee's own children…": a teacher's
    # own child ("my kids" is how teachers speak of their students, so not that).
    (
        rx(
            r"\bmy (?:own )?(?:daughters?|sons?|child|children|step-?(?:son|daughter|kid)s?|"
            r"grand(?:daughter|son|child|kid)s?|nieces?|nephews?|own kids?)\b"
        ),
        S_OWN_FAMILY,
    ),
]


def allowing_words(quote: str) -> str:
    """The words of a quote that allow the act: a carve-out the policy names ("unless the
    communication is of an official nature") or its permission wording. Whitespace and
    markdown are flattened as in a summary line."""
    flat = " ".join(quote.split()).replace("**", "")
    text = normalise(flat)  # same length as `flat`
    for pattern in [rule for _, rule in CARVE_OUTS] + [PERMIT]:
        match = pattern.search(text)
        if match:
            return flat[match.start() : match.end()]
    return ""


# Negation around the asked act: a directive never becomes "allowed" for such a question.
Q_NEGATED = rx(
    r"\bwithout\b",
    r"\bw/o\b",
    r"\bnot\b",
    r"\bno\b",
    r"\bnever\b",
    r"\bskip",
    r"\binstead of\b",
    r"\brather than\b",
    r"\bdon'?t\b",
    r"\bdoesn'?t\b",
    r"\b(?:haven'?t|hasn'?t|didn'?t)\b",
)
Q_BREAK = rx(
    r"\blunch\b(?! duty)",
    r"\bbreak\b",
    r"\bunassigned\b",
    r"\bduty[- ]free\b",
    r"\bfree period\b",
    r"\btotally free\b",
    r"\bno class\b",
)
Q_ON_DUTY = rx(
    r"\bprep\b",
    r"\bplanning\b",
    r"\bpd\b",
    r"\bprofessional development\b",
    r"\bmeeting\b",
    r"\bclass time\b",
    r"\bin class\b",
    r"\binstruction",
    r"\bproctor",
    r"\bstudy hall\b",
    r"(?<!not )(?<!no )\b(?:lunch |recess |bus )?duty\b(?![- ]free)",
)
# A permission for "a duty-free lunch, a break or a preparation period" reaches those
# times only: not class time, a test, or recess duty.
S_BREAK_TIME = rx(
    r"\blunch\b",
    r"\bbreaks?\b",
    r"\b(?:prep|preparation|planning|unassigned|free) (?:periods?|time)\b",
)
Q_PREP = rx(r"\bprep\b", r"\bplanning\b", r"\bpreparation\b")
S_PREP_TIME = rx(r"\b(?:prep|preparation|planning) (?:periods?|time)\b")


# Whether a ban on the school day leaves any time free ("at any point during the day, or is it
# completely off limits?"): its exception for breaks is the answer.
Q_ANY_TIME_AT_ALL = rx(
    r"\b(?:at any (?:point|time)|at all|any time|anytime|ever|some ?time|any ?where)\b",
    r"\b(?:total(?:ly)?|complete(?:ly)?|blanket|flat[- ]?out|100%) (?:ban(?:ned)?|no|off[- ]limits|"
    r"forbidden|prohibited|not allowed)\b",
)


# Acts that only use a site: what a break reserved for "access … for personal use" covers.
BROWSING = frozenset({"access", "reading"})


def _on_a_break(question: str) -> bool:
    """Lunch or a break, not duty; "not lunch duty, my actual lunch" is a break."""
    q = re.sub(r"\b(?:not?|don'?t have|do not have|without|off) (?:\w+ ){0,2}?duty\b", " ",
               normalise(question))
    return bool(Q_BREAK.search(q) and not Q_ON_DUTY.search(q))


def _break_time_only(hit: Hit, situation: Situation, question: str) -> bool:
    """A permission for lunch and breaks, asked about class time, duty, or a prep period it
    does not name."""
    text = normalise(hit.passage.text)
    return (
        situation.work_time
        and bool(S_BREAK_TIME.search(text))
        and not _on_a_break(question)
        and not (Q_PREP.search(normalise(question)) and S_PREP_TIME.search(text))
    )


Q_SCHOOL_PROJECT = rx(
    r"\bproject\b",
    r"\bclass (?:acct|account|page|insta|twitter|blog)",
    r"\blibrary (?:insta|account|page|twitter)",
    r"\bschool (?:acct|account|page)",
    r"\bscience fair\b",
    r"\bexperiment\b",
    r"\bcitizen science\b",
    # the class itself posting: "my 4th period robotics class wants to live-tweet our build"
    r"\b(?:my|our) (?:[\w-]+ ){0,3}?(?:class|students|graders|kids|period) (?:is |are |will |to |"
    r"wants? to |gets? to )?(?:live-?tweet|tweet|post|blog)\w*",
    # Schoolwork: "live tweet with an author for our unit", "as part of the lesson".
    r"\bfor (?:our|my|the|a|this) (?:\w+ )?(?:unit|lesson|assignment|class activity)\b",
    r"\b(?:class|school) assignment\b",
    r"\bas part of (?:the|a|our|my) (?:\w+ )?(?:lesson|unit|class|curriculum)\b",
    # what the library or class runs for students: "our library is running a reading bracket"
    r"\b(?:our|the|my) (?:library|class|classroom|school) is (?:running|doing|hosting|holding)\b",
    r"\b(?:library|classroom|class|school-?wide) (?:[\w-]+ )?(?:program|contest|competition|"
    r"challenge|read-?a-?thon|bracket)\b",
)
# "Approval to create a class account" is a hurdle for making the account, not for each
# post on one that exists.
S_CREATES_ACCOUNT = rx(
    r"\b(?:creat|establish)\w* (?:an? |any |the )?(?:[\w/-]+ ){0,4}(?:accounts?|pages?|sites?)\b"
)
Q_CREATES_ACCOUNT = rx(
    r"\b(?:creat|establish|set ?up|setting up|start|mak|open|launch)\w*\b(?:\W+\w+){0,5}?\W+"
    r"(?:accounts?|accts?|pages?|insta\w*|ig|twitter|tiktok|blogs?|sites?|profiles?|facebook|fb"
    r"|group|servers?|channels?|discord|groupme|youtube)\b",
)

# Concepts that name what the asker wants to *do*; a rule that speaks to none of them
# does not decide the case.
# What a district can do about staff posts: a "can the district…?" question is decided by a
# power sentence about the same thing (monitoring, discipline, reporting).
DISTRICT_ACTS = frozenset({"monitor", "discipline", "records"})
S_DISCIPLINE = rx(r"\bdisciplin", r"\bterminat", r"\bsanction")
# Acts so common that sharing one says little about whether a directive is about the case.
GENERIC_ACTS = frozenset({"post", "message", "access", "photo"})
# Which account: what an "elsewhere" scope gap turns on, not the act itself.
ACCOUNT_KINDS = frozenset({"class_account", "edu_site", "personal_account"})
# Accessing a site is satisfied by a sentence about such sites, even if it says "use".
ACT_EQUIVALENTS = {
    "access": frozenset({"access", "social", "edu_site", "streaming", "inappropriate_sites"}),
    # Posting is done by accessing a site: an access rule governs posting too.
    "post": frozenset({"post", "access"}),
}
ACT_CONCEPTS = frozenset(
    {
        "friend",
        "post",
        "photo",
        "message",
        "email",
        "logo",
        "tagging",
        "records",
        "monitor",
        "identity",
        "anonymity",
        "privacy_settings",
        "copyright",
        "union",
        "public_concern",
        "streaming",
        "inappropriate_sites",
        "encryption",
        "comment_moderation",
        "class_account",
        "access",
        "disclose",
        "home_info",
        "give_number",
        "separate_accounts",
    }
)


# The asker answering back is their own act, whatever the words: "can i clap back?"
Q_HITS_BACK = rx(
    r"\b(?:respond|reply|replies|answer (?:her|him|them|back)|comment|clap(?:ping)? back|"
    r"fir(?:e|ing) back|hit(?:ting)? back|push(?:ing)? back|defend|call (?:her|him|them|it) out|"
    r"expose|rant|vent|go off|say something|tell (?:her|him|them) off)",
)


def askers_own_words(question: str) -> str:
    """The (normalised) question without what someone else did to the asker."""
    return Q_DONE_TO_ME.sub(" ", normalise(question))


def askers_concepts(question: str, concepts_of: ConceptsOf) -> set[str]:
    """The question's concepts, with the acts of someone else's deed on the asker kept out of
    the asker's acts: its subject matter (alcohol, a student) still counts."""
    concepts = set(concepts_of(question))
    own = askers_own_words(question)
    if own == normalise(question):
        return concepts
    return (concepts - ACT_CONCEPTS) | (set(concepts_of(own)) & ACT_CONCEPTS)


@dataclass
class ScopeGap:
    """The word of the rule that leaves the asker's case outside it.

    `elsewhere` gaps (personal use vs. an educational site) mean another clause is
    likelier to decide the case, so the search goes on instead of stopping here.
    """

    qualifier: str
    limiting_word: str
    elsewhere: bool = False
    of_policy: bool = False  # the limit is whom the whole policy applies to, not one rule
    # A rule on posting asked about reading: a rule on access among the candidates may still
    # reach the case; only if none does is this limit the answer.
    deferred: bool = False

    @property
    def scope(self) -> str:
        """The rule's reach, in its own words: "*current* students", "*working time*"."""
        if self.limiting_word == "current":
            return "*current* students"
        return f"*{self.limiting_word}*"

    def explain(self) -> str:
        return (
            f"This {'policy' if self.of_policy else 'rule'} covers {self.scope}; your question "
            f"is about {self.qualifier}, which its wording does not reach."
        )


def scope_gap(
    situation: Situation, rule_text: str, question: str = "", sentence: str = ""
) -> ScopeGap | None:
    """The scope word of the rule that leaves the asker's case out, if any.

    `rule_text` is the sentence with its list lead-in; `sentence` alone is used where a
    lead-in's wording would mislead ("uses of the school district's network" introduces
    rules that are not about devices)."""
    t, q = normalise(rule_text), normalise(question)
    interaction = bool(S_INTERACTION.search(t))
    if situation.former and not S_FORMER.search(t) and (S_STUDENT.search(t) or S_CURRENT.search(t)):
        word = "current" if S_CURRENT.search(t) else "students"
        return ScopeGap("former students", word)
    # A district's rule on dealing with "students" is about its own students.
    if situation.not_our_student and S_STUDENT.search(t) and (
            match := S_ENROLLED.search(t)
            or (interaction and situation.student and S_STUDENT.search(t))):
        return ScopeGap("a student who is not enrolled in this district", match.group(0))
    # A rule on dealings with students, asked about parents or colleagues it does not name.
    if interaction and S_STUDENT.search(t):
        for asks, unless, named_in_rule, qualifier in (
            (situation.parent, situation.former, (S_PARENT,), "parents"),
            (situation.colleague, situation.student, (S_COLLEAGUE,), "colleagues"),
            (bool(Q_FOLLOWS_AN_ACCOUNT.search(q)), situation.student, (),
             "an organisation's own account"),
            # …unless it is the class account they ask to join: its own rules decide that.
            (situation.outsider, situation.student or bool(Q_CLASS_ACCOUNT.search(q)),
             (S_PARENT,), "people who are not students"),
        ):
            if asks and not unless and not any(p.search(t) for p in named_in_rule):
                return ScopeGap(qualifier, "students")
    if Q_UNRELATED_TO_JOB.search(q) and (match := S_JOB_SCOPE.search(t)):
        return ScopeGap("something unrelated to your job", match.group(0))
    if situation.personal_device and not situation.school_device:
        device_text = normalise(sentence or rule_text)
        match = S_SCHOOL_DEVICE.search(device_text)
        # "…should be through the district's computer and telephone systems": a rule that
        # sends contact *through* the district's systems is about using anything else.
        if match and not S_THROUGH_SCHOOL_SYSTEMS.search(device_text):
            return ScopeGap("your own device", match.group(0))
    if situation.read_only and S_POST_ONLY.search(t) and not S_ACCESS.search(t):
        shows = Q_SHOWS_IN_CLASS.search(q)
        return ScopeGap("showing it in class, not posting it" if shows else
                        "just reading, not posting", "post", deferred=True)
    if (
        situation.personal_time
        and not situation.work_time
        and not S_ALL_TIMES.search(t)
        and not (S_WORK_AFTER_HOURS.search(t) and not situation.off_work)
        and not S_AFTER_HOURS.search(t)  # a rule for after hours is about the asker's time
        # "district computers and work time are for district business": the computers half
        # still reaches someone on their own time at a school computer.
        and not (situation.school_device and S_SCHOOL_DEVICE.search(t))
    ):
        match = S_WORK_TIME.search(t)
        if match:
            when = "a day you are not working" if situation.off_work else "your own time"
            return ScopeGap(when, match.group(0))
    if situation.work_time and not situation.personal_time and S_AFTER_HOURS.search(t):
        return ScopeGap("the school day", "outside of regular school hours")
    if (
        question
        and S_EDU_ACCOUNT.search(t)
        and not _names_class_account(q)  # "…not the class page"
        and (
            # Someone who is not a student asking to connect to a personal account: rules on
            # whom the educational account may friend, or that it alone carries messages to
            # students and families, do not reach it.
            (Q_CONNECT_REQUEST.search(q) and (situation.parent or not situation.student))
            or not _pairs_match(OPPOSITES, question, rule_text)
        )
    ):
        return ScopeGap("your personal account", S_EDU_ACCOUNT.search(t).group(0), elsewhere=True)
    # "I run the school's twitter and post during the day": not personal use.
    if (question and S_PERSONAL_USE_AT_WORK.search(t) and _names_class_account(q)
            and not Q_PERSONAL_SOCIAL.search(q)):
        return ScopeGap("the school's own account", "personal use")
    if question:
        for asks, scope, widened, qualifier in ELSEWHERE_GAPS:
            match = scope.search(t) if asks(q) else None
            if match and not (widened and widened.search(t)):
                word = match.groupdict().get("scope") or match.group(0)
                return ScopeGap(qualifier, word, elsewhere=True)
    return None


def same_limit(decision: Decision, hits: list[Hit], situation: Situation, question: str,
               depth: int = 8) -> list[Hit]:
    """Other rules on the same act that the same word of scope leaves out ("may not list
    *current* students as friends" beside "shall not respond to invitations from *current*
    students"): with the governing rule, they are the nearest policy to a case it is silent on."""
    gap, governing = decision.gap, decision.governing
    if decision.verdict != Verdict.NOT_ADDRESSED or gap is None or governing is None or (
            gap.elsewhere or gap.deferred):
        return []
    acts = governing.passage.sentence_concepts & ACT_CONCEPTS
    out = []
    for hit in hits[:depth]:
        if hit is governing or not hit.passage.sentence_concepts & acts:
            continue
        other = scope_gap(situation, _rule_text(hit), question)
        if other and (other.qualifier, other.limiting_word) == (gap.qualifier, gap.limiting_word):
            out.append(hit)
    return out


# Rules written for a case next to the asker's, where another clause is likelier to decide:
# (the question's case, the rule's scope words, words that widen the rule to the case anyway,
# the case as the answer names it). Read in order; the question comes normalised.
ELSEWHERE_GAPS: list[
    tuple[Callable[[str], bool], re.Pattern[str], re.Pattern[str] | None, str]
] = [
    (
        lambda q: bool(Q_CLASS_ACCOUNT.search(q) and not Q_PERSONAL_ACCOUNT.search(q)),
        S_PERSONAL_ACCOUNTS,
        None,
        "a school or class account",
    ),
    (
        lambda q: bool(Q_PERSONAL_SOCIAL.search(q)) and not _names_class_account(q),
        S_SCHOOL_ACCOUNTS_SUBJECT,
        None,
        "your personal account",
    ),
    (
        lambda q: _on_a_break(q) or bool(Q_PREP.search(q)),
        S_CLASS_TIME_ONLY,
        S_WHOLE_WORKDAY,
        "your lunch, break or prep period",
    ),
    (
        lambda q: bool(Q_VOICE_CALL.search(q) and not Q_WRITTEN.search(q)),
        S_UNLESS_WRITTEN,
        None,
        "a phone call",
    ),
    (lambda q: bool(Q_NOT_CONFIDENTIAL.search(q)), S_CONFIDENTIAL_MATTER, None,
     "a matter that is not confidential"),
    (lambda q: bool(Q_EDUCATIONAL.search(q)), S_PERSONAL_USE, None, "educational use"),
]


@dataclass
class Decision:
    verdict: Verdict
    governing: Hit | None
    gap: ScopeGap | None = None
    conditions: list[str] = field(default_factory=list)
    reason: str = ""
    covers_asker: bool = False  # "does the policy apply to me?": yes, by its scope sentence

    @property
    def grants_district_power(self) -> bool:
        """A Yes to what the district may do ("can they monitor…?"), not a permission for
        anything the asker does."""
        return self.governing is not None and read_hit(self.governing).modality == "power"

    @property
    def states_duty_to_report(self) -> bool:
        """A Yes to "do i have to tell someone?": the policy asks it of staff, which is more
        than allowing it."""
        return self.verdict == Verdict.ALLOWED and self._by_duty_to_report

    @property
    def rules_out_silence(self) -> bool:
        """A No to "can i just stay out of it?": the No is to keeping quiet, not to telling."""
        return self.verdict == Verdict.PROHIBITED and self._by_duty_to_report

    @property
    def _by_duty_to_report(self) -> bool:
        return (self.governing is not None
                and "report_duty" in self.governing.passage.sentence_concepts)

    @classmethod
    def out_of_scope(cls, hit: Hit, gap: ScopeGap) -> Decision:
        """The nearest rule, whose scope word leaves the asker's case out."""
        return cls(Verdict.NOT_ADDRESSED, hit, gap,
                   reason=f"the rule is limited to {gap.limiting_word}")


# What the asker must still do inside a carve-out: "…unless it involves a school project.
# Employees must seek approval … for such use."
CARVE_OUT_HURDLES = frozenset({"approval"})


def _carve_out(reading: Reading, situation: Situation) -> Verdict:
    """A carve-out that still needs approval is conditional; asked about without that
    approval ("didn't ask central office"), the rule it is carved out of stands."""
    if not reading.conditions & CARVE_OUT_HURDLES:
        return Verdict.ALLOWED
    return Verdict.PROHIBITED if situation.condition_absent else Verdict.CONDITIONAL


# What a rule on personal phones asks of their use ("only … outside of regular school hours").
DEVICE_TERMS = frozenset({"after_hours", "only_if", "approval", "time_place_manner"})


def _own_device_rule(carve_out: Hit, hits: list[Hit], situation: Situation,
                    acts: set[str]) -> Hit | None:
    """A rule on the asker's act done from their own phone, when the carve-out they fall
    under says nothing of devices (and is not the one for the asker's own family)."""
    if (not situation.personal_device or "personal_device" in carve_out.passage.concepts
            or S_OWN_FAMILY.search(normalise(carve_out.passage.text))):
        return None
    rules = [h for h in hits if h is not carve_out and _states_rule(h)
             and "personal_device" in h.passage.concepts and acts & h.passage.concepts]
    # The rule stating terms before an example of a case it allows.
    return next((h for h in rules if read_hit(h).conditions & DEVICE_TERMS),
                rules[0] if rules else None)


def _states_rule(hit: Hit) -> bool:
    """The sentence binds staff (a prohibition, duty, permission or advice), as opposed to
    stating nothing or a power of the district."""
    return read_hit(hit).modality not in ("none", "power")


def _rule_text(hit: Hit) -> str:
    text = f"{hit.passage.clause.lead_in} {hit.passage.quote}"
    extended = extended_rule(hit)
    return f"{text} {extended}" if extended else text


# "The provisions in #5 above … apply to telephonic communication as well": the sentence
# carries the rule of the item it names over to another medium.
S_EXTENDS = re.compile(r"\bprovisions (?:in|of) (?:#|item |paragraph )?\s*(\d+)\b[^.]*?\bapply\b",
                       re.I)


def extended_rule(hit: Hit) -> str:
    """The first rule of the item an extending sentence names, when that item is the
    sentence's own (the only one a passage can see)."""
    match = S_EXTENDS.search(hit.passage.text)
    clause = hit.passage.clause
    if not match or clause.label != f"item {match.group(1)}":
        return ""
    for start, end in clause.sentences:
        sentence = clause.text[start - clause.start : end - clause.start]
        if sentence != hit.passage.text and read_sentence(sentence, clause.lead_in).modality == (
            "prohibit"
        ):
            return sentence
    return ""


# Publishing something, as opposed to keeping or forwarding a copy of it.
Q_PUBLISHES = rx(
    r"\b(?:i|to|and|then|gonna|wanna|just|i'?ll|i'?d) (?:\w+ )?(?:post|share|put|upload|repost)"
    r"\b(?! (?:it|them|this|that) with\b)"
)
# Sending something somewhere, where an encryption condition can apply.
Q_SENDS = rx(r"\b(?:e-?mail|send|sent|sending|fax|forward|attach|upload|share (?:it|them) with)")


def effective_conditions(conds: set[str], situation: Situation, question: str) -> set[str]:
    """Conditions that belong to an exception (copy the AD *for medical matters*; approval
    *for a school project*) apply only when the question is that exception."""
    if "privacy_matter" in conds and not situation.privacy_matter:
        conds = conds - {"copy", "privacy_matter"}
    if "school_project" in conds and not Q_SCHOOL_PROJECT.search(normalise(question)):
        conds = conds - {"approval", "school_project"}
    if "emergency" in conds and not situation.emergency:
        conds = conds - {"emergency"}
    # "…unless adequately encrypted" is a way of *sending* it: no way to post it publicly.
    if "encryption" in conds and not Q_SENDS.search(normalise(question)):
        conds = conds - {"encryption"}
    return conds


CONSEQUENCE = re.compile(r"^\W*(?:as such|therefore|thus|accordingly)\b", re.I)


def read_hit(hit: Hit) -> Reading:
    """Modality from the sentence itself (with its lead-in); conditions from the whole quote,
    since "Employees must seek approval … for such use" conditions the sentence before it."""
    reading = read_sentence(hit.passage.text, hit.passage.clause.lead_in)
    extended = extended_rule(hit)
    if reading.modality == "none" and extended:
        reading = read_sentence(extended, hit.passage.clause.lead_in)
    if hit.passage.quote != hit.passage.text:
        reading.conditions |= read_sentence(hit.passage.quote).conditions
        # "…should maintain separate addresses. As such, employees should not use…": the
        # consequence drawn in the next sentence is the rule.
        rest = hit.passage.quote[hit.passage.quote.find(hit.passage.text) + len(hit.passage.text) :]
        if CONSEQUENCE.match(rest) and read_sentence(rest).modality == "prohibit":
            reading.modality = "prohibit"
    return reading


ConceptsOf = Callable[[str], Iterable[str]]

# "…may not, without express permission …, use the school's logo…, nor, in violation of the
# law, post … material protected by copyright": each part has its own conditions.
S_NOR = re.compile(r",\s*nor\b", re.I)


def _scoped_to_the_act(
    reading: Reading, hit: Hit, question_concepts: set[str], concepts_of: ConceptsOf
) -> Reading:
    """The conditions of the part of a "…, nor …" sentence the question is about."""
    parts = S_NOR.split(hit.passage.text)
    if len(parts) != 2 or not reading.conditions:
        return reading
    head, tail = (set(concepts_of(p)) & SPECIFIC_ACTS & question_concepts for p in parts)
    if not tail or head:
        return reading
    return Reading(reading.modality, set(read_sentence(parts[1]).conditions), reading.directed)


def decide(
    hits: list[Hit],
    situation: Situation,
    question: str,
    question_concepts: set[str],
    concepts_of: ConceptsOf,
    min_score: float,
) -> Decision:
    """The verdict and its governing sentence; with a student in danger, the policy's
    exception for emergencies where the ordinary reading found only advice or nothing (a
    prohibition stands: the exception may not reach the act)."""
    if situation.fears_discipline:
        # "…for something i post?" asks what the district may do; "…for a meme mocking a
        # coworker?" asks whether the meme was allowed.
        # ("discipline" itself is a student-records word, so the fear is read out first.)
        deed = set(concepts_of(Q_FEARS_DISCIPLINE.sub(" ", normalise(question))))
        names_the_deed = bool(
            question_concepts & deed & (TOPICAL | SPECIFIC_ACTS | PEOPLE_CONCEPTS))
        situation = replace(situation, about_district=not names_the_deed)
    if situation.about_district and Q_ASKS_SUPPORT.search(normalise(question)):
        # Help the asker hopes for is no power the district keeps: no power answers it.
        return Decision(Verdict.NOT_ADDRESSED, _nearest(hits, question_concepts),
                        reason="the policy promises staff no such help")
    deciding = hits[:DECIDING_HITS]
    if Q_LAPSE.search(normalise(question)):
        # The remedy for a lapse is written for one channel ("such email") and ranks low for
        # another (a Messenger reply): it is read wherever it ranks.
        deciding += [h for h in hits[DECIDING_HITS:] if _is_remedy(h)]
    decision = _decide(deciding, situation, question, question_concepts, concepts_of, min_score,
                       further_down=hits[DECIDING_HITS:CHANNEL_REACH])
    # …a student's record in someone else's post is what the asker would report, not send.
    if decision.verdict == Verdict.ALLOWED and not situation.asks_to_report:
        decision = _sensitive_content(decision, hits, situation, question, question_concepts) or (
            decision)
    if (
        situation.emergency
        and Q_DANGER.search(normalise(question))
        and decision.verdict in (Verdict.DISCOURAGED, Verdict.NOT_ADDRESSED)
    ):
        acts = question_concepts & ACT_CONCEPTS
        return _emergency_exception(hits, situation, question, acts, question_concepts) or decision
    return decision


# How many of the best hits the ordinary reading looks at; the rest (`decide` gets more) are
# searched only for a rule on sensitive content a permission says nothing about.
DECIDING_HITS = 16
# What a student's record is made of: a rule on the channel does not settle sending it.
SENSITIVE = frozenset({"confidential", "student_info"})


def _sensitive_content(
    decision: Decision,
    hits: list[Hit],
    situation: Situation,
    question: str,
    question_concepts: set[str],
) -> Decision | None:
    """Caution for permissions about the *way* something is done ("use your school email",
    "a group email alert is appropriate"): if what the asker would send is a student's grades,
    records or other confidential matter, which the permission does not mention, the
    district's rule on that matter decides, wherever it ranks. Parents are whom such
    permissions are written for (a parent asking about her son's grades), and a power of
    the district ("can they discipline me?") is not a permission to the asker."""
    governing = decision.governing
    sensitive = question_concepts & SENSITIVE
    if "boundaries" in question_concepts and Q_TOO_CLOSE.search(normalise(question)):
        sensitive |= {"boundaries"}  # a crush, a date: a permission of the site says nothing
    if governing is None or not sensitive or sensitive & governing.passage.concepts:
        return None
    if situation.parent or decision.grants_district_power:
        return None
    if "own_family" in governing.passage.concepts:
        return None  # what concerns the asker's own children is theirs to share
    for hit in hits:
        reading = read_hit(hit)
        if hit is governing or reading.modality != "prohibit":
            continue
        if not sensitive & hit.passage.concepts:
            continue
        if scope_gap(situation, _rule_text(hit), question, hit.passage.quote):
            continue
        stricter = _as_stricter(reading, hit, situation, question)
        if stricter:
            return stricter
    return None


def _as_stricter(reading: Reading, hit: Hit, situation: Situation, question: str
                 ) -> Decision | None:
    """The decision a restriction gives when it overrules a permissive reading: only a
    prohibition or a conditional answer does."""
    verdict = _verdict_from(reading, situation, question, hit, "")
    if verdict not in (Verdict.PROHIBITED, Verdict.CONDITIONAL):
        return None
    conditions = sorted(effective_conditions(reading.conditions, situation, question))
    return Decision(verdict, hit, conditions=conditions, reason="a stricter clause also applies")


def _decide(
    hits: list[Hit],
    situation: Situation,
    question: str,
    question_concepts: set[str],
    concepts_of: ConceptsOf,
    min_score: float,
    further_down: list[Hit] | None = None,
) -> Decision:
    """Pick the governing sentence among the best hits and turn its modality into a verdict.

    Candidates are read in rank order and the first *decisive* one governs. A sentence is
    passed over when it states no rule, speaks to none of the acts the question asks about,
    is a permission or a prohibition whose scope is simply not the asker's case, or is
    advice about something other than the asked act. A restriction whose scope words
    (current, working time, school computers…) leave the case out makes the answer
    `not_addressed`, naming the limiting word.
    """
    if not hits or hits[0].score < min_score:
        return Decision(
            Verdict.NOT_ADDRESSED,
            hits[0] if hits else None,
            reason="no clause speaks to this situation",
        )
    # Rules for coaches say nothing to other staff; they do not set the bar for the rest.
    eligible = [h for h in hits[:12] if "team" in question_concepts or not _coaches_only(h)]
    top = (eligible or hits)[0].score
    candidates = [h for h in (eligible or hits)[:6] if h.score >= 0.5 * top]
    acts = question_concepts & ACT_CONCEPTS
    if not acts and not question_concepts & (
        TOPICAL | SPECIFIC_ACTS | DISTRICT_ACTS | MEDIA | {"boundaries"}
    ):
        # Nothing the question asks about is a subject of these policies (a ride home, a
        # hug): shared words alone must not pick a rule.
        return Decision(
            Verdict.NOT_ADDRESSED,
            _nearest(hits, question_concepts),
            reason="the policy does not speak to this kind of act",
        )
    if situation.asks_to_report or situation.stays_silent:
        duty = _duty_to_report(candidates, hits, situation, question_concepts)
        if duty is not None:
            return duty
    # "Can the district / the superintendent …?" is answered by what the district may do;
    # so is "…can she make me take it down?", whoever "she" is.
    demand = _demand_on_the_asker(question)
    if demand is not None:
        # "can they make me hand over my password?": searching what staff post is no power
        # to demand it. Only a power in the demand's own words answers Yes; otherwise the
        # nearest power is the clause to show.
        powers = [h for h in hits[:10] if read_hit(h).modality == "power"]
        granting = next((h for h in powers if demand.search(normalise(h.passage.text))), None)
        if granting is not None:
            return Decision(Verdict.ALLOWED, granting,
                            reason="the policy gives the district this power")
        return Decision(Verdict.NOT_ADDRESSED, (powers or [_nearest(hits, question_concepts)])[0],
                        reason="the policy gives the district no such power")
    if situation.about_district:
        # "can they discipline me?" is answered by the power to discipline before the power
        # to ask that a post come down.
        for hit in sorted(hits[:10], key=lambda h: situation.fears_discipline and not (
                S_DISCIPLINE.search(normalise(h.passage.text)))):
            reading = read_hit(hit)
            if _district_power(reading, hit, situation, question_concepts):
                gap = scope_gap(situation, _rule_text(hit), question)
                if gap:  # "…even if it's got nothing to do with school?"
                    return Decision.out_of_scope(hit, gap)
                return Decision(
                    Verdict.ALLOWED, hit, reason="the policy gives the district this power"
                )
    if situation.done_to_me and not acts and not _own_part_has_content(question, concepts_of):
        return _someone_elses_deed(candidates, hits, question_concepts)
    # Questions the ordinary reading gets wrong: a lapse already made, whether the people
    # discussed can be identified, and whether staff may have an account at all.
    special = (
        _after_a_lapse(hits, question)
        or _identifiable(hits, question, question_concepts)
        or _private_word(hits, question, question_concepts)
        or _rule_for_the_case(hits, question)
        or _having_an_account(hits, situation, acts, question_concepts)
    )
    if special:
        return special
    # The policy naming the asker's exact case as allowed ("…or to team captains") settles it.
    # Such a sentence is short and shares few words with the question, so it is looked for a
    # little further down than the candidates.
    for hit in candidates + [h for h in hits[:DECIDING_HITS] if h not in candidates]:
        reading = read_hit(hit)
        if reading.modality == "none" and not S_OWN_FAMILY.search(normalise(hit.passage.text)):
            continue
        rule = _rule_text(hit)
        if (
            (
                _pairs_match(CARVE_OUTS, question, rule)
                or _permits_the_named_site(reading, hit, question_concepts)
            )
            and _exception_to_the_act(hit, hits, acts, question_concepts)
            and not _pairs_match(OPPOSITES, question, rule)
        ):
            hurdles = sorted(reading.conditions & CARVE_OUT_HURDLES)
            verdict = _carve_out(reading, situation)
            device_rule = _own_device_rule(hit, hits[:DECIDING_HITS], situation, acts)
            if verdict == Verdict.ALLOWED and device_rule is not None:
                # "…or to team captains", asked about texting them from one's own cell: the
                # carve-out names whom to message; the rule on personal phones, on what terms.
                # Reviewers split on this; the cautious reading is the one to give.
                conditions = effective_conditions(read_hit(device_rule).conditions, situation,
                                                  question)
                return Decision(Verdict.CONDITIONAL, device_rule, conditions=sorted(conditions),
                                reason="using your own phone has terms of its own")
            return Decision(verdict, hit, conditions=hurdles,
                            reason="the policy names this case")
    # Rules sure to cover the case are read before rules whose reach (working time, school
    # computers) depends on a circumstance the question does not state. Passing over a rule
    # for an account the asker does not use (the class page's friends) means the rule on
    # the same act for theirs may rank lower: the reading then goes on a little further down.
    below = hits[len(candidates) : len(candidates) + 6]  # "a little further down"
    passed_over: set[str] = set()  # …the acts and subjects of the rules passed over
    further = (h for h in below if passed_over & h.passage.sentence_concepts)
    first = sorted(candidates, key=lambda h: (_reach_unknown(situation, h),
                                              not _for_one_person(h, question_concepts)))
    deferred: tuple[Hit, ScopeGap] | None = None
    channel_rules: list[Hit] = []  # read when reached: see `_channel_rule_for_the_askers_people`
    fallback: Decision | None = None  # …the answer if none of them decides
    for hit in chain(first, further, channel_rules):
        if hit.passage.text.rstrip().endswith(":") and not EXCEPT_LEAD.search(
            normalise(hit.passage.text)
        ):
            continue  # a list's lead-in introduces rules; the items are the rules
        reading = _scoped_to_the_act(read_hit(hit), hit, question_concepts, concepts_of)
        speaks = _district_power(reading, hit, situation, question_concepts) or _speaks_to(
            acts, hit, question_concepts
        )
        if reading.modality == "none" or not speaks:
            continue
        if reading.modality in ("prohibit", "discourage") and _only_misconduct(
            hit, question_concepts, question
        ):
            continue
        rule = _rule_text(hit)
        if (
            reading.modality == "prohibit"
            and _pairs_match(OUTSIDE, question, rule)
            and not _complies(question, rule)
        ):
            continue  # the rule is about another channel, unless the asker uses its own
        gap = scope_gap(situation, rule, question, hit.passage.quote)
        # A deferred gap's own rule text names no access, so whether a rule on access is
        # among the candidates is the same for every such gap: looked for once, when needed.
        if gap and gap.deferred and reading.modality != "permit" and (
                deferred or any(S_ACCESS.search(normalise(_rule_text(h))) for h in first)):
            deferred = deferred or (hit, gap)
            continue
        if gap and (reading.modality == "permit" or gap.elsewhere):
            if gap.elsewhere:
                passed_over |= question_concepts & hit.passage.sentence_concepts & (
                    ACT_CONCEPTS - ACCOUNT_KINDS | TOPICAL)
            continue
        if _about_students_only(hit, question_concepts):
            continue
        # A ban limited to working time, asked about a subject it does not name ("my take on
        # the election on my personal fb") with no word of when: its limit is not what the
        # question is about, so it does not answer it.
        if (reading.modality == "prohibit" and _reach_unknown(situation, hit)
                and (question_concepts & TOPICAL) - hit.passage.concepts):
            continue
        if reading.modality == "permit" and (
            _situation_missing(hit, question_concepts)
            or _break_time_only(hit, situation, question)
            or _other_exception(reading, hit, situation, question_concepts)
        ):
            continue
        if gap:
            near = _rule_for_the_askers_people(hit, candidates, situation, question, acts,
                                               question_concepts)
            # A rule naming the only channel for the asker's people ("…students and parents
            # … only through school-based resources"), asked about a personal phone or
            # account, is read wherever it ranks among the clauses given.
            far = _channel_rule_for_the_askers_people(
                hits[len(candidates):] + (further_down or []), situation, question, acts,
                question_concepts)
            if far is not None and far not in channel_rules:
                channel_rules.append(far)
                fallback = fallback or (None if near else Decision.out_of_scope(*_sharper_gap(
                    hit, gap, hits[:10], situation, question, acts, question_concepts)))
                continue
            if near:
                continue  # a rule further down names the people the asker deals with
            return Decision.out_of_scope(*_sharper_gap(hit, gap, hits[:10], situation, question,
                                                       acts, question_concepts))
        directs = _directs_the_act(reading, acts, concepts_of)
        verdict = _verdict_from(reading, situation, question, hit, directs, acts)
        if verdict is None:
            continue
        stricter = _stricter(verdict, hit, candidates, hits[:DECIDING_HITS], situation, question,
                             acts, question_concepts)
        conditions = sorted(effective_conditions(reading.conditions, situation, question))
        return stricter or Decision(verdict, hit, conditions=conditions)
    if fallback is not None:
        return fallback
    if deferred is not None:
        return Decision.out_of_scope(*deferred)
    # Nothing decides the case. If a rule a little further down speaks to the act but its
    # scope words leave the case out, that is the nearest clause to show, with its limit.
    for hit in below:
        if not _states_rule(hit) or not _speaks_to(acts, hit, question_concepts):
            continue
        gap = scope_gap(situation, _rule_text(hit), question, hit.passage.quote)
        if gap and not gap.elsewhere:
            return Decision.out_of_scope(hit, gap)
    return Decision(
        Verdict.NOT_ADDRESSED,
        _nearest(hits, question_concepts),
        reason="the closest clauses state no rule for this exact act",
    )


# Whom a rule's own words bind: "No employee … shall post", "Staff members are prohibited…".
S_BOUND = rx(r"\b(?:staff members?|employees?|school personnel|faculty|teachers|staff|you)\b")


def _own_part_has_content(question: str, concepts_of: ConceptsOf) -> bool:
    """Outside the deed done to them, the asker still speaks of their own act: answering
    back ("can i clap back?") or a subject a rule is about ("…and mention his grades")."""
    own = askers_own_words(question)
    return bool(Q_HITS_BACK.search(own) or set(concepts_of(own)) & TOPICAL)


def _someone_elses_deed(
    candidates: list[Hit], hits: list[Hit], question_concepts: set[str]
) -> Decision:
    """"A parent posted a video of me", and the asker does nothing of their own: the rules
    bind what staff do, so the nearest rule on such posts is shown with that limit."""
    for hit in candidates:
        reading = read_hit(hit)
        if reading.modality in ("none", "power", "permit"):
            continue
        if _speaks_to({"post", "photo", "tagging"}, hit, question_concepts):
            match = S_BOUND.search(normalise(_rule_text(hit)))
            word = match.group(0) if match else "staff"
            return Decision.out_of_scope(hit, ScopeGap("something someone else did to you", word))
    return Decision(
        Verdict.NOT_ADDRESSED,
        _nearest(hits, question_concepts),
        reason="the policy binds what staff do, not what others post about them",
    )


def _duty_to_report(
    candidates: list[Hit], hits: list[Hit], situation: Situation, question_concepts: set[str]
) -> Decision | None:
    """Telling on someone is what the policy's duty to report asks ("…should immediately
    notify his or her immediate supervisor"), and keeping quiet is what it rules out; where
    it sets none, the rule the other's conduct touches is the nearest clause and the policy
    does not say."""
    duty = next((h for h in hits if "report_duty" in h.passage.sentence_concepts), None)
    if duty is not None and situation.stays_silent:
        return Decision(Verdict.PROHIBITED, duty,
                        reason="the policy asks staff to report this, not to keep quiet")
    if duty is not None:
        return Decision(Verdict.ALLOWED, duty, reason="the policy asks staff to report this")
    if not situation.asks_to_report:
        return None  # "can i stay out of it?" with no duty: the other's conduct decides
    rule = next((h for h in candidates if _states_rule(h)), None)
    return Decision(
        Verdict.NOT_ADDRESSED,
        rule or _nearest(hits, question_concepts),
        reason="the policy sets no duty to report another's conduct",
    )


# People a question may be about whom a rule on students leaves out.
OTHER_PEOPLE = frozenset({"parent", "colleague", "former"})


def _rule_for_the_askers_people(
    hit: Hit, candidates: list[Hit], situation: Situation, question: str, acts: set[str],
    question_concepts: set[str],
) -> bool:
    """A rule further down names the people the asker deals with ("connecting with the
    parents … of current students"), so the student rule's scope does not end the search."""
    later = candidates[candidates.index(hit) + 1 :] if hit in candidates else []
    class_account = _names_class_account(normalise(question))
    return any(_for_the_askers_people(other, situation, question, acts, question_concepts,
                                      class_account) for other in later)


# How far down a rule on the channel for the asker's people is looked for.
CHANNEL_REACH = 24


def _channel_rule_for_the_askers_people(
    further: list[Hit], situation: Situation, question: str, acts: set[str],
    question_concepts: set[str],
) -> Hit | None:
    """A rule setting the only channel for the people the asker deals with ("Teachers are
    encouraged to communicate with students and parents … only through school-based
    resources"), when the asker uses a personal phone or account: it shares few words with
    "can I text a mom from my cell?" and ranks below the rule for students alone. The class
    account's channel ("…only use his/her educational social networking account") is not
    the asker's."""
    if not (situation.personal_device or "personal_account" in question_concepts):
        return None
    return next((
        other for other in further
        if "only_via" in read_hit(other).conditions
        and _for_the_askers_people(other, situation, question, acts, question_concepts,
                                   class_account=False)
    ), None)


def _for_the_askers_people(
    other: Hit, situation: Situation, question: str, acts: set[str],
    question_concepts: set[str], class_account: bool,
) -> bool:
    """`other` is a rule on the asker's act for the people they deal with, whose scope
    covers the case, and on the asker's side: not a rule for a class account they are not
    asking about."""
    rule = _rule_text(other)
    return bool(
        question_concepts & OTHER_PEOPLE & other.passage.own_concepts
        and _states_rule(other)
        and (class_account or not S_EDU_ACCOUNT.search(normalise(rule)))
        and _speaks_to(acts, other, question_concepts)
        and not scope_gap(situation, rule, question, other.passage.quote)
    )


def _nearest(hits: list[Hit], question_concepts: set[str]) -> Hit:
    """The clause to show when none decides: the best-ranked one, unless it is about content
    the question does not raise ("posting items with sexual content" is not the nearest rule
    on posting about the spring concert)."""
    def off_content(hit: Hit) -> bool:
        about = _content_banned(hit)
        # A misconduct rule ("fraternization, including … sexual harassment") is about the
        # conduct, and often is the nearest clause on students.
        misconduct = S_MISCONDUCT.search(normalise(hit.passage.text))
        if about and not about & question_concepts and not misconduct:
            return True
        # …or about another act (the logo, the union) and sharing nothing with the question
        # but posting on a site.
        specific = hit.passage.sentence_concepts & SPECIFIC_ACTS
        shared = hit.passage.concepts & question_concepts
        return bool(specific) and not specific & question_concepts and shared <= (
            GENERIC_ACTS | MEDIA
        )

    return next((h for h in hits[:6] if not off_content(h)), hits[0])


Q_LAPSE = rx(
    r"\bby (?:accident|mistake)\b",
    r"\baccidental",
    r"\b(?:wh)?oops\b",
    r"\binadverten",
    r"\bmistakenly\b",
    r"\bi already (?:sent|replied|answered|posted|texted|emailed|messaged)\b",
)
# Letting the lapse stand instead of repairing it.
Q_LET_IT_STAND = rx(r"\bjust (?:leave|ignore|forget|let)\b", r"\bmove on\b", r"\bdo nothing\b",
                    r"\bjust delete\b")


def _sharper_gap(
    hit: Hit,
    gap: ScopeGap,
    hits: list[Hit],
    situation: Situation,
    question: str,
    acts: set[str],
    question_concepts: set[str],
) -> tuple[Hit, ScopeGap]:
    """The nearest clause that shows the asker's case best, among rules on the same act.

    A rule that names the limit outright ("*current* students") beats one that just says
    "students"; and unless the asker speaks of a class account, a rule for the personal
    side beats one written for the educational account."""
    if gap.limiting_word != "students":
        return hit, gap
    on_the_act = [
        (other, sharper)
        for other in hits
        if _states_rule(other)
        and _speaks_to(acts, other, question_concepts)
        and (sharper := scope_gap(situation, _rule_text(other), question, other.passage.quote))
        and not sharper.elsewhere
    ]
    if situation.former:
        for other, sharper in on_the_act:
            if sharper.limiting_word == "current":
                return other, sharper
    if S_EDU_ACCOUNT.search(normalise(_rule_text(hit))) and not Q_CLASS_ACCOUNT.search(
        normalise(question)
    ):
        for other, sharper in on_the_act:
            if not S_EDU_ACCOUNT.search(normalise(_rule_text(other))):
                return other, sharper
    return hit, gap


def _after_a_lapse(hits: list[Hit], question: str) -> Decision | None:
    """"Oops, I answered a parent from my gmail by accident": what the policy says to do
    after such a lapse answers it: do that (conditional), or not let it stand (prohibited)."""
    q = normalise(question)
    if not Q_LAPSE.search(q):
        return None
    for hit in hits:
        if _is_remedy(hit):
            verdict = Verdict.PROHIBITED if Q_LET_IT_STAND.search(q) else Verdict.CONDITIONAL
            return Decision(verdict, hit, reason="the policy says what to do after such a lapse")
    return None


# "…with her name showing", "a boy in mrs R's class": they would be identified after all.
Q_IDENTIFIED = rx(
    r"(?<!\bmy )\bnames? (?:showing|visible|on it|on them|at the top|in it|in the pic)",
    r"\bwith (?:his|her|their|the kid'?s|the student'?s|the parent'?s) (?:full )?names?\b",
    r"\b(?:his|her|their) names? (?:is|are) (?:on|at|in|showing|visible)\b",
    # a class or school named is as good as a name: "a boy in mrs R's class at our school"
    r"\b(?:mrs?|ms|miss)\.? \w+'?s (?:class|room|homeroom)\b",
    r"\b(?:say|said|saying|name|naming|mention|mentioning|tag|tagging) (?:which|what|the|our|my) "
    r"(?:class|classroom|grade|room|school)\b",
    r"\bwhich (?:class|room|school|grade) (?:he|she|they|the kid|the student)\b",
)


def _identifiable(
    hits: list[Hit], question: str, question_concepts: set[str]
) -> Decision | None:
    """"Can I ask r/Teachers about a kid if I use no names?" A rule that people discussed
    online must not be identifiable decides it: conditional on keeping them so, or
    prohibited when the asker names them ("his name is at the top") or the class or school
    instead. Confidential matter (a diagnosis, grades) without a name stays under its own
    rule."""
    q = normalise(question)
    unidentified, identified = "unidentified" in question_concepts, Q_IDENTIFIED.search(q)
    if not (unidentified or identified) or ("confidential" in question_concepts and not identified):
        return None
    if "anonymity" in question_concepts:  # the asker's own name withheld: rules on that decide
        return None
    for hit in hits[:DECIDING_HITS]:
        if "unidentified" in hit.passage.concepts:
            verdict = Verdict.PROHIBITED if identified else Verdict.CONDITIONAL
            return Decision(verdict, hit, reason="the policy requires that the people discussed "
                                                 "cannot be identified")
    return None


# A word meant for one student, not the class: "answer him there?", "check in privately".
Q_ONE_STUDENT = rx(
    r"\bprivately\b",
    r"\bprivate (?:message|msg|dm|note|reply)",
    r"\bwhere (?:everyone|everybody|all|others|the (?:whole )?class) (?:else )?(?:can )?"
    r"(?:see|view|read)",
    r"\bwithout (?:the (?:whole |rest of the )?class|everyone|everybody|others|the others) "
    r"(?:seeing|reading|knowing)",
    r"\b(?:one|a single|that|this|the) (?:student|kid)\b[^.?!]*\b(?:answer|reply|respond|tell|"
    r"feedback|message|check in)",
    r"\b(?:student|kid|girl|boy)\b[^.?!]*\b(?:asked|commented|posted|wrote)\b[^?]*"
    r"\b(?:answer|reply|respond)\w*\b",
)
# "…communicate privately with a student through the educational … account, such
# communication shall be conveyed only through the private email/message feature"
S_PRIVATE_CHANNEL = rx(r"\bprivately with a student\b[^.]*\bonly through\b")
# Records the law protects beyond grades: no way of writing online is offered for them.
Q_SPECIAL_RECORDS = rx(r"\biep\b", r"\b504\b", r"\bspecial ed")


def _private_word(hits: list[Hit], question: str, question_concepts: set[str]
                  ) -> Decision | None:
    """A word for one student on the class page: the way the policy sets for private
    messages decides it, not the ban on posting a student's information on the wall that
    ranks above it ("…answer her there?" is answered by where to answer her). Health and
    special-education matters stay under the ban: the cautious reading."""
    q = normalise(question)
    if not (_names_class_account(q) and Q_ONE_STUDENT.search(q)):
        return None
    if "medical" in question_concepts or Q_SPECIAL_RECORDS.search(q):
        return None
    for hit in hits[:DECIDING_HITS]:
        if S_PRIVATE_CHANNEL.search(normalise(hit.passage.text)):
            reading = read_hit(hit)
            return Decision(Verdict.CONDITIONAL, hit, conditions=sorted(reading.conditions),
                            reason="the policy sets the way to write to one student")
    return None


# The asker states the very circumstance a rule is written for: that rule decides.
ANTECEDENTS: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (  # "we don't have a parent portal" — "if the district does not maintain a web portal…"
        rx(r"\b(?:no|don'?t have an?y?|doesn'?t have an?y?|without an?y?|lacks? an?y?) "
           r"(?:[\w-]+ ){0,2}?portal\b"),
        rx(r"\bdoes not maintain a web portal\b"),
    ),
]
# …and a rule demanding an identity apart from the personal one is answered No for the
# personal account itself.
S_APART_FROM_PERSONAL = rx(r"\bseparate from (?:his/her|their|your|any) personal\b")


def _rule_for_the_case(hits: list[Hit], question: str) -> Decision | None:
    """"We don't have a portal, can I use Facebook for class updates?" The rule written for
    that case ("if the district does not maintain a web portal … he or she should establish
    a Facebook identity that is separate from his/her personal Facebook identity") decides:
    on its terms, or No for the personal account it sets apart."""
    q = normalise(question)
    for stated, antecedent in ANTECEDENTS:
        if not stated.search(q):
            continue
        for hit in hits[:DECIDING_HITS]:
            text = normalise(hit.passage.text)
            if not antecedent.search(text):
                continue
            if _pairs_match(OPPOSITES, question, text) or (
                    Q_PERSONAL_SOCIAL.search(q) and S_APART_FROM_PERSONAL.search(text)):
                return Decision(Verdict.PROHIBITED, hit,
                                reason="the policy sets the personal account apart")
            return Decision(Verdict.CONDITIONAL, hit, conditions=sorted(read_hit(hit).conditions),
                            reason="the policy has a rule for this very case")
    return None


def _having_an_account(
    hits: list[Hit], situation: Situation, acts: set[str], question_concepts: set[str]
) -> Decision | None:
    """"Can teachers even have facebook?" The policies rule how staff use these sites; only a
    clause recognising the right to use them says whether staff may at all. A question that
    names a time, a device, people or an act asks about that use instead."""
    if (
        "use_right" not in question_concepts
        or situation.work_time
        or situation.personal_time
        or situation.school_device
        or acts - {"access"}
        or question_concepts & (PEOPLE_CONCEPTS | TOPICAL) - {"own_family"}
    ):
        return None
    for hit in hits[:10]:
        if "use_right" in hit.passage.own_concepts:
            return Decision(Verdict.ALLOWED, hit,
                            reason="the policy recognises staff members' right to use these sites")
    return Decision(Verdict.NOT_ADDRESSED, hits[0],
                    reason="the policy rules how staff use these sites, not whether they may")


def _emergency_exception(
    hits: list[Hit], situation: Situation, question: str, acts: set[str],
    question_concepts: set[str],
) -> Decision | None:
    """A student in danger and only a cell phone to hand: the rule that makes an exception
    for emergencies ("…except in case of an immediate emergency which precludes any other
    reasonable method of communication") decides it, not general advice on phones. It
    shares few words with the question ("confidential matter"), so it is looked for among all
    the hits, not only the candidates."""
    found: list[Decision] = []
    for hit in hits:
        reading = read_hit(hit)
        if "emergency" not in reading.conditions or not _speaks_to(acts, hit, question_concepts):
            continue
        if scope_gap(situation, _rule_text(hit), question, hit.passage.quote):
            continue
        verdict = _verdict_from(reading, situation, question, hit, "", acts)
        if verdict == Verdict.CONDITIONAL:
            conditions = sorted(effective_conditions(reading.conditions, situation, question))
            found.append(Decision(verdict, hit, conditions=conditions,
                                  reason="the policy makes an exception for emergencies"))
    # An exception for emergencies alone, in a sentence mostly about what the question asks:
    # "all electronic contacts with students … except in emergency situations", not a group
    # alert to parents that an urgent situation lets go out from a personal account.
    found.sort(key=lambda d: (d.conditions != ["emergency"],
                              -_focus(d.governing, question_concepts)))
    return found[0] if found else None


def _focus(hit: Hit, question_concepts: set[str]) -> float:
    """How much of what the sentence is about the question asks about."""
    concepts = hit.passage.concepts
    return len(concepts & question_concepts) / max(1, len(concepts))


# Acts narrow enough that a sentence about one of them is *about* it ("tag photos of other
# employees", "use the school's logo"); it decides a question only if the question asks
# about that act too, not merely about photos or posting in general.
SPECIFIC_ACTS = frozenset(
    {
        "tagging",
        "logo",
        "copyright",
        "encryption",
        "comment_moderation",
        "records",
        "union",
        "public_concern",
        "privacy_settings",
        "identity",
        "anonymity",
        "home_info",
        "give_number",
        "commerce",
        "other_districts",
    }
)


# Rules against a kind of misconduct (fraternization, harassment, defamation) name the media
# it happens through ("via … text messaging"); they do not forbid the medium itself.
S_MISCONDUCT = rx(
    r"\bfraterniz",
    r"\bharass",
    r"\bstalk",
    r"\bdiscriminat",
    r"\bdefamat",
    r"\binappropriate (?:behavior|conduct)",
    r"\bconduct deemed inappropriate",
    r"\blibel",
    r"\bobscene",
    r"\bbully",
    r"\bhazing",
    r"\bviolen",
    # "knowingly posting … inaccurate or false information"
    r"\binaccurate or false\b",
    r"\bfalse (?:or|and) (?:inaccurate|misleading)\b",
)
MISCONDUCT_CONCEPTS = frozenset(
    {"harassment", "defamation", "sexual", "substances", "alcohol", "drugs"}
)
# Misconduct a question raises only against a rule that names it: an unchecked rumour is
# "inaccurate or false information", not harassment or discrimination.
NAMED_MISCONDUCT = frozenset({"accuracy"})
# Content a ban names ("materials of a sexually graphic nature", "drugs and alcohol"): the
# ban is about that content, not about posting as such.
BANNED_CONTENT = frozenset({"sexual", "substances", "alcohol", "drugs"})


def _content_banned(hit: Hit) -> frozenset[str]:
    """The content a rule on posting names ("posting items with sexual content"). A rule on
    conduct ("shall not date … or enter into a sexual relationship") names none."""
    own = hit.passage.sentence_concepts
    return own & BANNED_CONTENT if own & {"post", "photo"} else frozenset()


# Closeness with a student that fraternization rules are about: late-night talks, secrets.
Q_TOO_CLOSE = rx(
    r"\blate at ni(?:ght|te)\b",
    r"\b(?:til|till|until) (?:like )?(?:midnight|\d+ ?am)\b",
    r"\bdating\b",
    # being asked out (the lexicon's `boundaries` concept has the same words, to find the rule)
    r"\b(?:ask(?:ed|s|ing)? (?:me|her|him|them) out|go(?:ing|es)? out with|(?:on|for) a date|"
    r"hook(?:ing|ed)? up with|romantic\w*|flirt\w*)\b",
    r"\bcrush(?:es|ing)? on\b",
    r"\b(?:s?he|they|you)(?:'s| is| was| looked| looks| look)(?: really| so| very)? "
    r"(?:pretty|beautiful|gorgeous|hot|sexy|cute|stunning)\b",
    r"\bhang(?:ing)? out\b",
    r"\bonly one (?:s?he|they) (?:can )?talks? to\b",
    r"\bour (?:little )?secret\b",
)


def _only_misconduct(hit: Hit, question_concepts: set[str], question: str) -> bool:
    """A misconduct rule, asked about by a question that describes no misconduct and none of
    the other specific acts the rule lists ("proprietary, copyrighted, defamatory…")."""
    text = normalise(hit.passage.text)
    if "fraterniz" in text and "student" in question_concepts and Q_TOO_CLOSE.search(
        normalise(question)
    ):
        return False
    banned = _content_banned(hit)
    listed = hit.passage.concepts & (MISCONDUCT_CONCEPTS | SPECIFIC_ACTS)
    if banned and not listed & question_concepts:
        return True  # "posting items with sexual content", asked about a rant on one's day
    named = hit.passage.concepts & (SPECIFIC_ACTS | NAMED_MISCONDUCT)
    return bool(S_MISCONDUCT.search(text) or banned) and not (
        question_concepts & (MISCONDUCT_CONCEPTS | named)
    )


S_OTHER_STAFF = rx(
    r"\bteachers?\b", r"\bstaff\b", r"\bemployees?\b", r"\bpersonnel\b", r"\beducators?\b"
)


# The media these policies govern: a question about using them is a policy question.
MEDIA = frozenset({"social", "edu_site", "class_account", "school_device", "phone", "email"})
# Subjects that restrict a rule to themselves: a rule about confidential matters, alcohol or
# the school logo is stricter only for questions about those subjects.
TOPICAL = frozenset(
    {
        "confidential",
        "sexual",
        "substances",
        "alcohol",
        "drugs",
        "harassment",
        "defamation",
        "logo",
        "copyright",
        "union",
        "public_concern",
        "home_info",
        "student_info",
    }
)
# A permission for a particular situation (sport cancellations, field trips, school events,
# educational websites) grants nothing outside it.
SITUATIONAL = frozenset({"team", "field_trip", "event", "captain", "edu_site"})
# Outings a permission lists side by side ("a field trip, competition or overnight
# activity"): any one of them meets it.
OUTINGS = frozenset({"field_trip", "event"})


def _situation_missing(hit: Hit, question_concepts: set[str]) -> set[str]:
    """The situations a permission is tied to that the question does not describe."""
    missing = (hit.passage.concepts & SITUATIONAL) - question_concepts
    return missing - OUTINGS if question_concepts & OUTINGS else missing


def _off_subject(hit: Hit, question_concepts: set[str]) -> bool:
    """A restriction about a subject (sexual content, violence, confidential matters) the
    question does not raise: it restricts that subject, not the act in general."""
    return bool((hit.passage.concepts & TOPICAL) - question_concepts)


CHANNELS = frozenset({"email", "phone", "social"})
S_ELECTRONIC = rx(r"\belectronic(?:ally)?\b")


def _other_channel(hit: Hit, question_concepts: set[str]) -> bool:
    """The rule names a channel (email, phone, social sites) and the question names only
    others."""
    if S_ELECTRONIC.search(normalise(hit.passage.text)):
        return False  # "communicate electronically … such as email" covers texts too
    rule, asked = hit.passage.concepts & CHANNELS, question_concepts & CHANNELS
    return bool(rule and asked and not rule & asked)


def _for_one_person(hit: Hit, question_concepts: set[str]) -> bool:
    """The rule for reaching one person privately ("if a teacher wishes to communicate
    privately with a student … only through the private message feature"), asked about by a
    question on exactly that: it governs before a rule on what the page may show."""
    return "individual" in hit.passage.sentence_concepts and {"individual", "message"} <= (
        question_concepts)


def _reach_unknown(situation: Situation, hit: Hit) -> bool:
    """The rule is limited to working time or school computers, and the question does not
    say when or on what device: whether the rule reaches the case is unknown."""
    t = normalise(_rule_text(hit))
    timed = bool(S_WORK_TIME.search(t)) and not S_ALL_TIMES.search(t)
    device = bool(S_SCHOOL_DEVICE.search(normalise(hit.passage.quote)))
    return (timed and not (situation.work_time or situation.personal_time)) or (
        device and not (situation.school_device or situation.personal_device)
    )


def _coaches_only(hit: Hit) -> bool:
    """A rule about coaches and team members that names no other staff."""
    text = normalise(f"{hit.passage.clause.lead_in} {hit.passage.quote}")
    return "team" in hit.passage.concepts and not S_OTHER_STAFF.search(text)


def _district_power(
    reading: Reading, hit: Hit, situation: Situation, question_concepts: set[str]
) -> bool:
    """A power of the district (monitoring, discipline) that answers "can the district…?"."""
    return (
        reading.modality == "power"
        and situation.about_district
        and bool(question_concepts & DISTRICT_ACTS & hit.passage.concepts)
    )


def _speaks_to(acts: set[str], hit: Hit, question_concepts: set[str] = frozenset()) -> bool:
    """Does the sentence mention the acts the question asks about?"""
    if _coaches_only(hit) and "team" not in question_concepts:
        return False  # rules for coaches and their team members
    if not acts:
        return True
    if "give_number" in acts:
        # Giving a student one's number is not listing it where anyone can see it.
        acts, question_concepts = acts - {"home_info"}, question_concepts - {"home_info"}
    if hit.passage.concepts & question_concepts & TOPICAL:
        return True  # same subject (alcohol, confidential matters…) whatever the verb
    specific = hit.passage.sentence_concepts & SPECIFIC_ACTS
    # "Use a professional email address for the class account": an address to sign up with,
    # not home information, when the question is about signing an account up by email, or
    # about keeping that presence apart from a personal one.
    shared = question_concepts & hit.passage.concepts
    if specific == {"home_info"} and (
        {"email", "class_account"} <= shared
        or "separate_accounts" in shared
        # …a personal address for such an account, not emailing families from one
        or ({"email", "personal_account", "social"} <= question_concepts
            and hit.passage.concepts & {"class_account", "separate_accounts"})
    ):
        specific = set()
    if specific and not specific & (acts | question_concepts):
        return False
    if any(act in hit.passage.concepts for act in acts):
        return True
    # A rule on what school computers are for speaks to whatever the asker does on one.
    if "school_device" in question_concepts & hit.passage.own_concepts and not specific:
        return True
    # Only through an equivalent ("go on facebook" meets "social networking sites"): not when
    # the sentence is about another act of its own, such as accepting friends.
    if hit.passage.sentence_concepts & ACT_CONCEPTS - GENERIC_ACTS - acts:
        return False
    return any(ACT_EQUIVALENTS.get(act, {act}) & hit.passage.concepts for act in acts)


# Words that bring students (or other people a rule may name) into a question.
PEOPLE_CONCEPTS = frozenset({
    "student", "team", "captain", "class_account", "field_trip", "event", "parent",
    "colleague", "former", "group", "individual", "own_family", "confidential", "student_info",
    "friend", "boundaries",
})
S_OF_STUDENTS = rx(
    r"\b(?:photographs?|photos?|videos?|images?|pictures?) of students\b",
    r"\binformation about (?:a |any )?students?\b",
)


# What an exception item is for: "when there is an emergency…", "during a trip…".
CIRCUMSTANCES = SITUATIONAL | {"emergency", "medical", "own_family"}


def _other_exception(
    reading: Reading, hit: Hit, situation: Situation, question_concepts: set[str]
) -> bool:
    """An item of an "except:" list is a permission for its own circumstance only; a
    question in none of them is decided by the rule the list excepts from."""
    if "exception" not in reading.conditions:
        return False
    circumstances = hit.passage.concepts & CIRCUMSTANCES
    if situation.emergency and "emergency" in circumstances:
        return False
    return bool(circumstances) and not circumstances & question_concepts


def _about_students_only(hit: Hit, question_concepts: set[str]) -> bool:
    """"Shall not post photographs of students…" does not decide a question about vacation
    pictures or a coworker's photo: nobody in the question is a student."""
    return bool(S_OF_STUDENTS.search(normalise(hit.passage.text))) and not (
        question_concepts & (PEOPLE_CONCEPTS - {"colleague"})  # a coworker is not a student
    )


S_ITEM_REFERENCE = re.compile(r"\b(?:item|#|number|no\.)\s*(\d+)\b", re.I)


def _permits_the_named_site(reading: Reading, hit: Hit, question_concepts: set[str]) -> bool:
    """"Classroom participation on educational sites … is permitted" names the asker's class
    Padlet or Google Classroom as allowed, whatever the rules around it say of networking
    sites. Messaging a player or one student through such a platform (Talking Points) is not
    classroom participation, and the school's logo in a photo taken from the school website
    (or someone's work, a tag, a sale) is for the rule on that subject."""
    return (
        reading.modality == "permit"
        and not question_concepts & {"team", "individual"}
        and not question_concepts & {"logo", "copyright", "tagging", "commerce"}
        - hit.passage.own_concepts
        and not reading.conditions
        and "edu_site" in question_concepts
        and "edu_site" in hit.passage.own_concepts
    )


def _exception_to_the_act(
    hit: Hit, hits: list[Hit], acts: set[str], question_concepts: set[str]
) -> bool:
    """"The restriction in item 1 does not apply to…" excepts the case only if item 1 (of
    the same section) is a rule about the asked act."""
    numbers = {f"item {n}" for n in S_ITEM_REFERENCE.findall(hit.passage.text)}
    if not numbers:
        return True
    clause = hit.passage.clause
    return any(
        h.passage.clause.policy == clause.policy
        and h.passage.clause.section_key == clause.section_key
        and h.passage.clause.label in numbers
        and _speaks_to(acts, h, question_concepts)
        for h in hits
    )


def _stricter(
    verdict: Verdict,
    chosen: Hit,
    candidates: list[Hit],
    nearby: list[Hit],
    situation: Situation,
    question: str,
    acts: set[str],
    question_concepts: set[str],
) -> Decision | None:
    """Caution: a permissive reading yields to a restriction that also applies.

    A restriction on the question's own subject (confidential matters, alcohol) counts from
    a little further down too: it is the rule written for the case."""
    if verdict not in (Verdict.ALLOWED, Verdict.DISCOURAGED):
        return None
    subject = question_concepts & TOPICAL
    q = normalise(question)
    for hit in candidates + [h for h in nearby if h not in candidates]:
        same_clause = hit.passage.clause.id == chosen.passage.clause.id
        on_subject = bool(subject & hit.passage.concepts)
        # A stricter sentence of the same clause counts even if it ranks a little lower.
        close = hit in candidates and hit.score >= (0.5 if same_clause else 0.75) * chosen.score
        # "…and may not be personal in nature", asked about a birthday text: the terms on
        # which the channel is allowed exclude it, which is stricter than advice against it.
        not_personal = _personal_excluded(normalise(hit.passage.text), q)
        if hit is chosen or not (close or on_subject or not_personal):
            continue
        if not_personal and _speaks_to(acts, hit, question_concepts) and not scope_gap(
                situation, _rule_text(hit), question, hit.passage.quote):
            return Decision(Verdict.PROHIBITED, hit,
                            reason="its terms exclude messages of a personal nature")
        if verdict == Verdict.DISCOURAGED and not same_clause:
            continue
        reading = read_hit(hit)
        if reading.modality != "prohibit" or not _speaks_to(acts, hit, question_concepts):
            continue
        if _off_subject(hit, question_concepts):
            continue  # stricter, but about a subject (confidential matters…) the case is not
        if _other_channel(hit, question_concepts):
            continue  # stricter, but about email when the question is about a phone call
        rule = _rule_text(hit)
        if scope_gap(situation, rule, question, hit.passage.quote) or _pairs_match(
            OUTSIDE, question, rule
        ):
            continue
        stricter = _as_stricter(reading, hit, situation, question)
        if stricter:
            return stricter
    return None


def _pairs_match(
    pairs: list[tuple[re.Pattern[str], re.Pattern[str]]], question: str, rule_text: str
) -> bool:
    q, t = normalise(question), normalise(rule_text)
    # The rule side first: it is short and rarely matches, while some question sides scan the
    # whole question with lookaheads, and this runs for every candidate sentence.
    return any(rp.search(t) and qp.search(q) for qp, rp in pairs)


# A duty that falls on whoever does something: "A staff member who identifies as … must …".
S_WHO_TRIGGER = rx(r"^\W*(?:an?|any) (?:staff member|employee|teacher|coach)s? who\b")
# What to do after a lapse: "If a staff member were to inadvertently convey a school-related
# message … on the staff member's private account, the staff member must save such email…".
S_REMEDY = rx(
    r"^\W*if\b[^,;]{0,160}\b(?:inadvertent(?:ly)?|accidental(?:ly)?|mistaken(?:ly)?|by mistake|"
    r"were to)\b"
)


def _is_remedy(hit: Hit) -> bool:
    """The sentence says what to do after a lapse."""
    return bool(S_REMEDY.search(normalise(hit.passage.text)))


# "…he/she should save such email … or print and save a paper copy": a duty to keep a record.
S_KEEP_RECORD = re.compile(r"(?:also )?(?:save|print|file|forward|retain|keep (?:a )?cop)")


# "…one must be aware that a reader may assume he or she speaks for the district", "must
# always be mindful of how they present themselves": a duty to bear something in mind
# directs no act, so it neither allows nor forbids what the asker wants to do.
S_AWARENESS = re.compile(
    r"(?:always |also )?(?:be (?:\w+ and )?(?:aware|mindful|cognizant|conscious)|know|understand|"
    r"realize|remember|keep in mind)\b"
)


# How much of what the asker wants to do a sentence directs: nothing (""), some of it, or all.
Directs = Literal["", "partly", "wholly"]


def _directs_the_act(reading: Reading, question_acts: set[str], concepts_of: ConceptsOf) -> Directs:
    """Does the sentence direct staff to do what the asker wants to do?"""
    specific = question_acts - GENERIC_ACTS
    if not reading.directed or not specific or S_AWARENESS.match(reading.directed):
        return ""
    directed = set(concepts_of(reading.directed))
    if not specific & directed:
        return ""
    return "wholly" if specific <= directed else "partly"


# "You must be aware that readers will assume you speak for the district": a caution about
# what others will think, which directs no act.
S_AWARENESS = rx(r"(?:be |remain |stay )?(?:aware|mindful|cognizant|conscious)\b",
                 r"(?:know|understand|recogni[sz]e|remember|realize|note) that\b")


S_NOT_PERSONAL = rx(r"\bnot be personal in nature\b", r"\bnot (?:of )?a personal nature\b",
                    r"\bonly (?:when|for|about) (?:necessitated by )?school-related\b")
S_SCHEDULING_ONLY = rx(r"\btime-sensitive information on scheduling\b")
Q_SCHEDULING = rx(
    r"\b(?:moved|cancel\w*|reschedul\w*|postpon\w*|delay\w*|pushed back|bumped|rained? out|"
    r"snow day|late start|early dismissal|running late|last[- ]min\w*|time change|new time|"
    r"schedul\w*|remind\w*|pick ?up time)\b",
    r"\bchang\w* (?:the |in )?(?:time|location|place|plans?|venue)\b",
)
Q_PERSONAL_PURPOSE = rx(
    r"\bhappy b(?:irth)?day\b",  # "happy birthday", "happy bday"
    r"\bcongrat",
    r"\bcheck(?:ing)? (?:in )?on (?:him|her|them)\b",
    r"\bjust to (?:chat|talk|say hi)\b",
    r"\bhow (?:s?he|they)(?:'s| is| are) doing\b",
    r"\b(?:about|abt) (?:life|personal) (?:stuff|things)\b",
    r"\blife stuff\b",
    r"\bpersonal stuff\b",
    r"\b(?:not|nothing) (?:about )?school[- ]related\b",
    r"\bnot (?:about|abt) school\b",
    r"\bjust (?:to )?(?:chat(?:ting)?|talk(?:ing)?|catch(?:ing)? up|hang(?:ing)? out|"
    r"say(?:ing)? hi)\b",
)


def _personal_excluded(rule: str, q: str) -> bool:
    """The (normalised) rule's terms exclude personal messages ("…may not be personal in
    nature") and the (normalised) question asks to send one (a birthday text)."""
    return bool(S_NOT_PERSONAL.search(rule) and Q_PERSONAL_PURPOSE.search(q))


# A rule for matters of education: the right channel for them permits no personal chat.
S_EDUCATION_MATTERS = rx(r"\bmatters? (?:directly )?relat\w* to (?:the )?education\b",
                         r"\beducational matters\b")


def _verdict_from(
    reading: Reading,
    situation: Situation,
    question: str,
    hit: Hit,
    directs: Directs,
    question_acts: set[str] = frozenset(),
) -> Verdict | None:
    """The verdict one governing sentence gives, or None when it does not decide the case."""
    conds = reading.conditions
    text = _rule_text(hit)
    q, t = normalise(question), normalise(text)
    opposite = _pairs_match(OPPOSITES, question, text)
    # "…just chatting about music" under a rule for matters of education
    personal_chat = bool(S_EDUCATION_MATTERS.search(t) and Q_PERSONAL_PURPOSE.search(q))
    if _pairs_match(CARVE_OUTS, question, text) and not opposite:
        return _carve_out(reading, situation)
    # "Approval to create a class account" is met by an approved account and says nothing
    # of what is posted on it ("our class insta is approved, can I post the kids' faces?").
    if "approval" in conds and S_CREATES_ACCOUNT.search(t) and not Q_CREATES_ACCOUNT.search(q):
        return None
    if (
        reading.modality in ("prohibit", "oblige", "permit")
        and not opposite
        and _complies(question, text)
        and not situation.asks_obligation
        and not situation.about_district  # "can admin look at it if I post at home?"
    ):
        # the right channel ("…but from my school email") permits no personal chat
        return None if personal_chat else Verdict.ALLOWED
    if reading.modality == "power":
        return Verdict.ALLOWED if situation.about_district else None
    if reading.modality == "oblige" and S_AWARENESS.match(reading.directed):
        return None
    keeps_record = (
        reading.modality == "oblige"
        and S_KEEP_RECORD.match(reading.directed)
        # "can I just delete those convos?" asks about the record; "can I post screenshots
        # of her email?" asks about publishing it, which forwarding a copy does not permit.
        and ("records" not in question_acts or Q_PUBLISHES.search(q))
    )
    if (_is_remedy(hit) or keeps_record) and not (
        situation.asks_obligation
    ):
        # How to repair a lapse, or to keep a record of the act, says nothing of whether
        # the act is allowed.
        return None
    if reading.modality == "permit":
        # "…only when necessitated by school-related matters … and may not be personal in
        # nature", asked about a birthday text or checking in: the permission excludes it.
        if _personal_excluded(t, q):
            return Verdict.PROHIBITED
        # "…to convey time-sensitive information on scheduling issues": a permission for a change
        # of plans does not reach daily updates or reading an essay; the rule it excepts does.
        if (
            S_SCHEDULING_ONLY.search(normalise(hit.passage.clause.text))
            and not Q_SCHEDULING.search(q)
            and not situation.emergency
        ):
            return None
        if conds & {
            "time_place_manner",
            "approval",
            "after_hours",
            "breaks",
            "emergency",
            "hedged",
            "only_if",
            "exception",
        }:
            return Verdict.CONDITIONAL
        return Verdict.ALLOWED
    if reading.modality == "discourage":
        return Verdict.DISCOURAGED
    negated = bool(Q_NEGATED.search(q))
    if reading.modality == "encourage":
        # "encouraged to communicate … on educational matters only", asked about chatting
        # with a student about music: the advice is against it.
        if opposite or situation.asks_obligation or (directs and negated) or personal_chat:
            return Verdict.DISCOURAGED
        if "only_via" in conds:
            return Verdict.CONDITIONAL  # "encouraged to … only through school-based resources"
        # "strongly encourages … to review the privacy settings", asked whether one may follow
        # students back from a private account: advice on one act permits no other act.
        return Verdict.ALLOWED if directs == "wholly" else None
    # "If they post about the district, they should identify themselves": when the asked act
    # is the very act directed, the "if" is the asker's own situation, not a hurdle.
    if (
        reading.modality == "oblige"
        and directs
        and not (conds - {"requirement"} or opposite or situation.asks_obligation or negated)
    ):
        # "A staff member who identifies as an employee … must include a disclaimer": the
        # asker may be the one who triggers the duty, not the one already doing it.
        if S_WHO_TRIGGER.search(normalise(hit.passage.text)):
            return Verdict.CONDITIONAL
        return Verdict.ALLOWED
    if reading.modality == "oblige" and not conds:
        if opposite:
            return Verdict.PROHIBITED
        # A duty about something else ("shall ensure … professionalism") decides nothing
        # unless the asker asks what they must do.
        about_act = bool(hit.passage.concepts & SPECIFIC_ACTS & question_acts)
        return Verdict.CONDITIONAL if directs or about_act or situation.asks_obligation else None
    # "If they post about the district, they should identify themselves": a requirement for
    # a situation decides only a question about that act.
    if (
        reading.modality == "oblige"
        and conds <= {"requirement"}
        and not (
            directs
            or situation.asks_obligation
            or hit.passage.concepts & SPECIFIC_ACTS & question_acts
        )
    ):
        return None
    # A prohibition, or a directive with conditions attached.
    conds = effective_conditions(conds, situation, question)
    if reading.modality == "oblige" and not conds and reading.conditions & {"approval", "copy"}:
        return None  # a duty that only attaches to an exception the case is not
    # effective_conditions keeps an exception's condition only when the case is that
    # exception (an emergency, a privacy matter, a school project).
    if conds & {"emergency", "privacy_matter", "school_project"}:
        # …unless the asker says the exception's own requirement (approval) is not met.
        if conds & OBTAINABLE and situation.condition_absent:
            return Verdict.PROHIBITED
        return Verdict.CONDITIONAL
    if opposite:
        return Verdict.PROHIBITED
    if "breaks" in conds:
        on_break = _on_a_break(question)
        if (
            on_break
            and situation.personal_device
            and not situation.school_device
            and question_acts <= BROWSING
        ):
            # "…reserved for authorized breaks … using non-Middletown devices": checking one's
            # feed on a duty-free lunch, on one's own phone, is inside the carve-out on both
            # counts. Posting or running a site on a break stays conditional ("own time").
            return Verdict.ALLOWED
        if on_break and situation.school_device:
            # A break frees the time, not the school's computer: the rule on devices decides.
            return None
        met = on_break or Q_ANY_TIME_AT_ALL.search(normalise(question))
        return Verdict.CONDITIONAL if met else Verdict.PROHIBITED
    if conds & OBTAINABLE and not situation.condition_absent:
        return Verdict.CONDITIONAL
    # A ban limited to working time or to school computers, asked about without saying
    # when or on what: allowed only outside that limit, which the answer then names.
    if reading.modality == "prohibit" and _reach_unknown(situation, hit):
        return Verdict.CONDITIONAL
    return Verdict.PROHIBITED
