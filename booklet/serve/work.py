"""What the studio's render processes do: the CLI's own build step, plus page images.

Every output is made by ``booklet.pipeline.build_task`` — compose, glyph check, render
with the warm renderer, finish, atomic write — exactly as ``booklet build`` and
``booklet batch`` make it. A preview then draws the written PDF's pages as PNG images with
pypdfium2 (PDFium, no poppler), in the worker, so the web process never does layout work.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from booklet.batch.work import BatchOutcome, BatchTask
from booklet.pipeline import Outcome, Task, build_task

if TYPE_CHECKING:
    from booklet.render.pdf import Renderer

PREVIEW_WIDTH = 560
"""Width of a preview page image in pixels."""


@dataclass(frozen=True)
class Preview:
    """A built output and its pages as PNG images (none when the build failed)."""

    outcome: Outcome
    pages: tuple[bytes, ...]


def page_images(pdf: bytes, width: int = PREVIEW_WIDTH) -> tuple[bytes, ...]:
    """Each page of ``pdf`` drawn ``width`` pixels wide, as PNG bytes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=width / page.get_width())
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, "PNG", compress_level=1)
            images.append(buffer.getvalue())
            page.close()
    finally:
        document.close()
    return tuple(images)


def preview_work(renderer: Renderer, task: Task) -> Preview:
    """Build one output as the CLI does, then draw its pages."""
    outcome = build_task(renderer, task)
    if outcome.error is not None or outcome.path is None:
        return Preview(outcome, ())
    return Preview(outcome, page_images(outcome.path.read_bytes()))


def build_work(renderer: Renderer, task: Task) -> Outcome:
    """Build one output as the CLI does (a download)."""
    return build_task(renderer, task)


def batch_work(renderer: Renderer, task: BatchTask) -> BatchOutcome:
    """Build one output of one CSV row as ``booklet batch`` does."""
    return BatchOutcome(task.line, task.slug, build_task(renderer, task.task))
