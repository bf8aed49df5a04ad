"""``losswatch check`` and ``check-corpus`` from the command line, on the real article."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from tests.test_cli import invoke


def test_check_the_huffpost_article_infers_the_date_and_supports_four_figures(
    real_store_url: str, shared_dir: Path
) -> None:
    article = shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt"
    result = invoke("check", str(article), "--format", "json", db=real_store_url)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["report_date"] == "2022-10-26" and report["date_inferred"] is True
    found = {(v["claim"]["value"], v["verdict"]) for v in report["verdicts"]}
    assert found == {
        (480, "supported"),
        (68900, "supported"),
        (2628, "supported"),
        (4076, "supported"),
    }
    text = invoke("check", str(article), db=real_store_url).stdout
    assert "4 supported" in text and "33,000" not in text.split("figures:")[-1]


def test_a_contradicted_figure_exits_1_with_the_right_value(
    real_store_url: str, tmp_path: Path
) -> None:
    article = tmp_path / "wrong.txt"
    article.write_text(
        "Russia has lost 2,700 tanks since the start of the invasion, "
        "the General Staff said on 26 October 2022.",
        encoding="utf-8",
    )
    result = invoke(
        "check", str(article), "--date", "2022-10-26", "--format", "json", db=real_store_url
    )
    assert result.exit_code == 1
    [verdict] = json.loads(result.stdout)["verdicts"]
    assert verdict["verdict"] == "contradicted" and verdict["correct_value"] == 2628


def test_claimreview_and_bad_format(real_store_url: str, shared_dir: Path) -> None:
    article = shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt"
    reviews = json.loads(
        invoke("check", str(article), "--format", "claimreview", db=real_store_url).stdout
    )
    assert reviews and all(r["@type"] == "ClaimReview" for r in reviews)
    assert all(len(r["datePublished"]) == 10 for r in reviews)  # the review's own date
    page = invoke("check", str(article), "--format", "html", db=real_store_url).stdout
    assert page.startswith("<!doctype html>") and "✓ supported</a>" in page
    assert invoke("check", str(article), "--format", "pdf", db=real_store_url).exit_code == 2
    assert invoke("check", "/no/such/file.txt", db=real_store_url).exit_code == 2


def test_check_corpus_writes_parquet(real_store_url: str, shared_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt").read_text(
        encoding="utf-8"
    )
    for i in range(3):
        (corpus / f"a{i}.txt").write_text(text, encoding="utf-8")
    (corpus / "other.txt").write_text("Tomorrow: 20 degrees and sunshine.", encoding="utf-8")
    out = tmp_path / "results"
    result = invoke(
        "check-corpus", str(corpus), "--out", str(out), "--workers", "0", db=real_store_url
    )
    assert result.exit_code == 0, result.output
    assert "supported: 12" in result.stdout
    assert "4 documents in 1 partitions" in result.stderr and "1 ruled out" in result.stderr
    assert pq.read_table(out).num_rows == 12
    bad = invoke("check-corpus", str(corpus), "--blocksize", "lots", db=real_store_url)
    assert bad.exit_code == 2


def test_article_text_is_never_read_as_markup_or_emoji(real_store_url: str, tmp_path: Path) -> None:
    article = tmp_path / "fire.txt"
    article.write_text(
        ":fire: [bold]Russia[/bold] :smile: has lost 68,900 troops since the start of the "
        "invasion, the General Staff said on 26 October 2022.",
        encoding="utf-8",
    )
    text = invoke("check", str(article), db=real_store_url).stdout
    assert ":fire:" in text and ":smile:" in text and "[bold]Russia[/bold]" in text
    assert "🔥" not in text
