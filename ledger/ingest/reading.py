"""The data that passes between the extractor's stages: frozen, each stage's own.

Owns `Document` (the text as the stages read it, its page furniture, sentences and reference
date: made once, read by every stage), `Reading` (one loss figure the candidate stage found,
with the decisions later stages made about it), and the decisions themselves, one type per
stage: `Side` (`subjects`: whose losses; `settle_subjects`: the last resort, from the
claimant), `Credit` (`attribution`: who claims it), `Dating` (`periods`: as of when, over what
period) and `Counting` (`basis`: what a personnel figure counts). A stage reads readings and
returns one decision per reading; `Reading.decided` makes the next reading. No stage writes
into another's fields: a stage that works by passes over all figures (attribution, periods)
does so on its own working copies (`Reading.working`, a `Cand`) and hands back only its
decisions (`Credit.of`, `Dating.of`). Imports: `events.claims` (the vocabularies), `cand`,
`sentences` (types).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from types import MappingProxyType

from events.vocabulary import Basis, Metric, Period, Qualifier
from ledger.ingest.cand import Cand
from ledger.ingest.sentences import Sentence

_NO_RULES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Document:
    """An article as every stage reads it (`extract.read_document` makes it)."""

    text: str  # the reading copy: as long as the article's text, span for span
    furniture: tuple[tuple[int, int], ...]  # the spans of page furniture
    sentences: list[Sentence]  # never changed once made
    ref_date: dt.date  # the date figures hold as of when nothing nearer dates them
    dated: bool  # whether `ref_date` is the published date (else a byline's or a fallback)
    publisher: str  # who published it: the claimant of last resort


@dataclass(frozen=True, slots=True)
class Side:
    """Whose losses a figure counts, and the rule that decided it (None: undecided)."""

    subject: str | None
    own_side: bool = False  # the speaker's own people ("our losses"): the claimant settles it
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Credit:
    """Who claims a figure: the canonical name, the words that named it, and the rule."""

    claimant: str | None
    claimant_text: str | None
    explicit: bool  # named for this figure (not carried from a paragraph or the publisher)
    rule: str | None

    @staticmethod
    def of(c: Cand) -> Credit:
        """The credit a working copy was given."""
        return Credit(c.claimant, c.claimant_text, c.explicit_claimant, c.why.get("claimant"))


@dataclass(frozen=True, slots=True)
class Dating:
    """As of when a figure holds and over what period, with the rules that decided them."""

    as_of: dt.date | None
    period: Period | None
    period_start: dt.date | None
    own_period: bool  # the period came from a cue of the figure's own clause
    period_rule: str | None
    as_of_rule: str | None

    @staticmethod
    def of(c: Cand) -> Dating:
        """The dating a working copy was given."""
        why = c.why
        return Dating(
            c.as_of, c.period, c.period_start, c.own_period, why.get("period"), why.get("as_of")
        )


@dataclass(frozen=True, slots=True)
class Counting:
    """What a personnel figure counts (killed, wounded, ...), and the rule that decided it."""

    basis: Basis | None
    rule: str | None


Decision = Side | Credit | Dating | Counting


@dataclass(frozen=True, slots=True)
class Reading:
    """One loss figure: what the candidate stage found, then each later stage's decision.

    The found fields are the candidate stage's (`found` makes a reading of a `Cand`): the
    metric, value, qualifier and quote span, and what the figure's own shape fixes (a day's
    change is a window; "each side released 300" names the side). The decided fields hold
    the later stages' decisions; `subject`, `claimant`, `period`, ... read through them.
    """

    index: int  # its place among the figures found: its name in a `Trace`
    metric: Metric
    value: int
    qualifier: Qualifier
    q_start: int
    q_end: int
    sent: int  # the index of its sentence in `Document.sentences`
    derived: bool  # a day's change written beside a figure ("(+43)")
    heading: bool  # read from a headline or a heading line
    part: bool  # a share of a figure told just before ("58 of which")
    np_start: int | None  # where the noun phrase named before the number may start
    found_rules: Mapping[str, str]  # field -> rule, as the candidate stage decided
    found_side: Side  # the side its own rule named ("each side released"), if any
    found_period: Period | None  # the period its shape fixes ("(+43)": a window), if any
    side: Side | None = None
    credit: Credit | None = None
    dating: Dating | None = None
    counting: Counting | None = None

    @staticmethod
    def found(index: int, c: Cand) -> Reading:
        """The reading of candidate `c`, the `index`-th figure found."""
        return Reading(
            index=index,
            metric=c.metric,
            value=c.value,
            qualifier=c.qualifier,
            q_start=c.q_start,
            q_end=c.q_end,
            sent=c.sent,
            derived=c.derived,
            heading=c.heading,
            part=c.part,
            np_start=c.np_start,
            found_rules=MappingProxyType(dict(c.why)),
            found_side=Side(c.subject, c.own_side, c.why.get("subject")),
            found_period=c.period,
        )

    def decided(self, decision: Decision) -> Reading:
        """This reading with one more stage's decision (a later one replaces an earlier)."""
        side, credit, dating, counting = self.side, self.credit, self.dating, self.counting
        if decision is side or decision is credit or decision is dating or decision is counting:
            return self  # the very decision it holds (a stage that leaves a figure as it was)
        if isinstance(decision, Side):
            side = decision
        elif isinstance(decision, Credit):
            credit = decision
        elif isinstance(decision, Dating):
            dating = decision
        else:
            counting = decision
        # positionally, in field order (`dataclasses.replace` costs a tenth of extraction)
        return Reading(
            self.index,
            self.metric,
            self.value,
            self.qualifier,
            self.q_start,
            self.q_end,
            self.sent,
            self.derived,
            self.heading,
            self.part,
            self.np_start,
            self.found_rules,
            self.found_side,
            self.found_period,
            side,
            credit,
            dating,
            counting,
        )

    @property
    def subject(self) -> str | None:
        return (self.side or self.found_side).subject

    @property
    def own_side(self) -> bool:
        return (self.side or self.found_side).own_side

    @property
    def claimant(self) -> str | None:
        return self.credit.claimant if self.credit else None

    @property
    def claimant_text(self) -> str | None:
        return self.credit.claimant_text if self.credit else None

    @property
    def explicit_claimant(self) -> bool:
        return self.credit.explicit if self.credit else False

    @property
    def as_of(self) -> dt.date | None:
        return self.dating.as_of if self.dating else None

    @property
    def period(self) -> Period | None:
        return self.dating.period if self.dating else self.found_period

    @property
    def period_start(self) -> dt.date | None:
        return self.dating.period_start if self.dating else None

    @property
    def own_period(self) -> bool:
        return self.dating.own_period if self.dating else False

    @property
    def basis(self) -> Basis | None:
        return self.counting.basis if self.counting else None

    @property
    def why(self) -> Mapping[str, str]:
        """Field -> the name of the rule that decided it, over every stage so far."""
        why = dict(self.found_rules)
        for key, rule in self._decided_rules():
            if rule is not None:
                why[key] = rule
        return MappingProxyType(why) if why else _NO_RULES

    def _decided_rules(self) -> list[tuple[str, str | None]]:
        side, credit, dating, counting = self.side, self.credit, self.dating, self.counting
        return [
            ("subject", side.rule if side else None),
            ("claimant", credit.rule if credit else None),
            ("period", dating.period_rule if dating else None),
            ("as_of", dating.as_of_rule if dating else None),
            ("basis", counting.rule if counting else None),
        ]

    def working(self) -> Cand:
        """A mutable working copy, for a stage that decides by passes over every figure."""
        return Cand(
            metric=self.metric,
            value=self.value,
            qualifier=self.qualifier,
            q_start=self.q_start,
            q_end=self.q_end,
            sent=self.sent,
            subject=self.subject,
            period=self.period,
            derived=self.derived,
            heading=self.heading,
            claimant=self.claimant,
            claimant_text=self.claimant_text,
            explicit_claimant=self.explicit_claimant,
            as_of=self.as_of,
            period_start=self.period_start,
            part=self.part,
            np_start=self.np_start,
            own_period=self.own_period,
            own_side=self.own_side,
            basis=self.basis,
            why=dict(self.why),
        )


# A stage after the candidate stage: one decision per reading, in order.
Stage = Callable[[Document, Sequence["Reading"]], Sequence[Decision]]


def decide(readings: Sequence[Reading], decisions: Sequence[Decision]) -> list[Reading]:
    """Each reading with its decision (one per reading, in order)."""
    if len(decisions) != len(readings):
        raise ValueError(f"{len(decisions)} decisions for {len(readings)} readings")
    return [r.decided(d) for r, d in zip(readings, decisions, strict=True)]


# The fields of a working copy each stage may decide; the rest it must leave as they were.
STAGE_FIELDS: dict[type, frozenset[str]] = {
    Credit: frozenset({"claimant", "claimant_text", "explicit_claimant"}),
    Dating: frozenset({"as_of", "period", "period_start", "own_period"}),
}
CAND_FIELDS = frozenset(f.name for f in fields(Cand)) - {"why"}
