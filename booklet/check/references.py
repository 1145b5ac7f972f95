"""Every section has its references and a review date, and the review is under 12 months old;
every claim with a number in a section is backed by one of its references; a reference read
only in a copy is named until someone reads the organization's own page.

The schema already refuses a section without references or ``reviewed``; this module adds
the age of each review, measured from the build date, and finds the claims with a number
("1 in 4", "50 times", "30 to 90 minutes", "the 1960s") in each section's English messages:
each must be listed in the ``supports`` of a reference of that section.
"""

from __future__ import annotations

import re
from datetime import date

from babel.messages.catalog import Catalog

from booklet.errors import Problem, Problems
from booklet.load.project import Project
from booklet.load.yamlfile import YamlError, load_yaml
from booklet.models.content import SectionIndex
from booklet.validate.content import INDEX, load_index

REVIEW_WARN_DAYS = 365
CLAIM = re.compile(r"\b\d+ in \d+\b|\b\d+(?: to \d+)? (?:times|minutes|hours|days|weeks|months|years)\b"
                   r"|\bdays? \d+ to \d+\b|\b\d{4}s\b|\babout half\b")


def check_index(project: Project, today: date, problems: Problems) -> SectionIndex | None:
    """Validate the section index; flag reviews that are stale or in the future and
    references read only in a copy."""
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
        for k, ref in enumerate(section.references):
            if ref.seen_in:
                problems.add(doc.problem(
                    ("sections", number, "references", k, "seen_in"),
                    f"{section.id}: {ref.title!r} was read only in a copy, {ref.seen_in}",
                    f"read the organization's own page (listed: {ref.url}), give its address "
                    "as 'url' and remove 'seen_in'", "warning"))
    return index


def claims(text: str) -> list[str]:
    """The claims with a number in ``text``: "1 in 4", "50 times", "days 1 to 3", "1960s"."""
    return [m.group(0) for m in CLAIM.finditer(text)]


def check_claims(index: SectionIndex, source: Catalog, problems: Problems) -> None:
    """Report each claim with a number in the English ``source`` messages of a section that
    no reference of the section supports."""
    supported = {s.template: [w for r in s.references for w in r.supports] for s in index.sections}
    for message in source:
        for file, line in message.locations:
            template = file.removeprefix("sections/")
            for claim in claims(str(message.id)) if template in supported else ():
                if not any(word in claim for word in supported[template]):
                    problems.add(Problem(file, line, "claim", f"{claim!r} has no reference in its section",
                                         "add it to the `supports` of the reference that backs it "
                                         "(sections/sections.yaml), or add that reference"))
