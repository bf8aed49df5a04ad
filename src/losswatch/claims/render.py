"""A :class:`CheckReport` as plain text, a JSON-ready dict, HTML, and schema.org ClaimReview.

Every renderer reads the same report and nothing else, so the CLI, the API and the dashboard
show the same verdicts. Plain text has no markup (rich or otherwise) so tests can compare it;
HTML escapes every piece of article text, which is untrusted.
"""

from __future__ import annotations

import datetime as dt
import html as _html
from typing import Any

from losswatch.claims.model import CheckReport, Claim, Outcome, Verdict

SYMBOL = {
    Outcome.SUPPORTED: "✓",
    Outcome.APPROXIMATELY_SUPPORTED: "≈",
    Outcome.CONTRADICTED: "✗",
    Outcome.NOT_CHECKABLE: "?",
}
LABEL = {
    Outcome.SUPPORTED: "Supported",
    Outcome.APPROXIMATELY_SUPPORTED: "Approximately supported",
    Outcome.CONTRADICTED: "Contradicted",
    Outcome.NOT_CHECKABLE: "Not checkable",
}
#: ClaimReview ratings, 1 (worst) to 5 (best); not-checkable figures get no review.
RATING = {Outcome.SUPPORTED: 5, Outcome.APPROXIMATELY_SUPPORTED: 4, Outcome.CONTRADICTED: 1}


def summary_line(report: CheckReport) -> str:
    """One line: how many figures got which verdict, and which report they were checked against."""
    counts = report.counts()
    parts = ", ".join(f"{counts[o.value]} {LABEL[o].lower()}" for o in Outcome)
    n = len(report.verdicts)
    if report.report_date is None:
        when = "no report date"
    elif report.date_inferred:
        when = f"report of {report.report_date} (inferred from the figures)"
    else:
        when = f"report of {report.report_date}"
    return f"{n} figure{'s' if n != 1 else ''}: {parts}; {when}"


def _marks(report: CheckReport) -> dict[tuple[int, int], list[Verdict]]:
    """Verdicts by span; a record claim shares its span with the day's claim."""
    spans: dict[tuple[int, int], list[Verdict]] = {}
    for v in report.verdicts:
        spans.setdefault((v.claim.start, v.claim.end), []).append(v)
    return spans


def _non_overlapping(
    spans: dict[tuple[int, int], list[Verdict]],
) -> list[tuple[int, int, list[Verdict]]]:
    out: list[tuple[int, int, list[Verdict]]] = []
    for (start, end), verdicts in sorted(spans.items()):
        if out and start < out[-1][1]:
            out[-1][2].extend(verdicts)
            continue
        out.append((start, end, list(verdicts)))
    return out


def as_text(report: CheckReport) -> str:
    """The article's sentences that hold figures, each figure marked, then a summary line.

    One walk over the sentences and the (sorted) marks together: linear in the article's
    length (a 100,000-sentence article once took minutes when each sentence scanned every mark).
    """
    marks = _non_overlapping(_marks(report))
    lines: list[str] = []
    first = 0  # the first mark not yet placed in a sentence
    for index, (s_start, s_end) in enumerate(report.sentences):
        while first < len(marks) and marks[first][0] < s_start:
            first += 1
        last = first
        while last < len(marks) and marks[last][0] < s_end:
            last += 1
        inside, first = marks[first:last], last
        if not inside:
            continue
        pieces, pos = [], s_start
        for start, end, verdicts in inside:
            symbols = "".join(SYMBOL[v.outcome] for v in verdicts)
            pieces += [report.text[pos:start], f"[{report.text[start:end]}]{symbols}"]
            pos = end
        pieces.append(report.text[pos:s_end])
        lines.append(f"({index + 1}) " + "".join(pieces))
        for _, _, verdicts in inside:
            for v in verdicts:
                lines.append(f"    {SYMBOL[v.outcome]} {v.claim.text}: {v.explanation}")
    lines.append(summary_line(report))
    return "\n".join(lines)


