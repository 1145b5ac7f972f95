"""The studio's safety rules against a real server on 127.0.0.1: access token, cross-site
requests, the Host header, body limits (413 before the body is read), uploads checked by
content, a full render queue, and two tabs saving the same region."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.serve.conftest import Running, start_studio

CARD = {"region": "us-zz", "lang": "en", "format": "card", "show": "card"}


def _client(server: Running) -> tuple[httpx.Client, str]:
    """A browser-like client with its own session, and that session's form token."""
    client = httpx.Client(base_url=server.url, timeout=60)
    page = client.get("/")
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token is not None
    return client, token.group(1)


def _raw(port: int, request: bytes) -> bytes:
    """Send raw bytes and read the answer: the body is never sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(4096)


@pytest.fixture(scope="module")
def tokened(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A studio started with an access token, as any non-loopback bind is."""
    yield from start_studio(tmp_path_factory.mktemp("tokened"), workers=1, token="t" * 24)


def test_a_token_is_required_when_given(tokened: Running) -> None:
    assert httpx.get(tokened.url + "/").status_code == 403
    assert httpx.get(tokened.url + "/?token=wrong-token-wrong-token").status_code == 403
    with httpx.Client(base_url=tokened.url, follow_redirects=False) as client:
        link = client.get("/?token=" + "t" * 24)
        assert link.status_code == 303 and link.headers["location"] == "/"
        assert client.get("/").status_code == 200
        assert client.get("/status").status_code == 200


def test_the_default_bind_needs_no_token_and_other_binds_get_one() -> None:
    from booklet.serve.server import settings_for

    assert settings_for(None, "127.0.0.1", 8000, None).token is None
    made = settings_for(None, "0.0.0.0", 8000, None).token  # noqa: S104 (not bound here)
    assert made is not None and len(made) >= 16


def test_a_cross_site_post_is_refused(studio_server: Running) -> None:
    client, token = _client(studio_server)
    forged = {**CARD, "csrf": token, "name": "Forged", "phone": "718-555-0100"}
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"},
                    {"origin": "null"}):
        answer = client.post("/preview", data=forged, headers=headers)
        assert answer.status_code == 403, headers
    without_token = client.post("/preview", data={**forged, "csrf": "guess"})
    assert without_token.status_code == 403
    other_session = httpx.post(studio_server.url + "/preview", data=forged)
    assert other_session.status_code == 403
    same_site = client.post("/preview", data=forged, headers={"origin": studio_server.url})
    assert same_site.status_code == 200 and same_site.json()["state"] == "ok"


def test_a_bad_host_header_is_refused(studio_server: Running) -> None:
    for host in ("evil.example", f"rebind.attacker.example:{studio_server.port}", ""):
        assert httpx.get(studio_server.url + "/", headers={"host": host}).status_code == 400, host
    for host in (f"localhost:{studio_server.port}", f"127.0.0.1:{studio_server.port}"):
        assert httpx.get(studio_server.url + "/", headers={"host": host}).status_code == 200, host


@pytest.mark.parametrize("path", ["/batch", "/", "/no/such/path", "/static/studio.js"])
def test_an_oversize_body_is_refused_from_its_length_before_it_is_read(studio_server: Running,
                                                                       path: str) -> None:
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{studio_server.port}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 50000000\r\n\r\n")
    answer = _raw(studio_server.port, head.encode())
    assert answer.startswith(b"HTTP/1.1 413"), answer[:80]


