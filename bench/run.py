"""Benchmarks of building at scale, printed as ratios measured in one run on this machine.

    .venv/bin/python bench/run.py [--project DIR] [-f FORMAT ...] [--rounds N]

1. per-booklet time of the pipeline vs raw WeasyPrint on the same final HTML (goal ≤ 1.10×)
2. ``build --all --jobs 2`` vs ``--jobs 1`` (goal ≥ 1.8× on 2 cores)
3. a no-change rebuild of the whole matrix (goal ≤ 1 s), and that it never imports WeasyPrint
4. ``booklet --help`` start-up vs ``python -c pass``, and that WeasyPrint is not imported
5. peak resident memory of each worker over the matrix

The matrix is whatever the project has when this runs: every region × its languages ×
every format (narrowed with ``-f``). The package and the shipped content are copied first,
and every run uses that snapshot, so edits made meanwhile cannot change the inputs hash.
Wall times show the machine's load; CPU times are printed beside them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z
SNAPSHOT = ("booklet", "sections", "styles", "regions", "locales", "booklet.toml")


def snapshot(work: Path) -> Path:
    """Copy the package and the shipped content; later imports and runs use the copy."""
    copy = work / "snapshot"
    for name in SNAPSHOT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            copy.mkdir(exist_ok=True)
            shutil.copy2(source, copy / name)
    sys.path.insert(0, str(copy))
    os.chdir(work)  # ``python -c`` puts the working folder first on sys.path: not the clone
    os.environ["PYTHONPATH"] = os.pathsep.join([str(copy), os.environ.get("PYTHONPATH", "")])
    return copy


def booklet(*args: str, importtime: bool = False) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run the CLI in a new process; return its wall time, CPU time (with its workers) and result."""
    flags = ["-X", "importtime"] if importtime else []
    command = [PYTHON, *flags, "-c", "from booklet.cli import main; main()", *args]
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", EPOCH)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, result


def median_time(action: Callable[[], object], rounds: int) -> float:
    """Median wall time of ``action`` over ``rounds`` runs."""
    return median_times([action], rounds)[0]


def median_times(actions: list[Callable[[], object]], rounds: int) -> list[float]:
    """Median wall time of each action, run in turn ``rounds`` times so load hits all alike."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for action, spent in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def summary_line(result: subprocess.CompletedProcess[str]) -> str:
    """The build's closing count line."""
    lines = [line for line in result.stdout.splitlines() if " outputs: " in line]
    return lines[-1] if lines else (result.stderr.strip().splitlines() or ["no output"])[-1]


def matrix(project: Path, out: Path, formats: list[str], *extra: str) -> list[str]:
    """``booklet build --all`` arguments for the benchmark matrix."""
    return ["build", "--project", str(project), "--out", str(out), "--all",
            *(arg for fmt in formats for arg in ("-f", fmt)), *extra]


def bench_pool(project: Path, work: Path, formats: list[str]) -> Path:
    """Figures 2 and 3: the whole matrix with one and two workers, then with nothing changed."""
    one, cpu1, r1 = booklet(*matrix(project, work / "one", formats, "--jobs", "1"))
    two, cpu2, r2 = booklet(*matrix(project, work / "two", formats, "--jobs", "2"))
    print(f"2. --all --jobs 1: {one:6.2f} s wall, {cpu1:6.2f} s CPU   ({summary_line(r1)})")
    print(f"   --all --jobs 2: {two:6.2f} s wall, {cpu2:6.2f} s CPU   ({summary_line(r2)})")
    same = all((work / "one" / p.relative_to(work / "two")).read_bytes() == p.read_bytes()
               for p in (work / "two").rglob("*.pdf"))
    print(f"   speed-up {one / two:.2f}x (goal >= 1.8x on 2 cores); jobs 2 bytes == jobs 1 bytes: {same}")
    noop, _, r3 = booklet(*matrix(project, work / "two", formats, "--jobs", "2"), importtime=True)
    imported = any("weasyprint" in line for line in r3.stderr.splitlines() if line.startswith("import time"))
    print(f"3. no-change rebuild of the matrix: {noop:.2f} s (goal <= 1 s)   ({summary_line(r3)})")
    print(f"   WeasyPrint imported during the no-change rebuild: {imported}")
    return work / "two"


