"""Claim checking: speed against quantulum3's extraction alone, and dev-set quality.

Texts: every article in shared/articles, and the shared/claims/dev.jsonl records grouped by URL
into articles (each article's distinct sentences in order, ``published`` as its date), as
claims/evaluate.py builds them. losswatch runs ``check_article`` (extraction, report date,
verdicts) in this process; quantulum3 ``parser.parse(text)`` (quantity extraction only, with its
unit classifier) runs in the peer venv through _quantulum_peer.py. Both are warmed up first, then
time whole passes over the texts for a fixed time, single-threaded (so articles per second is per
core). ms per article is that of the best pass (as timeit does: other work on the machine only
ever slows a pass down), the mean over all passes beside it; the ratio uses the best passes.

Run: .venv/bin/python benchmarks/bench_claims.py  (the peer part needs `make bench-env`)
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import SHARED
from _servers import PEER_PYTHON, series_of_store, temp_dir

from losswatch.claims import check_article, extract
from losswatch.claims.evaluate import Scores, articles, evaluate, load_records

GOAL = 20.0
MIN_SECONDS, MAX_PASSES = 3.0, 200
Text = tuple[str, dt.date | None]


def _time(fn: Callable[[str, dt.date | None], object], texts: list[Text]) -> dict[str, float]:
    for text, day in texts:  # warm-up (language tables, the series' figures)
        fn(text, day)
    passes, best, begun = 0, float("inf"), time.perf_counter()
    while passes < MAX_PASSES:
        one = time.perf_counter()
        for text, day in texts:
            fn(text, day)
        best = min(best, time.perf_counter() - one)
        passes += 1
        if time.perf_counter() - begun >= MIN_SECONDS:
            break
    seconds = time.perf_counter() - begun
    return {
        "passes": passes,
        "ms_per_text": 1000 * seconds / (passes * len(texts)),
        "best_ms_per_text": 1000 * best / len(texts),
    }


def _quantulum(groups: dict[str, list[Text]], sentences: list[str]) -> dict[str, Any]:
    if not PEER_PYTHON.exists():
        return {"error": "peer venv missing (make bench-env)"}
    job = temp_dir("quantulum") / "job.json"
    job.write_text(
        json.dumps(
            {
                "groups": {k: [t for t, _ in v] for k, v in groups.items()},
                "sentences": sentences,
                "min_seconds": MIN_SECONDS,
                "max_passes": MAX_PASSES,
            }
        ),
        encoding="utf-8",
    )
    script = Path(__file__).with_name("_quantulum_peer.py")
    try:
        done = subprocess.run(
            [str(PEER_PYTHON), str(script), str(job)], capture_output=True, text=True, timeout=300
        )
    except subprocess.TimeoutExpired:
        return {"error": "quantulum3 timed out after 300 s"}
    if done.returncode != 0:
        return {"error": f"quantulum3 failed: {done.stderr.strip().splitlines()[-1:]}"}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _score_row(name: str, s: Scores, q_found: int | None) -> str:
    q = "-" if q_found is None else f"{q_found} ({q_found / s.expected:.1%})"
    return (
        f"| {name} | {s.expected} | {s.matched} ({s.recall:.1%}) | {q} | "
        f"{s.precision:.1%} | {s.recall:.1%} | {s.verdict_accuracy:.1%} |"
    )


def run() -> str:
    series = series_of_store()
    records = load_records(SHARED / "claims" / "dev.jsonl")
    dev = [(a.text, a.published) for a in articles(records)]
    shared = [
        (p.read_text(encoding="utf-8"), None) for p in sorted((SHARED / "articles").glob("*.txt"))
    ]
    groups = {"shared/articles": shared, "dev-set articles": dev, "all": shared + dev}

    def check(text: str, day: dt.date | None) -> object:
        return check_article(text, series, article_date=day)

    def extract_only(text: str, _day: dt.date | None) -> object:
        return extract(text)

    cold = time.perf_counter()
    check(*shared[0])
    cold_ms = 1000 * (time.perf_counter() - cold)
    ours = {k: _time(check, v) for k, v in groups.items()}
    ours_extract = {k: _time(extract_only, v) for k, v in groups.items()}
    sentences = list(dict.fromkeys(r["sentence"] for r in records))
    peer = _quantulum(groups, sentences)

    lines = [
        "| texts | articles | mean chars | losswatch check_article ms/article (mean) | "
        "articles/s/core | losswatch extract only ms (mean) | quantulum3 parse ms/article "
        "(mean) | quantulum3 / losswatch check |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    ratios: dict[str, float] = {}

    def ms(t: dict[str, float]) -> str:
        return f"{t['best_ms_per_text']:.2f} ({t['ms_per_text']:.2f})"

    for name, texts in groups.items():
        best = ours[name]["best_ms_per_text"]
        q = peer.get("groups", {}).get(name)
        if q:
            ratios[name] = q["best_ms_per_text"] / best
        chars = sum(len(t) for t, _ in texts) / len(texts)
        lines.append(
            f"| {name} | {len(texts)} | {chars:,.0f} | {ms(ours[name])} | "
            f"{1000 / best:,.0f} | {ms(ours_extract[name])} | "
            f"{ms(q) if q else '-'} | "
            f"{f'{ratios[name]:.1f}x' if name in ratios else '-'} |"
        )
    lines.append("")
    if "error" in peer:
        lines.append(f"quantulum3 could not be measured: {peer['error']}.")
    else:
        r = ratios["all"]
        lines += [
            f"Speed goal (losswatch check_article >= {GOAL:.0f}x faster than quantulum3 "
            f"extraction alone, over all {len(groups['all'])} articles): {r:.1f}x, "
            f"**{'met' if r >= GOAL else 'MISSED'}** (per group: "
            + ", ".join(f"{k} {v:.1f}x" for k, v in ratios.items())
            + ").",
            "",
            f"quantulum3 {peer['version']} (with its unit classifier) takes "
            f"{peer['load_seconds']:.1f} s to import and load before its first parse; "
            f"losswatch's first check_article (cold: language tables, the series' "
            f"figures) took {cold_ms:.0f} ms. Neither is in the per-article times.",
        ]

    result = evaluate(records, series)
    q_found: dict[str, int] = {}
    if "sentence_values" in peer:
        values = dict(zip(sentences, peer["sentence_values"], strict=True))
        for rec in records:
            hit = any(abs(v - rec["value"]) < 1e-6 for v in values[rec["sentence"]])
            q_found["overall"] = q_found.get("overall", 0) + hit
            q_found[rec.get("lang", "?")] = q_found.get(rec.get("lang", "?"), 0) + hit
    lines += [
        "",
        "Dev set (shared/claims/dev.jsonl, 30 articles, labelled loss figures), by "
        "labelled language: losswatch extraction and verdicts from claims/evaluate.py; "
        'quantulum3 "found" = a quantity of the same value extracted from the figure\'s '
        "sentence (it has no notion of category, scope or verdict).",
        "",
        "| language | labelled figures | losswatch found | quantulum3 found | "
        "losswatch precision | losswatch recall | losswatch verdict accuracy |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        _score_row("**all**", result.overall, q_found.get("overall")),
        *[_score_row(k, v, q_found.get(k)) for k, v in sorted(result.by_lang.items())],
        "",
        "By detected language (losswatch's own language detection):",
        "",
        "| detected | labelled figures | matched | precision | recall | verdict accuracy |",
        "| --- | --- | --- | --- | --- | --- |",
        *[
            f"| {k} | {v.expected} | {v.matched} | {v.precision:.1%} | {v.recall:.1%} | "
            f"{v.verdict_accuracy:.1%} |"
            for k, v in sorted(result.by_detected.items())
        ],
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())  # noqa: T201
