"""The HTML kept with ``--html``: one self-contained file that opens the same anywhere.

The renderer is given the stylesheets separately, so the composed HTML names none. For a
person opening the kept file in a browser (or mailing it) the stylesheets are put inside
it, in the order the renderer applies them, and every file it names (the clinic's logo,
a project's images, what a stylesheet points at) becomes a ``data:`` URL. Files are read
the way the renderer reads them: only from the folders it may read, within its limits.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from booklet.compose.document import Composed
from booklet.limits import ASSET_BYTES
from booklet.load.files import Unreadable, read_bytes, read_text

SRC = re.compile(r'(\s(?:src|href)=")(file:[^"]+)(")')
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def _data_url(path: Path, roots: tuple[Path, ...]) -> str | None:
    """``path`` as a ``data:`` URL when it lies in one of ``roots`` and can be read; else None."""
    root = next((r for r in roots if path.resolve().is_relative_to(r.resolve())), None)
    if root is None:
        return None
    try:
        data = read_bytes(path, ASSET_BYTES, root)
    except Unreadable:
        return None
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _file_url(url: str, roots: tuple[Path, ...]) -> str:
    parts = urlsplit(url)
    return _data_url(Path(unquote(parts.path)), roots) or url


def _inline_css(text: str, folder: Path, roots: tuple[Path, ...]) -> str:
    """A stylesheet with the files it names (relative to ``folder``) as ``data:`` URLs, made
    safe to sit inside a ``<style>`` element."""

    def inline(match: re.Match[str]) -> str:
        target = match[2].strip()
        if target.startswith("file:"):
            return f'url("{_file_url(target, roots)}")'
        if ":" in target or target.startswith("#"):
            return match[0]
        data = _data_url(folder / unquote(target), roots)
        return f'url("{data}")' if data else match[0]

    return CSS_URL.sub(inline, text).replace("</", "<\\/")


def standalone_html(doc: Composed, roots: tuple[Path, ...]) -> str:
    """``doc``'s HTML with its stylesheets and the files it names inside it."""
    sheets = [_inline_css(read_text(path, ASSET_BYTES), path.parent, roots) for path in doc.stylesheets]
    styles = "".join(f"<style>\n{css}\n</style>\n" for css in [*sheets, doc.page_css])
    replace: Callable[[re.Match[str]], str] = lambda m: m[1] + _file_url(m[2], roots) + m[3]  # noqa: E731
    return SRC.sub(replace, doc.html).replace("</head>", styles + "</head>", 1)
