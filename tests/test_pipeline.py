"""Building a matrix: skipping what is up to date, failing alone, surviving Ctrl-C,
and giving the same bytes every time, in any process and any number of workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from click.testing import Result

from tests.conftest import EPOCH

Build = Callable[..., Result]
MATRIX = ("-r", "us", "-r", "us-t1", "-r", "us-t2", "-l", "en", "-f", "large-print")
OUTPUTS = [f"{code}/en/large-print.pdf" for code in ("us", "us-t1", "us-t2")]


@pytest.fixture
def build(make_project: Callable[..., Path], run_cli: Callable[..., Result], tmp_path: Path) -> Build:
    """``build(*args)``: ``booklet build --all`` over the test matrix into tmp/out."""
    project = make_project(root="build-matrix")

    def run(*args: str, out: str = "out") -> Result:
        return run_cli("build", "--project", str(project), "--out", str(tmp_path / out), "--all",
                       *MATRIX, *args)

    return run


def pdfs(out: Path) -> dict[str, bytes]:
    return {rel: (out / rel).read_bytes() for rel in OUTPUTS if (out / rel).exists()}


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_a_second_build_skips_everything_and_force_rebuilds(build: Build, tmp_path: Path) -> None:
    first = build("--jobs", "2")
    assert first.exit_code == 0, first.output
    assert "3 outputs: 3 built, 0 up to date, 0 failed" in first.output
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "out").rglob("*.pdf")}
    again = build("--jobs", "2")
    assert "3 outputs: 0 built, 3 up to date, 0 failed" in again.output, again.output
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    forced = build("--jobs", "1", "--force")
    assert "3 outputs: 3 built, 0 up to date" in forced.output
    assert pdfs(tmp_path / "out") == {rel: (tmp_path / "out" / rel).read_bytes() for rel in OUTPUTS}


def test_a_changed_input_rebuilds_only_what_reads_it(build: Build, make_project: Callable[..., Path],
                                                     tmp_path: Path) -> None:
    assert build("--jobs", "1").exit_code == 0
    region = tmp_path / "project" / "regions" / "us-t2.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("Two", "Deux"), encoding="utf-8")
    result = build("--jobs", "1")
    assert "3 outputs: 1 built, 2 up to date" in result.output, result.output
    assert "us-t2/en/large-print  built" in result.output


def test_a_replaced_or_damaged_output_is_rebuilt(build: Build, tmp_path: Path) -> None:
    assert build("--jobs", "1").exit_code == 0
    damaged = tmp_path / "out" / OUTPUTS[1]
    good = damaged.read_bytes()
    damaged.write_bytes(good[:100])
    (tmp_path / "out" / OUTPUTS[2]).unlink()
    result = build("--jobs", "1")
    assert "3 outputs: 2 built, 1 up to date" in result.output, result.output
    assert damaged.read_bytes() == good


def test_one_broken_region_fails_alone_with_its_cause(build: Build, tmp_path: Path) -> None:
    region = tmp_path / "project" / "regions" / "us-t2.yaml"
    region.write_text(region.read_text(encoding="utf-8") + "emergency: [nine-one-one]\n", encoding="utf-8")
    result = build("--jobs", "2")
    assert result.exit_code == 1
    assert "failed us-t2/en/large-print: " in result.output
    assert "us-t2.yaml:5" in result.output.split("failed us-t2/en/large-print: ")[1].splitlines()[0]
    assert "1 of 3 outputs failed" in result.output
    assert set(pdfs(tmp_path / "out")) == set(OUTPUTS[:2])


def test_two_workers_give_the_same_bytes_as_one(build: Build, tmp_path: Path) -> None:
    assert build("--jobs", "2", out="two").exit_code == 0
    assert build("--jobs", "1", out="one").exit_code == 0
    assert pdfs(tmp_path / "two") == pdfs(tmp_path / "one")
    assert len(pdfs(tmp_path / "one")) == 3


TERMINAL_MAIN = ("import signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
                 "from booklet.cli import main; main()")
"""The CLI as a terminal starts it: Ctrl-C raises KeyboardInterrupt even where the test run
itself ignores SIGINT (a suite started in the background, ``cmd &``, passes it on ignored)."""


def booklet_process(*args: str) -> subprocess.Popen[str]:
    """``booklet`` in a process of its own, with the test's SOURCE_DATE_EPOCH."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.Popen([sys.executable, "-c", TERMINAL_MAIN, *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_builds_in_separate_processes_are_byte_identical(make_project: Callable[..., Path],
                                                         tmp_path: Path) -> None:
    project = make_project(root="build-matrix")
    for out in ("a", "b"):
        proc = booklet_process("build", "--project", str(project), "--out", str(tmp_path / out),
                               "-f", "large-print", "--jobs", "1")
        output, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, output
    first = tmp_path / "a" / "us-t1" / "en" / "large-print.pdf"
    assert first.read_bytes() == (tmp_path / "b" / "us-t1" / "en" / "large-print.pdf").read_bytes()
    with pikepdf.open(first) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20261201000000")


class CtrlC(KeyboardInterrupt):
    """Ctrl-C arriving while a PDF is being written."""


def test_ctrl_c_mid_write_keeps_the_previous_good_file(build: Build, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert build("--jobs", "1").exit_code == 0
    good, manifest = pdfs(tmp_path / "out"), (tmp_path / "out" / "manifest.json").read_bytes()

    def interrupted(fd: int) -> None:
        raise CtrlC

    monkeypatch.setattr(os, "fsync", interrupted)  # in the worker, which renders every output
    result = build("--jobs", "1", "--force")
    assert result.exit_code == 1 and "3 of 3 outputs failed" in result.output
    assert pdfs(tmp_path / "out") == good
    assert (tmp_path / "out" / "manifest.json").read_bytes() == manifest
    assert leftovers(tmp_path / "out") == []


def test_sigint_during_a_pooled_build_leaves_only_whole_files(make_project: Callable[..., Path],
                                                              tmp_path: Path) -> None:
    project, out = make_project(root="build-matrix"), tmp_path / "out"
    proc = booklet_process("build", "--project", str(project), "--out", str(out), "--all", *MATRIX,
                           "-f", "booklet", "--jobs", "2")
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:  # progress lines, as outputs finish: interrupt after the first
        seen.append(line)
        if "] built: " in line:
            break
    proc.send_signal(signal.SIGINT)  # three of the six outputs have not started: the build is not over
    rest, _ = proc.communicate(timeout=120)
    output = "".join(seen) + rest
    assert proc.returncode == 1 and "Aborted" in output, output
    assert leftovers(out) == []
    for pdf in out.rglob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
