"""Catalog messages are text: escape them, keep a few inline tags, check their placeholders.

A translation comes from a ``.po`` file that anyone may have edited, so it never reaches the
page as raw HTML. Everything in it is escaped, then the inline tags a sentence may carry
(``<strong>``, ``<em>``, ``<b>``, ``<i>``) are let through again, bare, without attributes.
Links and numbers are placeholders (``%(link)s``, ``%(number)s``) whose values the template
supplies and escapes; a translator can move them but not drop, add or rename them, and
cannot add or remove a tag: a catalog that would hide the emergency number is refused.
"""

from __future__ import annotations

import re
from collections import Counter

from markupsafe import Markup, escape

INLINE_TAGS = ("strong", "em", "b", "i")
_ESCAPED_TAG = re.compile(r"&lt;(/?)(" + "|".join(INLINE_TAGS) + r")&gt;")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
PLACEHOLDER = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)s|%%")


def placeholders(text: str) -> Counter[str]:
    """The named ``%(name)s`` placeholders in ``text``, with how often each occurs."""
    return Counter(m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1))


def tags(text: str) -> Counter[str]:
    """The tags in ``text`` (``strong``, ``/strong`` …), with how often each occurs."""
    return Counter(m.group(1) + m.group(2).lower() for m in _TAG.finditer(text))


def message_problem(msgid: str, translation: str) -> str | None:
    """Why ``translation`` may not stand for ``msgid``, or None when it may."""
    if PLACEHOLDER.sub("", translation).count("%"):
        return "a lone '%' (write '%%' for a percent sign, or use the placeholders as in the English)"
    want, have = placeholders(msgid), placeholders(translation)
    if want != have:
        missing = sorted(set(want) - set(have))
        extra = sorted(set(have) - set(want))
        parts = [f"drops %({n})s" for n in missing] + [f"adds %({n})s" for n in extra]
        return "placeholders differ from the English: " + (", ".join(parts) or "different counts")
    if tags(translation) != tags(msgid):
        return (f"markup differs from the English (allowed inline tags: {', '.join(INLINE_TAGS)}; "
                "keep the same ones as the English)")
    if not _balanced(translation):
        return "inline tags are not closed in order"
    return None


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if not m.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def as_markup(text: str) -> Markup:
    """``text`` escaped, with the bare inline tags of ``INLINE_TAGS`` kept as markup."""
    return Markup(_ESCAPED_TAG.sub(r"<\1\2>", str(escape(text))))  # noqa: S704 (escaped above)


def fill(text: str, values: dict[str, object]) -> Markup:
    """Escape ``text`` as ``as_markup`` does and put the (escaped) values in its placeholders."""
    return as_markup(text) % values
