"""Finding claims by what they say: `claims search` ("who else reported 407,240?").

Owns: `Tolerance` (how far a value may be from the one asked for: a number, or a percentage
of it; `parse_tolerance`), `Query` (the criteria, checked by `make_query`), `search` (pure:
claim rows and article rows in, the matching claims out, sorted by as_of then position),
`describe` (a query in words, for the line that says nothing matched) and `find` (a query over
a session's read models, as the log stands or stood at a position). Reads only.
Names (claimant, publisher) match case-insensitively, through their aliases; words match
anywhere in the quote or the article's title, case-insensitively, all of them.
Imports: `ledger.app.results`, `ledger.app.session`, `ledger.projections`, `ledger.errors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, TypedDict, cast

from ledger.app.matching import matches
from ledger.app.results import PublicClaim, public_claim
from ledger.app.session import Session, iso_date, known_metric
from ledger.errors import InvalidInput, NoMatch, NotFound
from ledger.projections import ArticleRow, ClaimRow, resolve

_AMOUNT = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far a claim's value may be from the value asked for: `amount` itself, or (when
    `percent`) that percentage of the value asked for. Exact arithmetic: no float edge."""

    amount: Fraction = Fraction(0)
    percent: bool = False

    def allows(self, value: int, target: int) -> bool:
        """Whether `value` is within the tolerance of `target` (bounds included)."""
        gap = abs(value - target)
        if self.percent:
            return gap * 100 <= self.amount * target
        return gap <= self.amount

    def __str__(self) -> str:
        number = f"{float(self.amount):g}" if self.amount.denominator != 1 else str(self.amount)
        return f"{number}%" if self.percent else number


def parse_tolerance(text: str | None) -> Tolerance:
    """Read `--tolerance`: a whole or decimal number (`500`, `2.5`) or a percentage (`1%`)."""
    if text is None:
        return Tolerance()
    spelled = text.strip()
    percent = spelled.endswith("%")
    number = spelled[:-1].strip() if percent else spelled
    if not _AMOUNT.fullmatch(number):
        raise InvalidInput(f"--tolerance must be a number >= 0 or a percentage (1%), got {text!r}")
    return Tolerance(Fraction(number), percent)


@dataclass(frozen=True, slots=True)
class Query:
    """What `claims search` looks for; every criterion given must hold."""

    value: int | None = None
    tolerance: Tolerance = field(default_factory=Tolerance)
    words: tuple[str, ...] = ()
    claimant: str | None = None
    publisher: str | None = None
    metric: str | None = None
    subject: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


