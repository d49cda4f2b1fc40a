"""Subjects: whose losses a figure counts (russia, ukraine, or the enemy of the claimant).

Owns `decide_subjects`, the subject stage: for each figure, its noun phrase, else a side
named just after it ("... on the Ukrainian side"), else the sentence's loser ("Russia
lost"), its "losses of" phrase or its agent ("Ukraine destroyed"), else the sentence's
earlier figure, else the side the paragraph spoke of before (its figures, or a loser:
"Ukraine has also suffered losses."), or the last figure of the paragraph before when this
one names no side (unless the sentence names only the other country), or the loser a
one-sentence paragraph with no figure named before it ("... a heavy toll on Ukrainian
forces." + "220 service members were lost"). "Our losses", "we are losing" mark the
speaker's own side (`Side.own_side`). A figure left without a subject is settled from its
claimant (`article_claimants.settle_subjects`). Each decision is a `Side` naming its rule
(from `side_cues.SIDE_CUES`, or the carry rules here). Imports: `cues`, `reading`, `rx`,
`sentences`, `side_cues`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ledger.ingest import side_cues as sc
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA, side_of
from ledger.ingest.reading import Document, Reading, Side
from ledger.ingest.rx import fold_case, has_any
from ledger.ingest.sentences import Sentence, clause_end

_DIGIT = re.compile(r"\d")
_PASSIVE = re.compile(r"\b(?:were|was|been|being|are|is|be)\b", re.IGNORECASE)
_NP_SIDES = {"ru": "russia", "ua": "ukraine", "enemy": "enemy", "il": "israel", "kp": "north_korea"}
# How many sentences before a figure's own the paragraph carry reads.
_PARA_REACH = 3
_BEFORE_REACH = 400
_LOSER_VERBS = ("los", "suffered", "sustained")
LOSER_PARAGRAPH = "loser-paragraph-before"
SideRule = tuple[str, str]  # (side, the name of the rule that found it)


def _overlapping(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of `rx`, overlapping ones too ("Kyiv Independent believes Russia has lost"
    holds a match at "Kyiv" and a later one at "Russia")."""
    out = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        out.append(m)
        pos = m.start() + 1
    return out


class _Carry:
    """The sides decided so far: per sentence and per paragraph, with where they were found."""

    def __init__(self) -> None:
        self.by_sent: dict[int, str] = {}
        self.by_para: dict[int, tuple[int, str]] = {}
        self.last: str | None = None  # the side of the figure before, if it had one

    def note(self, c: Reading, para: int, side: str | None) -> None:
        self.last = side
        if side and side != "enemy":
            self.by_sent[c.sent] = side
            self.by_para[para] = (c.q_start, side)


def decide_subjects(doc: Document, readings: Sequence[Reading]) -> list[Side]:
    """Whose losses, for each figure: the noun phrase, then the sentence's loser or agent,
    then the sentence's and the paragraph's earlier figures and losers."""
    text, sentences = doc.text, doc.sentences
    carry = _Carry()
    out: list[Side] = []
    for c in readings:
        para = sentences[c.sent].para
        if c.subject is not None:  # set by its rule ("each side released 300": one per side)
            side = Side(c.subject, c.own_side, c.why.get("subject", "exchange-side"))
        elif (found := _figure_side(text, sentences, c, carry)) is not None:
            side = Side(found[0], c.own_side, found[1])
        elif _own_side(text, sentences[c.sent], c):
            side = Side(None, True, sc.OUR_LOSSES.name)
        else:
            side = Side(None, c.own_side, None)
        carry.note(c, para, side.subject)
        out.append(side)
    return out


def _own_side(text: str, sent: Sentence, c: Reading) -> bool:
    """Whether a figure no side is named for counts the speaker's own people: the speaker
    says "we are losing" or "our losses" (the claimant settles whose they are)."""
    our = sc.OUR_LOSSES.search(text, sent.start, c.q_start + 24)
    # the words between "our ..." and its first figure
    digit = _DIGIT.search(text, our.end(), sent.end) if our is not None else None
    verb_end = digit.start() if digit else c.q_start
    # not "our defenders shot down 30 drones": the speaker's side as the agent
    return our is not None and not sc.AGENT_VERB.search(text, our.end(), max(our.end(), verb_end))


