"""Basis: what a personnel figure counts — the dead, the wounded, both, the missing, ...

Owns `BasisCue` (a named phrase and the basis it says), `BASIS_CUES` (the table, most specific
first), `BASIS_WINDOW` (where a figure's own words start and stop), `CLAIMANT_BASES` (the basis
a claimant defines its own "losses" with; `claimant_basis`), `basis_for` (one figure) and
`decide_bases` (the stage: a `Counting` for every figure, a basis for a personnel one). Pure:
reads the text around a figure, no I/O. The vocabulary is `events.claims.Basis`; README
"What the figures count" documents it.

Where a figure's words say what it counts, they decide: its own clause after the number ("1,351
servicemen had been killed", "about 45,000 casualties"), else the words just before it ("the
names of 5,701 soldiers", "killed 300 troops"). A clause stops at the next figure, so in "61,207
killed and 49,368 wounded" each number has its own word; the other end of a range ("between
7,000 and 15,000 killed") is read through. The most specific phrase wins ("killed and wounded"
over "killed", "irretrievable losses" over "losses"). Where the words say nothing, a claimant
that defines its personnel losses (the General Staff: killed plus wounded) gives its basis
(rule `claimant-defines-losses`); else the basis is `unknown`, said as rule `no-basis-cue`.
Editing a cue changes extraction output: bump EXTRACTOR_VERSION. Imports: `events.claims`,
`numbers`, `reading`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from events.vocabulary import Basis
from ledger.ingest.numbers import find_numbers
from ledger.ingest.reading import Counting, Document, Reading
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

__all__ = [
    "BASIS_CUES",
    "BASIS_WINDOW",
    "CLAIMANT_BASES",
    "BasisCue",
    "basis_for",
    "claimant_basis",
    "decide_bases",
]


@dataclass(frozen=True, slots=True)
class BasisCue(Rule):
    """A phrase that says what a personnel figure counts, and that `basis`."""

    basis: Basis = "unknown"


def _cue(name: str, basis: Basis, rx: str, doc: str, accepts: str, rejects: str) -> BasisCue:
    pattern = guarded(rf"\b(?:{rx})\b", re.IGNORECASE)
    return BasisCue(name, doc, pattern, accepts, rejects, (), basis)


_WOUNDED = r"(?:wounded|injured)"
_KILLED = r"(?:killed|dead|died)"

BASIS_CUES = registry(
    # the most specific phrases first: each is looked for before any after it
    _cue(
        "basis-irrecoverable",
        "irrecoverable",
        r"(?:irrecoverabl[ey]|irretrievabl[ey]|permanent(?:ly)?|non-recoverable)"
        r"(?:\s+(?:lost|losses|casualties))?",
        '"Irrecoverable", "irretrievable" or "permanent" losses: the dead, missing and captured,'
        " and the wounded who will not return.",
        "some 90,000 irretrievable losses",
        "losses the army can recover from",
    ),
    _cue(
        "basis-named-dead",
        "named_dead",
        r"names\s+of|by\s+name|named\s+(?:dead|soldiers|servicemen)|obituar(?:y|ies)"
        r"|(?:confirmed|verified|identified)\s+(?:the\s+)?(?:names|identities)",
        "A count of dead confirmed by name (obituaries, named graves): a floor of deaths.",
        "had confirmed the names of 2,100 soldiers",
        "a soldier whose name was withheld",
    ),
    _cue(
        "basis-killed-and-wounded",
        "killed_or_wounded",
        rf"{_KILLED}(?:\s*,\s*|\s+(?:and|or|and/or)\s+){_WOUNDED}"
        rf"|{_WOUNDED}(?:\s*,\s*|\s+(?:and|or|and/or)\s+){_KILLED}"
        r"|killed-and-wounded|killed-or-wounded",
        "Killed and wounded together, in either order.",
        "4,000 troops killed or wounded",
        "4,000 troops killed",
    ),
    _cue(
        "basis-casualties",
        "killed_or_wounded",
        r"casualt(?:y|ies)",
        '"Casualties": the killed and wounded (with the missing and captured, where a claimant'
        " counts them).",
        "about 45,000 casualties",
        "a casual remark",
    ),
    _cue(
        "basis-wounded",
        "wounded",
        rf"{_WOUNDED}|hospitali[sz]ed",
        "The wounded or injured alone.",
        "3,100 had been wounded",
        "a wound-up unit",
    ),
    _cue(
        "basis-killed",
        "killed",
        r"killed|dead|deaths?|died|fatalit(?:y|ies)|perished|lives|bodies|KIA"
        r"|death\s+toll|fallen",
        "The dead: killed, died, deaths, fatalities, lives lost, bodies.",
        "200 soldiers were killed",
        "a skilled crew",
    ),
    _cue(
        "basis-missing",
        "missing",
        r"missing(?:\s+in\s+action)?|MIA|unaccounted\s+for",
        "The missing in action.",
        "as many as 600 missing",
        "a mission report",
    ),
    _cue(
        "basis-captured",
        "captured",
        r"captured|captives?|captivity|prisoners?|POWs?|surrendered|taken\s+prisoner",
        "Prisoners: captured, taken prisoner, surrendered, returned from captivity.",
        "120 soldiers surrendered",
        "a surrender deadline",
    ),
)

_SPECIFIC = 4
"""The first cues are phrases that win over a simpler word anywhere near the figure; after
them, single words: the one nearest the figure wins."""

CLAIMANT_BASES: dict[str, Basis] = {
    "General Staff of the Armed Forces of Ukraine": "killed_or_wounded",
    "Armed Forces of Ukraine": "killed_or_wounded",
    "Ministry of Defence of Ukraine": "killed_or_wounded",
}
"""Claimants whose own personnel "losses" of the enemy have a defined basis: the General Staff's
daily count (which the armed forces and the ministry republish) is killed plus wounded."""


def _bound(name: str, rx: str, doc: str, accepts: str, rejects: str) -> Rule:
    return Rule(name, doc, re.compile(rx, re.IGNORECASE), accepts, rejects)


BASIS_WINDOW = registry(
    _bound(
        "basis-range-other-end",
        r"\s*(?:-|–|—|to|and)\s*\d",
        "The other end of a range right after a figure: its words are read through it.",
        "30,000 to 40,000 killed",
        "30,000 killed",
    ),
    _bound(
        "basis-clause-end",
        r"[;:()\[\]]|\.\s|\n\s*\n",
        "Where a figure's clause ends: a basis word after it is another clause's (a line break"
        " inside a hard-wrapped paragraph is not an end; a blank line is).",
        "4,000 troops; the dead",
        "4,000 troops\nkilled",
    ),
    _bound(
        "basis-earlier-figure-words",
        r"\d[\d,.]*(?:\s+\w+)?\s+(?:and|or)\s|[\d;:(),]|\.\s",
        'An earlier figure and its word before a figure ("3,000 wounded and"): not its words.',
        "3,000 wounded and 1,000",
        "the names of the soldiers",
    ),
)
_RANGE_OTHER_END, _CLAUSE_END, _EARLIER = BASIS_WINDOW
_BEFORE = 40
_AFTER = 90


def _after(text: str, end: int, limit: int) -> str:
    """The figure's own clause after it: up to the next figure (through a range's other end),
    the clause's end or `limit`."""
    stop = min(limit, end + _AFTER)
    joined = _RANGE_OTHER_END.match(text, end, stop)
    start = end
    if joined is not None:  # skip the other end's number
        other = find_numbers(text, joined.end() - 1, stop)
        start = other[0].end if other else joined.end()
    later = find_numbers(text, start, stop)
    if later:
        stop = later[0].start
    clause = _CLAUSE_END.search(text, start, stop)
    if clause is not None:
        stop = clause.start()
    return text[end:stop]


