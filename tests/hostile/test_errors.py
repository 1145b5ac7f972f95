"""Honest, located errors: what used to end as "internal error" or a misleading message now
names the place and the fix, and fails only what it must."""

from __future__ import annotations

import os

import pytest

from tests.hostile.conftest import Hostile, honest
from tests.hostile.test_escapes import region

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ' \
      'width="10" height="10">{}</svg>'


@pytest.mark.parametrize(("checked", "message"), [
    ("2026-02-30", "cannot read '2026-02-30': day is out of range for month"),
    ("9" * 5000, "Exceeds the limit (4300 digits)"),
    ("[" * 5000 + "]" * 5000, "nested more than 64 levels deep"),
])
def test_values_yaml_cannot_build_are_errors_at_their_line(hostile: Hostile, checked: str,
                                                           message: str) -> None:
    hostile.files({"regions/us-zz.yaml": region(checked=checked)})
    honest(hostile.build("-r", "us-zz"), 1, "us-zz.yaml:14", message)
    hostile.kept()


@pytest.mark.parametrize(("toml", "place", "message"), [
    ("region = " + "[" * 3000 + "]" * 3000 + "\n", "booklet.toml:1", "nested too deep"),
    ('name = "x"\nregion = ' + "9" * 5000 + "\n", "booklet.toml:2", "a value cannot be read"),
    ('name = "x"\nregion = "us\n', "booklet.toml:2", "TOML syntax"),
    ('name = "x"\nregion = 7\n', "booklet.toml:2", "region"),
])
def test_booklet_toml_errors_name_the_line(hostile: Hostile, toml: str, place: str, message: str) -> None:
    (hostile.project / "booklet.toml").write_text(toml, encoding="utf-8")
    honest(hostile.cli("build", "--project", str(hostile.project), "--out", str(hostile.out)), 1,
           place, message)
    hostile.kept()


@pytest.mark.parametrize(("template", "message", "hint"), [
    ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero", "cannot be worked out"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "RecursionError", "calls itself"),
    ('{{ qr("https://example.org/" ~ "a" * 5000, "x") }}', "too many for a QR code", "shorter"),
    ('{{ "%d" % "x" }}', "TypeError: %d format", "cannot be worked out"),
    ('{{ "{0}{1}".format(1) }}', "IndexError", "cannot be worked out"),
    ('{% include "parts/nope.html.j2" %}', "template 'parts/nope.html.j2' not found",
     "no template of that name"),
    ("{{ ''.__class__ }}", "unsafe", "cannot do this in the sandbox"),
])
def test_template_runtime_errors_name_template_and_line(hostile: Hostile, template: str, message: str,
                                                        hint: str) -> None:
    hostile.files({"sections/parts/card-front.html.j2": f"<h2>x</h2>\n{template}\n"})
    honest(hostile.build(), 1, "failed us/en/card:", "card-front.html.j2:2:", message, hint)
    hostile.kept()


def test_a_bad_plural_expression_names_the_catalog_line(hostile: Hostile, shipped: os.PathLike[str]) -> None:
    from pathlib import Path

    po = (Path(shipped) / "locales" / "es" / "LC_MESSAGES" / "booklet.po").read_text(encoding="utf-8")
    lines = ['"Plural-Forms: nplurals=2; plural=(n __import__ 1);\\n"' if line.startswith('"Plural-Forms')
             else line for line in po.splitlines()]
    project = hostile.files({"locales/es/LC_MESSAGES/booklet.po": "\n".join(lines) + "\n"})
    number = next(i for i, line in enumerate(lines, start=1) if "__import__" in line)
    honest(hostile.cli("i18n", "compile", "--project", str(project)), 1,
           f"booklet.po:{number}", "invalid token in plural form")
    honest(hostile.build("-l", "es"), 1, "failed us/es/card:", f"booklet.po:{number}",
           "invalid token in plural form")
    hostile.kept()


@pytest.mark.parametrize(("blocker", "message"), [
    ("us/en/card.pdf/", "card.pdf: cannot write: a folder has this name"),
    ("us/en", "card.pdf: cannot write: a file stands where a folder should be"),
])
def test_an_output_that_cannot_be_written_names_its_path(hostile: Hostile, blocker: str,
                                                         message: str) -> None:
    out = hostile.tmp / "other-out"
    path = out / blocker.rstrip("/")
    path.parent.mkdir(parents=True)
    path.mkdir() if blocker.endswith("/") else path.write_bytes(b"")
    result = hostile.cli("build", "--out", str(out), "-f", "card")
    honest(result, 1, "failed us/en/card:", message)


