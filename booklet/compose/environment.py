"""The Jinja2 environment: sandboxed, autoescaped, strict, bounded, with a confined loader.

Templates may come from an outreach worker's project folder, so every template renders in
an immutable sandbox. Names resolve user folder first, then the shipped templates; a
template extends the shipped original explicitly as ``!base/layouts/booklet.html.j2``.
Every template file is read through ``booklet.load.files``: resolved inside its own layer
(a symlink out of the project is refused), a regular file, at most ``TEMPLATE_BYTES``.

The sandbox is bounded as well as safe: loop iterations and calls share one budget per
document (``TEMPLATE_STEPS``); repeating a string or list, raising to a power, integer
arguments to filters and methods and format widths are limited to ``TEMPLATE_VALUE``;
the composed HTML to ``TEMPLATE_OUTPUT`` characters (``render_bounded``).

Compiling the templates costs a new process ~50 ms, a third of composing a document, so
the compiled code is kept in the user's cache folder (``booklet.build.diskcache``), named
by the template's name, file and source and by this module's own source (which decides
what the sandbox compiles): an edited template or a new booklet compiles afresh.
"""

from __future__ import annotations

import math
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    Environment,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateRuntimeError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from booklet.build import diskcache
from booklet.errors import BookletError, display_path
from booklet.limits import MIB, TEMPLATE_BYTES, TEMPLATE_OUTPUT, TEMPLATE_STEPS, TEMPLATE_VALUE
from booklet.load.files import read_text
from booklet.load.project import check_name

BASE_PREFIX = "!base"
BOUNDED = "_booklet_bounded"
MAX_POWER_DIGITS = 100
WIDE_FORMAT = re.compile(r"%(?:\([^)]*\))?[^a-zA-Z%]*[0-9]{7}|\{[^{}]*:[^{}]*[0-9]{7}")
COMPILED_BYTES = 4 * MIB
"""The most a compiled template read back from the cache may be."""
_steps: ContextVar[list[int] | None] = ContextVar("template_steps", default=None)


class TemplateLimit(TemplateRuntimeError):
    """A template went over one of the sandbox's limits (or of what it may print)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint or ("templates print text and data; they cannot do this much work "
                             "(see README 'Limits')")


class ConfinedLoader(BaseLoader):
    """Loads ``name`` from the first ``sections`` folder that has it; ``!base/name`` from the
    shipped one. Each file must resolve inside its layer (the folder above ``sections``)."""

    def __init__(self, folders: tuple[Path, ...], shipped: Path) -> None:
        self.folders = folders
        self.shipped = shipped

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        """The source of ``template``, its file name, and an up-to-date check."""
        name, folders = template, self.folders
        if template.startswith(f"{BASE_PREFIX}/"):
            name, folders = template.removeprefix(f"{BASE_PREFIX}/"), (self.shipped,)
        try:
            check_name(name, "template name")
        except BookletError as exc:
            raise TemplateLimit(exc.message, "name templates inside sections/ as parts/name.html.j2"
                                ) from exc
        for folder in folders:
            path = folder / name
            if path.is_symlink() or path.exists():
                return read_text(path, TEMPLATE_BYTES, root=folder.parent), str(path), lambda: True
        raise TemplateNotFound(template)


def _spend(count: int) -> None:
    left = _steps.get()
    if left is not None:
        left[0] -= count
        if left[0] < 0:
            raise TemplateLimit(f"more than {TEMPLATE_STEPS:,} loop iterations and calls in one document")


def _bounded(iterable: Iterable[Any]) -> Iterable[Any]:
    """What a ``for`` loop iterates over, charged to the document's budget."""
    if hasattr(iterable, "__len__"):
        _spend(len(iterable))  # type: ignore[arg-type]
        return iterable
    return _counted(iterable)


def _counted(iterable: Iterable[Any]) -> Iterator[Any]:
    for item in iterable:
        _spend(1)
        yield item


def _check_value(value: Any) -> None:
    if isinstance(value, int) and abs(value) > TEMPLATE_VALUE:
        raise TemplateLimit(f"{value} is larger than templates may use ({TEMPLATE_VALUE:,})")
    if isinstance(value, tuple | list):
        for item in value[:64]:
            _check_value(item)
    elif isinstance(value, Mapping):
        for item in list(value.values())[:64]:
            _check_value(item)


