"""The hostile-input harness: throw-away projects, a build of one good output to keep, and
checks that every hostile case ends honestly.

Every case asserts: the exit code; one line of output naming the place (``file:line`` or the
output) with the message; no traceback and no "internal error"; nothing written outside
the output folder; the output built before byte-identical. Heavy cases run the CLI in a
subprocess under ``resource`` limits (``limited``), so a missed bound cannot take the test
run down with it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from booklet.cli import cli
from booklet.load.project import shipped_root
from tests.conftest import EPOCH

GOOD = Path("us") / "en" / "card.pdf"
PEAK = """
import atexit, resource, sys
def peak():
    usage = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"peak-kib {usage}", file=sys.stderr)
atexit.register(peak)
from booklet.cli import main
main()
"""
"""The CLI, reporting at exit the peak resident memory of itself and of its workers."""
SAFETY_MEMORY = 4 * 1024**3
"""The address-space limit of a subprocess run: a missed bound fails the case, not the run."""


@pytest.fixture(scope="session")
def good_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding us/en/card.pdf built from the shipped content."""
    import booklet.render.pdf  # noqa: F401  (workers fork with WeasyPrint already imported)

    out = tmp_path_factory.mktemp("good")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = CliRunner(env=env).invoke(cli, ["build", "--project", str(shipped_root()), "--out",
                                             str(out), "-f", "card"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@dataclass
class Output:
    """What a hostile run printed and how it ended."""

    code: int
    text: str


@dataclass
class Hostile:
    """One case's world: ``tmp/project`` (the hostile project), ``tmp/out`` (holding the good
    output), ``tmp/elsewhere`` (must stay untouched)."""

    tmp: Path
    good: Path
    before: dict[str, bytes] | None = None
    """Every file outside ``out`` just before the last run."""

    @property
    def project(self) -> Path:
        return self.tmp / "project"

    @property
    def out(self) -> Path:
        return self.tmp / "out"

    @property
    def elsewhere(self) -> Path:
        return self.tmp / "elsewhere"

    def files(self, files: dict[str, str | bytes] | None = None) -> Path:
        """Write ``files`` into the project (a ``booklet.toml`` is added); return its folder."""
        # no name: a project's name is its PDFs' author, and the sound outputs it rebuilds
        # must be byte-identical to the shipped content's
        (self.project / "booklet.toml").write_text("# a hostile project\n", encoding="utf-8")
        for name, data in (files or {}).items():
            path = self.project / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return self.project

    def cli(self, *args: str, cwd: Path | None = None) -> Output:
        """Run the CLI in this process, from ``tmp`` (or ``cwd``)."""
        self.before = snapshot(self.tmp, skip=(self.out,))
        old = Path.cwd()
        os.chdir(cwd or self.tmp)
        try:
            result: Result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)
        return Output(result.exit_code, result.output)

    def limited(self, *args: str, timeout: float = 90) -> tuple[Output, int]:
        """Run the CLI in a subprocess from ``tmp`` under an address-space limit; return how
        it ended and the peak resident memory (KiB) of the process and its workers."""
        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (SAFETY_MEMORY, SAFETY_MEMORY))

        self.before = snapshot(self.tmp, skip=(self.out,))
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        done = subprocess.run([sys.executable, "-c", PEAK, *args], cwd=self.tmp, env=env,
                              timeout=timeout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, preexec_fn=limit, check=False)
        peak = next(line.split()[1] for line in done.stdout.splitlines() if line.startswith("peak-kib "))
        return Output(done.returncode, done.stdout), int(peak)

    def kept(self) -> None:
        """After a failed run: the good output is byte-identical, or taken away when it is the
        output that failed (it no longer matches the inputs: README "A failed rebuild never
        hides behind an old file"); no temporary is left, and nothing outside the output
        folder changed (``elsewhere`` and the project included)."""
        if (self.out / GOOD).exists():
            assert (self.out / GOOD).read_bytes() == (self.good / GOOD).read_bytes()
        assert not list(self.out.rglob("*.part"))
        assert snapshot(self.tmp, skip=(self.out,)) == self.before

    def build(self, *args: str) -> Output:
        """``booklet build`` of the hostile project into ``out`` (us/en/card unless told)."""
        chosen = args if any(a in ("-f", "--format") for a in args) else (*args, "-f", "card")
        return self.cli("build", "--project", str(self.project), "--out", str(self.out), *chosen)


def snapshot(folder: Path, skip: tuple[Path, ...] = ()) -> dict[str, bytes]:
    """Every file under ``folder`` (links not followed) with its bytes, except under ``skip``."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if any(path.is_relative_to(s) for s in skip) or path.is_symlink() or not path.is_file():
            continue
        found[str(path.relative_to(folder))] = path.read_bytes()
    return found


@pytest.fixture
def hostile(tmp_path: Path, good_out: Path) -> Hostile:
    """A case's folders: a project, an output folder with the good PDF, and ``elsewhere``."""
    case = Hostile(tmp_path, good_out)
    case.project.mkdir()
    case.elsewhere.mkdir()
    (case.elsewhere / "keep.txt").write_text("untouched\n", encoding="utf-8")
    shutil.copytree(good_out, case.out)
    return case


def honest(result: Output, code: int, *fragments: str) -> str:
    """Assert the exit code and one line holding every fragment; no traceback; return the line."""
    assert result.code == code, result.text
    assert "Traceback" not in result.text and "internal error" not in result.text, result.text
    lines = [line for line in result.text.splitlines() if all(f in line for f in fragments)]
    assert lines, f"no line with {fragments} in:\n{result.text}"
    return lines[0]
