"""Validate a labeled eval set (default: eval/staff.jsonl) against the district policy texts.

Usage: python eval/check_labels.py [POLICY_DIR] [EVAL_JSONL]

POLICY_DIR defaults to ../shared/policies relative to the repository root. Checks that every
line parses, ids are unique, district and verdict are valid, every gold string is an exact
substring of that district's policy text (1-3 golds for policy questions, none for off_topic),
then prints counts per district x verdict. Exits 1 if any problem is found.
"""

import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLICY_DIR = REPO_ROOT / ".." / "shared" / "policies"
DEFAULT_EVAL = REPO_ROOT / "eval" / "staff.jsonl"
POLICY_FILES = {
    "middletown": "middletown-1200-social-media.txt",
    "marlborough": "marlborough-IHB-social-media.txt",
    "ct-4118": "connecticut-4118.51-social-networking.txt",
    "milton": "milton-social-networking.txt",
    "dudley-charlton": "dudley-charlton-EDC-social-networking.txt",
}
VERDICTS = ["prohibited", "allowed", "conditional", "discouraged", "not_addressed", "off_topic"]
REQUIRED_KEYS = ("id", "district", "question", "gold", "verdict", "why")


def check(policy_dir: Path, eval_path: Path) -> tuple[list[str], Counter]:
    texts = {d: (policy_dir / f).read_text(encoding="utf-8") for d, f in POLICY_FILES.items()}
    problems: list[str] = []
    seen: set[str] = set()
    counts: Counter = Counter()
    for n, line in enumerate(eval_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            problems.append(f"line {n}: blank line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: invalid JSON ({exc})")
            continue
        missing = [k for k in REQUIRED_KEYS if k not in row]
        if missing:
            problems.append(f"line {n}: missing keys {missing}")
            continue
        rid, district, verdict, gold = row["id"], row["district"], row["verdict"], row["gold"]
        if rid in seen:
            problems.append(f"line {n}: duplicate id {rid}")
        seen.add(rid)
        if district not in POLICY_FILES:
            problems.append(f"{rid}: unknown district {district!r}")
            continue
        if verdict not in VERDICTS:
            problems.append(f"{rid}: unknown verdict {verdict!r}")
        if not isinstance(gold, list) or not all(isinstance(g, str) for g in gold):
            problems.append(f"{rid}: gold must be a list of strings")
            continue
        if verdict == "off_topic" and gold:
            problems.append(f"{rid}: off_topic must have empty gold")
        if verdict != "off_topic" and not 1 <= len(gold) <= 3:
            problems.append(f"{rid}: expected 1-3 gold strings, got {len(gold)}")
        for g in gold:
            if g not in texts[district]:
                problems.append(f"{rid}: gold not an exact substring of {district}: {g!r}")
        if not str(row["question"]).strip() or not str(row["why"]).strip():
            problems.append(f"{rid}: empty question or why")
        counts[(district, verdict)] += 1
    return problems, counts


def main() -> int:
    policy_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_POLICY_DIR
    eval_path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_EVAL
    try:
        problems, counts = check(policy_dir, eval_path)
    except OSError as exc:
        print(f"PROBLEM cannot read input: {exc}")
        return 1
    for p in problems:
        print("PROBLEM", p)
    width = max(len(v) for v in VERDICTS)
    print(f"{'district':16}" + "".join(f"{v:>{width + 1}}" for v in VERDICTS) + "  total")
    for d in POLICY_FILES:
        row = [counts[(d, v)] for v in VERDICTS]
        print(f"{d:16}" + "".join(f"{c:>{width + 1}}" for c in row) + f"  {sum(row):5}")
    totals = [sum(counts[(d, v)] for d in POLICY_FILES) for v in VERDICTS]
    print(f"{'total':16}" + "".join(f"{c:>{width + 1}}" for c in totals) + f"  {sum(totals):5}")
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
