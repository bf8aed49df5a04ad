"""Where a corpus comes from: partitions that each worker reads for itself.

The client only lists files and their sizes (and Parquet row-group counts); it never reads a
document. Each :class:`Partition` names a byte range of a JSONL file, one row group of a Parquet
file, a group of ``.txt``/``.html`` files or one WARC file, so a worker can open it straight from
local disk or object storage (any fsspec URL: ``s3://``, ``gs://``, ``https://`` with the
matching fsspec extra installed). A document's name never depends on how the input was cut
(a JSONL line without ``id``/``url`` is named by its byte offset), so results are the same
whatever the number of partitions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_lib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import urlparse

from losswatch.errors import ConfigError, NotFound, UsageError

#: Bytes per JSONL partition unless the caller says otherwise (dask.bag's read_text cuts alike).
DEFAULT_BLOCKSIZE = 16 * 2**20
#: ``.txt``/``.html`` files grouped into one partition at most.
FILES_PER_PARTITION = 256

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc",)
COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst")


@dataclass(frozen=True, slots=True)
class Document:
    """One article to check."""

    name: str
    text: str
    url: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    is_html: bool = False


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: ``kind`` is jsonl, parquet, files or warc.

    ``start``/``length`` are a byte range for uncompressed JSONL (``length`` None: to the end)
    and a row group for Parquet (``start``); ``paths`` holds one path, or several for files.
    """

    kind: str
    paths: tuple[str, ...]
    start: int = 0
    length: int | None = None

    @property
    def key(self) -> str:
        """A stable name for the partition's output: the same input cut the same way."""
        raw = json.dumps([self.kind, self.paths, self.start, self.length])
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _suffix(path: str) -> tuple[str, str]:
    """(format suffix, compression suffix) of a path: ``a.jsonl.gz`` -> (``.jsonl``, ``.gz``)."""
    name = path.rsplit("/", 1)[-1].lower()
    compression = next((c for c in COMPRESSIONS if name.endswith(c)), "")
    name = name.removesuffix(compression)
    dot = name.rfind(".")
    return (name[dot:] if dot >= 0 else ""), compression


def _kind(path: str) -> str | None:
    suffix, compression = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".parquet" and not compression:
        return "parquet"
    if suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        return "files"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def filesystem(url: str) -> tuple[Any, str]:
    """(fsspec filesystem, path) of a local path or URL."""
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ConfigError(
            "corpus checks need the corpus extra: pip install 'losswatch[corpus]'"
        ) from exc
    try:
        fs, path = url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise ConfigError(f"cannot open {url}: {exc}") from exc
    return fs, str(path)


def _expand(source: str) -> list[tuple[Any, str, int]]:
    """(filesystem, path, size) of every file a source names: a file, a folder or a glob."""
    fs, path = filesystem(source)
    if any(ch in path for ch in "*?["):
        found = sorted(fs.glob(path))
    elif fs.isdir(path):
        found = sorted(fs.find(path))
    elif fs.exists(path):
        found = [path]
    else:
        raise NotFound(f"corpus input not found: {source}")
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    files = []
    for item in found:
        info = fs.info(item)
        if info.get("type") == "directory":
            continue
        url = item if protocol in ("file", "local") else fs.unstrip_protocol(item)
        files.append((fs, url, int(info.get("size") or 0)))
    return files


def _byte_ranges(url: str, size: int, blocksize: int) -> Iterator[Partition]:
    for start in range(0, max(size, 1), blocksize):
        length = blocksize if start + blocksize < size else None
        yield Partition("jsonl", (url,), start, length)


def _row_groups(fs: Any, url: str) -> Iterator[Partition]:
    import pyarrow.parquet as pq

    with fs.open(url, "rb") as handle:
        groups = pq.ParquetFile(handle).metadata.num_row_groups
    for group in range(max(groups, 1)):
        yield Partition("parquet", (url,), group)


def discover(sources: Sequence[str], *, blocksize: int = DEFAULT_BLOCKSIZE) -> list[Partition]:
    """Every partition of the inputs, in a stable order (files sorted, ranges in order)."""
    partitions: list[Partition] = []
    loose: list[str] = []
    for source in sources:
        for fs, url, size in _expand(str(source)):
            kind = _kind(url)
            if kind == "jsonl":
                compressed = _suffix(url)[1] != ""
                partitions += (
                    [Partition("jsonl", (url,))]
                    if compressed
                    else list(_byte_ranges(url, size, blocksize))
                )
            elif kind == "parquet":
                partitions += list(_row_groups(fs, url))
            elif kind == "warc":
                partitions.append(Partition("warc", (url,)))
            elif kind == "files":
                loose.append(url)
    for i in range(0, len(loose), FILES_PER_PARTITION):
        partitions.append(Partition("files", tuple(loose[i : i + FILES_PER_PARTITION])))
    if not partitions:
        raise UsageError(
            "no corpus documents found: give JSONL (.jsonl, .jsonl.gz), Parquet, .txt/.html "
            "or WARC files, a folder of them or a glob"
        )
    return partitions


# --- reading, on the worker ---------------------------------------------------------------


