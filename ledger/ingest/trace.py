"""The trace of one extraction: what became of each figure the stages found.

Owns `Trace`, which `extract.run` fills in when asked (`claims extract --explain` reads it
through `explain`): every candidate found, the rule that dropped each one dropped, the ones
merged into a restatement, and the claim each survivor became. Extraction without a trace
records nothing. Imports: `events.claims`, `cand`, `sentences`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from events.claims import Claim
from ledger.ingest.cand import Cand
from ledger.ingest.sentences import Sentence


@dataclass(slots=True)
class Trace:
    """What one extraction decided, candidate by candidate (keyed by `id` of the `Cand`)."""

    text: str = ""  # the reading copy the stages read (as long as the text)
    furniture: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    found: list[Cand] = field(default_factory=list)
    dropped: dict[int, str] = field(default_factory=dict)  # id -> the rule that dropped it
    merged: set[int] = field(default_factory=set)  # merged into a restatement of it
    claims: dict[int, Claim] = field(default_factory=dict)  # id -> the claim it became
    unread_language: str | None = None  # why nothing was read at all
