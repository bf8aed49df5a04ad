"""Accuracy of the canonical series on the verified labels in shared/reconcile/dev-labels.csv."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from losswatch.series import Series


@dataclass
class LabelResult:
    report_date: dt.date
    category: str
    truth: int
    label_kind: str
    canonical: int | None
    status: str | None

    @property
    def correct(self) -> bool:
        return self.canonical == self.truth


@dataclass
class Accuracy:
    results: list[LabelResult] = field(default_factory=list)

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def accuracy(self) -> float:
        return self.correct / len(self.results) if self.results else 0.0


def read_labels(path: Path) -> list[tuple[dt.date, str, int, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            (dt.date.fromisoformat(r["date"]), r["category"], int(r["truth"]), r["label_kind"])
            for r in csv.DictReader(fh)
        ]


def evaluate(series: Series, labels_path: Path) -> Accuracy:
    acc = Accuracy()
    for day, cat, truth, kind in read_labels(labels_path):
        cell = series.cell(cat, day)
        acc.results.append(
            LabelResult(
                day,
                cat,
                truth,
                kind,
                cell.value if cell else None,
                cell.status.value if cell else None,
            )
        )
    return acc
