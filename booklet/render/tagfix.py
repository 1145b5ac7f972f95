"""Fixes to WeasyPrint 70's structure tree, applied while it writes the PDF.

WeasyPrint builds the tag tree page by page from the laid-out boxes. That leaves four
faults a screen reader hears (docs/upstream-weasyprint.md proposes each fix upstream):

- an element split by a page break (a list, a section, a paragraph) becomes one structure
  element per page, and content that CSS places on an earlier page than its place in the
  HTML (a tri-fold's back panel) is read before the content that precedes it;
- an element in another language than its surroundings (``lang="en"`` inside Arabic) gets
  no ``/Lang``;
- page-margin content (page numbers) is tagged content under an unlinked element instead
  of an artifact;
- a link annotation's ``/Contents`` is its raw target (``tel:+18006624357``).

``install`` wraps the two functions that build the tree. The wrappers record the HTML
element each structure element comes from, then merge the fragments of one element, put
children in the order of the HTML, mark page-margin content as pagination artifacts and
label each link with its ``title`` or its text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e"))
PASSTHROUGH = ("html", "body")
PRINT_FLAG = 4
_STATE = "_booklet_tags"


@dataclass
class TagState:
    """What the wrappers learn about one PDF while WeasyPrint builds its tree."""

    origin: dict[int, Any] = field(default_factory=dict)
    """id() of a structure element → the HTML element it was made from."""
    keep: list[object] = field(default_factory=list)
    """The structure elements in ``origin``, kept alive so that their ids stay unique."""
    order: dict[int, int] = field(default_factory=dict)
    """id() of an HTML element → its position in document order."""
    around: dict[int, str] = field(default_factory=dict)
    """id() of an HTML element → the language in force around it (its parent's)."""
    artifacts: dict[int, set[int]] = field(default_factory=dict)
    """Page number → MCIDs of page-margin content."""

    def index(self, root: Any) -> None:
        """Record the document order and the surrounding language of every element."""
        stack = [(root, "")]
        while stack:
            element, around = stack.pop()
            self.order[id(element)] = len(self.order)
            self.around[id(element)] = around
            lang = element.get("lang") or around
            stack.extend((child, lang) for child in reversed(element)
                         if isinstance(child.tag, str))

    def other_language(self, element: Any) -> str | None:
        """``element``'s own language when it differs from the one around it."""
        own = element.get("lang")
        return own if own and own != self.around.get(id(element), own) else None


def state_of(pdf: Any) -> TagState:
    """The tag state of a PDF being written (made on first use)."""
    state = getattr(pdf, _STATE, None)
    if state is None:
        state = TagState()
        setattr(pdf, _STATE, state)
    return state


def link_contents(element: Any) -> str:
    """What a link says: its ``title``, else its text, without bidi controls."""
    text = element.get("title") or "".join(element.itertext())
    return " ".join(text.translate(BIDI_CONTROLS).split())


def wrap_build(original: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
    """Wrap ``weasyprint.pdf.tags._build_box_tree`` (it recurses through the wrapper)."""

    def build(box: Any, parent: Any, pdf: Any, page_number: int, nums: dict[int, Any],
              annotations: list[Any], tags: Any) -> Iterator[Any]:
        state = state_of(pdf)
        inner = box._box if isinstance(box, AbsolutePlaceholder) else box
        if isinstance(inner, boxes.MarginBox):
            before = set(nums)
            yield from original(box, parent, pdf, page_number, nums, annotations, tags)
            margin = set(nums) - before
            for mcid in margin:
                nums[mcid] = b"null"
            state.artifacts.setdefault(page_number, set()).update(margin)
            return
        element = inner.element
        if inner.element_tag == "html" and not state.order:
            state.index(element)
        own = element is not None and inner.element_tag not in PASSTHROUGH and \
            not isinstance(inner, boxes.PageBox)
        for made in original(box, parent, pdf, page_number, nums, annotations, tags):
            if own:
                _note(state, made, inner, element)
            yield made

    return build


def _note(state: TagState, made: Any, box: Any, element: Any) -> None:
    state.origin[id(made)] = element
    state.keep.append(made)
    if lang := state.other_language(element):
        made["Lang"] = pydyf.String(lang)
    if box.link_annotation:
        box.link_annotation["Contents"] = pydyf.String(link_contents(element))
        box.link_annotation["F"] = PRINT_FLAG


def wrap_add_tags(original: Callable[..., None]) -> Callable[..., None]:
    """Wrap ``add_tags``: after the tree is built, merge, reorder and mark artifacts."""

    def add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: list[Any]) -> None:
        original(pdf, document, pdf_version, page_streams)
        state = state_of(pdf)
        root = _deref(pdf, pdf.catalog["StructTreeRoot"])
        for kid in root["K"]:
            _tidy(pdf, state, _deref(pdf, kid))
        for page_number, mcids in state.artifacts.items():
            _mark_artifacts(page_streams[page_number], mcids)
        delattr(pdf, _STATE)

    return add_tags


def _deref(pdf: Any, reference: Any) -> Any:
    return pdf.objects[int(bytes(reference).split()[0])]


def _is_element(pdf: Any, kid: Any) -> bool:
    return isinstance(kid, bytes) and _deref(pdf, kid).get("Type") == "/StructElem"


def _mergeable(pdf: Any, state: TagState, first: Any, second: Any) -> bool:
    """Two fragments of one HTML element that hold only structure elements."""
    source = state.origin.get(id(first))
    return (source is not None and source is state.origin.get(id(second))
            and first["S"] == second["S"]
            and all(_is_element(pdf, kid) for kid in (*first["K"], *second["K"])))


def _tidy(pdf: Any, state: TagState, element: Any) -> None:
    """Merge adjacent fragments among ``element``'s children, order them, then recurse."""
    kids: list[Any] = []
    for kid in element["K"]:
        if kids and _is_element(pdf, kid) and _is_element(pdf, kids[-1]):
            previous, current = _deref(pdf, kids[-1]), _deref(pdf, kid)
            if _mergeable(pdf, state, previous, current):
                for grandchild in current["K"]:
                    _deref(pdf, grandchild)["P"] = previous.reference
                previous["K"].extend(current["K"])
                continue
        kids.append(kid)
    source = state.origin.get(id(element))
    sources = [state.origin.get(id(_deref(pdf, kid))) if _is_element(pdf, kid) else None
               for kid in kids]
    if all(s is not None and s is not source and id(s) in state.order for s in sources):
        ranked = sorted(range(len(kids)), key=lambda i: state.order[id(sources[i])])
        kids = [kids[i] for i in ranked]
    element["K"] = pydyf.Array(kids)
    for kid in kids:
        if _is_element(pdf, kid):
            _tidy(pdf, state, _deref(pdf, kid))


def _mark_artifacts(stream: Any, mcids: set[int]) -> None:
    """Turn the marked content of page-margin boxes into pagination artifacts."""
    ops = stream.stream
    for i, op in enumerate(ops):
        if isinstance(op, pydyf.Dictionary) and op.get("MCID") in mcids and i > 0:
            ops[i - 1] = "/Artifact"
            ops[i] = pydyf.Dictionary({"Type": "/Pagination"})


def install() -> None:
    """Patch WeasyPrint's tag writer once per process (see the module docstring)."""
    from weasyprint import pdf as weasy_pdf
    from weasyprint.pdf import tags as weasy_tags

    if getattr(weasy_tags, _STATE, False):
        return
    weasy_tags._build_box_tree = wrap_build(weasy_tags._build_box_tree)
    weasy_pdf.add_tags = wrap_add_tags(weasy_pdf.add_tags)
    setattr(weasy_tags, _STATE, True)
