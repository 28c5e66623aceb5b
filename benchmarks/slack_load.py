"""Slack load benchmark: 200 concurrent signed /policy commands against the real server.

Runs `adapters.server.serve()` in a child process on loopback (configured only
through environment variables, as in production) against the Slack stand-in
(tests/slack_standin.py) in this process, fires N slash commands at once, and
checks Slack's bar: every ack under 3 s, every answer delivered exactly once.
`--in-process` runs the server in this event loop instead (one core for
everything: a pessimistic figure). Exits 1 if the bar fails, 2 on the overall timeout.

    python benchmarks/slack_load.py [--requests 200] [--timeout 120] [--in-process]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from slack_standin import (  # noqa: E402
    LOOPBACK,
    SIGNING_SECRET,
    TOKEN,
    Harness,
    SlackStandIn,
    running_policybot,
)

from bot.assistant import Assistant  # noqa: E402
from bot.state import StateStore  # noqa: E402

SERVER = (
    "import sys; from adapters.server import serve; sys.exit(serve(sys.argv[1], int(sys.argv[2])))"
)

ACK_LIMIT_S = 3.0
QUESTIONS = [
    "Can I friend a student on Facebook?",
    "May I text my team captain about practice?",
    "Can I post a photo of my class on Instagram?",
    "Is it ok to use the school logo on my personal account?",
    "Can I follow a former student on Twitter?",
]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


async def load(harness: Harness, n: int, deliver_timeout: float) -> dict[str, float]:
    started = time.perf_counter()
    results = await asyncio.gather(*(
        harness.slash(QUESTIONS[i % len(QUESTIONS)], user=f"U{i:04d}") for i in range(n)
    ))
    acked = time.perf_counter() - started
    keys = {key for _, key in results}
    with suppress(TimeoutError):
        await harness.standin.wait_for(
            lambda _: len({c.args["_key"] for c in harness.standin.of("response_url")}) >= n,
            deliver_timeout,
        )
    delivered_at = time.perf_counter() - started
    await asyncio.sleep(1.0)  # late duplicates would arrive now
    per_key = Counter(c.args["_key"] for c in harness.standin.of("response_url"))
    latencies = [posted.seconds for posted, _ in results if posted.status == 200]
    with_quotes = sum(
        1 for c in harness.standin.of("response_url")
        if any(b.get("type") == "section" and b["text"]["text"].startswith("> ")
               for b in c.args.get("blocks", []))
    )
    return {
        "requests": n,
        "acked_200": len(latencies),
        "acks_under_3s": sum(1 for s in latencies if s < ACK_LIMIT_S),
        "ack_p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "ack_p99_ms": 1000 * percentile(latencies, 99) if latencies else float("nan"),
        "ack_max_ms": 1000 * max(latencies) if latencies else float("nan"),
        "all_acked_s": acked,
        "answers_delivered": len(keys & set(per_key)),
        "answers_with_quotes": with_quotes,
        "lost": len(keys - set(per_key)),
        "duplicates": sum(count - 1 for count in per_key.values()),
        "all_delivered_s": delivered_at,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


@asynccontextmanager
async def server_process(tmp: Path, startup_timeout: float) -> AsyncIterator[Harness]:
    """`policybot serve` in a child process, configured through the environment only."""
    standin = SlackStandIn("T1")
    await standin.start()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SLACK_BOT_TOKEN": TOKEN,
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": standin.api_url,
           "SLACK_TEAM_DISTRICTS": "T1=milton", "POLICYBOT_STATE": str(tmp / "state.sqlite")}
    env.pop("SLACK_APP_TOKEN", None)
    with open(tmp / "server.log", "wb") as log:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-c", SERVER, LOOPBACK, str(port), cwd=tmp, env=env,
            stdout=log, stderr=log)
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30),
                                    connector=aiohttp.TCPConnector(limit=0))
    url = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            with suppress(aiohttp.ClientError):
                async with session.get(f"{url}/healthz") as resp:
                    if resp.status == 200:
                        break
            if proc.returncode is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start:\n"
                                   + (tmp / "server.log").read_text()[-2000:])
            await asyncio.sleep(0.1)
        state = StateStore(tmp / "state.sqlite")
        yield Harness(standin, url, state, session)
        state.close()
    finally:
        await session.close()
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()
        await standin.stop()


async def main(n: int, timeout: float, in_process: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if in_process:
            servers = running_policybot(Assistant.load(), tmp / "state.sqlite",
                                        team_districts={"T1": "milton"})
        else:
            servers = server_process(tmp, startup_timeout=timeout / 3)
        async with servers as harness:
            figures = await load(harness, n, deliver_timeout=timeout / 3)
    print(f"{'server':>20}: {'in-process' if in_process else 'child process'}")
    for name, value in figures.items():
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        print(f"{name:>20}: {shown}")
    ok = (figures["acks_under_3s"] == n and figures["answers_delivered"] == n
          and figures["lost"] == 0 and figures["duplicates"] == 0)
    print("PASS" if ok else "FAIL", f"(bar: {n} acks < 3 s, {n} answers, 0 lost, 0 duplicates)")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=120.0, help="overall limit, seconds")
    parser.add_argument("--in-process", action="store_true", help="server in this event loop")
    args = parser.parse_args()
    try:
        code = asyncio.run(asyncio.wait_for(
            main(args.requests, args.timeout, args.in_process), args.timeout))
    except TimeoutError:
        print(f"FAIL: benchmark exceeded {args.timeout:.0f} s", file=sys.stderr)
        code = 2
    sys.exit(code)
