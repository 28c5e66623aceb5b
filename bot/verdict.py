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
from dataclasses import dataclass, field

from bot.answer import Verdict
from bot.language import normalise
from bot.modality import OBTAINABLE, Reading, read_sentence, rx
from bot.retrieval import Hit


# --- the asker's situation --------------------------------------------------------------------
Q_FORMER = rx(r"\bformer\b", r"\bgraduat", r"\balum", r"used to (?:teach|have|coach)",
               r"\bi had (?:last|a few|two|three|\d+)", r"\bhad (?:him|her|them) (?:last|in|as)",
               r"\blast year\b", r"\byears? ago\b", r"\bin college\b", r"\bno longer\b",
               r"\bex-?students?\b", r"\bold students?\b", r"\bpast students?\b",
               r"\bclass of (?:19|20)?\d\d\b", r"\bnow (?:a|an|in) (?:college|adult|senior)")
Q_PARENT = rx(r"\bparents?\b", r"\bmoms?\b", r"\bdads?\b", r"\bmother", r"\bfather",
               r"\bguardians?\b", r"\bgrand(?:ma|pa|parent)", r"\bstep(?:mom|dad)")
Q_COLLEAGUE = rx(r"\bcolleague", r"\bco-?workers?\b", r"\bfellow (?:teacher|staff)",
                  r"\bother teachers?\b", r"\banother teacher\b", r"\bteacher friend",
                  r"\bmy principal\b", r"\bstaff members?\b", r"\bretire")
Q_STUDENT = rx(r"\bstudents?\b", r"\bkids?\b", r"\bkiddos?\b", r"\bpupils?\b", r"\bplayers?\b",
                r"\bathletes?\b", r"\bcaptains?\b", r"\bgraders?\b", r"\bmy class\b",
                r"\bchild(?:ren)?\b", r"\bson\b", r"\bdaughter\b", r"\bseniors?\b",
                r"\bjuniors?\b", r"\bfreshm[ae]n\b", r"\bsophomores?\b", r"\bteam\b")
Q_PERSONAL_DEVICE = rx(r"\bmy (?:own )?(?:personal )?(?:phone|cell|iphone|android|device|laptop|"
                        r"ipad|tablet)", r"\bown (?:phone|device|laptop|cell)",
                        r"\bpersonal (?:phone|device|laptop|cell)", r"\bmy data\b")
Q_SCHOOL_DEVICE = rx(r"\bschool (?:computer|laptop|desktop|chromebook|device|ipad|network|wifi|"
                      r"wi-fi|phone)", r"\bdistrict (?:computer|laptop|device|network)",
                      r"\bwork (?:computer|laptop)", r"\bclassroom computer", r"\bchromebook",
                      r"school-issued|district-issued|school issued|district issued")
Q_READ_ONLY = rx(r"\bscroll", r"\bbrows", r"\bjust (?:read|look|check|view|watch)",
                  r"\bonly (?:read|look|check|view)", r"\bnot (?:posting|commenting|post)\b",
                  r"\bwithout posting\b", r"\blurk", r"\bread(?:ing)? (?:only|my feed)")
Q_PERSONAL_TIME = rx(r"\bweekends?\b", r"\bsaturday\b", r"\bsunday\b", r"\bevenings?\b",
                      r"\bat night\b", r"\btonight\b", r"\bafter school\b", r"\bafter hours\b",
                      r"\bafter work\b", r"\bsummer\b", r"\bvacation\b", r"\bon my own time\b",
                      r"\bpersonal time\b", r"\bday off\b", r"\bat home\b", r"\boff the clock\b")
Q_WORK_TIME = rx(r"\bprep\b", r"\bplanning\b", r"\bfree period\b", r"\bduring (?:the )?(?:school|"
                  r"class|work|the day|my)", r"\bschool (?:day|hours)\b", r"\bwork ?(?:hours|day|"
                  r"time)\b", r"\bpd\b", r"\bprofessional development\b", r"\bmeeting\b",
                  r"\bon the clock\b", r"\blunch\b", r"\bduty\b", r"\bclass time\b",
                  r"\bhomeroom\b", r"\bstudy hall\b", r"\bat work\b", r"\bin class\b")
Q_EMERGENCY = rx(r"\bemergenc", r"\burgent", r"\blost\b", r"\bseparated\b", r"\binjur",
                  r"\bcan'?t reach\b", r"\bstranded\b", r"\bcrisis\b", r"\b911\b", r"\bunsafe\b")
