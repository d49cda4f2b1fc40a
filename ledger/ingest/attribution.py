"""Attribution: who claims each figure.

Owns `assign_claimants`: each figure's claimant from the speakers its sentence names
(`speakers`; the closest before the figure, an anaphor resolved to whom it stands for, "the
president" to the president named before), a sentence after it that names its speaker
("This was reported by X"), a headline's prefix or suffix, the source carried through the
paragraph and the next two that name nobody, the lead's speaker for a headline, else the
publisher; and the last-resort subject of figures whose sentence named no side (the other
side of the claimant's). Imports: `cand`, `claimant_names`, `cues`, `lexicon`, `rx`,
`references`, `sentences`, `speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ledger.ingest import lexicon as lx
from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import british_hint, name_claimant, valid_np
from ledger.ingest.cues import COUNTRY_RU, COUNTRY_UA, LIST_LINE
from ledger.ingest.references import resolve_anaphor, role_person, same_side
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import (
    Attribution,
    attributions,
    heading_attribution,
    reportedly,
    speaker_of_sentence_before,
)

_I = re.IGNORECASE

# "20,000 of his fighters", "their own soldiers": the speaker's side, named in the figure.
_OWN_NP = guarded(
    r"\b(?:(?:of|among)\s+(?:his|her|its|their|our)|(?:his|her|its|their|our)\s+own)\s+"
    r"(?:[\w-]+\s+)?(?:ranks|troops|soldiers|fighters|forces|servicem[ae]n|men|personnel)\b",
    _I,
)
_OWN_RANKS = guarded(
    r"[^.;]{0,40}?\b(?:in|of|among|from)\s+(?:its|their)\s+(?:own\s+)?(?:ranks|troops|soldiers|"
    r"forces|servicemen|army|military)\b",
    _I,
)
_CONTINUATION_START = guarded(
    r"^\s*(?:This|These|That|It|They|In addition|Additionally|Also|The figures?|The numbers?|"
    r"Of (?:these|them|this)|Among them|In total|Overall|Besides|Moreover|Furthermore)\b",
    _I,
)


@dataclass(slots=True)
class _Carry:
    """What reading an article carries from sentence to sentence: who has spoken so far."""

    publisher: str
    article_end: int  # where the article's last sentence ends
    memory: dict[str, str] = field(default_factory=dict)  # the ministry the article last named
    para: tuple[str, str] | None = None  # who speaks for the paragraph: (claimant, words)
    last: tuple[str, str] | None = None  # the last source named, or carried on
    last_para: int = -9  # the paragraph `last` was named or carried in
    current_para: int = -1
    first_named: tuple[str, str] | None = None  # who the lead says speaks
    named: list[tuple[str, str]] = field(default_factory=list)  # each source named so far
    article_hint: str | None = None  # a headline's context: the whole article, in brief

    def enter_paragraph(self, para: int, s_text: str) -> None:
        """A new paragraph goes on with the last source when it opens as a continuation
        ("It also said", "In addition") or comes within two paragraphs of it."""
        self.current_para = para
        self.para = None
        if self.last and (_CONTINUATION_START.match(s_text) or para - self.last_para <= 2):
            self.para = self.last
            if LIST_LINE.match(s_text):
                self.last_para = para  # a list's lines go on with whoever opened it

    def speaks(self, who: tuple[str, str], para: int) -> None:
        """`who` is now the paragraph's and the article's last source."""
        self.para = self.last = who
        self.last_para = para


@dataclass(frozen=True, slots=True)
class _Said:
    """What one sentence says about who speaks."""

    text: str  # the article
    sent: Sentence
    attrs: list[Attribution]
    context: str  # the sentence and the 400 characters before it
    heading_np: str | None  # the speaker a headline names


def assign_claimants(
    text: str, sentences: list[Sentence], cands: list[Cand], publisher: str
) -> None:
    """Sentence attribution ("X said", "according to X", "This was reported by X"), carried
    through the paragraph and into the next two paragraphs that name nobody; a headline's
    prefix or suffix ("Ministry: ...", "... – Russian MOD"); else the publisher."""
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    with_claims = {sentences[c.sent].para for c in cands}
    wanted = with_claims | {p - 1 for p in with_claims} | {p - 2 for p in with_claims}
    lead_paras = (sentences[0].para if sentences else 0) + 3
    carry = _Carry(publisher, sentences[-1].end if sentences else 0)
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        if sent.para != carry.current_para:
            carry.enter_paragraph(sent.para, s_text)
        context = text[max(0, sent.start - 400) : sent.end]
        attrs = attributions(text, sent) if sent.para in wanted else []
        back_np, relay = speaker_of_sentence_before(s_text, bool(by_sent.get(si)))
        if relay is not None:  # the outlet that relays the report does not speak
            attrs = [a for a in attrs if a.pos >= sent.start + relay]
        if back_np is not None and valid_np(back_np):
            _credit_sentence_before(back_np, by_sent.get(si - 1, []), context, sent.para, carry)
        heading_np = heading_attribution(s_text) if sent.heading else None
        said = _Said(text, sent, attrs, context, heading_np)
        sent_cands = by_sent.get(si, [])
        for c in sent_cands:
            _assign_claimant(said, c, carry)
        explicit = [a for a in attrs if not a.anaphoric]
        _note_lead(sent, sent_cands, bool(explicit) or back_np is not None, lead_paras, carry)
        if not sent.heading:
            _carry_speaker(said, sent_cands, explicit, carry)
    _headline_from_lead(sentences, cands, carry.first_named)
    _settle_subjects(text, cands)


def _credit_sentence_before(
    np: str, prev_cands: list[Cand], context: str, para: int, carry: _Carry
) -> None:
    """ "This was reported by X": X speaks for the figures of the sentence before that name
    nobody, and for what follows."""
    subject = prev_cands[0].subject if prev_cands else None
    name = name_claimant(np, context, subject, carry.memory)
    for c in prev_cands:
        if not c.explicit_claimant:
            c.claimant, c.claimant_text = name, np
            c.explicit_claimant = True
    carry.speaks((name, np), para)
    carry.named.append((name, np))


def _assign_claimant(said: _Said, c: Cand, carry: _Carry) -> None:
    """The claimant of one figure: the attribution closest before it (an anaphor resolved),
    else the headline's speaker, else the paragraph's, else the publisher."""
    chosen = _choose_attribution(said.attrs, c.q_start)
    if chosen and reportedly(said.text[chosen.pos : c.q_start]):
        c.claimant, c.claimant_text = carry.publisher, None
        c.explicit_claimant = True
        return
    if chosen and chosen.anaphoric:
        # "X said ... that the agency estimated": X, named earlier in the sentence
        earlier = [a for a in said.attrs if not a.anaphoric and a.pos < chosen.pos]
        if earlier:
            chosen = earlier[-1]
    if chosen and chosen.anaphoric:
        if _credit_anaphor(said, c, chosen, carry):
            return
        chosen = None
    if chosen:
        _credit_named(said, c, chosen, carry)
    else:
        _credit_unnamed(said, c, carry)


def _credit_anaphor(said: _Said, c: Cand, chosen: Attribution, carry: _Carry) -> bool:
    """ "it said", "the ministry said": whoever the anaphor stands for; False if nobody."""
    who = resolve_anaphor(said.text, said.sent, chosen, carry.para or carry.last)
    if not who:
        return False
    name = name_claimant(who[0], said.context, c.subject, carry.memory)
    c.claimant, c.claimant_text = name if who[1] else who[0], chosen.text
    c.explicit_claimant = True
    return True


def _credit_named(said: _Said, c: Cand, chosen: Attribution, carry: _Carry) -> None:
    """A named speaker: "the president" is the president named before, a bare country the
    last source of its side, else the name the words give."""
    person = role_person(chosen.text, carry.named)
    if person:
        c.claimant, c.claimant_text, c.explicit_claimant = person[0], chosen.text, True
        return
    name = name_claimant(chosen.text, said.context, c.subject, carry.memory)
    name = same_side(name, carry.last)
    c.claimant, c.claimant_text, c.explicit_claimant = name, chosen.text, True


def _credit_unnamed(said: _Said, c: Cand, carry: _Carry) -> None:
    """No speaker in the sentence: the headline's, the publisher's for "reportedly", the
    paragraph's, else the publisher's."""
    if said.heading_np:
        if carry.article_hint is None:
            carry.article_hint = british_hint(said.text[: carry.article_end])
        c.claimant = name_claimant(said.heading_np, carry.article_hint, c.subject, carry.memory)
        c.claimant_text = said.heading_np
        c.explicit_claimant = True
    elif reportedly(said.text[said.sent.start : c.q_start]):
        c.claimant, c.claimant_text = carry.publisher, None
    elif carry.para:
        c.claimant, c.claimant_text = carry.para
    else:
        c.claimant, c.claimant_text = carry.publisher, None


def _note_lead(
    sent: Sentence, sent_cands: list[Cand], names_speaker: bool, lead_paras: int, carry: _Carry
) -> None:
    """Remember who the lead (the first body sentences that name a speaker) says speaks."""
    if carry.first_named is not None or sent.heading or sent.para > lead_paras:
        return
    named_here = [c for c in sent_cands if c.explicit_claimant]
    if named_here:
        carry.first_named = (named_here[0].claimant or "", named_here[0].claimant_text or "")
    elif names_speaker:
        carry.first_named = carry.para


def _carry_speaker(
    said: _Said, sent_cands: list[Cand], explicit: list[Attribution], carry: _Carry
) -> None:
    """After a body sentence: the source it names, or the one its last figure was credited
    to, or (for "it said") the paragraph's, speaks on."""
    para = said.sent.para
    if explicit:
        np = explicit[0].text
        subject = sent_cands[0].subject if sent_cands else None
        person = role_person(np, carry.named)
        if person:
            name = person[0]
        else:
            name = name_claimant(np, said.context, subject, carry.memory)
            name = same_side(name, carry.last)
            carry.named.append((name, np))
        carry.speaks((name, np), para)
    elif sent_cands and sent_cands[-1].explicit_claimant:
        last = sent_cands[-1]
        carry.speaks((last.claimant or carry.publisher, last.claimant_text or ""), para)
    elif any(a.anaphoric for a in said.attrs) and carry.para:
        carry.last, carry.last_para = carry.para, para


