"""The organization's block as templates see it: formatted, isolated for right-to-left text."""

from __future__ import annotations

from booklet.compose.context import Localizer
from booklet.models.region import display_phone
from booklet.validate.org import Org


def org_view(org: Org | None, loc: Localizer) -> dict[str, object] | None:
    """The organization's printed facts, or None when no ``--org`` was given."""
    if org is None:
        return None
    data = org.data
    website = data.website
    return {
        "name": loc.isolate(data.name),
        "plain_name": data.name,
        "address": [loc.isolate(line.strip()) for line in (data.address or "").splitlines()
                    if line.strip()],
        "phone": loc.ltr(display_phone(data.phone)),
        "tel": f"tel:{data.phone}",
        "hours": loc.isolate(data.hours) if data.hours else None,
        "website": {"url": website, "display": loc.ltr(website.removeprefix("https://").rstrip("/"))}
        if website else None,
        "logo": org.logo.as_uri() if org.logo is not None else None,
        "note": loc.isolate(data.note) if data.note else None,
    }
