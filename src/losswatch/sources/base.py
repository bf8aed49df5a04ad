"""What every source adapter shares: the adapter shape, HTTP fetching, and number parsing.

An adapter holds only its URLs, a parse function and its label map (in
:mod:`losswatch.categories`). Fetching with retries and conditional requests, snapshotting and
the "1 234" / "+12" helpers live here, once.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import httpx

from losswatch.errors import BadContentType, ParseError, SourceError
from losswatch.models import ParsedFigure, ParseOutcome

if TYPE_CHECKING:
    from losswatch.categories import Category


@dataclass(frozen=True)
class RawDocument:
    """Bytes as a source served them, with where and when they came from."""

    url: str
    content: bytes
    status: int = 200
    media_type: str = ""
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    hint_date: dt.date | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class LiveRequest:
    """One URL to fetch live, with the report date it should hold (if the URL says)."""

    url: str
    hint_date: dt.date | None = None
    expect: tuple[str, ...] = ("json",)


class Adapter:
    """Base class of a source adapter: subclasses set the class attributes and ``parse``."""

    name: ClassVar[str]
    title: ClassVar[str]
    homepage: ClassVar[str]
    license: ClassVar[str]
    cadence: ClassVar[str] = "daily"
    quirks: ClassVar[str] = ""
    recorded_dir: ClassVar[str]  # folder name under a --from-dir tree
    recorded_glob: ClassVar[str] = "*"
    request_interval: float = 0.0  # seconds between two live requests (a polite paged API)

    def parse(self, raw: RawDocument) -> ParseOutcome:
        raise NotImplementedError

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        """The URLs to fetch for a live sync, given the newest report date already stored."""
        raise NotImplementedError

    def next_requests(self, raw: RawDocument) -> list[LiveRequest]:
        """Further pages a fetched document points to (paged APIs); none by default."""
        return []

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        """Recorded files laid out like ``shared/data/sources/<recorded_dir>/``."""
        folder = root / self.recorded_dir
        if not folder.is_dir():
            return
        for path in sorted(folder.glob(self.recorded_glob)):
            if path.is_file():
                yield RawDocument(
                    url=path.resolve().as_uri(),
                    content=path.read_bytes(),
                    media_type=guess_media_type(path),
                    hint_date=date_in_name(path.name),
                    fetched_at=dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC),
                )


def guess_media_type(path: Path) -> str:
    return {".json": "application/json", ".html": "text/html", ".txt": "text/plain"}.get(
        path.suffix, "application/octet-stream"
    )


_ISO_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def date_in_name(name: str) -> dt.date | None:
    match = _ISO_IN_NAME.search(name)
    return dt.date.fromisoformat(match.group(1)) if match else None


# --- numbers -----------------------------------------------------------------------------

_SEPARATORS = re.compile(r"(?<=\d)[\s\u00a0\u202f,.'’](?=\d{3}(?!\d))")


def parse_count(text: str) -> int:
    """An integer count written with or without thousands separators: "68 900", "1,234,560".

    Raises :class:`ParseError` for anything else, never guesses a zero.
    """
    cleaned = _SEPARATORS.sub("", text.strip())
    if not cleaned.isdigit():
        raise ParseError(f"not a count: {text!r}")
    return int(cleaned)


def parse_increment(text: str) -> int:
    """The "(+N)" of a report line, as an int (sign kept)."""
    stripped = text.strip().strip("()").replace(" ", "")
    sign = -1 if stripped.startswith(("-", "−", "‒", "–")) else 1
    return sign * parse_count(stripped.lstrip("+-−‒–"))


#: Byte-order marks of the encodings a text document may announce (UTF-32 first: its
#: little-endian BOM begins with UTF-16's). A file saved as "Unicode" on Windows is UTF-16.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes) -> str:
    """UTF-8 text (BOM tolerated), or UTF-16/32 announced by its BOM; a coded ParseError for
    bytes that are not text (NUL characters, invalid sequences)."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), "utf-8-sig")
    if encoding == "utf-8-sig" and b"\x00" in raw:
        raise ParseError("binary content: NUL bytes in a text document")
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ParseError(f"not {encoding.removesuffix('-sig').upper()} text: {exc}") from exc
    if "\x00" in text:
        raise ParseError("binary content: NUL bytes in a text document")
    return text


