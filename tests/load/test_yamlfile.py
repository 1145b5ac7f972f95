from __future__ import annotations

from pathlib import Path

import pytest

from booklet.load import yamlfile
from booklet.load.project import shipped_root
from booklet.load.yamlfile import MAX_BYTES, YamlError, load_yaml, parse_yaml

BOMB = """a: &a ["x", "x", "x"]
b: &b [*a, *a, *a]
c: [*b, *b, *b]
"""


def test_aliases_are_refused_with_the_line() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml(BOMB, Path("regions/xx.yaml"))
    assert caught.value.problem.line == 1
    assert "anchors and aliases" in caught.value.problem.message


def test_duplicate_keys_are_refused() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("code: us\nname: A\nname: B\n", Path("r.yaml"))
    assert (caught.value.problem.line, caught.value.problem.field) == (3, "name")


def test_lines_are_recorded_for_nested_values() -> None:
    doc = parse_yaml("helplines:\n  - id: a\n    channels:\n      - {type: phone, number: 800}\n",
                     Path("r.yaml"))
    assert doc.line_of(("helplines", 0, "channels", 0, "number")) == 4
    assert doc.line_of(("helplines", 0, "missing")) == 2


def test_oversized_files_are_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("x: " + "a" * (MAX_BYTES + 1), encoding="utf-8")
    with pytest.raises(YamlError, match="over the"):
        load_yaml(big)


def test_syntax_errors_name_the_line() -> None:
    with pytest.raises(YamlError) as caught:
        parse_yaml("code: us\nname: [unclosed\n", Path("r.yaml"))
    assert caught.value.problem.line is not None
    assert "YAML syntax" in caught.value.problem.message


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: Québec\n".encode("latin-1"))
    with pytest.raises(YamlError, match="UTF-8"):
        load_yaml(path)


def test_libyaml_gives_the_python_loaders_data_and_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every YAML file shipped or in the test projects: the same data and line map."""
    folders = [shipped_root() / kind for kind in ("regions", "sections", "locales")]
    files = sorted(p for folder in [*folders, Path(__file__).parents[1] / "roots"]
                   for p in folder.rglob("*.yaml"))
    fast = {path: parse_yaml(path.read_text(encoding="utf-8"), path) for path in files}
    monkeypatch.setattr(yamlfile, "_libyaml_node", lambda text: (False, None))
    for path in files:
        slow = parse_yaml(path.read_text(encoding="utf-8"), path)
        assert (fast[path].data, fast[path].lines) == (slow.data, slow.lines), path
    assert len(files) > 20
