"""``booklet new-region CODE [--parent PARENT]``: a commented region file to fill in.

With ``--parent`` the file is a sub-region that inherits everything it does not change;
without it, a country (a two-letter code) that must say everything itself.

The skeleton is deliberately invalid until it is filled in: every ``FILL IN`` value is
empty or a placeholder the schema refuses, so a half-done file names each line still to
do instead of building a booklet with blanks. Its one helpline has no verification record,
so it is not printed until someone checks it (``booklet verify``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from string import Template

from booklet.commands.regions import english
from booklet.errors import BookletError, ProblemsFound
from booklet.load.clock import build_date
from booklet.load.project import CONFIG_NAME, Project, open_project
from booklet.models.common import REGION_CODE
from booklet.validate.regions import Region, load_regions
from booklet.write.atomic import write_atomic

SKELETON = Template('''\
# yaml-language-server: $$schema=../schema/region.schema.json
# A new region, $code, that inherits from $parent ($parent_name).
# Made by `booklet new-region $code --parent $parent`. Fill in every line marked FILL IN,
# then check it:  booklet build --region $code
# Quote every phone number, code and time exactly as it should print ("0800 787 797",
# "988", "9:30"): unquoted, YAML turns some of them into other numbers.
code: $code
parent: $parent
name:
  en: ""  # FILL IN: the region's name in English
  # es: ""  # the name in another language, where it differs

# Inherited from $parent. To change one for $code, delete the "# " at the start of its line(s).
# paper: $paper
# emergency: $emergency
# languages: $languages
# date_format: $date_format
# naloxone:
#   en: $naloxone

# $parent's helplines are printed for $code too: $inherited.
# To leave one out, put its id in this list, e.g. remove: [$example_id]
remove: []

helplines:
  # One block per service. A block with the same id as an inherited helpline replaces it.
  - id: ""  # FILL IN: a short id of lower case letters, digits and dashes, e.g. city-help-line
    name:
      en: ""  # FILL IN: the service's own name
    offers:
      en: ""  # FILL IN: what it offers, in one short plain sentence
    channels:  # how to reach it; keep the lines that apply
      - {type: phone, number: ""}  # FILL IN: the number in quotes, as people dial it here
      # - {type: tty, number: "..."}
      # - {type: short-code, code: "988", text: true}
      # - {type: text, to: "741741", keyword: HELLO}
      # - {type: web, url: "https://..."}
      # - {type: email, address: help@example.org}
    hours: "24/7"  # or in quotes, e.g. "Mon-Fri 9:30-17:00"
    languages: [en]  # language tags such as en, es, fr, ar, zh-Hans
    cost: free
    source: ""  # FILL IN: the https page of the organization that gives these details
    # Every check of these details, oldest first. With no record the entry is never printed.
    # After you check, add a record with: booklet verify $code <id> --how called --by "Your Name"
    # (how: called = you phoned and they confirmed; official-page = you saw it on their own
    # page, give its address as --evidence; secondary = news or a partner site)
    verifications: []
''')


COUNTRY = Template('''\
# yaml-language-server: $$schema=../schema/region.schema.json
# A new country, $code (no parent: it says everything itself).
# Made by `booklet new-region $code`. Fill in every line marked FILL IN,
# then check it:  booklet build --region $code
# Quote every phone number, code and time exactly as it should print ("0800 787 797",
# "988", "9:30"): unquoted, YAML turns some of them into other numbers.
code: $code
name:
  en: ""  # FILL IN: the country's name in English
  # es: ""  # the name in another language, where it differs
paper: a4  # office paper: letter (US, Canada, Mexico …) or a4
emergency: [""]  # FILL IN: the emergency number(s) in quotes, the main one first, e.g. ["112"]
languages: [en]  # the languages the handout is offered in here, the main one first
date_format: medium  # short, medium or long
naloxone:
  en: ""  # FILL IN: how to get naloxone here, in one or two plain sentences
# The online treatment locator, if the country has one (same fields as a helpline's source
# and verifications):
# locator:
#   name: ""
#   url: https://...
#   source: https://...
#   verifications: []

helplines:
$helpline''')


def check_codes(code: str, parent: str | None) -> None:
    for value, what in ((code, "CODE"), (parent, "--parent")):
        if value is not None and not REGION_CODE.fullmatch(value):
            raise BookletError(f"{what} {value!r} is not a region code "
                               "(lower case ISO 3166, e.g. 'us-tx' or 'gb')")
    if parent is None:
        if "-" in code:
            raise BookletError(f"{code!r} is a sub-region: name the region it belongs to, e.g. "
                               f"--parent {code[:2]} (without --parent, CODE is a country such as 'gb')")
        return
    if code == parent or code[:2] != parent[:2]:
        raise BookletError(f"{code!r} cannot inherit from {parent!r}: a sub-region shares its "
                           f"parent's country code, e.g. {parent[:2]}-xx")


def _target(project: Project, code: str) -> Path:
    folder = project.layers[0]
    if not (folder / CONFIG_NAME).is_file():
        raise BookletError(f"{folder} is not a booklet project (no {CONFIG_NAME}); "
                           "run this in a project folder or pass --project")
    path = folder / "regions" / f"{code}.yaml"
    if path.exists() or path.is_symlink():
        raise BookletError(f"regions/{code}.yaml already exists; not overwriting it")
    if (project.shipped / "regions" / f"{code}.yaml").is_file():
        raise BookletError(f"{code!r} is a shipped region; to change it, copy its "
                           f"regions/{code}.yaml into {folder / 'regions'}")
    return path


def parent_region(project: Project, parent: str) -> Region:
    today = build_date(os.environ.get("SOURCE_DATE_EPOCH"))[0]
    regions, problems = load_regions(project, [parent], today, allow_stale=True)
    if parent not in regions:
        raise ProblemsFound(problems.errors)
    return regions[parent]


def country_skeleton(code: str) -> str:
    """The commented YAML skeleton for the country ``code``: everything to fill in."""
    helpline = (SKELETON.template.split("helplines:\n", 1)[1].replace("$code", code)
                .replace(" A block with the same id as an inherited helpline replaces it.", ""))
    return COUNTRY.substitute(code=code, helpline=helpline.replace("$$", "$"))


def skeleton(code: str, parent: Region) -> str:
    """The commented YAML skeleton for ``code`` under ``parent``."""
    ids = [h.id for h in parent.printable]
    return SKELETON.substitute(
        code=code, parent=parent.code, parent_name=english(parent.name), paper=parent.paper,
        emergency=json.dumps(list(parent.emergency)), languages=json.dumps(list(parent.languages)),
        date_format=parent.date_format, naloxone=json.dumps(english(parent.naloxone), ensure_ascii=False),
        inherited=", ".join(ids) or "none", example_id=ids[0] if ids else "some-id",
    )


def new_region(code: str, parent: str | None, project_dir: Path | None) -> Path:
    """Write ``regions/<code>.yaml`` into the project; refuse to overwrite anything."""
    check_codes(code, parent)
    project = open_project(project_dir)
    path = _target(project, code)
    text = skeleton(code, parent_region(project, parent)) if parent else country_skeleton(code)
    write_atomic(path, text.encode("utf-8"), within=project.layers[0])
    return path