# --- HTTP ----------------------------------------------------------------------------------

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def fetch(
    client: httpx.Client,
    request: LiveRequest,
    *,
    retries: int = 3,
    backoff: float = 0.5,
    etag: str | None = None,
    last_modified: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> RawDocument:
    """GET with retries and backoff on 5xx/429/timeouts, and conditional headers.

    Returns the document for 200 and 304 (empty content, status 304); raises
    :class:`SourceError` for other statuses or when retries run out, and
    :class:`BadContentType` when the server sends something other than what was expected
    (an HTML error page served with status 200 where JSON was expected).
    """
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    last_error = ""
    for attempt in range(retries + 1):
        try:
            response = client.get(request.url, headers=headers)
        except httpx.TimeoutException as exc:
            last_error = f"timeout: {exc}"
        except httpx.ConnectError as exc:
            # DNS failure or refused connection: offline, retrying only delays the answer
            raise SourceError(
                f"{request.url}: cannot connect ({exc})", detail={"offline": True}
            ) from exc
        except httpx.HTTPError as exc:
            last_error = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code not in RETRY_STATUSES:
                return _document(request, response)
            last_error = f"HTTP {response.status_code}"
        if attempt < retries:
            sleep(backoff * 2**attempt)
    raise SourceError(f"{request.url}: {last_error} after {retries + 1} attempts")


def _document(request: LiveRequest, response: httpx.Response) -> RawDocument:
    if response.status_code == 304:
        return RawDocument(url=request.url, content=b"", status=304, hint_date=request.hint_date)
    if response.status_code != 200:
        raise SourceError(
            f"{request.url}: HTTP {response.status_code}",
            detail={"http_status": response.status_code},
        )
    media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.expect and not any(kind in media_type for kind in request.expect):
        raise BadContentType(
            f"{request.url}: expected {'/'.join(request.expect)}, "
            f"got {media_type or 'no content type'}"
        )
    return RawDocument(
        url=request.url,
        content=response.content,
        status=200,
        media_type=media_type,
        hint_date=request.hint_date,
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


# --- JSON records ----------------------------------------------------------------------------


def load_json(raw: RawDocument) -> object:
    """Parsed JSON, or a coded ParseError (an HTML error page, a truncated file, garbage)."""
    import json

    text = decode_text(raw.content)
    if not text.strip():
        raise ParseError("empty document")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        start = text.lstrip()[:1]
        hint = " (looks like HTML)" if start == "<" else ""
        raise ParseError(f"invalid JSON{hint}: {exc.msg} at line {exc.lineno}") from exc
    except (RecursionError, ValueError) as exc:  # absurd nesting, or an int of 5,000 digits
        raise ParseError(f"unreadable JSON: {type(exc).__name__}") from exc


def parse_iso_date(value: object, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ParseError(f"{where}: not a date: {value!r}") from exc


@functools.lru_cache(maxsize=4096)
def _field_candidates(source: str, field_name: str) -> tuple[Category, ...]:
    """The categories a source's field may mean, found once per (source, field) rather than by
    scanning the category table for every field of every record (2 million times at x100)."""
    from losswatch import categories

    return tuple(c for c in categories.CATEGORIES if field_name in c.source_keys.get(source, ()))


def category_for(source: str, field_name: str, report_date: dt.date) -> Category | None:
    """:func:`losswatch.categories.for_source_key`, with the candidates cached: the same
    answer (the first candidate active on the date, else the first candidate)."""
    candidates = _field_candidates(source, field_name)
    if not candidates:
        return None
    if len(candidates) > 1:
        for cat in candidates:
            if cat.active_on(report_date):
                return cat
    return candidates[0]


def figures_from_record(
    source: str,
    report_date: dt.date,
    record: dict[str, object],
    *,
    where: str,
    increments: dict[str, object] | None = None,
    warnings: list[str] | None = None,
    metadata_fields: frozenset[str] = frozenset(),
    source_url: str | None = None,
) -> list[ParsedFigure]:
    """Figures from one JSON record of field -> count, through the category table.

    Fields we do not track are skipped with an "unknown field" warning, unless the adapter
    names them as metadata (``date``, ``sourceUri``...); a field whose category was not in the
    report that day (russianwarship keeps ``atgm_srbm_systems`` = 4 for ever,
    ``cruise_missiles`` = 0 before May 2022) is a placeholder, not a figure, and is skipped
    with a warning. Non-integer counts are a coded warning, never a zero. ``source_url`` is
    the record's own link, kept on each figure.
    """
    out: list[ParsedFigure] = []
    stated = increments or {}
    for field_name, raw_value in record.items():
        candidates = _field_candidates(source, field_name)
        cat = (
            candidates[0] if len(candidates) == 1 else category_for(source, field_name, report_date)
        )
        if cat is None:
            if field_name not in metadata_fields and warnings is not None:
                # a renamed or new field: say so, so that a change upstream does not go unseen
                warnings.append(f"{where}.{field_name}: unknown field, not read")
            continue
        if raw_value is None:
            continue
        if not cat.active_on(report_date):
            if warnings is not None and raw_value not in (0,):
                warnings.append(
                    f"{where}.{field_name}: {cat.key} not reported on "
                    f"{report_date.isoformat()}; placeholder {raw_value!r} skipped"
                )
            continue
        if isinstance(raw_value, bool) or not isinstance(raw_value, int):
            if warnings is not None:
                warnings.append(f"{where}.{field_name}: not an integer count: {raw_value!r}")
            continue
        inc = stated.get(field_name)
        out.append(
            ParsedFigure(
                report_date=report_date,
                category=cat.key,
                value=raw_value,
                stated_increment=inc
                if isinstance(inc, int) and not isinstance(inc, bool)
                else None,
                location=f"{where}.{field_name}",
                source_url=source_url,
            )
        )
    return out


def json_record_list(raw: RawDocument) -> list[dict[str, object]]:
    """A JSON list of daily records, each an object with a ``date``; coded errors otherwise."""
    data = load_json(raw)
    if not isinstance(data, list) or not data:
        raise ParseError("expected a non-empty JSON list of daily records")
    for i, record in enumerate(data):
        if not isinstance(record, dict) or "date" not in record:
            raise ParseError(f"$[{i}]: record without a date")
    return data


def parse_daily_records(
    source: str,
    records: list[dict[str, object]],
    *,
    url_field: str | None = None,
    metadata_fields: frozenset[str] = frozenset({"date"}),
) -> ParseOutcome:
    """Figures from a list of ``{"date": ..., field: count, ...}`` records (the community
    datasets' shape); ``url_field`` names a per-row source URL to keep."""
    figures: list[ParsedFigure] = []
    warnings: list[str] = []
    for i, record in enumerate(records):
        report_date = parse_iso_date(record["date"], f"$[{i}].date")
        url = record.get(url_field) if url_field else None
        figures += figures_from_record(
            source,
            report_date,
            record,
            where=f"$[{i}]",
            warnings=warnings,
            metadata_fields=metadata_fields,
            source_url=str(url) if url else None,
        )
    if not figures:
        raise ParseError("no known category fields in any record (renamed fields?)")
    return ParseOutcome(figures=figures, warnings=warnings)
