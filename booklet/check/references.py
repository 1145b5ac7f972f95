"""Every section has its references and a review date, and the review is under 12 months old.

The schema already refuses a section without references or ``reviewed``; this module adds
the age of each review, measured from the build date.
"""

from __future__ import annotations

from datetime import date

from booklet.errors import Problems
from booklet.load.project import Project
from booklet.load.yamlfile import YamlError, load_yaml
from booklet.models.content import SectionIndex
from booklet.validate.content import INDEX, load_index

REVIEW_WARN_DAYS = 365


def check_index(project: Project, today: date, problems: Problems) -> SectionIndex | None:
    """Validate the section index and flag reviews that are stale or in the future."""
    index = load_index(project, problems)
    path = project.find("sections", INDEX)
    if index is None or path is None:
        return index
    try:
        doc = load_yaml(path)
    except YamlError:
        return index
    for number, section in enumerate(index.sections):
        age = (today - section.reviewed).days
        loc = ("sections", number, "reviewed")
        if age < 0:
            problems.add(doc.problem(loc, f"{section.id}: review date {section.reviewed} is in the future",
                                     "use the date the facts were checked"))
        elif age > REVIEW_WARN_DAYS:
            problems.add(doc.problem(
                loc, f"{section.id}: reviewed {age} days ago (over 12 months)",
                "check the section's facts against its references, then update 'reviewed'", "warning"))
    return index
