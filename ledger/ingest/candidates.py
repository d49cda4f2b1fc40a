"""Candidates: which numbers in which sentences are loss figures, and of what metric.

Owns `find_candidates`: the sentences that speak of losses (or go on with a list that did),
their numbers that are counts (`counts`), and the claims those make: ranges ("between 10 and
20 tanks"), parts of a whole ("3 out of 12"), figures sharing the next one's noun ("1,520 and
1,517 systems"), single figures (`one_figure`) and "a tank" ones (`single_items`); then
prisoners told from casualties and returned prisoners (`exchanges`). `filters.keep` later
drops the ones that are not loss claims. Imports: `events.claims`, `cand`, `counts`, `cues`,
`exchanges`, `figure`, `list_shape`, `metric_nouns`, `numbers`, `one_figure`, `rules`, `rx`,
`sentences`, `shares`, `single_items`; never the later stages or `extract`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from events.vocabulary import Metric
from ledger.ingest.cand import Cand
from ledger.ingest.counts import is_not_a_count
from ledger.ingest.cues import EXCHANGE, LIST_LINE, LOSS
from ledger.ingest.exchanges import exchange_claims
from ledger.ingest.figure import explain, qualifier_rule
from ledger.ingest.list_shape import list_runs
from ledger.ingest.metric_nouns import forward_metric, lookback_metric
from ledger.ingest.numbers import Number, find_numbers
from ledger.ingest.one_figure import one_candidate
from ledger.ingest.rules import Rule, registry
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence, clause_end, clause_start
from ledger.ingest.shares import each_place
from ledger.ingest.single_items import article_ones, both_pairs, recent_totals

_I = re.IGNORECASE

# A figure in a clause (not an ordinal: "the 22nd brigade ... surrendered" is one clause).
_FIGURE_DIGITS = re.compile(r"\d[\d,.]*(?!\d|st\b|nd\b|rd\b|th\b)")
_SHARE_OF = guarded(r"\d\s+of\s+(?:them|these|those)\b", _I)
# A sentence without a loss word still counts losses when it goes on from one that did: a
# list item after "...lost the following:", "The running totals stand at", "X also counted".
_CONTEXT_CARRY = guarded(
    r"\b(?:also|totals|tally|the list|the (?:number|figure)|includ(?:e|es|ed|ing)|stands? at|"
    r"stood at|in addition|"
    r"as well as|counted)\b|^\s*(?:[-*•–]\s|\d[\d,. ]*\s+\w)",
    _I,
)
# "shot down 53 Russian drones out of 61": the number after a loss figure's "out of" is the
# whole launched, not a loss of its own.
WHOLE_AFTER_PART = Rule(
    "whole-after-part",
    'The whole a loss figure is a part of ("53 drones out of 61"): what was launched, no loss.',
    guarded(r"\s+(?:out\s+)?of\s+(?:the\s+|a total of\s+|about\s+|some\s+)?", _I),
    " out of ",
    " over ",
)
# The names of the rules of ranges and single items (see `Cand.why`).
RANGE_LOW, RANGE_HIGH, RANGE_NOUN = "range-low-end", "range-high-end", "range-noun-before"
_RANGE_JOIN = guarded(r"^\s*(?:[-–—]|to|and|or)\s*$", _I)
_DASH_JOIN = re.compile(r"\s*[-–—]\s*")
# "1,520 and 1,517 systems", "six Tu-95 and four Tu-22M bombers"
_AND_JOIN = re.compile(r"(?:\s+[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z\d]*)?\s+and\s+")
_TO_OR_JOIN = re.compile(r"\s+(?:to|or)\s+")
_BETWEEN_BEFORE = guarded(r"\b(?:between|from)\s*$", _I)
_OF_TOTAL = guarded(
    r"\s+(?:out\s+)?of\s+(?:the\s+)?(?:(?:about|around|some|roughly|nearly|almost|approximately)\s+)?",
    _I,
)
CANDIDATE_RULES = registry(WHOLE_AFTER_PART)
_POW_CLAUSE = guarded(
    r"\b(?:surrender\w*|captured|(?:taken|took) (?:as )?(?:prisoners?|captives?)|"
    r"prisoners?[- ]of[- ]war|captives?)\b",
    _I,
)
# "have killed, injured, or captured 17,819 soldiers": casualties that include the captured.
_CASUALTY_LIST_BEFORE = guarded(
    r"\b(?:killed|wounded|injured)\s*,\s*(?:(?:killed|wounded|injured)\s*,?\s*)?(?:and|or)\s+"
    r"captured\s*\Z",
    _I,
)
_KILLED_CLAUSE = guarded(r"\b(?:killed|dead|died|wounded|casualt\w+|perished|eliminated)\b", _I)
_EX_PRISONERS = guarded(r"\b(?:former|ex-)\s*prisoners\b", _I)
_WHO_DIED_AFTER = re.compile(r"^\s*(?:who|that)\s+(?:\w+\s+){0,3}?(?:killed|died|dead)\b", _I)


def find_candidates(text: str, sentences: list[Sentence]) -> list[Cand]:
    """Numbers that count a metric, with qualifier and quote span; in text order."""
    out: list[Cand] = []
    carry: Cand | None = None
    loss_para = -9  # the paragraph of the last sentence that spoke of losses with figures
    runs = list_runs(text, sentences)  # the items of lists that count losses by their shape
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        # "105 drones were destroyed." + "26 of them over Belgorod": the next paragraph may
        # still share out the figure that ended the one before.
        if (
            carry is not None
            and sentences[carry.sent].para != sent.para
            and not (sent.para - sentences[carry.sent].para == 1 and _SHARE_OF.search(s_text))
        ):
            carry = None
        # A line of a list the paragraph before opened ("... stands at:", "- 3,618 tanks;")
        # goes on with it even when it names nothing the lexicon knows.
        in_list = sent.para - loss_para <= 1 and bool(LIST_LINE.match(s_text))
        lossy = (
            bool(LOSS.search(text, sent.start, sent.end))
            or (sent.para - loss_para <= 1 and bool(in_list or _CONTEXT_CARRY.search(s_text)))
            or si in runs
        )
        if not lossy and not EXCHANGE.search(text, sent.start, sent.end):
            continue
        nums = [n for n in find_numbers(text, sent.start, sent.end) if not is_not_a_count(text, n)]
        found = each_place(text, _sentence_candidates(text, sent, si, nums, carry), nums)
        found = exchange_claims(text, sent, si, nums, found, lossy)
        out.extend(found)
        pairs = both_pairs(text, sent, si, found)
        out.extend(pairs)
        out.extend(article_ones(text, sent, si, found + pairs, recent_totals(out, si)))
        if found:
            carry = found[-1]
        if found or in_list or s_text.rstrip().endswith(":") or _opens_list(text, sentences, si):
            loss_para = sent.para
    out.sort(key=lambda c: (c.q_start, c.q_end))
    for c in out:
        metric = _prisoner_or_casualty(text, sentences[c.sent], c)
        if metric != c.metric:
            c.metric, c.why["metric"] = metric, f"{metric.replace('_', '-')}-by-clause"
    return out


def _opens_list(text: str, sentences: list[Sentence], si: int) -> bool:
    """Whether the next line, a line of a list, starts the list sentence `si` (which speaks of
    losses) opens without a colon ("... reported Russia's losses as follows." + "• 6,340
    tanks")."""
    if si + 1 >= len(sentences) or sentences[si + 1].para != sentences[si].para + 1:
        return False
    nxt = sentences[si + 1]
    return bool(LIST_LINE.match(text[nxt.start : nxt.end]))


def _sentence_candidates(
    text: str, sent: Sentence, si: int, nums: list[Number], carry: Cand | None = None
) -> list[Cand]:
    """The claims the numbers of one sentence make: ranges and parts of a whole first (they
    take two numbers), then figures sharing the next one's noun, then each on its own."""
    out: list[Cand] = []
    skip_next = False
    for i, n in enumerate(nums):
        if skip_next:  # the second number of a range or of a part of a whole
            skip_next = False
            continue
        nxt = nums[i + 1] if i + 1 < len(nums) else None
        if nxt is not None:
            pair = _range(text, sent, si, n, nxt, out, carry) or _part_of_whole(
                text, sent, si, n, nxt, out, carry
            )
            if pair:
                out.extend(pair)
                skip_next = True
                continue
        if out and WHOLE_AFTER_PART.pattern.fullmatch(text, out[-1].q_end, n.start):
            continue  # "53 drones out of 61": the whole launched, not a loss
        cand = _shared_noun(text, sent, si, n, nxt) if nxt is not None else None
        if cand is None:
            cand = one_candidate(text, sent, si, n, out, carry)
        if cand:
            out.append(cand)
    for c in out:
        c.heading = sent.heading
    return out


def _range(
    text: str,
    sent: Sentence,
    si: int,
    n: Number,
    nxt: Number,
    previous: list[Cand],
    carry: Cand | None,
) -> list[Cand] | None:
    """ "between 10 and 20 tanks", "150,000-190,000 casualties", "7,000 to 15,000 troops",
    "70 or 80,000": the two ends of one estimate, at_least the low and at_most the high."""
    join = text[n.end : nxt.start]
    before = text[sent.start : n.start]
    is_dash = bool(_DASH_JOIN.fullmatch(join))
    close = bool(_TO_OR_JOIN.fullmatch(join)) and 0 < nxt.value <= 5 * _range_low(n, nxt)
    if not (_RANGE_JOIN.match(join) and (is_dash or close or _BETWEEN_BEFORE.search(before))):
        return None
    hi = one_candidate(text, sent, si, nxt, previous, carry)
    lo_metric = hi.metric if hi else None
    lo_value = _range_low(n, nxt)
    if hi is None:
        # "... soldiers killed to be between 7,000 and 15,000": the noun before "between"
        between = _BETWEEN_BEFORE.search(before)
        lb_end = sent.start + between.start() if between else n.start
        lb = lookback_metric(text, clause_start(text, sent, n.start), lb_end)
        if lb:
            lo_metric = lb[0]
            hi = explain(Cand(lb[0], nxt.value, "at_most", lb[1], nxt.end, si), metric=RANGE_NOUN)
            hi.np_start = max(sent.start, lb[1] - 30)  # "Russian dead range from ..."
    if not (lo_metric and hi and lo_value < nxt.value):
        return None
    b = _BETWEEN_BEFORE.search(before)
    q_start = sent.start + b.start() if b else n.start
    q_start = min(q_start, hi.q_start)
    metric_rule = hi.why.get("metric", RANGE_NOUN)
    low = Cand(lo_metric, lo_value, "at_least", q_start, hi.q_end, si, np_start=hi.np_start)
    high = replace(hi, qualifier="at_most", q_start=q_start, why=dict(hi.why))
    return [
        explain(low, metric=metric_rule, qualifier=RANGE_LOW),
        explain(high, metric=metric_rule, qualifier=RANGE_HIGH),
    ]


def _range_low(lo: Number, hi: Number) -> int:
    """The low end of a range written with one magnitude ("50-70 000", "1.5-2 million")."""
    for scale in (1_000, 1_000_000):
        if hi.value >= scale and hi.value / 10 <= lo.value * scale <= hi.value:
            return lo.value * scale
    return lo.value


def _part_of_whole(
    text: str,
    sent: Sentence,
    si: int,
    n: Number,
    nxt: Number,
    previous: list[Cand],
    carry: Cand | None,
) -> list[Cand] | None:
    """ "3 out of the 12 tanks": a part of the whole, counting what the whole counts."""
    if not _OF_TOTAL.fullmatch(text[n.end : nxt.start]):
        return None
    whole = one_candidate(text, sent, si, nxt, previous, carry)
    if not whole:
        return None
    qualifier, q_start, why = qualifier_rule(text, sent, n)
    part = Cand(whole.metric, n.value, qualifier, q_start, whole.q_end, si, part=True)
    return [explain(part, metric="part-of-whole", qualifier=why)]


def _shared_noun(text: str, sent: Sentence, si: int, n: Number, nxt: Number) -> Cand | None:
    """ "1,520 and 1,517 systems": the first figure counts what the second does."""
    if not _AND_JOIN.fullmatch(text[n.end : nxt.start]):
        return None
    nxt_fwd = forward_metric(text, nxt.end, min(sent.end, nxt.end + 80))
    if not nxt_fwd or forward_metric(text, n.end, min(sent.end, n.end + 80)):
        return None
    qualifier, q_start, why = qualifier_rule(text, sent, n)
    c = Cand(nxt_fwd[0], n.value, qualifier, q_start, nxt_fwd[2], si)
    return explain(c, metric="shared-noun-after", qualifier=why)


def _prisoner_or_casualty(text: str, sent: Sentence, c: Cand) -> Metric:
    """Soldiers who surrendered or were captured are prisoners of war; prisoners who were
    killed ("former prisoners who died") are personnel losses."""
    if c.metric not in ("personnel", "pow"):
        return c.metric
    cs, ce = clause_start(text, sent, c.q_start), clause_end(text, sent, c.q_end)
    before = _FIGURE_DIGITS.split(text[max(cs, c.q_start - 40) : c.q_start])[-1]
    after = _FIGURE_DIGITS.split(text[c.q_end : min(ce, c.q_end + 100)])[0]
    if _CASUALTY_LIST_BEFORE.search(text, max(sent.start, c.q_start - 60), c.q_start):
        return "personnel"
    if c.metric == "personnel":
        near = before + " " + after
        if _POW_CLAUSE.search(near) and not _KILLED_CLAUSE.search(near):
            return "pow"
    elif c.metric == "pow":
        noun = text[c.q_start : c.q_end]
        if _EX_PRISONERS.search(noun) or _WHO_DIED_AFTER.match(after):
            return "personnel"
    return c.metric
