"""``--pdfx``: print files that are PDF/X-4 with a CMYK output intent, and stay PDF/UA-1.

The output intent is basICColor's *ISO Coated v2 300%* profile (FOGRA39, coated paper,
300 % total ink), zlib licence, as Debian ships it in ``scribus-data``. Every colour is
rewritten as CMYK (``booklet.finish.inks``); the structure tree, ``/Lang`` and the
``pdfuaid`` XMP of a tagged reading PDF are kept, so one file is both PDF/X-4 and PDF/UA-1.
The imposed booklet and card sheet (untagged) get the same output intent and PDF/X labels.
Dates and the XMP document id come from the build date and the file's own bytes, so the
output is reproducible under ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pikepdf

from booklet.finish.inks import Inks, convert
from booklet.finish.marks import save
from booklet.finish.profile import profile_path

CONDITION = "FOGRA39"
"""The characterized printing condition the profile describes (ISO 12647-2 coated paper)."""
CONDITION_INFO = "ISO Coated v2 300% (basICColor), FOGRA39: offset, coated paper"
PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"
"""PDF/X-4 files are PDF 1.6."""


@lru_cache(maxsize=1)
def _inks(path: Path) -> tuple[Inks, bytes]:
    data = path.read_bytes()
    return Inks(data), data


def to_pdfx(data: bytes, created: datetime) -> bytes:
    """``data`` as a PDF/X-4 file: CMYK colours, output intent, PDF/X labels in Info and XMP."""
    inks, profile = _inks(profile_path())
    document_id = f"uuid:{uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])}"
    with pikepdf.open(io.BytesIO(data)) as pdf:
        convert(pdf, inks)
        icc = pdf.make_stream(profile, N=4)
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=CONDITION, OutputCondition=CONDITION_INFO,
            RegistryName="http://www.color.org", Info=CONDITION_INFO, DestOutputProfile=icc))])
        stamp = _pdf_date(created)
        pdf.docinfo["/GTS_PDFXVersion"] = PDFX_VERSION
        pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
        for key in ("/CreationDate", "/ModDate"):
            if key not in pdf.docinfo:
                pdf.docinfo[key] = stamp
        _label_xmp(pdf, created, document_id)
        return save(pdf, version=PDF_VERSION)


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S") + "Z"


def _label_xmp(pdf: pikepdf.Pdf, created: datetime, document_id: str) -> None:
    iso = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    title = str(pdf.docinfo.get("/Title", ""))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        meta["pdf:Trapped"] = "False"
        meta["xmpMM:DocumentID"] = document_id
        meta["xmpMM:InstanceID"] = document_id
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
        meta["xmp:CreateDate"] = meta.get("xmp:CreateDate", iso)
        meta["xmp:ModifyDate"] = meta.get("xmp:ModifyDate", iso)
        meta["xmp:MetadataDate"] = meta.get("xmp:ModifyDate", iso)
        if title and "dc:title" not in meta:
            meta["dc:title"] = title
