"""Score the assistant against a labeled question file (format: shared eval README).

Metrics are computed exactly as that README defines them, from the per-question
result lines this module writes, so a result file can be re-scored by anyone.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.answer import Verdict

MAX_QUOTE = 700
_CURLY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "*": ""})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_CURLY)).strip().lower()


def hits(gold: str, quote: str) -> bool:
    return len(quote) <= MAX_QUOTE and norm(gold) in norm(quote)


@dataclass
class Labeled:
    id: str
    district: str
    question: str
    gold: list[str]
    verdict: str


def load_labeled(path: Path) -> list[Labeled]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            items.append(
                Labeled(
                    data["id"],
                    data["district"],
                    data["question"],
                    list(data.get("gold", [])),
                    data["verdict"],
                )
            )
        except (json.JSONDecodeError, KeyError) as exc:
            raise ValueError(f"{path}:{number}: not a labeled question ({exc})") from exc
    return items


# How much a verdict restrains the asker: an answer ranked above the truth's
# is more lenient than the policy. `dangerous_allowed` counts only the worst
# case (allowed); this counts every step, e.g. prohibited answered "the
# policy doesn't say".
STRICTNESS = {
    Verdict.PROHIBITED: 0,
    Verdict.CONDITIONAL: 1,
    Verdict.DISCOURAGED: 2,
    Verdict.NOT_ADDRESSED: 2,
    Verdict.ALLOWED: 3,
}


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1))
    return ordered[k]


def score(items: list[Labeled], results: list[dict]) -> dict:
    """All metrics of the eval README, plus per-verdict accuracy."""
    by_id = {r["id"]: r for r in results}
    policy = [i for i in items if i.verdict != Verdict.OFF_TOPIC]
    off = [i for i in items if i.verdict == Verdict.OFF_TOPIC]
    m: dict = {}
    h1 = h3 = any3 = 0
    rr = 0.0
    scored = 0
    for item in policy:
        cites = by_id[item.id]["citations"]
        if not item.gold:
            continue
        scored += 1
        quotes = [c["quote"] for c in cites]
        h1 += any(hits(item.gold[0], q) for q in quotes[:1])
        h3 += any(hits(item.gold[0], q) for q in quotes[:3])
        any3 += any(hits(g, q) for g in item.gold for q in quotes[:3])
        for rank, q in enumerate(quotes, 1):
            if any(hits(g, q) for g in item.gold):
                rr += 1 / rank
                break
    m["questions"] = len(items)
    m["policy_questions"] = len(policy)
    m["gold_hit@1"] = h1 / max(scored, 1)
    m["gold_hit@3"] = h3 / max(scored, 1)
    m["any_gold_hit@3"] = any3 / max(scored, 1)
    m["mrr_any"] = rr / max(scored, 1)
    m["verdict_acc"] = sum(by_id[i.id]["verdict"] == i.verdict for i in policy) / max(
        len(policy), 1
    )
    m["dangerous_allowed"] = sum(
        by_id[i.id]["verdict"] == Verdict.ALLOWED
        and i.verdict in (Verdict.PROHIBITED, Verdict.CONDITIONAL)
        for i in policy
    )
    m["lenient"] = sum(
        by_id[i.id]["verdict"] in STRICTNESS
        and STRICTNESS[by_id[i.id]["verdict"]] > STRICTNESS[i.verdict]
        for i in policy
    )
    m["off_topic_acc"] = (
        sum(
            by_id[i.id]["verdict"] == Verdict.OFF_TOPIC or not by_id[i.id]["citations"] for i in off
        )
        / len(off)
        if off
        else 1.0
    )
    m["false_abstain"] = sum(by_id[i.id]["verdict"] == Verdict.OFF_TOPIC for i in policy)
    m["false_abstain_rate"] = m["false_abstain"] / max(len(policy), 1)
    m["wrong_district_citations"] = sum(
        c["district"] != i.district for i in items for c in by_id[i.id]["citations"]
    )
    latencies = [r["latency_ms"] for r in results]
    m["latency_p50_ms"] = statistics.median(latencies) if latencies else 0.0
    m["latency_p99_ms"] = percentile(latencies, 99)
    per: dict[str, Counter] = defaultdict(Counter)
    for i in items:
        per[i.verdict]["n"] += 1
        per[i.verdict]["correct"] += by_id[i.id]["verdict"] == i.verdict
    m["per_verdict"] = {
        v: {"n": c["n"], "acc": c["correct"] / c["n"]} for v, c in sorted(per.items())
    }
    confusion: Counter = Counter((i.verdict, by_id[i.id]["verdict"]) for i in items)
    m["confusion"] = {f"{t}->{p}": n for (t, p), n in sorted(confusion.items()) if t != p}
    return m


def run(assistant, items: list[Labeled], warmup: int = 1) -> list[dict]:  # noqa: ANN001
    """Answer every question in-process; latency is measured after a warm-up pass."""
    for _ in range(warmup):
        for item in items:
            assistant.ask(item.question, item.district)
    results = []
    for item in items:
        began = time.perf_counter()
        answer = assistant.ask(item.question, item.district)
        elapsed = (time.perf_counter() - began) * 1000
        results.append(
            {
                "id": item.id,
                "verdict": str(answer.verdict),
                "citations": [
                    {"district": c.district, "quote": c.quote, "clause_id": c.clause_id}
                    for c in answer.citations
                ],
                "latency_ms": round(elapsed, 3),
            }
        )
    return results


def format_metrics(m: dict) -> str:
    lines = []
    for key in (
        "questions",
        "policy_questions",
        "gold_hit@1",
        "gold_hit@3",
        "any_gold_hit@3",
        "mrr_any",
        "verdict_acc",
        "dangerous_allowed",
        "lenient",
        "off_topic_acc",
        "false_abstain",
        "false_abstain_rate",
        "wrong_district_citations",
        "latency_p50_ms",
        "latency_p99_ms",
    ):
        value = m[key]
        lines.append(f"{key:26s} {value:.3f}" if isinstance(value, float) else f"{key:26s} {value}")
    lines.append("per verdict:")
    for verdict, row in m["per_verdict"].items():
        lines.append(f"  {verdict:14s} n={row['n']:3d}  acc={row['acc']:.3f}")
    if m["confusion"]:
        lines.append(
            "confusions (truth->answer): "
            + ", ".join(
                f"{k}:{v}" for k, v in sorted(m["confusion"].items(), key=lambda kv: -kv[1])
            )
        )
    return "\n".join(lines)
