"""The search query, pure (issue 14 §3): claim rows and article rows in, matches out, no
database. A value within the tolerance is always found, one outside never; names match
case-insensitively through aliases; every word must appear; results come by as_of, then
position."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.app.search import Query, Tolerance, make_query, parse_tolerance, search
from ledger.errors import InvalidInput

STAFF = "General Staff of the Armed Forces of Ukraine"


def row(n: int = 0, **fields: Any) -> dict[str, Any]:
    """A claim row as the read models hold it (only what search reads matters)."""
    base: dict[str, Any] = {
        "claim_id": f"c_{n:04d}",
        "claimant": STAFF,
        "canonical_claimant": STAFF,
        "claimant_text": None,
        "publisher": "Kyiv Wire",
        "subject": "russia",
        "metric": "personnel",
        "value": 407_240,
        "qualifier": "exact",
        "period": "cumulative",
        "period_start": "2022-02-24",
        "as_of": "2023-12-01",
        "quote": "a total of 407,240 troops",
        "span": None,
        "status": "active",
        "review": "unreviewed",
        "origin": "asserted",
        "stream": f"claim-c_{n:04d}",
        "article_id": None,
        "url": None,
        "title": None,
        "position": n + 1,
        "first_position": n + 1,
    }
    return base | fields


def ids(found: list[Any]) -> list[str]:
    return [f["claim_id"] for f in found]


@pytest.mark.parametrize(
    ("spelled", "expected"),
    [
        (None, Tolerance(Fraction(0), False)),
        ("500", Tolerance(Fraction(500), False)),
        ("0", Tolerance(Fraction(0), False)),
        ("2.5", Tolerance(Fraction(5, 2), False)),
        ("1%", Tolerance(Fraction(1), True)),
        (" 0.5 % ", Tolerance(Fraction(1, 2), True)),
    ],
)
def test_parse_tolerance(spelled: str | None, expected: Tolerance) -> None:
    """A number is an absolute tolerance; a number with `%` a share of the value asked for."""
    assert parse_tolerance(spelled) == expected


@pytest.mark.parametrize("spelled", ["", "%", "-1", "abc", "1%%", "1e3", "1,000", "nan"])
def test_parse_tolerance_refuses(spelled: str) -> None:
    """Anything but a plain non-negative number (or one with `%`) is bad input."""
    with pytest.raises(InvalidInput, match="--tolerance"):
        parse_tolerance(spelled)


targets = st.integers(min_value=0, max_value=10**9)
percents = st.decimals(min_value=0, max_value=50, places=2).map(str)


@given(target=targets, amount=st.integers(0, 10**6), side=st.sampled_from([-1, 1]), data=st.data())
def test_a_value_within_an_absolute_tolerance_is_found_and_one_outside_never(
    target: int, amount: int, side: int, data: st.DataObject
) -> None:
    """|value - target| <= N: found; |value - target| > N: not found (bounds included)."""
    inside = target + side * data.draw(st.integers(0, amount))
    outside = target + side * data.draw(st.integers(amount + 1, amount + 10**6))
    rows = [row(1, value=v) for v in (inside, outside) if v >= 0]
    query = make_query(value=target, tolerance=str(amount))
    found = search(rows, {}, query)
    assert [f["value"] for f in found] == ([inside] if inside >= 0 else [])


@given(target=targets, percent=percents, side=st.sampled_from([-1, 1]), data=st.data())
def test_a_value_within_a_percentage_is_found_and_one_outside_never(
    target: int, percent: str, side: int, data: st.DataObject
) -> None:
    """|value - target| <= P% of target: found (the bound itself too); beyond it: never."""
    bound = Fraction(percent) * target / 100
    whole = bound.numerator // bound.denominator
    inside = target + side * data.draw(st.integers(0, whole))
    outside = target + side * data.draw(st.integers(whole + 1, whole + 10**6))
    rows = [row(1, value=v) for v in (inside, outside) if v >= 0]
    found = search(rows, {}, make_query(value=target, tolerance=f"{percent}%"))
    assert [f["value"] for f in found] == ([inside] if inside >= 0 else [])


def test_without_a_tolerance_only_the_value_itself_is_found() -> None:
    """`--value` alone is an exact match."""
    rows = [row(1, value=407_240), row(2, value=407_241), row(3, value=407_239)]
    assert ids(search(rows, {}, make_query(value=407_240))) == ["c_0001"]


@given(
    st.lists(
        st.tuples(st.sampled_from(["2023-01-01", "2023-06-01", "2024-01-01"]), st.integers(1, 99)),
        max_size=12,
        unique_by=lambda t: t[1],
    )
)
def test_results_come_by_as_of_then_position(dates: list[tuple[str, int]]) -> None:
    """Whatever order the rows come in, the matches are sorted by (as_of, position)."""
    rows = [row(n, as_of=d, position=p) for n, (d, p) in enumerate(dates)]
    found = search(rows, {}, make_query(metric="personnel"))
    assert [(f["as_of"], f["position"]) for f in found] == sorted(dates)


def test_limit_keeps_the_first_matches() -> None:
    """`--limit N`: the first N in that order."""
    rows = [row(n, as_of=f"2023-0{9 - n}-01") for n in range(5)]
    found = search(rows, {}, make_query(subject="russia", limit=2))
    assert ids(found) == ["c_0004", "c_0003"]


ALIASES = {"UA General Staff": STAFF, "GSAFU": "UA General Staff"}
PUBLISHERS = {"KW": "Kyiv Wire"}


@pytest.mark.parametrize(
    ("criteria", "found"),
    [
        ({"claimant": STAFF}, ["c_0001", "c_0003"]),
        ({"claimant": STAFF.upper()}, ["c_0001", "c_0003"]),
        ({"claimant": "ua general staff"}, ["c_0001", "c_0003"]),
        ({"claimant": "gsafu"}, ["c_0001", "c_0003"]),
        ({"claimant": "UK Ministry of Defence"}, ["c_0002"]),
        ({"publisher": "kyiv wire"}, ["c_0001", "c_0002"]),
        ({"publisher": "kw"}, ["c_0001", "c_0002"]),
        ({"publisher": "Frontline Digest"}, ["c_0003"]),
        ({"subject": "RUSSIA"}, ["c_0001", "c_0002", "c_0003"]),
        ({"metric": "tanks"}, ["c_0003"]),
        ({"since": "2023-06-01"}, ["c_0002", "c_0003"]),
        ({"until": "2023-06-01"}, ["c_0001", "c_0002"]),
        ({"since": "2023-06-02", "until": "2023-12-31"}, ["c_0003"]),
        ({"text": "TROOPS"}, ["c_0001", "c_0002"]),
        ({"text": "troops total"}, ["c_0001"]),
        ({"text": "troops ramstein"}, []),
        ({"text": "digest weekly tanks"}, ["c_0003"]),
        ({"claimant": "gsafu", "metric": "personnel"}, ["c_0001"]),
    ],
)
def test_criteria(criteria: dict[str, Any], found: list[str]) -> None:
    """Each criterion narrows the matches; names case-insensitively and through aliases
    (a publisher's from the claim, else its article's), words in the quote or the title."""
    rows = [
        row(1, as_of="2023-01-01"),
        row(
            2,
            claimant="UK Ministry of Defence",
            canonical_claimant="UK Ministry of Defence",
            as_of="2023-06-01",
            quote="around 300,000 troops",
            publisher="KW",
        ),
        row(
            3,
            claimant="GSAFU",
            metric="tanks",
            as_of="2023-12-01",
            quote="5,000 tanks",
            publisher=None,
            article_id="a_1",
            origin="article",
        ),
    ]
    articles: Any = {
        "a_1": {
            "article_id": "a_1",
            "title": "Digest weekly: losses",
            "publisher": "Frontline Digest",
            "published": "2023-12-02",
            "url": None,
        }
    }
    query = make_query(**criteria)
    got = search(rows, articles, query, claimant_aliases=ALIASES, publisher_aliases=PUBLISHERS)
    assert ids(got) == found
    for f in got:
        assert f["article"] == (articles["a_1"] if f["article_id"] else None)


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({}, "at least one of"),
        ({"text": "   "}, "--text needs"),
        ({"tolerance": "5"}, "--tolerance needs --value"),
        ({"value": 5, "tolerance": "x"}, "--tolerance must"),
        ({"value": -1}, "--value must be >= 0"),
        ({"metric": "personel"}, "unknown metric"),
        ({"since": "2023-02-30"}, "--since"),
        ({"until": "yesterday"}, "--until"),
        ({"since": "2023-02-02", "until": "2023-02-01"}, "is after"),
        ({"subject": "russia", "limit": 0}, "--limit"),
    ],
)
def test_make_query_refuses(criteria: dict[str, Any], message: str) -> None:
    """Bad criteria are bad input (exit 2), named."""
    with pytest.raises(InvalidInput, match=message):
        make_query(**criteria)


def test_a_query_with_only_a_date_is_a_query() -> None:
    """Any one criterion will do."""
    assert make_query(since="2023-01-01") == Query(since="2023-01-01")
