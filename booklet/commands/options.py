"""The command line's shared pieces: the command classes with ``--debug``, ``-q`` and ``-v``
accepted before and after the command, and the options several commands take (with shell
completion of their values). Only click is imported here, so ``booklet --help`` stays light.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from booklet.batch.shard import Shard
    from booklet.load.project import Project


def _verbosity(ctx: click.Context, param: click.Parameter, value: int) -> None:
    from booklet.commands.console import configure

    if value:
        step = -1 if param.name == "quiet" else value
        ctx.meta["verbosity"] = ctx.meta.get("verbosity", 0) + step
        configure(ctx.meta["verbosity"])


def _debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["debug"] = True


def common_options() -> list[click.Parameter]:
    """``--debug``, ``-q`` and ``-v``: accepted before the command and after it alike."""
    return [
        click.Option(["--debug"], is_flag=True, expose_value=False, callback=_debug,
                     help="Show tracebacks instead of one-line errors."),
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_verbosity,
                     help="Only errors and the result."),
        click.Option(["-v", "--verbose"], count=True, expose_value=False, callback=_verbosity,
                     help="Every warning in full, and the debug log."),
    ]


class Command(click.Command):
    """A command that takes the common options after its name too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(common_options())


class Group(click.Group):
    """Commands with the common options; errors as one clean line, or a traceback with --debug."""

    command_class = Command
    group_class = type  # sub-groups are Groups too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.extend(common_options())

    def invoke(self, ctx: click.Context) -> Any:
        from booklet.commands.console import configure

        configure(ctx.meta.get("verbosity", 0))
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            if ctx.meta.get("debug"):
                traceback.print_exc()
            raise
        except Exception as exc:
            if ctx.meta.get("debug"):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)"
            ) from exc


SCHEMA_KINDS = ("region", "sections", "project", "terms", "review", "org")
"""The data files ``booklet schema`` describes (``booklet.commands.schema.MODELS``)."""


class Length(click.ParamType[float]):
    """A print length such as ``3mm`` or ``0.125in``, converted to millimetres (0 to 10)."""

    name = "length"
    units = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        """Millimetres from a number with a unit."""
        if isinstance(value, float):
            return value
        text = str(value).strip().lower()
        unit = next((u for u in self.units if text.endswith(u)), "")
        try:
            mm = float(text.removesuffix(unit) if unit else "x") * self.units.get(unit, 0)
        except ValueError:
            self.fail(f"{value!r} is not a length with a unit, such as 3mm or 0.125in", param, ctx)
        if not 0 <= mm <= 10:
            self.fail(f"{value!r} is outside 0 to 10 mm", param, ctx)
        return round(mm, 3)


def _project(ctx: click.Context) -> Project:
    from booklet.load.project import open_project

    return open_project(ctx.params.get("project_dir"))


def complete_regions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Region codes of the project (shell completion)."""
    from booklet.validate.regions import region_codes

    allowed = _project(ctx).config.regions
    return [c for c in allowed or region_codes(_project(ctx)) if c.startswith(incomplete)]


def complete_languages(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Languages with section text (shell completion)."""
    from booklet.validate.content import languages

    return [lang for lang in languages(_project(ctx)) if lang.startswith(incomplete)]


def complete_formats(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Format names (shell completion)."""
    from booklet.compose.formats import FORMATS

    return [name for name in FORMATS if name.startswith(incomplete)]


project_option = click.option(
    "--project", "project_dir", type=click.Path(path_type=Path, file_okay=False),
    help="Project folder (default: this folder if it has booklet.toml, else the shipped content).",
)


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> Shard | None:
    import logging
    import os

    from booklet.batch.shard import AUTO, auto_shard, parse_shard

    if value is None:
        return None
    if AUTO.fullmatch(value.strip()):
        shard, source = auto_shard(value, os.environ)
        logging.getLogger("booklet").info("--shard %s: %s, from %s", value, shard, source)
        return shard
    return parse_shard(value)


shard_option = click.option(
    "--shard", callback=_shard, metavar="K/N|auto",
    help="Build only the K-th of N deterministic slices of the work (for CI matrices); auto "
         "reads K and N from GitHub (BOOKLET_SHARD_INDEX/COUNT), GitLab or a Kubernetes "
         "Indexed Job (auto/N).",
)


def limits_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--timeout`` and ``--memory``: what each output may use while it renders."""
    from booklet.limits import RENDER_MEMORY_MIB, RENDER_SECONDS

    command = click.option(
        "--memory", type=click.IntRange(min=256), default=RENDER_MEMORY_MIB, show_default=True,
        metavar="MIB", help="Memory limit of each worker process, in MiB.")(command)
    return click.option(
        "--timeout", type=click.FloatRange(min=1), default=RENDER_SECONDS, show_default=True,
        metavar="SECONDS", help="Time limit to render one output; over it, the output fails.")(command)


org_option = click.option(
    "--org", type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Organization file (YAML) printed in the stamp area of every format.",
)
