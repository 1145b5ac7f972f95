"""A warm renderer (parsed stylesheets and font subsets kept) writes the bytes of a fresh one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from booklet.load.clock import build_date
from booklet.load.project import open_project, shipped_root
from booklet.models.job import Job
from booklet.pipeline import BuildOptions, Task, build_task, prepare
from booklet.render.pdf import KEPT_SUBSET_FAMILIES, Renderer
from booklet.render.subset import Subsets
from tests.conftest import EPOCH


def _builder(tmp_path: Path, region: str, fmt: str) -> Callable[[Renderer, str, str], bytes]:
    """``build(renderer, lang, out)``: the bytes of ``region``'s ``fmt`` in ``lang``, written
    by ``renderer`` under ``tmp_path / out``."""
    project = open_project(shipped_root())
    today, created = build_date(EPOCH)
    inputs = prepare(project, [region], today, False)

    def build(renderer: Renderer, lang: str, out: str) -> bytes:
        task = Task(project, Job(region, lang, fmt), inputs, BuildOptions(tmp_path / out), created, "")
        outcome = build_task(renderer, task)
        assert outcome.error is None and outcome.path is not None
        return outcome.path.read_bytes()
    return build


def test_a_warm_renderer_writes_the_bytes_of_a_fresh_one(tmp_path: Path) -> None:
    build = _builder(tmp_path, "us", "card")
    warm = Renderer()
    first = build(warm, "en", "a")
    chinese = build(warm, "zh-Hans", "a")
    assert build(warm, "en", "b") == first == build(Renderer(), "en", "c")
    assert build(warm, "zh-Hans", "b") == chinese == build(Renderer(), "zh-Hans", "c")


def test_many_subset_families_get_a_fresh_font_configuration() -> None:
    renderer = Renderer()
    first = renderer._fonts_for("zh-Hans", Subsets(()))
    for n in range(KEPT_SUBSET_FAMILIES):
        family = Subsets((("Noto Sans CJK SC", f"Noto Sans CJK SC {n}"),))
        assert renderer._fonts_for("zh-Hans", family) is first
    assert renderer._fonts_for("zh-Hans", Subsets((("Noto Sans CJK SC", "Noto Sans CJK SC 0"),))) is first
    assert renderer._fonts_for("en", Subsets(())) is not first, "each language has its own"
    assert renderer._fonts_for("zh-Hans", Subsets((("Noto Sans CJK SC", "one more"),))) is not first


def test_an_arabic_document_leaves_the_next_english_one_as_a_fresh_renderer_lays_it_out(
        tmp_path: Path) -> None:
    build = _builder(tmp_path, "ca-bc", "booklet")
    warm = Renderer()
    build(warm, "ar", "a")  # before the fix, its URL lines broke the English references differently
    assert build(warm, "en", "a") == build(Renderer(), "en", "b")
