"""Cues shared by more than one stage of the extractor, compiled once from the lexicon.

Owns: the metric-noun matchers (`METRIC_CUES`, `METRIC_ANY`, `longest_metric`, from the
`metric_cues*` registries), the qualifier-before matcher (`qualifier_before` /
`strip_qualifier`, read only where a match can start; `QUALIFIER_OF` the cue of each phrase),
the loss-word, list-line and negation matchers (`LOSS`, `LIST_LINE` with its `BULLET`,
`NEGATION`), the prisoner-exchange matchers (`EXCHANGE`, `EXCHANGE_EVENT`), the
attribution verbs (`ATTR_VERBS`, `ATTR_VERB_RE`, `ATTR_VERB_WORDS`) and the country matchers
(`COUNTRY_RU`, `COUNTRY_UA`, `side_of`). A cue used by one stage only lives in that stage's module.
Imports: `events.claims` (metric names), `lexicon`, `metric_cues`, `metric_cues_air`,
`metric_cues_arms`, `rules`, `rx`, `rx_parse`.
"""

from __future__ import annotations

import functools
import re

from events.vocabulary import Metric
from ledger.ingest import lexicon as lx
from ledger.ingest import metric_cues, metric_cues_air, metric_cues_arms
from ledger.ingest.metric_cues import MetricCue
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import by_first_letter, guarded
from ledger.ingest.rx_parse import first_class

_I = re.IGNORECASE

# Every metric cue, people first, then land weapons, then the rest. Their order matters to
# METRIC_ANY only: at a place, its scan takes the first cue that matches (`longest_metric`
# takes the longest). A list, not a registry: each cue's registry is its module's (imported
# as a module, so that tests/test_ingest_rules.py finds each registry once).
METRIC_CUES: list[MetricCue] = [
    *metric_cues.PEOPLE_CUES,
    *metric_cues_arms.LAND_CUES,
    *metric_cues_air.AIR_SEA_CUES,
]
# Any metric noun: one scan finds where one starts (`longest_metric` says which).
METRIC_ANY = lx.compile_alternation(cue.surface for cue in METRIC_CUES)

# Every qualifier cue's phrases, and the cue each belongs to.
QUALIFIER_OF: dict[str, lx.QualifierCue] = {
    phrase: cue for cue in lx.QUALIFIER_CUES for phrase in cue.phrases
}
# The qualifier cues as one pattern: the longest phrase ending the text (see `QualifierCue`).
QUALIFIER_BEFORE = guarded(
    rf"(?:^|[^\w])({lx.qualifier_alternation(QUALIFIER_OF)})\s*:?\s*$",
    _I,
)
# A match ends where the text's trailing whitespace starts (its words end in a letter or a
# stop, and `\s` is exactly `str.isspace`), so it starts at most this far before that.
_QUALIFIER_REACH = max(map(len, QUALIFIER_OF)) + 1


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

# A return of prisoners ("were exchanged", "brought home", "released"); one exchange. Most
# sentences hold none of its words, and are not searched (see `Rule.words`).
EXCHANGE = Rule(
    "exchange-words",
    'A return of prisoners ("were exchanged", "brought home 95 defenders", "released 300"): '
    "the sentence may count prisoners of war.",
    guarded(rf"\b(?:{'|'.join(lx.EXCHANGE_WORDS)})\b", _I),
    "the two sides exchanged 95 prisoners",
    "the two sides exchanged fire",
    words("exchange|swap|home|back|return|repatriated|release|freed|handed over|set free"),
)
EXCHANGE_RULES = registry(EXCHANGE)
EXCHANGE_EVENT = guarded(rf"\b(?:{lx.EXCHANGE_EVENT_WORDS})\b", _I)

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


# The first characters each metric surface can start with (None: cannot tell, always try).
_METRIC_FIRST = [
    (re.compile(cls, _I) if (cls := first_class(cue.surface, _I)) else None, cue)
    for cue in METRIC_CUES
]


@functools.lru_cache(maxsize=512)
def _metrics_starting_with(char: str) -> tuple[MetricCue, ...]:
    """The metric cues (in lexicon order) whose match can start with `char`."""
    return tuple(cue for first, cue in _METRIC_FIRST if first is None or first.match(char))


def longest_metric(text: str, pos: int) -> tuple[Metric, int] | None:
    """The metric of the cue that matches at `pos` (the longest match wins; the first cue of
    the lexicon among equals), and where its match ends."""
    if not METRIC_ANY.match(text, pos):
        return None
    best: tuple[Metric, int] | None = None
    for cue in _metrics_starting_with(text[pos]):
        m = cue.pattern.match(text, pos)
        if m and (best is None or m.end() > best[1]):
            best = (cue.metric, m.end())
    return best
