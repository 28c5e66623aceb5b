"""The bot core as staff would notice it: quotes, district scope, abstentions, follow-ups,
caution, scoring, and Slack/Teams rendering the same answer.

Everything runs against a temporary copy of knowledge/ and a temporary index, so nothing
touches ~/.cache. Expected values come from the policy texts themselves (read from disk
here, independently of the index) or from hand-made inputs, never from hard-coded verdicts
for the labeled eval questions.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bot.answer import Answer, Turn, Verdict
from bot.assistant import Assistant
from bot.evaluation import MAX_QUOTE, Labeled, score

REPO = Path(__file__).resolve().parents[1]
SHARED_DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
STAFF = REPO / "eval" / "staff.jsonl"
DISTRICTS = ["ct-4118", "dudley-charlton", "marlborough", "middletown", "milton"]

# Our own phrasings (not from any eval file), covering the policies' main topics.
VARIED = [
    "can I text my team captain?",
    "a parent asked me to follow her on instagram, is that ok",
    "is it ok to post photos of my class on my personal facebook page?",
    "can I use my personal cell phone to message a student's parent?",
    "may I check twitter during my lunch break at school?",
    "can I use the school logo on my own blog?",
    "a kid who graduated two years ago wants to follow me on tiktok",
    "can a coach email the whole team from a gmail account in an emergency?",
    "am I allowed to comment on a colleague's post about a student?",
    "can I set up a class account on a social network for homework reminders?",
]
# Questions that reach Milton's lettered list items ("item (a)", "item 1(b)").
COACHING = [
    "can I give a student my cell number for a field trip?",
    "coach needs to convey information to team captains by text",
    "can a coach send messages to team members one at a time?",
    "as a coach can I message just the team captains instead of the whole team?",
]
OFF_TOPIC = ["hi", "what's for lunch today", "reset my password",
             "write me a rubric for persuasive essays"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("core") / "knowledge"
    shutil.copytree(REPO / "knowledge", root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.fixture(scope="module")
def assistant(knowledge: Path) -> Assistant:
    return Assistant.load(knowledge, knowledge.parent / "index.sqlite")


@pytest.fixture(scope="module")
def sources(knowledge: Path) -> dict[str, str]:
    """Each district's policy text, read straight from its folder (not from the index)."""
    texts = {}
    for folder in sorted(p for p in knowledge.iterdir() if (p / "district.toml").is_file()):
        texts[folder.name] = "\n".join(
            f.read_text(encoding="utf-8-sig") for f in sorted(folder.iterdir())
            if f.suffix in (".txt", ".md")
        )
    assert sorted(texts) == DISTRICTS
    return texts


def labeled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def assert_scoped_exact(answer: Answer, district: str, sources: dict[str, str]) -> None:
    for c in answer.citations:
        where = f"{district}: {answer.question!r} cites {c.clause_id}"
        assert c.district == district, where
        assert c.clause_id.startswith(f"{district}:"), where
        assert c.quote, where
        assert c.quote in sources[district], f"{where}: quote is not exact policy text"
        assert len(c.quote) <= MAX_QUOTE, f"{where}: {len(c.quote)}-char quote"


# --------------------------------------------------------------------------- quotes and scope


@pytest.mark.parametrize("district", DISTRICTS)
def test_quotes_are_exact_text_of_the_askers_district(assistant, sources, district) -> None:
    cited = 0
    for question in VARIED:
        answer = assistant.ask(question, district)
        assert answer.district == district
        assert_scoped_exact(answer, district, sources)
        cited += bool(answer.citations)
    # these are all policy questions: nearly every one should quote something
    assert cited >= len(VARIED) - 1, f"{district}: only {cited}/{len(VARIED)} answers cite"


def test_summary_names_the_clause_it_quotes(assistant) -> None:
    """The summary's "<citation> says: “…”" must carry the first citation's full reference.

    Regression: labels with " (" inside ("§III, item (b)") were cut at the parenthesis, so the
    summary read "Milton Social Networking Policy §III, item says: …".
    """
    problems = []
    for district in DISTRICTS:
        for question in [*VARIED, *COACHING]:
            answer = assistant.ask(question, district)
            if answer.verdict == Verdict.OFF_TOPIC or not answer.citations:
                continue
            first = answer.citations[0]
            label = first.citation.removesuffix(f" ({first.date})") if first.date else (
                first.citation)
            if label not in answer.summary:
                problems.append(f"{district} {question!r}: {label!r} not in {answer.summary!r}")
    assert not problems, "\n".join(problems)


