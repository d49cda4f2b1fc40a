"""Sentences: how the extractor cuts an article into lines, sentences and clauses.

Owns: `Sentence`, `split_sentences` (furniture-aware, hard-wrapped lines joined, short
lines without a final stop marked as headings, a list's item number "1." ending no
sentence), `sentence_at` / `sentence_bounds` (the sentence a quote was read from, as text or
as bounds) and the clause bounds `clause_start` / `clause_end`. Imports: `rules`, `rx` and
`rx_parse` only (the furniture spans come in as an argument).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.rx_parse import max_width


@dataclass(slots=True)
class Sentence:
    """A sentence's bounds in the text, its paragraph (a count of lines) and whether it is
    a heading."""

    start: int
    end: int
    para: int
    heading: bool


_ABBREV = guarded(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Maj|Capt|Sgt|No|Nos|Ep|vs|etc|approx|incl|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|e\.g|i\.e|Jr|Sr|Gov|Sen|Rep)|\b[A-Z])\.$"
)
# A match ends the text searched, so it starts at most this far before the end.
_ABBREV_WIDTH = max_width(_ABBREV)
# "1." opening a line: a list's item number, which ends no sentence.
_ITEM_NUMBER = re.compile(r"\s*\d{1,2}\.")
_ITEM_WIDTH = 12
# A sentence ends at a stop before a capital (or a figure), after a space; or, in text that
# lost its spaces ("by the end of 2025.For context"), at a stop between a word of two
# lower-case letters or digits and a capitalised word ("Censor.NET", "St.Petersburg" go on).
_SENT_END = guarded(
    r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|(?<=[a-z0-9]{2})[.!?](?=[A-Z][a-z])"
)

# Searched in a stripped line's last two characters, where any match of it lies.
_FINAL_STOP = re.compile(r"[.!?:;][\"”’')]?$")

# The longest sentence the stages see. Every stage scans a figure's sentence (or a window
# around it) once per figure, so a sentence of unbounded length would make extraction
# quadratic in it ("1 tank, 2 tanks, ..." for a megabyte). Real sentences are far shorter
# (the longest in the labelled set is about 550 characters); a longer run is cut into pieces
# of at most this many characters, at a space where there is one.
MAX_SENTENCE = 1200


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text breaks at (0 when its paragraphs are one line each):
    the longest line, when it is short and several lines end near it."""
    lengths = [len(x.rstrip()) for x in lines if x.strip()]
    if len(lengths) < 3:
        return 0
    width = max(lengths)
    near = sum(1 for n in lengths if width - 25 <= n)
    return width if width <= 120 and near >= 3 else 0


_CONTINUATION_MARKS = (",", ";")
# "Tanks: 7,610 (+9)": a line that ends with a day's change in brackets is a row of a list,
# not a hard-wrapped line the next one goes on.
ROW_END = Rule(
    "row-ends-with-change",
    "A line ending in a day's change (\"Tanks: 7,610 (+9)\"): a list's row, never wrapped on.",
    guarded(r"\d\s*\(\s*\+\s*\d[\d,.  ]*\)\s*[;,.]?\s*$"),
    "Tanks: 7,610 (+9)",
    "Tanks: 7,610 (+9) and",
)
# "- According\nto the documents", "when Shoigu said that\n5,937 troops": a line cut
# mid-sentence goes on in the next, however the text was wrapped.
GOES_ON = Rule(
    "line-goes-on",
    "A line cut mid-sentence: it ends in a word or comma and the next opens in lower case, or "
    "it ends in a function word and the next opens with no bullet or item number.",
    guarded(
        r"(?:[A-Za-z][’'\"”)]?|,)\n(?=[a-z])|\b(?i:the|a|an|of|to|that|and|or|by|in|on|at|"
        r"for|with|from|as|than|when|while|its|their|his|her)\n"
        r"(?![-*•–—·‣▪◦●■►]|\d{1,2}[.)]\s)(?=\S)"
    ),
    "- According\nto the documents",
    "- 7,910 tanks\n- 512 aircraft",
)
LINE_RULES = registry(ROW_END, GOES_ON)


def _goes_on(before: str, line: str) -> bool:
    """Whether `line` continues the sentence the line `before` it was cut in."""
    return bool(GOES_ON.search(before.rstrip()[-12:] + "\n" + line.lstrip()[:12]))


