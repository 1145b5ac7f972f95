"""The inputs hash: one digest per output over everything that can change its bytes.

Covered: the section templates of the output's language and of English (the fallback) with
the layouts, parts and ``sections.yaml`` in every layer; every file under ``styles/`` and
``assets/``;
the region file and each parent it inherits from; the language's ``locales/`` catalog; the
font files fontconfig resolves for the stylesheets' families in that language (path, size,
modification time); the booklet sources and version, the versions of WeasyPrint and the
libraries that shape the output; the build options and the document date.

Computing it reads small files and stats fonts — it never composes or imports WeasyPrint —
so checking a whole matrix that has not changed takes milliseconds. Each file is read once
per run however many outputs share it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path

import booklet
from booklet.build import diskcache
from booklet.build.fonts import FontFiles, css_families, fingerprint, font_files, native_versions
from booklet.finish.profile import profile_path
from booklet.limits import ASSET_BYTES
from booklet.load.files import Unreadable, read_bytes
from booklet.load.project import Kind, Project
from booklet.models.common import LANG_TAG
from booklet.models.job import Job
from booklet.validate.regions import Region

LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "jinja2", "babel",
             "phonenumbers", "pydantic", "pyyaml")


def sha256_hex(data: bytes) -> str:
    """The sha256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """The sha256 of a file's bytes, in hex (read in blocks: memory stays flat)."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _css(path: Path) -> str:
    """A stylesheet's text for the font families it names; "" when the render will refuse it."""
    try:
        return read_bytes(path, ASSET_BYTES).decode("utf-8", "replace")
    except Unreadable:
        return ""


def sources_digest(package: Path) -> str:
    """One digest of every source file of ``package``, kept in the cache folder by the
    files' names, sizes and modification times: reading and hashing 120 files is most of
    what a no-change rebuild would spend on them."""
    stamps = [(p.relative_to(package).as_posix(), p.stat()) for p in sorted(package.rglob("*.py"))]
    key = diskcache.key(package, *((name, info.st_size, info.st_mtime_ns) for name, info in stamps))
    memo = diskcache.folder("sources") / f"{key}.digest"
    known = diskcache.read(memo, 64)
    if known is not None:
        return known.decode("ascii")
    digest = sha256_hex("\n".join(f"{name} {file_digest(package / name)}" for name, _ in stamps).encode())
    diskcache.write(memo, digest.encode("ascii"))
    return digest


@cache
def tool_fingerprint() -> str:
    """The booklet version and sources, and the versions of the libraries that shape output."""
    package = Path(booklet.__file__).parent
    lines = [f"booklet {booklet.__version__}", native_versions(), sources_digest(package)]
    for name in LIBRARIES:
        try:
            lines.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            lines.append(f"{name} missing")
    return sha256_hex("\n".join(lines).encode())


class InputsHasher:
    """Inputs hashes for the outputs of one build, sharing file digests between them."""

    def __init__(self, project: Project, options: Mapping[str, object],
                 created: datetime | None) -> None:
        self.project = project
        self._digests: dict[Path, str] = {}
        self._trees: dict[tuple[str, str], str] = {}
        self._fonts: dict[str, str] = {}
        self._font_files: FontFiles | None = None
        settings = json.dumps({"options": {k: str(v) for k, v in options.items()},
                               "created": created.isoformat() if created else None,
                               "config": project.config.model_dump(mode="json")}, sort_keys=True)
        self.common = sha256_hex("\n".join([tool_fingerprint(), settings, self._tree("styles", ""),
                                            self._tree("assets", "")]).encode())
        if options.get("pdfx"):  # the output profile is embedded in every --pdfx file
            self.common = sha256_hex(f"{self.common} {file_digest(profile_path())}".encode())

    def _digest(self, path: Path) -> str:
        if path not in self._digests:
            self._digests[path] = file_digest(path)
        return self._digests[path]

    def _tree(self, kind: Kind, lang: str) -> str:
        """Digest of the ``kind`` files in every layer; under sections/ and locales/ only
        the language folders ``lang`` (and English, the fallback) count."""
        key = (kind, lang)
        if key not in self._trees:
            keep = {lang, "en"} if kind == "sections" else {lang}
            lines = []
            for layer, root in enumerate(self.project.layers):
                folder = root / kind
                inside = (p for p in folder.rglob("*") if p.resolve().is_relative_to(root))
                for path in sorted(p for p in inside if p.is_file()):
                    rel = path.relative_to(folder).as_posix()
                    top = rel.split("/")[0]
                    if (kind in ("sections", "locales") and "/" in rel and LANG_TAG.fullmatch(top)
                            and top not in keep):
                        continue
                    lines.append(f"{layer} {rel} {self._digest(path)}")
            self._trees[key] = sha256_hex("\n".join(lines).encode())
        return self._trees[key]

    def fonts(self, lang: str) -> str:
        """Digest of the font files the stylesheets' families resolve to in ``lang``."""
        if lang not in self._fonts:
            if self._font_files is None:
                self._font_files = font_files()
            sheets = [_css(p) for folder in self.project.folders("styles")
                      for p in sorted(folder.rglob("*.css"))]
            files = self._font_files.resolve(css_families(sheets), lang)
            self._fonts[lang] = sha256_hex("\n".join(fingerprint(files)).encode())
        return self._fonts[lang]

    def inputs_hash(self, job: Job, region: Region) -> str:
        """The inputs hash of one output."""
        parts = [self.common, job.label, f"stale {region.stale}",
                 self._tree("sections", job.lang), self._tree("locales", job.lang), self.fonts(job.lang)]
        parts += [f"{path.name} {self._digest(path)}" for path in region.files]
        return sha256_hex("\n".join(parts).encode())