def test_quoted_fragments_in_qualifiers_are_policy_text(assistant, sources) -> None:
    """Qualifiers and conditions quote the policy (“…”): each fragment is policy text (up to
    whitespace and markdown emphasis) and is not padded with stray spaces."""
    problems = []
    for district in DISTRICTS:
        plain = re.sub(r"\s+", " ", sources[district].replace("*", ""))
        for question in [*VARIED, *COACHING]:
            answer = assistant.ask(question, district)
            for line in answer.qualifiers + answer.conditions:
                for fragment in re.findall(r"“([^”]+)”", line):
                    core = fragment.rstrip("…").strip()
                    if re.sub(r"\s+", " ", core.replace("*", "")) not in plain:
                        problems.append(f"{district}: {fragment!r} is not in the policy")
                    if fragment != fragment.strip():
                        problems.append(f"{district}: stray space in {line!r}")
    assert not problems, "\n".join(sorted(set(problems)))


OAKMONT_TOML = """id = "oakmont"
name = "Oakmont Public Schools"
state = "XX"
contacts = ["your principal"]

[[policies]]
file = "social.txt"
number = "5000"
title = "Staff Use of Social Media"
adopted = "2024-01-01"
"""
OAKMONT_POLICY = """Policy 5000 Staff Use of Social Media

Staff members shall use district social media accounts to celebrate student work and school events.

Staff members shall not engage in private electronic communication with students.

Staff members should keep personal social networking profiles professional in tone.
"""


@pytest.mark.parametrize("question", [
    "a 9th grader wants to friend me on insta, can i accept?",
    "can i follow my students on tiktok?",
])
def test_a_word_the_policy_never_uses_is_searched_as_the_broader_one_it_does(
    tmp_path: Path, question: str
) -> None:
    """A policy with no friending rule still speaks to communicating with students; that is
    the nearest clause to a friend request, not the one that shares "social media"."""
    folder = tmp_path / "knowledge" / "oakmont"
    folder.mkdir(parents=True)
    (folder / "district.toml").write_text(OAKMONT_TOML, encoding="utf-8")
    (folder / "social.txt").write_text(OAKMONT_POLICY, encoding="utf-8")
    answer = Assistant.load(folder.parent, tmp_path / "index.sqlite").ask(question, "oakmont")
    assert answer.verdict == Verdict.NOT_ADDRESSED, answer.summary
    assert "private electronic communication" in answer.citations[0].quote


@pytest.mark.parametrize(("question", "district", "quoted"), [
    ("can i accept a freind request from one of my studnets?", "milton",
     "shall not respond to social network invitations"),
    ("a studnet sent me a freind request on fb", "marlborough", "current students"),
])
def test_common_misspellings_still_find_the_clause(assistant, question, district, quoted) -> None:
    assert quoted in assistant.ask(question, district).citations[0].quote


def test_devices_that_are_not_the_districts_are_personal_devices(assistant) -> None:
    """Middletown's "…on employees' own time using non-Middletown devices" is the clause on
    personal devices, whatever the district's name."""
    answer = assistant.ask("i only post to my recipe blog from my personal ipad at night, any "
                           "problem?", "middletown")
    assert any("non-Middletown devices" in c.quote for c in answer.citations[:3])


@pytest.mark.parametrize("question", [
    "before the open house I want to double check the numbers someone posted in the PTA fb "
    "group, then reply. ok?",
    "ok if i use my regular gmail to make a twitter for my teaching stuff?",
])
def test_checking_facts_or_using_an_address_is_not_getting_on_a_site(assistant, question) -> None:
    """Middletown's rule on "access of social networking websites … during school hours" is
    about going on a site at work; "double check the numbers", "open house" and "use my
    gmail" are none of that, so it does not answer No."""
    answer = assistant.ask(question, "middletown")
    assert not answer.citations[0].quote.startswith("Access of social networking"), answer.summary
    assert answer.verdict != Verdict.PROHIBITED, answer.summary


