"""The region and status pages: recording a check (the same record, rules and file edit as
`booklet verify`), the messages of each language, and a project found from the working folder."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from booklet.load.project import open_project
from booklet.validate.regions import load_regions
from tests.serve.conftest import Running, start_studio
from tests.serve.test_safety import _client


def _verify_form(page: str) -> dict[str, str]:
    form = page.split('class="verify-form"', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_a_check_is_recorded_in_the_region_file_keeping_its_comments(studio_server: Running) -> None:
    client, _ = _client(studio_server)
    path = studio_server.project / "regions" / "us-zz.yaml"
    before = path.read_text(encoding="utf-8")
    fields = _verify_form(client.get("/regions/us-zz").text)
    assert fields["id"] == "county-line"
    refused = client.post("/regions/us-zz/verify", data={**fields, "how": "official-page", "by": "A. Ruiz"})
    assert refused.status_code == 400 and "needs the address of the page you read" in refused.text
    assert path.read_text(encoding="utf-8") == before
    done = client.post("/regions/us-zz/verify", data={**fields, "how": "called", "by": "A. Ruiz",
                                                      "evidence": "the front desk confirmed hours"},
                       follow_redirects=False)
    assert done.status_code == 303
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")) and "# main desk" in after
    regions, problems = load_regions(open_project(studio_server.project), ["us-zz"], date(2026, 12, 1))
    assert problems.errors == []
    line = next(h for h in regions["us-zz"].helplines if h.id == "county-line")
    assert (line.verifications[-1].how, line.verifications[-1].by) == ("called", "A. Ruiz")
    again = client.post("/regions/us-zz/verify", data={**fields, "how": "called", "by": "B. Lee",
                                                       "evidence": "again"})
    assert again.status_code == 409, "a page loaded before the record cannot add to a changed file"


def test_the_status_page_counts_each_languages_messages(studio_server: Running) -> None:
    client, _ = _client(studio_server)
    page = client.get("/status").text
    row = r"<td>Español \(es\)</td><td>draft</td><td>[1-9]\d*</td><td>0</td><td>0</td>"
    assert re.search(row, page), page
    variant = r"<td>English \(United Kingdom\) \(en-GB\)</td><td>source variant</td><td>[1-9]\d*</td>"
    assert re.search(variant + r"<td>0</td><td>[1-9]\d*, printed as in English</td>", page), page


def test_a_studio_started_inside_a_project_edits_its_regions(tmp_path: Path) -> None:
    for found in start_studio(tmp_path, found=True, workers=1):
        client, _ = _client(found)
        assert '<a href="/regions"' in client.get("/").text
        page = client.get("/regions/us-zz")
        assert page.status_code == 200 and 'class="verify-form"' in page.text
        form = page.text.split('class="line-form"', 1)[1]
        names = re.findall(r' name="([a-z_]+)[.\"]', form.split("</form>", 1)[0])
        assert names.index("name") < names.index("source") < names.index("verifications"), \
            "a line's form starts with its name; its check records come after its source, as in the file"
