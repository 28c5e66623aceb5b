"""Onboarding a district from the documents it publishes: `policybot district add/check`,
cross-references, and answers from PDF/HTML/DOCX renderings matching the plain text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from adapters.cli import main
from adapters.onboarding import apply_flags, detect, toml_value
from bot.assistant import Assistant
from bot.citations import citation_for
from bot.crossref import Reference, consult_notes, references, resolve
from bot.evaluation import load_labeled
from bot.knowledge import bundled_knowledge_dir, load_district
from bot.store import SQLiteStore, read_policy_source

for _module in ("pypdf", "docx", "bs4", "reportlab"):
    pytest.importorskip(_module)

FRIEND = "Can I friend a student on Instagram?"
QUESTIONS = (
    FRIEND,
    "Can I text a student from my personal cell phone?",
    "May I post photos of my class on my personal Facebook?",
    "Can I use the school logo on my personal account?",
)

NON_FRATERNIZATION = """4118.24 - Staff/Student Non-Fraternization

Personnel - Certified/Non-Certified

The Board of Education expects staff members to maintain professional relationships with \
students at all times.

Staff members shall not date, court, or enter into a romantic or sexual relationship with any \
student, regardless of the student's age. Electronic communication with students is also \
governed by the Board's social networking policy (cf. 4118.51/4218.51 - Social Networking).

Staff members shall not invite a student to their home without the written permission of the \
principal (cf. 5125 - Student Records).

Policy adopted: March 12, 2015

Revised: June 1, 2021
"""


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def kn(tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the bundled districts and an index built from it."""
    root = tmp_path / "knowledge"
    shutil.copytree(
        bundled_knowledge_dir(), root, ignore=shutil.ignore_patterns("__init__.py", "__pycache__")
    )
    index = tmp_path / "index.sqlite"
    SQLiteStore(index).rebuild(root)
    return root, index