def test_a_note_on_where_the_policy_came_from_is_never_quoted_as_a_rule(assistant) -> None:
    """Middletown's text ends "Adapted from the Coventry Public Schools Social Media Policy":
    it shares the question's words (public schools, social media, policy) but tells staff
    nothing they may or may not do."""
    answer = assistant.ask("our booster club runs a public schools social media page, does "
                           "district policy say we have to label it?", "middletown")
    assert answer.citations, answer.summary
    assert not any(c.quote.startswith("Adapted from") for c in answer.citations), answer.summary

def test_going_live_is_posting_not_a_phone_call(assistant) -> None:
    """"An ig live from my own phone" broadcasts a post; Dudley-Charlton's rule that its
    e-mail provisions "apply to telephonic communication as well" is about calling families."""
    answer = assistant.ask("thinking of doing an ig live from my own phone at lunch, just me "
                           "reviewing books, any issue?", "dudley-charlton")
    assert not answer.citations[0].quote.startswith("The provisions in #5"), answer.summary
    assert answer.verdict != Verdict.PROHIBITED, answer.summary

@pytest.mark.parametrize("district", ["milton", "dudley-charlton"])
def test_a_photo_of_the_school_itself_is_its_likeness(assistant, district) -> None:
    """A picture of the school building is the school's "likeness", which these policies let
    staff use on social media only with the superintendent's permission."""
    answer = assistant.ask("thinking of making a photo of our high school my twitter banner, "
                           "ok?", district)
    assert answer.verdict == Verdict.CONDITIONAL, answer.summary
    assert "likeness" in answer.citations[0].quote, answer.summary

@pytest.mark.parametrize("district", ["milton", "dudley-charlton"])
def test_reaching_one_student_through_the_class_page_goes_by_private_message(
    assistant, district
) -> None:
    """Both policies say how to message one student privately through the educational
    account (only through its private message feature): that rule governs, not the ban on
    putting confidential information on the wall."""
    answer = assistant.ask("want to privately remind one student thru the class fb about her "
                           "overdue essay - wall post or dm?", district)
    assert answer.verdict == Verdict.CONDITIONAL, answer.summary
    assert "privately" in answer.citations[0].quote, answer.summary

def test_running_the_schools_own_account_is_not_personal_use(assistant) -> None:
    """Managing the district's own twitter is the job, not "access of social networking
    websites for personal use", which is what Middletown restricts."""
    answer = assistant.ask("the ap asked me to manage the district's twitter, do i need sign "
                           "off?", "middletown")
    assert answer.verdict != Verdict.PROHIBITED, answer.summary
    assert not answer.citations[0].quote.startswith("Access of social"), answer.summary

def test_blunt_words_are_not_drugs(assistant) -> None:
    """"Blunt" is slang for a joint, but "some blunt feedback to a coworker" is a way of
    speaking: Milton's ban on "posting items exhibiting … drugs and alcohol" is not the rule."""
    answer = assistant.ask("texting my grade level partner some blunt feedback on her unit, "
                           "that's between us right?", "milton")
    assert not any("drugs" in c.quote for c in answer.citations[:3]), answer.summary


# --------------------------------------------------------------------------- never a wrong "Yes"


# (district, our phrasing, the policy's own prohibiting sentence)
EXPLICIT_PROHIBITIONS = [
    pytest.param(
        "milton", "one of my current students sent me a friend request on instagram, can I accept "
        "it?", "Staff/teachers/coaches shall not respond to social network invitations from "
        "current students.", id="milton-accept-current-student-request"),
    pytest.param(
        "milton", "can I friend a kid who is in my class this year on facebook?",
        'Teachers, staff and coaches may not list current students as "friends" on networking '
        "sites.", id="milton-friend-current-student"),
    pytest.param(
        "marlborough", "a current 8th grader sent me a friend request, ok to accept?",
        "Staff members may not invite/accept or list current students as “friends” on "
        "networking sites.", id="marlborough-accept-current-student-request"),
]


