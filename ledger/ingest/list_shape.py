"""List shape: a run of General Staff rows is a loss list by its layout, and a row's label
never speaks.

Owns `list_runs` (a run of sentences, or one sentence, holding two or more "figure
(+change)" items and naming a metric counts losses even without a loss word: "personnel —
494,840 (+1,140); tanks — 7,504 (+12)", "Personnel: 494,840 (+1,140) / Tanks: 7,504 (+12)")
and `is_list_row` (a line "Tanks: 7,504 (+12)" or "Personnel: 494,840" is a row of a list,
not a headline "Speaker: ..."). Imports: `cues`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest.cues import BULLET, METRIC_ANY, longest_metric
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE
_HEDGE = r"(?:(?:about|approx\.|approximately|around|over|more than|some|nearly|almost) ?)?"

# "494,840 (+1,140)", "7,504 tanks (+12)": a figure with the day's change in brackets, right
# after it or after its noun, one item of a list.
CHANGE_ITEM = Rule(
    "list-item-with-change",
    'A figure with its day\'s change in brackets ("7,504 (+12)", "7,504 tanks (+12)"): one '
    "item of a loss list.",
    guarded(r"\d(?:\s+[A-Za-z][\w-]*){0,3}\s*\(\s*\+\s*\d[\d,.  ]*\)"),
    "tanks: 7,504 (+12)",
    "turnout: 61 (12%)",
    ("+",),  # a sentence without a plus sign is not searched
)
# "Tanks: 7,504 (+12)", "• Artillery systems — 12,300": a row's label, its separator and its
# figure; the label is what the row counts.
ROW_LABEL = Rule(
    "list-row-label",
    'A list row: a label, a dash or colon and a figure ("Tanks: 7,504 (+12)"): no speaker.',
    guarded(
        rf"^\s*(?:{BULLET}\s*)?(?P<label>[A-Za-z][\w /()'’-]{{0,70}}?)\s*[-–—‒:]\s*{_HEDGE}"
        rf"\d[\d,.  ]*(?P<change>\s*\(\s*\+\s*\d)?",
        _I,
    ),
    "Tanks: 7,504 (+12)",
    "Tanks destroyed in May",
)
LIST_SHAPE_RULES = registry(CHANGE_ITEM, ROW_LABEL)


def list_runs(text: str, sentences: list[Sentence]) -> set[int]:
    """The sentences that are items of a loss list by its shape: runs of sentences in the same
    or next paragraphs, each holding a "figure (+change)" item, two or more in all, naming a
    metric ("• 501,220 (+1,050) military personnel;" + "• 7,610 (+9) tanks;"), or one sentence
    holding such a run itself ("tanks — 7,610 (+9); drones — 14,200 (+41)")."""
    out: set[int] = set()
    run: list[int] = []
    items = 0
    named = False

    def close() -> None:
        if items >= 2 and named:
            out.update(run)

    for si, sent in enumerate(sentences):
        m = CHANGE_ITEM.search(text, sent.start, sent.end)
        if m is None or (run and sent.para - sentences[run[-1]].para > 1):
            close()
            run, items, named = [], 0, False
        if m is None:
            continue
        run.append(si)
        items += 1 if CHANGE_ITEM.pattern.search(text, m.end(), sent.end) is None else 2
        named = named or bool(METRIC_ANY.search(text, sent.start, sent.end))
    close()
    return out


def is_list_row(s_text: str) -> bool:
    """Whether a line is a row of a list ("Tanks: 7,504 (+12)", "Personnel: 494,840"): a label
    followed by a figure with its day's change, or a label that names a metric."""
    m = ROW_LABEL.match(s_text)
    if m is None:
        return False
    if m.group("change"):
        return True
    hit = longest_metric(s_text, m.start("label"))
    return hit is not None and hit[1] >= m.end("label")
