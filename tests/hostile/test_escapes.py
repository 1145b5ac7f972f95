"""Escapes: no read from outside the project, no write outside the output folder or through
a link out of a project, and no output from a region whose data has errors."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import Hostile, honest, snapshot

REGION = """\
code: {code}
parent: us
name: {{en: Hostile Test Region}}
remove: [{remove}]
helplines:
  - id: test-line
    name: {{en: Test Line}}
    offers: {{en: Help.}}
    channels:
      - {{type: phone, number: "1-800-720-9616"}}
    hours: "24/7"
    cost: free
    source: https://example.org/test
    verifications: [{{on: {checked}, by: test, how: official-page, evidence: "https://example.org/test"}}]
"""


def region(code: str = "us-zz", checked: str = "2026-06-01", remove: str = "") -> str:
    """A sub-region of us with one helpline (the test date is 2026-12-01)."""
    return REGION.format(code=code, checked=checked, remove=remove)


def test_batch_cannot_write_through_a_link_planted_in_its_output(hostile: Hostile) -> None:
    (hostile.out / "acme").symlink_to(hostile.elsewhere, target_is_directory=True)
    (hostile.tmp / "clinics.csv").write_text("name,phone\nAcme,718-555-0142\nOther,718-555-0143\n",
                                             encoding="utf-8")
    result = hostile.cli("batch", "clinics.csv", "-f", "card", "--out", "out", "--jobs", "1")
    honest(result, 1, "row 2: failed acme/us/en/card", "not written: a link leads outside")
    assert (hostile.out / "other" / "us" / "en" / "card.pdf").is_file()  # the other row built
    hostile.kept()


@pytest.mark.parametrize("name", ["sections/parts/card-front.html.j2", "styles/card.css",
                                  "regions/us.yaml"])
def test_a_link_out_of_the_project_is_refused(hostile: Hostile, name: str) -> None:
    secret = hostile.elsewhere / "secret.txt"
    secret.write_text("SECRET\n", encoding="utf-8")
    project = hostile.files()
    (project / name).parent.mkdir(parents=True)
    (project / name).symlink_to(secret)
    result = hostile.build()
    honest(result, 1, name.split("/")[-1], "points outside")
    assert "SECRET" not in result.text
    hostile.kept()


def test_an_include_cannot_climb_out(hostile: Hostile) -> None:
    hostile.files({"sections/parts/card-front.html.j2": '{% include "../../elsewhere/keep.txt" %}'})
    honest(hostile.build(), 1, "card-front.html.j2:1", "is not allowed")
    hostile.kept()


def test_i18n_update_does_not_write_through_a_link(hostile: Hostile) -> None:
    project = hostile.files()
    (project / "locales").mkdir()
    (project / "locales" / "de").symlink_to(hostile.elsewhere, target_is_directory=True)
    assert hostile.cli("i18n", "extract", "--project", str(project)).code == 0
    result = hostile.cli("i18n", "update", "-l", "es", "-l", "de", "--project", str(project))
    honest(result, 1, "booklet.po: not written: a link leads outside")
    assert snapshot(hostile.elsewhere) == {"keep.txt": b"untouched\n"}


def test_new_region_does_not_write_through_a_link(hostile: Hostile) -> None:
    project = hostile.files()
    (project / "regions").symlink_to(hostile.elsewhere, target_is_directory=True)
    result = hostile.cli("new-region", "us-tx", "--parent", "us", "--project", str(project))
    honest(result, 1, "us-tx.yaml: not written: a link leads outside")
    assert snapshot(hostile.elsewhere) == {"keep.txt": b"untouched\n"}


def test_schema_out_does_not_write_through_a_link(hostile: Hostile) -> None:
    project = hostile.files()
    (project / "schema").symlink_to(hostile.elsewhere, target_is_directory=True)
    result = hostile.cli("schema", "--out", "schema/region.schema.json", cwd=project)
    honest(result, 1, "region.schema.json: not written: a link leads outside")
    assert snapshot(hostile.elsewhere) == {"keep.txt": b"untouched\n"}


@pytest.mark.parametrize(("text", "place", "message"), [
    (region(checked="2024-06-01"), "us-zz.yaml:14", "over 24 months"),
    (region(checked="2027-01-01"), "us-zz.yaml:14", "in the future"),
    (region(code="us-yy"), "us-zz.yaml:1", "says 'us-yy' but the file is us-zz.yaml"),
    (region(remove="no-such-line"), "us-zz.yaml:4", "no inherited helpline 'no-such-line'"),
])
def test_build_all_fails_every_output_of_a_region_with_errors(
        hostile: Hostile, text: str, place: str, message: str) -> None:
    hostile.files({"regions/us-zz.yaml": text})
    result = hostile.build("--all", "-r", "us-zz", "-r", "us", "-l", "en", "-f", "card", "--jobs", "1")
    honest(result, 1, "failed us-zz/en/card:", place, message)
    assert "built: us/en/card" in result.text  # a sound region still builds
    assert not (hostile.out / "us-zz").exists()
    hostile.kept()