@pytest.mark.parametrize(("logo", "data"), [
    ("logo.svg", SVG.format('<image xlink:href="file:///etc/hostname" width="9" height="9"/>')),
    ("logo.svg", SVG.format('<image xlink:href="https://example.org/x.png" width="9" height="9"/>')),
    ("logo.png", b"\x89PNG\r\n\x1a\n" + b"not really a PNG" * 8),
])
def test_a_logo_that_does_not_load_fails_the_output(hostile: Hostile, logo: str, data: str | bytes) -> None:
    (hostile.tmp / logo).write_bytes(data if isinstance(data, bytes) else data.encode())
    (hostile.tmp / "org.yaml").write_text(f'name: Acme\nphone: "718-555-0142"\nlogo: {logo}\n',
                                          encoding="utf-8")
    result = hostile.build("--org", str(hostile.tmp / "org.yaml"), "-f", "trifold")
    line = honest(result, 1, "failed us/en/trifold:")
    assert "blocked a reference" in line or "WeasyPrint: Failed to load image" in line
    hostile.kept()


def test_temporaries_left_by_a_killed_build_are_cleaned(hostile: Hostile) -> None:
    stale = hostile.out / "us" / "en" / ".card.pdf.q8w7e6r5.part"
    stale.write_bytes(b"half a PDF")
    (hostile.out / "manifest.json").unlink()  # so the output is rebuilt
    assert hostile.cli("build", "--out", str(hostile.out), "-f", "card").code == 0
    assert not stale.exists()


def test_qr_alt_text_is_escaped_once(hostile: Hostile) -> None:
    (hostile.tmp / "org.yaml").write_text(
        'name: "Smith & Jones <Clinic> \\"Q\\" it\'s"\nphone: "718-555-0142"\n'
        "website: https://example.org\n", encoding="utf-8")
    result = hostile.build("--org", str(hostile.tmp / "org.yaml"), "--html", "-f", "trifold")
    assert result.code == 0, result.text
    html = (hostile.out / "us" / "en" / "trifold.html").read_text(encoding="utf-8")
    assert "<title>QR code: link to Smith &amp; Jones &lt;Clinic&gt; \"Q\" it's</title>" in html
    assert "&amp;amp;" not in html


def test_an_import_loop_is_named_as_a_loop(hostile: Hostile, shipped: os.PathLike[str]) -> None:
    from pathlib import Path

    css = (Path(shipped) / "styles" / "card.css").read_text(encoding="utf-8")
    hostile.files({"styles/card.css": '@import "loop.css";\n' + css,
                   "styles/loop.css": '@import "card.css";\n'})
    honest(hostile.build(), 1, "failed us/en/card:", "@import loop", "imports itself")
    hostile.kept()


def test_a_folder_is_not_a_known_region(hostile: Hostile) -> None:
    project = hostile.files()
    (project / "regions" / "us-dir.yaml").mkdir(parents=True)
    result = hostile.cli("build", "--project", str(project), "-r", "us-nop", "--out", str(hostile.out))
    line = honest(result, 1, "no region 'us-nop'", "known regions:")
    assert "us-dir" not in line


def test_new_region_calls_shipped_only_what_is_shipped(hostile: Hostile) -> None:
    project = hostile.files()
    (project / "regions").mkdir()
    (project / "regions" / "us-tx.yaml").symlink_to(project / "nowhere.yaml")
    result = hostile.cli("new-region", "us-tx", "--parent", "us", "--project", str(project))
    line = honest(result, 1, "regions/us-tx.yaml already exists")
    assert "shipped" not in line
    honest(hostile.cli("new-region", "us-ny", "--parent", "us", "--project", str(project)), 1,
           "'us-ny' is a shipped region")


@pytest.mark.parametrize(("data", "place", "message"), [
    ("name,phone\nA,718-555-0142\n".encode("utf-16-le"), "clinics.csv:", "UTF-16 or not text"),
    (("name,phone,address\nA,718-555-0142,x\nB,718-555-0142,\"" + ("y" * 2000 + "\n") * 40
      + "\"\n").encode(), "clinics.csv:3:", "the row starting here"),
])
def test_csv_file_problems_name_the_right_place(hostile: Hostile, data: bytes, place: str,
                                                message: str) -> None:
    (hostile.tmp / "clinics.csv").write_bytes(data)
    honest(hostile.cli("batch", "clinics.csv", "-f", "card", "--out", "out"), 1, place, message)
    hostile.kept()


def test_user_text_in_messages_is_quoted_not_printed_raw(hostile: Hostile) -> None:
    result = hostile.cli("build", "-r", "us\nfake: line", "--out", str(hostile.out))
    honest(result, 1, "--region 'us\\nfake: line': not a valid region code")
    assert not any(line.startswith("fake: line") for line in result.text.splitlines())
