"""Validate ``sections/sections.yaml`` and check every section has its template."""

from __future__ import annotations

from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.models.common import LANG_TAG
from booklet.models.content import SectionIndex
from booklet.validate.schema import read_model

INDEX = "sections.yaml"


def languages(project: Project) -> list[str]:
    """Languages that have section text: the folders under ``sections/`` named by tag."""
    found = {
        p.name for folder in project.folders("sections") for p in folder.iterdir()
        if p.is_dir() and LANG_TAG.fullmatch(p.name)
    }
    return sorted(found)


def load_index(project: Project, problems: Problems) -> SectionIndex | None:
    """Read the section index; record problems, including sections with no English text."""
    path = project.find("sections", INDEX)
    if path is None:
        problems.add(Problem("sections", None, "", f"no {INDEX} found", "copy the shipped one"))
        return None
    index, doc = read_model(path, SectionIndex, problems)
    if index is not None and doc is not None:
        for i, section in enumerate(index.sections):
            if project.find("sections", f"en/{section.id}.html.j2") is None:
                problems.add(doc.problem(("sections", i, "id"),
                                         f"no template en/{section.id}.html.j2",
                                         "every section needs its English text"))
    return index
