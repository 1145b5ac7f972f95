"""The Chinese outputs the render tests inspect, built once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from booklet.cli import cli
from booklet.load.project import shipped_root
from tests.conftest import EPOCH

FORMATS = ("booklet", "card", "large-print")


@pytest.fixture(scope="session")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """us/zh-Hans booklet, card and large print (and the same in English), built once;
    returns the Chinese folder."""
    out = tmp_path_factory.mktemp("zh")
    args = ["build", "--project", str(shipped_root()), "--out", str(out), "-r", "us", "-l", "zh-Hans",
            "-l", "en", "--jobs", "2", *(a for fmt in FORMATS for a in ("-f", fmt))]
    result = CliRunner(env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}).invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out / "us" / "zh-Hans"
