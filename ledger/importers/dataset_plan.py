"""The import plan: what (re-)importing a data set's figures means for the ledger's claims.

Owns: `plan_import`, the pure decision of which figures are new, which the source rewrote
(`PlannedCorrection`, with the fields to change and a one-line reason), how many are unchanged
and which the ledger holds that the figures lack (`absent`), all in an `ImportPlan`. Nothing
here reads files or builds events (`gs_daily_files`, `dataset`). Imports: the standard library,
`events.claims`, `ledger.errors`, `ledger.importers.gs_daily`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypedDict

from events.vocabulary import Qualifier
from ledger.errors import InvalidInput
from ledger.importers.gs_daily import DATASET, DatasetFigure

__all__ = ["ImportPlan", "PlannedCorrection", "RewrittenFields", "plan_import"]

_DATASET_IDS = "c_gs_"
"""The id prefix of every gs-daily claim: the ones an import may find `absent`."""


class RewrittenFields(TypedDict, total=False):
    """The fields of a figure the source rewrote: the new value and/or qualifier."""

    value: int
    qualifier: Qualifier


@dataclass(frozen=True)
class PlannedCorrection:
    """A figure the source rewrote after the ledger had it: the fields to correct, and why."""

    claim_id: str
    changes: RewrittenFields
    reason: str
    figure: DatasetFigure


@dataclass(frozen=True)
class ImportPlan:
    """What importing some figures means for a ledger that already holds `existing`.

    `absent` lists gs-daily claims the ledger holds that these figures lack (a smaller slice,
    or a record the source removed); it is reported, never acted on.
    """

    new: tuple[DatasetFigure, ...]
    corrections: tuple[PlannedCorrection, ...]
    unchanged: int
    absent: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Return True when the import would write nothing."""
        return not self.new and not self.corrections

    @property
    def figures(self) -> int:
        """Return how many figures were planned: new, corrected and unchanged."""
        return len(self.new) + len(self.corrections) + self.unchanged


def plan_import(
    existing: Mapping[str, tuple[int, str]], figures: Sequence[DatasetFigure]
) -> ImportPlan:
    """Decide what to assert and what to correct, given the ledger's (value, qualifier) by id.

    A figure the ledger lacks is new; one whose value or qualifier differs was rewritten in the
    source and gets a correction; an identical one writes nothing, so re-imports are no-ops.
    """
    new: list[DatasetFigure] = []
    corrections: list[PlannedCorrection] = []
    unchanged = 0
    seen: set[str] = set()
    for figure in sorted(figures, key=lambda f: f.sort_key):
        claim_id = figure.claim.claim_id
        if claim_id in seen:
            raise InvalidInput(f"gs-daily: the figure {claim_id} is given twice")
        seen.add(claim_id)
        if claim_id not in existing:
            new.append(figure)
            continue
        old_value, old_qualifier = existing[claim_id]
        changes = _rewritten(figure, old_value, old_qualifier)
        if not changes:
            unchanged += 1
            continue
        reason = _rewrite_reason(figure, old_value, old_qualifier)
        corrections.append(PlannedCorrection(claim_id, changes, reason, figure))
    absent = sorted(cid for cid in existing if cid.startswith(_DATASET_IDS) and cid not in seen)
    return ImportPlan(tuple(new), tuple(corrections), unchanged, tuple(absent))


def _rewritten(figure: DatasetFigure, old_value: int, old_qualifier: str) -> RewrittenFields:
    """Return the fields whose published value differs from the ledger's (empty: none)."""
    claim = figure.claim
    changes: RewrittenFields = {}
    if old_value != claim.value:
        changes["value"] = claim.value
    if old_qualifier != claim.qualifier:
        changes["qualifier"] = claim.qualifier
    return changes


def _rewrite_reason(figure: DatasetFigure, old_value: int, old_qualifier: str) -> str:
    """Say in one line what the source rewrote, e.g. `gs-daily 2022-03-11 APC ...: 165 -> 1165`."""
    claim = figure.claim
    parts = []
    if old_value != claim.value:
        parts.append(f"{old_value} -> {claim.value}")
    if old_qualifier != claim.qualifier:
        parts.append(f"qualifier {old_qualifier} -> {claim.qualifier}")
    where = f"{DATASET} {figure.provenance['record_date']} {figure.provenance['field']}"
    return f"{where} rewritten in the source: {'; '.join(parts)}"
