"""Attribution: who claims each figure.

Owns `decide_claimants`, the attribution stage: each figure's `Credit` from the speakers its
sentence names (`speakers`; the closest before the figure, the source rather than an outlet
quoting it, an anaphor resolved to whom it stands for, "the president" to the president
named before, "the defence minister" to the minister the article names, a spokesman with his
body), a sentence after it that names its speaker ("This was reported by X"), a headline's
prefix or suffix, a body the sentence opens with ("The Air Force shot down ..."), the source
carried through the paragraph and the next two that name nobody (an outlet relaying it does
not take over), the last source named before, else the publisher; then, for the whole
article (`article_claimants`), the lead's source for the headline and lead figures told
before it, one body per side for a bare "Moscow", and an unnamed official the next sentence
names, that person. It decides by passes over every figure, on working copies (`Cand`) that
nothing outside it sees; each credit names its rule. Imports: `article_claimants`,
`attribution_carry`, `cand`, `claimant_names`, `cues`, `headline_source`, `list_leads`,
`list_shape`, `local_officials`, `quote_speakers`, `post_signatures`, `reading`,
`references`, `relays`, `rx`, `sentences`, `speakers`, `surnames`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ledger.ingest.article_claimants import (
    FIRST_PERSON,
    credit_lead,
    credit_source_line,
    name_the_official,
    one_body_per_side,
)
from ledger.ingest.attribution_carry import Carry
from ledger.ingest.cand import Cand
from ledger.ingest.claimant_names import british_hint, name_claimant, valid_np
from ledger.ingest.headline_source import credit_headline_source
from ledger.ingest.list_leads import list_lead_attributions
from ledger.ingest.list_shape import is_list_row
from ledger.ingest.local_officials import OFFICE_ONLY, local_official
from ledger.ingest.post_signatures import credit_signed_posts
from ledger.ingest.quote_speakers import closing_speaker
from ledger.ingest.reading import Credit, Document, Reading
from ledger.ingest.references import (
    MINISTER_BY_OFFICE,
    SPOKESMAN_OF_BODY,
    minister_named,
    relayed,
    resolve_anaphor,
    role_person,
    same_side,
    source_over_outlet,
    spokesman_of,
    subject_body,
)
from ledger.ingest.relays import credit_relayed_sources
from ledger.ingest.sentences import Sentence
from ledger.ingest.speakers import (
    Attribution,
    attributions,
    heading_attribution,
    reportedly,
    speaker_of_sentence_before,
)
from ledger.ingest.surnames import full_names


@dataclass(frozen=True, slots=True)
class _Said:
    """What one sentence says about who speaks."""

    text: str  # the article
    sent: Sentence
    attrs: list[Attribution]
    context: str  # the sentence and the 400 characters before it
    heading_np: str | None  # the speaker a headline names
    s_text: str  # the sentence's text


def decide_claimants(doc: Document, readings: Sequence[Reading]) -> list[Credit]:
    """Each figure's claimant: sentence attribution ("X said", "according to X", "This was
    reported by X"), carried through the paragraph and into the next two paragraphs that name
    nobody; a headline's prefix or suffix ("Ministry: ...", "... – Russian MOD"); else the
    publisher. Decided by passes over the whole article, on working copies."""
    cands = [r.working() for r in readings]
    assign_claimants(doc.text, doc.sentences, cands, doc.publisher)
    return [Credit.of(c) for c in cands]


def assign_claimants(
    text: str, sentences: list[Sentence], cands: list[Cand], publisher: str
) -> None:
    """The passes of `decide_claimants`: they set the claimant fields of working copies."""
    by_sent: dict[int, list[Cand]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    with_claims = {sentences[c.sent].para for c in cands}
    wanted = with_claims | {p - 1 for p in with_claims} | {p - 2 for p in with_claims}
    lead_paras = (sentences[0].para if sentences else 0) + 5
    carry = Carry(publisher, sentences[-1].end if sentences else 0)
    for si, sent in enumerate(sentences):
        s_text = text[sent.start : sent.end]
        if sent.para != carry.current_para:
            carry.enter_paragraph(sent.para, s_text)
        context = text[max(0, sent.start - 400) : sent.end]
        attrs = attributions(text, sent) if sent.para in wanted else []
        if not attrs and by_sent.get(si) and (quoted := closing_speaker(text, sentences, si)):
            attrs = [quoted]  # '"... 40 drones. ...," the ministry said': the ministry
        if sent.para in wanted and not attrs:  # "The General Staff's figures: ..."
            attrs = list_lead_attributions(text, sent)
        back_np, relay = speaker_of_sentence_before(s_text, bool(by_sent.get(si)))
        if relay is not None:  # the outlet that relays the report does not speak
            attrs = [a for a in attrs if a.pos >= sent.start + relay]
        if back_np is not None and valid_np(back_np):
            _credit_sentence_before(back_np, by_sent.get(si - 1, []), context, sent.para, carry)
        heading_np = (
            heading_attribution(s_text) if sent.heading and not is_list_row(s_text) else None
        )
        said = _Said(text, sent, attrs, context, heading_np, s_text)
        sent_cands = by_sent.get(si, [])
        for c in sent_cands:
            _assign_claimant(said, c, carry)
        explicit = [a for a in attrs if not a.anaphoric]
        before = carry.para
        if not sent.heading:
            _carry_speaker(said, sent_cands, explicit, carry)
        names = (bool(explicit), back_np is not None)
        _note_lead(sent, sent_cands, names, (lead_paras, before), carry)
    credit_lead(sentences, cands, carry.first_named, carry.first_named_at)
    credit_source_line(text, cands, publisher)
    credit_relayed_sources(text, sentences, cands)
    credit_signed_posts(text, sentences, cands, publisher)
    full_names(text, sentences, cands)
    credit_headline_source(text, sentences, cands, publisher)
    one_body_per_side(text, cands)
    name_the_official(cands, text, sentences)


def _credit_sentence_before(
    np: str, prev_cands: list[Cand], context: str, para: int, carry: Carry
) -> None:
    """ "This was reported by X": X speaks for the figures of the sentence before that name
    nobody, and for what follows."""
    subject = prev_cands[0].subject if prev_cands else None
    name = name_claimant(np, context, subject, carry.memory)
    for c in prev_cands:
        if not c.explicit_claimant:
            c.claimant, c.claimant_text = name, np
            c.explicit_claimant = True
            c.why["claimant"] = "named-in-next-sentence"
    carry.speaks((name, np), para)
    carry.named.append((name, np))


def _assign_claimant(said: _Said, c: Cand, carry: Carry) -> None:
    """The claimant of one figure: the attribution closest before it (an anaphor resolved),
    else the headline's speaker, else the paragraph's, else the publisher."""
    chosen = _choose_attribution(said.attrs, c.q_start)
    source = source_over_outlet(said.attrs, chosen) if chosen else None
    chosen = source or chosen
    if chosen and reportedly(said.text[chosen.pos : c.q_start]):
        c.claimant, c.claimant_text = carry.publisher, None
        c.explicit_claimant = True
        c.why["claimant"] = "reportedly-publisher"
        return
    s_text = said.s_text
    if (
        chosen
        and not chosen.anaphoric
        and carry.para
        and relayed(chosen.text, s_text, carry.para, carry.publisher)
    ):
        c.claimant, c.claimant_text = carry.para
        c.explicit_claimant = True
        c.why["claimant"] = "relay-continuation"
        return
    if chosen and chosen.anaphoric:
        # "X said ... that the agency estimated": X, named earlier in the sentence
        earlier = [a for a in said.attrs if not a.anaphoric and a.pos < chosen.pos]
        if earlier:
            chosen = earlier[-1]
        elif FIRST_PERSON.pattern.match(chosen.text):
            # '"We estimate 100,000 losses," X told reporters': X, named after the quote
            later = [a for a in said.attrs if not a.anaphoric and a.pos > chosen.pos]
            chosen = later[0] if later else chosen
    if chosen and chosen.anaphoric:
        if _credit_anaphor(said, c, chosen, carry):
            return
        chosen = None
    if chosen:
        _credit_named(said, c, chosen, carry)
    else:
        _credit_unnamed(said, c, carry)


def _credit_anaphor(said: _Said, c: Cand, chosen: Attribution, carry: Carry) -> bool:
    """ "it said", "the ministry said": whoever the anaphor stands for; False if nobody."""
    who = resolve_anaphor(said.text, said.sent, chosen, carry.para or carry.last)
    if not who:
        return False
    name = name_claimant(who[0], said.context, c.subject, carry.memory)
    c.claimant, c.claimant_text = name if who[1] else who[0], chosen.text
    c.explicit_claimant = True
    c.why["claimant"] = "anaphor"
    return True


def _credit_named(said: _Said, c: Cand, chosen: Attribution, carry: Carry) -> None:
    """A named speaker: "the president" is the president named before, a bare country the
    last source of its side, else the name the words give."""
    person = role_person(chosen.text, carry.named)
    minister = None if person else minister_named(chosen.text, said.text, chosen.pos)
    local = None if person or minister else local_official(chosen.text, said.text, chosen.pos)
    if person or minister or local:
        c.claimant = person[0] if person else minister or local
        c.claimant_text, c.explicit_claimant = chosen.text, True
        c.why["claimant"] = (
            "role-person" if person else MINISTER_BY_OFFICE.name if minister else OFFICE_ONLY.name
        )
        return
    before = said.text[max(said.sent.start, chosen.pos - 200) : chosen.pos]
    spokesman = None
    if "spokes" in before:
        earlier = [a.text for a in said.attrs if not a.anaphoric and a.pos < chosen.pos]
        spokesman = spokesman_of(before, chosen.text, earlier)
    name = spokesman or name_claimant(chosen.text, said.context, c.subject, carry.memory)
    name = same_side(name, carry.last)
    c.claimant, c.claimant_text, c.explicit_claimant = name, chosen.text, True
    c.why["claimant"] = "sentence-speaker" if chosen.pos <= c.q_start else "speaker-after"
    if spokesman:
        c.why["claimant"] = SPOKESMAN_OF_BODY.name


def _credit_unnamed(said: _Said, c: Cand, carry: Carry) -> None:
    """No speaker in the sentence: the headline's, the publisher's for "reportedly", the
    paragraph's, else the last source named (however far back), else the publisher's."""
    if said.heading_np:
        if carry.article_hint is None:
            carry.article_hint = british_hint(said.text[: carry.article_end])
        c.claimant = name_claimant(said.heading_np, carry.article_hint, c.subject, carry.memory)
        c.claimant_text = said.heading_np
        c.explicit_claimant = True
        c.why["claimant"] = "headline-speaker"
    elif reportedly(said.text[said.sent.start : c.q_start]) and not _source_here(carry):
        c.claimant, c.claimant_text = carry.publisher, None
        c.why["claimant"] = "reportedly-publisher"
    elif body := subject_body(said.text[said.sent.start : min(c.q_start, said.sent.start + 200)]):
        c.claimant, c.claimant_text, c.explicit_claimant = body, body, True
        c.why["claimant"] = "subject-body"
    elif who := carry.para or carry.last:  # the outlet speaks only when nobody else is named
        c.claimant, c.claimant_text = who
        c.why["claimant"] = "paragraph-carry" if carry.para else "article-carry"
    else:
        c.claimant, c.claimant_text = carry.publisher, None
        c.why["claimant"] = "publisher-fallback"


def _source_here(carry: Carry) -> bool:
    """Whether a source was named in this very paragraph: its "reportedly" goes on with it."""
    return carry.para is not None and carry.last_para == carry.current_para


def _note_lead(
    sent: Sentence,
    sent_cands: list[Cand],
    names: tuple[bool, bool],
    lead: tuple[int, tuple[str, str] | None],
    carry: Carry,
) -> None:
    """Remember who the lead (the first body sentences that name a speaker) says speaks, and
    (in `first_named_at`) where, when it names the speaker of figures: its own, or the
    sentence before's ("X said this"), or the next sentence's, carried from it ("X quoted the
    ministry: ..."); -1 when it names a speaker of nothing counted."""
    if carry.first_named_at < -1 and carry.first_named is not None:  # named, figures next
        carried = [c for c in sent_cands if c.why.get("claimant") == "paragraph-carry"]
        if carried and carried[0].claimant == carry.first_named[0]:
            carry.first_named_at = -carry.first_named_at - 2
        else:  # it named the speaker of nothing counted: the lead has not named one yet
            carry.first_named, carry.first_named_at = None, -1
    lead_paras, before = lead  # how far the lead goes; who spoke before the sentence
    if carry.first_named is not None or sent.heading or sent.para > lead_paras:
        return
    named_here = [c for c in sent_cands if c.explicit_claimant]
    explicit, backward = names
    if named_here:
        carry.first_named = (named_here[0].claimant or "", named_here[0].claimant_text or "")
    elif explicit or backward:
        carry.first_named = before
    carry.first_named_at = sent.start if named_here or backward else -1
    if explicit and not named_here and not backward and sent.para <= lead_paras - 4:
        carry.first_named = carry.para  # the lead's figures may follow it
        carry.first_named_at = -sent.start - 2


def _carry_speaker(
    said: _Said, sent_cands: list[Cand], explicit: list[Attribution], carry: Carry
) -> None:
    """After a body sentence: the source it names, or the one its last figure was credited
    to, or (for "it said") the paragraph's, speaks on."""
    para = said.sent.para
    s_text = said.s_text
    if explicit and relayed(explicit[0].text, s_text, carry.para, carry.publisher):
        carry.last_para = para  # the outlet relays: the source it relays speaks on
    elif explicit:
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


def _choose_attribution(attrs: list[Attribution], pos: int) -> Attribution | None:
    """The closest attribution before the figure, else the first one after it."""
    before = [a for a in attrs if a.pos <= pos]
    if before:
        return before[-1]
    return attrs[0] if attrs else None