def run(
    kn: tuple[Path, Path], capsys: pytest.CaptureFixture[str], *argv: str | Path
) -> tuple[int, str, str]:
    root, index = kn
    capsys.readouterr()
    code = main(["--knowledge", str(root), "--index", str(index), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def add(
    kn: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    district_id: str,
    *files: Path,
    **flags: str | bool,
) -> tuple[int, str, str]:
    """`policybot district add`; flags as keywords: short_name="CT Two", replace=True."""
    argv: list[str | Path] = ["district", "add", district_id]
    for key, value in flags.items():
        option = "--" + key.replace("_", "-")
        argv += [option] if value is True else [option, str(value)]
    return run(kn, capsys, *argv, *files)


def ask(
    kn: tuple[Path, Path], capsys: pytest.CaptureFixture[str], question: str, district: str
) -> dict:
    code, out, err = run(kn, capsys, "ask", question, "--district", district, "--json")
    assert code == 0, err
    return json.loads(out)


def sources_of(kn: tuple[Path, Path], district_id: str) -> str:
    district = load_district(kn[0] / district_id)
    return "\n".join(read_policy_source(path) for path in district.policy_files())


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


# --------------------------------------------------------------------------- (a) add + ask


@pytest.mark.parametrize(
    ("fixture", "number", "title", "when"),
    [
        ("marlborough.pdf", "IHB", "Social Media", "approved 2/11/25"),
        ("dudley-boarddocs.html", "EDC", "Social Networking", "revised 7/16/2014"),
    ],
)
def test_sixth_district_from_a_document_answers_with_no_code_change(
    kn, capsys, rendered, fixture, number, title, when
):
    code, out, err = add(
        kn,
        capsys,
        "newtown",
        rendered[fixture],
        name="Newtown Public Schools",
        state="ct",
        alias="newtown ps",
        contact="your building principal",
    )
    assert code == 0, err
    assert "district check newtown" in out
    assert (kn[0] / "newtown" / fixture).read_bytes() == rendered[fixture].read_bytes()
    district = load_district(kn[0] / "newtown")
    assert (district.name, district.state, district.contacts) == (
        "Newtown Public Schools",
        "CT",
        ("your building principal",),
    )
    assert "newtown ps" in district.aliases
    policy = district.policies[0]
    assert (policy.number, policy.title, policy.date_label) == (number, title, when)
    assert policy.label == f"Newtown Policy {number}"

    source = sources_of(kn, "newtown")
    for question in QUESTIONS:
        answer = ask(kn, capsys, question, "newtown")
        assert answer["citations"], question
        for citation in answer["citations"]:
            assert citation["district"] == "newtown"
            assert citation["quote"] in source
            assert citation["citation"].startswith(f"Newtown Policy {number}")
    # the other districts are untouched
    assert ask(kn, capsys, FRIEND, "marlborough")["citations"][0]["district"] == "marlborough"


def test_detects_number_title_and_dates_from_the_bundled_texts():
    got = {}
    for path in sorted(bundled_knowledge_dir().glob("*/*.txt")):
        found = detect(path.read_text(encoding="utf-8"))
        got[path.parent.name] = (found.number, found.title, found.adopted, found.date_label)
    assert got == {
        "ct-4118": ("4118.51/4218.51", "Social Networking", "January 2011", "revised October 2018"),
        "dudley-charlton": ("EDC", "Social Networking", "9/14/2011", "revised 7/16/2014"),
        "marlborough": ("IHB", "Social Media", "June 11, 2013", "approved 2/11/25"),
        "middletown": ("1200", "Social Media", "August 8, 2019", "approved August 8, 2019"),
        "milton": (
            "",
            "Social Networking Policy of the Milton Public Schools",
            "July 25, 2012",
            "approved May 2, 2018",
        ),
    }


def test_flags_override_detection():
    found = detect("Policy IHB\nSOCIAL MEDIA\nApproved 2/11/25\n")
    fixed = apply_flags(found, "IHB-R", "Social Media Rules", "approved 3/1/26")
    assert (fixed.number, fixed.title, fixed.date_label, fixed.revised) == (
        "IHB-R",
        "Social Media Rules",
        "approved 3/1/26",
        "3/1/26",
    )
    assert fixed.origin["number"] == "--number"
    bare = apply_flags(detect("Social media\n\nStaff shall not post.\n"), None, None, "May 2026")
    assert (bare.adopted, bare.date_label) == ("May 2026", "adopted May 2026")


def test_toml_strings_are_escaped_and_round_trip(kn, capsys, tmp_path):
    policy = tmp_path / "policy.txt"
    policy.write_text(NON_FRATERNIZATION, encoding="utf-8")
    name = 'The "Quoted" \\ District\tof Tabs'
    code, _, err = add(kn, capsys, "quoted", policy, name=name, contact="line one\nline two")
    assert code == 0, err
    district = load_district(kn[0] / "quoted")
    assert district.name == name
    assert district.contacts == ("line one\nline two",)
    assert toml_value("a\x01b") == '"a\\u0001b"'


def test_refuses_bad_or_existing_ids_and_replaces_on_request(kn, capsys, rendered):
    before = tree(kn[0])
    code, _, err = add(kn, capsys, "New_Town", rendered["marlborough.txt"], name="X")
    assert code != 0 and "lowercase letters, digits and dashes" in err
    code, _, err = add(kn, capsys, "marlborough", rendered["dudley.txt"], name="X")
    assert code != 0 and "already exists" in err and "--replace" in err
    assert tree(kn[0]) == before
    code, out, err = add(
        kn,
        capsys,
        "marlborough",
        rendered["marlborough.pdf"],
        replace=True,
        name="Marlborough Public Schools",
    )
    assert code == 0, err
    assert [p.file for p in load_district(kn[0] / "marlborough").policies] == ["marlborough.pdf"]
    assert not [p for p in kn[0].iterdir() if p.name.startswith(".")]


def test_append_adds_a_policy_to_an_existing_district(kn, capsys, tmp_path):
    extra = tmp_path / "IJNDB.txt"
    extra.write_text(
        "Policy IJNDB\nINTERNET ACCEPTABLE USE\nStaff members shall use district "
        "technology for educational purposes.\nApproved 5/5/20\n",
        encoding="utf-8",
    )
    code, out, err = add(kn, capsys, "marlborough", extra, append=True)
    assert code == 0, err
    district = load_district(kn[0] / "marlborough")
    assert [p.number for p in district.policies] == ["IHB", "IJNDB"]
    assert district.policies[1].label == "Marlborough Policy IJNDB"
    # the hand-written header (comment included) is kept as it was
    assert (
        (kn[0] / "marlborough" / "district.toml")
        .read_text()
        .startswith("# Marlborough Public Schools (Massachusetts).")
    )
    code, _, err = add(kn, capsys, "marlborough", extra, append=True)
    assert code != 0 and "already exists" in err


# --------------------------------------------------------------------------- (b) check


def test_check_prints_the_clause_tree_with_citations(kn, capsys):
    code, out, _ = run(kn, capsys, "district", "check", "marlborough")
    assert code == 0
    assert "Marlborough Policy IHB §D, item 2 (approved 2/11/25)" in out
    assert "marlborough:ihb:D:i2" in out
    assert '"• Posting of items with sexual content."' in out
    assert "\n0 warnings" in out


def test_check_warns_about_what_an_admin_should_fix(kn, capsys, tmp_path):
    long_clause = " ".join(
        [
            "Staff members shall keep every online exchange with a student "
            "professional, brief and about school work."
        ]
        * 16
    )
    assert 1500 < len(long_clause) < 1800
    duplicate = (
        "Staff members shall not post student photographs without written permission "
        "from a parent or guardian."
    )
    bad = tmp_path / "conduct.txt"
    bad.write_text(
        f"Staff Conduct Online\n\nA. Purpose\n\nB. Rules\n\n{duplicate}\n\n"
        f"{long_clause}\n\n{duplicate}\n",
        encoding="utf-8",
    )
    code, _, err = add(kn, capsys, "testville", bad, name="Testville Schools")
    assert code == 0, err
    code, out, _ = run(kn, capsys, "district", "check", "testville")
    assert code == 0
    warnings = [line for line in out.splitlines() if line.startswith("warning:")]
    text = "\n".join(warnings)
    assert "Testville Staff Conduct Online §A" in text and "has no text under it" in text
    assert "1,6" in text and "list whose items ran together" in text
    assert "same text as Testville Staff Conduct Online §B" in text
    assert "no policy number" in text
    assert "no adoption/revision date" in text
    assert len(warnings) == 5
    assert "Testville Staff Conduct Online §B | testville:" in out


# --------------------------------------------------------------------------- (c) bad files


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("truncated.pdf", "could not read PDF"),
        ("zero.txt", "file is empty"),
        ("binary.txt", "looks binary, not text"),
        ("image-only.pdf", "has no text layer — needs OCR"),
    ],
)
def test_unreadable_document_adds_nothing_and_keeps_the_index(kn, capsys, rendered, name, phrase):
    before, index_bytes = tree(kn[0]), kn[1].read_bytes()
    code, out, err = add(
        kn, capsys, "newtown", rendered["marlborough.txt"], rendered[name], name="Newtown"
    )
    assert code != 0
    assert phrase in err and str(rendered[name]) in err
    assert "Nothing was changed" in err
    assert tree(kn[0]) == before  # no district folder, no staging folder
    assert kn[1].read_bytes() == index_bytes
    answer = ask(kn, capsys, FRIEND, "marlborough")
    assert answer["citations"][0]["clause_id"].startswith("marlborough:ihb:")


