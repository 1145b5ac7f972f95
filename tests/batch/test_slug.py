"""Output folder names: safe ASCII slugs, stable hashes for other scripts, numbered duplicates."""

from __future__ import annotations

import pytest

from booklet.batch.slug import Slugs, slugify
from booklet.models.common import SLUG


@pytest.mark.parametrize(("name", "slug"), [
    ("Eastside Health Center", "eastside-health-center"),
    ("Clínica Ñandú", "clinica-nandu"),
    ("Straße & Co.", "strasse-co"),
    ("Łódź Ośrodek Zdrowia", "lodz-osrodek-zdrowia"),
    ("../../etc/passwd", "etc-passwd"),
    ("C:\\Windows\\System32", "c-windows-system32"),
    ("CON", "con-org"),
])
def test_ascii_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["東京クリニック", "مركز الصحة", "Клиника", "Tokyo 東京 Clinic", "...",
                                  "x" * 300])
def test_every_slug_is_a_safe_folder_name(name: str) -> None:
    slug = slugify(name)
    assert SLUG.fullmatch(slug) and "/" not in slug and ".." not in slug


def test_other_scripts_get_a_stable_distinct_hash() -> None:
    assert slugify("東京クリニック") == slugify("東京クリニック")
    assert slugify("東京クリニック") != slugify("大阪クリニック")
    assert slugify("東京クリニック").startswith("org-")
    assert slugify("Tokyo 東京 Clinic") != slugify("Tokyo 大阪 Clinic")


def test_collisions_are_numbered_in_order() -> None:
    slugs = Slugs()
    taken = [slugs.take(n) for n in ["Acme", "ACME", "Acme!", "Acme 2", "Acme"]]
    assert taken == ["acme", "acme-2", "acme-3", "acme-2-2", "acme-4"]
    assert len(set(taken)) == len(taken)
