"""The Jinja2 environment: sandboxed, autoescaped, strict, with a loader chain.

Templates may come from an outreach worker's project folder, so every template renders in
an immutable sandbox. Names resolve user folder first, then the shipped templates; a
template extends the shipped original explicitly as ``!base/layouts/booklet.html.j2``.
"""

from __future__ import annotations

import sys
import traceback
from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment

from booklet.errors import BookletError, display_path

BASE_PREFIX = "!base"


@lru_cache(maxsize=32)
def environment(folders: tuple[Path, ...], shipped: Path) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment over the ``sections`` folders (user's first)."""
    loader = ChoiceLoader([
        PrefixLoader({BASE_PREFIX: FileSystemLoader(shipped)}),
        *(FileSystemLoader(folder) for folder in folders),
    ])
    env = ImmutableSandboxedEnvironment(
        loader=loader, autoescape=True, undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    # {% trans %} blocks call gettext(message, **values); each document supplies its own
    # gettext (booklet.compose.i18n), which escapes the translation and fills the values.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    return env


def template_error(exc: TemplateError) -> BookletError:
    """A one-line error naming the template file and line."""
    if isinstance(exc, TemplateSyntaxError):
        where = f"{display_path(Path(exc.filename))}:{exc.lineno}" if exc.filename else "template"
        return BookletError(f"{where}: template syntax: {exc.message} (hint: check the tag on that line)")
    frames = [f for f in traceback.extract_tb(sys.exc_info()[2] or exc.__traceback__)
              if f.filename.endswith(".j2")]
    where = f"{display_path(Path(frames[-1].filename))}:{frames[-1].lineno}" if frames else "template"
    hint = ("the name is misspelt or not given to templates; see README 'Templates'"
            if "undefined" in str(exc) else "templates cannot call this in the sandbox")
    return BookletError(f"{where}: {exc} (hint: {hint})")