def _figure_side(
    text: str, sentences: list[Sentence], c: Reading, carry: _Carry
) -> SideRule | None:
    """The side of one figure: its noun phrase, a side just after it, its sentence, else the
    paragraph before it."""
    np = text[c.q_start if c.np_start is None else c.np_start : c.q_end]
    side = _np_subject(np)
    if side is not None:
        return side, sc.NP_SIDE.name
    if sc.OTHERS.search(np):
        # more of what the figure before counted: its side (or none, to be settled alike)
        return (carry.last, sc.OTHERS.name) if carry.last is not None else None
    sent = sentences[c.sent]
    after = sc.SIDE_AFTER.match(text, c.q_end, clause_end(text, sent, c.q_end))
    if after is not None:
        return side_of(after.group("who") or after.group("who2")), sc.SIDE_AFTER.name
    # the sentence before the figure, at most `_BEFORE_REACH` back: a loser or agent further
    # off belongs to another clause, and each figure reads a bounded stretch (linear time)
    origin = max(sent.start, c.q_start - _BEFORE_REACH)
    before = text[origin : c.q_start]
    found = _sentence_subject(before, text[origin : c.q_end], np, carry.by_sent.get(c.sent))
    if found is None:
        # a sentence goes on with the side its paragraph spoke of, unless it names only the
        # other country ("Moscow itself spoke of 1,200 killed in its ranks")
        found = _paragraph_side(text, sentences, c, carry) or _last_paragraph_side(
            text, sentences, c, carry
        )
        named = _countries(text[sent.start : sent.end])
        if found is not None and named and found[0] not in named:
            found = None
    if found is None and sc.OF_ITS.search(np):
        # "498 of its troops": the country the paragraph names before the figure.
        side = _last_country(_para_text(text, sentences, c.sent) + " " + before)
        found = (side, sc.OF_ITS.name) if side else None
    return found


def _np_subject(np: str) -> str | None:
    """The side the figure's own noun phrase names ("Russian troops", "enemy tanks")."""
    m = sc.NP_SIDE.pattern.search(np)
    return _NP_SIDES.get(m.lastgroup) if m and m.lastgroup else None


def _sentence_subject(before: str, upto: str, np: str, previous: str | None) -> SideRule | None:
    """The side the sentence before the figure says lost it: its loser ("Russia lost"), its
    "losses of" or its agent ("Ukraine destroyed"), a side's "own losses", a side said to
    have the figure, the side of the sentence's figure before (`previous`), Israel's army,
    else the country "of its" troops points back to (`upto` runs to the figure's end)."""
    best = _loser_or_agent(before, upto, previous is not None)
    if best is None:
        best = _own_losses_side(before)
    if best is None:
        has = sc.HAS_BEFORE.search(before, max(0, len(before) - 80))
        if has:
            best = side_of(has.group("who")), sc.HAS_BEFORE.name
    if best is None and previous is not None:
        best = previous, "sentence-figure-before"
    if best is None:
        # "his country had lost nearly 46,000": the country named before the phrase
        own = sc.OF_ITS.search(before, max(0, len(before) - 40))
        side = _last_country(before[: own.start()]) if own else None
        best = (side, sc.OF_ITS.name) if side else None
    if best is None and _israel_lost(before):
        best = "israel", sc.ISRAEL_LOST.name
    if best is None and sc.OF_ITS.search(np):
        side = _last_country(before)
        best = (side, sc.OF_ITS.name) if side else None
    return best


def _is_object(text: str, pos: int) -> bool:
    """Whether the side named at `pos` is the object of the words before it."""
    return bool(sc.OBJECT_BEFORE.search(text, max(0, pos - 16), pos))


def _loser_or_agent(before: str, upto: str, has_previous: bool) -> SideRule | None:
    """The side of the latest loser ("Russia lost"), "losses of" phrase, "On the Russian
    side," or agent ("Ukraine destroyed": the other side lost) before the figure. An agent
    counts only in the sentence's first figure with a side, or beside a loser or "losses
    of"; an agent whose verb describes a noun ("Russian soldiers killed exceeds") lost."""
    folded = fold_case(before)
    found: list[tuple[int, str, str]] = []  # (position, side, rule)
    if has_any(folded, sc.LOSER.words) and has_any(folded, _LOSER_VERBS):
        for m in _overlapping(sc.LOSER.pattern, before):
            if not _is_object(before, m.start()):
                found.append((m.start(), side_of(m.group("who")), sc.LOSER.name))
    if has_any(folded, sc.LOSSES_OF.words):
        for g in sc.LOSSES_OF.pattern.finditer(before):
            ru = g.group("ru1") or g.group("ru2") or g.group("ru3")
            found.append((g.start(), "russia" if ru else "ukraine", sc.LOSSES_OF.name))
    for o in sc.SIDE_OPENING.pattern.finditer(before) if "side" in folded else ():
        found.append((o.start(), side_of(o.group("who")), sc.SIDE_OPENING.name))
    if not (has_previous and not found):
        found += _agents(before, upto, folded)
    if not found:
        return None
    _, side, rule = max(found, key=lambda f: (f[0], f[2] != sc.AGENT.name))
    return side, rule


def _agents(before: str, upto: str, folded: str) -> list[tuple[int, str, str]]:
    """The agents before the figure ("Ukraine destroyed": Russia lost), and the sides whose
    noun a participle describes ("Russian soldiers killed exceeds 54,000": Russia lost)."""
    if not has_any(folded, sc.AGENT.words):
        return []
    out = []
    for a in sc.AGENT.pattern.finditer(before):
        if _PASSIVE.search(a.group(0)) or _is_object(before, a.start()):
            continue
        side = side_of(a.group("who"))
        if sc.NOUN_PARTICIPLE.match(upto, a.end()):
            out.append((a.start(), side, sc.NOUN_PARTICIPLE.name))
        else:
            out.append((a.start(), "russia" if side == "ukraine" else "ukraine", sc.AGENT.name))
    return out


