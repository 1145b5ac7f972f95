"""Bounded resources: special files, pixel bombs, render time and memory, template work,
the number of workers, and users' regular expressions."""

from __future__ import annotations

import os
import struct
import zlib

import pytest

from booklet.limits import IMAGE_PIXELS, TEMPLATE_OUTPUT
from tests.hostile.conftest import Hostile, honest

CSS_BOMB = "\n".join([":root { --v0: x;", *(f"  --v{i}: var(--v{i - 1}) var(--v{i - 1});"
                                            for i in range(1, 40)), "}",
                      "html, body, p, h2 { font-family: var(--v39) !important; }"])
"""Each custom property doubles the one before: 2^39 tokens if nothing stops it."""


def png(width: int, height: int) -> bytes:
    """A PNG header announcing ``width`` × ``height`` pixels: tiny on disk, huge decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + \
        chunk(b"IEND", b"")


@pytest.mark.parametrize("kind", ["device", "fifo"])
@pytest.mark.parametrize("what", ["org", "csv", "region"])
def test_special_files_are_refused_before_reading(hostile: Hostile, kind: str, what: str) -> None:
    target = hostile.tmp / f"special.{'csv' if what == 'csv' else 'yaml'}"
    if kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    expected = "is a FIFO (named pipe)" if kind == "fifo" else "is a device"
    if what == "org":
        result = hostile.build("--org", str(target))
    elif what == "csv":
        result = hostile.cli("batch", str(target), "-f", "card", "--out", "out")
    else:
        project = hostile.files()
        (project / "regions").mkdir()
        if kind == "fifo":
            os.mkfifo(project / "regions" / "us.yaml")
        else:  # a device inside the project: links out are refused, so use the real node
            (project / "regions" / "us.yaml").symlink_to("/dev/zero")
            expected = "points outside"
        result = hostile.build()
    honest(result, 1, "special" if what != "region" else "us.yaml", expected)
    hostile.kept()


def test_a_pixel_bomb_logo_is_refused_at_its_line(hostile: Hostile) -> None:
    (hostile.tmp / "bomb.png").write_bytes(png(13300, 13300))
    (hostile.tmp / "org.yaml").write_text('name: Acme\nphone: "718-555-0142"\nlogo: bomb.png\n',
                                          encoding="utf-8")
    result = hostile.build("--org", str(hostile.tmp / "org.yaml"))
    honest(result, 1, "org.yaml:3: logo:", "176,890,000 pixels", f"{IMAGE_PIXELS:,}")
    hostile.kept()


def test_a_pixel_bomb_in_the_styles_fails_the_output(hostile: Hostile, shipped_css: str) -> None:
    hostile.files({"styles/bomb.png": png(13300, 13300),
                   "styles/card.css": shipped_css + "\nbody { background-image: url(bomb.png) }\n"})
    honest(hostile.build(), 1, "failed us/en/card:", "13300×13300 pixels, over the limit")
    hostile.kept()


@pytest.mark.parametrize(("option", "message"), [
    ("--timeout=3", "took longer than 3 s and was stopped"),
    ("--memory=300", "ran out of memory (limit 300 MiB"),
])
def test_a_css_bomb_is_stopped_by_the_time_or_memory_limit(hostile: Hostile, shipped_css: str,
                                                           option: str, message: str) -> None:
    project = hostile.files({"styles/card.css": CSS_BOMB + "\n" + shipped_css})
    result, peak_kib = hostile.limited("build", "--project", str(project), "--out", str(hostile.out),
                                       "-f", "card", "-f", "trifold", "--jobs", "1", option)
    honest(result, 1, "failed us/en/card:", message)
    assert "built: us/en/trifold" in result.text  # the parent lived on; the next output built
    assert peak_kib < 700 * 1024
    hostile.kept()


@pytest.fixture
def shipped_css(shipped: os.PathLike[str]) -> str:
    """The shipped card stylesheet, so the bomb's page is otherwise the real card."""
    from pathlib import Path

    return (Path(shipped) / "styles" / "card.css").read_text(encoding="utf-8")


@pytest.mark.parametrize(("template", "message"), [
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
     "more than 100,000 loop iterations and calls"),
    ("{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}{{ f(0) }}",
     "more than 100,000 loop iterations and calls"),
    ("{{ 'x' * 3000000000 }}", "a value of 3,000,000,000 items or characters"),
    ("{{ [0] * 3000000000 }}", "a value of 3,000,000,000 items or characters"),
    ("{{ 'x'|center(3000000000) }}", "3000000000 is larger than templates may use"),
    ("{{ '%3000000000d' % 1 }}", "a format width over 1,000,000 characters"),
    ("{{ '{:>3000000000}'.format(1) }}", "a format width over 1,000,000 characters"),
    ("{{ 10 ** 10000000 }}", "has more than 100 digits"),
    ("{% for a in range(99) %}{{ 'x' * 999999 }}{% endfor %}",
     f"the document is over {TEMPLATE_OUTPUT:,} characters of HTML"),
])
def test_template_work_is_bounded(hostile: Hostile, template: str, message: str) -> None:
    hostile.files({"sections/parts/card-front.html.j2": f"<h2>x</h2>\n{template}"})
    honest(hostile.build(), 1, "failed us/en/card:", message)
    hostile.kept()


def test_jobs_are_capped_and_the_cap_is_said(hostile: Hostile) -> None:
    result = hostile.cli("build", "--out", str(hostile.out), "-f", "card", "--jobs", "17")
    line = honest(result, 0, "--jobs 17 capped at")
    assert "the useful maximum here" in line


def test_a_catastrophic_pattern_cannot_hang_the_check(hostile: Hostile) -> None:
    project = hostile.files({
        "sections/terms.yaml": "languages:\n  en:\n    wrong_claims:\n"
                               "      - pattern: '(a+)+$'\n        why: test\n        use: test\n"
                               "      - pattern: 'aaa!'\n        why: found\n        use: test\n",
        "sections/en/help.html.j2": "<h2>Help</h2>\n<p>" + "a" * 50000 + "!</p>\n",
    })
    result, _ = hostile.limited("check", "--project", str(project), timeout=60)
    honest(result, 1, "help.html.j2:2", "found")  # the long line was scanned, in linear time


def test_a_pattern_re2_cannot_run_is_refused_at_its_line(hostile: Hostile) -> None:
    project = hostile.files({
        "sections/terms.yaml": "languages:\n  en:\n    wrong_claims:\n"
                               "      - pattern: '(a)\\1'\n        why: test\n        use: test\n"})
    result = hostile.cli("check", "--project", str(project))
    honest(result, 1, "terms.yaml:4", "not a valid RE2 regular expression")
