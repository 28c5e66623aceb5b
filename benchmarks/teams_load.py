"""Teams load check: N concurrent activities through the real server to a loopback connector.

Anonymous mode, everything on 127.0.0.1, real core (Assistant.load()). Prints replies
received, lost, duplicates, 5xx and end-to-end latency (POST sent -> reply recorded at
the connector stand-in). Exits non-zero unless every activity got exactly one reply and
no request failed. Run: python benchmarks/teams_load.py [--n 200] [--timeout 120]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from teams_standin import TENANT, TeamsHarness, activity  # noqa: E402

from adapters.config import Settings  # noqa: E402
from bot.assistant import Assistant  # noqa: E402
from bot.state import StateStore  # noqa: E402

QUESTIONS = [
    "can I accept a friend request from a current student on facebook?",
    "can I post during my prep period?",
    "ok to post a pic of my class on insta?",
    "can I text a student about homework?",
    "can I follow former students on twitter?",
]


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))]


async def load(n: int, timeout: float) -> dict[str, object]:
    assistant = Assistant.load()
    assistant.ask(QUESTIONS[0], "milton")  # warm-up: index built before timing
    with tempfile.TemporaryDirectory() as tmp:
        state = StateStore(Path(tmp) / "state.sqlite")
        settings = Settings(teams_allow_anonymous=True, teams_tenant_districts={TENANT: "milton"})
        async with TeamsHarness(assistant, state, settings) as h:
            bodies = [
                activity(QUESTIONS[i % len(QUESTIONS)], h.connector.url,
                         conversation_id=f"a:load-{i}", activity_id=f"act-{i}")
                for i in range(n)
            ]
            sent_at: dict[str, float] = {}

            async def send(body: dict) -> int:
                sent_at[body["id"]] = time.monotonic()
                try:
                    status, _ = await h.post(body)
                except Exception:  # noqa: BLE001 - a failed request counts as a 5xx
                    return 599
                return status

            started = time.monotonic()
            statuses = await asyncio.wait_for(
                asyncio.gather(*(send(b) for b in bodies)), timeout
            )
            await h.connector.wait_for_messages(n, timeout=max(1.0, timeout / 4))
            await asyncio.sleep(0.5)  # let any late duplicate arrive before counting
            elapsed = time.monotonic() - started
            replies = h.connector.messages()
        state.close()

    per_activity = Counter(d.reply_to_id for d in replies)
    expected = {b["id"] for b in bodies}
    latencies = [
        (d.at - sent_at[d.reply_to_id]) * 1000 for d in replies if d.reply_to_id in sent_at
    ]
    return {
        "activities": n,
        "replies": len(replies),
        "lost": len(expected - set(per_activity)),
        "duplicates": sum(c - 1 for c in per_activity.values() if c > 1),
        "unexpected": len(set(per_activity) - expected),
        "http_5xx": sum(1 for s in statuses if s >= 500),
        "http_other_non_2xx": sum(1 for s in statuses if s < 200 or 300 <= s < 500),
        "latency_ms_p50": round(percentile(latencies, 50), 1),
        "latency_ms_p99": round(percentile(latencies, 99), 1),
        "elapsed_s": round(elapsed, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="concurrent activities")
    parser.add_argument("--timeout", type=float, default=120.0, help="overall bound, seconds")
    args = parser.parse_args(argv)
    result = asyncio.run(load(args.n, args.timeout))
    print(json.dumps(result, indent=2))
    ok = (
        result["replies"] == args.n
        and result["lost"] == 0
        and result["duplicates"] == 0
        and result["unexpected"] == 0
        and result["http_5xx"] == 0
        and result["http_other_non_2xx"] == 0
    )
    print("PASS" if ok else "FAIL: bar is every activity answered exactly once, no 5xx")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