def test_failed_index_rolls_back_a_replace(kn, capsys, tmp_path):
    """A document that reads but holds no policy text fails at indexing time: the district
    folder that was there before comes back."""
    empty = tmp_path / "headings.txt"
    empty.write_text("Policy IHB\nSOCIAL MEDIA\n", encoding="utf-8")
    before = tree(kn[0])
    code, _, err = add(kn, capsys, "marlborough", empty, replace=True, name="Marlborough")
    assert code != 0 and "no policy text found" in err
    assert tree(kn[0]) == before
    assert ask(kn, capsys, FRIEND, "marlborough")["citations"]


# --------------------------------------------------------------------------- (d) re-index


def test_reindex_reparses_only_the_changed_policy(kn, capsys):
    root, index = kn
    policy = root / "marlborough" / "marlborough-IHB-social-media.txt"
    policy.write_text(policy.read_text(encoding="utf-8") + "\nApproved 3/10/26\n", encoding="utf-8")
    meta = root / "marlborough" / "district.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8")
        .replace('revised = "February 11, 2025"', 'revised = "March 10, 2026"')
        .replace('date_label = "approved 2/11/25"', 'date_label = "approved 3/10/26"'),
        encoding="utf-8",
    )
    report = SQLiteStore(index).rebuild(root)
    assert report.parsed_files == [str(policy)]
    assert len(report.reused_files) == 4
    answer = ask(kn, capsys, FRIEND, "marlborough")
    assert answer["citations"][0]["citation"].endswith("(approved 3/10/26)")


