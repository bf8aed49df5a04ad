"""Docs that cannot fall behind the code: generated reference pages, codes, settings."""

from __future__ import annotations

import pytest

from losswatch import docgen
from losswatch.errors import all_errors


@pytest.mark.parametrize("name", sorted(docgen.GENERATED))
def test_generated_docs_are_up_to_date(name: str) -> None:
    committed = (docgen.DOCS / name).read_text(encoding="utf-8")
    assert committed == docgen.GENERATED[name](), (
        f"docs/{name} is stale: run `.venv/bin/python -m losswatch.docgen`"
    )


def test_error_codes_are_unique_kebab_case_and_documented() -> None:
    codes = [cls.code for cls in all_errors()]
    assert len(codes) == len(set(codes))
    assert all(code == code.lower() and " " not in code for code in codes)
    page = (docgen.DOCS / "errors.md").read_text(encoding="utf-8")
    assert all(f"`{code}`" in page for code in codes)


def test_every_command_has_help() -> None:
    import typer.main

    from losswatch.cli import _register, app

    _register()
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert {"sync", "sources", "show", "audit", "rebuild", "doctor"} <= set(commands)
    missing = [name for name, cmd in commands.items() if not (cmd.help or "").strip()]
    assert missing == []


def test_readme_opens_with_the_two_commands() -> None:
    readme = (docgen.DOCS.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```console", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["$ make run", "$ make test"]
    ci = (docgen.DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
