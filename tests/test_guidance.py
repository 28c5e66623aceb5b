"""Guidance a teacher acts on: scope words, conditions, abstention on unrelated errands.

Each test states the policy behaviour in the policy's own terms (a rule limited to current
students, a rule limited to working time, an exception that needs approval) and checks the
answer a user would read, without pinning verdicts taken from the eval files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.answer import Answer, Verdict
from bot.assistant import Assistant
from bot.modality import read_sentence
from bot.verdict import Situation


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant.load(index=tmp_path_factory.mktemp("index") / "index.sqlite")


def expect(answer: Answer, verdict: Verdict, quoted: str = "") -> None:
    """The answer has this verdict and, if given, its first citation quotes these words."""
    assert answer.verdict == verdict, answer.summary
    if quoted:
        assert answer.citations and quoted in answer.citations[0].quote, answer.summary


def test_a_rule_about_current_students_does_not_decide_former_ones(assistant: Assistant) -> None:
    answer = assistant.ask("may I accept a former student's friend request?", "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "*current* students" in answer.summary
    assert "current students" in answer.citations[0].quote
    assert any("current" in q and "former" in q for q in answer.qualifiers)
    assert any(note.startswith("What still applies") for note in answer.notes)
    assert answer.contacts


@pytest.mark.parametrize(
    ("question", "district"),
    [
        ("my old 3rd grader is in college now, she wants to connect on linkedin", "milton"),
        ("guy who graduated 4 yrs ago asked to follow me on ig, fine?", "marlborough"),
    ],
)
def test_a_former_student_is_shown_the_rule_that_names_current_students(
    assistant: Assistant, question: str, district: str
) -> None:
    """Of the rules on friending students, the one whose own word leaves a former student
    out is the clause to show, not general advice that merely mentions students."""
    answer = assistant.ask(question, district)
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "*current* students" in answer.summary
    assert "current students" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("district", "also_limited"),
    [
        ("milton", 'may not list current students as "friends"'),
        ("marlborough", "students who are currently enrolled"),
    ],
)
def test_a_former_student_is_shown_every_rule_the_same_word_limits(
    assistant: Assistant, district: str, also_limited: str
) -> None:
    """Where two rules on friending both stop at *current* students, the answer shows both
    before general advice: together they are what the policy says nearest to the case."""
    answer = assistant.ask("kid from my 2019 homeroom (graduated) added me on snap, can i add "
                           "back?", district)
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "current" in answer.citations[0].quote
    assert also_limited in answer.citations[1].quote


@pytest.mark.parametrize(
    ("question", "district"),
    [
        ("girl on my aau team goes to school in the next town over, she wants to follow me on ig",
         "marlborough"),
        ("a kid from the catholic school plays in my church league and sent me a friend "
         "request", "milton"),
    ],
)
def test_a_rule_on_current_students_does_not_reach_another_districts_student(
    assistant: Assistant, question: str, district: str
) -> None:
    """"Current students" are the district's own: a student enrolled somewhere else is
    outside the rule's words, so the answer says so instead of a No."""
    answer = assistant.ask(question, district)
    expect(answer, Verdict.NOT_ADDRESSED, "current students")
    assert "not enrolled in this district" in answer.summary


