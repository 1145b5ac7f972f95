"""Run the booklet command line from a clone: ``python cli.py build``."""

from booklet.cli import main

if __name__ == "__main__":
    main()
