"""Single items: one of a thing said with an article in a loss list or clause.

Owns `article_ones` ("a submarine was sunk", "shot down a helicopter", "lost 8 tanks and a
helicopter", "a Su-25 and an Mi-8", "a tank, two cars and a mortar": one each; its nouns,
`_ONE_NOUNS`, make both its pattern and its prefilter), `both_pairs` ("shot down both
missiles": two) and `recent_totals` (the totals a single airframe may break down: "three
jets ... an Su-25, an Su-24 and a MiG-29" are not claims of their own); a singleton after
"including" is not labelled (`INCLUDING_ONE`, in `SINGLE_ITEM_RULES`). Imports:
`events.claims`, `cand`, `cues`, `figure`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from events.vocabulary import Metric
from ledger.ingest.cand import Cand
from ledger.ingest.cues import NEGATION, longest_metric
from ledger.ingest.figure import explain
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence, clause_end, clause_start

_I = re.IGNORECASE

ARTICLE_ONE = "article-one"  # "shot down a helicopter": one, exactly
# The nouns of a single item, each as it is written (every spelling its own), and the
# makers' prefixes of an airframe named by its model alone ("a Su-25 and an Mi-8"): the
# pattern is made of these words, and so is its prefilter.
_ONE_NOUNS = (
    "tank",
    "helicopter",
    "submarine",
    "aircraft",
    "warplane",
    "fighter jet",
    "jet",
    "plane",
    "warship",
    "ship",
    "landing ship",
    "landing craft",
    "corvette",
    "frigate",
    "cruiser",
    "patrol boat",
    "air defence system",
    "air defense system",
    "howitzer",
    "mortar",
    "armored personnel carrier",
    "armoured personnel carrier",
    "armored combat vehicle",
    "armoured combat vehicle",
    "armored fighting vehicle",
    "armoured fighting vehicle",
    "armored vehicle",
    "armoured vehicle",
    "infantry fighting vehicle",
    "fighting vehicle",
    "bomber",
    "fighter-bomber",
    "truck",
    "artillery gun",
    "artillery piece",
    "artillery unit",
    "multiple rocket launcher",
    "electronic warfare station",
)
_MODEL_MAKERS = ("Su", "MiG", "Tu", "Il", "Yak", "An", "Ka", "Mi")
_ARTICLE_ONE = guarded(
    r"\b(?P<art>an?|another)\s+(?!(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\d+(?:st|nd|rd|th))\b)(?:(?:[A-Z][\w-]*|Russian|Ukrainian|enemy|military|combat|fighter|attack|"
    r"multirole|multipurpose|reconnaissance|transport|landing|patrol|missile|self-propelled|towed|"
    r"[A-Za-z]+-made|\d+\s?mm|[A-Za-z]+-\d+\w*)\s+){0,4}?"
    rf"(?P<noun>{'|'.join(re.escape(n) for n in sorted(_ONE_NOUNS, key=len, reverse=True))}|"
    # an airframe named by its model alone ("a Su-25 and an Mi-8")
    rf"(?:{'|'.join(_MODEL_MAKERS)})-\d{{1,3}}[A-Z\d]*)\b",
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
# The words one of which a sentence holds when `_ARTICLE_ONE` can match in it (see `fold_case`).
_ARTICLE_ONE_WORDS = tuple(
    sorted({fold_case(n) for n in _ONE_NOUNS} | {fold_case(f"{m}-") for m in _MODEL_MAKERS})
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
    if not has_any(fold_case(text[sent.start : sent.end]), _ARTICLE_ONE_WORDS):
        return out
    for m in _ARTICLE_ONE.finditer(text, sent.start, sent.end):
        clause = text[clause_start(text, sent, m.start()) : clause_end(text, sent, m.end())]
        in_list = any(
            _LIST_JOIN.fullmatch(text[c.q_end : m.start()])
            or _LIST_JOIN.fullmatch(text[m.end() : c.q_start])
            for c in (*listed, *out)  # an item after one of its own kind goes on the list
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


BOTH_TWO = "both-two"  # "shot down both missiles": two, exactly
BOTH_PAIR = Rule(
    "both-pair",
    '"both" (of the) before the words that name a pair of things: two of them.',
    guarded(r"\bboth\b(?:\s+of)?(?:\s+the)?(?=\s)", _I),
    "shot down both of the missiles",
    "shot down bother missiles",
    ("both",),
)
NO_PAIR = Rule(
    "both-no-pair",
    'A word after "both" that says it is no pair of things: two kinds ("both Russian and '
    'Ukrainian troops"), two sides ("both sides\' prisoners").',
    guarded(r"\s+(?:and|or|(?:sides?|parties|countries|armies)['’]?)(?![\w-])", _I),
    " sides' prisoners",
    " missiles",
)
SECOND_KIND = Rule(
    "both-second-kind",
    'After the noun of a pair, a second kind of thing: "both tanks and infantry" (but "both '
    'missiles and 12 drones" is a pair and a count).',
    guarded(
        r"\s+(?:and|or)\s+(?!\d|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten)\b)",
        _I,
    ),
    " and infantry positions",
    " and 12 drones",
)
BOTH_APPOSITION = Rule(
    "both-apposition",
    'A dash or a bracket just before "both": it says what the things told before were ("an '
    'Su-25 and an Su-24 - both Soviet-era jets").',
    guarded(r"[-–—(]\s*\Z", _I),
    "an Su-25 and an Su-24 - ",
    "an Su-25 and ",
)
SINGLE_ITEM_RULES = registry(INCLUDING_ONE, BOTH_PAIR, NO_PAIR, SECOND_KIND, BOTH_APPOSITION)


def both_pairs(text: str, sent: Sentence, si: int, listed: list[Cand]) -> list[Cand]:
    """ "shot down both missiles", "both Kh-59 missiles and 12 drones": two of a thing, said
    with "both" (up to three words before its metric noun), in a loss clause or a list of the
    sentence's figures; not "both tanks and infantry" nor "both sides' prisoners"."""
    out: list[Cand] = []
    if "both" not in fold_case(text[sent.start : sent.end]):
        return out
    for m in BOTH_PAIR.pattern.finditer(text, sent.start, sent.end):
        found, pos = None, m.end()
        for _ in range(4):  # up to three words before the noun ("both Kh-59 cruise missiles")
            if NO_PAIR.match(text, pos, sent.end):
                break
            start = pos + len(text[pos : sent.end]) - len(text[pos : sent.end].lstrip())
            found = longest_metric(text, start)
            pos = _word_end(text, start, sent.end)
            if found or pos == start:
                break
        if found is None or SECOND_KIND.match(text, found[1], sent.end):
            continue
        clause = text[clause_start(text, sent, m.start()) : clause_end(text, sent, found[1])]
        in_list = any(
            _LIST_JOIN.fullmatch(text[found[1] : c.q_start])
            or _LIST_JOIN.fullmatch(text[c.q_end : m.start()])
            for c in listed
            if c.q_end <= m.start() or c.q_start >= found[1]
        )
        if not (in_list or _ONE_LOSS.search(clause)) or NEGATION.search(
            text[sent.start : m.start()]
        ):
            continue
        if BOTH_APPOSITION.search(text, max(sent.start, m.start() - 3), m.start()):
            continue  # "an Su-25 and an Su-24 - both Soviet-era jets": what they were
        two = Cand(found[0], 2, "exact", m.start(), found[1], si, heading=sent.heading)
        out.append(explain(two, metric=BOTH_TWO, qualifier=BOTH_TWO))
    return out


def _word_end(text: str, start: int, end: int) -> int:
    """Where the word at `start` ends (at `start` when none is there, or it ends a clause)."""
    pos = start
    while pos < end and not text[pos].isspace():
        if text[pos] in ",;:.!?":
            return start
        pos += 1
    return pos


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
