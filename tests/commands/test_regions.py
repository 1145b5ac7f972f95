"""Region commands (list, show, new-region) and every region's data through a real build."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from booklet.cli import cli
from booklet.load.project import open_project, shipped_root
from booklet.validate.regions import Region, load_regions, region_codes
from tests.conftest import EPOCH, ROOTS, page_sizes_mm, pdf_text

TODAY = date(2026, 12, 1)
SHIPPED = region_codes(open_project(shipped_root()))
PAGE_MM = {"letter": (139.7, 215.9), "a4": (148.0, 210.0)}
STALE_NOTICE = "Some contact details may be out of date."

Run = Callable[..., Result]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def shipped_region(code: str) -> Region:
    regions, _ = load_regions(open_project(shipped_root()), [code], TODAY)
    return regions[code]


@pytest.fixture(scope="module")
def every_region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shipped region built once in English with the real CLI and WeasyPrint."""
    out = tmp_path_factory.mktemp("regions")
    args = ["build", "--project", str(shipped_root()), "--lang", "en", "--out", str(out)]
    for code in SHIPPED:
        args += ["--region", code]
    result = CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("code", SHIPPED)
def test_every_region_builds_and_prints_each_number(every_region: Path, code: str) -> None:
    pdf = every_region / code / "en" / "booklet.pdf"
    region = shipped_region(code)
    text = flat(pdf_text(pdf))
    printed = [c.display for line in region.printable for c in line.channels]
    assert printed
    for display in [*printed, *region.emergency]:
        assert display in text, f"{display} missing from {code}"
    for line in region.unverified:
        for channel in line.channels:
            assert channel.display not in text, f"unverified {line.id} printed in {code}"
    assert set(page_sizes_mm(pdf)) == {PAGE_MM[region.paper]}


def test_the_shipped_data_keeps_some_entries_out_of_print(every_region: Path) -> None:
    ca_text = flat(pdf_text(every_region / "us-ca" / "en" / "booklet.pdf"))
    assert "1-855-845-7415" not in ca_text and "Peer-Run Warm Line" not in ca_text
    oh_text = flat(pdf_text(every_region / "us-oh" / "en" / "booklet.pdf"))
    assert "1-800-720-9616" not in oh_text and "741741" in oh_text  # Ohio CareLine: no record
    gb_text = flat(pdf_text(every_region / "gb" / "en" / "booklet.pdf"))
    assert "Find treatment near you" not in gb_text  # its locator link is not confirmed yet


def test_every_printed_line_says_exactly_what_its_records_hold(every_region: Path) -> None:
    for code in SHIPPED:
        text = flat(pdf_text(every_region / code / "en" / "booklet.pdf"))
        assert "Checked on" not in text and "Confirmed by phone" not in text, code  # nobody called
        for line in shipped_region(code).printable:
            record = line.standing
            assert record is not None and record.how != "called"
            expected = (f"From {record.site}, " if record.how == "official-page"
                        else "From a secondary source, ") + record.on.strftime("%B %Y")
            assert expected in text, f"{code}/{line.id}: {expected!r} not printed"


def build_stale(run_cli: Run, tmp_path: Path, code: str, *extra: str) -> Result:
    return run_cli("build", "--project", str(ROOTS / "regions-stale"), "--region", code,
                   "--out", str(tmp_path / "out"), *extra)


def test_over_12_months_warns_and_builds_without_the_notice(run_cli: Run, tmp_path: Path) -> None:
    result = build_stale(run_cli, tmp_path, "us-12m")
    assert result.exit_code == 0, result.output
    assert ("us-12m.yaml:15: warning: helplines[0].verifications[0].on: last checked 400 days ago"
            in result.stderr)
    text = flat(pdf_text(tmp_path / "out" / "us-12m" / "en" / "booklet.pdf"))
    assert "1-800-720-9616" in text and STALE_NOTICE not in text


