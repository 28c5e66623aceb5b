"""The `policybot` command line as a user drives it.

Most commands run in-process through `adapters.cli.main([...])` (fast, and an uncaught
exception fails the test); bad-input cases run as a real subprocess so exit codes and the
absence of tracebacks are what a shell user sees. Every run uses a temporary copy of
knowledge/ and a temporary index: nothing reads or writes ~/.cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.cli import main

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
EVAL_README = REPO.parent / "shared" / "eval" / "README.md"
DISTRICTS = ["ct-4118", "dudley-charlton", "marlborough", "middletown", "milton"]
CAPTAIN = "can I text my team captain?"
MILTON_FILE = "milton-social-networking.txt"
SUBPROCESS_TIMEOUT = 60


# --------------------------------------------------------------------------- fixtures/helpers


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a command falls back to stays inside this test's temp folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICYBOT_INDEX", str(tmp_path / "env-index.sqlite"))
    monkeypatch.delenv("POLICYBOT_KNOWLEDGE", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the working directory


def copy_knowledge(dest: Path) -> Path:
    shutil.copytree(REPO / "knowledge", dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


@pytest.fixture(scope="module")
def shared_kb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(knowledge copy, index path) shared by the read-only tests of this module."""
    base = tmp_path_factory.mktemp("cli")
    return copy_knowledge(base / "knowledge"), base / "index.sqlite"


@pytest.fixture
def kb(tmp_path: Path) -> tuple[Path, Path]:
    """A private (knowledge copy, index path) for tests that modify files."""
    return copy_knowledge(tmp_path / "knowledge"), tmp_path / "index.sqlite"


def cli(capsys: pytest.CaptureFixture, kb: tuple[Path, Path], *args: str) -> tuple[int, str, str]:
    knowledge, index = kb
    capsys.readouterr()
    code = main(["--knowledge", str(knowledge), "--index", str(index), *args])
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys, kb, *args: str) -> dict:
    code, out, err = cli(capsys, kb, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def shell(*args: str, env_index: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if env_index is not None:
        env["POLICYBOT_INDEX"] = str(env_index)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args], capture_output=True, text=True,
        timeout=SUBPROCESS_TIMEOUT, env=env, check=False,
    )