@pytest.mark.parametrize(("district", "question", "rule"), EXPLICIT_PROHIBITIONS)
def test_never_yes_when_the_policy_says_no(assistant, sources, district, question, rule) -> None:
    assert rule in sources[district]  # the premise: the policy forbids this in so many words
    answer = assistant.ask(question, district)
    assert answer.verdict not in (Verdict.ALLOWED, Verdict.OFF_TOPIC), (
        f"{answer.verdict}: {answer.summary}")


def test_never_yes_about_an_act_the_policy_never_mentions(assistant, sources) -> None:
    """The Connecticut policy never mentions friends or friend requests, so "Yes — explicitly
    allows" would be invented permission."""
    assert "friend" not in sources["ct-4118"].lower()
    for question in ("one of my current students sent me a friend request on instagram, can I "
                     "accept it?", "can I accept a friend request from a student?"):
        answer = assistant.ask(question, "ct-4118")
        assert answer.verdict != Verdict.ALLOWED, answer.summary


# --------------------------------------------------------------------------- abstentions


@pytest.mark.parametrize("question", OFF_TOPIC)
@pytest.mark.parametrize("district", ["milton", "ct-4118"])
def test_off_topic_questions_get_a_friendly_abstention(assistant, question, district) -> None:
    answer = assistant.ask(question, district)
    assert answer.verdict == Verdict.OFF_TOPIC, f"{question!r}: {answer.verdict}"
    assert not answer.citations
    assert answer.examples
    assert answer.summary


@pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "😀🙏👍", "🤔 ?"],
                         ids=["empty", "blank", "10k-chars", "emoji", "emoji-question-mark"])
def test_empty_huge_and_emoji_questions_are_answered_not_raised(assistant, question) -> None:
    answer = assistant.ask(question, "marlborough")
    assert answer.verdict == Verdict.OFF_TOPIC
    assert not answer.citations
    assert answer.summary and answer.examples
    assert len(answer.question) <= 2000
    json.dumps(answer.to_dict())  # renderable by every adapter


def test_long_question_is_told_to_shorten(assistant) -> None:
    answer = assistant.ask("can I text a student? " * 500, "milton")
    assert answer.verdict == Verdict.OFF_TOPIC
    assert "shorten" in answer.summary.lower()


# --------------------------------------------------------------------------- follow-ups


FRIEND_REQUEST = "a student sent me a friend request on facebook, can I accept it?"


@pytest.mark.parametrize("district", DISTRICTS)
def test_follow_up_stays_on_the_previous_topic(assistant, district) -> None:
    first = assistant.ask(FRIEND_REQUEST, district)
    assert first.citations
    follow = assistant.ask("what about former students?", district,
                           previous=Turn(question=FRIEND_REQUEST, district=district))
    alone = assistant.ask("what about former students?", district)
    assert follow.verdict != Verdict.OFF_TOPIC
    first_ids = {c.clause_id for c in first.citations}
    shared = first_ids & {c.clause_id for c in follow.citations}
    friends = [c for c in follow.citations if "friend" in c.quote.lower()]
    assert shared or friends, "the follow-up lost the friend-request topic"
    assert [c.clause_id for c in follow.citations] != [c.clause_id for c in alone.citations], (
        "the previous turn made no difference")


# --------------------------------------------------------------------------- compare


def test_compare_answers_each_district_from_its_own_policy(assistant, sources) -> None:
    comparison = assistant.compare("can I text my team captain?")
    assert [a.district for a in comparison.answers] == DISTRICTS
    for answer in comparison.answers:
        assert answer.citations
        assert_scoped_exact(answer, answer.district, sources)
    two = assistant.compare("can I text my team captain?", ["milton", "marlborough"])
    assert [a.district for a in two.answers] == ["milton", "marlborough"]


# --------------------------------------------------------------------------- scoring


