"""Cues shared by more than one stage of the extractor, compiled once from the lexicon.

Owns: the metric-noun matchers (`METRIC_ANY`, `longest_metric`), the qualifier-before
matcher (`qualifier_before` / `strip_qualifier`, read only where a match can start), the
loss-word, list-line and negation matchers (`LOSS`, `LIST_LINE` with its `BULLET`,
`NEGATION`), the prisoner-exchange matchers (`EXCHANGE`, `EXCHANGE_EVENT`), the month
vocabulary (`MONTH`), the attribution verbs (`ATTR_VERBS`, `ATTR_VERB_RE`,
`ATTR_VERB_WORDS`) and the country matchers (`COUNTRY_RU`, `COUNTRY_UA`,
`side_of`). A cue used by one stage only lives in that stage's module.
Imports: `events.claims` (metric names), `lexicon`, `rx`.
"""

from __future__ import annotations

import functools
import re

from events.claims import Metric
from ledger.ingest import lexicon as lx
from ledger.ingest.rx import by_first_letter, first_class, guarded

_I = re.IGNORECASE

_METRIC_SINGLES = [(re.compile(p, _I), m) for p, m in lx.METRIC_PATTERNS.items()]
METRIC_ANY = lx.compile_alternation(lx.METRIC_PATTERNS)

QUALIFIER_BEFORE = guarded(
    r"(?:^|[^\w])("
    + by_first_letter(
        "|".join(re.escape(k) for k in sorted(lx.QUALIFIERS_BEFORE, key=len, reverse=True))
    )
    + r")\s*:?\s*$",
    _I,
)
# A match ends where the text's trailing whitespace starts (its words end in a letter or a
# stop, and `\s` is exactly `str.isspace`), so it starts at most this far before that.
_QUALIFIER_REACH = max(map(len, lx.QUALIFIERS_BEFORE)) + 1


def qualifier_before(text: str) -> re.Match[str] | None:
    """`QUALIFIER_BEFORE.search(text)`, looking only where a match can start."""
    return QUALIFIER_BEFORE.search(text, max(0, len(text.rstrip()) - _QUALIFIER_REACH))


def strip_qualifier(text: str) -> str:
    """`QUALIFIER_BEFORE.sub("", text)`: the one match it can have removed."""
    m = qualifier_before(text)
    return text if m is None else text[: m.start()] + text[m.end() :]


# The bullet that opens a line of a list: a dash or a dot of any kind, or an item number
# ("1.", "2)", "(3)").
BULLET = r"(?:[-*•–—·‣▪◦●■►]|\d{1,2}[.)]|\(\d{1,2}\))"
# The hedge a list row may put before its figure ("about 3,300 (+12) drones").
_ROW_HEDGE = r"(?:(?:about|approx\.|approximately|around|over|more than|some|nearly|almost) ?)?"
# A line of a list: a bullet, "3,618 tanks", "about 3,300 (+12) drones", "tanks - 854 units",
# "Special equipment - 27", "air defence systems: 850 (+0)".
LIST_LINE = guarded(
    rf"^\s*(?:{BULLET}\s|{_ROW_HEDGE}\d[\d,. ]*\s*(?:\(|[A-Za-z])|"
    rf"[A-Za-z][\w /()'’-]{{0,70}}?(?:\s[-–—:]|(?<![\d\s])[–—:])\s*{_ROW_HEDGE}\d)",
    _I,
)

# A denial just before a figure ("did not lose", "denied losing"), in its clause.
NEGATION = guarded(
    r"\b(?:not|never|no|denied|denies|deny|rather than|instead of|refuted|dismissed)\b"
    r"(?:[^,.;:!?]{0,25})$",
    _I,
)

# Only ever asked whether it matches: its alternatives may be tried in any order.
LOSS = guarded(rf"\b{by_first_letter(lx.LOSS_WORDS, any_order=True)}\b", _I)

