"""Exports of the real store: CSV, JSON, Parquet, a valid Data Package, and Datasette."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from losswatch.errors import UsageError
from losswatch.exports import FORMATS, TABLES, build_tables, export_bytes, write_export
from losswatch.store import queries
from losswatch.store.engine import open_store
from losswatch.views import audit_view

LONG_COLUMNS = [
    "report_date",
    "loss_day",
    "category",
    "value",
    "increment",
    "status",
    "rule",
    "supporting",
]


@pytest.fixture(scope="session")
def store_path(real_store_path: Path) -> Path:
    """The real store, shared with the other test modules."""
    return real_store_path


@pytest.fixture(scope="module")
def engine(store_path: Path) -> Engine:
    return open_store(f"sqlite:///{store_path}")


@pytest.fixture(scope="module")
def exported(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    out = tmp_path_factory.mktemp("exports")
    tables = build_tables(engine)  # read the store once for three of the formats
    written = {
        fmt: write_export(engine, fmt, out / fmt, tables=tables)
        for fmt in ("csv", "json", "parquet")
    }
    written["datapackage"] = write_export(engine, "datapackage", out / "datapackage")
    assert set(written) == set(FORMATS)
    return written


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_format_writes_every_table(exported: dict[str, list[Path]]) -> None:
    for fmt in ("csv", "json", "parquet"):
        assert [p.stem for p in exported[fmt]] == list(TABLES)
        assert all(p.stat().st_size > 0 for p in exported[fmt])
    assert [p.name for p in exported["datapackage"]] == [
        "datapackage.json",
        *(f"{t}.csv" for t in TABLES),
    ]


def test_wide_and_long_csv_carry_the_canonical_values(
    engine: Engine, exported: dict[str, list[Path]]
) -> None:
    paths = {p.stem: p for p in exported["csv"]}
    wide = _csv(paths["wide"])
    row = next(r for r in wide if r["report_date"] == "2022-10-26")
    assert (row["loss_day"], row["personnel"], row["tanks"]) == ("2022-10-25", "68900", "2628")
    with paths["long"].open(encoding="utf-8") as fh:
        assert fh.readline().strip().split(",") == LONG_COLUMNS
    long = _csv(paths["long"])
    assert len(long) == len(queries.canonical_values(engine))
    assert len(wide) == len({r["report_date"] for r in long if r["value"]})
    cell = next(
        r for r in long if r["report_date"] == "2022-10-26" and r["category"] == "personnel"
    )
    assert (cell["value"], cell["increment"], cell["status"]) == ("68900", "480", "agreed")
    daily = _csv(paths["daily"])
    assert {
        "loss_day": "2022-10-25",
        "report_date": "2022-10-26",
        "category": "personnel",
        "increase": "480",
    } in daily


def test_audit_and_provenance_tables(engine: Engine, exported: dict[str, list[Path]]) -> None:
    paths = {p.stem: p for p in exported["json"]}
    audit = json.loads(paths["audit"].read_text(encoding="utf-8"))
    assert len(audit) == len(audit_view(engine)["cells"]) > 0
    assert {r["status"] for r in audit} >= {"conflict", "majority"}
    provenance = json.loads(paths["provenance"].read_text(encoding="utf-8"))
    assert len(provenance) == len(queries.snapshot_rows(engine))
    assert "content" not in provenance[0] and len(provenance[0]["sha256"]) == 64
    assert provenance[0]["fetched_at"].endswith("Z")


def test_parquet_is_typed(exported: dict[str, list[Path]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table({p.stem: p for p in exported["parquet"]}["long"])
    assert table.column_names == LONG_COLUMNS
    assert table.schema.field("report_date").type == pa.date32()
    assert table.schema.field("value").type == pa.int64()
    assert table.schema.field("value").metadata[b"description"].startswith(b"Cumulative")


def test_the_data_package_validates(exported: dict[str, list[Path]]) -> None:
    import frictionless

    descriptor_path = exported["datapackage"][0]
    report = frictionless.validate(str(descriptor_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    package = json.loads(descriptor_path.read_text(encoding="utf-8"))
    assert package["licenses"] and package["sources"]
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    for resource in package["resources"]:
        fields = resource["schema"]["fields"]
        assert fields and all(f["type"] and f["description"] for f in fields)


@pytest.mark.parametrize(
    "fmt,media",
    [
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json"),
        ("parquet", "application/vnd.apache.parquet"),
        ("datapackage", "application/zip"),
    ],
)
def test_export_bytes_for_downloads(engine: Engine, fmt: str, media: str) -> None:
    content, media_type, filename = export_bytes(engine, fmt, table="audit")
    assert media_type == media and filename.startswith("losswatch-audit.")
    if fmt == "csv":
        assert next(csv.reader(io.StringIO(content.decode())))[:3] == [
            "report_date",
            "loss_day",
            "category",
        ]
    elif fmt == "json":
        assert isinstance(json.loads(content), list)
    elif fmt == "parquet":
        assert content[:4] == b"PAR1"
    else:
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        assert names == ["datapackage.json", "audit.csv"]


def test_bad_format_or_table_is_a_coded_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_bytes(engine, "xlsx")
    with pytest.raises(UsageError):
        export_bytes(engine, "csv", table="secrets")
    with pytest.raises(UsageError):
        write_export(engine, "xml", tmp_path)


def test_the_store_opens_in_datasette_as_it_is(store_path: Path) -> None:
    datasette_app = pytest.importorskip(
        "datasette.app", reason="datasette is not installed in this environment"
    )

    async def query() -> tuple[int, dict[str, object]]:
        ds = datasette_app.Datasette([str(store_path)], immutables=[])
        await ds.invoke_startup()
        response = await ds.client.get(
            "/store.json?sql=select+count(*)+as+n+from+canonical&_shape=array"
        )
        return response.status_code, response.json()[0]

    status, row = asyncio.run(query())
    assert status == 200 and int(row["n"]) > 20_000  # type: ignore[call-overload]


def test_cli_export(
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from losswatch.cli import main

    monkeypatch.setattr(
        "sys.argv",
        [
            "losswatch",
            "--db",
            str(store_path),
            "export",
            "--format",
            "json",
            "--out",
            str(tmp_path / "out"),
        ],
    )
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "wide.json" in captured.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"{t}.json" for t in TABLES
    )
