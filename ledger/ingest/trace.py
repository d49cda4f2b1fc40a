"""The trace of one extraction: what became of each figure the stages found.

Owns `Trace`, which `extract.run` fills in when asked (`claims extract --explain` reads it
through `explain`): every reading found, the rule that dropped each one dropped, the ones
merged into a restatement, each reading as the stages finally left it, and the claim each
survivor became, all keyed by the reading's `index`. Extraction without a trace records
nothing. Imports: `events.claims`, `reading`, `sentences`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from events.claims import Claim
from ledger.ingest.reading import Reading
from ledger.ingest.sentences import Sentence


@dataclass(slots=True)
class Trace:
    """What one extraction decided, figure by figure (keyed by `Reading.index`)."""

    text: str = ""  # the reading copy the stages read (as long as the text)
    furniture: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    found: list[Reading] = field(default_factory=list)  # as the candidate stage found them
    dropped: dict[int, str] = field(default_factory=dict)  # index -> the rule that dropped it
    merged: set[int] = field(default_factory=set)  # merged into a restatement of it
    final: dict[int, Reading] = field(default_factory=dict)  # as every stage left it
    claims: dict[int, Claim] = field(default_factory=dict)  # index -> the claim it became
    unread_language: str | None = None  # why nothing was read at all