def _check_format(text: Any) -> None:
    if isinstance(text, str) and WIDE_FORMAT.search(text):
        raise TemplateLimit(f"a format width over {TEMPLATE_VALUE:,} characters")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    value_at = 1 if hasattr(function, "jinja_pass_arg") else 0  # after a context, if passed

    @wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _spend(1)
        _check_value(args[value_at + 1:])
        _check_value(kwargs)
        if name == "format" and len(args) > value_at:
            _check_format(args[value_at])
        return function(*args, **kwargs)

    return bounded


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with limits on work and on the size of what templates build."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        self.filters[BOUNDED] = _bounded

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, BOUNDED, [], [], None, None, lineno=loop.lineno)
        return tree

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**`` and ``%`` with the size of their result bounded first."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if hasattr(seq, "__len__") and isinstance(times, int) and len(seq) * times > TEMPLATE_VALUE:
                    raise TemplateLimit(f"a value of {len(seq) * times:,} items or characters")
        elif operator == "**" and isinstance(left, int | float) and isinstance(right, int | float):
            if abs(left) > 1 and right * math.log10(abs(left)) > MAX_POWER_DIGITS:
                raise TemplateLimit(f"{left} ** {right} has more than {MAX_POWER_DIGITS} digits")
        elif operator == "%" and isinstance(left, str):
            _check_format(left)
            _check_value(right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from template code: charged to the budget, with its integers bounded."""
        _spend(1)
        _check_value(args)
        _check_value(kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` as the sandbox allows it, refusing huge widths."""
        _check_format(getattr(value, "__self__", None))
        return super().wrap_str_format(value)


class CompiledTemplates(BytecodeCache):
    """Compiled templates in the user's cache folder (see the module docstring)."""

    def __init__(self) -> None:
        self.compiler = diskcache.key(Path(__file__).read_bytes())

    def _entry(self, bucket: Bucket) -> Path:
        name = diskcache.key(self.compiler, bucket.key, bucket.checksum)
        return diskcache.folder("templates") / f"{name}.code"

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from its entry, if there is one (Jinja checks what it holds)."""
        data = diskcache.read(self._entry(bucket), COMPILED_BYTES)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Store ``bucket``'s compiled code, atomically."""
        diskcache.write(self._entry(bucket), bucket.bytecode_to_string())


@lru_cache(maxsize=32)
def environment(folders: tuple[Path, ...], shipped: Path) -> BoundedSandbox:
    """A sandboxed environment over the ``sections`` folders (user's first)."""
    env = BoundedSandbox(
        loader=ConfinedLoader(folders, shipped), autoescape=True, undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
        auto_reload=False, bytecode_cache=CompiledTemplates(),
    )
    env.policies["ext.i18n.trimmed"] = True
    # {% trans %} blocks call gettext(message, **values); each document supplies its own
    # gettext (booklet.compose.i18n), which escapes the translation and fills the values.
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    return env


@contextmanager
def template_budget() -> Iterator[None]:
    """Give the templates rendered inside a fresh budget of ``TEMPLATE_STEPS``."""
    token = _steps.set([TEMPLATE_STEPS])
    try:
        yield
    finally:
        _steps.reset(token)


def render_bounded(template: Template, context: dict[str, Any]) -> str:
    """Render ``template`` within the budget, refusing more than ``TEMPLATE_OUTPUT`` characters."""
    parts: list[str] = []
    size = 0
    with template_budget():
        for chunk in template.generate(context):
            size += len(chunk)
            if size > TEMPLATE_OUTPUT:
                raise TemplateLimit(f"the document is over {TEMPLATE_OUTPUT:,} characters of HTML")
            parts.append(chunk)
    return "".join(parts)


def _hint(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        return "no template of that name in sections/; check the name in include, import or extends"
    if isinstance(exc, UndefinedError):
        return "the name is misspelt or not given to templates; see README 'Templates'"
    if isinstance(exc, SecurityError):
        return "templates cannot do this in the sandbox"
    if isinstance(exc, TemplateLimit):
        return exc.hint
    if isinstance(exc, MemoryError):
        return "templates print text and data; they cannot build values this large"
    if isinstance(exc, RecursionError):
        return "a macro calls itself without end"
    return "the expression on that line cannot be worked out"


def template_error(exc: BaseException) -> BookletError:
    """A one-line error naming the template file and line, for anything a template raised."""
    if isinstance(exc, BookletError):
        return exc
    if isinstance(exc, TemplateSyntaxError):
        where = f"{display_path(Path(exc.filename))}:{exc.lineno}" if exc.filename else "template"
        return BookletError(f"{where}: template syntax: {exc.message} (hint: check the tag on that line)")
    frames = [f for f in traceback.extract_tb(sys.exc_info()[2] or exc.__traceback__)
              if f.filename.endswith(".j2")]
    where = f"{display_path(Path(frames[-1].filename))}:{frames[-1].lineno}" if frames else "template"
    if isinstance(exc, TemplateNotFound):
        text = f"template {exc.name!r} not found"
    elif isinstance(exc, TemplateError):
        text = str(exc)
    elif isinstance(exc, MemoryError):
        text = "ran out of memory"
    else:
        text = f"{type(exc).__name__}: {exc}"
    return BookletError(f"{where}: {text[:300]} (hint: {_hint(exc)})")
