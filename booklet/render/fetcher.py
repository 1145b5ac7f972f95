"""A WeasyPrint URL fetcher that reads only the project's own asset files.

No network, no ``data:`` URLs, no ``file://`` path outside the allowed folders, no file
over ``MAX_ASSET_BYTES`` or that is not a regular file, no raster image over
``IMAGE_PIXELS`` (checked from its header, before anything decodes it), no stylesheet
that imports itself. A refused URL stops the render (``fail_on_errors``) and is remembered,
with the reason, so the error can name it. Font subsets made for the document
(``booklet.render.subset``) are served from memory at their path in the cache folder.
"""

from __future__ import annotations

import io
import mimetypes
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from PIL import Image, UnidentifiedImageError
from weasyprint.urls import URLFetcher, URLFetcherResponse

from booklet.errors import display_path
from booklet.limits import ASSET_BYTES, IMAGE_PIXELS
from booklet.load.files import Unreadable, read_bytes

MAX_ASSET_BYTES = ASSET_BYTES
MAX_IMPORTS = 8
"""Times one stylesheet may be fetched in a render; more means an ``@import`` loop."""


class Refused(ValueError):
    """A URL the fetcher will not serve; ``loop`` when it is a stylesheet import loop."""

    def __init__(self, message: str, loop: bool = False) -> None:
        super().__init__(message)
        self.loop = loop


def too_many_pixels(data: bytes) -> str:
    """Why a raster image is over ``IMAGE_PIXELS``, read from its header (nothing is decoded);
    "" when it is within the limit or not an image Pillow knows."""
    limit = f"over the limit of {IMAGE_PIXELS:,} pixels"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        return limit
    except (UnidentifiedImageError, OSError, ValueError):
        return ""
    return f"{width}×{height} pixels, {limit}" if width * height > IMAGE_PIXELS else ""


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve ``file:`` URLs under the given folders; refuse everything else."""

    def __init__(self, roots: Iterable[Path], served: Mapping[Path, bytes] | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)
        self.served = dict(served or {})
        self.refused: list[str] = []
        self.loops: list[str] = []
        self.fetched: Counter[Path] = Counter()

    def _refuse(self, url: str, why: str) -> Refused:
        self.refused.append(f"{self.shown(url)} ({why})")
        return Refused(f"refused {self.shown(url)}: {why}")

    def shown(self, url: str) -> str:
        """A refused URL as its author knows it: a file by its path in its project (or in the
        shipped content), never by where booklet is installed."""
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve()
        folders = sorted({root.parent for root in self.roots if path.is_relative_to(root.parent)},
                         key=lambda folder: len(folder.parts))
        local = parts.scheme == "file" and parts.netloc in ("", "localhost")
        return path.relative_to(folders[-1]).as_posix()[:120] if local and folders else url[:120]

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return the file's bytes, or raise for anything not a project asset."""
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise self._refuse(url, f"{parts.scheme or 'relative'} URLs are not fetched")
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, "remote file URLs are not fetched")
        path = Path(url2pathname(parts.path)).resolve()
        if path in self.served:
            return URLFetcherResponse(path.as_uri(), self.served[path], {"Content-Type": "font/otf"})
        root = next((root for root in self.roots if path.is_relative_to(root)), None)
        if root is None:
            raise self._refuse(url, "outside the project's asset folders")
        if not path.exists():
            raise self._refuse(url, "no such file")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.fetched[path] += 1
        if mime == "text/css" and self.fetched[path] > MAX_IMPORTS:
            self.loops.append(display_path(path))
            raise Refused(f"{display_path(path)} imports itself", loop=True)
        try:
            data = read_bytes(path, MAX_ASSET_BYTES, root)
        except Unreadable as exc:
            raise self._refuse(url, exc.problem.message) from exc
        bomb = too_many_pixels(data) if mime.startswith("image/") and mime != "image/svg+xml" else ""
        if bomb:
            raise self._refuse(url, bomb)
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})
