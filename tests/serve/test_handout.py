"""The handout form over HTTP: downloads are the CLI's outputs, a newer edit wins, the clinic
details round-trip through org.yaml, and a region gets a new line of its own."""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pikepdf

from tests.conftest import pdf_text
from tests.serve.conftest import Running
from tests.serve.test_safety import _client, _line_form

STAMP = {"region": "us-zz", "lang": "en", "name": "Eastside Health Center", "phone": "718-555-0142",
         "hours": "9:30–17:00", "note": "Walk-ins welcome."}


def test_every_download_is_the_clis_output(studio_server: Running, tmp_path: Path) -> None:
    client, token = _client(studio_server)
    form = {**STAMP, "csrf": token, "format": ["booklet", "card"], "show": "card"}
    everything = client.post("/download", data={**form, "what": "zip"})
    assert everything.status_code == 200 and everything.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(everything.content))
    assert sorted(archive.namelist()) == ["org.yaml", "us-zz-en-booklet-imposed.pdf", "us-zz-en-booklet.pdf",
                                          "us-zz-en-card-sheet.pdf", "us-zz-en-card.pdf"]
    imposed = client.post("/download", data={**form, "what": "booklet:imposed"})
    assert imposed.content == archive.read("us-zz-en-booklet-imposed.pdf")
    sheet = client.post("/download", data={**form, "what": "card:sheet"})
    (tmp_path / "sheet.pdf").write_bytes(sheet.content)
    assert "718-555-0142" in pdf_text(tmp_path / "sheet.pdf")
    with pikepdf.open(io.BytesIO(archive.read("us-zz-en-booklet.pdf"))) as booklet:
        assert len(booklet.pages) % 4 == 0
    (tmp_path / "booklet.pdf").write_bytes(archive.read("us-zz-en-booklet.pdf"))
    assert "Eastside Health Center" in pdf_text(tmp_path / "booklet.pdf")


def test_the_clinic_details_round_trip_through_org_yaml(studio_server: Running) -> None:
    client, token = _client(studio_server)
    saved = client.post("/download", data={**STAMP, "csrf": token, "format": "card", "what": "org"})
    assert saved.status_code == 200 and 'phone: "718-555-0142"' in saved.text
    assert 'hours: "9:30–17:00"' in saved.text, "quoted, as booklet build --org reads it"
    fresh, fresh_token = _client(studio_server)
    loaded = fresh.post("/org", data={"csrf": fresh_token, "region": "us-zz", "lang": "en", "format": "card"},
                        files={"orgfile": ("anything.yaml", saved.content)})
    assert loaded.status_code == 200
    assert 'value="Eastside Health Center"' in loaded.text and 'value="718-555-0142"' in loaded.text
    bomb = fresh.post("/org", data={"csrf": fresh_token},
                      files={"orgfile": ("x.yaml", b"a: &a [1]\nb: *a\n")})
    assert bomb.status_code == 400 and "anchors and aliases" in bomb.text


def test_a_newer_edit_supersedes_an_older_preview(studio_server: Running,
                                                  wait_for: Callable[..., None]) -> None:
    client, token = _client(studio_server)
    form = {**STAMP, "csrf": token, "format": "booklet", "show": "booklet"}
    answers: dict[str, httpx.Response] = {}

    def older() -> None:
        answers["older"] = client.post("/preview", data={**form, "name": "Older Clinic"})

    session = next(s for s in studio_server.studio.sessions.items.values()  # type: ignore[attr-defined]
                   if s.csrf == token)
    thread = threading.Thread(target=older)
    thread.start()
    wait_for(lambda: session.generation > 0)  # the older edit is in; its booklet takes a while
    newer = client.post("/preview", data={**form, "name": "Newer Clinic"})
    thread.join()
    assert newer.json()["state"] == "ok"
    assert answers["older"].json() == {"state": "superseded"}


def test_a_region_gets_a_new_line_of_its_own(studio_server: Running) -> None:
    client, _ = _client(studio_server)
    page = client.get("/regions/us-zz?override=samhsa-helpline").text
    forms = page.split('class="line-form"')
    new = _line_form('class="line-form"' + forms[-1])
    assert new["index"] == "new" and new["id"] == "samhsa-helpline", "prefilled from the inherited line"
    new |= {"id": "county-text-line", "name.en": "County Text Line", "channels.0.type": "text",
            "channels.0.to": "741741", "channels.0.number": "", "channels.1.type": "",
            "status": "secondary"}
    saved = client.post("/regions/us-zz", data=new, follow_redirects=False)
    assert saved.status_code == 303, re.findall(r'class="error"[^>]*>([^<]+)<', saved.text)
    text = (studio_server.project / "regions" / "us-zz.yaml").read_text(encoding="utf-8")
    assert "id: county-text-line" in text and '{type: text, to: "741741"}' in text
    assert "# The county's own line" in text
    shown = client.get(saved.headers["location"]).text
    assert "County Text Line" in shown and re.search(r'<img src="/preview/\d+/1.png"', shown)
