"""``python -m booklet``: the same command line as ``booklet``."""

from booklet.cli import main

main()
