"""The regions and languages the front page offers, with each translation's review status."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from booklet.load.project import Project
from booklet.models.common import LocalText
from booklet.serve.handout import today
from booklet.serve.i18n import language_name
from booklet.serve.web import gettext, ui_lang
from booklet.validate.content import languages
from booklet.validate.locales import review_label as review_status
from booklet.validate.regions import load_regions, region_codes


def local(text: LocalText, lang: str) -> str:
    """A localized value in ``lang``, else English, else its first language."""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("en") or next(iter(text.values()))


def review_label(request: Request, status: str) -> str:
    """A translation's review status in plain words."""
    if status == "source":
        return gettext(request, "original text")
    if status == "draft":
        return gettext(request, "draft translation, not yet reviewed")
    return gettext(request, "reviewed translation")


def region_choices(project: Project, request: Request) -> list[dict[str, Any]]:
    """Every region that resolves, with the languages it offers that have section text."""
    ui = ui_lang(request)
    codes = region_codes(project)
    regions, _ = load_regions(project, codes, today()[0], allow_stale=True)
    have = set(languages(project))
    reviews: dict[str, str] = {}
    found = []
    for code in codes:
        if code not in regions:
            continue
        region = regions[code]
        offered = []
        for lang in (x for x in region.languages if x in have):
            status = reviews.setdefault(lang, review_status(project, lang))
            offered.append({"tag": lang, "name": language_name(lang),
                            "review": review_label(request, status.split(" ")[0])})
        found.append({"code": code, "name": local(region.name, ui), "languages": offered})
    return sorted(found, key=lambda r: str(r["name"]).casefold())
