"""Typed schemas of every data file the tool reads."""
