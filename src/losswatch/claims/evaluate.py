"""Score the claim checker on a labelled set (``shared/claims/dev.jsonl``).

The records are grouped by article URL; each article's distinct sentences, in order, are its
text and ``published`` (when not null) its date - as ``shared/claims/README.md`` prescribes.
A predicted figure matches an expected one when category and value agree (the scope kind is
used only to pair figures up first). From the pairs come extraction precision and recall, and
verdict accuracy over the matched figures, overall and per language. The test suite asserts
levels on it and a benchmark script can print it; both call :func:`evaluate`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from losswatch import categories
from losswatch.claims.check import check_article
from losswatch.claims.model import CheckReport, Scope, Verdict
from losswatch.series import Series

_KIND = {
    Scope.CUMULATIVE: "cumulative",
    Scope.DAILY: "daily",
    Scope.PERIOD: "period_total",
    Scope.RECORD: "record",
}


@dataclass
class Article:
    """One labelled article rebuilt from its records."""

    url: str
    text: str
    published: dt.date | None
    lang: str
    expected: list[dict[str, Any]]


@dataclass
class Scores:
    """Counts for one slice (overall, or one language)."""

    expected: int = 0
    predicted: int = 0
    matched: int = 0
    verdict_correct: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_correct / self.matched if self.matched else 0.0

    @property
    def right_of_all(self) -> float:
        """Labelled figures found and given the labelled verdict, of all labelled."""
        return self.verdict_correct / self.expected if self.expected else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "expected": self.expected,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "verdict_accuracy": round(self.verdict_accuracy, 3),
            "right_of_all": round(self.right_of_all, 3),
        }


@dataclass
class Evaluation:
    """Scores overall, per labelled language and per detected language, plus the misses."""

    overall: Scores = field(default_factory=Scores)
    by_lang: dict[str, Scores] = field(default_factory=dict)
    by_detected: dict[str, Scores] = field(default_factory=dict)
    #: by labelled kind (cumulative, daily, ...): ``predicted`` counts the checker's own kind
    by_kind: dict[str, Scores] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "by_lang": {k: v.as_dict() for k, v in sorted(self.by_lang.items())},
            "by_detected": {k: v.as_dict() for k, v in sorted(self.by_detected.items())},
            "by_kind": {k: v.as_dict() for k, v in sorted(self.by_kind.items())},
        }


def load_records(path: Path) -> list[dict[str, Any]]:
    """The records of a JSONL file (one JSON object a line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def articles(records: Iterable[dict[str, Any]]) -> list[Article]:
    """Group records by URL; distinct sentences in order, joined by line breaks."""
    grouped: dict[str, Article] = {}
    sentences: dict[str, list[str]] = {}
    for r in records:
        art = grouped.get(r["url"])
        if art is None:
            published = dt.date.fromisoformat(r["published"]) if r.get("published") else None
            art = grouped[r["url"]] = Article(r["url"], "", published, r.get("lang", "?"), [])
            sentences[r["url"]] = []
        art.expected.append(r)
        if r["sentence"] not in sentences[r["url"]]:
            sentences[r["url"]].append(r["sentence"])
    for url, art in grouped.items():
        art.text = "\n".join(sentences[url])
    return list(grouped.values())


def label_category(key: str | None) -> str:
    """A checker category as the labels name it (retired parts roll into their successor)."""
    if key is None or key == "untracked":
        return "other"
    if key in ("armour", "air", "equipment"):
        return "multiple"
    if key == "vehicles":
        return "vehicles_fuel_tanks"
    cat = categories.BY_KEY.get(key)
    if cat is None:
        return "other"
    if cat.merged_into:
        return cat.merged_into
    return key if cat.main else "other"


_Predicted = tuple[str, int, str, Verdict, str]


def _predicted(report: CheckReport) -> list[_Predicted]:
    """(label category, value, kind, verdict, sentence text) of every verdict."""
    out = []
    for v in report.verdicts:
        cat = label_category(v.category or v.claim.category)
        kind = _KIND[v.claim.scope if v.claim.scope is Scope.RECORD else (v.scope or v.claim.scope)]
        i = v.claim.sentence_index
        a, b = report.sentences[i] if i < len(report.sentences) else (0, 0)
        out.append((cat, v.claim.value, kind, v, report.text[a:b]))
    return out


def _pair(
    expected: list[dict[str, Any]], predicted: list[_Predicted]
) -> tuple[list[tuple[dict[str, Any], Verdict | None]], list[_Predicted]]:
    """Labelled figures paired with predicted ones (same category and value; the same
    sentence and kind preferred), and the predicted figures left over - less the repeats of
    a figure already counted (a figure repeated in an article, same verdict, is one claim)."""
    free = list(range(len(predicted)))
    found: dict[int, int] = {}
    for same_sentence, strict in ((True, True), (True, False), (False, True), (False, False)):
        for i, e in enumerate(expected):
            if i in found:
                continue
            for j in free:
                cat, value, kind, _, sentence = predicted[j]
                if (
                    cat == e["category"]
                    and value == e["value"]
                    and (not strict or kind == e["kind"])
                    and (not same_sentence or e["sentence"].strip() == sentence.strip())
                ):
                    found[i] = j
                    free.remove(j)
                    break
    pairs = [(e, predicted[found[i]][3] if i in found else None) for i, e in enumerate(expected)]
    seen = {_key(predicted[j]) for j in found.values()}
    extra = []
    for j in free:
        if _key(predicted[j]) not in seen:
            seen.add(_key(predicted[j]))
            extra.append(predicted[j])
    return pairs, extra


def _key(p: _Predicted) -> tuple[str, int, str, str]:
    return (p[0], p[1], p[2], p[3].outcome.value)


Checker = Callable[..., CheckReport]


def _count_kinds(
    by_kind: dict[str, Scores],
    pairs: list[tuple[dict[str, Any], Verdict | None]],
    extra: list[_Predicted],
) -> None:
    """Per labelled kind: recall and accuracy by the label's kind, precision by the
    checker's own kind (a matched figure counts as found in its labelled kind)."""
    for e, v in pairs:
        s = by_kind.setdefault(e["kind"], Scores())
        s.expected += 1
        if v is not None:
            s.matched += 1
            s.predicted += 1
            s.verdict_correct += v.outcome.value == e["expected_verdict"]
    for p in extra:
        by_kind.setdefault(p[2], Scores()).predicted += 1


def split(
    records: list[dict[str, Any]], urls: set[str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(records of articles not in ``urls``, records of articles in ``urls``): a held-out part."""
    kept = [r for r in records if r["url"] not in urls]
    return kept, [r for r in records if r["url"] in urls]


def read_urls(path: Path) -> set[str]:
    """The URLs listed in a file, one a line (``#`` starts a comment)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def table(name: str, result: Evaluation) -> str:
    """A Markdown table of one evaluation: overall, per labelled language and per kind."""
    rows = [
        "| set | slice | labelled | found | precision | recall | verdict acc. | right of all |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    slices = [("all", result.overall)]
    slices += [(f"lang {k}", v) for k, v in sorted(result.by_lang.items())]
    slices += [(f"kind {k}", v) for k, v in sorted(result.by_kind.items())]
    for label, s in slices:
        rows.append(
            f"| {name} | {label} | {s.expected} | {s.predicted} | {s.precision:.1%} | "
            f"{s.recall:.1%} | {s.verdict_accuracy:.1%} | {s.right_of_all:.1%} |"
        )
    return "\n".join(rows)


def evaluate(
    records: list[dict[str, Any]], series: Series, checker: Checker = check_article
) -> Evaluation:
    """Extraction precision/recall and verdict accuracy of ``checker`` on ``records``."""
    result = Evaluation()
    for art in articles(records):
        report = checker(art.text, series, article_date=art.published)
        pairs, extra = _pair(art.expected, _predicted(report))
        slices = [
            result.overall,
            result.by_lang.setdefault(art.lang, Scores()),
            result.by_detected.setdefault(report.language, Scores()),
        ]
        matched = sum(1 for _, v in pairs if v is not None)
        correct = sum(
            1 for e, v in pairs if v is not None and v.outcome.value == e["expected_verdict"]
        )
        for s in slices:
            s.expected += len(art.expected)
            s.predicted += matched + len(extra)
            s.matched += matched
            s.verdict_correct += correct
        _count_kinds(result.by_kind, pairs, extra)
        for e, v in pairs:
            if v is None:
                result.misses.append(
                    f"{e['id']} missed {e['category']} {e['value']} "
                    f"{e['kind']}: {e['sentence'][:90]}"
                )
            elif v.outcome.value != e["expected_verdict"]:
                result.misses.append(
                    f"{e['id']} verdict {v.outcome.value} != "
                    f"{e['expected_verdict']}: {v.explanation[:160]}"
                )
        for cat, value, kind, v, _ in extra:
            result.misses.append(f"extra {cat} {value} {kind} ({art.url[:50]}): {v.claim.text!r}")
    return result
