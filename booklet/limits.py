"""Every resource limit in one place: file sizes, image pixels, template work, render time
and memory, worker processes.

Data, templates and uploads may come from strangers, so every read, render and worker is
bounded. The README's table of limits is checked against these values by a test.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB

YAML_BYTES = 256 * KIB
"""A region, organization, section index, terms or review file."""
TOML_BYTES = 64 * KIB
"""``booklet.toml``."""
TEMPLATE_BYTES = 256 * KIB
"""One section, part or layout template."""
CATALOG_BYTES = 2 * MIB
"""One gettext catalog (``.po``, ``.pot``)."""
CSV_BYTES = 64 * MIB
"""A ``booklet batch`` CSV file."""
CSV_CELL_CHARS = 64 * KIB
"""One CSV cell (the longest field, an address, may hold 240 characters)."""
ASSET_BYTES = 4 * MIB
"""A file the renderer fetches: stylesheet, image, font."""
MERGED_FILE_BYTES = 256 * MIB
"""One file ``booklet manifest merge`` copies from a shard (a PDF is at most a few MiB)."""
LOGO_BYTES = 512 * KIB
"""An organization's logo (PNG or SVG)."""
IMAGE_PIXELS = 4096 * 4096
"""Width × height of a raster image, checked before it is decoded: a full A4 page at 300 dpi
is 2480 × 3508 (8.7 million pixels); 16.8 million decode to at most 64 MiB."""
NESTING = 64
"""Levels of nested lists and mappings in a YAML or TOML file."""
TEMPLATE_STEPS = 100_000
"""Loop iterations plus calls while composing one document (the shipped ones use about 200)."""
TEMPLATE_VALUE = 1_000_000
"""Largest string, list or number a template may build in one operation (characters, items,
digits), and the largest integer passed to a filter or method."""
TEMPLATE_OUTPUT = 4 * MIB
"""Characters of composed HTML per document (the shipped booklets are under 200 KiB)."""
RENDER_SECONDS = 120
"""Wall-clock time to compose, render and write one output (``--timeout``)."""
RENDER_MEMORY_MIB = 1536
"""Data memory of a worker process rendering an output (``--memory``); a worker peaks near
155 MiB resident over the whole shipped matrix."""
RECYCLE_MIB = 256
"""Resident memory after which a worker is replaced by a fresh one between outputs: a valve
for long runs of many languages and fonts, which the shipped matrix does not reach
(replacing workers at 128 MiB kept them under 140 but cost the matrix 8 % more CPU: a fresh
worker builds its font configurations and stylesheets again)."""


@dataclass(frozen=True)
class RenderLimits:
    """The bounds each output renders under, in its worker process."""

    seconds: float = RENDER_SECONDS
    """Wall-clock time for one output; the worker is killed when it is over."""
    memory_mib: int = RENDER_MEMORY_MIB
    """The worker's data memory limit (``RLIMIT_DATA``)."""
    recycle_mib: int = RECYCLE_MIB
    """A worker resident in more memory than this after an output is replaced by a fresh
    one: what its caches (a font configuration per language, parsed stylesheets) and a
    fragmented heap gather over a long run is given back (a fresh worker is ~93 MiB after
    its first output; one that rendered every shipped language grows to ~155)."""