# --------------------------------------------------------------------------- (e) two policies


@pytest.fixture
def two_policies(kn, capsys, tmp_path) -> tuple[Path, Path]:
    frat = tmp_path / "4118.24-non-fraternization.txt"
    frat.write_text(NON_FRATERNIZATION, encoding="utf-8")
    social = next(bundled_knowledge_dir().glob("ct-4118/*.txt"))
    code, out, err = add(
        kn,
        capsys,
        "ct-two",
        social,
        frat,
        name="Connecticut Two Board of Education",
        short_name="CT Two",
        contact="your principal",
    )
    assert code == 0, err
    return kn


def test_two_policies_each_cited_for_their_own_question(two_policies, capsys):
    district = load_district(two_policies[0] / "ct-two")
    assert [(p.number, p.title, p.date_label) for p in district.policies] == [
        ("4118.51/4218.51", "Social Networking", "revised October 2018"),
        ("4118.24", "Staff/Student Non-Fraternization", "revised June 1, 2021"),
    ]
    dating = ask(two_policies, capsys, "Can I date a student?", "ct-two")
    assert dating["citations"][0]["policy"] == "4118.24"
    assert dating["citations"][0]["citation"].startswith("CT Two Policy 4118.24")
    privacy = ask(
        two_policies,
        capsys,
        "Should I review the privacy settings on my social networking accounts?",
        "ct-two",
    )
    assert privacy["citations"][0]["policy"] == "4118.51/4218.51"


def test_a_rule_against_dating_students_answers_a_question_about_dating_one(
    two_policies, capsys
):
    """No act the verdict knows (posting, messaging) is named, but the question is the very
    subject of "shall not date, court, or enter into a romantic … relationship"."""
    dating = ask(two_policies, capsys, "Can I date a student?", "ct-two")
    assert dating["verdict"] == "prohibited", dating["summary"]
    assert "shall not date" in dating["citations"][0]["quote"]


def test_cross_reference_notes(two_policies, capsys):
    root, index = two_policies
    assistant = Assistant.load(root, index)
    district = assistant.district("ct-two")
    answer = assistant.ask("Can I date a student?", "ct-two")
    cited = [assistant.clause(c.clause_id) for c in answer.citations]
    notes = consult_notes([c.text for c in cited if c], district, [answer.citations[0].policy])
    assert "See also CT Two Policy 4118.51/4218.51 — Social Networking" in notes
    # the social-networking policy's own "cf." list, as the clause tree holds it
    reference_texts = [
        c.text
        for c in assistant.snapshot.clauses["ct-two"]
        if c.policy == "4118.51/4218.51" and c.kind == "reference"
    ]
    notes = consult_notes(reference_texts, district, ["4118.51/4218.51"])
    assert notes[0] == "See also CT Two Policy 4118.24 — Staff/Student Non-Fraternization"
    assert (
        "This policy refers to 5125 Student Records, which is not loaded; consult it "
        "directly or ask your principal."
    ) in notes


def test_references_recognised_in_policy_wording():
    assert references("(cf. 4118.24/4218.24 - Staff/Student Non-Fraternization)") == [
        Reference("4118.24/4218.24", "Staff/Student Non-Fraternization")
    ]
    assert references("cf. 7.970") == [Reference("7.970")]
    assert references(
        "the district’s Internet Acceptable Use Policy, IJNDB and IJNDBA, which governs the use"
    ) == [
        Reference("IJNDB", "Internet Acceptable Use Policy"),
        Reference("IJNDBA", "Internet Acceptable Use Policy"),
    ]
    assert references("See Policy No. 1200 and Policy IHB.") == [
        Reference("1200"),
        Reference("IHB"),
    ]
    assert references("31-48d Employees engaged in electronic monitoring.") == []
    assert references("The superintendent WILL periodically conduct searches.") == []
    dudley = load_district(bundled_knowledge_dir() / "dudley-charlton")
    assert resolve(Reference("EDC"), dudley) is dudley.policies[0]
    assert resolve(Reference("IJNDB"), dudley) is None


# --------------------------------------------------------------------------- formats


def _first_citations(root: Path, index: Path) -> list[tuple[str, str]]:
    assistant = Assistant.load(root, index)
    return [
        (a.citations[0].clause_id, a.citations[0].quote)
        for a in (assistant.ask(q, "marlborough") for q in QUESTIONS)
    ]


