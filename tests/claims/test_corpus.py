"""check_corpus on a LocalCluster: a folder of articles and a JSONL file, out to Parquet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from losswatch.claims.corpus import COLUMNS, check_corpus, read_documents
from losswatch.errors import DataError
from losswatch.series import Series

pytestmark = pytest.mark.slow


def _articles(series: Series) -> list[tuple[str, str, dt.date]]:
    """20 small articles from real figures: 15 right, 5 with a wrong tank count."""
    out = []
    for i in range(20):
        day = dt.date(2023, 3, 1) + dt.timedelta(days=i)
        troops, tanks = series.value("personnel", day), series.value("tanks", day)
        daily = series.increment("personnel", day)
        assert troops and tanks and daily is not None
        wrong = i % 4 == 3
        text = (
            f"Daily update {i}\n"
            f"Russia has lost {troops:,} troops since the start of the invasion, including "
            f"{daily:,} over the past day. It also lost {tanks + (7 if wrong else 0):,} "
            f"tanks in total. The front line is 1,000km long."
        )
        out.append((f"outlet{i % 3}-{i:02d}", text, day))
    return out


def test_folder_corpus(tmp_path: Path, series: Series) -> None:
    src = tmp_path / "articles"
    src.mkdir()
    for name, text, _ in _articles(series):
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    (src / "notes.md").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out" / "claims.parquet"
    summary = check_corpus(src, series, out=out, n_workers=2)
    assert summary.documents == 20 and summary.claims == 60
    assert summary.by_verdict == {"supported": 55, "contradicted": 5}
    # each wrong figure is named; one of them happens to equal a later report's total (stale)
    assert sum(n for e, n in summary.common_errors if e.startswith("tanks cumulative")) == 5
    table = pq.read_table(out)
    assert table.column_names == list(COLUMNS) and table.num_rows == 60
    rows = table.to_pylist()
    assert all(r["date_inferred"] for r in rows)  # .txt files carry no date
    wrong = [r for r in rows if r["verdict"] == "contradicted"]
    assert {r["category"] for r in wrong} == {"tanks"}
    assert all(r["correct_value"] == r["value"] - 7 for r in wrong)


def test_jsonl_corpus(tmp_path: Path, series: Series) -> None:
    src = tmp_path / "articles.jsonl"
    lines = [
        json.dumps(
            {
                "text": text,
                "url": f"https://www.{name.split('-')[0]}.example/{name}",
                "date": day.isoformat(),
            }
        )
        for name, text, day in _articles(series)[:6]
    ]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "claims.parquet"
    summary = check_corpus(src, series, out=out, n_workers=1)
    assert summary.documents == 6 and summary.claims == 18
    assert set(summary.by_outlet) == {"outlet0.example", "outlet1.example", "outlet2.example"}
    rows = pq.read_table(out).to_pylist()
    assert not any(r["date_inferred"] for r in rows)
    assert rows[0]["article_date"] == dt.date(2023, 3, 1)


def test_bad_jsonl_line_is_a_data_error(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")
    with pytest.raises(DataError, match="line 2"):
        list(read_documents(src))
