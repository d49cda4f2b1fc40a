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

The stages, each in its own module, run in this order, with frozen data between them
(`reading`): a `Document`, then `Reading`s, then each later stage's decision per reading.

- `read_document` the reading copy, its page furniture (`furniture`), sentences
                (`sentences`) and reference date (`dates`: `first_full_date`, when none was
                published): one frozen `Document` every stage reads;
- `find_readings` the candidate stage: which numbers are loss figures, of what metric, with
                what qualifier (`candidates`, helped by `counts`, `exchanges`,
                `metric_nouns` and `one_figure`), each frozen as a `Reading`;
- `filters`     `drop_rule` names why a figure is no loss claim (denied, forecast,
                civilian, aid, ...); those are dropped;
- then `STAGES`, each returning one decision per reading: `subjects` (whose losses: a
  `Side`), `attribution` (who claims them: a `Credit`; helped by `speakers`,
  `claimant_names`, `references`), `settle` (the side of a figure left without one, from
  its claimant), `periods` (as_of, period, period_start: a `Dating`) and `basis` (what a
  personnel figure counts: a `Counting`);
- `restatements` one claim per figure the article restates.

They share `lexicon` (the vocabulary), `cues` (matchers more than one stage uses), `numbers`,
`rules` (named rules) and `rx` (regex helpers); `trace` records what became of each figure
when asked. Imports point one way: this module imports the stages; a stage never imports
this module, nor a later stage. This module owns making `Claim`s with deterministic ids,
each with the bounds of the sentence its quote stands in (as `sentence_at`, re-exported
from `sentences` for the audit view, reads it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from events.base import mixed_script_word
from events.claims import Claim
from ledger.ingest.attribution import decide_claimants
from ledger.ingest.basis import decide_bases
from ledger.ingest.candidates import find_candidates
from ledger.ingest.claimant_names import clean_name
from ledger.ingest.dates import first_full_date
from ledger.ingest.filters import drop_rule
from ledger.ingest.furniture import furniture_spans
from ledger.ingest.language import unread_language
from ledger.ingest.periods import decide_periods
from ledger.ingest.reading import Credit, Document, Reading, Side, Stage, decide
from ledger.ingest.restatements import merge_restatements
from ledger.ingest.rules import Rule, registry
from ledger.ingest.sentences import sentence_at, sentence_bounds, split_sentences
from ledger.ingest.settle import settle_subjects
from ledger.ingest.subjects import decide_subjects
from ledger.ingest.trace import Trace

__all__ = ["EXTRACTOR_VERSION", "extract_claims", "run", "sentence_at", "story_date"]

EXTRACTOR_VERSION = "2.5.0"
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
    language = unread_language(text)
    if language is not None:
        if trace is not None:
            trace.unread_language = language
        return []  # see `language`: the stages read English only
    doc = read_document(text, publisher=publisher, published=published, fallback=fallback_date)
    found = find_readings(doc)
    dropped = {c.index: r for c in found if (r := drop_rule(doc.text, doc.sentences, c))}
    readings = [c for c in found if c.index not in dropped]
    for _, stage in STAGES:
        readings = decide(readings, stage(doc, readings))
    kept, final = merge_restatements(readings)
    claims, finished = _to_claims(text, kept, article_id, doc)
    if trace is not None:
        trace.text, trace.furniture, trace.sentences = doc.text, list(doc.furniture), doc.sentences
        trace.found, trace.dropped = found, dropped
        trace.merged = {c.index for c in readings} - {c.index for c in kept}
        trace.final = {c.index: c for c in final} | {c.index: c for c, _ in finished}
        trace.claims = {c.index: claim for c, claim in finished}
    return claims


def read_document(
    text: str, *, publisher: str, published: dt.date | None, fallback: dt.date
) -> Document:
    """The text as every stage reads it: its reading copy, furniture and sentences, and the
    date its figures hold as of (the published date, else its byline's, else `fallback`)."""
    read = _reading_copy(text)
    furniture = furniture_spans(read)
    sentences = split_sentences(read, furniture)
    ref_date = published or first_full_date(read, sentences) or fallback
    name = clean_name(publisher) or "unknown"
    return Document(read, tuple(furniture), sentences, ref_date, published is not None, name)


def find_readings(doc: Document) -> list[Reading]:
    """The candidate stage: each loss figure of the text (`candidates`), as a `Reading`."""
    return [Reading.found(i, c) for i, c in enumerate(find_candidates(doc.text, doc.sentences))]


# The stages after the candidate stage and the filters, in order: each reads the readings
# so far and decides one thing about each (see `reading`).
STAGES: tuple[tuple[str, Stage], ...] = (
    ("subjects", decide_subjects),
    ("attribution", decide_claimants),
    ("settle", settle_subjects),
    ("periods", decide_periods),
    ("basis", decide_bases),
)


# Characters the stages read as the one each maps to (one for one, so every span found in the
# reading copy is the same span of the text): the rarer dashes and minus signs.
_READ_AS = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "–", "\u2015": "—", "\u2212": "-"}
)
_READ_AS_CHARS = tuple(chr(k) for k in _READ_AS)  # (a text without them is read as it is)
_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
COUNT_POINT = Rule(
    "count-point",
    'A full stop after a count that its sentence goes on past ("25 thousand. were killed": '
    "an abbreviation's point, as translations keep it): read as a space.",
    # the point first (a literal the engine scans for), then what stands before it
    re.compile(r"\.(?:(?<=\d\.)|(?<=\bthousand\.)|(?<=\bmillion\.))(?= [a-z])"),
    "of which 25 thousand. were killed",
    "lost 400 tanks. Killed were",
)
READING_RULES = registry(COUNT_POINT)


