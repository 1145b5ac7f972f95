"""Validate ``sections/sections.yaml`` and check every section has its template."""

from __future__ import annotations

from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.models.common import LANG_TAG
from booklet.models.content import SectionIndex
from booklet.models.locale import SOURCE, catalog_name
from booklet.validate.schema import read_model

INDEX = "sections.yaml"


def languages(project: Project) -> list[str]:
    """The languages a handout can be built in: English and every language with a catalog."""
    found = {
        p.name for folder in project.folders("locales") for p in folder.iterdir()
        if LANG_TAG.fullmatch(p.name) and (folder / catalog_name(p.name)).is_file()
    }
    return sorted(found | {SOURCE})


def load_index(project: Project, problems: Problems) -> SectionIndex | None:
    """Read the section index; record problems, including sections with no English text."""
    path = project.find("sections", INDEX)
    if path is None:
        problems.add(Problem("sections", None, "", f"no {INDEX} found", "copy the shipped one"))
        return None
    index, doc = read_model(path, SectionIndex, problems)
    if index is not None and doc is not None:
        for i, section in enumerate(index.sections):
            if project.find("sections", section.template) is None:
                problems.add(doc.problem(("sections", i, "id"),
                                         f"no template sections/{section.template}",
                                         "every section needs its English source text"))
    return index