def test_score_computes_the_readme_metrics_on_a_known_case() -> None:
    item = Labeled
    gold_c = "don’t post “photos”"
    quote_c = ("You may, but don't post \"photos\" of them. ").ljust(MAX_QUOTE, ".")
    assert len(quote_c) == MAX_QUOTE  # exactly 700 characters still counts
    items = [
        item("A", "milton", "q", ["Staff shall not respond"], "prohibited"),
        item("B", "milton", "q", ["team captains", "copied to the athletic director"],
             "conditional"),
        item("C", "milton", "q", [gold_c], "allowed"),
        item("D", "milton", "q", ["should not"], "discouraged"),
        item("E", "milton", "q", [], "off_topic"),
        item("F", "milton", "q", [], "off_topic"),
        item("G", "milton", "q", ["Upper CASE text"], "conditional"),
        item("H", "milton", "q", ["zzz"], "not_addressed"),
        item("I", "milton", "q", [], "off_topic"),
    ]

    def cite(quote: str, district: str = "milton") -> dict:
        return {"district": district, "quote": quote}

    results = [
        {"id": "A", "verdict": "allowed",
         "citations": [cite("unrelated"), cite("**Staff**  shall\nnot   respond to X")]},
        {"id": "B", "verdict": "conditional",
         "citations": [cite("x" * MAX_QUOTE + " team captains"),  # 714 chars: never a hit
                       cite("messages copied to the athletic director", "marlborough")]},
        {"id": "C", "verdict": "allowed", "citations": [cite(quote_c)]},
        {"id": "D", "verdict": "off_topic", "citations": []},
        {"id": "E", "verdict": "off_topic", "citations": []},
        {"id": "F", "verdict": "not_addressed", "citations": [cite("y")]},
        {"id": "G", "verdict": "allowed", "citations": [cite("the upper case text here")]},
        {"id": "H", "verdict": "allowed", "citations": []},
        {"id": "I", "verdict": "not_addressed", "citations": []},
    ]
    for n, row in enumerate(results, 1):
        row["latency_ms"] = float(n)
    m = score(items, results)
    assert m["questions"] == 9
    assert m["policy_questions"] == 6
    # hits: A at rank 2 (asterisks/whitespace), B only via gold[1] at rank 2, C at 1, G at 1
    assert m["gold_hit@1"] == pytest.approx(2 / 6)
    assert m["gold_hit@3"] == pytest.approx(3 / 6)
    assert m["any_gold_hit@3"] == pytest.approx(4 / 6)
    assert m["mrr_any"] == pytest.approx((0.5 + 0.5 + 1 + 1) / 6)
    assert m["verdict_acc"] == pytest.approx(2 / 6)  # B and C
    assert m["dangerous_allowed"] == 2  # A (prohibited) and G (conditional); not H
    assert m["off_topic_acc"] == pytest.approx(2 / 3)  # E, and I (no citations); not F
    assert m["false_abstain"] == 1  # D
    assert m["wrong_district_citations"] == 1  # B's marlborough quote
    assert m["latency_p50_ms"] == 5.0
    assert m["latency_p99_ms"] == 9.0


# --------------------------------------------------------------------------- caution invariant


def caution_sets() -> list[Path]:
    return [p for p in (SHARED_DEV, STAFF) if p.is_file()]


