"""Benchmark: does the published format change the answers? Plain text vs PDF vs HTML.

Districts publish PDFs and web pages, not the clean .txt copies the labeled set was
written against. This builds one temporary knowledge folder per format, with every
district's policy replaced by its PDF (reportlab, running headers, page numbers) or
BoardDocs-style HTML rendering (tests/fixtures/make_fixtures.py), and scores each on the
labeled dev set. Bar: gold_hit@3 within 0.02 of the plain-text figure.

    python benchmarks/format_eval.py [--file /work/shared/eval/dev.jsonl] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for extra in (REPO, REPO / "tests" / "fixtures"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import make_fixtures as mf  # noqa: E402

from bot.knowledge import METADATA_FILE, bundled_knowledge_dir, load_districts  # noqa: E402

BAR = 0.02
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"


def _pdf(name: str, path: Path) -> Path:
    return mf.render_pdf(name, path.with_suffix(".pdf"))


def _html(name: str, path: Path) -> Path:
    target = path.with_suffix(".html")
    target.write_text(mf.render_boarddocs_html(name), encoding="utf-8")
    return target


RENDERERS: dict[str, Callable[[str, Path], Path] | None] = {"txt": None, "pdf": _pdf, "html": _html}


def build_knowledge(folder: Path, render: Callable[[str, Path], Path] | None) -> Path:
    """A copy of the bundled districts, each policy file swapped for its rendering."""
    shutil.copytree(
        bundled_knowledge_dir(), folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__")
    )
    if render is None:
        return folder
    for district in load_districts(folder):
        meta = district.folder / METADATA_FILE
        text = meta.read_text(encoding="utf-8")
        for policy in district.policies:
            source = district.folder / policy.file
            rendered = render(policy.file, source)
            source.unlink()
            text = text.replace(f'file = "{policy.file}"', f'file = "{rendered.name}"')
        meta.write_text(text, encoding="utf-8")
    return folder


def evaluate(labeled: Path, keep: Path | None = None) -> dict[str, dict]:
    from bot.assistant import Assistant
    from bot.evaluation import load_labeled, run, score

    items = load_labeled(labeled)
    work = keep or Path(tempfile.mkdtemp(prefix="policybot-formats-"))
    metrics: dict[str, dict] = {}
    try:
        for fmt, render in RENDERERS.items():
            root = build_knowledge(work / fmt, render)
            assistant = Assistant.load(root, work / f"{fmt}.sqlite", rebuild=True)
            metrics[fmt] = score(items, run(assistant, items, warmup=0))
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return metrics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEV, help="labeled questions (JSON lines)")
    parser.add_argument("--keep", type=Path, help="build the knowledge folders here")
    args = parser.parse_args(argv)
    metrics = evaluate(args.file, args.keep)
    base = metrics["txt"]
    worst = 0.0
    print(f"{'format':6} {'gold_hit@3':>10} {'diff':>7} {'gold_hit@1':>10} {'verdict_acc':>11}")
    for fmt, m in metrics.items():
        diff = m["gold_hit@3"] - base["gold_hit@3"]
        worst = max(worst, abs(diff))
        print(
            f"{fmt:6} {m['gold_hit@3']:10.3f} {diff:+7.3f} {m['gold_hit@1']:10.3f} "
            f"{m['verdict_acc']:11.3f}"
        )
    print(
        f"largest gold_hit@3 difference {worst:.3f} (bar {BAR}): {'ok' if worst <= BAR else 'OVER'}"
    )
    return 0 if worst <= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
