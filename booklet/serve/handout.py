"""The "Make a handout" form: what it asks, how it is validated, what it builds.

The clinic stamp is validated by ``booklet.validate.org.validate_org`` — the rules of
``--org`` — from a document made of the form's fields, as ``booklet batch`` does for a CSV
row. The region and language are read and checked by the pipeline's ``prepare`` and
``plan``, and every output is a ``booklet.pipeline.Task`` built by the CLI's
``build_task`` in a warm worker (``booklet.serve.work``).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from booklet.compose.formats import FORMATS, extra_suffixes
from booklet.errors import BookletError, Problem
from booklet.load.clock import build_date
from booklet.load.project import Project
from booklet.load.yamlfile import YamlDoc
from booklet.models.job import Job
from booklet.models.org import OrgFile
from booklet.pipeline import BuildOptions, Inputs, Task, plan, prepare
from booklet.validate.org import Org, validate_org
from booklet.write.atomic import output_path

STAMP_FIELDS = tuple(f for f in OrgFile.model_fields if f != "logo")
"""The clinic stamp's fields, in the schema's order (the logo is uploaded on its own)."""
ORG_NAME = "org.yaml"
"""The stamp's document name in a session folder: the logo is read beside it."""


@dataclass(frozen=True)
class Choice:
    """What the form asks for: region, language, formats and the clinic's details."""

    region: str
    lang: str
    formats: tuple[str, ...]
    show: str
    """The format shown in the live preview."""
    stamp: dict[str, str] = field(default_factory=dict)


def read_choice(form: dict[str, list[str]], default_region: str, default_lang: str) -> Choice:
    """The form's values, trimmed; unknown formats are dropped (``plan`` names bad ones)."""
    def one(name: str, default: str = "") -> str:
        values = form.get(name) or [default]
        return values[0].strip()

    formats = tuple(dict.fromkeys(f for f in form.get("format", []) if f in FORMATS)) or ("card",)
    show = one("show")
    stamp = {name: one(name).replace("\r\n", "\n") for name in STAMP_FIELDS}
    return Choice(one("region", default_region), one("lang", default_lang), formats,
                  show if show in formats else formats[0], {k: v for k, v in stamp.items() if v})


def country(choice: Choice) -> str:
    """The country a phone number is read for by default: the region's (``Region.country``)."""
    return choice.region[:2].upper()


def validate_stamp(choice: Choice, folder: Path, logo: str | None, country: str
                   ) -> tuple[Org | None, list[Problem]]:
    """The clinic stamp, validated as ``--org`` validates a file; none when left empty."""
    data: dict[str, str] = dict(choice.stamp)
    if logo is not None:
        data["logo"] = logo
    if not data:
        return None, []
    doc = YamlDoc(folder / ORG_NAME, data, {(): 1, **{(key,): 1 for key in data}})
    return validate_org(doc, country)


@dataclass(frozen=True)
class Plan:
    """A validated choice, ready to build."""

    project: Project
    inputs: Inputs
    jobs: tuple[Job, ...]
    org: Org | None
    created: datetime | None
    key: str
    """Names the output folder of this exact set of inputs, so downloads reuse a preview."""


def today() -> tuple[date, datetime | None]:
    """The build date, as the CLI takes it (``SOURCE_DATE_EPOCH`` or today)."""
    return build_date(os.environ.get("SOURCE_DATE_EPOCH"))


def make_plan(project: Project, choice: Choice, org: Org | None) -> tuple[Plan | None, list[Problem]]:
    """Read and check the region and language as ``booklet build`` does; problems or a plan."""
    day, created = today()
    inputs = prepare(project, [choice.region], day, allow_stale=False)
    if inputs.problems.errors or choice.region not in inputs.regions:
        return None, inputs.problems.errors or [Problem("regions", None, "region",
                                                        f"no region {choice.region!r}")]
    try:
        jobs = plan(project, inputs, [choice.region], (choice.lang,), choice.formats, every=False)
    except BookletError as exc:
        return None, [Problem("", None, "lang", exc.message)]
    region = inputs.regions[choice.region]
    if choice.lang not in region.languages:
        return None, [Problem("", None, "lang", f"{region.code} is not offered in {choice.lang}")]
    files = [(str(p), p.stat().st_mtime_ns) for p in region.files]
    stamp = org.data.model_dump(mode="json") if org else None
    key = hashlib.sha256(json.dumps([choice.region, choice.lang, stamp, org.logo_sha256 if org else "",
                                     files, str(created)]).encode()).hexdigest()[:20]
    return Plan(project, inputs, tuple(jobs), org, created, key), []


def task_for(plan_: Plan, job: Job, out: Path) -> Task:
    """The pipeline task that builds ``job`` into ``out/<key>/`` (booklets also imposed)."""
    options = BuildOptions(out / plan_.key, impose=True, org=plan_.org)
    return Task(plan_.project, job, plan_.inputs, options, plan_.created, "")


def built_files(plan_: Plan, job: Job, out: Path) -> dict[str, Path]:
    """The files ``job`` is built into, by name suffix: ``.pdf``, ``-imposed.pdf``, ``-sheet.pdf``."""
    folder = out / plan_.key
    return {suffix: output_path(folder, job, suffix) for suffix in (".pdf", *extra_suffixes(job, True))}


def download_name(choice: Choice, job: Job, suffix: str) -> str:
    """``us-en-card-sheet.pdf``: a plain file name for the browser."""
    return f"{choice.region}-{choice.lang}-{job.fmt}{suffix}"
