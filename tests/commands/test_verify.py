"""``booklet verify``: the command line around recording a check and listing what is due."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from booklet.load.project import shipped_root
from tests.write.test_verification import REGION

Run = Callable[..., Result]


def test_verify_records_a_call_dated_the_build_date(run_cli: Run, make_project: Callable[..., Path]) -> None:
    folder = make_project({"regions/us-xx.yaml": REGION})
    result = run_cli("verify", "us-xx", "county-line", "--how", "called", "--by", "A. Tester",
                     "--note", "Open 24/7.", "--project", str(folder))
    assert result.exit_code == 0, result.output
    assert "county-line: recorded called on 2026-12-01 by A. Tester" in result.output
    text = (folder / "regions" / "us-xx.yaml").read_text(encoding="utf-8")
    assert ("      - on: 2026-12-01\n        by: A. Tester\n        how: called\n"
            "        evidence: by phone\n") in text


def test_a_page_record_needs_its_address(run_cli: Run, make_project: Callable[..., Path]) -> None:
    folder = make_project({"regions/us-xx.yaml": REGION})
    result = run_cli("verify", "us-xx", "county-line", "--how", "official-page", "--by", "A",
                     "--project", str(folder))
    assert result.exit_code == 1 and "needs the address of the page you read as its evidence" in result.output
    result = run_cli("verify", "us-xx", "county-line", "--how", "official-page", "--by", "A",
                     "--evidence", "their website", "--project", str(folder))
    assert result.exit_code == 1 and "needs the page's https address" in result.output
    assert (folder / "regions" / "us-xx.yaml").read_text(encoding="utf-8") == REGION


def test_usage_mistakes_are_named(run_cli: Run) -> None:
    assert "give REGION, ID, --how and --by" in run_cli("verify", "us", "poison-help").output
    assert "--list takes no REGION or ID" in run_cli("verify", "us", "--list").output


def test_the_list_is_json_on_request(run_cli: Run) -> None:
    result = run_cli("verify", "--list", "--json", "--project", str(shipped_root()))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert set(rows[0]) == {"region", "id", "name", "contact", "status", "last", "reason", "file",
                            "urgency"}
    assert [r["urgency"] for r in rows] == sorted(r["urgency"] for r in rows)
    table = run_cli("verify", "--list", "--project", str(shipped_root())).stdout
    assert table.splitlines()[0].split()[:3] == ["REGION", "ID", "NAME"]
    assert len(table.splitlines()) == len(rows) + 1
