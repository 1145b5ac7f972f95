"""Property tests over the loaders: whatever the input, a loader gives a valid model or a
located problem (``Problem`` / ``BookletError`` naming the file), never another exception."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklet.batch.rows import read_rows
from booklet.errors import BookletError
from booklet.load.project import open_project
from booklet.load.yamlfile import YamlError, parse_yaml
from booklet.models.org import OrgFile
from booklet.models.region import RegionFile
from booklet.validate.catalogs import read_catalog
from booklet.validate.org import validate_org
from booklet.validate.schema import validate_doc

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])
KEYS = sorted({*RegionFile.model_fields, *OrgFile.model_fields, "en", "es", "type", "number", "id",
               "checked", "status", "source"})
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["2026-02-30", "718-555-0142", "us", "24/7",
                                                           "https://example.org", "verified", "NO"]))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=6)), max_leaves=25)
RISKY = ["checked: 2026-02-30", "checked: 2026-01-01T25:00:00", "n: " + "9" * 5000,
         "deep: " + "[" * 100 + "]" * 100, "- " * 80 + "x", "x: !!binary zz", "x: !!python/name:os.system",
         "x: &a 1", "y: *a", "k: 1e999999", "code: us", "  - id: a", "phone: 0123", "hours: 9:30"]
"""Lines that once ended in tracebacks, or that YAML reads surprisingly."""
YAML_TEXT = st.one_of(
    st.lists(st.sampled_from(RISKY), max_size=6).map("\n".join),
    DATA.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    st.text(alphabet=st.sampled_from([*"ab:-[]{}&*!|>'\"#%@`,? \n\t0129.", "\u2028", "é"]),
            max_size=120),
)


def _located(problems: list[Any], name: str) -> None:
    assert problems and all(p.file == name for p in problems)


@FAST
@given(text=YAML_TEXT)
def test_region_yaml_gives_a_model_or_located_problems(text: str) -> None:
    try:
        doc = parse_yaml(text, Path("us-zz.yaml"))
    except YamlError as exc:
        assert exc.problem.file == "us-zz.yaml"
        return
    model, problems = validate_doc(doc, RegionFile, {"country": "US"})
    if model is None:
        _located(problems, "us-zz.yaml")


@FAST
@given(text=YAML_TEXT)
def test_org_yaml_gives_an_org_or_located_problems(text: str) -> None:
    try:
        doc = parse_yaml(text, Path("org.yaml"))
    except YamlError as exc:
        assert exc.problem.file == "org.yaml"
        return
    org, problems = validate_org(doc, "US")
    if org is None:
        _located(problems, "org.yaml")


CELLS = st.text(alphabet=st.sampled_from([*'ab,"\n\r=+-@ 0175é\x00', "\udc80"]), max_size=20)


@FAST
@given(header=st.lists(st.sampled_from(["name", "phone", "address", "website", "logo", "bogus", ""]),
                       max_size=4),
       rows=st.lists(st.lists(CELLS, max_size=5), max_size=4), raw=st.binary(max_size=60))
def test_csv_rows_give_rows_or_a_located_error(tmp_path: Path, header: list[str], rows: list[list[str]],
                                               raw: bytes) -> None:
    path = tmp_path / "clinics.csv"
    text = "\n".join(",".join(r) for r in [header, *rows])
    path.write_bytes(text.encode("utf-8", "surrogateescape") + raw)
    try:
        for row in read_rows(path, "US"):
            assert row.org is not None or row.problems
            assert all(p.file.endswith("clinics.csv") and p.line for p in row.problems)
    except BookletError as exc:
        assert "clinics.csv" in exc.message


@FAST
@given(text=st.one_of(
    st.text(alphabet=st.sampled_from([*'abn=[]{}"\'.#\n 019-_é']), max_size=80),
    st.dictionaries(st.sampled_from(["name", "region", "language", "formats", "x"]),
                    st.one_of(st.text(max_size=8), st.integers(), st.lists(st.text(max_size=5), max_size=3)),
                    max_size=4).map(lambda d: "\n".join(f"{k} = {v!r}".replace("'", '"')
                                                        for k, v in d.items()))))
def test_booklet_toml_gives_a_project_or_a_located_error(tmp_path: Path, text: str) -> None:
    (tmp_path / "booklet.toml").write_text(text, encoding="utf-8")
    try:
        open_project(tmp_path)
    except BookletError as exc:
        assert "booklet.toml" in exc.message


@FAST
@given(text=st.lists(st.sampled_from([
    'msgid ""', 'msgstr ""', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    '"Plural-Forms: nplurals=x; plural=(n __ 1);\\n"', '"Content-Type: text/plain; charset=NOPE\\n"',
    'msgid "Call"', 'msgstr "Llame"', 'msgid_plural "Calls"', 'msgstr[0] "a"', 'msgstr[7] "b"',
    '#, fuzzy', '#, python-format', 'msgctxt "x"', '"unterminated', "", "garbage line"]), max_size=12))
def test_catalogs_read_or_fail_naming_the_file(tmp_path: Path, text: list[str]) -> None:
    path = tmp_path / "booklet.po"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    try:
        read_catalog(path, "es")
    except BookletError as exc:
        assert "booklet.po" in exc.message


def test_a_sound_region_gives_a_model(shipped: Path) -> None:
    """The loaders under test do accept good input: a shipped region gives a model."""
    doc = parse_yaml((shipped / "regions" / "us-ny.yaml").read_text(encoding="utf-8"), Path("us-ny.yaml"))
    model, problems = validate_doc(doc, RegionFile, {"country": "US"})
    assert model is not None and problems == []