def test_over_24_months_is_refused_without_allow_stale(run_cli: Run, tmp_path: Path) -> None:
    result = build_stale(run_cli, tmp_path, "us-24m")
    assert result.exit_code == 1
    assert ("us-24m.yaml:16: helplines[0].verifications[0].on: last checked 800 days ago (over 24 months)"
            in result.output)
    assert "--allow-stale" in result.output
    assert not (tmp_path / "out" / "us-24m").exists()


def test_allow_stale_builds_with_a_visible_notice(run_cli: Run, tmp_path: Path) -> None:
    result = build_stale(run_cli, tmp_path, "us-24m", "--allow-stale")
    assert result.exit_code == 0, result.output
    assert "warning: helplines[0].verifications[0].on: last checked 800 days ago" in result.stderr
    text = flat(pdf_text(tmp_path / "out" / "us-24m" / "en" / "booklet.pdf"))
    assert STALE_NOTICE in text and "1-800-720-9616" in text


def test_list_regions_prints_a_table(run_cli: Run) -> None:
    result = run_cli("list", "regions", "--project", str(shipped_root()))
    assert result.exit_code == 0, result.output
    header, *body = result.stdout.splitlines()
    assert header.split()[:3] == ["code", "name", "parent"]
    rows = {line.split()[0]: line.split() for line in body}
    assert list(rows) == SHIPPED
    assert rows["us-ny"] == ["us-ny", "New", "York", "us", "letter", "en,es,zh-Hans,ar,fr", "5", "0",
                             "2026-11-22"]
    assert rows["gb"][-3:] == ["4", "0", "2026-11-22"]
    assert rows["us-oh"][-3:] == ["5", "1", "2026-11-22"]
    assert rows["ca-qc"][4] == "fr,en"


def test_list_regions_json(run_cli: Run) -> None:
    result = run_cli("list", "regions", "--json", "--project", str(shipped_root()))
    data = {r["code"]: r for r in json.loads(result.stdout)}
    assert set(data) == set(SHIPPED)
    assert data["us-ca"] == {
        "code": "us-ca", "name": "California", "parent": "us", "paper": "letter",
        "emergency": ["911"], "languages": ["en", "es", "zh-Hans", "ar", "fr"], "printed": 4,
        "unverified": 1, "oldest_check": "2026-11-22", "stale": False,
    }
    assert data["au"]["emergency"] == ["000"] and data["au"]["paper"] == "a4"


def test_list_regions_lists_the_good_and_fails_on_the_bad(run_cli: Run,
                                                          make_project: Callable[..., Path]) -> None:
    project = make_project({"regions/us-xx.yaml": "code: us-xx\nparent: us\nemergency: [999]\n"})
    result = run_cli("list", "regions", "--project", str(project))
    assert result.exit_code == 1
    assert "us-ny " in result.stdout and "us-xx " not in result.stdout
    assert "us-xx.yaml:3: emergency[0]: YAML read an unquoted value as the number 999" in result.stderr
    assert f"1 of {len(SHIPPED) + 1} regions have errors: us-xx" in result.stderr


def test_show_region_resolves_inheritance(run_cli: Run) -> None:
    result = run_cli("show", "region", "us-ny", "--project", str(shipped_root()))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("us-ny  New York  (inherits from us)")
    assert "samhsa-helpline  [verified]  from us\n" in out
    assert "never-use-alone  [secondary]  from us\n" in out
    assert "nys-hopeline  [secondary]  from us-ny\n" in out
    assert "2026-11-29 official-page by booklet maintainers" in out
    assert "phone 1-877-846-7369 · text 467369" in out
    assert "helplines: 5 printed, 0 unverified" in out


def test_show_region_marks_overrides_removals_and_unverified(run_cli: Run) -> None:
    result = run_cli("show", "region", "us-xx", "--project", str(ROOTS / "regions-override"))
    out = result.stdout
    assert "poison-help  [verified]  from us-xx (replaces us)" in out
    assert "phone 1-800-720-9616" in out and "1-800-222-1222" not in out
    assert "never-use-alone" not in out
    assert "rumoured-line  [unverified: never printed]  from us-xx" in out
    assert "helplines: 3 printed, 1 unverified" in out