# A return of prisoners ("were exchanged", "brought home", "released"); one exchange.
EXCHANGE = guarded(rf"\b(?:{'|'.join(lx.EXCHANGE_WORDS)})\b", _I)
EXCHANGE_EVENT = guarded(rf"\b(?:{lx.EXCHANGE_EVENT_WORDS})\b", _I)

# For case-insensitive patterns only.
MONTH = (
    by_first_letter(
        "January|February|March|April|May|June|July|August|September|October|November|December"
        "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
    )
    + r"\.?"
)

ATTR_VERBS = (
    r"said|says|say|reported|reports|report|announced|announces|announce|claimed|claims|claim"
    r"|stated|states|estimated|estimates|estimate|revealed|reveals|confirmed|confirms|confirming"
    r"|declared|declares|added|adds|noted|notes|wrote|writes|posted|posts|told|tells|believes"
    r"|believe|think|thinks|touts|tout|put|puts|placed|places|assessed|assesses|counted|counts|stating|claiming"
    r"|reporting|estimating|acknowledged|admitted|admits|updated|published|tweeted|informs|informed"
    r"|spoke"
)
# A verb of attribution, with the adverbs and auxiliaries before it ("has also said").
ATTR_VERB_RE = guarded(
    rf"(?:\b(?:has|have|had|also|previously|earlier|later|now|then|again|further|reportedly|not|"
    rf"recently|itself|himself|herself|themselves)"
    rf"\s+)*"
    rf"[\"“”']?\b(?:{ATTR_VERBS})\b[\"“”']?",
    _I,
)
# The attribution verbs as words, leaving out those that hold a shorter one ("says" holds
# "say"): every match of a pattern built on ATTR_VERBS holds one of them, case-folded.
ATTR_VERB_WORDS = tuple(
    w
    for w in (v.lower() for v in ATTR_VERBS.split("|"))
    if w.isalpha() and not any(o != w and o in w for o in ATTR_VERBS.lower().split("|"))
)
if not all(v.isalpha() for v in ATTR_VERBS.split("|")):
    raise ValueError("ATTR_VERBS must be plain words for ATTR_VERB_WORDS")

COUNTRY_RU = guarded(
    r"\b(?:Russia|Russian|Russians|Russia['’]s|Moscow|Moscow['’]s|Kremlin|RF|Wagner|enemy['’]s)\b"
)
COUNTRY_UA = guarded(r"\b(?:Ukraine|Ukrainian|Ukrainians|Ukraine['’]s|Kyiv|Kiev|ZSU|AFU)\b")


def side_of(word: str) -> str:
    return "ukraine" if COUNTRY_UA.search(word) else "russia"


_NOT_WORD_OR_HYPHEN = re.compile(r"(?![\w-])")
# The first characters each metric surface can start with (None: cannot tell, always try).
_METRIC_FIRST = [
    (re.compile(cls, _I) if (cls := first_class(rx.pattern, _I)) else None, rx, metric)
    for rx, metric in _METRIC_SINGLES
]


@functools.lru_cache(maxsize=512)
def _metrics_starting_with(char: str) -> tuple[tuple[re.Pattern[str], Metric], ...]:
    """The metric surfaces (in lexicon order) whose match can start with `char`."""
    return tuple((rx, m) for first, rx, m in _METRIC_FIRST if first is None or first.match(char))


def longest_metric(text: str, pos: int) -> tuple[Metric, int] | None:
    """The metric whose surface starts at `pos` (longest surface wins), and its end."""
    if not METRIC_ANY.match(text, pos):
        return None
    best: tuple[Metric, int] | None = None
    for rx, metric in _metrics_starting_with(text[pos]):
        m = rx.match(text, pos)
        # the surface ends at a word's end: no letter, digit or hyphen follows
        if m and _NOT_WORD_OR_HYPHEN.match(text, m.end()) and (best is None or m.end() > best[1]):
            best = (metric, m.end())
    return best