def _date(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim as JSON-ready data."""
    return {
        "text": claim.text,
        "value": claim.value,
        "value_high": claim.value_high,
        "category": claim.category,
        "readings": list(claim.readings),
        "term": claim.term,
        "qualifier": claim.qualifier.value if claim.qualifier else None,
        "qualifier_text": claim.qualifier_text,
        "scope": claim.scope.value,
        "scope_explicit": claim.scope_explicit,
        "phrase": claim.phrase,
        "sentence_index": claim.sentence_index,
        "start": claim.start,
        "end": claim.end,
        "language": claim.language,
    }


def verdict_dict(v: Verdict) -> dict[str, Any]:
    """A verdict (with its claim) as JSON-ready data."""
    return {
        "claim": claim_dict(v.claim),
        "verdict": v.outcome.value,
        "explanation": v.explanation,
        "category": v.category,
        "report_date": _date(v.report_date),
        "official_value": v.official_value,
        "correct_value": v.correct_value,
        "true_on": _date(v.true_on),
        "reading": v.reading,
        "scope": v.scope.value if v.scope else None,
        "source_url": v.source_url,
    }


def as_json(report: CheckReport) -> dict[str, Any]:
    """The whole report as JSON-ready data (the API's response body)."""
    return {
        "language": report.language,
        "article_date": _date(report.article_date),
        "report_date": _date(report.report_date),
        "date_inferred": report.date_inferred,
        "date_evidence": list(report.date_evidence),
        "ok": report.ok,
        "counts": report.counts(),
        "summary": summary_line(report),
        "verdicts": [verdict_dict(v) for v in report.verdicts],
    }


def as_html(report: CheckReport) -> str:
    """The article as HTML paragraphs, figures in ``<mark class="verdict-...">``, all escaped."""
    marks = _non_overlapping(_marks(report))
    out, pos = [], 0
    text = report.text
    for start, end, verdicts in marks:
        worst = max(verdicts, key=lambda v: list(Outcome).index(v.outcome))
        title = " | ".join(v.explanation for v in verdicts)
        css = worst.outcome.value.replace("_", "-")
        out.append(_html.escape(text[pos:start]))
        out.append(
            f'<mark class="verdict-{css}" title="{_html.escape(title, quote=True)}">'
            f"{_html.escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(_html.escape(text[pos:]))
    body = "".join(out)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    summary = _html.escape(summary_line(report))
    return (
        f'<article class="losswatch-check" lang="{_html.escape(report.language)}">'
        f'{paragraphs}<p class="summary">{summary}</p></article>'
    )


def claim_reviews(
    report: CheckReport,
    *,
    url: str | None = None,
    reviewed_on: dt.date | None = None,
    author: str = "losswatch",
) -> list[dict[str, Any]]:
    """One schema.org ``ClaimReview`` (JSON-LD) per checkable figure.

    ``url`` is the article's address (the claim's appearance) and ``reviewed_on`` the review
    date (pass it: the library keeps no clock).
    """
    reviews = []
    for v in report.verdicts:
        rating = RATING.get(v.outcome)
        if rating is None:
            continue
        item: dict[str, Any] = {
            "@type": "Claim",
            "author": {
                "@type": "Organization",
                "name": "General Staff of the Armed Forces of Ukraine (as quoted)",
            },
        }
        if report.article_date is not None:
            item["datePublished"] = report.article_date.isoformat()
        if url:
            item["appearance"] = {"@type": "CreativeWork", "url": url}
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": v.claim.text,
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": author},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": rating,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": LABEL[v.outcome],
            },
            "reviewBody": v.explanation,
        }
        if reviewed_on is not None:
            review["datePublished"] = reviewed_on.isoformat()
        if v.source_url:
            review["isBasedOn"] = {"@type": "CreativeWork", "url": v.source_url}
        if url:
            review["url"] = url
        reviews.append(review)
    return reviews