def test_a_student_at_another_school_of_the_district_is_still_a_current_student(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("kid from the other middle school in our district sent me a friend "
                           "request on fb", "marlborough")
    expect(answer, Verdict.PROHIBITED, "current students")


@pytest.mark.parametrize(
    "question",
    ["my student teacher wants to follow me on insta", "can i friend our student intern on fb?"],
)
def test_a_student_teacher_is_a_colleague_not_a_student(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question, "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "colleagues" in answer.summary


def test_a_personal_friend_request_is_shown_the_personal_side_rule(assistant: Assistant) -> None:
    """Dudley-Charlton's rules on whom the *educational* Facebook account may friend are not
    the nearest clause for a request to the asker's own account: its concern about staff
    friending students is."""
    answer = assistant.ask("a boy from my homeroom years back, now 22, sent me a friend "
                           "request on fb", "dudley-charlton")
    expect(answer, Verdict.NOT_ADDRESSED, "friend a student on Facebook")


def test_the_same_rule_decides_current_students(assistant: Assistant) -> None:
    answer = assistant.ask("may I accept a current student's friend request?", "marlborough")
    expect(answer, Verdict.PROHIBITED)
    assert answer.summary.startswith("No")
    assert "current students" in answer.citations[0].quote


@pytest.mark.parametrize("district", ["milton", "marlborough", "dudley-charlton"])
def test_texting_a_team_captain_is_answered_from_each_districts_own_rule(
    assistant: Assistant, district: str
) -> None:
    answer = assistant.ask("can I text my team captain?", district)
    assert answer.verdict != Verdict.OFF_TOPIC
    assert answer.citations
    assert all(c.district == district for c in answer.citations)
    assert answer.contacts


def test_team_captain_guidance_differs_between_districts(assistant: Assistant) -> None:
    answers = {d: assistant.ask("can I text my team captain?", d)
               for d in ("milton", "marlborough", "dudley-charlton")}
    assert len({a.citations[0].quote for a in answers.values()}) == 3
    assert len({a.summary for a in answers.values()}) == 3


def test_conditions_are_listed_as_the_policy_states_them(assistant: Assistant) -> None:
    answer = assistant.ask("can I use the school logo on my personal insta?", "dudley-charlton")
    expect(answer, Verdict.CONDITIONAL)
    assert any("permission from the superintendent" in c for c in answer.conditions)


def test_a_remark_on_a_students_looks_meets_the_fraternization_ban(assistant: Assistant) -> None:
    answer = assistant.ask("can i message a sophomore that she looks so pretty in her "
                           "homecoming pics?", "middletown")
    expect(answer, Verdict.PROHIBITED, "Fraternization")


def test_students_google_sites_are_educational_sites(assistant: Assistant) -> None:
    """Marlborough permits "classroom participation on educational sites"; commenting on
    students' Google Sites for a unit is that, not communicating on personal social media."""
    answer = assistant.ask("can I comment on my 8th graders' google sites for the ecology unit?",
                           "marlborough")
    expect(answer, Verdict.ALLOWED, "Classroom participation")


def test_a_sport_named_by_its_name_is_a_team_matter(assistant: Assistant) -> None:
    """Milton's permission for "a group mail email alert to notify parents/guardians of club or
    sport cancellations" reaches a rained-out tennis match: the sport need not say "team"."""
    answer = assistant.ask("tennis match got rained out, ok to email all the parents from my "
                           "personal gmail?", "milton")
    expect(answer, Verdict.CONDITIONAL, "group mail email alert")


def test_the_school_website_a_logo_comes_from_is_not_the_site_asked_about(
    assistant: Assistant,
) -> None:
    """Marlborough permits "classroom participation on educational sites"; a logo taken
    from the school website for a personal Twitter header is for the rule on the logo
    ("…must be of a positive nature"), never a Yes from the permission."""
    answer = assistant.ask("thinking of using the school logo from our school website as my "
                           "twitter header, any issue?", "marlborough")
    expect(answer, Verdict.CONDITIONAL, "logo")


@pytest.mark.parametrize("question", [
    "can I just scroll FB during my prep? not posting or commenting",
    "can I look at the district's fb page during my prep?",
])
def test_reading_is_not_posting(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question, "ct-4118")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert any("*post*" in q for q in answer.qualifiers)


def test_a_time_limited_ban_without_a_time_is_conditional_not_no(tmp_path: Path) -> None:
    """Going on facebook is what the time-limited access ban is about; the friending rule
    beside it mentions social networking sites but is about another act."""
    district = make_district(tmp_path, ANGRY)
    answer = district.ask("can I scroll facebook on my phone?", "springfield")
    expect(answer, Verdict.CONDITIONAL, "during instructional time")


@pytest.mark.parametrize("question", [
    "can you help me print 30 copies of the permission slip",
    "how do i book the auditorium for the spring concert",
    "can i get reimbursed for classroom supplies",
    "who approves overtime for coaches",
    "what time does the copy room open tmrw? need to run off tests before 1st period",
    "can someone cover my lunch duty thurs",
    "buses are late, should i send the kids out to the loop or keep them inside?",
    "when's the benefits fair, i need to ask about my medical plan",
    "when's open enrollment? want to add my husband to the medical plan",
    "is the early dismissal schedule for friday posted anywhere?",
    "has the schedule for the two hour delay been posted yet",
    "suggest a picture book for kindergartners about making friends",
    "brainstorm some names for our class newsletter",
])
def test_errands_get_an_abstention_not_a_rule(assistant: Assistant, question: str) -> None:
    answer = assistant.ask(question, "milton")
    expect(answer, Verdict.OFF_TOPIC)
    assert not answer.citations
    assert answer.examples


def test_a_personal_account_on_a_school_laptop_is_the_policys_subject(
    assistant: Assistant,
) -> None:
    """"personal accts" in staff spelling: Milton's carve-out for a calendar answers it, where
    the question used to be turned away as an errand."""
    answer = assistant.ask("can i open google calendar on my school laptop to book parent "
                           "confs? thought personal accts were blocked", "milton")
    expect(answer, Verdict.ALLOWED, "except to access a calendar")


def test_a_question_about_something_the_policies_never_cover_is_not_forced(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("can i give a student a ride home after practice?", "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED)


def test_questions_about_what_the_district_may_do(assistant: Assistant) -> None:
    answer = assistant.ask("can admin really go searching through our posts online?",
                           "marlborough")
    expect(answer, Verdict.ALLOWED)
    assert "search" in answer.citations[0].quote.lower()


HEADER = "Springfield Public Schools\nPolicy 9100 Staff Use of Social Media\n\n"
SPRINGFIELD = HEADER + """A. Working time
1. Staff members shall not post photos or videos on social networking sites during working time \
without prior approval of the principal.

B. Students
1. Staff members shall not share images of students on personal accounts.
"""


def make_district(
    root: Path, text: str, contacts: str = '["your principal"]'
) -> Assistant:
    """A one-policy district written the way an administrator would add it."""
    folder = root / "knowledge" / "springfield"
    folder.mkdir(parents=True)
    (folder / "policy-9100.txt").write_text(text, encoding="utf-8")
    (folder / "district.toml").write_text(
        'id = "springfield"\nname = "Springfield Public Schools"\nshort_name = "Springfield"\n'
        f'state = "MA"\ncontacts = {contacts}\n\n[[policies]]\n'
        'file = "policy-9100.txt"\nnumber = "9100"\ntitle = "Staff Use of Social Media"\n'
        'label = "Springfield Policy 9100"\nadopted = "2024"\ndate_label = "adopted 2024"\n',
        encoding="utf-8")
    return Assistant.load(root / "knowledge", root / "index.sqlite")


@pytest.fixture(scope="module")
def springfield(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return make_district(tmp_path_factory.mktemp("springfield"), SPRINGFIELD)


def test_a_rule_sure_to_reach_the_case_decides_before_a_working_time_rule(
    springfield: Assistant,
) -> None:
    """The question says nothing about when: the working-time rule may not reach it, the rule
    about students' photos surely does, so that one decides."""
    question = "can I post photos and videos of my students on facebook?"
    answer = springfield.ask(question, "springfield")
    expect(answer, Verdict.PROHIBITED, "images of students")
    assert not answer.conditions
    during = springfield.ask("can I post photos on fb during the school day?", "springfield")
    expect(during, Verdict.CONDITIONAL, "during working time")
    assert any("approval of the principal" in c for c in during.conditions)


def test_a_definition_is_quoted_with_the_rule_it_defines(tmp_path: Path) -> None:
    """"Communications include … following" means nothing without the rule before it, and
    the rule does not say what counts as communicating: they are quoted together."""
    district = make_district(tmp_path, HEADER + (
        "A. Students\n1. Staff members should not communicate with currently enrolled students "
        "on personal social media sites. Communications include, but are not limited to, "
        "friending, following, commenting or posting messages.\n"
    ))
    answer = district.ask("can I follow a current student on tiktok?", "springfield")
    assert "should not communicate" in answer.citations[0].quote
    assert "following" in answer.citations[0].quote


@pytest.mark.parametrize("question", [
    "can my students' parents friend our class fb page?",
    "i made a separate class fb (not my personal one). a students mom sent a friend req to it, "
    "ok to accept?",
])
@pytest.mark.parametrize(("members", "allowed"), [
    ("administrators, teachers, students, and parents of such students", True),
    ("administrators and teachers", False),
])
def test_people_a_class_account_is_limited_to_may_join_it(
    tmp_path: Path, members: str, allowed: bool, question: str
) -> None:
    district = make_district(tmp_path, HEADER + (
        "A. Class accounts\n1. A teacher must use an educational Facebook account to "
        "communicate with students. The friends associated with such educational Facebook "
        f"account should be limited to members of the educational community, such as {members}."
        "\n"
    ))
    answer = district.ask(question, "springfield")
    assert (answer.verdict == Verdict.ALLOWED) is allowed
    assert "limited to members" in answer.citations[0].quote


@pytest.mark.parametrize("question", [
    "a dad whose kids go to a diff school in town asked to join our class fb page. accept?",
    "the class fb got a friend req from a mom in another district, fine to accept?",
])
def test_a_parent_from_elsewhere_is_no_parent_of_such_students(tmp_path: Path, question: str
                                                                ) -> None:
    """The class account's list names "parents of such students": a parent whose children
    are at another school is not one of them, so never a Yes."""
    district = make_district(tmp_path, HEADER + (
        "A. Class accounts\n1. A teacher must use an educational Facebook account to "
        "communicate with students. The friends associated with such educational Facebook "
        "account should be limited to members of the educational community, such as "
        "administrators, teachers, students, and parents of such students.\n"
    ))
    answer = district.ask(question, "springfield")
    assert answer.verdict != Verdict.ALLOWED, answer.summary


PHONES = HEADER + (
    "A. Communicating with families\n"
    "1. As to any matter relating to education, staff members are to communicate "
    "electronically with students and parents only through school-based resources, such as "
    "the school email system. Staff is also discouraged from using home telephones and "
    "personal cell phones to communicate with students and their families. Staff members must "
    "remember that school records may be requested by the public. Staff should keep a log of "
    "contacts with families. No conversation relating to a confidential matter shall ever be "
    "conducted by cellular telephone.\n\n"
    "B. Other rules\n"
    "1. Staff members shall not use the school logo on personal social networking sites.\n"
    "2. Staff members shall not post photographs of students without parental consent.\n"
    "3. Staff members shall not access social networking sites during instructional time.\n"
    "4. Staff members should configure privacy settings on their personal accounts.\n"
    "5. Staff members may not accept current students as friends on social networking sites.\n"
)


def test_a_call_is_not_electronic_communication_but_a_text_is(tmp_path: Path) -> None:
    district = make_district(tmp_path, PHONES)
    call = district.ask("can I call a parent from my cell about the field trip?", "springfield")
    expect(call, Verdict.DISCOURAGED, "discouraged from using home telephones")
    text = district.ask("can I text a parent from my cell about the field trip?", "springfield")
    assert text.verdict not in (Verdict.DISCOURAGED, Verdict.ALLOWED)
    assert "communicate electronically" in text.citations[0].quote


def test_a_rule_on_the_questions_own_subject_is_stricter(tmp_path: Path) -> None:
    """Discouraged in general, never for confidential matters: an IEP call is the latter."""
    district = make_district(tmp_path, PHONES)
    answer = district.ask("can I call a parent on my cell to go over her son's IEP results?",
                          "springfield")
    expect(answer, Verdict.PROHIBITED, "confidential matter")


def test_using_the_channel_a_rule_requires_is_allowed(tmp_path: Path) -> None:
    """"Only through school-based resources" is about school email too: it names the way to
    do it, so asking to use it is answered by that rule, not set aside as another channel."""
    district = make_district(tmp_path, PHONES)
    answer = district.ask("can I use my school email to message parents about the field trip?",
                          "springfield")
    expect(answer, Verdict.ALLOWED, "only through school-based resources")


@pytest.mark.parametrize("question", [
    "we have no web portal here, ok to open an insta for my class's families?",
    "no portal for families here. i'd like to start a facebook page to show what my 2nd "
    "graders are up to",
])
def test_a_page_for_the_class_is_the_educational_account_the_policy_describes(
    assistant: Assistant, question: str
) -> None:
    """Dudley-Charlton lets staff without a web portal open a Facebook identity separate from
    their own: "an insta for my class's families" is that account, allowed on its terms."""
    answer = assistant.ask(question, "dudley-charlton")
    expect(answer, Verdict.CONDITIONAL, "separate from his/her personal Facebook identity")


@pytest.mark.parametrize(("question", "verdict"), [
    ("saturday: can i text a student from my cell about monday's schedule change?",
     Verdict.CONDITIONAL),
    ("can i text my advisee happy birthday from my cell on saturday?", Verdict.PROHIBITED),
    ("one of my juniors and i text on weekends about life stuff from my cell, fine outside "
     "school hrs?", Verdict.PROHIBITED),
])
def test_a_permission_for_after_hours_school_matters_reaches_the_weekend_but_not_greetings(
    assistant: Assistant, question: str, verdict: Verdict
) -> None:
    """Milton allows a personal cell "when necessitated by school-related matters outside of
    regular school hours" and "not personal in nature": a Saturday is inside that permission,
    a birthday text is not."""
    answer = assistant.ask(question, "milton")
    assert answer.verdict == verdict
    assert "outside of regular school hours" in answer.citations[0].quote


LAPSE = HEADER + (
    "A. Communication\n"
    "1. Staff members shall not use personal email accounts to communicate with parents.\n"
    "2. If a staff member accidentally sends a school message from a personal account, he or "
    "she must forward it to his or her school email account the same day.\n"
)


@pytest.mark.parametrize(("question", "verdict"), [
    ("oops, emailed a parent from my yahoo by accident. am i in trouble?", Verdict.CONDITIONAL),
    ("i already replied to a parent from my gmail. can i just leave it?", Verdict.PROHIBITED),
])
def test_after_a_lapse_the_policy_says_what_to_do(
    tmp_path: Path, question: str, verdict: Verdict
) -> None:
    """The lapse already happened: the rule it broke is not the answer, the repair is."""
    answer = make_district(tmp_path, LAPSE).ask(question, "springfield")
    assert answer.verdict == verdict
    assert "must forward it" in answer.citations[0].quote


def test_a_remedy_written_for_email_answers_a_lapse_on_another_channel(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton's remedy says "save such email", yet it is for any school message sent
    "on the staff member's private account", a DM included, though it ranks low for one."""
    for question in ["whoops i replied to a student's question about the test on my own insta dm",
                     "oops sent a kid the hw answers from my personal messenger"]:
        expect(assistant.ask(question, "dudley-charlton"), Verdict.CONDITIONAL,
               "inadvertently convey")


def test_late_night_confidences_with_a_student_are_the_fraternization_rule(
    assistant: Assistant,
) -> None:
    """Nothing sexual is said, but talking with a student till midnight is the closeness the
    fraternization rule forbids."""
    answer = assistant.ask("a 9th grader messages me til midnight most nights, says i'm the "
                           "only one she can talk to. is that ok?", "middletown")
    expect(answer, Verdict.PROHIBITED, "Fraternization")


def test_flirty_snaps_with_a_student_are_the_fraternization_rule(assistant: Assistant) -> None:
    """"Snapping me" is a message and "flirty" is what "sexual harassment … enabled by a
    position of authority" forbids; without them the question matched no rule."""
    answer = assistant.ask("one of my 10th graders snaps me every night and it's gotten a "
                           "little flirty. ok to keep snapping her back?", "middletown")
    expect(answer, Verdict.PROHIBITED, "Fraternization")


@pytest.mark.parametrize("question", ["can teachers even have a personal facebook?",
                                      "am i allowed to be on tiktok as a teacher here?",
                                      "am i even allowed to have a personal fb and insta as a "
                                      "teacher here?"])
def test_whether_staff_may_have_an_account_at_all(
    assistant: Assistant, tmp_path: Path, question: str
) -> None:
    """A clause recognising staff members' right to use social media answers it; rules on
    how to use an account (private sites, logos, friending) do not forbid having one."""
    connecticut = assistant.ask(question, "ct-4118")
    expect(connecticut, Verdict.ALLOWED, "respects the right of staff members")
    elsewhere = make_district(tmp_path, ANGRY).ask(question, "springfield")
    assert elsewhere.verdict == Verdict.NOT_ADDRESSED


@pytest.mark.parametrize("question", [
    "making a class insta for my art kids, can I sign it up with my personal gmail?",
    "can i use my personal email for my professional twitter?",
])
def test_the_email_address_to_sign_a_class_account_up_with_is_not_home_information(
    assistant: Assistant, question: str
) -> None:
    """Marlborough: "employees should not use their personal email address for professional
    social media activities" decides which address a class or professional account is signed
    up with. The sentence also names e-mail addresses, which are home information elsewhere.
    Emailing families from that gmail is not a social media account at all."""
    expect(assistant.ask(question, "marlborough"), Verdict.PROHIBITED,
           "should not use their personal email address")
    answer = assistant.ask("can i email a few families from my personal gmail this week?",
                           "marlborough")
    assert answer.verdict != Verdict.PROHIBITED, answer.summary


@pytest.mark.parametrize("question", [
    "is the school allowed to go through the texts i send my players from my own phone?",
    "could hr pull the texts between me and parents on my personal phone?",
])
def test_whether_the_district_may_read_staff_texts_is_its_power_to_monitor(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question, "dudley-charlton")
    expect(answer, Verdict.ALLOWED, "authority to monitor all communications")


@pytest.mark.parametrize("channel", ["the district's official athletics twitter",
                                     "the school's official instagram"])
def test_posting_on_the_districts_own_channel_is_the_official_exception(
    assistant: Assistant, channel: str
) -> None:
    """Connecticut bars using one's title "unless the communication is of an official
    nature": the district's own channel is that exception, so no disclaimer is needed."""
    answer = assistant.ask(f"I'm the AD and I post game schedules on {channel} with my "
                           "title. do I need the 'views are my own' line?", "ct-4118")
    expect(answer, Verdict.ALLOWED, "of an official nature")



ANGRY = HEADER + (
    "A. Guidelines\n1. Think before posting. Comments can be forwarded or copied. If angry or "
    "passionate about a subject, it's wise to delay posting until calmer heads prevail.\n\n"
    "B. Rules\n1. Staff members shall not post confidential information about students.\n"
    "2. Staff members shall not use the school logo on personal social networking sites.\n"
    "3. Staff members may not accept current students as friends on social networking sites.\n"
    "4. Staff members shall not access social networking sites during instructional time.\n"
)


def test_advice_to_hold_off_posting_when_angry_is_discouraged(tmp_path: Path) -> None:
    """"It's wise to delay posting" advises against the act: discouraged, not silence, and
    "so mad" is the anger the advice is about."""
    district = make_district(tmp_path, ANGRY)
    answer = district.ask("so mad about the board vote tonight, ok to write a fb post about it?",
                          "springfield")
    expect(answer, Verdict.DISCOURAGED, "wise to delay posting")


def test_being_on_an_app_during_a_meeting_past_contract_hours_is_the_access_ban(
    assistant: Assistant,
) -> None:
    """"I'm on tiktok" is using the site, and "contract hours" is a time, not a union
    matter: Middletown's access rule covers professional meetings outside school hours."""
    answer = assistant.ask("our faculty meeting runs past my contract hours, ok if im on "
                           "tiktok during it?", "middletown")
    expect(answer, Verdict.PROHIBITED, "professional meetings outside of typical school hours")


@pytest.mark.parametrize("limit", ["during instructional time", "during the workday",
                                   "during duty hours"])
def test_a_ban_limited_to_working_time_in_other_words_does_not_reach_evenings(
    tmp_path: Path, limit: str
) -> None:
    """A sixth district words its time limit its own way; "tonight at home" is still outside it."""
    district = make_district(tmp_path, ANGRY.replace("during instructional time", limit))
    evening = district.ask("can I go on facebook tonight at home?", "springfield")
    assert evening.verdict == Verdict.NOT_ADDRESSED
    assert limit in evening.citations[0].quote
    assert limit.removeprefix("during ") in evening.summary
    prep = district.ask("can I go on facebook during my prep period?", "springfield")
    assert limit in prep.citations[0].quote
    # A prep period is part of the workday, but not instructional time.
    if limit == "during instructional time":
        assert prep.verdict == Verdict.NOT_ADDRESSED
    else:
        assert prep.verdict == Verdict.PROHIBITED


# The same policy, its time limit worded as the whole workday.
WORKDAY_BAN = ANGRY.replace("during instructional time", "during the workday")


@pytest.mark.parametrize("when", ["not during work obviously", "it's not during school hours",
                                  "outside of work hours"])
def test_saying_it_is_not_during_work_puts_the_question_outside_a_working_time_ban(
    tmp_path: Path, when: str
) -> None:
    """"Not during work" names the asker's own time; the word "work" in it is not a workday."""
    district = make_district(tmp_path, WORKDAY_BAN)
    answer = district.ask(f"can I go on facebook on my school laptop at home, {when}?",
                          "springfield")
    expect(answer, Verdict.NOT_ADDRESSED, "during the workday")


@pytest.mark.parametrize("when", ["custodian on 2nd shift", "while i clean the classrooms"])
def test_a_shift_or_a_task_is_working_time(tmp_path: Path, when: str) -> None:
    """Support staff say when they work by shift or task; a workday ban then reaches them."""
    district = make_district(tmp_path, WORKDAY_BAN)
    answer = district.ask(f"{when}. can I go on facebook on my phone?", "springfield")
    expect(answer, Verdict.PROHIBITED, "during the workday")


def test_a_ban_on_school_owned_devices_does_not_reach_a_personal_phone(tmp_path: Path) -> None:
    district = make_district(tmp_path, ANGRY.replace(
        "during instructional time", "on district-owned devices"))
    own = district.ask("can I check instagram on my own phone?", "springfield")
    expect(own, Verdict.NOT_ADDRESSED, "district-owned devices")
    school = district.ask("can I check instagram on my school laptop?", "springfield")
    assert school.verdict == Verdict.PROHIBITED


WORDED = HEADER + (
    "A. Students\n"
    "1. Staff members are not allowed to friend or follow current students on social "
    "networking sites.\n"
    "2. Employees are forbidden from posting photographs of students on personal accounts.\n"
    "3. Coaches may text team captains about practice schedule changes.\n\n"
    "B. Advice\n"
    "1. Teachers are strongly advised not to give students their personal cell phone numbers.\n"
    "2. Staff members are urged to use privacy settings on their personal accounts.\n"
    "3. Staff members are allowed to use social media during their lunch breaks.\n"
)


@pytest.mark.parametrize(("question", "verdict", "quoted"), [
    ("can I follow a current student on insta?", Verdict.PROHIBITED, "not allowed to friend"),
    ("can i post pics of my students on my personal fb?", Verdict.PROHIBITED, "forbidden"),
    ("can I text my team captain about a practice time change?", Verdict.ALLOWED,
     "Coaches may text"),
    ("can I give my cell number to my students?", Verdict.DISCOURAGED, "advised not to"),
    ("can I check facebook during my lunch break?", Verdict.ALLOWED, "allowed to use"),
])
def test_a_sixth_district_worded_its_own_way_gets_the_same_reading(
    tmp_path: Path, question: str, verdict: Verdict, quoted: str
) -> None:
    """"not allowed", "forbidden", "may text", "advised not to", "are allowed to": the
    modality is read from common policy wording, not only from the five bundled policies'."""
    answer = make_district(tmp_path, WORDED).ask(question, "springfield")
    assert answer.verdict == verdict
    assert quoted in answer.citations[0].quote


def test_this_prohibition_is_quoted_with_the_prohibition_it_extends(tmp_path: Path) -> None:
    """"This prohibition extends to texting" follows a permission; the prohibition it extends,
    and the people that one covers (current students), are the sentence before that."""
    district = make_district(tmp_path, ANGRY.replace(
        "1. Staff members shall not post confidential information about students.",
        "1. Staff members may not list current students as friends on social networking sites. "
        "Participation on educational sites for instructional purposes is permitted. This "
        "prohibition extends, as well, to cell phone or texting use."))
    parent = district.ask("a mom wants to text me about her son, can I text her back?",
                          "springfield")
    assert parent.verdict == Verdict.NOT_ADDRESSED
    assert parent.citations[0].quote.startswith("Staff members may not list current students")
    assert parent.citations[0].quote.endswith("texting use.")
    student = district.ask("can I text one of my current students?", "springfield")
    assert student.verdict == Verdict.PROHIBITED


NESTED = HEADER + (
    "IV. ELECTRONIC COMMUNICATION WITH STUDENTS\n\n"
    "A. Messaging\n\n"
    "1. Employees shall not send one-to-one messages to students through personal accounts.\n\n"
    "2. Employees shall copy a parent on any electronic message to a student.\n\n"
    "VI. PERSONAL USE OF SOCIAL MEDIA\n\n"
    "A. Devices\n\n"
    "1. Employees shall not access personal social media accounts during instructional time.\n\n"
    "2. District-issued computers shall not be used to access personal social media accounts.\n"
    "\nB. Content\n\n"
    "Employees shall not post any communication on a district platform that:\n\n"
    "a. harasses or bullies a student, parent or employee;\n\n"
    "b. contains sexually explicit material; or\n\n"
    "c. promotes the illegal use of drugs or alcohol.\n"
)


def test_lettered_items_and_nested_sections_are_cited_where_they_are(tmp_path: Path) -> None:
    """"a." items are list items with their lead-in (not loose sentences), and "A." under
    "VI." is §VI.A, so two sections' item 2s are told apart."""
    district = make_district(tmp_path, NESTED)
    explicit = district.ask("can i share nsfw sexually explicit memes on the district page?",
                            "springfield")
    assert explicit.verdict == Verdict.PROHIBITED
    top = explicit.citations[0]
    assert top.quote == "contains sexually explicit material; or"
    assert top.section.startswith("§VI.B")
    laptop = district.ask("can I check my facebook on my district-issued computer?",
                          "springfield")
    assert "§VI.A" in laptop.citations[0].citation
    assert "item 2" in laptop.citations[0].citation


def test_a_permission_for_the_lunch_break_does_not_cover_evenings(tmp_path: Path) -> None:
    district = make_district(tmp_path, ANGRY.replace(
        "4. Staff members shall not access social networking sites during instructional time.",
        "4. Personal use of social media during a duty-free lunch, a break or a preparation "
        "period is permitted."))
    lunch = district.ask("can I check facebook during my lunch break?", "springfield")
    assert lunch.verdict == Verdict.ALLOWED
    evening = district.ask("can I scroll fb on my own laptop at home tonight?", "springfield")
    assert evening.verdict == Verdict.NOT_ADDRESSED


CLASS_PAGES = HEADER + (
    "A. Class accounts\n"
    "1. Advance approval to create a class social network account should be obtained from "
    "the principal.\n"
    "2. Staff members shall not post confidential information about students on any site.\n\n"
    "B. Conduct\nThe following is a representative list of specific prohibitions:\n"
    "1. Posting items advocating use of drugs and alcohol.\n"
    "2. Responding to social network invitations from current students.\n"
)


def test_a_class_party_is_not_a_drinking_party(tmp_path: Path) -> None:
    """"party" alone was read as alcohol, so a class party photo was answered with the rule
    on drugs and alcohol."""
    district = make_district(tmp_path, CLASS_PAGES)
    answer = district.ask("can I post a pic from our class pizza party?", "springfield")
    assert "drugs" not in answer.citations[0].quote


@pytest.mark.parametrize("detail", ["needs his inhaler", "has a peanut allergy",
                                    "is on adhd meds", "had a seizure", "has lice"])
def test_a_students_health_detail_is_confidential_information(
    assistant: Assistant, detail: str
) -> None:
    concepts = assistant.lexicon.concepts(f"can I post that my student {detail}?", question=True)
    assert "confidential" in concepts


def test_approval_to_create_a_class_page_decides_making_one(tmp_path: Path) -> None:
    district = make_district(tmp_path, CLASS_PAGES)
    answer = district.ask("can I set up a class instagram for my 4th graders?", "springfield")
    expect(answer, Verdict.CONDITIONAL, "Advance approval to create")


def test_a_representative_list_is_not_about_representing_the_district(tmp_path: Path) -> None:
    """The lead-in word "representative" once tagged every item as a rule about identifying
    oneself, so a friend request was not matched to the rule on invitations."""
    district = make_district(tmp_path, CLASS_PAGES)
    answer = district.ask("a current student sent me a friend request, can I accept it?",
                          "springfield")
    expect(answer, Verdict.PROHIBITED, "social network invitations")


@pytest.mark.parametrize(("policy_text", "concept"), [
    ("in the event of ambiguity, ask the principal", "event"),
    ("notify his or her immediate supervisor", "emergency"),
    ("material protected by copyright", "encryption"),
    ("comply with the public records law", "confidential"),
    ("principals will annually remind staff members", "edu_site"),
    ("it is not possible to identify all proprietary means", "identity"),
    ("a representative list of prohibitions", "identity"),
    ("respond to social network invitations", "school_device"),
    ("use the school's logo", "monitor"),
    ("communications which arise out of or in connection with one's position", "friend"),
])
def test_a_policy_word_in_another_sense_is_not_the_concept(
    assistant: Assistant, policy_text: str, concept: str
) -> None:
    """Each of these once gave a policy sentence a concept it is not about, so it was
    ranked for, or decided, questions on that concept."""
    assert concept not in assistant.lexicon.concepts(policy_text)


@pytest.mark.parametrize(("question", "concept"), [
    ("can I dm her to remind her about the makeup test?", "edu_site"),
    ("can I dm her to remind her about the makeup test?", "group"),
    ("can I start a class insta for my AP bio kids?", "identity"),
    ("ok to send a happy bday text to a senior?", "home_info"),
    ("starting a teaching podcast on weekends. what guidelines do i have to follow?", "friend"),
    # the school's grading scale is public; a student's grading is not
    ("a dad asked me how the new grading scale works, can I explain it on the pto page?",
     "confidential"),
])
def test_a_question_word_in_another_sense_is_not_the_concept(
    assistant: Assistant, question: str, concept: str
) -> None:
    """To remind a student is not the Remind app (a group channel); AP bio is biology, not
    a profile bio; a happy-birthday text is a greeting, not a birth date; guidelines to
    follow are not someone to follow."""
    assert concept not in assistant.lexicon.concepts(question, question=True)


@pytest.mark.parametrize(("question", "concept"), [
    ("can I post about the science fair event?", "event"),
    ("it's immediate, can I text the mom?", "emergency"),
    ("can I look at a student's records from home?", "confidential"),
    ("can I use remind to message parents?", "edu_site"),
    ("can I log into my fb on my chromebook?", "access"),
    ("can i say on fb that the board's plan to cut art is a mistake?", "public_concern"),
    ("can i post a pic of my dispensary haul on my insta? it's legal here", "drugs"),
    ("a junior keeps snapping me and it's gotten kind of flirty, ok to snap back?",
     "boundaries"),
    ("can i post my students' birthdays on the class page?", "home_info"),
    ("can i share that the AP teacher is retiring before the district announces it?",
     "confidential"),
    ("someone asked about bus routes on the neighborhood fb, can i chime in?", "post"),
    ("ok to reply to a mom in the community facebook group about the snow day?", "post"),
    ("is it fine to repeat what my coworker told me if I'm not 100% sure of the facts?",
     "accuracy"),
])
def test_the_same_word_in_a_question_still_counts(
    assistant: Assistant, question: str, concept: str
) -> None:
    assert concept in assistant.lexicon.concepts(question, question=True)


BREAKS = HEADER + (
    "A. Personal use\n"
    "1. Personal use of social media during a duty-free lunch, a break or a preparation "
    "period is permitted.\n"
    "2. Employees shall not use social media for personal purposes during instructional "
    "time.\n"
    "3. Employees are encouraged to keep personal devices put away while supervising "
    "students.\n"
)


@pytest.mark.parametrize("question", [
    "can i scroll tiktok while my kiddos do silent reading?",
    "can I check insta during 3rd period while they take the quiz?",
])
def test_class_time_in_staff_words_is_instructional_time(tmp_path: Path, question: str) -> None:
    district = make_district(tmp_path, BREAKS)
    answer = district.ask(question, "springfield")
    expect(answer, Verdict.PROHIBITED, "during instructional time")


def test_a_permission_for_breaks_does_not_reach_recess_duty(tmp_path: Path) -> None:
    district = make_district(tmp_path, BREAKS)
    duty = district.ask("can I have my phone out on recess duty to check insta?", "springfield")
    assert duty.verdict != Verdict.ALLOWED
    lunch = district.ask("can I check insta on my lunch break?", "springfield")
    expect(lunch, Verdict.ALLOWED, "duty-free lunch")


def test_permitted_only_if_is_a_condition_and_each_one_is_listed(tmp_path: Path) -> None:
    """A zoom call is a communication, not an off-topic question; "permitted only …, and
    only if …" is never a plain yes."""
    district = make_district(tmp_path, BREAKS.replace(
        "3. Employees are encouraged",
        "3. A live video session with an individual student is permitted only on a "
        "district-approved platform, and only if the session is recorded or a second adult is "
        "present.\n4. Employees are encouraged"))
    answer = district.ask("can i do a 1:1 zoom w a student for extra tutoring?", "springfield")
    expect(answer, Verdict.CONDITIONAL)
    assert answer.conditions == [
        "only on a district-approved platform",
        "only if the session is recorded or a second adult is present",
    ]


FAMILY = HEADER + (
    "A. Connections\n"
    "1. Employees shall not accept friend requests from current students on personal social "
    "media accounts.\n"
    "2. The restriction in item 1 does not apply to an employee's own children or other "
    "relatives who are students.\n\n"
    "B. Photos\n"
    "1. Employees shall not post photographs of students on personal social media accounts.\n"
)


def test_an_exception_for_own_children_excepts_the_rule_it_names(tmp_path: Path) -> None:
    district = make_district(tmp_path, FAMILY)
    own = district.ask("my daughter is a sophomore at the HS where I teach, can I still be "
                       "friends w her on fb?", "springfield")
    expect(own, Verdict.ALLOWED, "does not apply to an employee's own children")
    student = district.ask("a kid in my 3rd period sent me a friend request, ok to accept?",
                           "springfield")
    assert student.verdict == Verdict.PROHIBITED
    # Item 1 of section A is about friend requests, not photos of students.
    photo = district.ask("can I post a photo of my niece, she's in 3rd grade at my school?",
                         "springfield")
    assert photo.verdict == Verdict.PROHIBITED


def test_a_rule_on_photos_of_students_does_not_decide_vacation_pictures(tmp_path: Path) -> None:
    district = make_district(tmp_path, FAMILY)
    answer = district.ask("can i post vacation pics on my insta this weekend", "springfield")
    assert answer.verdict != Verdict.PROHIBITED
    class_pics = district.ask("can i post pics of my class on my insta?", "springfield")
    expect(class_pics, Verdict.PROHIBITED, "photographs of students")


CAPTAINS = HEADER + (
    "A. Coaches\n"
    "1. All contact and messages by coaches with team members shall be sent to all team "
    "members or to team captains.\n"
    "2. Examples of situations which might be appropriate to involve the provision of a "
    "personal phone number to a student are:\n"
    "a) a coach who needs to contact or convey information to team captains, or send an "
    "emergency text message to the team;\n"
    "b) a field trip where students might get separated from the group.\n"
)


def test_a_permission_that_names_captains_grants_nothing_to_one_other_player(
    tmp_path: Path,
) -> None:
    district = make_district(tmp_path, CAPTAINS)
    one = district.ask("i coach JV hoops. can i text one kid from my personal phone to tell him "
                       "hes getting moved up to varsity?", "springfield")
    expect(one, Verdict.PROHIBITED, "sent to all team members")
    captain = district.ask("can I text my team captain about practice?", "springfield")
    assert captain.verdict == Verdict.ALLOWED


ACCOUNTS = HEADER + (
    "A. Accounts\n"
    "1. Employees shall not post photographs or videos of students on personal social media "
    "accounts.\n"
    "2. Photographs and videos of students may be posted on an official school account only "
    "if the student's parent has not opted out.\n"
    "3. An employee who wishes to create a social media account for a class shall obtain the "
    "principal's prior written approval.\n\n"
    "B. Coaches\n"
    "1. Coaches are not permitted to create or join group chats with students on Snapchat "
    "unless the athletic director has approved the group in writing.\n"
    "2. A coach may send an individual message to a student-athlete about an injury only if "
    "the athletic director is copied on the message.\n"
)


def test_a_rule_on_personal_accounts_does_not_decide_the_schools_account(
    tmp_path: Path,
) -> None:
    district = make_district(tmp_path, ACCOUNTS)
    school = district.ask("can i post pics from the robotics competition on the school's "
                          "insta?", "springfield")
    expect(school, Verdict.CONDITIONAL, "may be posted on an official school account only if")
    personal = district.ask("can i post pics from the robotics competition on my insta?",
                            "springfield")
    assert personal.verdict == Verdict.PROHIBITED


def test_prior_written_approval_to_create_a_class_account_is_a_condition(
    tmp_path: Path,
) -> None:
    district = make_district(tmp_path, ACCOUNTS)
    answer = district.ask("can I start a class insta acct for my AP bio kids?", "springfield")
    expect(answer, Verdict.CONDITIONAL, "prior written approval")


def test_not_permitted_unless_approved_is_conditional(tmp_path: Path) -> None:
    district = make_district(tmp_path, ACCOUNTS)
    answer = district.ask("can i set up a snapchat group for my cheer team?", "springfield")
    expect(answer, Verdict.CONDITIONAL, "unless the athletic director has approved")


def test_a_permission_given_to_one_coach_is_a_permission(tmp_path: Path) -> None:
    """"A coach may send …" grants as "coaches may send …" does; its "only if" makes it
    conditional. Wrestlers are a team."""
    district = make_district(tmp_path, ACCOUNTS)
    answer = district.ask("need to msg one of my wrestlers about his concussion, just him. ok?",
                          "springfield")
    expect(answer, Verdict.CONDITIONAL, "A coach may send an individual message")



def test_a_rule_extended_to_phones_decides_texts_but_not_calls(assistant: Assistant) -> None:
    """Dudley-Charlton: "The provisions in #5 above, except to the extent that a particular
    telephonic communication does not generate a written document, apply to telephonic
    communication as well" carries #5's school-resources-only rule to texts from a cell; a
    call leaves no written document and is only discouraged."""
    text = assistant.ask("can i text a student's mom from my cell to tell her how his "
                         "behavior was today?", "dudley-charlton")
    assert text.verdict == Verdict.PROHIBITED
    quoted = " ".join(c.quote for c in text.citations[:2])
    assert "apply to telephonic communication as well" in quoted
    assert "only through school-based resources" in quoted
    call = assistant.ask("can i call a student's mom from my cell to tell her how his "
                         "behavior was today?", "dudley-charlton")
    assert call.verdict == Verdict.DISCOURAGED
    assert assistant.ask("is it ok to phone a parent from my cell",
                         "dudley-charlton").verdict == Verdict.DISCOURAGED
    assert assistant.ask("is it ok to text a parent from my cell",
                         "dudley-charlton").verdict == Verdict.PROHIBITED


NUMBERS = HEADER + (
    "A. Contact\n"
    "1. Teachers will not give out their private cell phone or home phone numbers to students "
    "without prior approval of the principal.\n"
    "2. Teachers may not access social networking sites on district computers.\n\n"
    "B. Posting\n"
    "1. Staff members shall not post photographs of students on personal accounts.\n"
    "2. Staff members shall not use the school logo without the principal's approval.\n"
    "3. Staff members may not accept current students as friends on social networking sites.\n"
)


def test_giving_out_a_cell_number_is_the_rule_on_phone_numbers(tmp_path: Path) -> None:
    district = make_district(tmp_path, NUMBERS)
    answer = district.ask("can i give my cell # to the kids in my homeroom just in case they "
                          "need me?", "springfield")
    expect(answer, Verdict.CONDITIONAL, "private cell phone or home phone numbers")


def test_the_library_computer_is_a_school_computer(tmp_path: Path) -> None:
    """A ban on district computers reaches the library computer after school; it is not a
    ban whose reach depends on an unstated device."""
    district = make_district(tmp_path, NUMBERS)
    answer = district.ask("checking fb on the library computer after school when nobodys "
                          "around, ok?", "springfield")
    expect(answer, Verdict.PROHIBITED)


LISTS = HEADER + (
    "SECTION III. PERSONAL ACCOUNTS\n\n"
    "A. Staff members shall not:\n"
    "   1. send or accept a friend, follow, or similar connection request involving a student "
    "on a personal account;\n"
    "   2. exchange private or direct messages with a student through a personal account.\n\n"
    "SECTION IV. COMMUNICATING WITH STUDENTS\n\n"
    "1. Staff members may not text or call students on a personal mobile phone, except:\n"
    "   a) when there is an emergency affecting a student's health or safety; or\n"
    "   b) during a District-approved overnight trip when District channels are unavailable.\n"
    "   Any contact made under this exception must be reported to the building principal.\n"
    "2. It is impermissible to use an application that automatically erases messages, such as "
    "Snapchat, to communicate with students.\n"
    "3. Staff members are barred from giving students a personal phone number.\n\n"
    "SECTION V. SPEAKING AS A PRIVATE CITIZEN\n\n"
    "A staff member who identifies as a District employee on a personal account and discusses "
    "education matters must include a clear statement that the views expressed are personal "
    "and do not represent the District.\n"
    "Administrators may, however, review publicly available content when a complaint is "
    "received.\n"
)


def test_a_lettered_heading_ending_in_a_colon_is_the_lead_in_of_its_items(
    tmp_path: Path,
) -> None:
    district = make_district(tmp_path, LISTS)
    answer = district.ask("one of my 8th graders started following me on insta. can i just "
                          "leave it?", "springfield")
    expect(answer, Verdict.PROHIBITED)
    assert answer.citations[0].lead_in == "Staff members shall not:"


def test_items_keep_the_documents_own_numbers_after_a_paragraph(tmp_path: Path) -> None:
    """"3." after the exception list's closing paragraph is cited as item 3, not item 2."""
    district = make_district(tmp_path, LISTS)
    answer = district.ask("can i give a student my personal phone number?", "springfield")
    expect(answer, Verdict.PROHIBITED, "barred from giving students")
    assert answer.citations[0].citation.endswith("COMMUNICATING WITH STUDENTS, item 3 "
                                                 "(adopted 2024)")


def test_an_except_list_permits_only_its_own_circumstances(tmp_path: Path) -> None:
    district = make_district(tmp_path, LISTS)
    emergency = district.ask("a kid just texted me he's not safe at home, it's an emergency. "
                             "can i text him back from my cell?", "springfield")
    expect(emergency, Verdict.CONDITIONAL, "emergency")
    hype = district.ask("can i text my starting pitcher from my cell the night before "
                        "playoffs to hype him up?", "springfield")
    expect(hype, Verdict.PROHIBITED, "may not text or call students")


@pytest.mark.parametrize(("question", "verdict"), [
    # The duty falls on whoever identifies as an employee: not a plain yes.
    ("my insta bio says i teach 7th grade science here and i post about ed policy. am i ok?",
     Verdict.CONDITIONAL),
    ("if a parent complains about my public tiktok can admin actually go look at it?",
     Verdict.ALLOWED),
])
def test_more_policy_wordings_read_as_they_are_meant(
    tmp_path: Path, question: str, verdict: Verdict
) -> None:
    """"are barred from", "a staff member who … must", "Administrators may … review"."""
    assert make_district(tmp_path, LISTS).ask(question, "springfield").verdict == verdict


WORKDAY = HEADER + (
    "A. Personal use\n"
    "1. Personal social media use is not permitted during instructional time or while a staff "
    "member is supervising students. Staff members may use personal accounts on their own "
    "devices during a duty-free lunch or a scheduled break.\n"
    "2. Staff members shall not post photographs of students on personal accounts.\n"
    "3. Staff members shall not use the school logo without the principal's approval.\n"
    "4. Staff members may not accept current students as friends on social networking sites.\n"
)


def test_a_ban_on_instructional_time_does_not_reach_a_duty_free_lunch(tmp_path: Path) -> None:
    district = make_district(tmp_path, WORKDAY)
    lunch = district.ask("can i scroll insta on my phone at lunch? i dont have lunch duty",
                         "springfield")
    expect(lunch, Verdict.ALLOWED, "duty-free lunch")
    # A permission for lunch and breaks does not name a prep period.
    prep = district.ask("is it ok to check fb on my own phone during my prep?", "springfield")
    assert prep.verdict == Verdict.NOT_ADDRESSED
    recess = district.ask("can i check insta on recess duty?", "springfield")
    assert recess.verdict == Verdict.PROHIBITED


SUBSTANCES = HEADER + (
    "A. Conduct\n"
    "Staff members shall not post, share, or send content that:\n"
    "- harasses, threatens, or bullies a student, parent, or employee;\n"
    "- is sexually explicit, or depicts or promotes illegal drug use.\n\n"
    "Staff members are discouraged from criticizing identifiable colleagues on social media. "
    "Staff members are also cautioned against posting images of themselves drinking alcohol.\n\n"
    "B. Students\n"
    "1. Staff members shall not post photographs of students on personal accounts.\n"
    "2. Staff members may not accept current students as friends on social networking sites.\n"
)


def test_a_rule_on_illegal_drugs_does_not_decide_a_margarita_photo(tmp_path: Path) -> None:
    district = make_district(tmp_path, SUBSTANCES)
    drink = district.ask("spring break in cancun, can i post a pic of me w a margarita on my "
                         "public ig?", "springfield")
    expect(drink, Verdict.DISCOURAGED, "drinking alcohol")
    weed = district.ask("can i post a pic of my weed brownies on my insta?", "springfield")
    expect(weed, Verdict.PROHIBITED, "illegal drug use")


@pytest.mark.parametrize(("policy_text", "concept"), [
    ("Connecting with the parents or guardians of current students is discouraged.", "friend"),
    ("or remain connected to a student after learning of the connection", "friend"),
    ("before creating a District-sponsored account", "class_account"),
    ("employees who engage in professional social media activities", "class_account"),
    ("Staff members are strongly encouraged to keep personal accounts private.",
     "privacy_settings"),
    ("Employees should set their profiles to private.", "privacy_settings"),
])
def test_policy_wordings_for_the_same_act_are_the_concept(
    assistant: Assistant, policy_text: str, concept: str
) -> None:
    assert concept in assistant.lexicon.concepts(policy_text)


HOUSEHOLD = HEADER + (
    "A. Messages\n"
    "1. Coaches may not text athletes on a personal phone.\n"
    "2. Nothing in this policy restricts a staff member's contact with his or her own children "
    "or other members of his or her household.\n\n"
    "B. District accounts\n"
    "1. District-sponsored accounts are reserved for school purposes; they may not be used to "
    "promote personal businesses, political candidates or religious views.\n"
    "2. Nothing in this policy prohibits staff members from commenting, on their own time, on "
    "matters of public concern.\n"
)


def test_nothing_restricts_contact_with_own_children_is_a_carve_out(tmp_path: Path) -> None:
    district = make_district(tmp_path, HOUSEHOLD)
    own = district.ask("i coach track and my son is on the team, can i text him from my cell?",
                       "springfield")
    expect(own, Verdict.ALLOWED, "own children")
    athlete = district.ask("i coach track, can i text my miler from my cell?", "springfield")
    assert athlete.verdict == Verdict.PROHIBITED


def test_a_rule_on_district_accounts_does_not_decide_a_personal_post(tmp_path: Path) -> None:
    district = make_district(tmp_path, HOUSEHOLD)
    personal = district.ask("can i post on my personal fb this weekend that the board's plan "
                            "to cut art is a mistake?", "springfield")
    expect(personal, Verdict.ALLOWED, "matters of public concern")
    official = district.ask("can i post on our class insta that the board's plan to cut art "
                            "is a mistake?", "springfield")
    assert official.verdict == Verdict.PROHIBITED


def test_a_rule_listing_several_subjects_speaks_to_each_of_them(tmp_path: Path) -> None:
    district = make_district(tmp_path, HOUSEHOLD)
    shop = district.ask("i sell my lesson plans on tpt, can i put the link in the bio of our "
                        "classroom insta?", "springfield")
    expect(shop, Verdict.PROHIBITED, "personal businesses")
    own = district.ask("i sell stuff on etsy. can i promote my store on my personal ig? not "
                       "the class page", "springfield")
    assert own.verdict != Verdict.PROHIBITED


def test_a_contact_for_one_matter_is_named_only_for_that_matter(tmp_path: Path) -> None:
    contacts = '["your principal", "the athletic director (coaches)", "the IT office (logo)"]'
    district = make_district(tmp_path, HOUSEHOLD, contacts)
    coach = district.ask("i coach track, can i text my miler from my cell?", "springfield")
    assert coach.contacts == ["your principal", "the athletic director (coaches)"]
    teacher = district.ask("can i post on my personal fb that the board's plan to cut art is "
                           "a mistake?", "springfield")
    assert teacher.contacts == ["your principal"]


EMAIL = HEADER + (
    "A. Email\n"
    "1. Use of one's personal email account to discuss school business with students and "
    "parents is prohibited. It should be noted that when a staff member uses a personal email "
    "account the communication falls within the Public Records Law.\n"
    "2. If a staff member were to inadvertently convey a school-related message to a parent "
    "on a private account, the staff member must save such email to the school email "
    "account.\n\n"
    "B. Posting\n"
    "1. In no event shall an employee include in any posting information about a student which "
    "might place the student at risk.\n"
)


@pytest.mark.parametrize("question", [
    "my school email is down. can i just use my gmail to answer a parent's question about her "
    "son's grades?",
    "can i email a parent back from my yahoo about the field trip?",
])
def test_a_remedy_for_a_lapse_does_not_permit_the_lapse(tmp_path: Path, question: str) -> None:
    """The repair rule ("if … inadvertently …, must save such email") is not a permission,
    a neighbour about records law does not make the ban about records, and a school email
    that is down is the reason, not the channel used."""
    answer = make_district(tmp_path, EMAIL).ask(question, "springfield")
    expect(answer, Verdict.PROHIBITED, "personal email account")


def test_people_the_question_says_are_absent_are_not_in_it(tmp_path: Path) -> None:
    district = make_district(tmp_path, EMAIL)
    staff_night = district.ask("ok to post pics from the staff bowling night on my FB? just "
                               "teachers, no kids", "springfield")
    assert staff_night.verdict != Verdict.PROHIBITED
    assert "student" not in district.lexicon.concepts("just teachers, no kids", question=True)
    field_day = district.ask("ok to post pics of my kids at field day with their names?",
                             "springfield")
    assert field_day.verdict == Verdict.PROHIBITED


@pytest.mark.parametrize("question", [
    "whats the sub coordinator's extension again?",
    "what is the phone number for the transportation office",
    "who's our union rep",
    "my outlook keeps crashing when i open attachments",
    "my classroom phone doesnt have a dial tone",
    "my email storage is full what do i delete",
    "how do i turn on closed captions in google slides",
    "can u tell me when progress reports are due",
    "whats the number to call to get a sub if im out sick tmrw",
    "how do i make a facebook event for the PTO bake sale",
    "can you give me 3 caption ideas for our class instagram",
    "what's a good tiktok dance for field day",
    "how many followers does the school insta have",
    "who posted the snow day announcement on FB",
    "when is yearbook picture day",
    "how do I share my screen in teams",
    "my phone screen cracked, does the district pay for repairs",
    "is email down again?",
    "my classroom phone voicemail is full how do i clear it out",
    "can you help me print 30 copies of the permission slip",
    "how long is the duty-free lunch supposed to be under our contract?",
    "when r report cards going home",
    # trouble with a social app itself is still IT trouble
    "my twitter keeps logging me out, how do i fix it",
    "fb won't let me log in on my phone",
    "someone hacked my instagram last night, how do i get it back",
    # asking for suggestions is a task, whatever it names
    "what's a catchy name for our grade-level group chat?",
    "what are fun instagram captions for a first-day-of-school selfie",
    "best free app to turn my class photos into a slideshow?",
    # students' own conduct is the student handbook's matter
    "can a kid get suspended for vaping in the bathroom?",
    "are students allowed to use their phones between classes?",
])
def test_lookups_tasks_and_it_trouble_get_an_abstention(
    assistant: Assistant, question: str
) -> None:
    """They name phones, email, the union, Facebook or Teams, but ask for a number, a fix or a
    task, not about how staff may act."""
    assert assistant.ask(question, "milton").verdict == Verdict.OFF_TOPIC


@pytest.mark.parametrize("question", [
    "how should i respond when a student friends me on facebook",
    "who do i need to get approval from to start a class instagram",
    "how do i handle a former student who follows me on insta",
    "how long do i have to keep messages with students",
    "what's the rule on texting students?",
    "google classroom keeps glitching so kids email essays to my personal gmail. problem?",
    "parents say my school emails go to their spam, ok to use my hotmail for conferences?",
    "what's a good way to answer a parent who sent me a friend request?",
    "my facebook was hacked and messaged my students, do i have to tell my principal?",
])
def test_asking_how_to_act_is_answered_even_when_phrased_as_a_how_to(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question, "middletown")
    assert answer.verdict != Verdict.OFF_TOPIC
    assert answer.citations


@pytest.mark.parametrize(("question", "district"), [
    ("talking points wont load. can i group text the whole team from my cell?", "marlborough"),
    ("can i call a student from my landline to check on him, hes been out sick all week",
     "dudley-charlton"),
    ("I'm a student teacher placed at the middle school. Does this policy apply to me?",
     "marlborough"),
    ("can I pull up my personal google calendar on the school computer to book parent "
     "conferences?", "milton"),
    ("want to ask for advice on a teacher subreddit about a hard parent conference, ok?",
     "middletown"),
])
def test_trouble_or_a_lookup_beside_a_real_question_is_still_answered(
    assistant: Assistant, question: str, district: str
) -> None:
    answer = assistant.ask(question, district)
    assert answer.verdict != Verdict.OFF_TOPIC
    assert answer.citations


@pytest.mark.parametrize("question", [
    "Athletic trainer here. Our team chat has been busy all week with the playoffs. Does anyone "
    "know if the weight room is open over Thanksgiving break?",
    "I'm the media specialist and I post our new arrivals on the library Facebook. Could you "
    "draft a welcome letter for the new 6th grade families?",
    "Front office here, parents text the main line all day. Anyway, what's the deadline for "
    "submitting mileage reimbursement?",
    "need a funny retirement card message for our custodian, he's been here 30 years",
])
def test_a_story_that_names_social_media_before_an_errand_gets_an_abstention(
    assistant: Assistant, question: str
) -> None:
    """Staff set the scene before they ask; the team chat or the library page in the story
    does not make "is the weight room open?" a policy question."""
    answer = assistant.ask(question, "dudley-charlton")
    assert answer.verdict == Verdict.OFF_TOPIC, answer.summary
    assert not answer.citations


@pytest.mark.parametrize("question", [
    "Athletic trainer here. One of the players sent me a follow request on Instagram. Who do "
    "I talk to before I accept?",
    "I'm the media specialist. A parent asked me to text her the photos from the book fair. "
    "How do I handle that?",
    "Front office here. A former student keeps messaging the school Facebook asking for a "
    "teacher's cell. Can you tell me what to do?",
])
def test_a_story_whose_ask_points_back_at_it_is_still_answered(
    assistant: Assistant, question: str
) -> None:
    answer = assistant.ask(question, "dudley-charlton")
    assert answer.verdict != Verdict.OFF_TOPIC, answer.summary
    assert answer.citations


EMERGENCY = HEADER + (
    "A. Phones\n"
    "1. All electronic contacts with students should be through the district's telephone "
    "systems, except in emergency situations.\n"
)


@pytest.mark.parametrize("situation", [
    "the bus broke down on the way back and we're stuck on the side of rt 93",
    "a kid had a seizure on the field trip and the EMTs are with him",
])
def test_an_emergency_in_staff_words_meets_the_emergency_exception(
    tmp_path: Path, situation: str
) -> None:
    district = make_district(tmp_path, EMERGENCY)
    answer = district.ask(f"{situation}. can i text the students from my cell?", "springfield")
    expect(answer, Verdict.CONDITIONAL)
    routine = district.ask("can i text the students from my cell about tmrw's quiz?",
                           "springfield")
    assert routine.verdict == Verdict.PROHIBITED


@pytest.mark.parametrize("question", [
    "is it ok to be snap friends w/ the other teachers on my team?",
    "my new principal sent me a FB friend request. is it even allowed?",
    "our vice principal sent me a follow request on insta, any rule on that?",
    "someone on my grade-level team wants to follow me on insta, ok?",
])
def test_a_staff_team_or_a_principal_is_not_a_student(
    assistant: Assistant, question: str
) -> None:
    """'my team' is the grade-level team here, and a principal is a colleague: the rule on
    friending current students does not reach them."""
    answer = assistant.ask(question, "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED)
    coached = assistant.ask("a player on my team wants to follow me on insta, ok?", "marlborough")
    assert coached.verdict == Verdict.PROHIBITED


COMMENTS = HEADER + (
    "A. Working time\n"
    "1. Staff members shall not post updates on social networking sites during working time, "
    "including posting comments on the social networking sites of others.\n"
)


def test_a_comment_on_someone_elses_post_is_posting_not_reading(tmp_path: Path) -> None:
    district = make_district(tmp_path, COMMENTS)
    comment = district.ask("during class can i drop a short comment on my sister's insta? not "
                           "posting on my own page", "springfield")
    assert comment.verdict == Verdict.PROHIBITED
    scrolling = district.ask("during class can i just scroll insta? not posting anything",
                             "springfield")
    assert scrolling.verdict == Verdict.NOT_ADDRESSED


RESERVED = HEADER + (
    "A. Personal use\n"
    "1. Access of social networking websites for personal use during school hours shall be "
    "reserved for authorized breaks or unassigned periods only.\n"
)


def test_a_duty_free_lunch_is_a_break_not_a_duty(tmp_path: Path) -> None:
    district = make_district(tmp_path, RESERVED)
    lunch = district.ask("i have a duty free lunch 11:40-12:10, ok to check tiktok on my phone?",
                         "springfield")
    assert lunch.verdict in (Verdict.ALLOWED, Verdict.CONDITIONAL)
    duty = district.ask("i have lunch duty 11:40-12:10, ok to check tiktok on my phone?",
                        "springfield")
    assert duty.verdict == Verdict.PROHIBITED


def test_leaving_an_account_open_is_the_opposite_of_reviewing_privacy_settings(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("my insta is on the default settings so anyone can see it, is that a "
                           "problem?", "ct-4118")
    expect(answer, Verdict.DISCOURAGED, "privacy settings")


COPYRIGHT = HEADER + (
    "A. Property\n"
    "1. In the use of a social networking site, an employee may not, without express "
    "permission from the superintendent, use the school's logo, nor, in violation of the law, "
    "post any material protected by copyright.\n\n"
    "B. Conduct\n"
    "1. Staff members are prohibited from posting information that is proprietary, "
    "copyrighted, defamatory or obscene.\n"
)


def test_each_part_of_a_nor_sentence_keeps_its_own_conditions(tmp_path: Path) -> None:
    district = make_district(tmp_path, COPYRIGHT)
    workbook = district.ask("can i upload the whole pdf of the workbook we bought to our class "
                            "fb page?", "springfield")
    assert workbook.verdict == Verdict.PROHIBITED
    logo = district.ask("can i use the school logo on my insta?", "springfield")
    assert logo.verdict == Verdict.CONDITIONAL


def test_a_misconduct_list_still_decides_the_other_acts_it_lists(tmp_path: Path) -> None:
    conduct = HEADER + COPYRIGHT[COPYRIGHT.index("B. Conduct"):]
    district = make_district(tmp_path, conduct)
    answer = district.ask("can i upload the teacher edition pdf of our textbook to my blog?",
                          "springfield")
    expect(answer, Verdict.PROHIBITED, "copyrighted")


def test_microsoft_teams_is_a_messaging_app_not_an_athletic_team(assistant: Assistant) -> None:
    """A classroom teacher on Teams is not a coach: Milton's coaching rules do not lead."""
    answer = assistant.ask("can i message a student on teams about homework", "milton")
    assert answer.citations
    assert "coach" not in answer.citations[0].quote.lower()


def test_a_question_sharing_no_word_with_the_policy_still_quotes_the_nearest_clause(
    assistant: Assistant,
) -> None:
    """Connecticut's policy never mentions phones or field trips; "the policy doesn't say"
    must still show a clause of the policy, not an empty answer."""
    answer = assistant.ask("ok to give my chaperone group my cell # in case they get lost?",
                           "ct-4118")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert answer.citations
    assert answer.citations[0].quote[:120] in answer.summary  # a long quote is shortened there


@pytest.mark.parametrize("question", [
    "taking the 5th grade to the planetarium, ok to hand my cell # to the group leaders in case "
    "they get separated?",
    "bringing my 4th graders to the zoo friday, can I give the kids in each group my cell "
    "number in case someone gets lost?",
])
def test_an_outing_described_by_its_place_meets_the_field_trip_exception(
    assistant: Assistant, question: str
) -> None:
    """Staff name the zoo or the planetarium, not "a field trip"; Milton's field-trip example
    of giving students a number still decides it."""
    answer = assistant.ask(question, "milton")
    expect(answer, Verdict.CONDITIONAL, "field trip")


def test_a_passive_permission_with_its_condition_is_conditional_for_any_listed_outing(
    tmp_path: Path,
) -> None:
    """ "may be sent only with … approval … such as a field trip, competition or overnight
    activity": "sent" is a participle too, and a field trip meets a list of outings."""
    district = make_district(tmp_path, HEADER + (
        "B. Messages to students\n"
        "Text messages to a student's personal telephone may be sent only with the building "
        "principal's prior written approval and only for a stated purpose, such as a field trip, "
        "competition or overnight activity.\n"
    ))
    answer = district.ask("taking my class to the science center friday. can i text the kids "
                          "from my cell in case someone gets lost?", "springfield")
    expect(answer, Verdict.CONDITIONAL)
    assert any("approval" in c for c in answer.conditions)


def test_a_ban_lifted_by_a_stated_quality_is_conditional_and_names_it(
    assistant: Assistant,
) -> None:
    """ "Don't post information about topics or events unless it is professional and
    relevant": posting about a school event is allowed on that condition, not banned."""
    answer = assistant.ask("ok to share our science night flyer in a big facebook group of "
                           "teachers from around the state?", "middletown")
    expect(answer, Verdict.CONDITIONAL)
    assert "unless it is professional and relevant" in answer.conditions


def test_a_rule_on_information_about_students_does_not_decide_a_coworkers_photo(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton bans posts that let a third party learn "information about a student";
    a coworker's party photo has no student in it."""
    answer = assistant.ask("can i post a pic of my coworker from the staff holiday party on my "
                           "facebook?", "dudley-charlton")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert answer.citations


def test_advice_to_use_only_school_channels_is_advice_not_a_ban(assistant: Assistant) -> None:
    """Milton "encourages" communicating "only through school-based resources" and is
    "discouraged" about personal email: replying from a personal account is discouraged. A
    duty to save such messages does not make it allowed either."""
    answer = assistant.ask("a mom keeps messaging my personal yahoo email about her daughter's "
                           "homework, fine if I answer from that account?", "milton")
    expect(answer, Verdict.DISCOURAGED)
    assert read_sentence(
        "Teachers are encouraged to communicate with parents only through school-based "
        "resources."
    ).modality == "encourage"


def test_a_risk_the_policy_describes_is_not_a_rule(assistant: Assistant) -> None:
    """"There exists a risk that … boundaries may not be maintained" says what might happen;
    its "may not" forbids nothing, so it cannot make the asker's act prohibited."""
    assert read_sentence(
        "There is a danger that, without planning, student records may not be kept private."
    ).modality == "none"
    answer = assistant.ask("checking tiktok on my own cell during my free period, is that "
                           "against policy?", "dudley-charlton")
    expect(answer, Verdict.NOT_ADDRESSED, "school district computer resources")


DISCUSSING = HEADER + (
    "A. Confidentiality\n"
    "1. Do not post confidential information about students, such as grades or diagnoses.\n"
    "2. If discussing a situation involving individuals on a social media site, be sure that "
    "they cannot be identified.\n"
)


@pytest.mark.parametrize(("question", "verdict", "quoted"), [
    ("can i ask a teacher subreddit for advice about a kid who keeps running out of my room? "
     "no names", Verdict.CONDITIONAL, "cannot be identified"),
    ("rough day w a kid who threw a chair, ok if i write about it on my teacher blog if i leave "
     "the names out?", Verdict.CONDITIONAL, "cannot be identified"),
    ("want to ask a local moms fb group about a boy who bites. wouldnt use his name, just "
     "'a boy in mrs R's class'", Verdict.PROHIBITED, "cannot be identified"),
    ("ok to share a kid's IEP goals in a teacher fb group? i won't use his name",
     Verdict.PROHIBITED, "confidential information"),
])
def test_whether_the_people_discussed_can_be_identified_decides(
    tmp_path: Path, question: str, verdict: Verdict, quoted: str
) -> None:
    """"No names" meets the rule that people discussed online must not be identifiable, so
    the answer is conditional on keeping it that way; naming the class instead of the child
    breaks it; and leaving the name out does not make confidential matter postable."""
    answer = make_district(tmp_path, DISCUSSING).ask(question, "springfield")
    assert answer.verdict == verdict
    assert quoted in answer.citations[0].quote


PROJECT = HEADER + (
    "A. Working time\n"
    "1. Staff shall not post updates on any social networking sites during working time unless "
    "it involves a school project. Employees must seek approval from the principal for such "
    "use.\n"
)


def test_a_carve_out_that_needs_approval_is_conditional(tmp_path: Path) -> None:
    """The policy names the case ("a school project"), but its next words still ask for the
    principal's approval: the answer must not be a plain yes."""
    answer = make_district(tmp_path, PROJECT).ask(
        "we're doing a class project where kids post to a class twitter during the period, "
        "anything i need to do first?", "springfield")
    expect(answer, Verdict.CONDITIONAL, "unless it involves a school project")
    assert any("approval from the principal" in c for c in answer.conditions)


@pytest.mark.parametrize("question", [
    "my kids comment on each others work on our class padlet. does that break the no friending "
    "students rule?",
    # A site named by what it is for, not by brand.
    "for our novel unit my 9th graders post on an online discussion forum and i reply to their "
    "posts there. is that ok given the friending rule?",
])
def test_a_class_padlet_is_the_educational_site_the_policy_permits(
    assistant: Assistant, question: str
) -> None:
    """Marlborough's friending ban sits beside "Classroom participation on educational sites
    for instructional purposes is permitted": students commenting on a class Padlet is that
    participation. The quote is the permission alone, not the next sentence extending the
    prohibition to texting."""
    answer = assistant.ask(question, "marlborough")
    expect(answer, Verdict.ALLOWED)
    assert answer.citations[0].quote == (
        "Classroom participation on educational sites for instructional purposes is permitted.")


def test_messaging_one_player_on_a_school_platform_is_not_classroom_participation(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("coach here - want to msg one player on talking points about why "
                           "she's not starting. just her", "marlborough")
    assert answer.verdict != Verdict.ALLOWED


@pytest.mark.parametrize("question", [
    "wanna start a class ig so my art kids can show their work. can i just make one?",
    "wanna start an insta for my 4th grade class to share what we're doing w families, can i "
    "just make one?",
])
def test_starting_a_class_account_needs_the_principals_approval(
    assistant: Assistant, question: str
) -> None:
    """Milton: "Advance approval to create a school/class social network account should be
    obtained". A 'class ig' or 'an insta for my 4th grade class' is such an account, not the
    asker's personal one, so that rule decides instead of being set aside."""
    answer = assistant.ask(question, "milton")
    expect(answer, Verdict.CONDITIONAL, "Advance approval to create")



@pytest.mark.parametrize("question", [
    "one of my juniors sent me a follow request on insta, what do i do",
    "got a friend req from a kid in my homeroom on fb",
])
def test_a_friend_request_meets_the_rule_on_invitations(assistant: Assistant,
                                                        question: str) -> None:
    """A request is an invitation: Milton's rule on answering one decides it, ahead of the
    rule on listing friends and the advice that mentions friendship."""
    answer = assistant.ask(question, "milton")
    expect(answer, Verdict.PROHIBITED, "shall not respond to social network invitations")


def test_messaging_parents_from_a_personal_account_is_not_joining_the_class_account(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton lets parents be friends of the educational account; that does not
    make messaging them from a personal account "instead of the class page" a yes."""
    answer = assistant.ask("can i message parents from my personal fb instead of the class "
                           "page?", "dudley-charlton")
    assert answer.verdict != Verdict.ALLOWED
    joining = assistant.ask("can my students' parents friend our class fb account?",
                            "dudley-charlton")
    assert joining.verdict == Verdict.ALLOWED


@pytest.mark.parametrize("question", [
    "my principal sent me a friend req on my personal fb, do i have to accept?",
    "my neighbor sent me a friend request on my personal facebook, ok to accept it?",
])
def test_a_request_to_a_personal_account_is_not_a_class_account_rule(
    assistant: Assistant, question: str
) -> None:
    """Whom the educational Facebook account may friend, and that it alone carries messages
    to students and families, say nothing about an adult's request to a personal account."""
    answer = assistant.ask(question, "dudley-charlton")
    expect(answer, Verdict.NOT_ADDRESSED)
    student = assistant.ask("one of my 8th graders sent me a friend request on my personal "
                            "fb, ok to accept?", "dudley-charlton")
    assert student.verdict == Verdict.PROHIBITED


@pytest.mark.parametrize("question", [
    "one of my students' moms wants to be friends on my personal facebook (not the classroom "
    "page). can i accept?",
    "the dad of a kid in my class sent a friend request to my own fb, not our class page. ok?",
])
def test_a_parents_request_to_a_personal_account_is_not_the_class_account_rule(
    assistant: Assistant, question: str
) -> None:
    """Milton's class account may friend "parents of such students", and its friending ban
    is about current students: a parent's request to the teacher's own account, with the
    class page expressly ruled out, meets neither."""
    answer = assistant.ask(question, "milton")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "parents" in answer.summary


def test_a_friend_request_from_the_assistant_principal_is_not_from_a_student(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("the assistant principal sent me a facebook friend request, am i "
                           "allowed to accept it?", "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED, "current students")
    assert "colleagues" in answer.summary


def test_a_neighbor_is_not_a_current_student(assistant: Assistant) -> None:
    """Milton's "shall not respond to social network invitations from current students" does
    not decide a request from the asker's neighbor; the class account's own rule on whom it
    may friend still decides a request to that account."""
    answer = assistant.ask("my neighbor sent me a friend request on my personal facebook, ok "
                           "to accept it?", "milton")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "not students" in answer.summary
    joining = assistant.ask("our class fb page got a friend request from my brother, he has "
                            "no kids at the school. accept?", "milton")
    assert joining.verdict == Verdict.PROHIBITED


@pytest.mark.parametrize("question", [
    "a student disclosed abuse to me after dismissal and all i have is my cell. can i call "
    "the counselor about it?",
    "one of my 6th graders said at pickup she wants to hurt herself. only way i can reach "
    "her dad rn is my cell, can i call him?",
])
def test_a_student_in_danger_meets_the_emergency_exception(
    assistant: Assistant, question: str
) -> None:
    """Dudley-Charlton: "No conversation relating to a confidential matter shall ever be
    conducted by cellular telephone except in case of an immediate emergency…" decides it,
    with the written report it requires, not the general advice against personal phones."""
    answer = assistant.ask(question, "dudley-charlton")
    expect(answer, Verdict.CONDITIONAL, "except in case of an immediate emergency")
    routine = assistant.ask("can i call a parent from my cell about missing homework?",
                            "dudley-charlton")
    assert routine.verdict != Verdict.CONDITIONAL


def test_captains_are_the_exception_only_where_the_rule_names_them(assistant: Assistant) -> None:
    """Milton: messages go "to all team members or to team captains", so captains alone are
    fine and a player who is not a captain is not. Marlborough: "all team members or group of
    members that include at least three or more", so two captains fall short."""
    captains = assistant.ask("can i msg only my captains about the new practice time?", "milton")
    assert captains.verdict == Verdict.ALLOWED
    # …"instead of the whole team" is the captains' exception, not one player on his own
    instead = assistant.ask("basketball coach here - can i just text my captains instead of "
                            "the entire team that practice moved to 4?", "milton")
    expect(instead, Verdict.ALLOWED, "team captains")
    player = assistant.ask("ok to text one of my defenders (not a captain) about playing time?",
                           "milton")
    assert player.verdict != Verdict.ALLOWED
    two = assistant.ask("can i send a message to just my two captains about warmups?",
                        "marlborough")
    expect(two, Verdict.PROHIBITED, "three or more")


@pytest.mark.parametrize(("question", "district"), [
    ("we're doing a class project with the library on insta, i'll post updates during 3rd "
     "period. didnt get approval from anyone, fine?", "ct-4118"),
    ("can i add 'math teacher at the district' to my personal email signature? don't want to "
     "include a disclaimer", "ct-4118"),
    ("need to talk w a dad about his son's iep on my drive home, can i call from my cell? "
     "nothing urgent", "dudley-charlton"),
])
def test_an_exception_the_asker_says_is_not_met_leaves_the_rule_standing(
    assistant: Assistant, question: str, district: str
) -> None:
    """"unless it involves a school project. Employees must seek approval…", "without
    indicating that the views expressed are their own", "except in case of an immediate
    emergency": said to be unmet, the exception is no way through."""
    assert assistant.ask(question, district).verdict == Verdict.PROHIBITED
    met = question.replace("didnt get approval from anyone", "the superintendent approved it")
    met = met.replace("nothing urgent", "its an emergency").replace(
        " don't want to include a disclaimer", " i'll add that my views are my own")
    assert assistant.ask(met, district).verdict == Verdict.CONDITIONAL


def test_a_late_evening_text_about_scheduling_meets_the_after_hours_allowance(
    assistant: Assistant,
) -> None:
    """Milton allows personal cell phones "when necessitated by school-related matters
    outside of regular school hours": 9pm is outside them."""
    answer = assistant.ask("found out at 9pm that tomorrow's practice is cancelled, ok to text "
                           "my students from my own phone?", "milton")
    expect(answer, Verdict.CONDITIONAL, "outside of regular school hours")


def test_a_student_in_danger_on_a_personal_account_meets_the_rule_that_excepts_emergencies(
    assistant: Assistant,
) -> None:
    """Milton: "All electronic contacts with students should be through the district's
    computer and telephone systems, except in emergency situations" is the exception, not the
    group-alert sentence whose "urgent situation" is about emailing parents."""
    answer = assistant.ask("a 10th grader snapchatted me at 1am that she's going to kill "
                           "herself. can i write back to her on snap?", "milton")
    expect(answer, Verdict.CONDITIONAL, "except in emergency situations")


def test_a_medical_emergency_meets_the_emergency_exception(assistant: Assistant) -> None:
    answer = assistant.ask("a kid in my class had an asthma attack at recess and i called his "
                           "mom from my cell to talk about his meds. was that ok?",
                           "dudley-charlton")
    expect(answer, Verdict.CONDITIONAL, "immediate emergency")


def test_commenting_on_others_posts_is_writing_even_when_not_posting(
    assistant: Assistant,
) -> None:
    """"Not posting anything myself" does not make dropping comments mere reading: the
    working-time rule names comments on others' sites."""
    answer = assistant.ask("can i drop comments on my sister's fb posts during my prep? not "
                           "posting anything myself", "ct-4118")
    expect(answer, Verdict.PROHIBITED, "comments on the social networking sites of others")


def test_the_districts_own_official_account_needs_no_personal_disclaimer(
    assistant: Assistant,
) -> None:
    """The disclaimer rule excepts communication "of an official nature": the summary shows
    those words even though they sit past the usual excerpt length."""
    answer = assistant.ask("im the athletic dept's official insta person, do i need a "
                           "disclaimer on what i post for the teams?", "ct-4118")
    expect(answer, Verdict.ALLOWED)
    assert "of an official nature" in answer.summary
    other = assistant.ask("can i post student pics on the school's official fb?", "ct-4118")
    assert other.verdict != Verdict.ALLOWED


def test_passing_on_an_unconfirmed_rumour_meets_the_rule_on_inaccurate_information(
    assistant: Assistant,
) -> None:
    """An unconfirmed rumour is the subject of Dudley-Charlton's rule on information the
    employee should know is inaccurate; the coworker it came from is not whom the asker
    deals with, so the rule is not set aside as being about students."""
    answer = assistant.ask("found out from a coworker that the HS principal is leaving, its "
                           "unconfirmed, can i put it on my fb so families know?",
                           "dudley-charlton")
    expect(answer, Verdict.PROHIBITED, "is inaccurate")


@pytest.mark.parametrize("question", [
    "do i still have to follow the district's social media policy on my private account?",
    "can i follow up on a parent's fb comment from my personal account?",
])
def test_following_a_policy_or_following_up_is_not_following_someone(
    assistant: Assistant, question: str
) -> None:
    """"Follow the policy" is obeying it and "follow up" is replying, not following a person:
    rules on befriending students are not the answer."""
    answer = assistant.ask(question, "milton")
    befriending = re.compile(r"not a student's friend|as .friends.|friend. requests|invitations")
    assert not befriending.search(answer.citations[0].quote)


@pytest.mark.parametrize("question", [
    "can i post on insta that our AP is a liar and cooks the attendance books?",
    "want to post on fb calling out the assistant principal by name for lying",
])
def test_a_post_accusing_a_colleague_is_shown_the_rule_on_defamatory_statements(
    assistant: Assistant, question: str
) -> None:
    """"Making defamatory statements" is posting them: the rule is quoted with the other
    rules on what staff may post."""
    answer = assistant.ask(question, "ct-4118")
    expect(answer, Verdict.PROHIBITED)
    assert any("defamatory statements" in c.quote for c in answer.citations[:3])


@pytest.mark.parametrize("question", [
    "a 1st grader in my room has cancer and starts chemo monday, ok if i post on fb asking ppl "
    "to pray for 'a brave little guy in my class'?",
    # a catching illness is as much a health matter as a grave one
    "one of my 4th graders came down with chickenpox, ok if i post about it on my insta so "
    "other moms know?",
])
def test_a_students_illness_is_confidential_in_staff_words(
    assistant: Assistant, question: str
) -> None:
    """"Has cancer and starts chemo" is a health matter: posting about it, even unnamed,
    meets the rule against posting confidential information about students."""
    expect(assistant.ask(question, "middletown"), Verdict.PROHIBITED, "confidential")


@pytest.mark.parametrize("district", ["milton", "marlborough"])
def test_a_caution_that_readers_will_assume_is_no_permission(
    assistant: Assistant, district: str
) -> None:
    """"You must be aware that readers will assume you speak for the district" directs no
    act: asked whether a disclaimer is needed, the answer is never a plain yes from it."""
    answer = assistant.ask("do i need a 'views are my own' note on my personal fb where i talk "
                           "about teaching?", district)
    assert answer.verdict != Verdict.ALLOWED


@pytest.mark.parametrize(("question", "role"), [
    ("doing my practicum placement at the middle school this fall. am i bound by the social "
     "media policy too?", "student teacher"),
    ("i help run the booster club page as a parent volunteer, does our social media policy apply "
     "to people like me?", "volunteer"),
])
def test_someone_the_scope_sentence_does_not_name_is_told_the_policy_does_not_say(
    assistant: Assistant, question: str, role: str
) -> None:
    """"This policy applies to all … employees": whether it reaches a student teacher or a
    volunteer is not in its words. The answer quotes the scope sentence, never a rule on
    conduct, and gives no staff expectations as "what still applies"."""
    answer = assistant.ask(question, "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED, "This policy applies to all Marlborough")
    assert role in answer.summary
    assert not any(note.startswith("What still applies") for note in answer.notes)


def test_a_policy_without_a_scope_sentence_shows_whom_it_binds(assistant: Assistant) -> None:
    answer = assistant.ask("retired in june. do i still have to follow the district's social "
                           "media policy on my own accounts?", "milton")
    expect(answer, Verdict.NOT_ADDRESSED, "Employees must conduct themselves")
    assert "retiree" in answer.summary


def test_a_role_the_scope_sentence_names_is_covered(tmp_path: Path) -> None:
    district = make_district(tmp_path, HEADER + (
        "A. Scope\n1. This policy applies to all district employees, including substitutes "
        "and volunteer coaches.\n\nB. Students\n1. Staff members shall not share images of "
        "students on personal accounts.\n"
    ))
    answer = district.ask("i'm a day-to-day sub, am i covered by the social media policy?",
                          "springfield")
    expect(answer, Verdict.ALLOWED, "including substitutes")
    assert answer.summary.startswith("Yes — Springfield's policy applies to you")
    # The same scope, asked about an act: the rule on the act decides, the scope sentence
    # shows why it binds the asker.
    act = district.ask("i'm a sub, does the policy apply to me if i share pics of students on "
                       "my own insta?", "springfield")
    expect(act, Verdict.PROHIBITED, "images of students")
    assert "including substitutes" in act.citations[1].quote


def test_not_having_done_what_the_policy_encourages_is_discouraged(assistant: Assistant) -> None:
    """"Strongly encourages all staff members to carefully review the privacy settings",
    asked by someone who hasn't: the policy advises it, so not doing it is discouraged, and
    privacy *settings* are not the confidential information another rule protects."""
    answer = assistant.ask("i haven't looked at the privacy settings on my tiktok in years, "
                           "anything in the policy about that?", "ct-4118")
    expect(answer, Verdict.DISCOURAGED, "privacy settings")


def test_listing_ones_cell_number_on_a_profile_meets_the_rule_on_listing_numbers(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("thinking of putting my cell # in the bio of our robotics club insta "
                           "so families can reach me. ok?", "middletown")
    expect(answer, Verdict.PROHIBITED, "telephone numbers")


def test_sending_a_students_record_outside_meets_the_confidentiality_rule(
    assistant: Assistant,
) -> None:
    """Using the school account is what the email rule asks, but a student's 504 plan going
    to an outside therapist is information protected from third parties: "shall not be
    communicated … unless adequately encrypted". The encryption condition belongs to
    sending, so a public post about the same students is simply not allowed."""
    answer = assistant.ask("the kid's outside therapist wants his 504 plan, ok if i "
                           "email it from my district account?", "dudley-charlton")
    expect(answer, Verdict.CONDITIONAL, "protected by law from disclosure to third parties")
    assert any("encrypted" in c for c in answer.conditions)
    post = assistant.ask("can i post on fb that the kids on IEPs at our school arent getting "
                         "their services?", "dudley-charlton")
    assert post.verdict == Verdict.PROHIBITED


def test_a_permission_about_the_channel_does_not_settle_sending_a_students_record(
    assistant: Assistant,
) -> None:
    """"It is appropriate for coaches to send a group email alert" is about the way coaches
    reach families; a player's discipline file going to a college coach is information
    protected from third parties, and that rule decides even though it ranks lower. The
    same email to a parent about her son's grades is what the permission is for."""
    answer = assistant.ask("coach here. can i email a player's discipline file to the college "
                           "coach recruiting him, from my school email?", "milton")
    expect(answer, Verdict.PROHIBITED, "protected by law from disclosure to third parties")
    parent = assistant.ask("ok to email a mom about her son's grades from my district email?",
                           "dudley-charlton")
    assert parent.verdict == Verdict.ALLOWED


@pytest.mark.parametrize("question", [
    "thinking of running an anon insta that roasts our school board, ok?",
    "can i blog about my school without mentioning that i teach there?",
])
def test_posting_without_ones_identity_is_the_opposite_of_being_honest_about_it(
    assistant: Assistant, question: str
) -> None:
    """"School personnel should always be honest about their identity" directs the asker to
    do the opposite of an anonymous account: never a yes."""
    answer = assistant.ask(question, "middletown")
    assert answer.verdict in (Verdict.PROHIBITED, Verdict.DISCOURAGED), answer.summary
    assert "identity" in answer.citations[0].quote


@pytest.mark.parametrize(("question", "district", "rule"), [
    ("honestly the admin team here are clowns, can i say so on my facebook?", "ct-4118",
     "defamatory statements"),
    ("the reading program at our school is a total joke and kids are being shortchanged, can i "
     "post that on fb?", "dudley-charlton", "reflect negatively on the services"),
])
def test_running_down_the_school_online_meets_the_rule_on_criticism(
    assistant: Assistant, question: str, district: str, rule: str
) -> None:
    """Staff say "clowns", "a joke", "shortchanged", not "defamatory"; the answer quotes the
    district's rule on statements about the school, never a ban on sexual content."""
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.PROHIBITED, answer.summary
    assert any(rule in c.quote for c in answer.citations[:3]), answer.summary
    assert "sexual" not in answer.citations[0].quote


@pytest.mark.parametrize("district", ["milton", "ct-4118"])
def test_a_ban_on_sexual_or_drug_content_does_not_decide_an_unrelated_post(
    assistant: Assistant, district: str
) -> None:
    """"Posting items with sexual content" forbids that content, not posting: a post about the
    spring concert is not prohibited by it, nor is that ban shown as the nearest clause. A post
    that is such content ("kinda nsfw") still meets it."""
    answer = assistant.ask("can i post about the spring concert on my personal facebook?",
                           district)
    assert not (answer.verdict == Verdict.PROHIBITED and "sexual" in answer.citations[0].quote)
    assert not re.search(r"sexual|drugs", answer.citations[0].quote), answer.citations[0].quote
    racy = assistant.ask("some of my insta pics are kinda nsfw, is that gonna be an issue?",
                         district)
    expect(racy, Verdict.PROHIBITED)
    assert any("sexual" in c.quote for c in racy.citations[:3])


@pytest.mark.parametrize("question", [
    "can i run my tutoring business emails from my district laptop on weekends?",
    "can i answer my candle business customers from my school laptop on sunday?",
])
def test_a_side_business_on_a_school_computer_meets_the_rule_naming_the_districts_computers(
    assistant: Assistant, question: str
) -> None:
    """"Middletown computers … are to be used for Middletown-related business": the district's
    own name is its computers, a side business is not its business, and the asker's own time
    does not take the computer out of the rule."""
    expect(assistant.ask(question, "middletown"), Verdict.PROHIBITED,
           "Middletown computers and school personnel work time")


def test_a_team_group_chat_on_an_app_of_ones_choosing_is_not_the_districts_platform(
    assistant: Assistant,
) -> None:
    """Marlborough sends coaches' messages to the whole team "through MPS accepted
    communication platforms (for example Talking Points)": the whole team on WhatsApp is not
    that, the whole team on Talking Points is."""
    app = assistant.ask("i'm the softball coach, can i set up a whatsapp group chat for the "
                        "whole team?", "marlborough")
    assert app.verdict in (Verdict.PROHIBITED, Verdict.CONDITIONAL), app.summary
    platform = assistant.ask("coach here, can i send one message to all my players through "
                             "talking points?", "marlborough")
    assert platform.verdict == Verdict.ALLOWED, platform.summary


def test_a_duty_to_forward_copies_does_not_permit_posting_them(assistant: Assistant) -> None:
    """"The teacher should forward copies of any such emails … to his or her school building
    principal" is about keeping the record, not a permission to publish a parent's email."""
    answer = assistant.ask("can i repost a screenshot of a parent's angry email on my twitter?",
                           "milton")
    assert answer.verdict != Verdict.ALLOWED, answer.summary


def test_sharing_a_story_of_another_districts_firing_meets_the_rule_on_such_examples(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("read an article about a teacher in another state who was fired over "
                           "tiktok. can i share it on my fb to warn people?", "milton")
    expect(answer, Verdict.PROHIBITED, "inappropriate behavior from other districts")


def test_a_permission_of_the_site_does_not_settle_closeness_with_a_student(
    assistant: Assistant,
) -> None:
    """"Nothing in this policy prohibits … using educational websites" is about the site; a
    student's crush carried on there meets the rule against fraternization."""
    answer = assistant.ask("a student has a crush on me and keeps messaging me on google "
                           "classroom, ok to respond?", "middletown")
    expect(answer, Verdict.PROHIBITED, "Fraternization")


@pytest.mark.parametrize(("question", "district", "rule"), [
    ("im writing an op-ed for the local paper about school funding and want to sign it as a "
     "teacher at our high school. anything i need to do?", "ct-4118",
     "views expressed are their own"),
    ("can i mention the school i work at in my personal blog?", "milton",
     "creating the appearance that you are doing so, must be professional"),
])
def test_naming_ones_school_in_what_one_writes_meets_the_rule_on_disclaimers(
    assistant: Assistant, question: str, district: str, rule: str
) -> None:
    """"Sign it as a teacher at our high school", "mention the school I work at": the asker
    identifies as an employee, which these policies allow with a disclaimer or, in Milton's,
    on condition that what appears to speak for the district is professional (being "aware"
    that readers will assume so is no condition to meet)."""
    answer = assistant.ask(question, district)
    expect(answer, Verdict.CONDITIONAL, rule)


def test_one_account_for_personal_and_class_use_meets_the_rules_on_keeping_them_apart(
    assistant: Assistant,
) -> None:
    """Marlborough's professional presence "should be completely separate from any personal
    social media presence"; Connecticut asks staff to "exercise care in setting appropriate
    boundaries between their personal and public online behavior", which is advice, so
    mixing the two is discouraged there, not forbidden."""
    marlborough = assistant.ask("can I just use my personal insta for class stuff too instead "
                                "of making a separate class account?", "marlborough")
    assert marlborough.verdict == Verdict.PROHIBITED, marlborough.summary
    assert any("separate" in c.quote for c in marlborough.citations[:3])
    connecticut = assistant.ask("i use one insta for my personal pics and my classroom stuff, "
                                "is that ok?", "ct-4118")
    expect(connecticut, Verdict.DISCOURAGED, "exercise care in setting appropriate boundaries")


def test_a_group_message_off_the_districts_platform_meets_only_half_the_coaches_rule(
    assistant: Assistant,
) -> None:
    """Marlborough's coaches write to "all team members … through MPS accepted communication
    platforms": a group text to the whole roster meets the first condition, not the second,
    so the answer is conditional and names the platform; on Talking Points it is allowed."""
    group_text = assistant.ask("can i shoot a group text to my entire roster about the bus "
                               "leaving early?", "marlborough")
    assert group_text.verdict == Verdict.CONDITIONAL, group_text.summary
    assert any("accepted communication platforms" in c for c in group_text.conditions)
    platform = assistant.ask("can i shoot a message to my entire roster on talking points about "
                             "the bus leaving early?", "marlborough")
    assert platform.verdict == Verdict.ALLOWED, platform.summary


def test_numbers_in_a_post_are_not_phone_numbers(assistant: Assistant) -> None:
    """"Link where I got the enrollment numbers" asks about sources, not the ban on listing
    telephone numbers."""
    answer = assistant.ask("do i have to link where i got the enrollment numbers in my blog "
                           "post?", "middletown")
    quotes = [c.quote for c in answer.citations[:3]]
    assert any("Cite and link sources" in q for q in quotes), quotes
    assert not any("telephone numbers" in q for q in quotes), quotes


def test_am_i_allowed_to_is_not_a_question_about_approval(assistant: Assistant) -> None:
    """Every question asks whether it is "allowed": that is no sign the asker is thinking of
    approval or consent, so the nearest clause for a student's request is the one about
    communication directed to students, not one that merely mentions consent."""
    answer = assistant.ask("one of my 8th graders sent me a friend request on fb. am i allowed "
                           "to accept it?", "ct-4118")
    quotes = [c.quote for c in answer.citations[:3]]
    assert any("directed and/or available to students" in q for q in quotes), quotes


@pytest.mark.parametrize(("district", "verdict", "rule"), [
    ("milton", Verdict.CONDITIONAL, "will not give out their private cell phone"),
    ("marlborough", Verdict.CONDITIONAL, "Providing students with home telephone numbers"),
    # "Don't list home addresses or telephone numbers" is about what a profile shows.
    ("middletown", Verdict.NOT_ADDRESSED, ""),
])
def test_giving_students_ones_number_is_not_listing_it_on_a_profile(
    assistant: Assistant, district: str, verdict: Verdict, rule: str
) -> None:
    """Students begging for a teacher's number meet the rules on giving it out (with the
    district's approval), not the advice against listing one's number where anyone can see."""
    answer = assistant.ask("the kids on my robotics team keep begging for my number for the "
                           "tournament, ok to give it out?", district)
    expect(answer, verdict, rule)
    assert not any("Don’t list home addresses" in c.quote for c in answer.citations[:1])


@pytest.mark.parametrize("question", [
    "so annoyed at the board, gonna blast them on fb later. thoughts?",
    "im furious about the new bell schedule, thinking about going off about it on twitter "
    "tonight. smart?",
])
def test_going_off_on_a_site_in_anger_is_posting_in_the_heat_of_the_moment(
    assistant: Assistant, question: str
) -> None:
    """"Blast them on fb", "go off about it on twitter": saying something on a site is posting
    it, and "annoyed" is the anger Middletown's advice is about."""
    expect(assistant.ask(question, "middletown"), Verdict.DISCOURAGED, "wise to delay posting")


def test_a_rule_on_students_does_not_hide_the_rule_on_their_parents(tmp_path: Path) -> None:
    """The friending rule covers students; a parent's friend request is answered by the
    sentence on connecting with parents further down, not by the students rule's limit."""
    district = make_district(tmp_path, HEADER + (
        "A. Personal accounts\n1. Staff members shall not send or accept friend requests, "
        "follow requests or similar connection requests involving a current student on a "
        "personal social media account. Connecting with the parents or guardians of current "
        "students is discouraged.\n"
    ))
    answer = district.ask("one of my 2nd grade dads sent me a friend request, he coaches my "
                          "son's soccer team. accept?", "springfield")
    expect(answer, Verdict.DISCOURAGED, "parents or guardians of current students")


def test_posting_at_school_as_part_of_a_lesson_is_the_school_project_exception(
    assistant: Assistant,
) -> None:
    """Connecticut bans status updates during working time "unless it involves a school
    project", with the superintendent's approval: a lesson or unit is such schoolwork."""
    answer = assistant.ask("my civics kids are doing a twitter q&a with our state rep as part "
                           "of the lesson in 3rd period. can i post during school for that?",
                           "ct-4118")
    expect(answer, Verdict.CONDITIONAL, "unless it involves a school project")
    assert any("Superintendent" in c for c in answer.conditions), answer.conditions


@pytest.mark.parametrize("question", [
    "can i put up which students haven't turned in their permission slips on our class page?",
    "parents on our class page keep asking, can i post a list of the kids who are failing?",
])
def test_naming_which_students_are_behind_is_student_information(
    assistant: Assistant, question: str
) -> None:
    """Which students owe work or are failing is information about students, which Milton's
    class accounts may not carry."""
    expect(assistant.ask(question, "milton"), Verdict.PROHIBITED,
           "may not post confidential student information")


@pytest.mark.parametrize(("question", "district"), [
    ("ugh my coworker tagged me in her pics from the brewery last night, can I make her untag me",
     "milton"),
    ("a dad put up a clip of me losing it at the ref on fb. am i going to get written up?",
     "middletown"),
    ("one of the 8th graders made a meme mocking me with a beer can photoshopped in, what now",
     "dudley-charlton"),
])
def test_what_someone_else_posts_about_the_asker_is_not_the_askers_post(
    assistant: Assistant, question: str, district: str
) -> None:
    """The rules bind what staff post. A post about the asker by a colleague, a parent or a
    student is no act of theirs: not a "No" from the ban on posting about alcohol or
    harassment, but the nearest rule with what limits it."""
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "someone else did to you" in answer.summary
    assert answer.citations


def test_the_asker_passing_on_what_someone_posted_of_them_is_their_own_post(
    assistant: Assistant,
) -> None:
    """Sharing it on is the asker's own act, and the content rule still decides it."""
    answer = assistant.ask("my coworker posted a pic of me doing a keg stand at her wedding, "
                           "can i share it to my own fb?", "milton")
    expect(answer, Verdict.PROHIBITED, "drugs and alcohol")


@pytest.mark.parametrize(("question", "district", "quoted"), [
    ("it's a snow day so is it ok if i txt my 3rd period from my own cell about the makeup test?",
     "milton", "personal cell phones"),
    ("snow day tmrw - ok to email my students' parents from my personal yahoo?",
     "milton", "personal email"),
])
def test_an_errand_that_is_only_the_occasion_does_not_hide_a_conduct_question(
    assistant: Assistant, question: str, district: str, quoted: str
) -> None:
    """A snow day or a calendar is why the asker wants to reach students or parents; the
    question is whether they may, and the policy answers it."""
    answer = assistant.ask(question, district)
    assert answer.verdict != Verdict.OFF_TOPIC, answer.summary
    assert any(quoted in c.quote for c in answer.citations[:3]), answer.summary


def test_naming_a_calendar_does_not_make_emailing_parents_the_calendar_exception(
    assistant: Assistant,
) -> None:
    """Milton lets teachers open a personal account "to access a calendar … to schedule
    appointments with a parent"; emailing the parents from it is not that."""
    answer = assistant.ask("conference calendar for next week is a mess - can i just email the "
                           "parents from my personal gmail?", "milton")
    assert answer.verdict != Verdict.ALLOWED, answer.summary


def test_an_errand_for_students_is_still_an_errand(assistant: Assistant) -> None:
    assert assistant.ask("can i make copies of the field trip form for my students' parents?",
                         "milton").verdict == Verdict.OFF_TOPIC


def test_no_citation_repeats_words_an_earlier_one_already_quotes(assistant: Assistant) -> None:
    """Overlapping windows of one paragraph are one citation to a reader; the next slot goes
    to another clause."""
    for question, district in [
        ("is it ok to txt students from my own cell during the school day about a makeup test?",
         "milton"),
        ("can i snap my advisees from my personal phone after school?", "marlborough"),
    ]:
        quotes = [c.quote for c in assistant.ask(question, district).citations]
        for i, later in enumerate(quotes):
            assert not any(later in earlier for earlier in quotes[:i]), quotes


@pytest.mark.parametrize(("question", "student"), [
    ("ok if i dm my 4th period a reminder about the quiz on insta?", True),
    ("my 2nd block keeps asking to follow my tiktok, can i accept?", True),
    ("can i check instagram during my 3rd period prep?", False),
    ("can i scroll fb on my phone during 6th period while they test?", False),
])
def test_my_third_period_is_a_class_of_students_not_a_time(question: str, student: bool) -> None:
    assert Situation.of(question).student is student


@pytest.mark.parametrize(("question", "district"), [
    ("can i be fb friends with the cafeteria staff? we're close", "marlborough"),
    ("is a group chat with other coaches from other towns ok?", "dudley-charlton"),
    ("our custodian sent me a friend request lol, accept?", "milton"),
])
def test_the_rest_of_the_staff_are_colleagues_not_students(
    assistant: Assistant, question: str, district: str
) -> None:
    """A rule on friending or messaging students does not reach the lunch staff, the
    custodian or coaches elsewhere."""
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "*students*" in answer.summary


@pytest.mark.parametrize("district", ["milton", "ct-4118", "marlborough", "middletown"])
def test_a_policy_with_no_duty_to_report_does_not_say_whether_one_must(
    assistant: Assistant, district: str
) -> None:
    """What a colleague posted breaks a rule for them; whether the asker must tell on them is
    something these policies do not say, so no "No" from the rule the colleague broke."""
    answer = assistant.ask("a teacher down the hall posted a student's grades on his insta "
                           "story. am i obligated to report him to someone?", district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert answer.citations


def test_a_policy_that_asks_staff_to_report_answers_with_that_duty(assistant: Assistant) -> None:
    answer = assistant.ask("one of the aides put a kid's 504 plan on her fb. do i need to say "
                           "something to admin?", "dudley-charlton")
    expect(answer, Verdict.ALLOWED, "should immediately notify")
    assert "asks staff to do this" in answer.summary


@pytest.mark.parametrize("question", [
    "one of the aides put a kid's 504 plan on her fb. should i say something to admin or stay "
    "out of it?",
    "the bus driver posted a pic of a kid crying on the bus with his name on it. honestly "
    "it's none of my business, i can just keep quiet right?",
])
def test_a_duty_to_report_rules_out_keeping_quiet(assistant: Assistant, question: str) -> None:
    """Dudley-Charlton: "Any staff member who becomes aware of a violation … should
    immediately notify his or her immediate supervisor": staying out of it is the No, and the
    summary says the No is to the silence."""
    answer = assistant.ask(question, "dudley-charlton")
    expect(answer, Verdict.PROHIBITED, "should immediately notify")
    assert "keeping quiet" in answer.summary


@pytest.mark.parametrize("question", [
    "need to tell one kid practice moved to 4, can i text him?",
    "do i have to tell my students when i'm out sick?",
    # what to say in one's own post is a disclaimer, not a report
    "posting my take on the school budget and i'll say i work for the district. do i have to "
    "say anything in the post?",
])
def test_telling_a_student_something_is_no_report(question: str) -> None:
    assert not Situation.of(question).asks_to_report


def test_what_to_say_in_ones_own_post_is_answered_by_the_disclaimer_rule(
    assistant: Assistant,
) -> None:
    answer = assistant.ask("posting my take on the school budget and i'll say i work for the "
                           "district. need to say anything special?", "ct-4118")
    expect(answer, Verdict.CONDITIONAL, "views expressed are their own")


def test_txt_a_parent_is_dealing_with_a_parent(assistant: Assistant) -> None:
    """Marlborough's rule on messaging students does not reach a parent, however the asker
    spells the texting."""
    answer = assistant.ask("front office - ok to txt a mom from my cell that her son forgot his "
                           "inhaler?", "marlborough")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary


def test_commenting_on_a_students_post_speaks_to_the_student(assistant: Assistant) -> None:
    answer = assistant.ask("a kid in my homeroom posted her science fair video, can i comment "
                           "on her post from my personal insta?", "marlborough")
    expect(answer, Verdict.PROHIBITED, "should not communicate on personal social media sites")


def test_common_classroom_platforms_are_educational_sites(assistant: Assistant) -> None:
    """Marlborough permits "classroom participation on educational sites for instructional
    purposes"; Blooket, Quizlet or Khan Academy are such sites, not social networking."""
    answer = assistant.ask("my 7th graders and i are all on khan academy and they message me "
                           "questions there. is that like friending them?", "marlborough")
    expect(answer, Verdict.ALLOWED, "Classroom participation on educational sites")


@pytest.mark.parametrize("district", ["dudley-charlton", "milton"])
def test_accepting_parents_on_the_class_account_is_what_its_friends_list_allows(
    assistant: Assistant, district: str
) -> None:
    """The educational account's friends "should be limited to … parents/guardians": a parent
    may join it, whichever order the asker puts the request and the parent in."""
    answer = assistant.ask("for our class facebook page, is it ok to approve the follow "
                           "requests coming in from my kids' moms and dads?", district)
    assert answer.verdict == Verdict.ALLOWED, answer.summary


@pytest.mark.parametrize("question", [
    "someone from the next town over (not a mom or dad of anyone here) wants to follow our class "
    "insta, can i approve it?",
    "can i add my students' parents on my personal fb? not the class page, my own",
])
def test_the_class_accounts_friends_list_does_not_admit_others(
    assistant: Assistant, question: str
) -> None:
    """Only parents the asker lets into the class account are what Milton's list allows: a
    stranger who is not a parent, or parents on the personal account, are not."""
    assert assistant.ask(question, "milton").verdict != Verdict.ALLOWED


def test_using_the_school_logo_is_not_getting_on_a_site(assistant: Assistant) -> None:
    """"Use the logo" is not "use social media": Middletown's ban on access during school hours
    does not answer it, and Middletown has no rule on the logo at all."""
    answer = assistant.ask("ok if i use our mascot as the banner on my personal insta?",
                           "middletown")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "school hours" not in answer.citations[0].quote


def test_a_personal_email_account_is_not_a_personal_device(assistant: Assistant) -> None:
    """"My personal aol" is an account, not a phone: Milton's advice to use school resources
    with parents answers it."""
    answer = assistant.ask("is it ok to email parents back from my personal aol, the school "
                           "email app is so slow on my phone", "milton")
    expect(answer, Verdict.DISCOURAGED, "only through school-based resources")


def test_a_parent_far_from_the_verb_is_still_whom_the_asker_deals_with(
    assistant: Assistant,
) -> None:
    """A long aside between the parent and the request ("a dad who coaches the rec league
    in town and runs the hardware store wants me to follow…") leaves it a parent's request,
    outside Milton's rule on *current students*."""
    answer = assistant.ask("one of my 2nd graders' dads, the guy who runs the hardware store "
                           "on main st, wants me to follow his shop page on fb", "milton")
    expect(answer, Verdict.NOT_ADDRESSED)
    assert "parents" in answer.summary


@pytest.mark.parametrize(
    ("question", "district"),
    [
        ("could i get fired for posting pics of me doing keg stands at my cousin's wedding?",
         "ct-4118"),
        ("will i get written up for dm'ing a 7th grader on insta about her missing homework?",
         "milton"),
        ("i posted a screenshot of a kid's report card on my fb last night as a joke. can admin "
         "actually discipline me for that?", "marlborough"),
    ],
)
def test_fearing_discipline_for_a_named_act_is_answered_by_the_rule_on_that_act(
    assistant: Assistant, question: str, district: str
) -> None:
    """"Will I get in trouble for X?" asks whether X is allowed. The district's power to
    discipline is not a Yes to X."""
    answer = assistant.ask(question, district)
    expect(answer, Verdict.PROHIBITED)
    assert "discipline" not in answer.citations[0].quote


@pytest.mark.parametrize(("question", "district"), [
    ("if a parent complains about my personal insta will the principal back me up?", "milton"),
    ("say a mom sues me over a post, does the district pay for my lawyer?", "dudley-charlton"),
])
def test_help_the_asker_hopes_for_is_no_power_of_the_district(
    assistant: Assistant, question: str, district: str
) -> None:
    """The district's powers (to search, to discipline, to alert legal officials) are not a
    promise to defend the asker: never "Yes — the policy gives the district this power"."""
    answer = assistant.ask(question, district)
    expect(answer, Verdict.NOT_ADDRESSED)
    assert answer.citations


@pytest.mark.parametrize(
    "question",
    [
        "can i get in trouble for stuff i post on my own time?",
        # "disciplined" is also a student-records word; it is not what the asker posted
        "could i get disciplined for what i post on weekends if the board doesn't like it?",
        "can they really discipline me for stuff i post from home?",
        "am i gonna lose my job over something i tweeted on a saturday?",
    ],
)
def test_fearing_discipline_for_posts_in_general_is_answered_by_the_districts_power(
    assistant: Assistant, question: str
) -> None:
    """…and the Yes says whose power it is, not that the asker's posts are allowed."""
    answer = assistant.ask(question, "ct-4118")
    expect(answer, Verdict.ALLOWED, "discipline")
    assert "gives the district this power" in answer.summary
    assert "allows this" not in answer.summary


@pytest.mark.parametrize(
    "question",
    [
        "a senior on my team asked me out on insta, he turns 18 next week and is graduating in "
        "june. can i say yes?",
        "one of my juniors keeps flirting w me on snap and wants to go out with me. can i?",
    ],
)
def test_a_student_asking_the_asker_out_meets_the_fraternization_ban(
    assistant: Assistant, question: str
) -> None:
    """Being asked out is the closeness Middletown's fraternization ban is about; a senior who
    is *graduating* is still a student (it used to read as a former one, and answer Yes)."""
    answer = assistant.ask(question, "middletown")
    expect(answer, Verdict.PROHIBITED, "Fraternization")


def test_a_request_to_be_accepted_after_graduation_is_about_a_former_student(
    assistant: Assistant,
) -> None:
    """Waiting until a senior graduates puts the act after the rule on *current* students;
    a senior who is graduating is still one now."""
    later = assistant.ask("my senior asked to follow me on insta. can i accept after he "
                          "graduates in june?", "marlborough")
    expect(later, Verdict.NOT_ADDRESSED, "current students")
    now = assistant.ask("my senior asked to follow me on insta, he graduates in june. can i "
                        "accept?", "marlborough")
    expect(now, Verdict.PROHIBITED, "current students")


def test_a_friend_request_to_ones_own_account_is_read_past_the_class_pages_friends_rule(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton's rule on whom the *educational* Facebook account may friend ranks
    first for any friend request, but the asker's account is their own: its concern about
    friending students, further down, is what answers."""
    answer = assistant.ask("a sophomore of mine sent me a friend request on facebook. any "
                           "problem if i accept?", "dudley-charlton")
    expect(answer, Verdict.DISCOURAGED, "Should a staff member friend a student")


def test_whom_to_ask_finds_the_clause_that_says_whom_to_ask(assistant: Assistant) -> None:
    """"Who do I check with?" is answered by Middletown's "If questions arise …, ask a
    principal or administrator for guidance", not by its ban on *checking* social media
    during school hours; and "whether it is appropriate" there is a question, not a
    permission."""
    answer = assistant.ask("if i'm not sure a post about our new reading program is ok, who "
                           "do i check with?", "middletown")
    assert answer.verdict != Verdict.PROHIBITED, answer.summary
    assert answer.citations[0].quote.startswith("If questions arise")
    assert read_sentence(
        "If questions arise about whether it is appropriate for staff to write about a "
        "topic, ask a supervisor."
    ).modality != "permit"


def test_staff_asking_whether_the_district_looks_at_their_socials(assistant: Assistant) -> None:
    """"Google us", "our socials": Marlborough's superintendent *will* search the internet
    for staff posts; the answer says so instead of treating it as small talk."""
    answer = assistant.ask("does admin ever google us or look at our socials?", "marlborough")
    expect(answer, Verdict.ALLOWED, "Internet searches")


def test_a_power_limited_to_the_job_does_not_reach_what_has_nothing_to_do_with_it(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton may monitor communications "in connection with one's position"; an
    account unrelated to work is outside those words, and the answer names them."""
    answer = assistant.ask("can the district monitor my personal twitter if it's totally "
                           "unrelated to work?", "dudley-charlton")
    expect(answer, Verdict.NOT_ADDRESSED, "monitor")
    assert "in connection with one's position" in answer.summary


def test_a_staff_mtg_is_working_time(assistant: Assistant) -> None:
    """"mtg" is how staff type "meeting": posting during one is posting during working time."""
    answer = assistant.ask("dept mtg is so boring, can i post a tiktok while the principal "
                           "presents?", "ct-4118")
    expect(answer, Verdict.PROHIBITED, "during working time")


def test_students_who_know_the_asker_as_a_parent_are_still_current_students(
    assistant: Assistant,
) -> None:
    """"They know me as her mom": the parent is the asker, so the requests come from
    students, and Milton's rule on invitations from current students decides."""
    answer = assistant.ask("my daughter's teammates (they're in my 7th grade class) keep "
                           "requesting me on insta since they know me as her mom, can i "
                           "accept?", "milton")
    expect(answer, Verdict.PROHIBITED, "current students")


@pytest.mark.parametrize("question", [
    "ok to open my outlook cal on the school computer to set up a conference with a student's "
    "dad?",
    # no verb: the calendar is what the question opens with
    "personal gcal on the classroom desktop so parents can grab meeting slots, fine?",
])
def test_a_cal_is_a_calendar_for_miltons_exception(assistant: Assistant, question: str) -> None:
    expect(assistant.ask(question, "milton"), Verdict.ALLOWED, "except to access a calendar")


def test_a_permission_for_scheduling_news_does_not_reach_other_personal_email(
    assistant: Assistant,
) -> None:
    """Milton lets teachers use a personal phone or email "to convey time-sensitive
    information on scheduling issues"; reading a student's poems over winter break is not
    that, so its advice against personal email with students answers instead."""
    answer = assistant.ask("a junior wants my personal email so she can send me her poems over "
                           "winter break for feedback. ok?", "milton")
    expect(answer, Verdict.DISCOURAGED, "discouraged from using")
    cancelled = assistant.ask("practice got cancelled bc of the storm, can i text my players "
                              "from my cell tonight?", "milton")
    assert cancelled.verdict == Verdict.CONDITIONAL, cancelled.summary


@pytest.mark.parametrize("question", [
    "can i share my opinion on the school board election on my personal twitter?",
    "can i post about the union contract fight on my own fb?",
    "thinking of posting my take on the gun control bill on facebook, any rule against it?",
])
def test_a_post_on_a_public_question_is_not_decided_by_a_rule_it_only_shares_words_with(
    assistant: Assistant, question: str
) -> None:
    """Connecticut bans status updates "during working time" and bans disclosing confidential
    information and posting what promotes violence. An opinion on an election, a contract
    dispute or a gun bill is none of those, and the question says nothing of working time:
    the policy does not say."""
    answer = assistant.ask(question, "ct-4118")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary


def test_a_video_of_a_fight_is_still_about_violence(assistant: Assistant) -> None:
    answer = assistant.ask("two of my 8th graders got into a fight at dismissal, can i post the "
                           "video on my story?", "ct-4118")
    assert answer.verdict == Verdict.PROHIBITED, answer.summary


@pytest.mark.parametrize(("question", "work_time"), [
    ("i'm planning to post a throwback pic tonight", False),
    ("planning on messaging the parents later", False),
    ("so annoyed about the new duty rotation", False),
    ("can i scroll tiktok during my planning period?", True),
    ("ok to check fb on recess duty?", True),
])
def test_planning_and_duty_mean_working_time_only_as_a_time(question: str, work_time: bool) -> None:
    assert Situation.of(question).work_time is work_time


def test_anger_about_a_schedule_gets_the_advice_on_angry_posts(assistant: Assistant) -> None:
    """Middletown: "If angry or passionate about a subject, it's wise to delay posting",
    not its ban on social media during school hours, which a post about the duty roster
    written at home is not."""
    answer = assistant.ask("ugh so fed up with the new duty roster. planning to post about it "
                           "this weekend, bad idea?", "middletown")
    expect(answer, Verdict.DISCOURAGED, "calmer heads")


def test_whether_a_post_of_ones_class_is_ok_stays_a_policy_question(assistant: Assistant) -> None:
    """ "Is the … posted …?" is a lookup only when it asks nothing about a rule."""
    answer = assistant.ask("is the pic of my class that's posted on the school fb ok?", "milton")
    assert answer.verdict != Verdict.OFF_TOPIC


@pytest.mark.parametrize(("question", "district"), [
    ("is my principal allowed to force me to share my snapchat password?", "marlborough"),
    ("can hr require that i deactivate my twitter?", "milton"),
    ("could admin order us to give them our facebook logins?", "dudley-charlton"),
    ("my AP hated a pic i posted. can admin make me delete a photo from my own insta?",
     "middletown"),
    # whoever "she" is, it is her power over the asker that is asked about
    ("if my principal thinks my tiktok is unprofessional can she force me to take it down?",
     "marlborough"),
])
def test_a_power_to_search_or_monitor_is_no_power_to_demand_passwords_or_deletion(
    assistant: Assistant, question: str, district: str
) -> None:
    """"Can they make me …?" is answered Yes only by a power in the demand's own words;
    periodic internet searches or monitoring grant no right to a password or an account."""
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert not answer.summary.startswith("Yes")


def test_a_power_to_ask_staff_to_stop_answers_whether_they_can_make_me_take_posts_down(
    assistant: Assistant,
) -> None:
    for question in ("could the superintendent make me remove my facebook posts?",
                     "if the board doesn't like a video i posted, can they make me take it down?",
                     "a parent complained about my reel. can the principal tell me to pull it "
                     "down?"):
        answer = assistant.ask(question, "ct-4118")
        expect(answer, Verdict.ALLOWED, "may request that the employee cease such activity")


@pytest.mark.parametrize("question", [
    "is scrolling insta ever ok during school hours or is it a blanket ban?",
    "can staff use tiktok at any time in the school day?",
])
def test_asking_whether_any_time_is_free_meets_the_exception_for_breaks(
    assistant: Assistant, question: str
) -> None:
    """Middletown reserves social media in school hours "for school personnel's authorized
    breaks or unassigned periods only": the answer to "is there any time?" is that condition,
    while a class period stays a No."""
    expect(assistant.ask(question, "middletown"), Verdict.CONDITIONAL)
    in_class = assistant.ask("can i scroll insta during 4th period?", "middletown")
    assert in_class.verdict == Verdict.PROHIBITED, in_class.summary


def test_a_rule_on_school_business_does_not_decide_a_chat_about_non_school_stuff(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton prohibits personal email "to discuss school business with students and
    parents/guardians": fantasy football with a dad is not school business, while the field
    trip is."""
    chat = assistant.ask("can i email a student's dad from my gmail about non-school stuff "
                         "like fantasy football?", "dudley-charlton")
    assert chat.verdict != Verdict.PROHIBITED, chat.summary
    trip = assistant.ask("can i email a student's dad from my gmail about the field trip?",
                         "dudley-charlton")
    expect(trip, Verdict.PROHIBITED, "school business")


def test_being_subject_to_disciplinary_sanctions_is_the_districts_power_to_discipline(
    assistant: Assistant,
) -> None:
    """Middletown: "Any violation of this policy by school personnel will be subject to those
    disciplinary sanctions included in the Collective Bargaining Agreement" answers whether the
    district can discipline, rather than a rule on what staff may post."""
    answer = assistant.ask("can the district discipline a teacher who breaks the social media "
                           "rules with a nasty post about a student?", "middletown")
    expect(answer, Verdict.ALLOWED, "disciplinary sanctions")
    assert "gives the district this power" in answer.summary


@pytest.mark.parametrize("question", [
    "fire alarm went off and a kid is missing from my line, can i text him from my own phone?",
    "we're sheltering in place and one of my 4th graders got stuck in the nurse's office. can "
    "i text her from my personal phone?",
])
def test_a_rule_that_sends_contact_through_the_districts_systems_reaches_a_personal_phone(
    assistant: Assistant, question: str
) -> None:
    """Milton: "All electronic contacts with students should be through the district's
    computer and telephone systems, except in emergency situations" is about using anything
    else, so a personal phone is inside it, and a missing child is its emergency."""
    expect(assistant.ask(question, "milton"), Verdict.CONDITIONAL,
           "except in emergency situations")


def test_one_captain_is_fewer_than_marlboroughs_group_of_three(assistant: Assistant) -> None:
    """Marlborough: messages go "to all team members or group of members that include at
    least three or more individuals"; Milton's rule names "team captains" as enough."""
    question = "ok to dm my captain about what time tomorrow's bus leaves?"
    expect(assistant.ask(question, "marlborough"), Verdict.PROHIBITED, "three or more")
    assert assistant.ask(question, "milton").verdict == Verdict.ALLOWED


def test_a_request_named_by_its_app_is_an_invitation(assistant: Assistant) -> None:
    """"An ig request" is Milton's "social network invitation": from a student in one's
    homeroom it is refused; from the long-term sub, a colleague, the rule does not reach it."""
    expect(assistant.ask("girl from my homeroom sent me an ig request lol", "milton"),
           Verdict.PROHIBITED, "shall not respond to social network invitations")
    answer = assistant.ask("the long-term sub just sent me an insta request, anything I should "
                           "know?", "milton")
    expect(answer, Verdict.NOT_ADDRESSED, "shall not respond to social network invitations")


def test_a_firing_in_the_news_reposted_as_a_warning_is_an_example_from_elsewhere(
    assistant: Assistant,
) -> None:
    """Milton forbids "posting examples of inappropriate behavior from other districts as
    behavior to avoid", however the story is told."""
    answer = assistant.ask("teacher fired over her instagram posts made the news. ok to repost "
                           "it as a don't-do-this for new staff?", "milton")
    expect(answer, Verdict.PROHIBITED, "from other districts as behavior to avoid")


@pytest.mark.parametrize("question", [
    "can i share the district's graduation photos on my own facebook?",
    "want to put the school's spirit week video on my personal tiktok",
])
def test_the_schools_own_photos_need_the_superintendents_permission(
    assistant: Assistant, question: str
) -> None:
    """Dudley-Charlton: staff may not, "without express permission from the superintendent",
    use "any school photograph or other property belonging to the school"."""
    expect(assistant.ask(question, "dudley-charlton"), Verdict.CONDITIONAL,
           "any school photograph")


@pytest.mark.parametrize(("question", "district"), [
    ("the teacher next door wants to friend me on facebook, is that allowed?", "marlborough"),
    ("our new counselor sent me a follow request on insta", "marlborough"),
    ("the para down the hall added me on snapchat, any rule?", "milton"),
    ("the art teacher sent me a friend request, ok to accept?", "marlborough"),
    ("my department chair wants to follow me on instagram", "milton"),
    ("the school psychologist added me on fb, fine to accept?", "milton"),
    ("the band director friended me on facebook. accept?", "marlborough"),
])
def test_a_colleague_named_by_role_or_where_they_work_is_not_a_student(
    assistant: Assistant, question: str, district: str
) -> None:
    """The rules on friending are about current students; the teacher next door is a
    colleague, so the answer is that the rule does not reach the case, never No."""
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "colleagues" in answer.summary


@pytest.mark.parametrize("question", [
    "I'm the gym teacher, can I accept friend requests on fb?",
    "as the librarian am i allowed to accept facebook friend requests?",
])
def test_the_askers_own_role_is_not_a_colleague(assistant: Assistant, question: str) -> None:
    expect(assistant.ask(question, "marlborough"), Verdict.PROHIBITED, "current students")


@pytest.mark.parametrize(("question", "district"), [
    ("the booster club president sent me a friend request, ok?", "marlborough"),
    ("a local reporter wants to follow me on twitter, allowed?", "marlborough"),
    ("my hairdresser added me on insta lol is that allowed", "milton"),
])
def test_grown_ups_of_the_community_are_not_students(
    assistant: Assistant, question: str, district: str
) -> None:
    """The friending rules are about current students; a reporter or the booster club
    president is outside them, which the answer says instead of No."""
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "not students" in answer.summary


def test_connecting_with_parents_is_dealing_with_parents(assistant: Assistant) -> None:
    """"Connect with parents on linkedin": the parents are whom the asker deals with, so
    Marlborough's rule on friending current students says what it covers instead of No."""
    answer = assistant.ask("is it ok to connect w my students' parents on linkedin?",
                           "marlborough")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "parents" in answer.summary, answer.summary


@pytest.mark.parametrize("district", ["marlborough", "milton"])
def test_following_the_schools_own_account_is_no_friending_of_students(
    assistant: Assistant, district: str
) -> None:
    """Following the school's or the library's own page puts no student on the other end: the
    rules on friending current students say what they cover instead of No."""
    answer = assistant.ask("ok to follow the school's new insta page from my own account?",
                           district)
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "account" in answer.summary, answer.summary


def test_a_video_shown_to_the_class_is_not_personal_use(assistant: Assistant) -> None:
    """Marlborough bans video streaming sites "for personal reasons during work hours"; a
    clip shown to the class is teaching, which that rule does not reach."""
    answer = assistant.ask("ok to show the kids a youtube clip in class?", "marlborough")
    assert answer.verdict != Verdict.PROHIBITED, answer.summary
    assert "personal reasons" in answer.citations[0].quote, answer.summary


def test_a_ban_on_false_information_answers_only_falsehoods(assistant: Assistant) -> None:
    """Marlborough bans "knowingly posting … inaccurate or false information": a classroom
    wishlist is nothing false, while a made-up closing posted as a joke is."""
    wishlist = assistant.ask("ok to post my classroom amazon wishlist on fb?", "marlborough")
    assert wishlist.verdict != Verdict.PROHIBITED, wishlist.summary
    hoax = assistant.ask("ok to post a fake 'school is cancelled' announcement as an april "
                         "fools joke?", "marlborough")
    assert hoax.verdict == Verdict.PROHIBITED, hoax.summary
    assert "false information" in hoax.citations[0].quote, hoax.summary


def test_the_booster_club_is_not_the_team(assistant: Assistant) -> None:
    """Boosters are parents and neighbours: a message to the booster club treasurer is no
    coach's message to team members, which Marlborough sends to the whole team."""
    answer = assistant.ask("can i snap the boosters club treasurer about the bake sale?",
                           "marlborough")
    assert "coaches" not in answer.citations[0].quote, answer.summary
    assert answer.verdict != Verdict.PROHIBITED, answer.summary


@pytest.mark.parametrize("question", [
    "can i text a coworker from my personal cell?",
    "ok to dm my co-teacher on insta about weekend plans?",
])
def test_a_rule_on_reaching_students_and_parents_does_not_reach_coworkers(
    assistant: Assistant, question: str
) -> None:
    """Dudley-Charlton sends contact "with students and parents/guardians" through school
    resources; naming parents does not make the rule cover colleagues."""
    answer = assistant.ask(question, "dudley-charlton")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "colleagues" in answer.summary


@pytest.mark.parametrize("question", [
    "schools closed for the storm, can i go on fb this morning?",
    "i'm on paternity leave until april, does the rule about being on social media during "
    "school hours cover me?",
    "taking a sick day, ok to scroll tiktok in bed at 10am?",
])
def test_a_day_the_asker_does_not_work_is_outside_working_time_rules(
    tmp_path: Path, question: str
) -> None:
    """A working-time rule, even one reaching "professional meetings outside of typical school
    hours", says nothing about a day the school is closed or the asker is on leave."""
    district = make_district(tmp_path, HEADER + (
        "A. Personal use\n1. Access of social networking websites for personal use during "
        "school hours, including professional meetings outside of typical school hours, shall "
        "be reserved for authorized breaks only.\n"
    ))
    answer = district.ask(question, "springfield")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "school hours" in answer.summary + " ".join(answer.qualifiers), answer.summary


def test_a_snow_day_announcement_is_not_a_day_off(tmp_path: Path) -> None:
    """"The snow day announcement" is something to share, not the asker's day off: asked
    during the school day, the working-time rule still answers."""
    district = make_district(tmp_path, HEADER + (
        "A. Personal use\n1. Staff members shall not access social networking sites for "
        "personal use during school hours.\n"
    ))
    answer = district.ask("during school hours can i go on fb to like the snow day "
                          "announcement?", "springfield")
    assert answer.verdict == Verdict.PROHIBITED, answer.summary


@pytest.mark.parametrize("question", [
    "can i watch reels between my zoom classes?",
    "ok to watch youtube videos between 2nd and 3rd period classes?",
])
def test_the_gaps_of_a_teaching_day_are_working_time(tmp_path: Path, question: str) -> None:
    """Between classes, also classes taught over zoom, is the working day; watching videos on
    a site is being on it."""
    district = make_district(tmp_path, HEADER + (
        "A. Personal use\n1. Staff members shall not access social networking or video sites "
        "for personal reasons during work hours.\n2. Staff members shall keep a log of parent "
        "contacts.\n"
    ))
    answer = district.ask(question, "springfield")
    assert answer.verdict == Verdict.PROHIBITED, answer.summary


def test_advice_on_one_act_permits_no_other(assistant: Assistant) -> None:
    """The Connecticut board "strongly encourages" staff to review their privacy settings.
    That advice is no Yes to following students back because one's account is private."""
    answer = assistant.ask("my tiktok is set to private so is it fine to follow back the kids "
                           "in my homeroom?", "ct-4118")
    assert answer.verdict != Verdict.ALLOWED, answer.summary
    settings = assistant.ask("should i lock down the privacy settings on my fb?", "ct-4118")
    assert "privacy settings" in settings.citations[0].quote, settings.summary


def test_mentioning_that_something_happened_is_passing_it_on(assistant: Assistant) -> None:
    """ "Mention on my story that a coworker got suspended" passes on what the asker learned
    at work: the Connecticut rule on confidential information decides
    it, not a rule on tagging people."""
    answer = assistant.ask("can i mention on my insta story that a coworker got suspended? "
                           "i know from work", "ct-4118")
    expect(answer, Verdict.PROHIBITED, "confidential information")


def test_a_pointer_to_the_guidelines_is_not_itself_a_rule(assistant: Assistant) -> None:
    """"Staff members should adhere to the following guidelines, which are consistent with …
    student relationships …" introduces the Connecticut list. Its mention of students does
    not make it a rule limited to students, to be quoted against a question on coworkers."""
    answer = assistant.ask("ok to post on fb that a coworker got suspended?", "ct-4118")
    assert "the following guidelines" not in answer.citations[0].quote, answer.summary
    assert "covers *students*" not in answer.summary, answer.summary


def test_the_captains_carve_out_from_ones_own_phone_keeps_the_phone_terms(
    assistant: Assistant,
) -> None:
    """Milton lets coaches message "all team members or … team captains"; its rule on personal
    cell phones still sets terms ("school-related matters outside of regular school hours").
    Named from one's own phone, the cautious answer is Yes with those terms."""
    own_phone = assistant.ask("can i text the two captains from my personal phone that the "
                              "meet got moved?", "milton")
    expect(own_phone, Verdict.CONDITIONAL, "personal cell phones")
    assert any("team captains" in c.quote for c in own_phone.citations[:3])
    plain = assistant.ask("can i message the two captains that the meet got moved?", "milton")
    assert plain.verdict == Verdict.ALLOWED, plain.summary


def test_asking_what_the_policy_says_about_something_is_a_policy_question(
    assistant: Assistant,
) -> None:
    """ "Is there anything about…" asks what the policy says, even after a story that makes it
    look like a lookup: the answer is the policy's (here, that it is silent), not a shrug."""
    answer = assistant.ask("the AP just followed me on tiktok haha. is there anything about "
                           "following other staff?", "marlborough")
    assert answer.verdict != Verdict.OFF_TOPIC, answer.summary
    assert answer.citations


def test_time_off_the_clock_is_outside_a_work_hours_rule(assistant: Assistant) -> None:
    """Marlborough bans streaming sites "for personal reasons during work hours". An unpaid
    break the asker calls off the clock is not plainly work hours: the answer names that
    limit instead of a No."""
    answer = assistant.ask("bus aide here, during my unpaid lunch i sit in my car. ok to watch "
                           "netflix then?", "marlborough")
    expect(answer, Verdict.NOT_ADDRESSED, "work hours")


def test_checking_a_feed_is_reading_and_meets_the_rule_on_school_devices(
    assistant: Assistant,
) -> None:
    """"Check fb" is reading, which Connecticut's ban on posting updates does not reach;
    Dudley-Charlton's rule on accessing accounts with district computers does, on a district
    tablet as on a school computer."""
    ct = assistant.ask("can i check fb on the school laptop during my prep?", "ct-4118")
    assert ct.verdict == Verdict.NOT_ADDRESSED, ct.summary
    dudley = assistant.ask("can i check my facebook on the district tablet during indoor "
                           "recess?", "dudley-charlton")
    expect(dudley, Verdict.PROHIBITED, "computer resources")


def test_a_ban_on_one_kind_of_content_does_not_answer_a_post_of_another(
    assistant: Assistant,
) -> None:
    """Milton bans "posting items with sexual content". A rant about one's day is not such an
    item, even when the rant reads as a complaint about someone: the ban is no answer to it."""
    answer = assistant.ask("can i vent on threads about my awful day without naming anybody?",
                           "milton")
    assert "sexual content" not in answer.citations[0].quote, answer.summary
    assert answer.verdict != Verdict.PROHIBITED, answer.summary


def test_playing_music_for_the_class_is_not_posting_it(assistant: Assistant) -> None:
    """Marlborough bans *posting* copyrighted material; playing a song for the class posts
    nothing. The answer names that limit instead of a No."""
    answer = assistant.ask("am i allowed to play songs off spotify for my students during "
                           "work time?", "marlborough")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "not posting it" in answer.summary, answer.summary


def test_checking_on_a_student_is_not_checking_a_feed(assistant: Assistant) -> None:
    """"Text a kid to check on him" asks about reaching a student, not about going on social
    media: Middletown's rule on accessing sites during school hours is no answer to it."""
    answer = assistant.ask("can i message a student who missed school all week to check on "
                           "him?", "middletown")
    assert "Access of social networking" not in answer.citations[0].quote, answer.summary
    assert answer.verdict != Verdict.PROHIBITED, answer.summary


def test_a_server_or_group_for_the_class_is_a_class_account(assistant: Assistant) -> None:
    """A discord server or a groupme for the club is a class account by another name:
    Milton's advance approval to create one applies, not its confidentiality rules."""
    answer = assistant.ask("thinking of starting a discord server for my robotics club, ok?",
                           "milton")
    expect(answer, Verdict.CONDITIONAL, "Advance approval")


def test_extra_credit_is_not_credit_for_someone_elses_work(assistant: Assistant) -> None:
    """"Credit" in a copyright rule is attribution; extra credit for following the class page
    is nothing proprietary."""
    answer = assistant.ask("is it ok to offer extra credit to kids who follow our class page?",
                           "middletown")
    assert "proprietary" not in answer.citations[0].quote, answer.summary


def test_news_from_another_district_is_an_example_only_when_something_went_wrong(
    assistant: Assistant,
) -> None:
    """Milton bans "posting examples of inappropriate behavior from other districts as
    behavior to avoid". A new job in another district is no such example; a coach arrested
    in another state, posted as a warning, is."""
    new_job = assistant.ask("ok to post on fb that i accepted a job in another district for "
                            "next year?", "milton")
    assert "other districts" not in new_job.citations[0].quote, new_job.summary
    assert new_job.verdict != Verdict.PROHIBITED, new_job.summary
    warning = assistant.ask("can i post a news article about a coach in another state who got "
                            "arrested, as a warning to our staff?", "milton")
    expect(warning, Verdict.PROHIBITED, "other districts")


def test_a_districts_rules_on_students_are_about_its_own_students(
    assistant: Assistant,
) -> None:
    """Milton discourages teachers from using personal phones "to communicate with students":
    a player on a weekend travel team who attends a catholic school is not one of them."""
    answer = assistant.ask("i coach a weekend travel soccer team and one of my players goes to "
                           "a catholic school. can i text her from my cell about games?",
                           "milton")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "not enrolled in this district" in answer.summary, answer.summary


def test_a_school_network_the_asker_rules_out_is_not_theirs(assistant: Assistant) -> None:
    """"On my own phone, not on the school wifi": Milton's rule on "school district computer
    resources" does not reach it, and the answer says so rather than No."""
    answer = assistant.ask("can i watch reels on my own phone at lunch? not using the school "
                           "network", "milton")
    expect(answer, Verdict.NOT_ADDRESSED, "computer resources")


def test_state_mandates_and_book_bans_are_matters_of_public_concern(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton keeps staff's right "to speak publicly on matters of public concern"
    within limits: a rant about a federal mandate or a book ban is that speech."""
    answer = assistant.ask("can i post my opinion on the book bans in the news on my personal "
                           "fb?", "dudley-charlton")
    expect(answer, Verdict.CONDITIONAL, "matters of public concern")


def test_hiding_ones_identity_is_not_the_same_act_as_stating_it(assistant: Assistant) -> None:
    """Middletown: "School personnel should never hide their identity." It answers a secret
    alias blog; it does not answer whether one may say one teaches there."""
    expect(assistant.ask("want to start a secret alias blog about whats happening in my "
                         "building, nobody would know its me. ok?", "middletown"),
           Verdict.PROHIBITED, "never hide their identity")
    answer = assistant.ask("can i say im a teacher at the high school when i post about the "
                           "levy on my fb?", "middletown")
    assert answer.verdict == Verdict.ALLOWED, answer.summary
    assert "never hide" not in answer.citations[0].quote, answer.summary


def test_repeating_what_a_parent_said_is_passing_on_what_one_learned_at_work(
    assistant: Assistant,
) -> None:
    """Connecticut bars disclosing "confidential information obtained during the course of
    his/her employment": what a dad said to a teacher at pickup is that."""
    expect(assistant.ask("can i put on fb what a dad said at pickup? he was ridiculous",
                         "ct-4118"),
           Verdict.PROHIBITED, "obtained during the course of his/her employment")


def test_a_student_whose_parent_made_the_account_is_still_the_one_asking(
    assistant: Assistant,
) -> None:
    """"His dad made him an instagram and he requested me": the request is the student's, so
    the rule on current students decides it, not a gap for parents."""
    expect(assistant.ask("one of my 3rd graders' dads made him an instagram and he requested "
                         "me, ok to accept?", "milton"),
           Verdict.PROHIBITED, "invitations from current students")


def test_a_named_student_on_a_post_breaks_the_rule_that_they_cannot_be_identified(
    assistant: Assistant,
) -> None:
    """Middletown: "be sure that they cannot be identified". A student's name showing on the
    work posted is the case that rule forbids."""
    expect(assistant.ask("can i put a funny exit ticket on insta? her name is showing but its "
                         "cute", "middletown"),
           Verdict.PROHIBITED, "cannot be identified")


def test_district_news_not_yet_announced_is_confidential(assistant: Assistant) -> None:
    """Connecticut: "May not disclose any confidential information about the school
    District". A choice the board has not announced yet is that."""
    expect(assistant.ask("the board picked a new superintendent but it hasnt been announced "
                         "yet. ok to post the name on my fb?", "ct-4118"),
           Verdict.PROHIBITED, "confidential information about the school District")


def test_a_prank_post_is_false_information(assistant: Assistant) -> None:
    """Marlborough bans "Knowingly posting or communicating inaccurate or false information":
    an April Fools' post that the school is closing is exactly that."""
    expect(assistant.ask("thinking of an april fools post on my fb saying the high school is "
                         "closing forever. funny or no?", "marlborough"),
           Verdict.PROHIBITED, "inaccurate or false information")


def test_a_counselors_dealings_with_a_family_are_a_confidential_matter(
    assistant: Assistant,
) -> None:
    """Dudley-Charlton: "No conversation relating to a confidential matter shall ever be
    conducted by cellular telephone except…". A student's risk assessment is such a matter;
    the counseling office's own page is not one ("my counseling ig")."""
    expect(assistant.ask("can i call a dad from my cell tonight about his daughter's risk "
                         "assessment results?", "dudley-charlton"),
           Verdict.PROHIBITED, "relating to a confidential matter")
    answer = assistant.ask("can i share the state's teen vaping numbers on my counseling ig?",
                           "middletown")
    assert answer.verdict != Verdict.PROHIBITED, answer.summary


@pytest.mark.parametrize("question, district, verdict, quoted", [
    ("can i scan a few pages of a picture book and put them on my insta for the read-a-thon?",
     "dudley-charlton", Verdict.PROHIBITED, "protected by copyright"),
    ("can i post on my fb against the proposed casino in town? nothing about school",
     "dudley-charlton", Verdict.CONDITIONAL, "matters of public concern"),
])
def test_staff_words_for_copying_a_book_and_a_town_controversy(
    assistant: Assistant, question: str, district: str, verdict: Verdict, quoted: str
) -> None:
    """Scanned pages of a picture book are copyrighted material; a proposed casino is a
    matter of public concern."""
    answer = assistant.ask(question, district)
    assert answer.verdict == verdict, answer.summary
    assert any(quoted in c.quote for c in answer.citations[:2]), answer.summary


def test_keeping_up_a_personal_site_is_posting_to_it(assistant: Assistant) -> None:
    """Middletown: "Maintaining personal sites should be done on employees' own time using
    non-Middletown devices." Updating one's insta from a school computer at lunch breaks it
    (the lunch break does not make a school computer one's own); a blog kept up at night on
    one's own laptop is what it asks for."""
    expect(assistant.ask("can i update my personal insta from a school computer on my lunch?",
                         "middletown"),
           Verdict.PROHIBITED, "non-Middletown devices")
    expect(assistant.ask("at night on my own laptop i keep up my travel blog, fine?",
                         "middletown"),
           Verdict.ALLOWED, "non-Middletown devices")


def test_doing_what_a_rule_asks_does_not_answer_what_the_district_may_do(
    assistant: Assistant,
) -> None:
    """Posting from home on one's own phone meets Middletown's rule on personal sites, but
    "can my principal look at it?" asks about the district, not about posting."""
    answer = assistant.ask("can my principal look at my insta if i only post at home on my "
                           "own phone?", "middletown")
    assert answer.verdict != Verdict.ALLOWED, answer.summary


@pytest.mark.parametrize("question", [
    "our school is hosting a spelling bee for the kids, can i post live updates on twitter "
    "during the day?",
    "can i post updates from our library reading challenge on fb during work hours?",
])
def test_what_the_school_runs_for_students_is_a_school_project(
    assistant: Assistant, question: str
) -> None:
    """Connecticut bars posting during working time "unless it involves a school project": a
    contest the school hosts or the library's reading challenge is one."""
    expect(assistant.ask(question, "ct-4118"), Verdict.CONDITIONAL, "during working time")


@pytest.mark.parametrize("question", [
    "i handle the library's approved fb page. a couple of local authors and my neighbor sent "
    "it friend requests, ok to accept?",
    "our library's approved insta got follow requests from some authors and my aunt. accept?",
])
def test_the_librarys_approved_page_is_an_educational_account(
    assistant: Assistant, question: str
) -> None:
    """Milton limits the friends of an educational account to "members of the educational
    community": the library's approved page is such an account, so requests from authors and
    relatives are to be rejected, not a case the policy leaves open."""
    expect(assistant.ask(question, "milton"), Verdict.PROHIBITED, "members of the educational")


def test_a_duty_to_be_aware_neither_allows_nor_requires_an_act(assistant: Assistant) -> None:
    """Dudley-Charlton says one "must be aware that a reader may assume that he or she speaks
    for the district": that is a caution to bear in mind, not a condition to meet, so whether a
    disclaimer is required is a question the policy leaves open, shown with that clause."""
    answer = assistant.ask(
        "should my personal blog have a disclaimer that i dont speak for the schools?",
        "dudley-charlton",
    )
    expect(answer, Verdict.NOT_ADDRESSED, "speaks for the district")


@pytest.mark.parametrize("question", [
    "my teammate on the 4th grade team drives me nuts. ok to rant about it on insta if nobody "
    "could figure out who i mean?",
    "can i tweet about a weird convo with a parent if i dont say who?",
])
def test_keeping_the_people_discussed_unidentifiable_meets_middletowns_rule(
    assistant: Assistant, question: str
) -> None:
    """"Nobody could figure out who I mean", "if I don't say who": the asker offers what
    Middletown asks ("be sure that they cannot be identified"), so that is the condition."""
    expect(assistant.ask(question, "middletown"), Verdict.CONDITIONAL, "cannot be identified")


def test_browsing_on_a_break_on_ones_own_phone_is_inside_middletowns_carve_out(
    assistant: Assistant,
) -> None:
    """Middletown reserves personal use during school hours "for … authorized breaks or
    unassigned periods only", and personal sites for "non-Middletown devices": on a duty-free
    lunch, on one's own phone, both are met, so the answer is yes, naming the carve-out."""
    answer = assistant.ask("during my duty-free lunch can i browse facebook on my own cell?",
                           "middletown")
    expect(answer, Verdict.ALLOWED, "authorized breaks or unassigned periods")
    assert any(q.startswith("Time carve-out") for q in answer.qualifiers)


@pytest.mark.parametrize("question", [
    # running one's own site asks about "own time", which a break may not be
    "during my lunch break can i upload a video to my youtube channel from my own phone?",
    # on duty, lunch is work time
    "on lunch duty in the cafeteria, can i check insta on my own phone?",
])
def test_a_break_on_ones_own_phone_does_not_allow_more_than_browsing(
    assistant: Assistant, question: str
) -> None:
    assert assistant.ask(question, "middletown").verdict != Verdict.ALLOWED


@pytest.mark.parametrize("question", [
    "making a classroom ideas insta. any reason not to sign up with my personal gmail?",
    "new teacher twitter - do i need a different email for it or can i keep using my own one?",
])
def test_an_everyday_email_for_a_social_account_goes_against_middletowns_advice(
    assistant: Assistant, question: str
) -> None:
    """"It is a good idea to create a separate e-mail address that is used only with a social
    media site": signing up with one's everyday address is what that advice steers away from."""
    expect(assistant.ask(question, "middletown"), Verdict.DISCOURAGED, "separate e-mail")


def test_the_districts_own_feed_is_communication_of_an_official_nature(
    assistant: Assistant,
) -> None:
    """Connecticut bars the district title without a disclaimer "unless the communication is of
    an official nature": the school's own feed, run as part of the job, is that case; a title in
    one's personal bio is not."""
    official = assistant.ask("i manage our school's twitter feed and sign the posts with my job "
                             "title. do i need a views-are-my-own disclaimer on it?", "ct-4118")
    expect(official, Verdict.ALLOWED, "official nature")
    personal = assistant.ask("my personal twitter bio has my job title, need a disclaimer?",
                             "ct-4118")
    expect(personal, Verdict.CONDITIONAL, "official nature")


def test_whether_staff_may_have_accounts_at_all_is_answered_by_the_right_to_use_them(
    assistant: Assistant,
) -> None:
    """A long "…or does the district expect staff to stay off all social apps completely?"
    still asks whether staff may have accounts at all: Connecticut's "the Board respects the
    right of staff members to use social networking sites" answers it."""
    answer = assistant.ask("just started here - can we even have a personal tiktok or does the "
                           "district expect staff to stay off all social apps completely?",
                           "ct-4118")
    expect(answer, Verdict.ALLOWED, "respects the right of staff members")


@pytest.mark.parametrize("question", [
    "can my 5th graders make accounts on brainpop for our science unit? policy ok w that?",
    "thinking of having kids post their book reviews on the school site, does our social media "
    "policy allow that?",
])
def test_the_districts_own_site_and_learning_tools_are_educational_websites(
    assistant: Assistant, question: str
) -> None:
    """"Nothing in this policy prohibits school personnel or students from using educational
    websites or Middletown Public Schools' websites": the school's site and a learning tool
    are such websites."""
    expect(assistant.ask(question, "middletown"), Verdict.ALLOWED, "Nothing in this policy")


@pytest.mark.parametrize("question", [
    "free period rn, can i check my own insta on my district chromebook?",
    "on my lunch break can i scroll facebook on the library computer?",
])
def test_a_break_frees_the_time_not_the_schools_computer(
    assistant: Assistant, question: str
) -> None:
    """Middletown keeps personal use for breaks, but "Middletown computers … are to be used for
    Middletown-related business": one's own social media on a school computer stays barred."""
    expect(assistant.ask(question, "middletown"), Verdict.PROHIBITED, "Middletown")


def test_a_permission_for_educational_websites_says_nothing_of_other_sites(
    assistant: Assistant,
) -> None:
    """"Nothing in this policy prohibits … using educational websites" is tied to such sites; a
    question about promoting a shop on Instagram names none, so it gives no Yes."""
    answer = assistant.ask("can i advertise my etsy shop on my insta? any policy issue?",
                           "middletown")
    assert answer.verdict != Verdict.ALLOWED, answer.summary


@pytest.mark.parametrize(("question", "district"), [
    ("a student asked about her test score in a comment on our class facebook page, should i "
     "reply there?", "milton"),
    ("one kid needs to hear from me about his late lab report, can i use our class insta for "
     "that without the whole class seeing?", "milton"),
    ("a girl posted on our class fb asking why her essay got marked down, can i respond?",
     "dudley-charlton"),
])
def test_a_word_for_one_student_on_the_class_page_goes_by_private_message(
    assistant: Assistant, question: str, district: str
) -> None:
    """"If a teacher wishes to communicate privately with a student through the educational
    social networking account, such communication shall be conveyed only through the private
    email/message feature": that is the way to answer one student, on its stated terms."""
    answer = assistant.ask(question, district)
    expect(answer, Verdict.CONDITIONAL, "private email/message feature")
    assert any("private email/message feature" in c for c in answer.conditions)


@pytest.mark.parametrize("question", [
    "can i put everyone's quiz grades up on our class fb wall?",
    "a student commented on our class page asking about her 504 extra time, can i answer her "
    "there?",
])
def test_a_students_records_on_the_class_page_stay_barred(
    assistant: Assistant, question: str
) -> None:
    """Posting a class's grades is no word for one student, and special-education matters get
    no way of writing online: the ban on the class page's wall stands."""
    expect(assistant.ask(question, "milton"), Verdict.PROHIBITED, "may not post confidential")


@pytest.mark.parametrize("question", [
    "can I blog about a tough parent conference if I leave out the family's name?",
    "ok to post on a teacher forum about a kid's meltdown if I change his name?",
    "can i share the story of a wild open house night on reddit with all the names changed?",
    "can i post about a student's meltdown if I use a fake name for her?",
])
def test_a_changed_or_omitted_name_keeps_people_unidentifiable(
    assistant: Assistant, question: str
) -> None:
    """"If discussing a situation involving individuals on a social media site, be sure that
    they cannot be identified": a changed, made-up or omitted name is the asker's way of
    meeting that condition, not of hiding their own identity."""
    expect(assistant.ask(question, "middletown"), Verdict.CONDITIONAL, "cannot be identified")


def test_posting_under_a_fake_name_is_hiding_ones_identity(assistant: Assistant) -> None:
    answer = assistant.ask("can i run a twitter under a fake name to vent about admin?",
                           "middletown")
    expect(answer, Verdict.PROHIBITED, "never hide their identity")


def test_the_rule_on_identifiable_people_is_read_wherever_it_ranks(assistant: Assistant) -> None:
    """A screenshot of a parent's email "with her name visible" shares many words with the
    rules on e-mail addresses; Middletown's "be sure that they cannot be identified" still
    decides it, however far down it ranks among the clauses read."""
    answer = assistant.ask("a mom sent me a nasty email, can i screenshot it with her name "
                           "visible and share it on my fb?", "middletown")
    expect(answer, Verdict.PROHIBITED, "cannot be identified")


def test_approval_to_create_a_class_account_permits_nothing_posted_on_it(
    assistant: Assistant,
) -> None:
    """Milton: "Advance approval to create a school/class social network account should be
    obtained from the responsible school principal." An approved account meets that hurdle and
    no other: whether the kids' faces may go on it is not what the clause answers."""
    for question in ("our team account is approved by the principal, can i post game photos "
                     "with the players' faces?",
                     "my class page is approved. can i share student art on it?"):
        answer = assistant.ask(question, "milton")
        assert answer.verdict != Verdict.ALLOWED, answer.summary


def test_the_right_channel_for_school_matters_permits_no_personal_chat(
    assistant: Assistant,
) -> None:
    """Milton: "Teachers are encouraged to communicate with students and parents on
    educational matters only, and only through school-based resources". Using the school
    email meets the second half, not the first, when the talk is just chat; Dudley-Charlton's
    concern about staff who "regularly engage in email chat with a student" then decides."""
    question = ("a sophomore and i email back and forth on our school accounts just talking "
                "about music, fine since it's district email?")
    expect(assistant.ask(question, "milton"), Verdict.DISCOURAGED, "educational matters only")
    dudley = assistant.ask("an 8th grader and I email on our district accounts most evenings, "
                           "just chatting about basketball. that's fine since it's school email, "
                           "right?", "dudley-charlton")
    expect(dudley, Verdict.DISCOURAGED, "regularly engage in email chat")


@pytest.mark.parametrize("question", [
    "my 3rd graders are posting our plant growth pics to a gardening fb group during science, "
    "can i comment with them in class?",
    "during class my kids want to tweet what happens in our vinegar and baking soda experiment, "
    "ok?",
    "want our 7th period coding class to live-tweet the hackathon from my twitter, allowed?",
])
def test_the_class_posting_its_own_work_is_a_school_project(
    assistant: Assistant, question: str
) -> None:
    """Connecticut: "Shall not post … during working time … unless it involves a school
    project. Employees must seek approval from the Superintendent …". The class posting its
    experiment is such a project: allowed with that approval, not barred."""
    answer = assistant.ask(question, "ct-4118")
    expect(answer, Verdict.CONDITIONAL, "unless it involves a school project")
    assert any("approval" in c for c in answer.conditions), answer.conditions


@pytest.mark.parametrize(("question", "verdict"), [
    ("there's no parent portal at our school, can i use facebook to share homework reminders "
     "with families?", Verdict.CONDITIONAL),
    ("we dont have a portal for my club, can i message the families from my personal fb?",
     Verdict.PROHIBITED),
])
def test_the_rule_written_for_the_askers_case_decides_it(
    assistant: Assistant, question: str, verdict: Verdict
) -> None:
    """Dudley-Charlton: "if the district does not maintain a web portal … he or she should
    establish a Facebook identity that is separate from his/her personal Facebook identity".
    Saying there is no portal states that very case: the rule's terms decide, and the
    personal account is the one it sets apart."""
    expect(assistant.ask(question, "dudley-charlton"), verdict,
           "does not maintain a web portal")


def test_putting_a_students_plan_on_the_class_wall_is_posting_confidential_information(
    assistant: Assistant,
) -> None:
    """"Put a list on the wall" is posting, and a behaviour plan is a student's confidential
    information: Milton's "may not post confidential student information on the 'wall'"."""
    answer = assistant.ask("can i stick a list on our class facebook wall of which students are "
                           "on behavior plans, so parents are in the loop?", "milton")
    expect(answer, Verdict.PROHIBITED, "may not post confidential student information")


@pytest.mark.parametrize("question", [
    "I run the school's official twitter and post game results during the school day, is that "
    "ok?",
    "secretary here, i update our building facebook page with closings during work hours. fine?",
])
def test_a_ban_on_personal_use_at_work_does_not_reach_the_schools_own_account(
    assistant: Assistant, question: str
) -> None:
    """Middletown: "Access of social networking websites for personal use during school hours
    … shall not be accessed during regular work hours". Running the school's own account in
    work time is not personal use: the rule's word is named, and it gives no No."""
    answer = assistant.ask(question, "middletown")
    expect(answer, Verdict.NOT_ADDRESSED, "for personal use during school hours")
    assert "*personal use*" in answer.summary


@pytest.mark.parametrize("question", [
    "can i text a parent from my cell about her kid's reading homework?",
    "the school email app is clunky so i answer parents from my own gmail, that's fine right?",
])
def test_the_channel_milton_sets_for_parents_answers_a_personal_phone_or_account(
    assistant: Assistant, question: str
) -> None:
    """Milton discourages personal phones and email "to communicate with students", and a
    parent is not a student; its "Teachers are encouraged to communicate with students and
    parents on educational matters only, and only through school-based resources" does
    reach parents, though it shares few words with the question and ranks far down."""
    expect(assistant.ask(question, "milton"), Verdict.DISCOURAGED,
           "encouraged to communicate with students and parents")


@pytest.mark.parametrize("question", [
    "can i text a kid from my cell to say congrats on the game?",
    "my homeroom girl turns 16 sunday, ok to send her a happy birthday text from my phone?",
])
def test_a_personal_message_is_outside_the_terms_for_personal_phones(
    assistant: Assistant, question: str
) -> None:
    """Milton allows personal phones "when necessitated by school-related matters outside of
    regular school hours and [they] may not be personal in nature": a birthday or congrats
    text is excluded by those terms, which is stricter than its advice against the channel."""
    answer = assistant.ask(question, "milton")
    expect(answer, Verdict.PROHIBITED, "may not be personal in nature")
