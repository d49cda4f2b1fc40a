"""Subjects: whose losses a figure counts (russia, ukraine, or the enemy of the claimant).

Owns `assign_subjects`: the figure's noun phrase, else the sentence's loser ("Russia lost"),
its "losses of" phrase or its agent ("Ukraine destroyed"), else the sentence's earlier
figure. A figure left without a subject is settled by `attribution` from its claimant.
Imports: `cand`, `cues`, `rx`, `sentences`.
"""

from __future__ import annotations

import re

from ledger.ingest.cand import Cand
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA, side_of
from ledger.ingest.rx import fold_case, guarded, has_any
from ledger.ingest.sentences import Sentence

_I = re.IGNORECASE

_NP_SUBJECT = guarded(
    r"\b(?P<kp>North Korean|North Korea['’]s|DPRK)\b|"
    r"\b(?P<ru>Russian|Russians|Russia['’]s|Moscow['’]s|RF|Wagner|Kremlin['’]s)\b|"
    r"\b(?P<ua>Ukrainian|Ukrainians|Ukraine['’]s|Kyiv['’]s|defenders)\b|\b(?P<enemy>enemy|enemy['’]s|occupiers?|invaders?)\b|"
    r"\b(?P<il>Israeli|IDF|Israel['’]s)\b(?!-)"
)
# "The IDF has lost over 300 soldiers": Israel's own losses, in a sentence naming neither
# Russia nor Ukraine.
_LOSER_IL = guarded(
    r"\b(?:Israel|the IDF|IDF|the Israeli (?:army|military|forces))\b(?:\s+\w+){0,3}?\s+"
    r"(?:los[te]s?|losing|has lost|have lost|had lost|suffered)\b"
)
_LOSER = guarded(
    r"\b(?P<who>Russia|Moscow|Russians|the Russian (?:army|forces|military|troops|side|Federation)|"
    r"Russian (?:armed )?(?:forces|troops|army|units|military)|RF Armed Forces|Wagner|the Kremlin|"
    r"Ukraine|Kyiv|Kiev|Ukrainians|(?:the )?AFU|"
    r"the Ukrainian (?:army|forces|military|side)|Ukrainian (?:armed )?(?:forces|troops|army|units|"
    r"military))\b(?:['’]s)?"
    # an aside between the side and its verb: "Ukraine, by contrast, has suffered"
    r"(?:\s*,\s*(?:by contrast|in contrast|on the other hand|meanwhile|for (?:its|their) part|"
    r"in turn|however|too|also)\s*,)?"
    r"(?:\s+\w+){0,5}?\s+[‘'“\"]?(?:los[te]s?|losing|losses|suffered|sustained|has lost|"
    r"have lost|had lost)\b",
    _I,
)
_AGENT = guarded(
    r"\b(?P<who>Russia|Moscow|Russians|Russian|Ukraine|Kyiv|Kiev|Ukrainians|Ukrainian|Ukraine['’]s|"
    r"Russia['’]s)\b(?:\s+[\w'’-]+){0,3}?\s+(?:destroy(?:ed|s)?|shot down|downed|killed|eliminated|"
    r"liquidated|neutrali[sz]ed|wiped out|sank|sunk|captured|intercepted|repelled|hit|struck)\b",
    _I,
)
# "Ukraine was said to have close to 70,000 killed": the side said to have the figure.
_HAS_BEFORE = guarded(
    r"\b(?P<who>Russia|Moscow|Russians|Ukraine|Kyiv|Kiev|Ukrainians|"
    r"the (?:Russian|Ukrainian) (?:army|military|forces))\b(?:\s+\w+){0,4}?\s+"
    r"(?:has|have|had)\s+(?:\w+\s+){0,2}$",
    _I,
)
_OWN_LOSSES = guarded(r"\b(?:its|their) own (?:losses|casualties|dead|death toll)\b", _I)
_PASSIVE = guarded(r"\b(?:were|was|been|being|are|is|be)\b", _I)
_LOSSES_OF = guarded(
    r"\b(?:(?P<ru1>Russian|Russia['’]s|enemy)\s+(?:\w+\s+)?losses|losses\s+of\s+(?:the\s+)?"
    r"(?P<ru2>Russia|Russian|enemy)|(?P<ua1>Ukrainian|Ukraine['’]s)\s+(?:\w+\s+)?losses|losses\s+of\s+"
    r"(?:the\s+)?(?P<ua2>Ukraine|Ukrainian))\b",
    _I,
)
_OF_ITS = re.compile(r"\bof (?:its|their)\b")


# Words every match of the cue of the same name holds, case-folded (`rx.fold_case`): one of
# the first group (who) and one of the second (the verb).
_LOSER_WORDS = (
    ("russia", "moscow", "rf armed forces", "wagner", "kremlin", "ukrain", "kyiv", "kiev", "afu"),
    ("los", "suffered", "sustained"),
)
_AGENT_WORDS = (
    ("russia", "moscow", "ukrain", "kyiv", "kiev"),
    (
        "destroy",
        "shot down",
        "downed",
        "killed",
        "eliminated",
        "liquidated",
        "neutrali",
        "wiped out",
        "sank",
        "sunk",
        "captured",
        "intercepted",
        "repelled",
        "hit",
        "struck",
    ),
)