def _reading_copy(text: str) -> str:
    """The text as the stages read it, of the same length: the rarer dashes as "-", "–" or
    "—", line ends as "\\n" ("\\r\\n" as " \\n", a lone "\\r" as "\\n"), and the point
    of an abbreviated count that its sentence goes on past as a space."""
    read = text.translate(_READ_AS) if any(ch in text for ch in _READ_AS_CHARS) else text
    if "\r" in read:
        read = _CR_BEFORE_LF.sub(" ", read).replace("\r", "\n")
    return COUNT_POINT.pattern.sub(" ", read) if ". " in read else read


# --- claims and ids ------------------------------------------------------------------------


def _to_claims(
    text: str, kept: list[Reading], article_id: str, doc: Document
) -> tuple[list[Claim], list[tuple[Reading, Claim]]]:
    """The claims of the kept readings, with deterministic ids, and each reading as it
    finally stands beside its claim (a homoglyph claimant or no side decided last)."""
    out: list[Claim] = []
    finished: list[tuple[Reading, Claim]] = []
    seen: dict[str, int] = {}
    publisher = doc.publisher
    # the sentences `sentence_at` reads: the document's own when they were cut from the very
    # text with no furniture (the same call)
    same = not doc.furniture and doc.text == text
    plain = (doc.sentences if same else split_sentences(text, [])) if kept else []
    for c in kept:
        quote = text[c.q_start : c.q_end]
        if not quote.strip() or len(quote) > 2000 or c.q_end <= c.q_start:
            continue
        claimant = clean_name(c.claimant) or publisher
        claimant_text = clean_name(c.claimant_text) or None
        if mixed_script_word(claimant) or (claimant_text and mixed_script_word(claimant_text)):
            # a homoglyph ("Generаl Staff" with a Cyrillic "а") names nobody we can trust
            claimant, claimant_text = publisher, None
            c = c.decided(Credit(publisher, None, c.explicit_claimant, "homoglyph-names-nobody"))
        subject = c.subject if c.subject and _SUBJECT.fullmatch(c.subject) else "russia"
        if subject != c.subject:
            c = c.decided(Side(c.subject, c.own_side, "no-side-named-russia"))
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
        finished.append((c, out[-1]))
    return out, finished
