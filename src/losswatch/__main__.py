"""``python -m losswatch``: the same as the ``losswatch`` command."""

from losswatch.cli import main

main()