def _before(text: str, start: int, limit: int) -> str:
    """The words just before the figure, back to an earlier figure (and the words that are
    its: "3,000 wounded and"), a clause's start, or a comma."""
    begin = max(limit, start - _BEFORE)
    window = text[begin:start]
    cut = max((m.end() for m in _EARLIER.pattern.finditer(window)), default=0)
    return window[cut:]


def _nearest(rules: tuple[BasisCue, ...], window: str, *, last: bool) -> BasisCue | None:
    """The rule whose match stands nearest the figure (the first after it, the last before)."""
    best: tuple[int, BasisCue] | None = None
    for rule in rules:
        for m in rule.pattern.finditer(window):
            at = -m.end() if last else m.start()
            if best is None or at < best[0]:
                best = (at, rule)
    return None if best is None else best[1]


def basis_for(
    text: str, sentence: Sentence, start: int, end: int, claimant: str | None
) -> tuple[Basis, str]:
    """(basis, rule) of the personnel figure at text[start:end] in `sentence`."""
    after = _after(text, end, sentence.end)
    before = _before(text, start, sentence.start)
    for rules in (BASIS_CUES[:_SPECIFIC], BASIS_CUES[_SPECIFIC:]):
        for window, last in ((after, False), (before, True)):
            rule = _nearest(rules, window, last=last)
            if rule is not None:
                return rule.basis, rule.name
    defined = claimant_basis(claimant)
    if defined is not None:
        return defined, "claimant-defines-losses"
    return "unknown", "no-basis-cue"


def claimant_basis(claimant: str | None) -> Basis | None:
    """The basis a claimant defines its personnel losses with (`CLAIMANT_BASES`; a speaker in
    parentheses speaks for the body before them), or None."""
    return CLAIMANT_BASES.get((claimant or "").split(" (")[0])


def decide_bases(doc: Document, readings: Sequence[Reading]) -> list[Counting]:
    """What each figure counts: a basis (and the rule that decided it) for a personnel
    figure, none for another."""
    out = []
    for c in readings:
        if c.metric != "personnel":
            out.append(Counting(None, None))
            continue
        start, end = _number_span(doc.text, c)
        sent = doc.sentences[c.sent]
        out.append(Counting(*basis_for(doc.text, sent, start, end, c.claimant)))
    return out


def _number_span(text: str, c: Reading) -> tuple[int, int]:
    """Where the figure's number stands in its quote ("casualties at about 220,000"): the
    words before and after it are read from there."""
    found = find_numbers(text, c.q_start, c.q_end)
    number = next((n for n in found if n.value == c.value), found[0] if found else None)
    return (number.start, number.end) if number else (c.q_start, c.q_end)