def bench_render(project: Path, built: Path, work: Path, rounds: int) -> None:
    """Figure 1: the pipeline's time per booklet vs raw WeasyPrint on the same final HTML."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from booklet.compose.document import compose
    from booklet.load.clock import build_date
    from booklet.load.project import open_project
    from booklet.models.job import Job
    from booklet.pipeline import BuildOptions, Inputs, Task, asset_roots, build_task, prepare
    from booklet.render.pdf import PDF_VARIANT, Renderer
    from booklet.write.manifest import read_manifest

    recorded = read_manifest(built)
    job = next((j for j in recorded if j.fmt == "booklet"), next(iter(recorded), Job("us", "en", "booklet")))
    target = open_project(project)
    today, created = build_date(os.environ.get("SOURCE_DATE_EPOCH", EPOCH))
    inputs = prepare(target, [job.region], today, False)
    region = inputs.regions[job.region]
    assert inputs.index is not None
    doc = compose(target, region, job, inputs.index, created)
    fonts, renderer = FontConfiguration(), Renderer()
    task = Task(target, job, Inputs({job.region: region}, inputs.index, inputs.problems),
                BuildOptions(work / "single"), created, "bench")

    def raw() -> bytes:
        sheets = [CSS(filename=p, font_config=fonts) for p in doc.stylesheets]
        sheets.append(CSS(string=doc.page_css, font_config=fonts))
        html = HTML(string=doc.html, base_url=doc.stylesheets[0].parent.as_uri() + "/")
        pdf: bytes = html.render(font_config=fonts, stylesheets=sheets,
                                 pdf_variant=PDF_VARIANT).write_pdf(pdf_variant=PDF_VARIANT)
        return pdf

    def ours() -> str:
        outcome = build_task(renderer, task)
        if outcome.error:
            raise SystemExit(f"{job.label}: {outcome.error}")
        return outcome.sha256

    def stage() -> None:
        renderer.render(doc, asset_roots(target))

    raw(), ours()  # warm both: hyphenation dictionaries, fonts, Jinja templates
    raw_time, stage_time, our_time = median_times([raw, stage, ours], rounds)
    print(f"1. {job.label}: pipeline {our_time * 1000:.0f} ms vs raw WeasyPrint {raw_time * 1000:.0f} ms "
          f"on the same HTML: {our_time / raw_time:.2f}x (goal <= 1.10x)")
    print(f"   of which the render stage (booklet.render.pdf) {stage_time * 1000:.0f} ms = "
          f"{stage_time / raw_time:.2f}x raw, and compose + write + hashing "
          f"{(our_time - stage_time) * 1000:.0f} ms = {(our_time - stage_time) / raw_time:.2f}x raw")


def bench_startup(rounds: int) -> None:
    """Figure 4: ``booklet --help`` vs an empty Python, and what it imports."""
    cli = [PYTHON, "-c", "from booklet.cli import main; main()", "--help"]
    empty = [PYTHON, "-c", "pass"]
    help_time = median_time(lambda: subprocess.run(cli, capture_output=True, check=True), rounds)
    pass_time = median_time(lambda: subprocess.run(empty, capture_output=True, check=True), rounds)
    probe = ("import sys; from booklet.cli import cli\n"
             "for args in (['--help'], ['build', '--help']):\n"
             "    try: cli.main(args, standalone_mode=False)\n"
             "    except SystemExit: pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))")
    loaded = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, check=True)
    print(f"4. booklet --help {help_time * 1000:.0f} ms vs python -c pass {pass_time * 1000:.0f} ms: "
          f"{help_time / pass_time:.1f}x, +{(help_time - pass_time) * 1000:.0f} ms")
    modules = loaded.stdout.strip().splitlines()[-1]
    print(f"   WeasyPrint modules loaded by --help and build --help: {modules}")


def bench_memory(project: Path, work: Path, formats: list[str]) -> None:
    """Figure 5: peak resident memory of each worker rendering the whole matrix."""
    from booklet.load.clock import build_date
    from booklet.load.project import open_project
    from booklet.pipeline import BuildOptions, plan, prepare, region_selection, run

    target = open_project(project)
    today, created = build_date(os.environ.get("SOURCE_DATE_EPOCH", EPOCH))
    codes = region_selection(target, (), True)
    inputs = prepare(target, codes, today, False)
    jobs = plan(target, inputs, codes, (), tuple(formats), True)
    outcomes = run(target, jobs, inputs, BuildOptions(work / "memory"), created, workers=2, force=True)
    peaks: dict[int, int] = {}
    for outcome in outcomes:
        if outcome.worker:
            peaks[outcome.worker] = max(peaks.get(outcome.worker, 0), outcome.peak_kib)
    counts = {pid: sum(o.worker == pid for o in outcomes) for pid in peaks}
    shown = ", ".join(f"{kib / 1024:.0f} MiB after {counts[pid]} outputs" for pid, kib in peaks.items())
    print(f"5. peak memory per worker over {len(outcomes)} outputs (2 workers): {shown}")


def main() -> None:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a project folder (default: the snapshot)")
    parser.add_argument("-f", "--format", dest="formats", action="append", default=[])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="booklet-bench-") as folder:
        work = Path(folder)
        project = args.project or snapshot(work)
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
              f"project {project}")
        built = bench_pool(project, work, args.formats)
        bench_render(project, built, work, args.rounds)
        bench_startup(args.rounds)
        bench_memory(project, work, args.formats)


if __name__ == "__main__":
    main()
