"""Every performance figure of issue 18, measured in one run on this machine.

    .venv/bin/python bench/run.py [--quick] [--rounds N] [--rows N] [--project DIR]

1. a single forced build, whole process, vs the ``weasyprint`` command on the same HTML
   (CPU, goal <= 1.15x), both writing byte-identical PDFs; beside it the same pair warm
   and in-process
2. ``build --all --jobs 2`` vs ``--jobs 1`` (wall, goal >= 1.8x on 2 quiet cores), same bytes
3. a no-change rebuild of the whole matrix, whole process (goal <= 0.5 s); WeasyPrint is
   not imported
4. ``booklet --help`` vs ``python -c pass``; WeasyPrint is not imported
5. peak resident memory of each worker over the matrix, and over the Chinese outputs
   alone (goal <= 150 MiB)
6. ``batch --jobs 2`` vs ``batch --jobs 1`` on clinic rows, card format (goal >= 1.8x)
7. ``booklet check``, whole process (CPU, goal <= 1.2 s)
8. Chinese PDF sizes (booklet <= 150 KB, card <= 40 KB, large print <= 180 KB) and the
   same bytes from a new process, with the font-subset cache warm and cold

Honest by construction: both sides of a ratio do the same work (figure 1 picks an output
whose pages the pipeline keeps as laid out and asserts the two PDFs are byte-identical);
pairs run interleaved A B A B so a change of load hits both alike; each figure prints
min / median / max over the rounds and the load average when it starts. Whole-process
figures are the CPU time of the process and its children (getrusage) beside wall time.
Wall-clock ratios need a quiet machine: read them with the load average printed.

The package and the shipped content are copied first and every run uses that snapshot,
with a font-subset cache of its own, so edits made meanwhile cannot change the inputs.
``--quick`` narrows the matrix and the batch, and runs 2 rounds, to check the script.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from batch import EPOCH, write_csv

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WEASYPRINT = [PYTHON, str(Path(__file__).resolve().parent / "weasyprint_fixed.py")]
"""The weasyprint command, with the writer fixes booklet installs in every renderer."""
SNAPSHOT = ("booklet", "sections", "styles", "regions", "locales", "booklet.toml")
SINGLE = ("au", "en", "large-print")
"""Figure 1's output: no spare page dropped and no file beside it, so raw WeasyPrint on its
HTML writes the same PDF (asserted)."""
QUICK_MATRIX = ("-r", "au", "-r", "us", "-f", "card", "-f", "trifold")

Run = tuple[float, float]
"""Wall seconds and CPU seconds (process and children) of one run."""


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
    # Byte-compiled as ``pip install`` leaves an installed package (WeasyPrint's modules are),
    # even where PYTHONDONTWRITEBYTECODE would have every run compile the copy from source.
    compileall.compile_dir(copy / "booklet", quiet=1)
    sys.path.insert(0, str(copy))
    os.chdir(work)  # ``python -c`` puts the working folder first on sys.path: not the clone
    os.environ["PYTHONPATH"] = os.pathsep.join([str(copy), os.environ.get("PYTHONPATH", "")])
    os.environ["BOOKLET_CACHE_DIR"] = str(work / "cache")
    os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    return copy


def timed(command: Sequence[str], check: bool = True) -> tuple[Run, subprocess.CompletedProcess[str]]:
    """Run a command; its wall time, its CPU time with its children's, and its result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(list(command), capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:6])} …: exit {result.returncode}\n{result.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return (wall, cpu), result


def booklet(*args: str) -> list[str]:
    """The command line of the CLI in a new process."""
    return [PYTHON, "-c", "from booklet.cli import main; main()", *args]


