"""Ingest as a user feels it: one article as a process, and a folder on one core and on all.

Owns: `write_folder` (the benchmark's ~5 KB articles as dated text files), `folder_aps`
(a run: `Ledger.ingest` of the folder into a fresh ledger with `jobs` processes; articles/s)
and `one_article` (the argv of `claims ingest` of one article, timed as a process).
Figures: `ingest_one_ms` (ratio to `cli_startup_ms`, target <= 4), `ingest_folder_serial_aps`
and `ingest_folder_aps` (every usable core; ratio to the serial figure, target >= 1.7 on two).
Imports: `benchmarks.data`; `ledger` (in the runs).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import data


def write_folder(folder: Path, count: int) -> list[Path]:
    """Write `count` varied articles, each opening with its dateline, as .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, (text, published) in enumerate(data.articles(count, seed=5)):
        dateline = f"Kyiv, {published.day} {published:%B %Y}\n\n" if published else ""
        path = folder / f"article-{k:04}.txt"
        path.write_text(f"Losses report {k}\n\n{dateline}{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def folder_aps(
    new_path: Callable[[], Path], folder: Path, count: int, jobs: int | None
) -> Callable[[], float]:
    """A run: ingest `folder` into a fresh ledger with `jobs` processes; articles/s."""
    from ledger import ArticleOptions, ArticleSource, open_ledger

    def run() -> float:
        with open_ledger(new_path()) as ledger:
            t0 = time.perf_counter()
            results = list(ledger.ingest(ArticleSource([str(folder)]), ArticleOptions(), jobs=jobs))
            seconds = time.perf_counter() - t0
        failed = [r for r in results if r.status == "failed"]
        if failed:
            raise SystemExit(f"bench ingest failed: {failed[0].source}: {failed[0].error}")
        return count / seconds

    return run
