"""A WeasyPrint URL fetcher that reads only the project's own asset files.

No network, no ``data:`` URLs, no ``file://`` path outside the allowed folders, no file
over ``MAX_ASSET_BYTES``. A refused URL stops the render (``fail_on_errors``) and is
remembered so the error can name it. Font subsets made for the document
(``booklet.render.subset``) are served from memory at their path in the cache folder.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

MAX_ASSET_BYTES = 4 * 1024 * 1024


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve ``file:`` URLs under the given folders; refuse everything else."""

    def __init__(self, roots: Iterable[Path], served: Mapping[Path, bytes] | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)
        self.served = dict(served or {})
        self.refused: list[str] = []

    def _refuse(self, url: str, why: str) -> ValueError:
        self.refused.append(f"{url[:120]} ({why})")
        return ValueError(f"refused {url[:120]}: {why}")

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
        if not any(path.is_relative_to(root) for root in self.roots):
            raise self._refuse(url, "outside the project's asset folders")
        if not path.is_file():
            raise self._refuse(url, "no such file")
        if path.stat().st_size > MAX_ASSET_BYTES:
            raise self._refuse(url, f"larger than {MAX_ASSET_BYTES} bytes")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
