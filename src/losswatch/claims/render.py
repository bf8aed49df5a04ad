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
        "why_category": claim.why_category,
        "attribution_text": claim.attribution_text,
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
        "attributed_to": v.attributed_to,
        "why_category": v.claim.why_category,
        "why_date": v.why_date,
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


def _sentence(report: CheckReport, claim: Claim) -> str:
    """The sentence a claim stands in (the figure's own text when the spans are unknown)."""
    if 0 <= claim.sentence_index < len(report.sentences):
        start, end = report.sentences[claim.sentence_index]
        return " ".join(report.text[start:end].split())
    return claim.text


def _css(outcome: Outcome) -> str:
    return outcome.value.replace("_", "-")


def as_html(report: CheckReport) -> str:
    """The article as HTML paragraphs with every figure marked and labelled, all escaped.

    Each figure is a ``<mark class="verdict-...">`` followed by a visible label (symbol and
    word, numbered) that links to its explanation in the list under the article, so the
    verdicts read without colour and in print, not only in a tooltip.
    """
    marks = _non_overlapping(_marks(report))
    out, notes, pos = [], [], 0
    text = report.text
    for n, (start, end, verdicts) in enumerate(marks, start=1):
        worst = max(verdicts, key=lambda v: list(Outcome).index(v.outcome))
        css = _css(worst.outcome)
        label = f"{SYMBOL[worst.outcome]} {LABEL[worst.outcome].lower()}"
        title = _html.escape(" | ".join(v.explanation for v in verdicts), quote=True)
        out.append(_html.escape(text[pos:start]))
        out.append(
            f'<mark class="verdict-{css}" title="{title}">{_html.escape(text[start:end])}</mark>'
            f'<a class="verdict-label verdict-{css}" href="#figure-{n}" id="mark-{n}">'
            f"[{n}] {label}</a>"
        )
        explanation = " ".join(_html.escape(v.explanation) for v in verdicts)
        notes.append(
            f'<li id="figure-{n}" class="verdict-{css}"><strong>{label}:</strong> '
            f'<a href="#mark-{n}">{_html.escape(text[start:end])}</a>: {explanation}</li>'
        )
        pos = end
    out.append(_html.escape(text[pos:]))
    body = "".join(out)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    summary = _html.escape(summary_line(report))
    figures = f'<ol class="figures">{"".join(notes)}</ol>' if notes else ""
    return (
        f'<article class="losswatch-check" lang="{_html.escape(report.language)}">'
        f'{paragraphs}<p class="summary">{summary}</p>{figures}</article>'
    )


#: Colours of the verdicts, each with a distinct border style for print and colour blindness.
PAGE_CSS = """
body { font: 17px/1.55 Georgia, serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem;
       color: #1b1b1b; }
h1 { font: 600 1.3rem system-ui, sans-serif; }
mark { padding: 0 .15em; border-bottom: 3px solid; }
.verdict-label { font: 600 .72rem system-ui, sans-serif; margin-left: .25em; padding: 0 .3em;
                 border: 1px solid; border-radius: .25em; text-decoration: none;
                 white-space: nowrap; vertical-align: .15em; }
.verdict-supported { background: #dff3e4; border-color: #1e7b34; color: #0f4d1f; }
.verdict-approximately-supported { background: #e3eefb; border-color: #2a5d9f;
                                   color: #173a66; border-style: dashed; }
.verdict-contradicted { background: #fbe1e1; border-color: #b3261e; color: #7a1510;
                        border-style: double; }
.verdict-not-checkable { background: #eeeeee; border-color: #5f5f5f; color: #333;
                         border-style: dotted; }
mark.verdict-supported, mark.verdict-approximately-supported, mark.verdict-contradicted,
mark.verdict-not-checkable { color: inherit; }
ol.figures li, .legend li { background: none; margin: .3rem 0; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
.legend li span { display: inline-block; }
.summary { font: 600 1rem system-ui, sans-serif; }
footer { margin-top: 2rem; font: .8rem system-ui, sans-serif; color: #555; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"""


def as_html_page(report: CheckReport, *, url: str | None = None) -> str:
    """A standalone HTML page: the marked article, a legend, the sources; no script."""
    legend = "".join(
        f'<li><span class="verdict-label verdict-{_css(o)}">{SYMBOL[o]} {LABEL[o].lower()}'
        f"</span></li>"
        for o in Outcome
    )
    source = (
        f'<p>Article: <a href="{_html.escape(url, quote=True)}">{_html.escape(url)}</a></p>'
        if url
        else ""
    )
    title = "Loss figures checked against Ukraine's General Staff reports"
    return (
        f'<!doctype html><html lang="{_html.escape(report.language)}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
        f'initial-scale=1"><title>{title}</title><style>{PAGE_CSS}</style></head><body>'
        f"<h1>{title}</h1>{source}"
        f'<ul class="legend" aria-label="Legend">{legend}</ul>'
        f"{as_html(report)}"
        "<footer>Checked by losswatch against the daily reports of the General Staff of the "
        "Armed Forces of Ukraine, whose figures are approximate.</footer></body></html>"
    )


def claim_reviews(
    report: CheckReport,
    *,
    url: str | None = None,
    outlet: str | None = None,
    reviewed_on: dt.date | None = None,
    author: str = "losswatch",
) -> list[dict[str, Any]]:
    """One schema.org ``ClaimReview`` (JSON-LD) per checkable figure, as fact-check readers
    (search engines, ClaimReview aggregators) read it.

    ``claimReviewed`` is the sentence the figure stands in; ``itemReviewed`` is the claim as
    it appeared in the article (``url``, ``outlet``, the article's date); ``isBasedOn`` the
    General Staff's report it was checked against. ``reviewed_on`` is the review date (pass
    it: the library keeps no clock).
    """
    article = _appearance(report, url, outlet)
    reviews = []
    for v in report.verdicts:
        rating = RATING.get(v.outcome)
        if rating is None:
            continue
        item: dict[str, Any] = {"@type": "Claim", "text": v.claim.text}
        if article is not None:
            item |= {"appearance": article, "firstAppearance": article}
            if "publisher" in article:
                item["author"] = article["publisher"]
        if report.article_date is not None:
            item["datePublished"] = report.article_date.isoformat()
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": _sentence(report, v.claim),
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
            review["isBasedOn"] = _based_on(v)
        reviews.append(review)
    return reviews


def _based_on(v: Verdict) -> dict[str, Any]:
    """The official report a verdict was checked against, as a schema.org CreativeWork."""
    report: dict[str, Any] = {"@type": "CreativeWork", "url": v.source_url}
    if v.report_date is not None:
        report["name"] = f"General Staff report of {v.report_date.isoformat()}"
        report["datePublished"] = v.report_date.isoformat()
    report["publisher"] = {
        "@type": "Organization",
        "name": "General Staff of the Armed Forces of Ukraine",
    }
    return report


def _appearance(report: CheckReport, url: str | None, outlet: str | None) -> dict[str, Any] | None:
    """The reviewed article as a schema.org NewsArticle, when its address or outlet is known."""
    if not url and not outlet:
        return None
    article: dict[str, Any] = {"@type": "NewsArticle"}
    if url:
        article["url"] = url
    name = outlet or _host(url)
    if name:
        article["publisher"] = {"@type": "Organization", "name": name}
    if report.article_date is not None:
        article["datePublished"] = report.article_date.isoformat()
    return article


def _host(url: str | None) -> str | None:
    from urllib.parse import urlparse

    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else None
