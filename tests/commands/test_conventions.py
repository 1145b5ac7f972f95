"""What a newcomer expects of a command line: -h, python -m, -q/-v and --debug anywhere,
grouped warnings, a summary that ends with where the files are, shell completion, and a
region/language pair the region does not offer built only when asked for by name."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from booklet.cli import cli

REPO = Path(__file__).resolve().parents[2]


def test_dash_h_and_python_dash_m(run_cli: Callable[..., Result]) -> None:
    out = subprocess.run([sys.executable, "-m", "booklet", "-h"], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    assert out.startswith("Usage: booklet") and "doctor" in out and "init" in out
    result = run_cli("build", "-h")
    assert result.exit_code == 0 and "--cache-from" in result.output and "-q, --quiet" in result.output


def test_debug_quiet_and_verbose_after_the_command(run_cli: Callable[..., Result], shipped: Path) -> None:
    result = run_cli("build", "-r", "zz", "--project", str(shipped), "--debug")
    assert result.exit_code == 1 and "Traceback" in result.output
    quiet = run_cli("build", "-r", "zz", "--project", str(shipped), "-q")
    assert quiet.exit_code == 1 and "Traceback" not in quiet.output and "no region 'zz'" in quiet.output


def _complete(words: str) -> list[str]:
    env = {"_BOOKLET_COMPLETE": "bash_complete", "COMP_WORDS": words,
           "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1))}
    result = CliRunner().invoke(cli, [], prog_name="booklet", env=env)
    return [line.split(",", 1)[1] for line in result.output.splitlines()]


def test_shell_completion_of_regions_languages_and_formats() -> None:
    assert _complete("booklet build -r us-") == ["us-ca", "us-ma", "us-ny", "us-oh", "us-pa"]
    assert _complete("booklet build -l z") == ["zh-Hans"]
    assert _complete("booklet batch x.csv -f ") == ["booklet", "large-print", "trifold", "card"]
    assert _complete("booklet show region g") == ["gb"]


def test_a_language_the_region_does_not_offer_needs_naming(
        run_cli: Callable[..., Result], make_project: Callable[..., Path], tmp_path: Path) -> None:
    project = make_project({"booklet.toml": 'language = "fr"\n'})
    result = run_cli("build", "-r", "nz", "-f", "card", "--project", str(project))
    assert result.exit_code == 1
    assert ("nz: not built in fr, the project's default language: the region offers en, zh-Hans"
            in result.output)
    assert "(to build it anyway, name it: -r nz -l fr)" in result.output
    assert not (project / "out").exists()


def test_named_pair_builds_with_english_tagged_grouped_warnings_and_a_kept_html(
        run_cli: Callable[..., Result], shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("build", "-r", "nz", "-l", "fr", "-f", "trifold", "--html", "--project", str(shipped),
                     "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "nz/fr: nz does not offer fr; built because you named it" in result.output
    grouped = [line for line in lines if "printed in English" in line]
    assert grouped == ["warning: nz/fr: 5 region texts printed in English, tagged as English "
                       "(1 output: nz/fr/trifold; -v lists them)"]
    assert lines[-1] == "PDFs in out/nz/fr/"
    assert re.match(r"^1 output: 1 built, 0 up to date, 0 failed in [0-9.]+ s$", lines[-5])
    html = (out / "nz" / "fr" / "trifold.html").read_text(encoding="utf-8")
    assert '<span lang="en">Needle exchanges give out naloxone as an injection.' in html
    assert '<span lang="en">Māori line</span>' in html
    # self-contained: the stylesheets inside, no file the browser would have to find
    assert html.count("<style>") == 4 and "file:" not in html and "<link" not in html
    assert ".panel" in html and "@page { size: A4 landscape }" in html
    verbose = run_cli("build", "-r", "nz", "-l", "fr", "-f", "trifold", "--html", "--project", str(shipped),
                      "--out", str(out), "--force", "-v", "--jobs", "1")
    assert verbose.output.count("nz/fr/trifold: warning: fr: region text printed in English") == 5
    quiet = run_cli("build", "-r", "nz", "-l", "fr", "-f", "trifold", "--html", "--project", str(shipped),
                    "--out", str(out), "-q")
    first, last = quiet.output.splitlines()
    assert re.match(r"^1 output: 0 built, 1 up to date, 0 failed in [0-9.]+ s \(up to date: made from "
                    r"the same inputs by an earlier build, so not rebuilt\)$", first)
    assert last == "PDFs in out/nz/fr/"
