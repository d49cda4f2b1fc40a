"""Quote speakers: who speaks for a quotation that runs over several sentences.

Owns `closing_speaker` ('"Air defence shot down 40 drones. Two tanks were lost," the
ministry said in a statement.': the speaker named after the quote closes speaks for every
sentence inside it, the first and the middle ones too) and its rule, `QUOTE_RULES`.
Imports: `rules`, `sentences`, `speakers`.
"""

from __future__ import annotations

import re

from ledger.ingest.rules import Rule, registry
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import Attribution, attributions

# A sentence that opens a quotation: its first mark an opening quote.
QUOTE_OPENS = Rule(
    "quote-opens",
    "A sentence that starts with an opening quotation mark: the quote may close in a later "
    "sentence, whose speaker then speaks for this one.",
    re.compile(r"^\s*[\"“]"),
    '"Air defence shot down 40 drones.',
    "Air defence shot down 40 drones.",
)
QUOTE_RULES = registry(QUOTE_OPENS)
_AHEAD = 6  # how many sentences a quotation may run on


def _unclosed(s: str) -> bool:
    """Whether the quotation `s` opens is still open at its end."""
    if "“" in s[:3]:
        return s.count("“") > s.count("”")
    return s.count('"') % 2 == 1


def _close_at(s: str) -> int:
    """Where in `s` (a sentence inside an open quotation) the quotation closes, or -1."""
    curly, straight = s.find("”"), s.find('"')
    found = [p for p in (curly, straight) if p >= 0]
    return min(found) if found else -1


def _open_before(text: str, sentences: list[Sentence], si: int) -> bool:
    """Whether a quotation opened in an earlier sentence of the paragraph is still open where
    sentence `si` starts."""
    para = sentences[si].para
    curly = straight = 0
    for sent in reversed(sentences[:si]):
        if sent.para != para:
            break
        s = text[sent.start : sent.end]
        curly += s.count("“") - s.count("”")
        straight += s.count('"')
    return curly > 0 or straight % 2 == 1


def closing_speaker(text: str, sentences: list[Sentence], si: int) -> Attribution | None:
    """The speaker named right after the quotation that sentence `si` opens, or lies inside,
    closes, in a later sentence of the same paragraph ('...," the ministry said'); None when
    the sentence is in no quotation left open, or nobody is named after it."""
    sent = sentences[si]
    s = text[sent.start : sent.end]
    inside = _open_before(text, sentences, si)
    if inside:
        if _close_at(s) >= 0:
            return None  # the quotation closes here: this sentence's own words say who
    elif not QUOTE_OPENS.match(s) or not _unclosed(s):
        return None
    for nxt in sentences[si + 1 : si + 1 + _AHEAD]:
        if nxt.para != sent.para:
            return None
        close = _close_at(text[nxt.start : nxt.end])
        if close < 0:
            continue
        after = [a for a in attributions(text, nxt) if a.pos > nxt.start + close]
        if inside and after and after[0].anaphoric:
            return None  # '... the statement said': whose statement, the carried source says
        return after[0] if after else None
    return None
