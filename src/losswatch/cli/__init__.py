"""The ``losswatch`` command: parse arguments, call the library, render. No logic here.

Every command module adds its commands to :data:`app`. One ``except LosswatchError`` turns
library errors into ``[code] message`` on stderr and the error's exit code; tracebacks only with
``--debug``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from losswatch.cli.common import STATE
from losswatch.console import err
from losswatch.errors import LosswatchError

app = typer.Typer(
    name="losswatch", no_args_is_help=True, add_completion=False,
    help="Ingest, reconcile, analyse and fact-check the General Staff's daily loss figures.",
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    db: Annotated[str | None, typer.Option(
        "--db", help="SQLite file path or SQLAlchemy URL (default: LOSSWATCH_DATABASE_URL, "
        "then a file in the user data dir).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    STATE.debug = debug
    if db:
        STATE.overrides["database_url"] = db if "://" in db else f"sqlite:///{Path(db).resolve()}"


def _register() -> None:
    from losswatch.cli import data  # noqa: F401  (commands register on import)

    for optional in ("check", "publish", "serve"):
        try:
            __import__(f"losswatch.cli.{optional}")
        except ModuleNotFoundError as exc:
            if not exc.name or not exc.name.startswith("losswatch"):
                raise


def main() -> None:
    """Console-script entry point."""
    _register()
    try:
        app(standalone_mode=False)
    except LosswatchError as exc:
        if STATE.debug:
            raise
        err.print(f"[bold red]{exc.code}[/]: {exc.message}", highlight=False, markup=True)
        sys.exit(exc.exit_code)
    except (typer.Exit, SystemExit) as exc:
        code = exc.exit_code if isinstance(exc, typer.Exit) else exc.code
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click's usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
