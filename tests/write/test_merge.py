"""Many machines: shards merged with ``booklet manifest merge``, and builds running at once
into one folder never losing a manifest entry."""

from __future__ import annotations

import json
import multiprocessing
import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from booklet.write.manifest import Entry, read_manifest, update_manifest
from tests.test_pipeline import booklet_process

NZ = ("-r", "nz", "--all", "-f", "card")  # two outputs: nz/en and nz/zh-Hans


def _outputs(out: Path) -> list[str]:
    return [e["file"] for e in json.loads((out / "manifest.json").read_text())["outputs"]]


def test_shards_merge_into_one_folder(run_cli: Callable[..., Result], shipped: Path, tmp_path: Path,
                                      tree_snapshot: Callable[[Path], dict[str, bytes]]) -> None:
    for k in (1, 2):
        result = run_cli("build", *NZ, "--shard", f"{k}/2", "--out", f"shards/{k}", "--project", str(shipped))
        assert result.exit_code == 0, result.output
    merged = run_cli("manifest", "merge", "out", "shards/1", "shards/2")
    assert merged.exit_code == 0, merged.output
    assert "merged 2 shards: 4 files, 2 outputs, 0 failed -> out/manifest.json" in merged.output
    assert _outputs(tmp_path / "out") == ["nz/en/card.pdf", "nz/zh-Hans/card.pdf"]
    for rel in ("nz/en/card.pdf", "nz/zh-Hans/card-sheet.pdf"):
        shard = next(tmp_path.glob(f"shards/*/{rel}"))
        assert (tmp_path / "out" / rel).read_bytes() == shard.read_bytes()
    assert "0 built, 2 up to date" in run_cli("build", *NZ, "--out", "out", "--project", str(shipped)).output

    shutil.copytree(tmp_path / "shards" / "1", tmp_path / "shards" / "again")
    before = tree_snapshot(tmp_path / "out2")
    twice = run_cli("manifest", "merge", "out2", "shards/1", "shards/again")
    assert twice.exit_code == 1
    assert "in two shards (shards/1/nz/en and shards/again/nz/en); nothing was written" in twice.output
    assert tree_snapshot(tmp_path / "out2") == before
    (tmp_path / "shards" / "2" / "nz" / "zh-Hans" / "card.pdf").write_bytes(b"%PDF-1.7 cut short")
    broken = run_cli("manifest", "merge", "out3", "shards/1", "shards/2")
    assert broken.exit_code == 1 and "not the file its manifest describes" in broken.output
    assert not (tmp_path / "out3").exists()


def test_two_builds_into_one_folder_keep_both_entries(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    procs = [booklet_process("build", "-r", region, "-f", "card", "--jobs", "1", "--out", str(out),
                             "--project", str(shipped)) for region in ("nz", "au")]
    for proc in procs:
        output, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, output
    assert _outputs(out) == ["au/en/card.pdf", "nz/en/card.pdf"]


def _write_entries(out: Path, worker: int) -> None:
    for n in range(25):
        update_manifest(out, [Entry(f"x{worker}", f"l{n}", "card", f"x{worker}/l{n}/card.pdf", 1, 1,
                                    "0" * 64, "0" * 64, None, "source")])


def test_concurrent_manifest_updates_lose_nothing(tmp_path: Path) -> None:
    workers = [multiprocessing.get_context("fork").Process(target=_write_entries, args=(tmp_path, w))
               for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert len(read_manifest(tmp_path)) == 4 * 25  # without the lock, entries written between
    # another process's read and write are lost
