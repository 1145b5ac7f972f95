"""The README's table of limits says what ``booklet/limits.py`` enforces."""

from __future__ import annotations

from pathlib import Path

from booklet import limits

README = Path(__file__).parent.parent / "README.md"


def _table() -> dict[str, str]:
    text = README.read_text(encoding="utf-8").split("### Limits", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in text.splitlines() if line.startswith("| ")]
    return {what.strip(): limit.strip() for what, limit in rows[1:]}


def test_the_readme_table_matches_the_limits() -> None:
    table = _table()
    kib = {"YAML file (region, organization, sections, terms, review)": limits.YAML_BYTES,
           "`booklet.toml`": limits.TOML_BYTES, "template file": limits.TEMPLATE_BYTES,
           "gettext catalog (`.po`, `.pot`)": limits.CATALOG_BYTES,
           "batch CSV file": limits.CSV_BYTES, "organization logo": limits.LOGO_BYTES,
           "stylesheet, image or font the renderer fetches": limits.ASSET_BYTES,
           "a file `booklet manifest merge` copies": limits.MERGED_FILE_BYTES}
    for what, size in kib.items():
        assert table[what] == f"{size // 1024} KiB", what
    assert table["one CSV cell"] == f"{limits.CSV_CELL_CHARS} characters"
    assert table["nesting in YAML or TOML"] == f"{limits.NESTING} levels"
    pixels = next(v for k, v in table.items() if k.startswith("raster image"))
    assert pixels.startswith(f"{limits.IMAGE_PIXELS:,} pixels")
    assert table["template loop iterations and calls per document"].startswith(f"{limits.TEMPLATE_STEPS:,}")
    assert next(v for k, v in table.items() if k.startswith("a string, list")) == f"{limits.TEMPLATE_VALUE:,}"
    assert table["composed HTML per document"] == f"{limits.TEMPLATE_OUTPUT:,} characters"
    assert table["time to render one output (`--timeout SECONDS`)"] == f"{limits.RENDER_SECONDS} s"
    memory = table["memory of a worker process (`--memory MIB`, `RLIMIT_DATA`)"]
    assert memory.startswith(f"{limits.RENDER_MEMORY_MIB} MiB")
