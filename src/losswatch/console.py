"""Two rich consoles: ``out`` for data (stdout), ``err`` for people (stderr).

So ``losswatch export > out.csv`` stays clean and progress bars never land in a pipe. Piped
tables get a generous width instead of rich's default 80 columns, so nothing is cut. Emoji
codes are never replaced (":fire:" in an article stays text); markup is only ever in the
program's own strings, and everything that comes from data is escaped or printed with
``markup=False``.
"""

from __future__ import annotations

import sys

from rich.console import Console

PIPE_WIDTH = 180

out = Console(soft_wrap=True, emoji=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)
err = Console(stderr=True, emoji=False, width=None if sys.stderr.isatty() else PIPE_WIDTH)


def write_plain(text: str) -> None:
    """``text`` and a newline to ``out``'s file as they are: no wrapping, markup or JSON
    highlighting, whose cost grows faster than the output (rich's ``print_json`` took 80 s
    for 8,000 verdicts); what a long report on stdout needs."""
    out.file.write(text + "\n")
    out.file.flush()
