"""The words of the event vocabulary that reads use: no model, no pydantic.

Owns: the claim taxonomy (`Metric`, `Qualifier`, `Period`, `Basis` and their tuples), the
fields a correction may change (`CORRECTABLE_FIELDS`), `basis_of`, the review states and
verdicts, and the reason a review fix carries (`REVIEW_REASON`, `is_review_fix`). The models
in `events.claims` and `events.reviews` are built on these words and name them too; a read
command (`show`, `totals`, `check`, ...) imports only this module of them, so it pays for no
validator it never runs. Imports: the standard library only.
"""

from __future__ import annotations

from typing import Literal, get_args

Metric = Literal[
    "personnel",
    "tanks",
    "afv",
    "artillery",
    "mlrs",
    "air_defense",
    "aircraft",
    "helicopters",
    "drones",
    "cruise_missiles",
    "ships",
    "submarines",
    "vehicles",
    "special_equipment",
    "pow",
    "equipment_total",
    "other",
]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
Period = Literal["cumulative", "window"]
Basis = Literal[
    "killed",
    "wounded",
    "killed_or_wounded",
    "missing",
    "captured",
    "irrecoverable",
    "named_dead",
    "unknown",
]
"""What a `personnel` figure counts (README "What the figures count"): the dead (`killed`), the
wounded, both together (`killed_or_wounded`: "casualties", the General Staff's "losses"),
`missing`, `captured` (prisoners, held or returned), `irrecoverable` ("permanent" losses:
killed, missing, captured and the wounded who will not return), `named_dead` (a count of dead
confirmed by name: a floor of deaths), or `unknown` when the text does not say."""

METRICS: tuple[str, ...] = get_args(Metric)
QUALIFIERS: tuple[str, ...] = get_args(Qualifier)
PERIODS: tuple[str, ...] = get_args(Period)
BASES: tuple[str, ...] = get_args(Basis)

CORRECTABLE_FIELDS: tuple[str, ...] = (
    "claimant",
    "subject",
    "metric",
    "value",
    "qualifier",
    "period",
    "period_start",
    "as_of",
    "basis",
)


def basis_of(metric: str, basis: str | None) -> str | None:
    """The basis a figure is read with: a personnel figure's own, `unknown` when none was
    recorded; None for every other metric (a basis says what people a figure counts)."""
    if metric != "personnel":
        return None
    return basis or "unknown"


Verdict = Literal["accepted", "rejected"]
ReviewState = Literal["unreviewed", "accepted", "fixed", "rejected", "entered"]
"""A claim's review state: `entered` is a claim a person or a data set entered (hand-entered
or imported), which counts as reviewed; the other four are an extracted claim's."""

VERDICTS: tuple[str, ...] = get_args(Verdict)
REVIEW_STATES: tuple[str, ...] = get_args(ReviewState)
REVIEWED_STATES: frozenset[str] = frozenset({"accepted", "fixed", "entered"})
"""The states `--reviewed` views count: a person's (or a data set's) word is on them."""

REVIEW_REASON = "review"
"""The reason of a correction that fixes an extracted claim on review."""


def is_review_fix(reason: str) -> bool:
    """Whether a correction's reason marks it as a reviewer's fix ("review", "review: ...")."""
    head = reason.strip().casefold()
    return head == REVIEW_REASON or head.startswith(REVIEW_REASON + ":")