def spread(values: Sequence[float], unit: str = "s", scale: float = 1.0) -> str:
    """``min / median / max`` of the values."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low * scale:.2f} / {mid * scale:.2f} / {high * scale:.2f} {unit}"


def load() -> str:
    """The load averages, as a figure's first line shows them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def pairs(first: Callable[[], Run], second: Callable[[], Run], rounds: int) -> tuple[list[Run], list[Run]]:
    """Run the two A B A B …; the runs of each."""
    a: list[Run] = []
    b: list[Run] = []
    for _ in range(rounds):
        a.append(first())
        b.append(second())
    return a, b


def ratios(num: list[Run], den: list[Run], index: int) -> list[float]:
    """Per-pair ratios of wall (0) or CPU (1) times."""
    return [n[index] / d[index] for n, d in zip(num, den, strict=True)]


def same_pdfs(one: Path, two: Path) -> bool:
    """True when both folders hold the same PDFs with the same bytes."""
    left = {p.relative_to(one): p.read_bytes() for p in one.rglob("*.pdf")}
    right = {p.relative_to(two): p.read_bytes() for p in two.rglob("*.pdf")}
    return bool(left) and left == right


def figure_single(project: Path, work: Path, rounds: int) -> None:
    """Figure 1: one forced build vs the ``weasyprint`` command on the same final HTML."""
    from booklet.compose.formats import FORMATS
    from booklet.load.project import open_project
    from booklet.validate.regions import load_regions

    region, lang, fmt = SINGLE
    out = work / "single"
    build = booklet("build", "--project", str(project), "--out", str(out), "-r", region, "-l", lang,
                    "-f", fmt, "--force", "--jobs", "1")
    timed([*build, "--html"])
    html = work / f"{fmt}.html"
    shutil.copy2(out / region / lang / f"{fmt}.html", html)
    target = open_project(project)
    from booklet.load.clock import build_date

    paper = load_regions(target, [region], build_date(os.environ["SOURCE_DATE_EPOCH"])[0],
                         False)[0][region].paper
    styles = target.folders("styles")[0]
    page = work / "page.css"
    page.write_text(f"@page {{ size: {FORMATS[fmt].page[paper]} }}", encoding="utf-8")
    raw_pdf = work / "raw.pdf"
    raw = [*WEASYPRINT, "--pdf-variant", "pdf/ua-1", "-u", f"{styles}/",
           *(a for name in FORMATS[fmt].styles for a in ("-s", str(styles / name))),
           "-s", str(page), str(html), str(raw_pdf)]
    print(f"1. {region}/{lang}/{fmt}, whole process: booklet build --force vs weasyprint on its HTML "
          f"({rounds} pairs; {load()})")
    ours, theirs = pairs(lambda: timed(build)[0], lambda: timed(raw)[0], rounds)
    ours_pdf = out / region / lang / f"{fmt}.pdf"
    same = ours_pdf.read_bytes() == raw_pdf.read_bytes()
    print(f"   booklet    CPU {spread([r[1] for r in ours])}   wall {spread([r[0] for r in ours])}")
    print(f"   weasyprint CPU {spread([r[1] for r in theirs])}   wall {spread([r[0] for r in theirs])}")
    print(f"   CPU ratio {spread(ratios(ours, theirs, 1), 'x')} (goal <= 1.15x); "
          f"wall ratio {spread(ratios(ours, theirs, 0), 'x')}; byte-identical PDFs: {same}")
    if not same:
        raise SystemExit("figure 1: the two PDFs differ, so the comparison is not of the same work")
    figure_single_warm(project, work, rounds)


