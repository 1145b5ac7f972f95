"""Checks on the laid-out document, before any PDF is written.

WeasyPrint never fails a layout: text that does not fit a tri-fold panel or a card side is
pushed on to a new page or drawn outside the panel. These checks walk the laid-out boxes and
turn that into an error naming the format, the panel and by how much it overflows. They also
hold large print to its type size and every text to WCAG AA contrast, and work out how many
spare pages a booklet needs to reach a multiple of four.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tinycss2.color4 import Color
from weasyprint.formatting_structure.boxes import (
    BlockContainerBox,
    Box,
    MarginBox,
    ParentBox,
    TextBox,
)

from booklet.compose.formats import FORMATS, PADDING_PAGES
from booklet.errors import BookletError
from booklet.models.job import Job

MM_PER_PX = 25.4 / 96
PT_PER_PX = 72 / 96
TOLERANCE_PX = 0.5
AA_NORMAL, AA_LARGE = 4.5, 3.0


@dataclass(frozen=True)
class Panel:
    """A laid-out panel (tri-fold) or side (card): a fixed box its content must fit."""

    name: str
    page: int
    box: Any

    def overflow_mm(self) -> tuple[float, str]:
        """How far the content reaches past the panel (mm) and on which edge."""
        top, bottom = self.box.content_box_y(), self.box.content_box_y() + self.box.height
        left, right = self.box.content_box_x(), self.box.content_box_x() + self.box.width
        inner = list(self.box.descendants())[1:]
        reach = {
            "bottom": max((b.position_y + b.margin_height() for b in inner), default=top) - bottom,
            "right": max((b.position_x + b.margin_width() for b in inner), default=left) - right,
            "left": left - min((b.position_x for b in inner), default=left),
        }
        edge = max(reach, key=lambda k: reach[k])
        return reach[edge] * MM_PER_PX, edge


def panels(document: Any) -> list[Panel]:
    """Every box marked ``data-panel`` in the layout, in page order."""
    found: list[Panel] = []
    for number, page in enumerate(document.pages, start=1):
        seen: set[int] = set()
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if (isinstance(box, BlockContainerBox) and element is not None
                    and element.get("data-panel") and id(element) not in seen):
                seen.add(id(element))
                found.append(Panel(element.get("data-panel"), number, box))
    return found


def folds(document: Any) -> tuple[tuple[float, ...], ...]:
    """Per page, where panels meet side by side (the folds), in points from the left edge."""
    edges: list[set[float]] = [set() for _ in document.pages]
    for panel in panels(document):
        left = panel.box.position_x * PT_PER_PX
        if left > TOLERANCE_PX:
            edges[panel.page - 1].add(round(left, 3))
    return tuple(tuple(sorted(page)) for page in edges)


def _panel_problems(label: str, found: list[Panel]) -> list[str]:
    problems, seen = [], set()
    for panel in found:
        if panel.name in seen:
            problems.append(f"{label}: panel {panel.name!r} does not fit and runs on to page "
                            f"{panel.page}; shorten its text")
            continue
        seen.add(panel.name)
        mm, edge = panel.overflow_mm()
        if mm > TOLERANCE_PX * MM_PER_PX:
            problems.append(f"{label}: panel {panel.name!r} on page {panel.page} overflows its "
                            f"{edge} edge by {mm:.1f} mm; shorten its text or break long words")
    return problems


def _page_problems(label: str, fmt: str, pages: int) -> list[str]:
    spec = FORMATS[fmt]
    if spec.pages is not None and pages != spec.pages:
        return [f"{label}: the layout has {pages} pages, the {fmt} format has {spec.pages}; "
                "something does not fit its panel"]
    if pages % spec.pad_to:
        return [f"{label}: {pages} pages is not a multiple of {spec.pad_to} even with the spare "
                "pages (hint: a spare page may be running over; check styles/booklet.css)"]
    return []


def _body_text(box: Box) -> Iterator[TextBox]:
    """Text boxes outside the page margin boxes (running headers and page numbers)."""
    if isinstance(box, MarginBox):
        return
    if isinstance(box, TextBox):
        yield box
    elif isinstance(box, ParentBox):
        for child in box.children:
            yield from _body_text(child)


def _type_problems(label: str, fmt: str, document: Any) -> list[str]:
    smallest = FORMATS[fmt].min_text_pt
    if not smallest:
        return []
    small = sorted({
        (round(box.style["font_size"] * PT_PER_PX, 1), box.text.strip()[:40])
        for page in document.pages for box in _body_text(page._page_box)
        if box.style["font_size"] * PT_PER_PX < smallest - 0.05 and box.text.strip()
    })
    return [f"{label}: text set in {size} pt is below the {fmt} minimum of {smallest:g} pt: "
            f"{text!r}" for size, text in small[:5]]


def _luminance(color: Any) -> float:
    """Relative luminance; ``None`` is the white paper."""
    if color is None:
        return 1.0
    return _space_luminance(color.space, tuple(color.coordinates))


@lru_cache(maxsize=256)
def _space_luminance(space: str, coordinates: tuple[float, ...]) -> float:
    """Relative luminance of a colour by its CSS colour space and coordinates (a document
    has a handful of colours and hundreds of text boxes; converting is the slow part)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(float(c)) for c in Color(space, coordinates, 1).to("srgb").coordinates)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: Any, background: Any) -> float:
    """WCAG contrast ratio between two opaque colours (``None`` is white paper)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _low_contrast(box: Box, background: Any) -> Iterator[str]:
    if box.style["background_color"].alpha == 1:
        background = box.style["background_color"]
    if isinstance(box, TextBox) and box.text.strip():
        size_pt = box.style["font_size"] * PT_PER_PX
        large = size_pt >= 18 or (size_pt >= 14 and box.style["font_weight"] >= 700)
        ratio = contrast(box.style["color"], background)
        if ratio < (AA_LARGE if large else AA_NORMAL):
            yield f"contrast {ratio:.1f}:1 is below WCAG AA: {box.text.strip()[:40]!r}"
    elif isinstance(box, ParentBox):
        for child in box.children:
            yield from _low_contrast(child, background)


def _contrast_problems(label: str, document: Any) -> list[str]:
    found = sorted({p for page in document.pages for p in _low_contrast(page._page_box, None)})
    return [f"{label}: {problem}" for problem in found[:5]]


def check_layout(document: Any, fmt: str, label: str) -> None:
    """Raise ``BookletError`` listing every overflowing panel, page count, type or contrast fault."""
    problems = _panel_problems(label, panels(document))
    if not problems:
        problems = _page_problems(label, fmt, len(document.pages))
    problems += _type_problems(label, fmt, document) + _contrast_problems(label, document)
    if problems:
        raise BookletError("\n".join(problems))


def spare_pages(document: Any) -> dict[str, int]:
    """The index of the page each spare page is on, found by its section id."""
    found: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in PADDING_PAGES:
            if name in page.anchors:
                found.setdefault(name, index)
    return found


def padded(document: Any, fmt: str, label: str) -> Any:
    """Keep the spare pages the page count needs, drop the others: one layout, no second pass.

    Every spare page is laid out (one page each, just before the clinic's back cover), so
    the count without them is known; the first ones that bring it to the format's multiple
    stay. A spare page that ran over a page is an error, not a silently shifted booklet.
    """
    spec = FORMATS[fmt]
    if spec.pad_to == 1:
        return document
    spares = spare_pages(document)
    first = min(spares.values(), default=0)
    if sorted(spares.values()) != list(range(first, first + len(PADDING_PAGES))) or \
            len(document.pages) != first + len(PADDING_PAGES) + 1:
        raise BookletError(f"{label}: the spare pages ({', '.join(PADDING_PAGES)}) must each fill "
                           "one page, just before the last (hint: check styles/booklet.css)")
    keep = -(len(document.pages) - len(PADDING_PAGES)) % spec.pad_to
    dropped = {spares[name] for name in PADDING_PAGES[keep:]}
    return document.copy([page for i, page in enumerate(document.pages) if i not in dropped])


def fitted(document: Any, job: Job) -> Any:
    """Bring the page count to the format's multiple, then check the layout."""
    document = padded(document, job.fmt, job.label)
    check_layout(document, job.fmt, job.label)
    return document