def district_text(knowledge: Path, district: str) -> str:
    folder = knowledge / district
    return "\n".join(f.read_text(encoding="utf-8-sig") for f in sorted(folder.iterdir())
                     if f.suffix in (".txt", ".md"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CITATION_KEYS = {"district", "policy", "title", "section", "clause_id", "quote", "citation"}


def assert_cited_from(answer: dict, district: str, text: str) -> None:
    for c in answer["citations"]:
        assert c.keys() >= CITATION_KEYS, c.keys()
        assert c["district"] == district, c["clause_id"]
        assert c["quote"] in text, f"{c['clause_id']}: quote is not exact policy text"
        assert len(c["quote"]) <= 700


# --------------------------------------------------------------------------- ask


def test_ask_json_quotes_milton_word_for_word(capsys, shared_kb) -> None:
    answer = cli_json(capsys, shared_kb, "ask", CAPTAIN, "--district", "milton")
    for key in ("question", "district", "verdict", "summary", "citations", "qualifiers",
                "contacts", "latency_ms"):
        assert key in answer, key
    assert answer["question"] == CAPTAIN
    assert answer["district"] == "milton"
    assert answer["verdict"] in {"prohibited", "allowed", "conditional", "discouraged",
                                 "not_addressed"}
    assert answer["summary"]
    assert answer["citations"]
    assert_cited_from(answer, "milton", (shared_kb[0] / "milton" / MILTON_FILE).read_text())
    assert any("captains" in c["quote"] for c in answer["citations"])
    assert isinstance(answer["qualifiers"], list) and isinstance(answer["contacts"], list)
    assert isinstance(answer["latency_ms"], int | float) and answer["latency_ms"] >= 0


def test_ask_text_shows_verdict_quotes_and_citations(capsys, shared_kb) -> None:
    answer = cli_json(capsys, shared_kb, "ask", CAPTAIN, "-d", "milton")
    code, out, err = cli(capsys, shared_kb, "ask", CAPTAIN, "-d", "milton")
    assert code == 0, err
    assert answer["verdict_label"].upper() in out.upper()
    for c in answer["citations"]:
        assert c["quote"] in out
        assert c["citation"] in out


def test_ask_previous_makes_a_follow_up(capsys, shared_kb) -> None:
    earlier = "a student sent me a friend request on facebook, can I accept it?"
    first = cli_json(capsys, shared_kb, "ask", earlier, "-d", "marlborough")
    follow = cli_json(capsys, shared_kb, "ask", "what about former students?", "-d",
                      "marlborough", "--previous", earlier)
    alone = cli_json(capsys, shared_kb, "ask", "what about former students?", "-d",
                     "marlborough")
    ids = [c["clause_id"] for c in follow["citations"]]
    assert set(ids) & {c["clause_id"] for c in first["citations"]} or any(
        "friend" in c["quote"].lower() for c in follow["citations"])
    assert ids != [c["clause_id"] for c in alone["citations"]]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("question", ["", "x" * 10_000, "😀🙏👍"],
                         ids=["empty", "10k-chars", "emoji-only"])
def test_unanswerable_questions_get_help_not_errors(shared_kb, question) -> None:
    knowledge, index = shared_kb
    done = shell("--knowledge", str(knowledge), "--index", str(index), "ask", question,
                 "-d", "milton", "--json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    answer = json.loads(done.stdout)
    assert answer["verdict"] == "off_topic"
    assert answer["citations"] == []
    assert answer["summary"] and answer["examples"]


def test_unknown_district_lists_the_valid_ids(shared_kb) -> None:
    knowledge, index = shared_kb
    done = shell("--knowledge", str(knowledge), "--index", str(index), "ask", CAPTAIN,
                 "-d", "springfield")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "springfield" in done.stderr
    for district in DISTRICTS:
        assert district in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("command", [["ask", CAPTAIN, "-d", "milton"], ["index"], ["districts"]],
                         ids=["ask", "index", "districts"])
def test_missing_knowledge_folder_is_a_clear_error(tmp_path, command) -> None:
    done = shell("--knowledge", "/nonexistent", "--index", str(tmp_path / "fresh.sqlite"),
                 *command)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert "/nonexistent" in done.stderr and "not found" in done.stderr
    assert not (tmp_path / "fresh.sqlite").exists()


def test_knowledge_path_that_is_a_file_is_a_clear_error(tmp_path) -> None:
    not_a_folder = tmp_path / "knowledge.txt"
    not_a_folder.write_text("hello\n")
    done = shell("--knowledge", str(not_a_folder), "--index", str(tmp_path / "i.sqlite"),
                 "ask", CAPTAIN, "-d", "milton")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert str(not_a_folder) in done.stderr


def test_missing_knowledge_folder_fails_even_with_an_existing_index(capsys, shared_kb) -> None:
    knowledge, index = shared_kb
    assert cli(capsys, shared_kb, "index")[0] == 0
    done = shell("--knowledge", "/nonexistent", "--index", str(index), "ask", CAPTAIN,
                 "-d", "milton")
    assert "Traceback" not in done.stderr
    assert done.returncode != 0, done.stderr


# --------------------------------------------------------------------------- index atomicity


def test_bad_policy_file_leaves_the_previous_index_serving(capsys, kb) -> None:
    knowledge, index = kb
    code, out, err = cli(capsys, kb, "index")
    assert code == 0, err
    assert "5 districts" in out
    before = digest(index)
    milton = knowledge / "milton" / MILTON_FILE
    original = milton.read_bytes()
    rule = b"shall not respond to social network invitations from current students"
    assert rule in original
    # an edit that, if it were ever indexed, would show up in the quotes
    broken = original.replace(rule, b"MAY RESPOND to social network invitations from students")
    nul_line = 3
    lines = broken.split(b"\n")
    lines[nul_line - 1] += b"\x00"
    milton.write_bytes(b"\n".join(lines))

    code, out, err = cli(capsys, kb, "index")
    assert code != 0
    assert f"{milton}:{nul_line}" in err, err
    assert digest(index) == before
    assert not [p for p in index.parent.iterdir() if p.name.startswith(".index-")]

    answer = cli_json(capsys, kb, "ask", "can I respond to an invitation from a current student "
                      "on a social network?", "-d", "milton")
    assert answer["citations"]
    old_text = original.decode("utf-8")
    assert_cited_from(answer, "milton", old_text)
    assert not any("MAY RESPOND" in c["quote"] for c in answer["citations"])
    assert digest(index) == before

    # fixed (and genuinely changed): the rebuild parses just that file and serves it
    added = "Staff shall not livestream field trips on personal social media accounts."
    milton.write_bytes(original + f"\n\n{added}\n".encode())
    code, out, err = cli(capsys, kb, "index")
    assert code == 0, err
    assert "1 parsed, 4 unchanged" in out
    assert digest(index) != before
    from bot.assistant import Assistant

    assert added in Assistant.load(knowledge, index).snapshot.sources[
        ("milton", "Social Networking Policy")]


def test_invalid_district_toml_names_file_and_line(capsys, kb) -> None:
    knowledge, index = kb
    assert cli(capsys, kb, "index")[0] == 0
    before = digest(index)
    meta = knowledge / "marlborough" / "district.toml"
    original = meta.read_text(encoding="utf-8")
    meta.write_text('id = "marlborough"\nname = "Marlborough\nstate = "MA"\n', encoding="utf-8")

    code, out, err = cli(capsys, kb, "index")
    assert code != 0
    assert f"{meta}:2" in err, err
    assert "TOML" in err
    assert digest(index) == before

    code, out, err = cli(capsys, kb, "ask", CAPTAIN, "-d", "marlborough", "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["district"] == "marlborough" and answer["citations"]
    assert_cited_from(answer, "marlborough", district_text(knowledge, "marlborough"))
    assert digest(index) == before

    meta.write_text(original, encoding="utf-8")
    code, out, err = cli(capsys, kb, "index")
    assert code == 0, err
    assert "5 districts" in out


# --------------------------------------------------------------------------- show


def test_show_prints_each_cited_clause_with_the_same_citation(capsys, shared_kb) -> None:
    answer = cli_json(capsys, shared_kb, "ask", CAPTAIN, "-d", "milton")
    assert answer["citations"]
    for c in answer["citations"]:
        code, out, err = cli(capsys, shared_kb, "show", c["clause_id"])
        assert code == 0, err
        assert c["clause_id"] in out
        assert c["citation"] in out  # character for character, as in the answer
        assert " ".join(c["quote"].split()) in " ".join(out.split())


def test_show_unknown_clause_is_a_clear_error(capsys, shared_kb) -> None:
    code, out, err = cli(capsys, shared_kb, "show", "milton:no-such-policy:Z:i99")
    assert code != 0
    assert "milton:no-such-policy:Z:i99" in err
    assert out == ""


# --------------------------------------------------------------------------- districts


def test_districts_lists_all_five_and_names_no_invented_town(capsys, shared_kb) -> None:
    code, out, err = cli(capsys, shared_kb, "districts")
    assert code == 0, err
    ids = re.findall(r"^(\S+)\s", out, flags=re.M)
    assert ids == DISTRICTS
    block = out.split("ct-4118", 1)[1].split("dudley-charlton", 1)[0]
    assert "Connecticut" in block and "4118.51" in block
    ct_text = district_text(shared_kb[0], "ct-4118")
    # every capitalised name in its label is either the state or words of the policy itself
    for word in set(re.findall(r"\b[A-Z][a-z]+\b", block)) - {"Connecticut", "Policy"}:
        assert word in ct_text, f"'{word}' is not in the Connecticut policy text"
    for town in ("Middletown", "Milton", "Marlborough", "Dudley", "Charlton", "Public Schools"):
        assert town not in block


# --------------------------------------------------------------------------- compare


def test_compare_gives_one_answer_per_district(capsys, shared_kb) -> None:
    knowledge = shared_kb[0]
    result = cli_json(capsys, shared_kb, "compare", CAPTAIN)
    assert result["question"] == CAPTAIN
    assert [a["district"] for a in result["answers"]] == DISTRICTS
    for answer in result["answers"]:
        assert answer["citations"], answer["district"]
        assert_cited_from(answer, answer["district"], district_text(knowledge, answer["district"]))

    two = cli_json(capsys, shared_kb, "compare", CAPTAIN, "--districts", "milton,marlborough")
    assert [a["district"] for a in two["answers"]] == ["milton", "marlborough"]

    code, out, err = cli(capsys, shared_kb, "compare", CAPTAIN)
    assert code == 0, err
    for answer in result["answers"]:
        assert answer["district_name"] in out
        assert answer["verdict_label"] in out


def test_compare_with_an_unknown_district_is_a_clear_error(capsys, shared_kb) -> None:
    code, out, err = cli(capsys, shared_kb, "compare", CAPTAIN, "--districts", "milton,nowhere")
    assert code != 0
    assert "nowhere" in err and all(d in err for d in DISTRICTS)


# --------------------------------------------------------------------------- eval


def test_eval_prints_every_readme_metric_and_writes_results(capsys, shared_kb, tmp_path) -> None:
    if not DEV.is_file():
        pytest.skip(f"{DEV} not found (expects shared/ next to the repository)")
    out_file = tmp_path / "results.jsonl"
    code, out, err = cli(capsys, shared_kb, "eval", str(DEV), "--out", str(out_file))
    assert code == 0, err
    names = ["gold_hit@1", "gold_hit@3", "any_gold_hit@3", "mrr_any", "verdict_acc",
             "dangerous_allowed", "off_topic_acc", "false_abstain", "wrong_district_citations"]
    if EVAL_README.is_file():
        readme = EVAL_README.read_text(encoding="utf-8")
        assert all(f"`{n}`" in readme for n in names)  # the README still defines these
    printed = {line.split()[0] for line in out.splitlines() if line.strip()}
    for name in names:
        assert name in printed, name
    assert any("latency" in p and "p50" in p for p in printed)
    assert any("latency" in p and "p99" in p for p in printed)

    questions = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [q["id"] for q in questions]
    for row, question in zip(rows, questions, strict=True):
        assert {"id", "verdict", "citations", "latency_ms"} <= row.keys()
        assert row["verdict"] in {"prohibited", "allowed", "conditional", "discouraged",
                                  "not_addressed", "off_topic"}
        assert isinstance(row["latency_ms"], int | float)
        for c in row["citations"]:
            assert {"district", "quote"} <= c.keys()
            assert c["district"] == question["district"]

    metrics = cli_json(capsys, shared_kb, "eval", str(DEV))
    assert metrics["wrong_district_citations"] == 0  # "must be 0" (eval README)
    assert metrics["dangerous_allowed"] == 0  # "must be 0" (eval README)
