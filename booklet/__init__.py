"""booklet: printable handouts about heroin, opioid use disorder and where to get help."""

__version__ = "0.1.0"