def _overlapping(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of `rx`, overlapping ones too ("Kyiv Independent believes Russia has lost"
    holds a match at "Kyiv" and a later one at "Russia")."""
    out = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        out.append(m)
        pos = m.start() + 1
    return out


def _has_both(folded: str, words: tuple[tuple[str, ...], tuple[str, ...]]) -> bool:
    return has_any(folded, words[0]) and has_any(folded, words[1])


_NP_SIDES = {"ru": "russia", "ua": "ukraine", "enemy": "enemy", "il": "israel", "kp": "north_korea"}


def assign_subjects(text: str, sentences: list[Sentence], cands: list[Cand]) -> None:
    """Whose losses: the noun phrase, then the sentence's loser or agent, then the list."""
    prev_by_sent: dict[int, str] = {}  # the side of the sentence's figure before
    folded_sentences: dict[int, str] = {}
    for c in cands:
        if c.subject is not None:  # set by its rule ("each side released 300": one per side)
            prev_by_sent[c.sent] = c.subject
            continue
        np = text[c.q_start if c.np_start is None else c.np_start : c.q_end]
        subject = _np_subject(np)
        if subject is None:
            sent = sentences[c.sent]
            before = text[sent.start : c.q_start]
            # The cues are searched only where their words occur (on case-folded text, which
            # keeps every position, so a prefix of the folded sentence folds `before`).
            if c.sent not in folded_sentences:
                folded_sentences[c.sent] = fold_case(text[sent.start : sent.end])
            folded = folded_sentences[c.sent][: len(before)]
            subject = _sentence_subject(before, folded, np, prev_by_sent.get(c.sent))
        c.subject = subject
        if subject and subject != "enemy":
            prev_by_sent[c.sent] = subject


def _np_subject(np: str) -> str | None:
    """The side the figure's own noun phrase names ("Russian troops", "enemy tanks")."""
    m = _NP_SUBJECT.search(np)
    return _NP_SIDES.get(m.lastgroup) if m and m.lastgroup else None


def _sentence_subject(before: str, folded: str, np: str, previous: str | None) -> str | None:
    """The side the sentence before the figure says lost it: its loser ("Russia lost"), its
    "losses of" or its agent ("Ukraine destroyed"), a side's "own losses", a side said to
    have the figure, the side of the sentence's figure before (`previous`), Israel's army,
    else the country "of its" troops points back to."""
    best = _loser_or_agent(before, folded, previous is not None)
    if best is None and "own" in folded:
        best = _own_losses_side(before)
    if best is None and ("ha" in folded[-40:]):
        has = _HAS_BEFORE.search(before, max(0, len(before) - 80))
        if has:
            best = side_of(has.group("who"))
    if best is None and previous is not None:
        best = previous
    if best is None and ("israel" in folded or "idf" in folded) and _israel_lost(before):
        best = "israel"
    if best is None and _OF_ITS.search(np):
        # "498 of its troops": the country the sentence names before the figure.
        best = _last_country(before)
    return best


def _loser_or_agent(before: str, folded: str, has_previous: bool) -> str | None:
    """The side of the latest loser ("Russia lost"), "losses of" phrase or agent ("Ukraine
    destroyed": the other side lost) before the figure. An agent counts only in the
    sentence's first figure with a side, or beside a loser or "losses of"."""
    loss = list(_LOSSES_OF.finditer(before)) if "losses" in folded else []
    loser = _overlapping(_LOSER, before) if _has_both(folded, _LOSER_WORDS) else []
    agent = (
        [a for a in _AGENT.finditer(before) if not _PASSIVE.search(a.group(0))]
        if _has_both(folded, _AGENT_WORDS) and not (has_previous and not loser and not loss)
        else []
    )
    best_pos, best = -1, None
    if loser:
        best_pos, best = loser[-1].start(), side_of(loser[-1].group("who"))
    if loss and loss[-1].start() > best_pos:
        g = loss[-1]
        ru = g.group("ru1") or g.group("ru2")
        best_pos, best = g.start(), "russia" if ru else "ukraine"
    if agent and agent[-1].start() > best_pos:
        side = side_of(agent[-1].group("who"))
        best = "russia" if side == "ukraine" else "ukraine"
    return best


def _own_losses_side(before: str) -> str | None:
    """ "The Russian government has not published its own losses": the side named before."""
    own = _OWN_LOSSES.search(before)
    if not own:
        return None
    sides = [(x.start(), "russia") for x in COUNTRY_RU.finditer(before, 0, own.start())]
    sides += [(x.start(), "ukraine") for x in COUNTRY_UA.finditer(before, 0, own.start())]
    return max(sides)[1] if sides else None


def _israel_lost(before: str) -> bool:
    """ "The IDF has lost over 300 soldiers", in a sentence naming neither Russia nor Ukraine."""
    return bool(_LOSER_IL.search(before)) and not (
        COUNTRY_RU.search(before) or COUNTRY_UA.search(before)
    )


def _last_country(before: str) -> str | None:
    """The side of the last country named in `before`, if any."""
    countries = [(x.start(), "russia") for x in COUNTRY_RU.finditer(before)]
    countries += [(x.start(), "ukraine") for x in COUNTRY_UA.finditer(before)]
    return max(countries)[1] if countries else None
