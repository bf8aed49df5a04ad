"""The ``losswatch`` command: parse arguments, call the library, render. No logic here.

Every command module adds its commands to :data:`app`. One ``except LosswatchError`` turns
library errors into ``[code] message`` on stderr and the error's exit code; tracebacks only with
``--debug``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from losswatch.cli.common import State
from losswatch.console import err
from losswatch.errors import LosswatchError


class _LosswatchGroup(TyperGroup):
    """Turns library errors into ``code: message`` on stderr and the error's exit code, for
    the console script and for in-process runners alike."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except LosswatchError as exc:
            if isinstance(ctx.obj, State) and ctx.obj.debug:
                raise
            err.print(f"[bold red]{exc.code}[/]: {escape(exc.message)}", highlight=False)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_LosswatchGroup,
    name="losswatch",
    no_args_is_help=True,
    add_completion=False,
    help="Ingest, reconcile, analyse and fact-check the General Staff's daily loss figures.",
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file path or SQLAlchemy URL (default: LOSSWATCH_DATABASE_URL, "
            "then a file in the user data dir).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    ctx.obj = State(debug=debug)
    if db:
        ctx.obj.use_database(db)


def _register() -> None:
    from losswatch.cli import data  # noqa: F401  (commands register on import)

    for optional in ("check", "publish", "serve", "confirmed"):
        try:
            __import__(f"losswatch.cli.{optional}")
        except ModuleNotFoundError as exc:
            if not exc.name or not exc.name.startswith("losswatch"):
                raise


def main() -> None:
    """Console-script entry point."""
    _register()
    app()