def test_uploads_are_checked_by_content_and_never_kept_under_their_name(studio_server: Running) -> None:
    client, token = _client(studio_server)
    fields = {**CARD, "csrf": token, "name": "Logo Clinic", "phone": "718-555-0100"}
    fake = client.post("/check", data=fields, files={"logo": ("evil.png", b"<html>not an image</html>")})
    assert "not a PNG or SVG" in fake.json()["errors"]["logo"]
    big = client.post("/check", data=fields,
                      files={"logo": ("big.png", b"\x89PNG\r\n\x1a\n" + bytes(600_000))})
    assert "512 KiB" in big.json()["errors"]["logo"]
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    good = client.post("/check", data=fields, files={"logo": ("../../My Logo.png", svg)})
    assert good.json() == {"errors": {}, "problems": [], "logo": True}
    root = Path(studio_server.studio.sessions.root)  # type: ignore[attr-defined]
    kept = sorted(p.name for p in root.rglob("*") if p.is_file())
    assert "logo.svg" in kept and not any("Logo" in n or n in ("evil.png", "big.png") for n in kept)
    big_csv = client.post("/batch", data={**CARD, "csrf": token},
                          files={"csv": ("c.csv", b"name,phone\n" + b"x" * (5 * 1024 * 1024))})
    assert big_csv.status_code == 413


def test_a_full_queue_answers_busy_and_the_studio_goes_on(studio_server: Running) -> None:
    clients = [_client(studio_server) for _ in range(12)]
    booklet = {**CARD, "format": "booklet", "show": "booklet"}

    def preview(pair: tuple[httpx.Client, str]) -> httpx.Response:
        client, token = pair
        return client.post("/preview", data={**booklet, "csrf": token})

    with ThreadPoolExecutor(len(clients)) as threads:
        answers = list(threads.map(preview, clients))
    codes = sorted(a.status_code for a in answers)
    busy = [a for a in answers if a.status_code == 503]
    assert set(codes) <= {200, 503} and busy, codes
    assert busy[0].json()["state"] == "busy" and "try again" in busy[0].json()["message"]
    again = preview(clients[0])
    assert again.status_code == 200 and again.json()["state"] == "ok"


def _line_form(page: str) -> dict[str, str]:
    """The hidden fields and values of the first own line's form on a region page."""
    form = page.split('class="line-form"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields |= dict(re.findall(r'<input id="[^"]*" name="([^"]+)" type="(?:text|date|number)" '
                              r'value="([^"]*)"', form))
    fields |= dict(re.findall(r'<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>', form))
    for name, options in re.findall(r'<select id="[^"]*" name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r"<option(?: value=\"[^\"]*\")? selected>([^<]*)<", options)
        fields[name] = chosen.group(1) if chosen else ""
    return {k: v.replace("&amp;", "&").replace("&#39;", "'").replace("&#34;", '"') for k, v in fields.items()}


def test_two_tabs_cannot_lose_each_others_save(studio_server: Running) -> None:
    (first, _), (second, _) = _client(studio_server), _client(studio_server)
    mine, theirs = _line_form(first.get("/regions/us-zz").text), _line_form(second.get("/regions/us-zz").text)
    assert mine["base"] == theirs["base"]
    saved = first.post("/regions/us-zz", data={**mine, "hours.en": "9:30"}, follow_redirects=False)
    assert saved.status_code == 303
    text = (studio_server.project / "regions" / "us-zz.yaml").read_text(encoding="utf-8")
    assert 'hours: "9:30"' in text, "a value YAML 1.1 would misread is quoted"
    assert "# The county's own line" in text and "# main desk" in text, "comments survive the save"
    refused = second.post("/regions/us-zz", data={**theirs, "cost.en": "no cost"})
    assert refused.status_code == 409 and "changed since you opened it" in refused.text
    after = (studio_server.project / "regions" / "us-zz.yaml").read_text(encoding="utf-8")
    assert after == text, "the refused save wrote nothing"


def test_a_save_is_validated_like_a_build_and_shipped_regions_are_read_only(studio_server: Running) -> None:
    client, token = _client(studio_server)
    fields = _line_form(client.get("/regions/us-zz").text)
    before = (studio_server.project / "regions" / "us-zz.yaml").read_bytes()
    bad = client.post("/regions/us-zz", data={**fields, "channels.0.number": "555-01"})
    assert bad.status_code == 400 and ("too short" in bad.text or "short code" in bad.text)
    assert (studio_server.project / "regions" / "us-zz.yaml").read_bytes() == before
    shipped = client.post("/regions/us", data={**fields, "csrf": token})
    assert shipped.status_code == 403