def make_query(
    *,
    value: int | None = None,
    tolerance: str | None = None,
    text: str | None = None,
    claimant: str | None = None,
    publisher: str | None = None,
    metric: str | None = None,
    subject: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> Query:
    """Check the criteria a user gave and return them as a `Query` (InvalidInput if not)."""
    words = tuple(text.casefold().split()) if text is not None else ()
    if text is not None and not words:
        raise InvalidInput("--text needs at least one word")
    if tolerance is not None and value is None:
        raise InvalidInput("--tolerance needs --value")
    given = (value, claimant, publisher, metric, subject, since, until)
    if not words and all(criterion is None for criterion in given):
        raise InvalidInput(
            "give at least one of --value, --text, --claimant, --publisher, --metric, "
            "--subject, --since, --until"
        )
    if value is not None and value < 0:
        raise InvalidInput(f"--value must be >= 0, got {value}")
    if limit is not None and limit < 1:
        raise InvalidInput(f"--limit must be >= 1, got {limit}")
    since, until = iso_date(since, "--since"), iso_date(until, "--until")
    if since is not None and until is not None and since > until:
        raise InvalidInput(f"--since {since} is after --until {until}")
    return Query(
        value=value,
        tolerance=parse_tolerance(tolerance),
        words=words,
        claimant=claimant,
        publisher=publisher,
        metric=known_metric(metric) if metric is not None else None,
        subject=subject,
        since=since,
        until=until,
        limit=limit,
    )


class FoundArticle(TypedDict):
    """The article a found claim was read from."""

    article_id: str
    title: str
    publisher: str | None
    published: str | None
    url: str | None


class Found(PublicClaim, total=False):
    """A claim that matched (its `public_claim` fields, status included), and its article."""

    article: FoundArticle | None


def search(
    claims: Iterable[ClaimRow],
    articles: Mapping[str, ArticleRow],
    query: Query,
    *,
    claimant_aliases: Mapping[str, str] | None = None,
    publisher_aliases: Mapping[str, str] | None = None,
) -> list[Found]:
    """Return the claims that meet every criterion of `query`, each with its article, sorted
    by as_of, then position (then id), at most `query.limit` of them."""
    claimants = _folded(claimant_aliases)
    publishers = _folded(publisher_aliases)
    wanted_claimant = _canonical(query.claimant, claimants)
    wanted_publisher = _canonical(query.publisher, publishers)
    subject = query.subject.casefold() if query.subject is not None else None
    hits: list[tuple[ClaimRow, ArticleRow | None]] = []
    for row in claims:
        article = articles.get(row["article_id"]) if row["article_id"] else None
        if query.value is not None and not query.tolerance.allows(row["value"], query.value):
            continue
        if query.metric is not None and row["metric"] != query.metric:
            continue
        if subject is not None and row["subject"].casefold() != subject:
            continue
        if query.since is not None and row["as_of"] < query.since:
            continue
        if query.until is not None and row["as_of"] > query.until:
            continue
        if wanted_claimant is not None and wanted_claimant not in {
            _canonical(row["claimant"], claimants),
            _canonical(row["canonical_claimant"], claimants),
        }:
            continue
        publisher = row["publisher"] or (article["publisher"] if article else None)
        if wanted_publisher is not None and _canonical(publisher, publishers) != wanted_publisher:
            continue
        if query.words and not _has_words(row, article, query.words):
            continue
        hits.append((row, article))
    hits.sort(key=lambda hit: (hit[0]["as_of"], hit[0]["position"], hit[0]["claim_id"]))
    return [_found(row, article) for row, article in hits[: query.limit]]


def _folded(aliases: Mapping[str, str] | None) -> dict[str, str]:
    return {k.casefold(): v.casefold() for k, v in (aliases or {}).items()}


def _canonical(name: str | None, folded: dict[str, str]) -> str | None:
    """A name, case-folded, followed through its (case-folded) aliases."""
    return None if name is None else resolve(name.casefold(), folded)


def _has_words(row: ClaimRow, article: ArticleRow | None, words: tuple[str, ...]) -> bool:
    title = article["title"] if article else row["title"]
    haystack = f"{row['quote'] or ''}\n{title or ''}".casefold()
    return all(word in haystack for word in words)


def _found(row: ClaimRow, article: ArticleRow | None) -> Found:
    found: Any = dict(public_claim(row))
    found["article"] = (
        {
            "article_id": article["article_id"],
            "title": article["title"],
            "publisher": article["publisher"],
            "published": article["published"],
            "url": article["url"],
        }
        if article
        else None
    )
    return cast(Found, found)


def describe(query: Query) -> str:
    """Say a query's criteria in a few words: `value 407,240 ±1%, claimant 'General Staff'`."""
    parts = []
    if query.value is not None:
        within = f" ±{query.tolerance}" if query.tolerance.amount else ""
        parts.append(f"value {query.value:,}{within}")
    if query.words:
        parts.append(f"text {' '.join(query.words)!r}")
    for name in ("claimant", "publisher", "metric", "subject", "since", "until"):
        given = getattr(query, name)
        if given is not None:
            parts.append(f"{name} {given!r}")
    return ", ".join(parts)


def find(session: Session, query: Query, *, at: int | None = None) -> list[Found]:
    """Run a query over the read models (as the log stood at `at`); NotFound if nothing matches."""
    model = session.read_model(at=at)
    claims = model.claims()
    try:  # a name no claim has is said so, with the closest names the ledger does have
        if claims:
            matches(
                model,
                claims,
                claimant=query.claimant,
                publisher=query.publisher,
                subject=query.subject,
                metric=query.metric,
            )
    except NoMatch as exc:
        why = str(exc)
        have = why[why.index("(") :] if "(" in why else ""
        raise NoMatch(
            f"no claims match {describe(query)} {have}".rstrip(), suggestions=exc.suggestions
        ) from None
    found = search(
        claims,
        {a["article_id"]: a for a in model.articles()},
        query,
        claimant_aliases=model.aliases("claimant"),
        publisher_aliases=model.aliases("publisher"),
    )
    if not found:
        raise NotFound(f"no claims match {describe(query)}")
    return found