Q_PRIVACY_MATTER = rx(r"\bmedical\b", r"\binjur", r"\bacl\b", r"\bconcussion", r"\brehab",
                       r"\bhealth\b", r"\bdoctor", r"\bsurgery\b", r"\bgrades?\b", r"\beligib",
                       r"\bacademic", r"\bfailing\b", r"\bgpa\b", r"\breport card",
                       r"\bmeds?\b", r"\bmedication", r"\bsick\b", r"\btherapy\b")
Q_CONDITION_ABSENT = rx(r"\bno disclaimer\b", r"\bwithout (?:a )?disclaimer\b",
                         r"\bwithout (?:asking|permission|approval)\b",
                         r"\bdidn'?t (?:ask|get permission|get approval)\b",
                         r"\bno (?:permission|approval)\b", r"\bnot encrypted\b",
                         r"\bwithout encrypt", r"\bwithout (?:telling|copying|cc)")
Q_ASKS_OBLIGATION = rx(r"\bdo i (?:have|need) to\b", r"\bam i (?:required|supposed)\b",
                        r"\bmust i\b", r"\bneed to\b", r"\bhave to\b", r"\brequired\b",
                        r"\banything (?:special|i need)", r"\bloop (?:anyone|someone) in\b",
                        r"\bsupposed to\b")

# What a rule's own words limit it to.
S_CURRENT = rx(r"\bcurrent(?:ly)?\b")
S_FORMER = rx(r"\bformer\b", r"\bgraduat", r"\balumni\b")
S_STUDENT = rx(r"\bstudents?'?\b", r"\bteam members\b", r"\bteam captains\b", r"\bchild")
S_PARENT = rx(r"\bparents?\b", r"\bguardians?\b", r"\bfamil(?:y|ies)\b", r"\bcommunity\b",
               r"\bpublic\b", r"\bany individual", r"\bthird part")
S_COLLEAGUE = rx(r"\bemployees?\b(?! must| should| of the district are)", r"\bstaff members?\b(?= |$)",
                  r"\bfaculty\b", r"\bcolleague", r"\bpersonnel and medical")
S_SCHOOL_DEVICE = rx(r"school district computer resources", r"\bschool computers?\b",
                      r"\bschool district's network\b", r"\bmiddletown computers\b",
                      r"\bdistrict's computer\b", r"\bschool(?:-| )based resources\b")
S_POST_ONLY = rx(r"\bpost(?:ing|s)?\b", r"\bupdates to their status\b", r"\bcomments?\b",
                  r"\bstatements\b", r"\bpublication")
S_ACCESS = rx(r"\baccess", r"\buse of\b", r"\busing\b", r"\bvisit", r"\bview", r"\bread")
S_WORK_TIME = rx(r"\bworking time\b", r"\bwork hours\b", r"\bschool time\b", r"\bschool day\b",
                  r"\bschool hours\b", r"\bregular work hours\b", r"\bwork time\b")
S_ALL_TIMES = rx(r"\bat all times\b", r"\bboth during and after\b", r"\bpersonal time\b",
                  r"\boutside of typical school hours\b", r"\boutside their professional\b")


@dataclass
class Situation:
    """What the question says about the case, in the terms that decide verdicts."""

    former: bool = False
    parent: bool = False
    colleague: bool = False
    student: bool = False
    personal_device: bool = False
    school_device: bool = False
    read_only: bool = False
    personal_time: bool = False
    work_time: bool = False
    emergency: bool = False
    privacy_matter: bool = False
    condition_absent: bool = False
    asks_obligation: bool = False

    @classmethod
    def of(cls, question: str) -> Situation:
        q = normalise(question)
        return cls(
            former=bool(Q_FORMER.search(q)),
            parent=bool(Q_PARENT.search(q)),
            colleague=bool(Q_COLLEAGUE.search(q)),
            student=bool(Q_STUDENT.search(q)),
            personal_device=bool(Q_PERSONAL_DEVICE.search(q)),
            school_device=bool(Q_SCHOOL_DEVICE.search(q)),
            read_only=bool(Q_READ_ONLY.search(q)),
            personal_time=bool(Q_PERSONAL_TIME.search(q)),
            work_time=bool(Q_WORK_TIME.search(q)),
            emergency=bool(Q_EMERGENCY.search(q)),
            privacy_matter=bool(Q_PRIVACY_MATTER.search(q)),
            condition_absent=bool(Q_CONDITION_ABSENT.search(q)),
            asks_obligation=bool(Q_ASKS_OBLIGATION.search(q)),
        )


@dataclass
class ScopeGap:
    """The word of the rule that leaves the asker's case outside it."""

    qualifier: str
    limiting_word: str