def test_show_unknown_region_fails_with_the_known_ones(run_cli: Run) -> None:
    result = run_cli("show", "region", "zz", "--project", str(shipped_root()))
    assert result.exit_code == 1
    assert "no region 'zz'" in result.output and "us-ny" in result.output


def fill_in(text: str, values: list[str]) -> str:
    """Fill the skeleton's FILL IN values in order."""
    queue = iter(values)
    lines = []
    for line in text.splitlines():
        if "FILL IN" in line and not line.lstrip().startswith("#"):
            line = line.replace('""', f'"{next(queue)}"', 1)
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_new_region_round_trip(run_cli: Run, make_project: Callable[..., Path], tmp_path: Path) -> None:
    project = make_project()
    result = run_cli("new-region", "us-tx", "--parent", "us", "--project", str(project))
    assert result.exit_code == 0, result.output
    path = project / "regions" / "us-tx.yaml"
    skeleton = path.read_text(encoding="utf-8")
    fill_lines = {n for n, line in enumerate(skeleton.splitlines(), 1)
                  if "FILL IN" in line and not line.lstrip().startswith("#")}
    _, problems = load_regions(open_project(project), ["us-tx"], TODAY)
    assert {p.line for p in problems.errors} == fill_lines  # each blank names its own line
    path.write_text(fill_in(skeleton, ["Texas", "tx-help-line", "Texas Help Line",
                                       "Help finding treatment in Texas.", "1-800-720-9616",
                                       "https://example.org/texas"]), encoding="utf-8")
    _, problems = load_regions(open_project(project), ["us-tx"], TODAY)
    assert not problems.items  # filled in, but with no record the line is not printed yet
    verified = run_cli("verify", "us-tx", "tx-help-line", "--how", "called", "--by", "A. Tester",
                       "--project", str(project))
    assert verified.exit_code == 0, verified.output
    out = tmp_path / "out"
    built = run_cli("build", "--project", str(project), "--region", "us-tx", "--out", str(out))
    assert built.exit_code == 0, built.output
    text = flat(pdf_text(out / "us-tx" / "en" / "booklet.pdf"))
    assert "Texas Help Line" in text and "1-800-720-9616" in text
    assert "Confirmed by phone on Dec 1, 2026" in text
    assert "1-800-662-4357" in text  # inherited from us


def test_new_region_refuses_to_overwrite(run_cli: Run, make_project: Callable[..., Path]) -> None:
    project = make_project({"regions/us-tx.yaml": "# mine\n"})
    result = run_cli("new-region", "us-tx", "--parent", "us", "--project", str(project))
    assert result.exit_code == 1 and "already exists" in result.output
    assert (project / "regions" / "us-tx.yaml").read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize(("code", "parent", "says"), [
    ("../us-tx", "us", "is not a region code"),
    ("US-TX", "us", "is not a region code"),
    ("us-tx", "../us", "is not a region code"),
    ("gb-sct", "us", "shares its parent's country code"),
    ("us-ny", "us", "is a shipped region"),
    ("us-tx", "us-qq", "no region 'us-qq'"),
])
def test_new_region_refuses_bad_codes_without_writing(run_cli: Run, make_project: Callable[..., Path],
                                                      tree_snapshot: Callable[[Path], dict[str, bytes]],
                                                      code: str, parent: str, says: str) -> None:
    project = make_project()
    before = tree_snapshot(project.parent)
    result = run_cli("new-region", code, "--parent", parent, "--project", str(project))
    assert result.exit_code == 1 and says in result.output
    assert tree_snapshot(project.parent) == before


def test_new_region_needs_a_project_folder(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("new-region", "us-tx", "--parent", "us", "--project", str(tmp_path))
    assert result.exit_code == 1 and "is not a booklet project" in result.output
    assert not (tmp_path / "regions").exists()
