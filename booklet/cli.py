"""The command line: parses options and hands over to plain functions.

Kept thin and cheap to import: WeasyPrint and the pipeline load only inside the commands
that need them, so ``booklet --help`` answers at once.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import click

from booklet import __version__


class _Group(click.Group):
    """Turn errors into one clean line, or a traceback with --debug."""

    def invoke(self, ctx: click.Context) -> Any:
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


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="booklet")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build printable handouts about heroin, opioid use disorder and treatment."""
    ctx.meta["debug"] = debug


project_option = click.option(
    "--project", "project_dir", type=click.Path(path_type=Path, file_okay=False),
    help="Project folder (default: this folder if it has booklet.toml, else the shipped content).",
)


@cli.command()
@click.option("-r", "--region", "regions", multiple=True, help="Region code, e.g. us-ny (repeatable).")
@click.option("-l", "--lang", "langs", multiple=True, help="Language tag, e.g. es (repeatable).")
@click.option("-f", "--format", "formats", multiple=True, help="Format, e.g. booklet (repeatable).")
@click.option("--all", "every", is_flag=True, help="Every region with each of its languages.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Output folder.")
@click.option("--html", is_flag=True, help="Also keep the composed HTML beside each PDF.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--allow-stale", is_flag=True, help="Build regions with helplines checked over 24 months ago.")
@project_option
def build(regions: tuple[str, ...], langs: tuple[str, ...], formats: tuple[str, ...], every: bool,
          out: Path, html: bool, strict: bool, allow_stale: bool, project_dir: Path | None) -> None:
    """Build handout PDFs (default: the project's default region, language and format)."""
    from booklet.commands.build import build_command

    build_command(regions, langs, formats, every, out, html, strict, allow_stale, project_dir)


@cli.command()
@click.argument("kind", type=click.Choice(["region", "sections", "project"]), default="region")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file.")
def schema(kind: str, out: Path | None) -> None:
    """Print the JSON Schema of a data file, for editor autocompletion."""
    from booklet.commands.schema import schema_json

    text = schema_json(kind)
    if out is None:
        click.echo(text)
    else:
        from booklet.write.atomic import write_atomic

        write_atomic(out.resolve(), text.encode("utf-8"))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="booklet", auto_envvar_prefix="BOOKLET")

