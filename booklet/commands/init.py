"""``booklet init [DIR]``: a new project folder, as ``mkdocs new`` and ``quarto create`` make.

It holds a commented ``booklet.toml``, a region skeleton (with ``--region``), a sample
``org.yaml`` for the clinic stamp, an empty ``styles/extra.css``, the JSON Schemas under
``schema/`` that the ``# yaml-language-server: $schema=`` lines of region files point at,
and a ``.gitignore`` for ``out/``. Every file is worked out before the first is written,
and nothing that exists is overwritten.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

import phonenumbers

from booklet.commands.new_region import check_codes, country_skeleton, parent_region, skeleton
from booklet.commands.schema import MODELS, schema_json
from booklet.errors import BookletError, display_path
from booklet.load.project import CONFIG_NAME, open_project
from booklet.write.atomic import write_atomic

CONFIG = Template('''\
# A booklet project: `booklet build` anywhere in this folder builds from it.
# Files here override the shipped ones by name: regions/, sections/, styles/, locales/.
# Every key: `booklet schema project`.

# Who makes these handouts: printed on the build summary and as each PDF's author.
# name = "Eastside Health Center"

# What `booklet build` makes when no --region, --lang or --format is given.
region = "$region"
language = "en"
formats = ["booklet"]  # any of: booklet, large-print, trifold, card

# Build only these regions (with --region and --all alike). Without it, --all builds the
# regions in regions/ and the regions they inherit from.
$regions_line
''')

ORG = Template('''\
# yaml-language-server: $$schema=schema/org.schema.json
# Your organization, printed in the stamp area of every format:
#   booklet build --org org.yaml
# A SAMPLE: change every value (the phone number is a made-up example for $country).
name: Your Clinic Name
address: |
  1 Example Street
  Your Town
phone: "$phone"
hours: "Mon–Fri 9:00–17:00"
# website: https://www.example.org    # https only; printed with a QR code
# logo: logo.png                      # a PNG or SVG in this folder, at most 512 KiB
note: Walk-ins welcome.
country: $country
''')

EXTRA_CSS = '''\
/* Your changes to the shipped styles: this file is loaded after them, for every format.
   For example, the colour of headings:
     h2 { color: #1d4f91; }
   Images for your templates go in ../assets/ and are named in a template as
   {{ asset('logo.png') }}. */
'''

GITIGNORE = "out/\n.booklet-cache/\n"


def _sample_phone(country: str) -> tuple[str, str]:
    """A made-up landline number (phonenumbers' example) as dialled in ``country``, and the
    country it is of (the US when ``country`` has no example)."""
    number = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
    if number is None:
        return "(201) 555-0123", "US"
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL), country


def project_files(folder: Path, region: str | None, parent: str | None) -> dict[str, str]:
    """Every file of the new project by its path in ``folder``, before anything is written."""
    code = region or "us"
    files = {
        CONFIG_NAME: CONFIG.substitute(
            region=code, regions_line=f'# regions = ["{code}"]'),
        "styles/extra.css": EXTRA_CSS,
        ".gitignore": GITIGNORE,
        **{f"schema/{kind}.schema.json": schema_json(kind) + "\n" for kind in MODELS},
    }
    phone, country = _sample_phone(code[:2].upper())
    files["org.yaml"] = ORG.substitute(phone=phone, country=country)
    if region is not None:
        check_codes(region, parent)
        text = (skeleton(region, parent_region(open_project(folder), parent)) if parent
                else country_skeleton(region))
        files[f"regions/{region}.yaml"] = text
    return files


def init_project(folder: Path, region: str | None, parent: str | None) -> list[Path]:
    """Create the project in ``folder`` (made if needed); return the files written."""
    if parent is not None and region is None:
        raise BookletError("--parent needs --region: the new region that inherits from it")
    if folder.exists() and not folder.is_dir():
        raise BookletError(f"{display_path(folder)}: a file stands where the project folder should be")
    folder.mkdir(parents=True, exist_ok=True)
    files = project_files(folder, region, parent)
    there = [name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
    if there:
        raise BookletError(f"{display_path(folder)} already has {', '.join(sorted(there))}; nothing "
                           "was written (hint: choose an empty folder, or use booklet new-region)")
    written = []
    for name, text in files.items():
        write_atomic(folder / name, text.encode("utf-8"), within=folder)
        written.append(folder / name)
    return written