def figure_single_warm(project: Path, work: Path, rounds: int) -> None:
    """Figure 1, warm and in-process: the pipeline with a warm renderer vs raw WeasyPrint."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from booklet.compose.document import compose
    from booklet.load.clock import build_date
    from booklet.load.project import open_project
    from booklet.models.job import Job
    from booklet.pipeline import BuildOptions, Inputs, Task, build_task, prepare
    from booklet.render.pdf import PDF_VARIANT, Renderer

    region, lang, fmt = SINGLE
    job = Job(region, lang, fmt)
    target = open_project(project)
    today, created = build_date(os.environ["SOURCE_DATE_EPOCH"])
    inputs = prepare(target, [region], today, False)
    assert inputs.index is not None
    doc = compose(target, inputs.regions[region], job, inputs.index, created)
    fonts, renderer = FontConfiguration(), Renderer()
    out = work / "warm"
    task = Task(target, job, Inputs({region: inputs.regions[region]}, inputs.index, inputs.problems),
                BuildOptions(out), created, "bench")
    pdfs: dict[str, bytes] = {}
    # Raw WeasyPrint used as well as it can be in a warm process: one FontConfiguration and
    # the stylesheets parsed once, as the pipeline's renderer does.
    sheets = [CSS(filename=p, font_config=fonts) for p in doc.stylesheets]
    sheets.append(CSS(string=doc.page_css, font_config=fonts))

    def raw() -> Run:
        start, cpu = time.perf_counter(), time.process_time()
        html = HTML(string=doc.html, base_url=doc.stylesheets[0].parent.as_uri() + "/")
        pdfs["raw"] = html.render(font_config=fonts, stylesheets=sheets,
                                  pdf_variant=PDF_VARIANT).write_pdf(pdf_variant=PDF_VARIANT)
        return time.perf_counter() - start, time.process_time() - cpu

    def ours() -> Run:
        start, cpu = time.perf_counter(), time.process_time()
        outcome = build_task(renderer, task)
        if outcome.error or outcome.path is None:
            raise SystemExit(f"{job.label}: {outcome.error}")
        spent = time.perf_counter() - start, time.process_time() - cpu
        pdfs["ours"] = outcome.path.read_bytes()
        return spent

    raw(), ours()  # warm both: hyphenation dictionaries, fonts, templates, parsed stylesheets
    mine, theirs = pairs(ours, raw, rounds)
    print(f"   warm, in-process ({load()}): pipeline (compose, glyph check, render, write) "
          f"{spread([r[1] for r in mine], 'ms', 1000)} CPU vs raw WeasyPrint "
          f"{spread([r[1] for r in theirs], 'ms', 1000)}: {spread(ratios(mine, theirs, 1), 'x')}; "
          f"byte-identical: {pdfs['ours'] == pdfs['raw']}")


def matrix(project: Path, out: Path, quick: bool, *extra: str) -> list[str]:
    """``booklet build --all`` for the benchmark matrix."""
    return booklet("build", "--project", str(project), "--out", str(out), "--all",
                   *(QUICK_MATRIX if quick else ()), *extra)


def summary(result: subprocess.CompletedProcess[str]) -> str:
    """The build's closing count line."""
    lines = [line for line in result.stdout.splitlines() if " outputs: " in line]
    return lines[-1] if lines else "no summary"


def figure_pool(project: Path, work: Path, rounds: int, quick: bool) -> None:
    """Figures 2 and 3: the matrix with two workers vs one, then rebuilt with nothing changed."""
    one, two = work / "one", work / "two"
    _, warm = timed(matrix(project, work / "warm-up", quick, "--jobs", "2"))  # subset cache, file cache
    print(f"2. matrix: build --all --jobs 2 vs --jobs 1, forced ({summary(warm)}; {rounds} pairs; {load()})")
    jobs1, jobs2 = pairs(lambda: timed(matrix(project, one, quick, "--jobs", "1", "--force"))[0],
                         lambda: timed(matrix(project, two, quick, "--jobs", "2", "--force"))[0], rounds)
    print(f"   --jobs 1 wall {spread([r[0] for r in jobs1])}   CPU {spread([r[1] for r in jobs1])}")
    print(f"   --jobs 2 wall {spread([r[0] for r in jobs2])}   CPU {spread([r[1] for r in jobs2])}")
    print(f"   speed-up {spread(ratios(jobs1, jobs2, 0), 'x')} (goal >= 1.8x on 2 quiet cores); "
          f"same bytes: {same_pdfs(one, two)}")
    runs = 4 * rounds + 1  # half a second each: enough runs for a median on a noisy host
    print(f"3. no-change rebuild of the matrix, whole process ({runs} runs; {load()})")
    noop = [timed(matrix(project, two, quick, "--jobs", "2"))[0] for _ in range(runs)]
    probe = [PYTHON, "-X", "importtime", *matrix(project, two, quick, "--jobs", "2")[1:]]
    _, traced = timed(probe)
    imported = any("weasyprint" in line for line in traced.stderr.splitlines())
    print(f"   wall {spread([r[0] for r in noop])} (goal <= 0.5 s)   CPU {spread([r[1] for r in noop])}"
          f"   ({summary(traced)}); WeasyPrint imported: {imported}")


