"""A coverage-guided fuzz target (atheris) for the YAML and CSV loaders.

    python tests/hostile/fuzz_loaders.py yaml|csv WORKDIR CORPUS [libFuzzer options]

Any input must end as a model or a located problem (``YamlError``, ``BookletError`` naming
the file); any other exception is a crash, which atheris reports with the input that made
it. ``test_fuzz.py`` runs each target briefly on the committed seed corpus.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris
import phonenumbers  # noqa: F401  (large and not ours: imported before instrumenting, to start fast)
import pydantic  # noqa: F401

with atheris.instrument_imports():
    import yaml  # noqa: F401  (instrumented: coverage guides the fuzzer through the parser)

    from booklet.batch.rows import read_rows
    from booklet.errors import BookletError
    from booklet.load.yamlfile import YamlError, parse_yaml
    from booklet.models.org import OrgFile
    from booklet.models.region import RegionFile
    from booklet.validate.schema import validate_doc

WORK = Path(sys.argv[2])


def yaml_input(data: bytes) -> None:
    """Parse as YAML and validate as a region and as an organization."""
    text = data.decode("utf-8", "replace")
    try:
        doc = parse_yaml(text, Path("fuzz.yaml"))
    except YamlError as exc:
        assert exc.problem.file == "fuzz.yaml"
        return
    for model in (RegionFile, OrgFile):
        found, problems = validate_doc(doc, model, {"country": "US"})
        assert found is not None or problems


def csv_input(data: bytes) -> None:
    """Read as a clinics CSV."""
    path = WORK / "fuzz.csv"
    path.write_bytes(data)
    try:
        for row in read_rows(path, "US"):
            assert row.org is not None or row.problems
    except BookletError as exc:
        assert "fuzz.csv" in exc.message


if __name__ == "__main__":
    target = {"yaml": yaml_input, "csv": csv_input}[sys.argv[1]]
    atheris.Setup([sys.argv[0], *sys.argv[3:]], target)
    atheris.Fuzz()
