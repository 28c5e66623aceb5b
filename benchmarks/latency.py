"""Answer latency in-process, index build time and cold `policybot ask` wall time.

Prints medians and tails over repeated runs (these machines are noisy) and exits
non-zero when a bar is missed: p99 answer <= 20 ms, index build <= 2 s, cold ask <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.assistant import Assistant  # noqa: E402
from bot.evaluation import load_labeled, percentile  # noqa: E402
from bot.knowledge import knowledge_dir  # noqa: E402
from bot.store import SQLiteStore  # noqa: E402

BARS = {"answer_p99_ms": 20.0, "index_build_s": 2.0, "cold_ask_s": 2.0}


def questions() -> list[tuple[str, str]]:
    files = [ROOT / "eval" / "staff.jsonl", ROOT.parent / "shared" / "eval" / "dev.jsonl"]
    items = [i for f in files if f.is_file() for i in load_labeled(f)]
    return [(i.question, i.district) for i in items]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="passes over the question set")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index.sqlite"
        builds = []
        for _ in range(5):
            index.unlink(missing_ok=True)
            began = time.perf_counter()
            SQLiteStore(index).rebuild(knowledge_dir())
            builds.append(time.perf_counter() - began)
        figures["index_build_s"] = statistics.median(builds)

        assistant = Assistant.load(index=index)
        qs = questions()
        for question, district in qs:  # warm-up
            assistant.ask(question, district)
        latencies = []
        for _ in range(args.rounds):
            for question, district in qs:
                began = time.perf_counter()
                assistant.ask(question, district)
                latencies.append((time.perf_counter() - began) * 1000)
        figures["answer_p50_ms"] = statistics.median(latencies)
        figures["answer_p99_ms"] = percentile(latencies, 99)
        figures["answers_timed"] = len(latencies)

        env = dict(os.environ, POLICYBOT_INDEX=str(index))
        colds = []
        for _ in range(5):
            began = time.perf_counter()
            subprocess.run(["policybot", "ask", "can I text my team captain?", "--district",
                            "milton"], env=env, check=True, capture_output=True)
            colds.append(time.perf_counter() - began)
        figures["cold_ask_s"] = statistics.median(colds)
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}, indent=2))
    failed = [k for k, bar in BARS.items() if figures[k] > bar]
    for key in failed:
        print(f"BAR MISSED: {key} = {figures[key]:.3f} > {BARS[key]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
