"""Long articles (issue 14): ``losswatch check`` renders text and JSON in time linear in the
article's length, and refuses an article over the cap with a coded error, as the API does."""

from __future__ import annotations

import dataclasses
import gc
import json
import time
from pathlib import Path

import pytest

from losswatch.claims import check_article
from losswatch.claims.model import CheckReport
from losswatch.claims.render import as_text
from losswatch.models import MAX_ARTICLE_CHARS
from losswatch.series import Series
from tests.test_cli import invoke

#: one sentence of the HuffPost article's kind, two figures in it
SENTENCE = "On 26 October the General Staff said Russia had lost 480 soldiers and 2,628 tanks. "


@pytest.fixture(scope="module")
def long_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,400 sentences, 4,800 figures (216,000 characters): what took rich 30 s to print."""
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text(SENTENCE * 2400, encoding="utf-8")
    return path


def _cpu_seconds(report: CheckReport) -> float:
    """The best of five renderings, in this process's CPU time with the collector paused: other
    work on the machine and a collection mid-way do not count."""
    times = []
    gc.disable()
    try:
        for _ in range(5):
            begun = time.process_time()
            as_text(report)
            times.append(time.process_time() - begun)
    finally:
        gc.enable()
    return min(times)


def test_text_rendering_grows_linearly_with_the_article(
    real_series: Series, long_article: Path
) -> None:
    report = check_article(long_article.read_text(encoding="utf-8"), real_series, article_date=None)
    assert len(report.verdicts) == 4800 and len(report.sentences) == 2400
    quarter = dataclasses.replace(
        report, verdicts=report.verdicts[:1200], sentences=report.sentences[:600]
    )
    whole, part = _cpu_seconds(report), _cpu_seconds(quarter)
    # linear: about 4 times the quarter's time; each sentence scanning every mark made it 16
    assert whole < 10 * part + 0.01, (whole, part)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_prints_a_long_report_quickly(
    real_store_url: str, long_article: Path, fmt: str
) -> None:
    begun = time.perf_counter()
    result = invoke("check", str(long_article), "--format", fmt, db=real_store_url)
    took = time.perf_counter() - begun
    assert result.exit_code == 0, result.output[-500:]
    if fmt == "json":
        report = json.loads(result.stdout)
        assert len(report["verdicts"]) == 4800 and report["counts"]["supported"] == 4800
    else:
        lines = result.stdout.splitlines()
        assert len(lines) == 2400 * 3 + 1 and lines[0].startswith("(1) On 26 October")
    assert took < 20, f"{fmt}: {took:.1f} s"  # rich's print_json took 30 s and more


def test_an_article_over_the_cap_is_a_coded_error(real_store_url: str, tmp_path: Path) -> None:
    article = tmp_path / "huge.txt"
    article.write_text("x" * (MAX_ARTICLE_CHARS + 1 - len(SENTENCE)) + SENTENCE, encoding="utf-8")
    over = invoke("check", str(article), db=real_store_url)
    assert over.exit_code == 2 and over.stderr.startswith(
        "article-too-long: the article has 500,001 characters"
    )
    assert "at most 500,000" in over.stderr
    from losswatch.claims.check import ensure_checkable_size

    ensure_checkable_size("x" * MAX_ARTICLE_CHARS)  # the cap itself is allowed
