"""Restatements: one claim per figure an article tells, however often it tells it.

Owns `merge_restatements`, the last stage: of the readings that state the same figure
(subject, metric, value, period, qualifier) it keeps one — a body mention over a headline
one, whose claimant the headline lends when the body names nobody ("General Staff: ..."
over a bare list) — and keeps beside it a restatement by another named source ("CSIS says
40,000 ... the UK says 40,000"). A share ("another two over Bryansk") is always its own. It
returns the kept readings and every reading as it finally stands (a merged one included,
for `explain`), with each lent claimant a new `Credit` naming rule
"restatement-names-speaker". Pure. Imports: `reading`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ledger.ingest.reading import Credit, Reading

LENT = "restatement-names-speaker"


def _figure(c: Reading) -> tuple[str, str, int]:
    """What a figure counts: (subject, metric, value)."""
    return (c.subject or "russia", c.metric, c.value)


@dataclass(slots=True)
class _Merge:
    """The readings as merging goes, by index (a lent claimant replaces a reading)."""

    now: dict[int, Reading]
    chosen: dict[tuple[object, ...], int] = field(default_factory=dict)
    # the sources that stated each figure so far ("CSIS says ... the UK says ...")
    named: dict[tuple[object, ...], set[str]] = field(default_factory=dict)
    also: set[int] = field(default_factory=set)  # restatements kept beside the first

    def lend(self, source: Reading, target: int) -> None:
        """`target` takes the claimant `source` names, when it names none itself."""
        t = self.now[target]
        if source.explicit_claimant and not t.explicit_claimant:
            credit = Credit(source.claimant, source.claimant_text, t.explicit_claimant, LENT)
            self.now[target] = t.decided(credit)


def merge_restatements(readings: Sequence[Reading]) -> tuple[list[Reading], list[Reading]]:
    """(the kept readings, every reading as it finally stands), both in text order."""
    body: dict[tuple[str, str, int], int] = {}
    for c in readings:
        if not c.heading:
            body.setdefault(_figure(c), c.index)
    m = _Merge({c.index: c for c in readings})
    for r in readings:
        c = m.now[r.index]  # as lent to so far
        if c.heading and _figure(c) in body:
            m.lend(c, body[_figure(c)])
            continue
        key: tuple[object, ...] = (*_figure(c), c.period or "cumulative", c.qualifier)
        if c.part and not c.heading:
            key = (*key, str(c.q_start))  # a share ("another nine over Tula") is its own
        old_index = m.chosen.get(key)
        old = m.now[old_index] if old_index is not None else None
        if old is not None and not old.heading and not c.heading:
            # one sentence never restates its own figure ("nine over A, another nine over B")
            if old.sent == c.sent or _restated_by_another(c, old, m, key):
                m.also.add(c.index)
            continue
        if old is None or (old.heading and not c.heading):
            m.chosen[key] = c.index
            m.named[key] = {(c.claimant or "").casefold()}
            if old is not None:
                # the headline named who speaks ("General Staff: ..."), the body did not
                m.lend(old, c.index)
    kept = set(m.chosen.values()) | m.also
    final = [m.now[c.index] for c in readings]
    return [c for c in final if c.index in kept], final


def _restated_by_another(c: Reading, old: Reading, m: _Merge, key: tuple[object, ...]) -> bool:
    """Whether body figure `c`, restating `old`, is the claim of another named source (kept
    beside it). Else `c` merges into `old`, lending it its source when `old` names nobody
    (a bullet or lead restated with its source later on)."""
    names = m.named[key]
    who = (c.claimant or "").casefold()
    named_before = old.explicit_claimant or old.claimant_text is not None
    if c.explicit_claimant and named_before and who not in names:
        names.add(who)
        return True
    if c.explicit_claimant and not old.explicit_claimant and old.claimant_text is None:
        m.now[old.index] = old.decided(Credit(c.claimant, c.claimant_text, True, LENT))
    return False
