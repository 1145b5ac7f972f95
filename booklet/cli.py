"""The command line: parses options and hands over to plain functions.

Kept thin and cheap to import: WeasyPrint and the pipeline load only inside the commands
that need them, so ``booklet --help`` answers at once. Options shared by several commands
are in ``booklet.commands.options``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from booklet import __version__
from booklet.commands.options import (
    SCHEMA_KINDS,
    Group,
    Length,
    complete_formats,
    complete_languages,
    complete_regions,
    limits_options,
    org_option,
    project_option,
    shard_option,
)

if TYPE_CHECKING:
    from booklet.batch.shard import Shard


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="booklet")
def cli() -> None:
    """Build printable handouts about heroin, opioid use disorder and treatment.

    Run it in a project folder (one with booklet.toml, or below one) or with --project;
    without one it uses the content shipped with booklet. Start a project with `booklet init`.
    """


@cli.command()
@click.option("-r", "--region", "regions", multiple=True, shell_complete=complete_regions,
              help="Region code, e.g. us-ny (repeatable).")
@click.option("-l", "--lang", "langs", multiple=True, shell_complete=complete_languages,
              help="Language tag, e.g. es (repeatable); a language the region does not offer is "
                   "built only when named.")
@click.option("-f", "--format", "formats", multiple=True, shell_complete=complete_formats,
              help="Format: booklet, large-print, trifold or card (repeatable).")
@click.option("--all", "every", is_flag=True,
              help="Every region with each of its languages, in every format (filters narrow it).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Output folder  [default: out/ in the project folder]")
@click.option("--html", is_flag=True,
              help="Also keep each PDF's HTML beside it, self-contained (styles and images inside).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--allow-stale", is_flag=True, help="Build regions with helplines checked over 24 months ago.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Outputs rendered at once, in warm worker processes  [default: number of cores]")
@click.option("--force", is_flag=True, help="Rebuild outputs whose inputs have not changed.")
@click.option("--cache-from", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="An earlier build's output folder (e.g. restored from a CI cache): outputs up to "
                   "date there are copied instead of built.")
@click.option("--impose", is_flag=True,
              help="Also write <format>-imposed.pdf: booklet pages 2-up in saddle-stitch order.")
@click.option("--bleed", type=Length(), default="0mm", show_default=True,
              help="Print-shop bleed, e.g. 3mm or 0.125in; adds crop marks outside it.")
@click.option("--pdfx", is_flag=True,
              help="Print files as PDF/X-4: CMYK (FOGRA39 output intent), still PDF/UA-1.")
@org_option
@shard_option
@limits_options
@project_option
def build(regions: tuple[str, ...], langs: tuple[str, ...], formats: tuple[str, ...], every: bool,
          out: Path | None, html: bool, strict: bool, allow_stale: bool, jobs: int | None, force: bool,
          cache_from: Path | None, impose: bool, bleed: float, pdfx: bool, org: Path | None,
          shard: Shard | None, timeout: float, memory: int, project_dir: Path | None) -> None:
    """Build handout PDFs (default: the project's default region, language and format).

    Outputs whose inputs have not changed since the last build are skipped; every output is
    recorded in OUT/manifest.json.
    """
    from booklet.commands.build import build_command
    from booklet.limits import RenderLimits

    build_command(regions, langs, formats, every, out, html, strict, allow_stale, project_dir,
                  jobs=jobs, force=force, impose=impose, bleed=bleed, org=org, shard=shard,
                  limits=RenderLimits(timeout, memory), cache_from=cache_from, pdfx=pdfx)


@cli.command()
@click.argument("csv_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("-r", "--region", shell_complete=complete_regions,
              help="Region code, e.g. us-ny, for rows without a region column  [default: the project's]")
@click.option("-l", "--lang", "langs", multiple=True, shell_complete=complete_languages,
              help="Language tag, e.g. es (repeatable), for rows without a language column.")
@click.option("-f", "--format", "formats", multiple=True, shell_complete=complete_formats,
              help="Format, e.g. card (repeatable), for rows without a formats column.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Output folder: OUT/<clinic-slug>/<region>/<lang>/<format>.pdf  "
                   "[default: out/batch/ in the project folder]")
@click.option("--rows", "row_range", metavar="RANGE",
              help="Build only these rows, numbered as a spreadsheet shows them (the header is "
                   "row 1): 2-40, 5, 2-10,15 or 30-.")
@click.option("--combined", is_flag=True,
              help="Also write OUT/card-sheets.pdf: every clinic's card sheet in one file, in row "
                   "order, for the print shop.")
@click.option("--encoding", type=click.Choice(["utf-8", "windows-1252"]),
              help="The file's text encoding, for legacy files  [default: detected]")
@click.option("--separator", type=click.Choice(["comma", "semicolon", "tab"]),
              help="The character between cells  [default: detected]")
@click.option("--strict", is_flag=True, help="Stop at the first bad row or failed output.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Outputs rendered at once, in warm worker processes  [default: number of cores]")
@shard_option
@limits_options
@project_option
def batch(csv_file: Path, region: str | None, langs: tuple[str, ...], formats: tuple[str, ...],
          out: Path | None, row_range: str | None, combined: bool, encoding: str | None,
          separator: str | None, strict: bool, jobs: int | None, shard: Shard | None,
          timeout: float, memory: int, project_dir: Path | None) -> None:
    """Build one set of outputs per organization (row) in CSV_FILE; see README 'Batch'.

    The columns are the fields of `booklet schema org`, plus optional region, language and
    formats columns that choose what each row builds.
    """
    from booklet.batch.csvfile import DELIMITERS
    from booklet.batch.select import parse_rows
    from booklet.commands.batch import BatchRequest, batch_command
    from booklet.limits import RenderLimits

    separators = {name: char for char, name in DELIMITERS.items()}
    request = BatchRequest(region, langs, formats, out, strict, jobs, shard,
                           parse_rows(row_range) if row_range else None, combined, encoding,
                           separators[separator] if separator else None, RenderLimits(timeout, memory))
    batch_command(csv_file, request, project_dir)


@cli.command()
@click.argument("kind", type=click.Choice(SCHEMA_KINDS), default="region")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write to this file.")
def schema(kind: str, out: Path | None) -> None:
    """Print the JSON Schema of a data file, for editor autocompletion.

    KIND: region (regions/*.yaml), org (an --org file; its fields are also the columns of a
    batch CSV), project (booklet.toml), sections, terms, review.
    """
    from booklet.commands.schema import schema_json

    text = schema_json(kind)
    if out is None:
        click.echo(text)
    else:
        from booklet.write.atomic import write_atomic

        # Relative to the working folder (a project), no link may lead the write elsewhere.
        write_atomic(out, text.encode("utf-8"), within=Path.cwd() if not out.is_absolute() else out.parent)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (for CI).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--links", is_flag=True,
              help="Instead: fetch every source, evidence, reference and locator address, and check "
                   "that each helpline's evidence page still shows its number (cached for a day).")
@project_option
def check(as_json: bool, strict: bool, links: bool, project_dir: Path | None) -> None:
    """Check reading level, wording, references and region data, without building PDFs."""
    if links:
        from booklet.commands.links import links_command

        links_command(project_dir, as_json)
        return
    from booklet.commands.check import check_command

    check_command(project_dir, as_json, strict)


@cli.command()
@click.argument("region", required=False, shell_complete=complete_regions)
@click.argument("entry_id", metavar="ID", required=False)
@click.option("--how", type=click.Choice(["called", "official-page", "secondary"]),
              help="called: you phoned and they confirmed; official-page: you read it on their page.")
@click.option("--by", help="Who checked: your name or organization.")
@click.option("--evidence", help="The page you read (https), or for a call, what was said.")
@click.option("--note", help="Anything the next checker should know.")
@click.option("--list", "show_due", is_flag=True, help="List what is due for a check, most urgent first.")
@click.option("--months", type=click.IntRange(min=1), default=12, show_default=True,
              help="With --list: records older than this are due.")
@click.option("--json", "as_json", is_flag=True, help="With --list: print JSON.")
@project_option
def verify(region: str | None, entry_id: str | None, how: str | None, by: str | None,
           evidence: str | None, note: str | None, show_due: bool, months: int, as_json: bool,
           project_dir: Path | None) -> None:
    """Record a check of helpline ID (or 'locator') of REGION, dated the build date.

    The record goes into the region file that defines the entry, keeping its comments.
    """
    if show_due:
        if region or entry_id:
            raise click.UsageError("--list takes no REGION or ID")
        from booklet.commands.verify import verify_list_command

        verify_list_command(months, as_json, project_dir)
        return
    if not (region and entry_id and how and by):
        raise click.UsageError("give REGION, ID, --how and --by (or --list)")
    from booklet.commands.verify import verify_command

    verify_command(region, entry_id, how, by, evidence, note, project_dir)


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but loopback requires a token.")
@click.option("--token", help="Access token for other addresses (default: a random one, printed).")
@click.option("--open", "open_browser", is_flag=True, help="Open the studio in the web browser.")
@project_option
def serve(port: int, host: str, token: str | None, open_browser: bool, project_dir: Path | None) -> None:
    """Start the studio: make handouts in a web browser (see README 'Studio')."""
    from booklet.serve.server import serve_command

    serve_command(project_dir, host, port, token, open_browser)


@cli.group()
def i18n() -> None:
    """Translator workflow: extract → update → translate (Poedit, Weblate) → compile → status."""


@i18n.command("extract")
@project_option
def i18n_extract(project_dir: Path | None) -> None:
    """Collect every message of the English templates into locales/booklet.pot."""
    from booklet.commands.i18n import extract
    from booklet.errors import display_path
    from booklet.load.project import open_project

    path, catalog = extract(open_project(project_dir))
    click.echo(f"{len(catalog)} messages -> {display_path(path)}")


@i18n.command("update")
@click.option("-l", "--lang", "langs", multiple=True,
              help="Language tag (repeatable)  [default: every language with a catalog]")
@project_option
def i18n_update(langs: tuple[str, ...], project_dir: Path | None) -> None:
    """Extract the English again and merge it into the catalogs; changed English is marked fuzzy."""
    from booklet.commands.i18n import update
    from booklet.errors import display_path
    from booklet.load.project import open_project

    for path in update(open_project(project_dir), list(langs)):
        click.echo(f"updated {display_path(path)}")


@i18n.command("compile")
@project_option
def i18n_compile(project_dir: Path | None) -> None:
    """Read every catalog as the build does; fail on bad translations (placeholders, markup)."""
    from booklet.commands.i18n import compile_command

    compile_command(project_dir)


@i18n.command("status")
@click.option("-l", "--lang", "langs", multiple=True, help="Language tag (repeatable)  [default: all]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@project_option
def i18n_status(langs: tuple[str, ...], as_json: bool, project_dir: Path | None) -> None:
    """Translated, outdated (fuzzy) and missing messages per language and section."""
    from booklet.commands.i18n import status_command

    status_command(project_dir, list(langs), as_json)


@i18n.command("add")
@click.argument("lang")
@click.option("-r", "--region", "regions", multiple=True,
              help="Also offer LANG in this region of the project (repeatable).")
@project_option
def i18n_add(lang: str, regions: tuple[str, ...], project_dir: Path | None) -> None:
    """Start a new language: an empty catalog, a draft review record, and the language in the
    regions named."""
    from booklet.commands.i18n import add_language
    from booklet.errors import display_path
    from booklet.load.project import open_project

    for path in add_language(open_project(project_dir), lang, list(regions)):
        click.echo(f"wrote {display_path(path)}")
    click.echo(f"next: translate locales/{lang}/LC_MESSAGES/booklet.po in Poedit or Weblate, "
               f"then run: booklet build -l {lang}")


@cli.group()
def manifest() -> None:
    """Work with the manifest.json of output folders."""


@manifest.command("merge")
@click.argument("out", type=click.Path(path_type=Path, file_okay=False))
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(path_type=Path, file_okay=False, exists=True))
def manifest_merge(out: Path, shards: tuple[Path, ...]) -> None:
    """Copy the outputs of SHARDS (folders built with --shard, e.g. CI artifacts) into OUT and
    merge their manifests; fails, writing nothing, if a file or an output is in two shards."""
    from booklet.errors import display_path
    from booklet.write.merge import merge

    merged = merge(out, list(shards))
    click.echo(f"merged {len(shards)} shards: {len(merged.files)} files, {len(merged.entries)} outputs, "
               f"{len(merged.failures)} failed -> {display_path(out)}/manifest.json")


@cli.group("list")
def list_group() -> None:
    """List what the project holds."""


@list_group.command("regions")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@project_option
def list_regions(as_json: bool, project_dir: Path | None) -> None:
    """Every region: paper, languages, printed/unverified entries, oldest check date."""
    from booklet.commands.regions import list_regions_command

    list_regions_command(as_json, project_dir)


@cli.group()
def show() -> None:
    """Show one thing, resolved."""


@show.command("region")
@click.argument("code", shell_complete=complete_regions)
@project_option
def show_region(code: str, project_dir: Path | None) -> None:
    """One region with its inherited helplines, their status and where each came from."""
    from booklet.commands.regions import show_region_command

    show_region_command(code, project_dir)


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False),
                default=Path())
@click.option("--region", help="Also write regions/REGION.yaml to fill in, e.g. us-tx (and make it "
              "the default).")
@click.option("--parent", shell_complete=complete_regions,
              help="The region it inherits from, e.g. us (leave out for a country).")
def init(folder: Path, region: str | None, parent: str | None) -> None:
    """Start a project in FOLDER (default: here): booklet.toml, a sample org.yaml,
    styles/extra.css, the JSON Schemas for editors, a .gitignore, and with --region a
    region file to fill in."""
    from booklet.commands.init import init_project
    from booklet.errors import display_path

    for path in init_project(folder, region, parent):
        click.echo(f"wrote {display_path(path)}")
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {display_path(folder)}, then "
    todo = (f"fill in the lines marked FILL IN in regions/{region}.yaml, then run: booklet build"
            if region else "run: booklet build")
    click.echo(f"next: {go}{todo} (your clinic on every format: edit org.yaml, then booklet build "
               "--org org.yaml)")


@cli.command()
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="The output folder to check  [default: out/ in the project folder]")
@project_option
def doctor(out: Path | None, project_dir: Path | None) -> None:
    """Check this machine: WeasyPrint, Pango, HarfBuzz, fontconfig, the fonts each language
    needs, and the output folder. Exit code 1 when a build would fail."""
    from booklet.commands.doctor import doctor_command

    doctor_command(project_dir, out)


@cli.command("new-region")
@click.argument("code")
@click.option("--parent", shell_complete=complete_regions,
              help="Region to inherit from, e.g. us (leave out for a country).")
@project_option
def new_region(code: str, parent: str | None, project_dir: Path | None) -> None:
    """Write a commented regions/CODE.yaml skeleton to fill in: a sub-region of --parent,
    or a country (CODE such as 'ke') without it."""
    from booklet.commands.new_region import new_region as write_skeleton
    from booklet.errors import display_path

    path = write_skeleton(code, parent, project_dir)
    click.echo(f"wrote {display_path(path)}: fill in the lines marked FILL IN, "
               f"then run: booklet build --region {code}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="booklet", auto_envvar_prefix="BOOKLET")