def _logical_lines(text: str, furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each line, with the lines of a hard-wrapped paragraph joined; a line
    whose first character is in `furniture` (sorted, merged spans) is left out."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[tuple[int, int]] = []
    pos = 0
    joinable = False
    k = 0  # the first furniture span that does not end before the current line
    prev_end = -1  # where the line before ends, when it was kept (not blank, not furniture)
    kept = 0  # lines kept so far (the first may be a title, which no line goes on)
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            joinable = False
            prev_end = -1
            continue
        first = start + (len(line) - len(line.lstrip()))  # grows line by line
        while k < len(furniture) and furniture[k][1] <= first:
            k += 1
        if k < len(furniture) and furniture[k][0] <= first:  # in_spans(first, furniture)
            joinable = False
            prev_end = -1
            continue
        goes_on = (
            bool(out) and prev_end == out[-1][1] and _goes_on(text[out[-1][0] : prev_end], line)
        )
        if (joinable or goes_on or line.lstrip()[:1] in _CONTINUATION_MARKS) and out:
            # a hard-wrapped line, or one that opens with a comma: the line before goes on
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        prev_end = end
        kept += 1
        joinable = (
            bool(width)
            and len(line.rstrip()) >= width - 30
            and kept > 1
            and not ROW_END.search(line)
        )
    return out


def split_sentences(text: str, furniture: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of the non-furniture lines; a short line without final stop is a heading."""
    out: list[Sentence] = []
    para = 0
    title = ""
    for start, end in _logical_lines(text, furniture):
        line = text[start:end]
        stripped = line.strip()
        para += 1
        if para == 1 and len(stripped) < 200 and not stripped.endswith((".", ":")):
            title = stripped  # (a first line ending in ":" opens a list: no title)
        heading = stripped == title or (
            len(stripped) < 160 and not _FINAL_STOP.search(stripped[-2:])
        )
        s = start
        for m in _SENT_END.finditer(line):
            stop = m.start() + 1  # an abbreviation's dot ends line[:stop]
            if _ABBREV.search(line, max(0, stop - _ABBREV_WIDTH), stop) or (
                stop <= _ITEM_WIDTH and _ITEM_NUMBER.fullmatch(line, 0, stop)
            ):
                continue
            e = start + m.end()
            _append_cut(text, out, s, e, para, heading)
            s = e
        if s < end and text[s:end].strip():
            _append_cut(text, out, s, end, para, heading)
    return out


def _append_cut(
    text: str, out: list[Sentence], start: int, end: int, para: int, heading: bool
) -> None:
    """Append the sentence `start..end`, cut into pieces of at most `MAX_SENTENCE` characters
    (after the last space of each piece, when its second half holds one)."""
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut >= 0 else start + MAX_SENTENCE
        if text[start:cut].strip():
            out.append(Sentence(start, cut, para, heading))
        start = cut
    if text[start:end].strip():
        out.append(Sentence(start, end, para, heading))


def sentence_at(text: str, span: tuple[int, int] | list[int]) -> str:
    """Return the sentence holding `span`, split the way extraction splits: audit shows a
    quote in the very sentence it was read from (see `sentence_bounds`)."""
    start, end = sentence_bounds(split_sentences(text, []), (span[0], span[1]))
    return " ".join(text[start:end].split())


def sentence_bounds(sentences: list[Sentence], span: tuple[int, int]) -> tuple[int, int]:
    """The bounds of the sentence a quote at `span` stands in, among `sentences` (in text
    order): the one holding the quote's first character, running on to the end of the one
    holding its last should the quote run past it; `span` itself if no sentence holds it.
    A claim records these bounds for `split_sentences(text, [])`, as `sentence_at` reads."""
    first = _holding(sentences, span[0])
    if first is None:
        return span[0], span[1]
    end = first.end
    if span[1] > end:
        last = _holding(sentences, span[1] - 1)
        end = last.end if last is not None else span[1]
    return first.start, end


def _holding(sentences: list[Sentence], pos: int) -> Sentence | None:
    """The sentence holding position `pos`, if any (sentences are in order and disjoint)."""
    i = bisect.bisect_right(sentences, pos, key=lambda s: s.start) - 1
    return sentences[i] if i >= 0 and pos < sentences[i].end else None


def clause_start(text: str, sent: Sentence, pos: int) -> int:
    """Start of the clause holding `pos`: after the last , ; : ( before it in the sentence."""
    s = sent.start
    cut = max(
        text.rfind(",", s, pos),
        text.rfind(";", s, pos),
        text.rfind(":", s, pos),
        text.rfind("(", s, pos),
    )
    return cut + 1 if cut >= 0 else s


def clause_end(text: str, sent: Sentence, pos: int) -> int:
    """End of the clause holding `pos`: the first , ; : ( ) after it in the sentence."""
    end = sent.end
    for c in ",;:()":
        i = text.find(c, pos, end)
        if i >= 0:
            end = i
    return end
