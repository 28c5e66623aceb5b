"""Every published format of a policy must read back as the same paragraphs and list items
as the plain-text copy, so the parser builds the same clause tree from it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from bot.documents import SUPPORTED_SUFFIXES, DocumentError, format_number, read_document

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
import make_fixtures as mf  # noqa: E402

pytest.importorskip("pypdf")
pytest.importorskip("docx")
pytest.importorskip("bs4")
pytest.importorskip("reportlab")

POLICIES = {"marlborough": mf.MARLBOROUGH, "dudley": mf.DUDLEY}
RENDERINGS = ("-boarddocs.html", "-sites.htm", ".pdf", "-dense.pdf", ".docx")


# --------------------------------------------------------------------------- same text


@pytest.mark.parametrize("suffix", RENDERINGS)
@pytest.mark.parametrize("key", POLICIES)
def test_rendering_reads_back_as_the_source_lines(rendered, key, suffix):
    got = mf.normalized_lines(read_document(rendered[f"{key}{suffix}"]))
    assert got == mf.expected_lines(POLICIES[key])


def _clause_shape(text: str) -> list[tuple[str, ...]]:
    parsing = pytest.importorskip("bot.parsing")
    knowledge = pytest.importorskip("bot.knowledge")
    info = knowledge.PolicyInfo(file="policy", number="IHB", title="Social Media", label="IHB")
    return [
        (c.kind, c.label, c.section_key, " ".join(c.section_title.split()),
         " ".join(c.text.split()))
        for c in parsing.parse_policy(text, "district", info)
    ]


@pytest.mark.parametrize("suffix", RENDERINGS)
@pytest.mark.parametrize("key", POLICIES)
def test_rendering_parses_to_the_same_clause_tree(rendered, key, suffix):
    expected = _clause_shape(read_document(rendered[f"{key}.txt"]))
    assert _clause_shape(read_document(rendered[f"{key}{suffix}"])) == expected
    assert len(expected) > 20


def test_pdf_drops_running_headers_footers_and_page_numbers(rendered):
    text = read_document(rendered["marlborough.pdf"])
    assert "Marlborough Public Schools — Policy IHB" not in text
    assert "Page 2 of" not in text
    lone = read_document(rendered["dudley.pdf"])
    assert "Dudley-Charlton Regional School District — Policy EDC" not in lone
    assert all(line.strip() not in {"2", "3", "4"} for line in lone.splitlines())


def test_list_items_are_consecutive_lines_and_paragraphs_blank_separated(rendered):
    text = read_document(rendered["dudley.docx"])
    assert "\n1. Before endeavoring" in text
    assert "\n2. District staff must also know" in text
    assert "\n\n2. District staff" not in text
    assert "\n\nProposed for Amendment" in text


# --------------------------------------------------------------------------- plain text


def test_text_strips_bom_and_normalizes_line_endings(rendered):
    assert read_document(rendered["bom.txt"]) == "Policy IHB\nSOCIAL MEDIA\n"


def test_markdown_is_read_verbatim(tmp_path):
    path = tmp_path / "policy.md"
    path.write_text("- Posting items with **sexual content**.\n", encoding="utf-8")
    assert read_document(path) == "- Posting items with **sexual content**.\n"


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("truncated.pdf", "could not read PDF"),
        ("zero.pdf", "is empty"),
        ("zero.txt", "is empty"),
        ("binary.txt", "looks binary, not text"),
        ("latin1.txt", "is not UTF-8 text"),
        ("truncated.docx", "could not read Word document"),
        ("legacy.doc", "unsupported file type '.doc'"),
        ("image-only.pdf", "has no text layer — needs OCR"),
    ],
)
def test_unreadable_files_raise_clear_errors(rendered, name, phrase):
    with pytest.raises(DocumentError) as caught:
        read_document(rendered[name])
    assert phrase in str(caught.value)
    assert caught.value.path == rendered[name]
    assert str(rendered[name]) in str(caught.value)


def test_truncated_pdf_says_damaged(rendered):
    with pytest.raises(DocumentError, match=r"could not read PDF .*: file is damaged \("):
        read_document(rendered["truncated.pdf"])


def test_garbled_pdf_body_is_damaged(tmp_path):
    path = tmp_path / "garbled.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20 + b"\ntrailer\n%%EOF\n")
    with pytest.raises(DocumentError, match="file is damaged"):
        read_document(path)


def test_password_protected_pdf(rendered, tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(rendered["marlborough.pdf"]))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(DocumentError, match="password-protected"):
        read_document(path)


def test_binary_text_error_carries_line(rendered):
    with pytest.raises(DocumentError) as caught:
        read_document(rendered["latin1.txt"])
    assert caught.value.line == 1


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="could not open"):
        read_document(tmp_path / "nope.pdf")


@pytest.mark.parametrize(("module", "suffix"), [("pypdf", ".pdf"), ("docx", ".docx"),
                                               ("bs4", ".html")])
def test_missing_library_names_the_extra(tmp_path, monkeypatch, module, suffix):
    path = tmp_path / f"policy{suffix}"
    path.write_bytes(b"%PDF-1.4 x %%EOF" if suffix == ".pdf" else b"<p>x</p>")
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(DocumentError, match=r"install policybot\[documents\]"):
        read_document(path)


def test_supported_suffixes():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".html", ".htm", ".pdf", ".docx"}


# --------------------------------------------------------------------------- HTML details


def _html(tmp_path: Path, body: str) -> str:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return read_document(path)


def test_html_nested_lists_start_type_and_value(tmp_path):
    text = _html(tmp_path, """
      <p>Staff shall not:</p>
      <ol start="3"><li>Post <b>grades</b>
          <ol><li>online</li><li>in print</li></ol></li>
        <li value="7">Tag students</li></ol>
      <ol type="A"><li>One</li></ol>
      <ol style="list-style-type: lower-roman"><li>un</li><li>deux</li></ol>
      <ul><li>Bullet<ul><li>inner</li></ul></li></ul>""")
    assert text.splitlines() == [
        "Staff shall not:", "",
        "3. Post grades", "   a) online", "   b) in print", "7. Tag students", "",
        "A. One", "",
        "i. un", "ii. deux", "",
        "• Bullet", "   • inner",
    ]


def test_html_keeps_article_header_drops_page_chrome(tmp_path):
    text = _html(tmp_path, """
      <div class="skip"><a href="#c">Skip to main content</a></div>
      <header><nav><a>Home</a></nav>District site</header>
      <main><article><header><h1>Policy 4118.51</h1></header>
        <p>First&nbsp;line<br>Second   line</p><p style="display:none">hidden</p>
        <p hidden>also hidden</p><!-- a comment --></article></main>
      <footer>© 2025</footer>""")
    assert text.splitlines() == ["Policy 4118.51", "", "First line", "", "Second line"]


def test_html_tables_emit_cells_as_lines(tmp_path):
    text = _html(tmp_path, "<table><tr><td>Adopted</td><td>6/11/13</td></tr></table>")
    assert text.split() == ["Adopted", "6/11/13"]


# --------------------------------------------------------------------------- DOCX details


def test_docx_levels_bullets_and_restarts(tmp_path):
    document, ids = mf.new_docx()
    document.add_paragraph("When using personal sites, staff:")
    mf.add_list(document, ids, "decimal",
                [(0, "Should not post"), (1, "grades"), (1, "photos"), (2, "of students"),
                 (0, "Must uphold respect")])
    document.add_paragraph("Also:")
    mf.add_list(document, ids, "decimal", [(0, "Restarted")])
    mf.add_list(document, ids, "decimal", [(0, "Starts at four")], start=4)
    mf.add_list(document, ids, "bullet", [(0, "A bullet"), (1, "Nested bullet")])
    document.add_heading("Heading text", level=1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Adopted", "6/11/13"
    path = tmp_path / "lists.docx"
    document.save(str(path))
    assert read_document(path).splitlines() == [
        "When using personal sites, staff:", "",
        "1. Should not post", "   a) grades", "   b) photos", "      i) of students",
        "2. Must uphold respect", "",
        "Also:", "",
        "1. Restarted", "", "4. Starts at four", "", "• A bullet", "   • Nested bullet", "",
        "Heading text", "", "Adopted", "", "6/11/13",
    ]


def test_docx_header_and_footer_do_not_leak(rendered):
    text = read_document(rendered["marlborough.docx"])
    assert "Marlborough Public Schools — Policy IHB" not in text
    assert "Page 1" not in text
    assert "\n\nA. Introduction/Purpose\n" in "\n\n" + text


def test_format_number():
    assert [format_number(n, "lower-alpha") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upper-roman") == "XIV"
    assert format_number(3, "decimal") == "3"


# --------------------------------------------------------------------------- manual


def test_generated_manual_reads_every_policy(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "manual_300", Path(__file__).parents[1] / "benchmarks" / "manual_300.py")
    manual = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manual)
    path, policies = manual.generate_manual(tmp_path / "manual.pdf", pages=12)
    text = read_document(path)
    for number, title in policies:
        assert f"Policy {number} — {title}" in text
    assert "Page 3 of" not in text