def test_allowed_and_not_addressed_answers_are_grounded(assistant, sources) -> None:
    if not caution_sets():
        pytest.skip("no labeled question files found")
    allowed = 0
    problems = []
    for path in caution_sets():
        for row in labeled(path):
            district = row["district"]
            answer = assistant.ask(row["question"], district)
            if answer.verdict == Verdict.ALLOWED:
                allowed += 1
                if not answer.citations or answer.citations[0].quote not in sources[district]:
                    problems.append(f"{row['id']}: 'allowed' without an exact governing quote")
            elif answer.verdict == Verdict.NOT_ADDRESSED:
                if not answer.citations:
                    problems.append(f"{row['id']}: not_addressed with no nearest clause")
                if not (answer.qualifiers or answer.notes):
                    problems.append(f"{row['id']}: not_addressed without qualifiers or notes")
    print(f"\n{allowed} 'allowed' answers over {', '.join(p.name for p in caution_sets())}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- Slack/Teams parity


_MD_ESCAPED = re.compile(r"\\([\\`*_\[\]<>#|~])")


def _md_unescape(text: str) -> str:
    return _MD_ESCAPED.sub(r"\1", text)


def _slack_unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def slack_view(message: dict) -> tuple[str, list[str], list[str]]:
    """(verdict label, quotes, citations) as a Slack user sees them."""
    blocks = message["blocks"]
    label = blocks[0]["text"]["text"].split(" ", 1)[1]
    quotes, cites = [], []
    for block in blocks:
        text = block.get("text", {}).get("text", "") if block["type"] == "section" else ""
        if text.startswith("> "):
            lines = text[2:].split("\n> ")
            if len(lines) > 1 and lines[0].startswith("_") and lines[0].endswith("_"):
                lines = lines[1:]  # the list's lead-in, shown in italics above the quote
            quotes.append(_slack_unescape("\n".join(lines)))
        if block["type"] == "context":
            cites += [_slack_unescape(e["text"].removeprefix(":page_facing_up: "))
                      for e in block["elements"] if e["text"].startswith(":page_facing_up: ")]
    return label, quotes, cites


def teams_view(card: dict) -> tuple[str, list[str], list[str]]:
    """(verdict label, quotes, citations) as a Teams user sees them."""
    verdict = next(e for e in card["body"] if str(e.get("id", "")).startswith("verdict:"))
    label = verdict["items"][0]["text"].split(" ", 1)[1]
    quotes, cites = [], []
    for element in card["body"]:
        if not str(element.get("id", "")).startswith("citation:"):
            continue
        texts = [i["text"] for i in element["items"] if i["type"] == "TextBlock"]
        quote = next(t for t in texts if t.startswith("“"))
        quotes.append(_md_unescape(quote.removeprefix("“").removesuffix("”")))
        cites.append(_md_unescape(next(t for t in texts if t.startswith("— ")).removeprefix("— ")))
    return label, quotes, cites


def test_slack_and_teams_show_the_same_verdict_and_citations(assistant, tmp_path) -> None:
    if not SHARED_DEV.is_file():
        pytest.skip(f"{SHARED_DEV} not found (expects shared/ next to the repository)")
    pytest.importorskip("slack_bolt")
    pytest.importorskip("microsoft_agents.hosting.aiohttp")
    from adapters.config import Settings
    from adapters.slack import answer_message
    from adapters.teams import TeamsBot
    from bot.state import StateStore

    state = StateStore(tmp_path / "state.sqlite")
    try:
        teams = TeamsBot(assistant, state, Settings())
        for row in labeled(SHARED_DEV):
            answer = assistant.ask(row["question"], row["district"])
            slack = slack_view(answer_message(answer, shareable=True))
            activity = teams.answer_message(answer)
            card = activity.attachments[0].content
            team = teams_view(card)
            core = (answer.verdict_label, [c.quote for c in answer.citations],
                    [c.citation for c in answer.citations])
            assert slack == team, row["id"]
            assert slack == core, row["id"]
    finally:
        state.close()


@pytest.mark.parametrize("question, district, quoted", [
    ("heard in the lounge the new schedule is 4 day weeks, havent checked yet, ok to tell the "
     "town fb group?", "middletown", "Make sure of all the facts"),
    ("teachers in the staff room say our scores jumped 30%, pretty sure thats right. ok to put "
     "it on the school fb?", "dudley-charlton", "is inaccurate"),
])
def test_passing_on_what_one_has_not_checked_finds_the_duty_to_be_accurate(
    assistant, question, district, quoted
) -> None:
    """Middletown's "Be accurate. Make sure of all the facts" and Dudley-Charlton's ban on
    what one "should know, is inaccurate" answer news heard in the lounge and not checked."""
    answer = assistant.ask(question, district)
    assert any(quoted in c.quote for c in answer.citations[:3]), answer.summary


def test_adding_someone_on_an_app_is_friending_them(assistant) -> None:
    """"Add a couple of my 7th graders on snap" is Marlborough's "invite/accept … as friends",
    not its rule on confidential information; adding a pic on insta is no friending."""
    answer = assistant.ask("can i add a couple of my 7th graders on snap?", "marlborough")
    assert answer.verdict == Verdict.PROHIBITED, answer.summary
    assert "as “friends”" in answer.citations[0].quote, answer.summary
    answer = assistant.ask("can i add a pic on insta of the science fair?", "marlborough")
    assert not any("friends" in c.quote for c in answer.citations[:1]), answer.summary
