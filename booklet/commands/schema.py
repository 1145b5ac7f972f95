"""``booklet schema``: JSON Schema of the data files, for editors."""

from __future__ import annotations

import json

from pydantic import BaseModel

from booklet.models.content import ProjectConfig, SectionIndex, TermsFile
from booklet.models.docs import json_schema
from booklet.models.locale import TranslationReview
from booklet.models.org import OrgFile
from booklet.models.region import RegionFile

MODELS: dict[str, type[BaseModel]] = {
    "region": RegionFile, "sections": SectionIndex, "project": ProjectConfig,
    "terms": TermsFile, "review": TranslationReview, "org": OrgFile,
}
"""Each data file kind; schema/<kind>.schema.json is kept in step by a test."""


def schema_json(kind: str) -> str:
    """The JSON Schema for ``kind`` (a key of ``MODELS``)."""
    schema = json_schema(MODELS[kind])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True)