def _para_text(text: str, sentences: list[Sentence], si: int) -> str:
    """The text of the paragraph's sentences before sentence `si` (a few at most)."""
    para = sentences[si].para
    first = si
    while first > 0 and si - first < _PARA_REACH and sentences[first - 1].para == para:
        first -= 1
    return text[sentences[first].start : sentences[si].start] if first < si else ""


def _paragraph_side(
    text: str, sentences: list[Sentence], c: Reading, carry: _Carry
) -> SideRule | None:
    """The side the paragraph spoke of before the figure's sentence: its last figure's, or
    a loser it named ("Ukraine has also suffered heavy losses. Its president reported ...")."""
    para = sentences[c.sent].para
    prior = carry.by_para.get(para)
    start = sentences[c.sent].start
    best: tuple[int, str, str] | None = None
    if prior is not None and prior[0] < start:
        best = (prior[0], prior[1], "paragraph-figure-before")
    si = c.sent - 1
    while si >= 0 and c.sent - si <= _PARA_REACH and sentences[si].para == para:
        s = sentences[si]
        if best is not None and s.end <= best[0]:
            break
        s_text = text[s.start : s.end]
        cue = _loser_or_agent(s_text, s_text, True) or _own_losses_side(s_text)
        if cue is not None and (best is None or s.start > best[0]):
            best = (s.start, cue[0], "paragraph-side-before")
            break
        si -= 1
    return (best[1], best[2]) if best else None


def _last_paragraph_side(
    text: str, sentences: list[Sentence], c: Reading, carry: _Carry
) -> SideRule | None:
    """A paragraph that names no side before its figure goes on with the side of the last
    figure of the paragraph just before ("... 21 aircraft, 5 helicopters." + "Once again, 403
    guns, including 43 howitzers")."""
    sent = sentences[c.sent]
    first = c.sent
    while first > 0 and sentences[first - 1].para == sent.para:
        first -= 1
    prior = carry.by_para.get(sentences[first - 1].para) if first > 0 else None
    lead = text[sentences[first].start : c.q_end]
    if COUNTRY_RU.search(lead) or COUNTRY_UA.search(lead):
        return None
    if prior is None:
        return _loser_paragraph_before(text, sentences, first)
    return prior[1], "last-paragraph-figure"


def _loser_paragraph_before(text: str, sentences: list[Sentence], first: int) -> SideRule | None:
    """A paragraph of one sentence with no figure that names a loser ("... disclosed a heavy
    toll on Ukrainian forces." + "220 service members were lost"): the figures of the next
    paragraph count that side's losses."""
    if first == 0 or (first > 1 and sentences[first - 2].para == sentences[first - 1].para):
        return None
    s = sentences[first - 1]
    s_text = text[s.start : s.end]
    if _DIGIT.search(s_text):
        return None
    cue = _loser_or_agent(s_text, s_text, True)
    return (cue[0], LOSER_PARAGRAPH) if cue is not None else None


def _countries(s_text: str) -> set[str]:
    """The sides whose country `s_text` names."""
    named = {"russia"} if COUNTRY_RU.search(s_text) else set()
    return named | ({"ukraine"} if COUNTRY_UA.search(s_text) else set())


def _own_losses_side(before: str) -> SideRule | None:
    """ "The Russian government has not published its own losses", "Russia last reported its
    military casualties": the side named before."""
    own = sc.OWN_LOSSES.search(before)
    if not own:
        return None
    sides = [(x.start(), "russia") for x in COUNTRY_RU.finditer(before, 0, own.start())]
    sides += [(x.start(), "ukraine") for x in COUNTRY_UA.finditer(before, 0, own.start())]
    return (max(sides)[1], sc.OWN_LOSSES.name) if sides else None


def _israel_lost(before: str) -> bool:
    """ "The IDF has lost over 300 soldiers", in a sentence naming neither Russia nor Ukraine."""
    return bool(sc.ISRAEL_LOST.search(before)) and not (
        COUNTRY_RU.search(before) or COUNTRY_UA.search(before)
    )


def _last_country(before: str) -> str | None:
    """The side of the last country named in `before` that is not an object ("the Russian
    army in Ukraine": Russia), if any."""
    countries = [(x.start(), "russia") for x in COUNTRY_RU.finditer(before)]
    countries += [(x.start(), "ukraine") for x in COUNTRY_UA.finditer(before)]
    countries = [
        c for c in countries if not sc.PLACE_BEFORE.search(before, max(0, c[0] - 16), c[0])
    ]
    return max(countries)[1] if countries else None
