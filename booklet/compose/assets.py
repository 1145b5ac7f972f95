"""``asset('logo.png')`` in templates: the address of a file in the project's ``assets/``.

Images a project's templates show live in ``assets/`` beside its ``booklet.toml``. The
address does not depend on where the document's stylesheets come from (a project that
overrides ``base.css`` and one that does not get the same file), the name is checked like
every name (no ``..``, no absolute paths), and the renderer may read that folder, and only
that folder, besides the stylesheets.
"""

from __future__ import annotations

from collections.abc import Callable

from booklet.errors import BookletError
from booklet.load.project import Project


def asset_url(project: Project) -> Callable[[str], str]:
    """The template function ``asset(name)`` for ``project``."""

    def asset(name: str) -> str:
        path = project.find("assets", name)
        if path is None:
            raise BookletError(f"assets/{name}: no such file (hint: put images in the assets/ "
                               "folder beside booklet.toml)")
        return path.as_uri()

    return asset