def figure_startup(rounds: int) -> None:
    """Figure 4: ``booklet --help`` vs an empty Python, and what it imports."""
    print(f"4. booklet --help vs python -c pass ({rounds} pairs; {load()})")
    helps, empties = pairs(lambda: timed(booklet("--help"))[0], lambda: timed([PYTHON, "-c", "pass"])[0],
                           rounds)
    probe = ("import sys; from booklet.cli import cli\n"
             "for args in (['--help'], ['build', '--help']):\n"
             "    try: cli.main(args, standalone_mode=False)\n"
             "    except SystemExit: pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'weasyprint'))")
    _, loaded = timed([PYTHON, "-c", probe])
    print(f"   --help wall {spread([r[0] for r in helps], 'ms', 1000)} vs "
          f"{spread([r[0] for r in empties], 'ms', 1000)}; WeasyPrint modules loaded by --help and "
          f"build --help: {loaded.stdout.strip().splitlines()[-1]}")


def figure_memory(project: Path, work: Path, quick: bool) -> None:
    """Figure 5: peak resident memory of each worker over the matrix, and over Chinese alone."""
    from booklet.build.selection import region_selection
    from booklet.load.clock import build_date
    from booklet.load.project import open_project
    from booklet.pipeline import BuildOptions, plan, prepare, run

    print(f"5. peak memory per worker, 2 workers ({load()})")
    target = open_project(project)
    today, created = build_date(os.environ["SOURCE_DATE_EPOCH"])
    codes = region_selection(target, ("au", "us") if quick else (), True)
    inputs = prepare(target, codes, today, False)
    for label, langs in (("whole matrix", ()), ("zh-Hans outputs only", ("zh-Hans",))):
        jobs = plan(target, inputs, codes, langs, (), True)
        outcomes = run(target, jobs, inputs, BuildOptions(work / "memory" / label), created, workers=2,
                       force=True)
        peaks: dict[int, int] = {}
        for outcome in outcomes:
            if outcome.worker:
                peaks[outcome.worker] = max(peaks.get(outcome.worker, 0), outcome.peak_kib)
        counts = {pid: sum(o.worker == pid for o in outcomes) for pid in peaks}
        shown = ", ".join(f"{kib / 1024:.0f} MiB after {counts[pid]} outputs" for pid, kib in peaks.items())
        print(f"   {label} ({len(outcomes)} outputs): {shown} (goal <= 150 MiB with Chinese)")


def figure_batch(project: Path, work: Path, rounds: int, rows: int) -> None:
    """Figure 6: a batch of clinic rows with two warm workers vs one."""
    csv = write_csv(work / "clinics.csv", rows)

    def batch(jobs: str) -> Run:
        out = work / f"batch-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        return timed(booklet("batch", str(csv), "--project", str(project), "-r", "us", "-f", "card",
                             "--out", str(out), "--jobs", jobs))[0]

    print(f"6. batch of {rows} clinic rows, card: --jobs 2 vs --jobs 1 ({rounds} pairs; {load()})")
    one, two = pairs(lambda: batch("1"), lambda: batch("2"), rounds)
    print(f"   --jobs 1 {spread([rows / r[0] for r in one], 'rows/s')}   --jobs 2 "
          f"{spread([rows / r[0] for r in two], 'rows/s')}")
    print(f"   speed-up {spread(ratios(one, two, 0), 'x')} (goal >= 1.8x on 2 quiet cores); "
          f"same bytes: {same_pdfs(work / 'batch-1', work / 'batch-2')}")


