"""Response models: what the OpenAPI document promises (schemathesis checks we keep it).

Routes serialise memoised bytes themselves, so these models only describe the shape; the
schema-conformance test is what holds the two together.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from losswatch.models import MAX_ARTICLE_CHARS
from losswatch.views.dates import DATE_MESSAGE as DATE_MESSAGE
from losswatch.views.dates import Day as Day
from losswatch.views.dates import Moment as Moment

T = TypeVar("T")


class Meta(BaseModel):
    """Always ``data_version`` (the ETag's basis); lists add total/offset/limit/links."""

    model_config = ConfigDict(extra="allow")
    data_version: str


class Envelope(BaseModel, Generic[T]):
    """The one success shape of /api/v1: ``{"data": ..., "meta": {...}}``."""

    data: T
    meta: Meta


class LatestCell(BaseModel):
    category: str
    label_en: str
    label_uk: str
    unit: str
    main: bool
    value: int
    increment: int | None
    status: str
    disputed: bool = Field(
        False, description="The sources disagree on this figure and no rule settled it."
    )
    alternatives: list[int] = Field(
        default_factory=list, description="Every value the sources give, when disputed."
    )
    increment_disputed: bool = Field(
        False,
        description="The increase rests on a disputed figure (this report's or the day before's).",
    )


class LatestReport(BaseModel):
    report_date: str = Field(description="Date of the morning report (YYYY-MM-DD).")
    loss_day: str = Field(description="The day the reported increases happened.")
    war_day: int
    latest_report_date: str
    today_kyiv: str = Field(description="Today in Europe/Kyiv.")
    todays_report_out: bool = Field(description="Whether today's report (Kyiv) is in.")
    age_days: int = Field(description="Days between today (Kyiv) and the newest report.")
    synced_at: str | None
    report_url: str | None
    values: list[LatestCell]


class SeriesRow(BaseModel):
    """A canonical cell; only the requested ``fields`` are present."""

    model_config = ConfigDict(extra="forbid")
    report_date: str | None = None
    loss_day: str | None = None
    value: int | None = None
    increment: int | None = None
    status: str | None = None
    rule: str | None = None
    supporting: list[str] | None = None
    dissent: list[dict[str, Any]] | None = None
    flags: list[str] | None = None


class CategoryOut(BaseModel):
    key: str
    label_en: str
    label_uk: str
    labels_en: list[str]
    labels_uk: list[str]
    unit: str
    main: bool
    first_report: str
    last_report: str | None
    retired: bool
    merged_into: str | None
    replaced_by: str | None
    merged_parts: list[str]
    source_keys: dict[str, list[str]]
    cells: int


class ExploreColumn(BaseModel):
    key: str
    label: str
    category: str | None
    stat: str


class ExploreOut(BaseModel):
    kind: str
    categories: list[str]
    columns: list[ExploreColumn]
    rows: list[list[str | int | float | None]]


def _lang_schema(schema: dict[str, Any]) -> None:
    """List the shipped language codes in the schema (read when the schema is made, so the
    claim checker is not imported with the API)."""
    from losswatch.claims.language import available

    for option in schema.get("anyOf", []):
        if option.get("type") == "string":
            option["enum"] = list(available())


class CheckRequest(BaseModel):
    """An article to check: its text, or a URL to fetch it from (one of the two)."""

    model_config = ConfigDict(extra="forbid")
    # the cap is the checker's own (413 article-too-long, as in the CLI), documented here
    text: str | None = Field(default=None, json_schema_extra={"maxLength": MAX_ARTICLE_CHARS})
    url: str | None = Field(default=None, max_length=2000)
    article_date: Day | None = Field(default=None, description="YYYY-MM-DD, if known.")
    lang: str | None = Field(
        default=None,
        max_length=10,
        json_schema_extra=_lang_schema,
        description="The article's language, a code of the claim "
        "checker's language files (detected when omitted).",
    )

    @field_validator("lang")
    @classmethod
    def _shipped_language(cls, lang: str | None) -> str | None:
        from losswatch.claims.language import available

        if lang is not None and lang not in available():
            raise ValueError(f"lang must be one of {', '.join(available())}")
        return lang


class SyncRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[str] | None = None


Dict = dict[str, Any]
