"""A folder's articles extracted on every core, handed back in the order a serial run takes them.

Owns: `usable_cores` (the processes a folder ingest uses by default) and `prepared_in_order`
(each draft's `Prepared`, or the refusal `prepare` raised for it, in input order). Only the
pure part runs in the workers — reading each text's claims (`ledger.ingest.pipeline.prepare`);
deciding and appending stay in the caller's process, one article after another, so a parallel
ingest writes the very events, in the very positions, of a serial one.
Imports: `ledger.errors`, `ledger.ingest.pipeline` (the caller has loaded it already).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from ledger.errors import InvalidInput
from ledger.ingest.pipeline import Prepared, prepare
from ledger.ingest.readers import ArticleDraft

MIN_PARALLEL = 2
"""A folder of fewer drafts than this is read in this process: a worker costs a fork."""


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _prepare(draft: ArticleDraft) -> Prepared | InvalidInput:
    """`prepare`, its refusal returned rather than raised (it crosses a process boundary)."""
    try:
        return prepare(draft)
    except InvalidInput as exc:
        return exc


def prepared_in_order(
    drafts: Sequence[ArticleDraft], jobs: int
) -> Iterator[Prepared | InvalidInput]:
    """Yield each draft's `Prepared` (or its refusal) in input order, extracted by up to
    `jobs` processes; one job, or a single draft, runs here without a pool."""
    if jobs <= 1 or len(drafts) < MIN_PARALLEL:
        yield from (_prepare(d) for d in drafts)
        return
    import multiprocessing  # only for a pool: one article is read without loading it
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = min(jobs, len(drafts))
    chunk = max(1, len(drafts) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_prepare, drafts, chunksize=chunk)