def _marlborough_only(tmp_path: Path, document: Path) -> Path:
    root = tmp_path / document.name.replace(".", "-")
    shutil.copytree(bundled_knowledge_dir() / "marlborough", root / "marlborough")
    (root / "marlborough" / "marlborough-IHB-social-media.txt").unlink()
    shutil.copy(document, root / "marlborough" / document.name)
    meta = root / "marlborough" / "district.toml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("marlborough-IHB-social-media.txt", document.name),
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize("rendering", ["-boarddocs.html", "-sites.htm", ".pdf", ".docx"])
def test_every_format_answers_with_the_same_clause_as_plain_text(rendered, tmp_path, rendering):
    plain = _marlborough_only(tmp_path, rendered["marlborough.txt"])
    expected = _first_citations(plain, tmp_path / "plain.sqlite")
    root = _marlborough_only(tmp_path, rendered[f"marlborough{rendering}"])
    assert _first_citations(root, tmp_path / "rendered.sqlite") == expected


# --------------------------------------------------------------------------- citations


def test_citation_for_matches_the_answers(kn):
    assistant = Assistant.load(*kn)
    for district in assistant.districts():
        answer = assistant.ask(FRIEND, district.id)
        for citation in answer.citations:
            clause = assistant.clause(citation.clause_id)
            policy = next(p for p in district.policies if p.number == clause.policy)
            assert citation_for(clause, policy) == (citation.section, citation.citation)


# --------------------------------------------------------------------------- portability

OWN_SET = Path(__file__).resolve().parents[1] / "eval" / "staff.jsonl"


@pytest.mark.parametrize("district_id", ["middletown", "marlborough", "milton", "dudley-charlton"])
def test_a_renamed_district_gets_the_same_guidance(tmp_path, district_id):
    """Nothing in the code knows a district by name: the same policy under another district's
    name gives the same verdicts and the same clauses for every labeled question."""
    bundled = bundled_knowledge_dir() / district_id
    original = load_district(bundled)
    root = tmp_path / "knowledge"
    renamed = root / "riverton"
    renamed.mkdir(parents=True)

    def rename(text: str) -> str:
        return text.replace(original.short_name, "Riverton").replace(
            original.short_name.lower(), "riverton")

    for policy in original.policies:
        text = (bundled / policy.file).read_text(encoding="utf-8")
        (renamed / rename(policy.file)).write_text(rename(text), encoding="utf-8")
    toml = (bundled / "district.toml").read_text(encoding="utf-8")
    (renamed / "district.toml").write_text(
        rename(toml.replace(f'id = "{district_id}"', 'id = "riverton"')), encoding="utf-8")

    before = Assistant.load(bundled_knowledge_dir(), index=tmp_path / "bundled.sqlite")
    after = Assistant.load(root, index=tmp_path / "index.sqlite")
    questions = [q for q in load_labeled(OWN_SET) if q.district == district_id]
    assert len(questions) >= 20
    for labeled in questions:
        a = before.ask(labeled.question, district_id)
        b = after.ask(rename(labeled.question), "riverton")
        assert b.verdict == a.verdict, labeled.question
        assert [c.clause_id.split(":", 1)[1] for c in b.citations] == [
            c.clause_id.split(":", 1)[1] for c in a.citations], labeled.question


def test_check_does_not_call_a_section_with_subsections_empty(kn, capsys, tmp_path):
    policy = tmp_path / "conduct.txt"
    policy.write_text(
        "Staff Conduct Online\nPolicy 4040, adopted June 12, 2023\n\n"
        "IV. ELECTRONIC COMMUNICATION\n\nA. Messaging\n\n"
        "1. Employees shall not send one-to-one messages to students.\n\n"
        "VI. PERSONAL USE\n\nA. Devices\n\n"
        "1. District-issued computers shall not be used for personal social media.\n\n"
        "VII. CONTACTS\n\n",
        encoding="utf-8",
    )
    code, _, err = add(kn, capsys, "testville", policy, name="Testville Schools")
    assert code == 0, err
    code, out, _ = run(kn, capsys, "district", "check", "testville")
    warnings = [line for line in out.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "§VII" in warnings[0] and "no text under it" in warnings[0]
    assert "§VI.A, item 1" in out