def figure_check(project: Path, rounds: int) -> None:
    """Figure 7: ``booklet check`` as a whole process."""
    print(f"7. booklet check, whole process ({rounds} runs after one to fill the cache; {load()})")
    command = booklet("check", "--project", str(project))
    timed(command, check=False)
    runs = [timed(command, check=False)[0] for _ in range(rounds)]
    print(f"   CPU {spread([r[1] for r in runs])} (goal <= 1.2 s)   wall {spread([r[0] for r in runs])}")


def figure_chinese(project: Path, work: Path) -> None:
    """Figure 8: Chinese PDF sizes, and the same bytes in new processes, cache warm and cold."""
    goals = {"booklet": 150_000, "card": 40_000, "large-print": 180_000}
    args = ["-r", "us", "-l", "zh-Hans", *(a for fmt in goals for a in ("-f", fmt)), "--force"]
    runs = {}
    for label, cache in (("this run", work / "cache"), ("warm cache", work / "cache"),
                         ("cold cache", work / "cold-cache")):
        out = work / "zh" / label
        env_cache = os.environ["BOOKLET_CACHE_DIR"]
        os.environ["BOOKLET_CACHE_DIR"] = str(cache)
        timed(booklet("build", "--project", str(project), "--out", str(out), *args))
        os.environ["BOOKLET_CACHE_DIR"] = env_cache
        runs[label] = out
    folder = runs["this run"] / "us" / "zh-Hans"
    sizes = ", ".join(f"{fmt} {(folder / f'{fmt}.pdf').stat().st_size / 1000:.1f} KB (goal <= {goal // 1000})"
                      for fmt, goal in goals.items())
    print(f"8. us/zh-Hans sizes: {sizes}")
    warm, cold = (same_pdfs(runs["this run"], runs[label]) for label in ("warm cache", "cold cache"))
    print(f"   same bytes in a new process, subset cache warm: {warm}; cold: {cold}")


def main() -> None:
    """Run every benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a project folder (default: the snapshot)")
    parser.add_argument("--quick", action="store_true", help="small matrix and batch, 2 rounds")
    parser.add_argument("--rounds", type=int, help="pairs per figure (default 5; --quick 2)")
    parser.add_argument("--rows", type=int, help="clinic rows in the batch (default 200; --quick 30)")
    args = parser.parse_args()
    rounds = args.rounds or (2 if args.quick else 5)
    rows = args.rows or (30 if args.quick else 200)
    with tempfile.TemporaryDirectory(prefix="booklet-bench-") as folder:
        work = Path(folder)
        copy = snapshot(work)
        project = args.project or copy
        cpu = re.sub(r"\s+", " ", next((line.split(":", 1)[1] for line in
                                         Path("/proc/cpuinfo").read_text().splitlines()
                                         if line.startswith("model name")), "unknown")).strip()
        print(f"machine: {os.cpu_count()} cores ({cpu}), {load()}; project {project}"
              f"{'; QUICK run: narrowed matrix and batch' if args.quick else ''}")
        figure_single(project, work, rounds)
        figure_pool(project, work, max(2, rounds // 2), args.quick)
        figure_startup(rounds)
        figure_memory(project, work, args.quick)
        figure_batch(project, work, rounds, rows)  # noisy on a shared host: every round
        figure_check(project, rounds)
        figure_chinese(project, work)
        print(f"done, {load()}")


if __name__ == "__main__":
    main()