def scope_gap(situation: Situation, rule_text: str) -> ScopeGap | None:
    t = normalise(rule_text)
    if situation.former and not S_FORMER.search(t) and (S_STUDENT.search(t) or S_CURRENT.search(t)):
        word = "current" if S_CURRENT.search(t) else "students"
        return ScopeGap("former students", word)
    if (situation.parent and not situation.former and S_STUDENT.search(t)
            and not S_PARENT.search(t) and not _asks_about_student_via_parent(situation)):
        return ScopeGap("parents", "students")
    if situation.colleague and not situation.student and S_STUDENT.search(t) \
            and not S_COLLEAGUE.search(t) and not S_PARENT.search(t):
        return ScopeGap("colleagues", "students")
    if situation.personal_device and not situation.school_device and S_SCHOOL_DEVICE.search(t):
        match = S_SCHOOL_DEVICE.search(t)
        return ScopeGap("your own device", match.group(0) if match else "school computers")
    if situation.read_only and S_POST_ONLY.search(t) and not S_ACCESS.search(t):
        return ScopeGap("just reading, not posting", "post")
    if situation.personal_time and not situation.work_time and S_WORK_TIME.search(t) \
            and not S_ALL_TIMES.search(t):
        match = S_WORK_TIME.search(t)
        return ScopeGap("your own time", match.group(0) if match else "working time")
    return None


def _asks_about_student_via_parent(situation: Situation) -> bool:
    """'A mom from my class' is about a parent; a parent's *child* is not the counterpart."""
    return False


@dataclass
class Decision:
    verdict: Verdict
    governing: Hit | None
    reading: Reading | None
    gap: ScopeGap | None = None
    conditions: list[str] = field(default_factory=list)
    reason: str = ""


def decide(hits: list[Hit], situation: Situation, min_score: float) -> Decision:
    """Pick the governing sentence among the best hits and turn its modality into a verdict."""
    if not hits or hits[0].score < min_score:
        return Decision(Verdict.NOT_ADDRESSED, hits[0] if hits else None, None,
                        reason="no clause speaks to this situation")
    top = hits[0].score
    candidates = [h for h in hits[:4] if h.score >= 0.55 * top]
    readings = [(h, read_sentence(h.passage.text, h.passage.clause.lead_in)) for h in candidates]
    ruled = [(h, r) for h, r in readings if r.modality != "none"]
    if not ruled:
        return Decision(Verdict.NOT_ADDRESSED, hits[0], readings[0][1],
                        reason="the closest clauses state no rule for this case")
    governing, reading = ruled[0]
    rule_text = governing.passage.clause.lead_in + " " + governing.passage.clause.text
    gap = scope_gap(situation, rule_text)
    if gap:
        return Decision(Verdict.NOT_ADDRESSED, governing, reading, gap,
                        reason=f"the rule is limited to {gap.limiting_word}")
    verdict = _verdict_from(reading, situation)
    # Caution: a more restrictive rule among the strong candidates overrides a permissive one.
    if verdict == Verdict.ALLOWED:
        for h, r in ruled[1:]:
            if h.score >= 0.8 * top and r.modality == "prohibit" and not scope_gap(
                    situation, h.passage.clause.lead_in + " " + h.passage.clause.text):
                alt = _verdict_from(r, situation)
                if alt in (Verdict.PROHIBITED, Verdict.CONDITIONAL):
                    return Decision(alt, h, r, reason="a stricter clause also applies")
    return Decision(verdict, governing, reading,
                    conditions=sorted(reading.conditions))


def _verdict_from(reading: Reading, situation: Situation) -> Verdict:
    conds = reading.conditions
    if reading.modality == "permit":
        if conds & {"time_place_manner", "approval"}:
            return Verdict.CONDITIONAL
        return Verdict.ALLOWED
    if reading.modality == "discourage":
        return Verdict.DISCOURAGED
    if reading.modality == "encourage":
        return Verdict.DISCOURAGED if situation.asks_obligation or True else Verdict.ALLOWED
    if reading.modality in ("prohibit", "oblige"):
        if conds & OBTAINABLE and not situation.condition_absent:
            return Verdict.CONDITIONAL
        if "emergency" in conds and situation.emergency:
            return Verdict.CONDITIONAL
        if "privacy_matter" in conds and situation.privacy_matter:
            return Verdict.CONDITIONAL
        if "school_project" in conds and re.search(r"project", ""):
            return Verdict.CONDITIONAL
        if reading.modality == "oblige" and not situation.asks_obligation:
            return Verdict.ALLOWED if not conds else Verdict.CONDITIONAL
        return Verdict.PROHIBITED
    return Verdict.NOT_ADDRESSED
