"""The claim extractor: a pure, versioned function from an article's text to its loss claims.

Owns `extract_claims` (and `run`: the same, recording a `Trace` of what became of each
figure for `explain`), `story_date` (the date a text dates itself with, its figures' reference
when none was published) and `EXTRACTOR_VERSION`, and orchestrates the stages. Rules, not
models: a number becomes a claim when a metric noun from the lexicon names what it counts and
its sentence speaks of losses; the sentence (and its paragraph) give the claimant, the
subject, the qualifier and the period. Numbers in page furniture (see `furniture.py`) are
skipped. Deterministic, no I/O, no clock.

A text the stages cannot read (mostly Cyrillic letters: see `language`) gives no claims. The
stages read a copy of the text of the same length (`_reading_copy`: the rarer dashes and
minus signs as "-", "–" or "—", every line end as a newline, a count's abbreviation point
as a space: `COUNT_POINT`); quotes are cut from the text itself.

The stages, each in its own module, are called in this order, each making or filling in
`Cand`s (from `cand`: a claim in the making):

- `furniture`   the spans of page furniture (sidebars, newsletter boxes, captions);
- `sentences`   split the text into sentences (furniture-aware);
- `dates`       the reference date (`first_full_date`) when none was published;
- `candidates`  which numbers are loss figures, of what metric, with what qualifier
                (helped by `counts`, `exchanges`, `metric_nouns` and `one_figure`);
- `filters`     `keep` drops denied, forecast, civilian and other non-loss figures;
- `subjects`    whose losses;
- `attribution` who claims them (helped by `speakers`, `claimant_names`, `references`);
- `periods`     as_of, period and period_start (helped by `period_cues`, `dates`);
- `basis`       what a personnel figure counts (killed, wounded, both, ...).

They share `lexicon` (the vocabulary), `cues` (matchers more than one stage uses), `numbers`,
`rules` (named rules) and `rx` (regex helpers); `trace` records what became of each figure
when asked. Imports point one way: this module imports the stages; a stage never imports
this module, nor a later stage. This module owns what comes after the stages:
merging restatements and making `Claim`s with deterministic ids, each with the bounds of
the sentence its quote stands in (as `sentence_at`, re-exported from `sentences` for the
audit view, reads it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from events.base import mixed_script_word
from events.claims import Claim
from ledger.ingest.attribution import assign_claimants
from ledger.ingest.basis import assign_bases
from ledger.ingest.cand import Cand
from ledger.ingest.candidates import find_candidates
from ledger.ingest.claimant_names import clean_name
from ledger.ingest.dates import first_full_date
from ledger.ingest.filters import drop_rule, keep
from ledger.ingest.furniture import furniture_spans
from ledger.ingest.language import unread_language
from ledger.ingest.periods import assign_periods
from ledger.ingest.rules import Rule, registry
from ledger.ingest.sentences import sentence_at, sentence_bounds, split_sentences
from ledger.ingest.subjects import assign_subjects
from ledger.ingest.trace import Trace

__all__ = ["EXTRACTOR_VERSION", "extract_claims", "run", "sentence_at", "story_date"]

EXTRACTOR_VERSION = "2.3.0"
_SUBJECT = re.compile(r"[a-z][a-z0-9_ .-]{0,59}")


def extract_claims(
    text: str,
    *,
    article_id: str,
    publisher: str,
    published: dt.date | None,
    fallback_date: dt.date,
) -> list[Claim]:
    """The loss claims in `text`, in text order, with deterministic ids; never raises."""
    return run(
        text,
        article_id=article_id,
        publisher=publisher,
        published=published,
        fallback_date=fallback_date,
    )


def story_date(text: str) -> dt.date | None:
    """The date the story dates itself with (a byline or dateline: `first_full_date`), the
    reference of its figures when no date was published; None for a text that gives none
    (or that the stages cannot read)."""
    if not isinstance(text, str) or not text.strip() or unread_language(text) is not None:
        return None
    read = _reading_copy(text)
    return first_full_date(read, split_sentences(read, furniture_spans(read)))


def run(
    text: str,
    *,
    article_id: str,
    publisher: str,
    published: dt.date | None,
    fallback_date: dt.date,
    trace: Trace | None = None,
) -> list[Claim]:
    """`extract_claims`, recording in `trace` (when given) what became of each figure."""
    if not isinstance(text, str) or not text.strip():
        return []
    publisher_name = clean_name(publisher) or "unknown"
    language = unread_language(text)
    if language is not None:
        if trace is not None:
            trace.unread_language = language
        return []  # see `language`: the stages read English only
    read = _reading_copy(text)
    furniture = furniture_spans(read)
    sentences = split_sentences(read, furniture)
    ref_date = published or first_full_date(read, sentences) or fallback_date
    found = find_candidates(read, sentences)
    if trace is None:
        cands = [c for c in found if keep(read, sentences, c)]
    else:
        trace.text, trace.furniture, trace.found = read, list(furniture), list(found)
        trace.sentences = sentences
        cands = []
        for c in found:
            rule = drop_rule(read, sentences, c)
            if rule is None:
                cands.append(c)
            else:
                trace.dropped[id(c)] = rule
    assign_subjects(read, sentences, cands)
    assign_claimants(read, sentences, cands, publisher_name)
    assign_periods(read, sentences, cands, ref_date, published is not None)
    assign_bases(read, sentences, cands)
    kept = _merge_restatements(cands)
    if trace is not None:
        survivors = {id(c) for c in kept}
        trace.merged = {id(c) for c in cands if id(c) not in survivors}
    return _to_claims(text, kept, article_id, publisher_name, trace)


# Characters the stages read as the one each maps to (one for one, so every span found in the
# reading copy is the same span of the text): the rarer dashes and minus signs.
_READ_AS = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2015": "—", "\u2212": "-"}
)
_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
COUNT_POINT = Rule(
    "count-point",
    'A full stop after a count that its sentence goes on past ("25 thousand. were killed": '
    "an abbreviation's point, as translations keep it): read as a space.",
    re.compile(r"(?:(?<=\d)|(?<=\bthousand)|(?<=\bmillion))\.(?= [a-z])"),
    "of which 25 thousand. were killed",
    "lost 400 tanks. Killed were",
)
READING_RULES = registry(COUNT_POINT)


def _reading_copy(text: str) -> str:
    """The text as the stages read it, of the same length: the rarer dashes as "-", "–" or
    "—", line ends as "\\n" ("\\r\\n" as " \\n", a lone "\\r" as "\\n"), and the point
    of an abbreviated count that its sentence goes on past as a space."""
    read = _CR_BEFORE_LF.sub(" ", text.translate(_READ_AS)).replace("\r", "\n")
    return COUNT_POINT.pattern.sub(" ", read) if ". " in read else read


# --- merging and ids ---------------------------------------------------------------------


def _figure(c: Cand) -> tuple[str, str, int]:
    """What a figure counts: (subject, metric, value)."""
    return (c.subject or "russia", c.metric, c.value)


def _merge_restatements(cands: list[Cand]) -> list[Cand]:
    """One claim per (subject, metric, value, period, qualifier) — a share ("another two
    over Bryansk") is always its own — and a body mention beats a headline one.
    A headline figure restated in the body is the body's claim, whatever period the headline's
    own words suggest (the body says more: its qualifier, period and claimant win)."""
    body: dict[tuple[str, str, int], Cand] = {}
    for c in cands:
        if not c.heading:
            body.setdefault(_figure(c), c)
    chosen: dict[tuple[object, ...], Cand] = {}
    # A body figure restated by another named source ("CSIS says 40,000 ... the UK says
    # 40,000") is that source's own claim: kept beside the first.
    named: dict[tuple[object, ...], set[str]] = {}
    also: set[int] = set()
    for c in cands:
        if c.heading and _figure(c) in body:
            _lend_claimant(c, body[_figure(c)])
            continue
        key: tuple[object, ...] = (*_figure(c), c.period or "cumulative", c.qualifier)
        if c.part and not c.heading:
            key = (*key, str(c.q_start))  # a share ("another nine over Tula") is its own
        old = chosen.get(key)
        if old is not None and not old.heading and not c.heading:
            # one sentence never restates its own figure ("nine over A, another nine over B")
            if old.sent == c.sent or _restated_by_another(c, old, named[key]):
                also.add(id(c))
            continue
        if old is None or (old.heading and not c.heading):
            chosen[key] = c
            named[key] = {(c.claimant or "").casefold()}
            if old is not None:
                # the headline named who speaks ("General Staff: ..."), the body did not
                _lend_claimant(old, c)
    kept = {id(c) for c in chosen.values()} | also
    return [c for c in cands if id(c) in kept]


def _lend_claimant(source: Cand, target: Cand) -> None:
    """`target` merges `source` in: it takes the claimant `source` names when it names none."""
    if source.explicit_claimant and not target.explicit_claimant:
        target.claimant, target.claimant_text = source.claimant, source.claimant_text
        target.why["claimant"] = "restatement-names-speaker"


def _restated_by_another(c: Cand, old: Cand, names: set[str]) -> bool:
    """Whether body figure `c`, restating `old`, is the claim of another named source (kept
    beside it; `names` holds the sources so far). Else `c` merges into `old`, lending it its
    source when `old` names nobody (a bullet or lead restated with its source later on)."""
    who = (c.claimant or "").casefold()
    if c.explicit_claimant and old.explicit_claimant and who not in names:
        names.add(who)
        return True
    if c.explicit_claimant and not old.explicit_claimant and old.claimant_text is None:
        old.claimant, old.claimant_text = c.claimant, c.claimant_text
        old.explicit_claimant = True
        old.why["claimant"] = "restatement-names-speaker"
    return False


def _to_claims(
    text: str, cands: list[Cand], article_id: str, publisher: str, trace: Trace | None
) -> list[Claim]:
    out: list[Claim] = []
    seen: dict[str, int] = {}
    plain = split_sentences(text, []) if cands else []  # the sentences `sentence_at` reads
    for c in cands:
        quote = text[c.q_start : c.q_end]
        if not quote.strip() or len(quote) > 2000 or c.q_end <= c.q_start:
            continue
        claimant = clean_name(c.claimant) or publisher
        claimant_text = clean_name(c.claimant_text) or None
        if mixed_script_word(claimant) or (claimant_text and mixed_script_word(claimant_text)):
            # a homoglyph ("Generаl Staff" with a Cyrillic "а") names nobody we can trust
            claimant, claimant_text = publisher, None
            c.why["claimant"] = "homoglyph-names-nobody"
        subject = c.subject if c.subject and _SUBJECT.fullmatch(c.subject) else "russia"
        if subject != c.subject:
            c.why["subject"] = "no-side-named-russia"
        as_of = c.as_of or dt.date(1970, 1, 1)
        parts = [
            article_id,
            claimant,
            subject,
            c.metric,
            c.period or "cumulative",
            str(c.period_start),
            str(as_of),
        ]
        base = "|".join(parts)
        k = seen.get(base, 0)
        seen[base] = k + 1
        digest = hashlib.sha256(f"{base}|{k}".encode("utf-8", "surrogatepass")).hexdigest()[:16]
        out.append(
            Claim(
                claim_id=f"c_{digest}",
                claimant=claimant,
                claimant_text=claimant_text,
                publisher=publisher,
                subject=subject,
                metric=c.metric,
                value=c.value,
                qualifier=c.qualifier,
                period=c.period or "cumulative",
                period_start=c.period_start,
                as_of=as_of,
                quote=quote,
                span=(c.q_start, c.q_end),
                sentence=sentence_bounds(plain, (c.q_start, c.q_end)),
                basis=c.basis if c.metric == "personnel" else None,
            )
        )
        if trace is not None:
            trace.claims[id(c)] = out[-1]
    return out