def _settle_subjects(text: str, cands: list[Cand]) -> None:
    """A figure whose sentence named no side (or only "the enemy") is the other side's of its
    claimant, unless it is the speaker's own ("1,350 soldiers killed in its ranks")."""
    for c in cands:
        if c.subject not in (None, "enemy"):
            continue
        russian_side = c.claimant in lx.RUSSIAN_CLAIMANTS or (
            c.claimant_text
            and COUNTRY_RU.search(c.claimant_text or "")
            and not COUNTRY_UA.search(c.claimant_text or "")
        )
        own = (
            c.own_side
            or _OWN_RANKS.match(text, c.q_end, min(len(text), c.q_end + 80))
            or _OWN_NP.search(text, c.q_start, c.q_end)
        )
        c.subject = "ukraine" if bool(russian_side) != bool(own) else "russia"


def _headline_from_lead(
    sentences: list[Sentence], cands: list[Cand], lead: tuple[str, str] | None
) -> None:
    """A headline figure nobody is named for is the lead's claim: the headline sums it up."""
    if lead is None:
        return
    for c in cands:
        if sentences[c.sent].heading and not c.explicit_claimant and c.claimant_text is None:
            c.claimant, c.claimant_text = lead


def _choose_attribution(attrs: list[Attribution], pos: int) -> Attribution | None:
    """The closest attribution before the figure, else the first one after it."""
    before = [a for a in attrs if a.pos <= pos]
    if before:
        return before[-1]
    return attrs[0] if attrs else None
