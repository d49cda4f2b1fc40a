"""Period dates: the day each figure holds as of, and the rule that chose it.

Owns `AsOf` (the dates each sentence names, read once, the last as_of date of each
paragraph and of each claimant's report, and the article's own date) and
`REPORT_GOES_ON`. A figure holds as of the last date its sentence names that starts no
period ("sentence-date"), else its paragraph's ("paragraph-date"), else, when its sentence
goes on with a report dated in a paragraph just before ("According to the report, Russia
has also lost ..."), that report's date ("carried-from-report"), else the date its
claimant's report gave an earlier figure of the article ("claimants-report-date": one
report, one date), else the article's date: the published date ("published-date"), the
first full date of the story ("report-date") or the fallback ("fallback-date"). Never after
the published date. Imports: `dates`, `rules`, `rx`, `sentences`.
"""

from __future__ import annotations

import datetime as dt
import re

from ledger.ingest.dates import DatedAt, dates_in, first_full_date
from ledger.ingest.rules import Rule, registry, words
from ledger.ingest.rx import guarded
from ledger.ingest.sentences import Sentence

REPORT_GOES_ON = Rule(
    "carried-from-report",
    'A sentence going on with a report told just before ("According to the report, it also '
    'lost ...", "The losses include ..."): the report\'s date, not the article\'s.',
    guarded(
        r"\b(?:also|includ(?:e|es|ed|ing)|in addition|of these|furthermore|"
        r"according to the (?:report|post|update|list|figures|data|statement|briefing|ministry)|"
        r"the (?:report|post|update|list|briefing|statement) (?:said|says|added|adds|also))\b",
        re.I,
    ),
    "According to the report, Russia lost 40 tanks",
    "According to Reuters, Russia lost 40 tanks",
    words("also|includ|in addition|of these|furthermore|according to the|the "),
)
DATE_CARRIERS = registry(REPORT_GOES_ON)


class AsOf:
    """The dates each sentence names (read once), and the last as_of date of each
    paragraph."""

    def __init__(
        self, text: str, sentences: list[Sentence], ref: dt.date, has_published: bool
    ) -> None:
        self.text = text
        self.ref = ref
        self.has_published = has_published
        self.sent_dates: dict[int, list[DatedAt]] = {}
        self.para_date: dict[int, dt.date] = {}
        self.claimant_date: dict[str, dt.date] = {}  # the date each claimant's report gives
        if has_published:
            self.ref_rule = "published-date"
        elif first_full_date(text, sentences) == ref:
            self.ref_rule = "report-date"
        else:
            self.ref_rule = "fallback-date"

    def dates(self, si: int, sent: Sentence) -> list[DatedAt]:
        """The dates of sentence `si` (the same list each time: cue memos key on it)."""
        if si not in self.sent_dates:
            found = self.sent_dates[si] = dates_in(self.text, sent.start, sent.end, self.ref)
            ends = [d for _, d, st in found if not st]
            if ends:
                self.para_date[sent.para] = ends[-1]
        return self.sent_dates[si]

    def as_of(
        self, sent: Sentence, dates: list[DatedAt], q_start: int, claimant: str | None
    ) -> tuple[dt.date, str]:
        """The date a figure (its quote starting at `q_start`, claimed by `claimant`) holds
        as of, and the rule's name (see the module's docstring)."""
        as_of_dates = [d for _, d, st in dates if not st]
        if as_of_dates:
            found, rule = as_of_dates[-1], "sentence-date"
        elif sent.para in self.para_date:
            found, rule = self.para_date[sent.para], "paragraph-date"
        else:
            found, rule = self._carried(sent, q_start, claimant)
        if found > self.ref and self.has_published:
            return self.ref, "published-date"
        if claimant and rule in ("sentence-date", "paragraph-date"):
            self.claimant_date[claimant] = found
        return found, rule

    def _carried(self, sent: Sentence, q_start: int, claimant: str | None) -> tuple[dt.date, str]:
        """The date of the report the sentence goes on with, else the article's."""
        if REPORT_GOES_ON.search(self.text, sent.start, max(sent.start, q_start)):
            for back in (1, 2):
                found = self.para_date.get(sent.para - back)
                if found is not None:
                    return found, REPORT_GOES_ON.name
        if claimant and claimant in self.claimant_date:
            return self.claimant_date[claimant], "claimants-report-date"
        return self.ref, self.ref_rule