def parse_date(value: object) -> dt.date | None:
    """An ISO date (or the date part of a timestamp), else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def outlet_of(url: str | None, fallback: str) -> str:
    """The host of a URL without ``www.``, else the fallback."""
    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else fallback


def _from_row(row: dict[str, Any], fallback_name: str) -> Document:
    url = row.get("url") or None
    name = str(row.get("id") or url or fallback_name)
    text, is_html = row.get("text"), False
    if text is None and row.get("html"):
        text, is_html = row["html"], True
    return Document(
        name,
        str(text or ""),
        url,
        parse_date(row.get("date")),
        row.get("outlet") or outlet_of(url, name),
        is_html,
    )


def _jsonl(partition: Partition, on_bad: Callable[[str], None]) -> Iterator[Document]:
    url = partition.paths[0]
    base = url.rsplit("/", 1)[-1]
    fs, path = filesystem(url)
    compression = "infer" if _suffix(url)[1] else None
    with fs.open(path, "rb", compression=compression) as handle:
        for offset, line in _lines_in_range(handle, partition.start, partition.length):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                on_bad(f"{base} at byte {offset}: not JSON ({exc})")
                continue
            if not isinstance(row, dict):
                on_bad(f"{base} at byte {offset}: not a JSON object")
                continue
            yield _from_row(row, f"{base}@{offset}")


def _lines_in_range(
    handle: IO[bytes], start: int, length: int | None
) -> Iterator[tuple[int, bytes]]:
    """(offset, line) of every line whose first byte lies in [start, start + length).

    A range that starts inside a line skips to the next one: that line belongs to the range
    its first byte is in, so adjacent ranges read every line exactly once.
    """
    position = 0
    if start > 0:
        handle.seek(start - 1)
        position = start - 1 + len(handle.readline())
    end = None if length is None else start + length
    while end is None or position < end:
        line = handle.readline()
        if not line:
            return
        yield position, line
        position += len(line)


def _parquet(partition: Partition) -> Iterator[Document]:
    import pyarrow.parquet as pq

    url = partition.paths[0]
    base = url.rsplit("/", 1)[-1]
    fs, path = filesystem(url)
    with fs.open(path, "rb") as handle:
        reader = pq.ParquetFile(handle)
        meta = reader.metadata
        first = sum(meta.row_group(g).num_rows for g in range(partition.start))
        wanted = [
            c for c in ("id", "text", "html", "url", "date", "outlet") if c in reader.schema.names
        ]
        if meta.num_row_groups == 0:
            return
        rows = reader.read_row_group(partition.start, columns=wanted).to_pylist()
    for i, row in enumerate(rows):
        yield _from_row(row, f"{base}#{first + i}")


def _files(partition: Partition) -> Iterator[Document]:
    for url in partition.paths:
        fs, path = filesystem(url)
        with fs.open(path, "rb", compression="infer") as handle:
            raw = handle.read().decode("utf-8", errors="replace")
        name = url.rsplit("/", 1)[-1]
        stem = name.split(".", 1)[0]
        is_html = _suffix(url)[0] in HTML_SUFFIXES
        yield Document(name, raw, outlet=stem, is_html=is_html)


def _warc(partition: Partition, on_bad: Callable[[str], None]) -> Iterator[Document]:
    """HTML responses of a WARC file (warcio); other records are skipped."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ConfigError(
            "WARC input needs the corpus extra: pip install 'losswatch[corpus]'"
        ) from exc
    url = partition.paths[0]
    fs, path = filesystem(url)
    with fs.open(path, "rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                document = _warc_document(record)
                if document is not None:
                    yield document
        except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on a broken file
            on_bad(f"{url.rsplit('/', 1)[-1]}: unreadable WARC ({exc})")


def _warc_document(record: Any) -> Document | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    charset = "utf-8"
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";", 1)[0].strip() or charset
    body = record.content_stream().read()
    try:
        page = body.decode(charset, errors="replace")
    except LookupError:
        page = body.decode("utf-8", errors="replace")
    target = record.rec_headers.get_header("WARC-Target-URI")
    name = target or record.rec_headers.get_header("WARC-Record-ID") or "warc-record"
    return Document(name, page, target, None, outlet_of(target, name), True)


def read_partition(
    partition: Partition, on_bad: Callable[[str], None] | None = None
) -> Iterator[Document]:
    """The documents of one partition; unreadable records go to ``on_bad`` and are skipped."""
    report = on_bad or (lambda message: None)
    if partition.kind == "jsonl":
        return _jsonl(partition, report)
    if partition.kind == "parquet":
        return _parquet(partition)
    if partition.kind == "files":
        return _files(partition)
    if partition.kind == "warc":
        return _warc(partition, report)
    raise ConfigError(f"unknown partition kind {partition.kind!r}")


def page_text(document: Document) -> Document:
    """The document with an HTML page turned into its article text and date (trafilatura)."""
    if not document.is_html:
        return document
    from losswatch.claims.article import extract_article_text

    text, day = extract_article_text(document.text)
    return Document(document.name, text, document.url, document.date or day, document.outlet, False)


def unescaped(document: Document) -> str:
    """What the pre-filter reads: the text, or an HTML page with its entities decoded."""
    return html_lib.unescape(document.text) if document.is_html else document.text


def read_documents(sources: Iterable[str]) -> Iterator[Document]:
    """Every document of the inputs, in order, HTML already turned into text (one process)."""
    for partition in discover([str(s) for s in sources]):
        for document in read_partition(partition):
            yield page_text(document)
