"""A data-set import as events: the batch one `import-dataset` appends, and what it reports.

Owns: `plan_dataset` (a pure function: read the files, plan against the claims the ledger
already holds, and build the batch), `DatasetImport` (that batch and what it was built from),
`DatasetSummary` (the report of `import-dataset`), the known formats and the claim stream
naming the batch writes to. New figures become `ClaimAsserted` on a new stream, with an
idempotency key; figures the source rewrote become `ClaimCorrected` at the stream's current
version; a declared correction rides in the provenance of the figure it explains, so audit can
tell re-counts from new losses. Nothing is written here: the caller appends the batch.

Imports: the standard library, `events`, `events.new_event`, `ledger.errors`,
`ledger.importers.gs_daily_files`, `ledger.importers.dataset_plan`. Never `ledger.service`
or `ledger.app`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

from events import ClaimAsserted, ClaimCorrected
from events.new_event import NewEvent
from ledger.errors import InvalidInput
from ledger.importers.dataset_plan import ImportPlan, PlannedCorrection, plan_import
from ledger.importers.gs_daily import DatasetFigure, DeclaredCorrection
from ledger.importers.gs_daily_files import load_gs_daily

__all__ = ["FORMATS", "DatasetImport", "DatasetSummary", "claim_stream", "plan_dataset"]

FORMATS: tuple[str, ...] = ("gs-daily",)
"""The data-set formats `plan_dataset` reads."""


def claim_stream(claim_id: str) -> str:
    """Return the stream of a claim asserted on its own (not read from an article).

    The same naming as the application's hand-asserted claims, so a data-set figure and its
    corrections share one stream.
    """
    return f"claim-{claim_id}"


class DatasetSummary(TypedDict):
    """What `import-dataset` reports: the files, the plan's counts, and what was written."""

    format: str
    files: list[str]
    figures: int
    new: int
    corrected: int
    unchanged: int
    absent: int
    declared_corrections: int
    written: int
    positions: list[int] | None
    dry_run: bool


@dataclass(frozen=True)
class DatasetImport:
    """The batch an import appends (empty: nothing to write), and the plan it was built from.

    `declared` maps claim id -> the net declared re-count of that figure; `files` are the file
    names read (no folders), sorted.
    """

    batch: list[NewEvent]
    fmt: str
    files: tuple[str, ...]
    plan: ImportPlan
    declared: Mapping[str, int]

    def summary(self, created_positions: list[int], *, dry_run: bool) -> DatasetSummary:
        """Report the import, given the positions of the events the append created."""
        created = created_positions  # of the events the append created (none: a dry run)
        return {
            "format": self.fmt,
            "files": list(self.files),
            "figures": self.plan.figures,
            "new": len(self.plan.new),
            "corrected": len(self.plan.corrections),
            "unchanged": self.plan.unchanged,
            "absent": len(self.plan.absent),
            "declared_corrections": len(self.declared),
            "written": len(created),
            "positions": [min(created), max(created)] if created else None,
            "dry_run": dry_run,
        }


def plan_dataset(
    paths: Sequence[str],
    *,
    fmt: str,
    existing: Mapping[str, tuple[int, str]],
    stream_version: Callable[[str], int],
    actor: str,
) -> DatasetImport:
    """Read a data set and build the batch that imports it into a ledger holding `existing`.

    `existing` maps claim id -> (value, qualifier) of the data-set claims the ledger holds;
    `stream_version(stream)` returns a stream's current version (asked only of the streams of
    rewritten figures). Raises `InvalidInput` for an unknown format or unreadable files.
    """
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown data set format {fmt!r} (known: {', '.join(FORMATS)})")
    data = load_gs_daily(paths)
    declared = _net_declared(data.declared_corrections())
    plan = plan_import(existing, data.figures())
    batch = [
        *_assertions(plan.new, declared, fmt=fmt, actor=actor),
        *_corrections(plan.corrections, stream_version, actor=actor),
    ]
    files = tuple(sorted(data.source_files.values()))
    return DatasetImport(batch=batch, fmt=fmt, files=files, plan=plan, declared=declared)


def _net_declared(corrections: Iterable[DeclaredCorrection]) -> dict[str, int]:
    """Sum the declared corrections per figure they explain (claim id -> net delta)."""
    declared: dict[str, int] = {}
    for correction in corrections:
        declared[correction.claim_id] = declared.get(correction.claim_id, 0) + correction.delta
    return declared


def _assertions(
    figures: Iterable[DatasetFigure], declared: Mapping[str, int], *, fmt: str, actor: str
) -> Iterator[NewEvent]:
    """Yield a ClaimAsserted per new figure, on its own new stream, keyed by format and id."""
    for figure in figures:
        claim_id = figure.claim.claim_id
        provenance = dict(figure.provenance)
        if claim_id in declared:
            provenance["declared_correction"] = str(declared[claim_id])
        yield NewEvent(
            stream=claim_stream(claim_id),
            event=ClaimAsserted(claim=figure.claim, provenance=provenance),
            expected_version=0,
            actor=actor,
            idempotency_key=f"{fmt}:{claim_id}",
        )


def _corrections(
    fixes: Iterable[PlannedCorrection], stream_version: Callable[[str], int], *, actor: str
) -> Iterator[NewEvent]:
    """Yield a ClaimCorrected per rewritten figure, expecting its stream's current version."""
    for fix in fixes:
        stream = claim_stream(fix.claim_id)
        event = ClaimCorrected(claim_id=fix.claim_id, changes=dict(fix.changes), reason=fix.reason)
        yield NewEvent(
            stream=stream, event=event, expected_version=stream_version(stream), actor=actor
        )
