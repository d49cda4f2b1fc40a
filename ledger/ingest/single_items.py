"""Single items: one of a thing said with an article in a loss list or clause.

Owns `article_ones` ("a submarine was sunk", "shot down a helicopter", "lost 8 tanks and a
helicopter", "a Su-25 and an Mi-8": one each) and `recent_totals` (the totals a single
airframe may break down: "three jets ... an Su-25, an Su-24 and a MiG-29" are not claims of
their own); a singleton after "including" is not labelled (`INCLUDING_ONE`, in
`SINGLE_ITEM_RULES`). Imports: `events.claims`, `cand`, `cues`, `figure`, `rules`, `rx`,
`sentences`.
"""

from __future__ import annotations

import re

from events.claims import Metric
from ledger.ingest.cand import Cand
from ledger.ingest.cues import NEGATION, longest_metric
from ledger.ingest.figure import explain
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

ARTICLE_ONE = "article-one"  # "shot down a helicopter": one, exactly
_ARTICLE_ONE = guarded(
    r"\b(?P<art>an?)\s+(?!(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d+(?:st|nd|rd|th))\b)(?:(?:[A-Z][\w-]*|Russian|Ukrainian|enemy|military|combat|fighter|attack|"
    r"multirole|multipurpose|reconnaissance|transport|landing|patrol|missile|self-propelled|towed|"
    r"[A-Za-z]+-made|\d+\s?mm|[A-Za-z]+-\d+\w*)\s+){0,4}?"
    r"(?P<noun>tank|helicopter|submarine|aircraft|warplane|fighter jet|jet|plane|warship|ship|"
    r"landing ship|corvette|frigate|cruiser|patrol boat|air defen[cs]e system|howitzer|"
    r"armou?red (?:personnel carrier|combat vehicle|fighting vehicle|vehicle)|"
    r"infantry fighting vehicle|bomber|fighter-bomber|truck|artillery (?:gun|piece|unit)|"
    # an airframe named by its model alone ("a Su-25 and an Mi-8")
    r"(?:Su|MiG|Tu|Il|Yak|An|Ka|Mi)-\d{1,3}[A-Z\d]*)\b",
    _I,
)
INCLUDING_ONE = Rule(
    "including-singleton",
    '"... including a US-made carrier": a single item the list\'s own count already holds '
    "(not labelled).",
    guarded(r"\bincluding\s*\Z", _I),
    "three armoured carriers, including ",
    "three armoured carriers and ",
)
SINGLE_ITEM_RULES = registry(INCLUDING_ONE)
_ARTICLE_ONE_NOUNS = (
    "su-",
    "mig-",
    "tu-",
    "il-",
    "yak-",
    "an-",
    "ka-",
    "mi-",
    "tank",
    "helicopter",
    "submarine",
    "aircraft",
    "plane",
    "jet",
    "ship",
    "corvette",
    "frigate",
    "cruiser",
    "boat",
    "air defen",
    "howitzer",
    "armored",
    "armoured",
    "infantry fighting",
    "bomber",
    "truck",
    "artillery",
)
_LIST_JOIN = re.compile(
    r"\s*(?:,|;|,?\s*(?:and|as well as|plus))\s*(?:(?:in addition to|also)\s+)?"
)
_ONE_LOSS = guarded(
    r"\b(?:destroyed|shot down|downed|sunk|sank|lost|captured|damaged|eliminated|crashed|hit|"
    r"struck|"
    r"taken out|knocked out)\b",
    _I,
)


def article_ones(
    text: str, sent: Sentence, si: int, listed: list[Cand], totals: set[str]
) -> list[Cand]:
    """ "a submarine was sunk", "shot down a helicopter", "lost 8 tanks and a helicopter", "a
    Su-25 and an Mi-8": one of a thing, said with an article (in a loss clause, or in a list
    of the sentence's figures); an airframe named by its model alone not when it breaks down
    a total told just before (`totals`: "three jets ... an Su-25, an Su-24 and a MiG-29")."""
    out: list[Cand] = []
    if not has_any(fold_case(text[sent.start : sent.end]), _ARTICLE_ONE_NOUNS):
        return out
    for m in _ARTICLE_ONE.finditer(text, sent.start, sent.end):
        clause = text[clause_start(text, sent, m.start()) : clause_end(text, sent, m.end())]
        in_list = any(
            _LIST_JOIN.fullmatch(text[c.q_end : m.start()])
            or _LIST_JOIN.fullmatch(text[m.end() : c.q_start])
            for c in listed
            if c.q_end <= m.start() or c.q_start >= m.end()
        )
        if not (in_list or _ONE_LOSS.search(clause)) or NEGATION.search(
            text[sent.start : m.start()]
        ):
            continue
        if INCLUDING_ONE.search(text, max(sent.start, m.start() - 12), m.start()):
            continue  # "including a US-made carrier": a singleton the list's count holds
        found = longest_metric(text, m.start("noun")) or _airframe(m, totals)
        if not found:
            continue
        one = Cand(found[0], 1, "exact", m.start(), found[1], si, heading=sent.heading)
        out.append(explain(one, metric=ARTICLE_ONE, qualifier=ARTICLE_ONE))
    return out


def recent_totals(out: list[Cand], si: int) -> set[str]:
    """The metrics of the totals (2 or more) of the last three sentences before `si`: an
    airframe named alone after one breaks it down. Reads back only that far."""
    totals: set[str] = set()
    for c in reversed(out):
        if si - c.sent > 3:
            break
        if c.value >= 2 and c.sent < si:
            totals.add(c.metric)
    return totals


def _airframe(m: re.Match[str], totals: set[str]) -> tuple[Metric, int] | None:
    """ "a Su-25", "an Mi-8": a helicopter or an aircraft named by its model alone, unless
    it breaks down a total of its kind told just before."""
    noun = m.group("noun")
    if not noun[:1].isupper() or "-" not in noun:
        return None
    metric: Metric = "helicopters" if noun.lower().startswith(("ka-", "mi-")) else "aircraft"
    return None if metric in totals else (metric, m.end("noun"))
