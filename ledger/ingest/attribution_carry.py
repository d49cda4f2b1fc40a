"""What reading an article carries from sentence to sentence: who has spoken so far.

Owns `Carry`, the state the attribution stage (`attribution`) reads and updates sentence by
sentence: the paragraph's speaker, the last source named, who the lead says speaks, every
source named so far; a paragraph that opens as a continuation ("It also said", "In
addition") or comes within two paragraphs of the last source goes on with it. Imports:
`cues`, `rx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ledger.ingest.cues import LIST_LINE
from ledger.ingest.rx import guarded

_I = re.IGNORECASE

_CONTINUATION_START = guarded(
    r"^\s*(?:This|These|That|It|They|In addition|Additionally|Also|The figures?|The numbers?|"
    r"Of (?:these|them|this)|Among them|In total|Overall|Besides|Moreover|Furthermore)\b",
    _I,
)


@dataclass(slots=True)
class Carry:
    """What reading an article carries from sentence to sentence: who has spoken so far."""

    publisher: str
    article_end: int  # where the article's last sentence ends
    memory: dict[str, str] = field(default_factory=dict)  # the ministry the article last named
    para: tuple[str, str] | None = None  # who speaks for the paragraph: (claimant, words)
    last: tuple[str, str] | None = None  # the last source named, or carried on
    last_para: int = -9  # the paragraph `last` was named or carried in
    current_para: int = -1
    first_named: tuple[str, str] | None = None  # who the lead says speaks
    first_named_at: int = 0  # where the sentence that names it starts
    named: list[tuple[str, str]] = field(default_factory=list)  # each source named so far
    article_hint: str | None = None  # a headline's context: the whole article, in brief

    def enter_paragraph(self, para: int, s_text: str) -> None:
        """A new paragraph goes on with the last source when it opens as a continuation
        ("It also said", "In addition") or comes within two paragraphs of it."""
        self.current_para = para
        self.para = None
        if self.last and (_CONTINUATION_START.match(s_text) or para - self.last_para <= 2):
            self.para = self.last
            if LIST_LINE.match(s_text):
                self.last_para = para  # a list's lines go on with whoever opened it

    def speaks(self, who: tuple[str, str], para: int) -> None:
        """`who` is now the paragraph's and the article's last source."""
        self.para = self.last = who
        self.last_para = para
