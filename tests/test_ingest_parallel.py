"""A folder ingested on every core writes the log a serial ingest writes: the same event
payloads in the same positions, and the same results in the same order (#17)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from ledger import ArticleOptions, ArticleSource, open_ledger
from ledger.app.ingest_jobs import prepared_in_order

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

DAILY = """Russia has lost {troops:,} troops, General Staff says

By Test Desk, Example Daily
{day} April 2023

The General Staff of Ukraine's Armed Forces reported on April {day} that Russia had lost a total
of {troops:,} troops since the start of the full-scale invasion on Feb. 24, 2022. Russian forces
have also lost {tanks:,} tanks, the General Staff said.
"""
UNDATED = "Russia has lost 3,000 tanks, the General Staff said, without saying when.\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped examples, a dozen dated dailies, a copy of one of them (the same text:
    unchanged), an undated article and a file that cannot be read (both failed results)."""
    folder = tmp_path / "in"
    shutil.copytree(EXAMPLES, folder)
    for day in range(1, 13):
        text = DAILY.format(day=day, troops=170_000 + day * 650, tanks=3_600 + day)
        (folder / f"daily-{day:02}.txt").write_text(text)
    shutil.copy(folder / "daily-03.txt", folder / "daily-03-copy.txt")
    (folder / "undated.txt").write_text(UNDATED)
    (folder / "broken.json").write_text("{nope")
    return folder


def _ingest(path: Path, folder: Path, jobs: int) -> tuple[list[Any], list[Any]]:
    """Ingest `folder` into a fresh ledger with `jobs` processes: (results, log)."""
    with open_ledger(path) as ledger:
        results = [
            (r.source, r.status, r.article_id, r.claims, r.position, r.error)
            for r in ledger.ingest(ArticleSource([str(folder)]), ArticleOptions(), jobs=jobs)
        ]
        log = [
            (
                e.position,
                e.type,
                e.stream,
                e.version,
                orjson.dumps(e.data, option=orjson.OPT_SORT_KEYS),
            )
            for e in ledger.store.read()
        ]
    return results, log


def test_parallel_ingest_writes_the_serial_log(tmp_path: Path, folder: Path) -> None:
    """Two processes and one give the same results and the same events in the same positions."""
    serial = _ingest(tmp_path / "serial.db", folder, jobs=1)
    parallel = _ingest(tmp_path / "parallel.db", folder, jobs=2)
    results, log = serial
    assert {r[1] for r in results} >= {"new", "unchanged", "failed"}, results
    assert len(log) >= 16
    assert parallel == serial


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_prepared_come_back_in_input_order(folder: Path, jobs: int) -> None:
    """Each draft's extraction (or refusal) is handed back in the drafts' order."""
    from ledger.errors import InvalidInput
    from ledger.ingest.readers import iter_article_files, read_article_file

    drafts = [
        d
        for path in iter_article_files([str(folder)])
        if isinstance(path, str) and not path.endswith("broken.json")
        for d in read_article_file(path)
    ]
    out = list(prepared_in_order(drafts, jobs))
    assert len(out) == len(drafts)
    for draft, ready in zip(drafts, out, strict=True):
        if isinstance(ready, InvalidInput):
            assert draft.source in str(ready)
        else:
            assert ready.draft.source == draft.source
