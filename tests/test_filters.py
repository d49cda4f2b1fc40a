"""The pure filter logic (`ledger.app.filters`, #14): spellings checked, names matched in any
case and by alias, and the refusal a filter that matches nothing gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events import METRICS
from ledger.app import filters
from ledger.app.filters import Match
from ledger.errors import InvalidInput, NoMatch, OperationFailed

STAFF = "General Staff of the Armed Forces of Ukraine"
ARMY = "Armed Forces of Ukraine"
NAMES = {STAFF, ARMY, "Ministry of Defence of Ukraine"}


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("personel", "did you mean personnel?"),
        ("tank", "did you mean tanks?"),
        ("air defense", "did you mean air_defense?"),
        ("bananas", "unknown metric 'bananas' (one of: personnel,"),
    ],
)
def test_a_metric_outside_the_taxonomy_is_refused(typed: str, said: str) -> None:
    with pytest.raises(InvalidInput) as err:
        filters.choice("metric", typed, METRICS)
    assert said in str(err.value)
    assert str(err.value).endswith(f"(one of: {', '.join(METRICS)})")


@pytest.mark.parametrize(("typed", "kept"), [(None, None), ("tanks", "tanks"), ("TANKS", "tanks")])
def test_a_metric_in_any_case_is_the_metric(typed: str | None, kept: str | None) -> None:
    assert filters.choice("metric", typed, METRICS) == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("Russia", "russia"), ("UKRAINE", "ukraine"), ("north korea", "north korea")],
)
def test_a_subject_is_lower_cased(typed: str, kept: str) -> None:
    assert filters.subject(typed) == kept


@pytest.mark.parametrize("typed", ["", "1russia", "rus$ia", "-", "x" * 61])
def test_a_subject_the_claim_format_cannot_hold_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput, match="--subject must name a party"):
        filters.subject(typed)


@pytest.mark.parametrize(
    ("typed", "first", "others"),
    [
        ("General Staf", STAFF, ["Sta", "Ukr"]),  # a prefix
        ("staff", STAFF, ["Sta", "Ukr"]),  # held inside
        ("Generl Staff", STAFF, ["Gene Stafford"]),  # the start, misspelt: nearer than a
        # shorter name more like the whole of what was typed
        ("Armed Forces of Ukriane", ARMY, []),  # a typo
        ("ministry", "Ministry of Defence of Ukraine", []),
    ],
)
def test_closest_puts_the_nearest_name_first(typed: str, first: str, others: list[str]) -> None:
    assert filters.closest(typed, [*NAMES, *others])[0] == first


@pytest.mark.parametrize(
    ("typed", "aliases", "found"),
    [
        (ARMY, {}, {ARMY}),
        ("armed forces of UKRAINE", {}, {ARMY}),
        ("UA army", {"UA army": ARMY}, {ARMY}),
        ("ua ARMY", {"UA army": ARMY}, {ARMY}),
        ("AFU", {"AFU": "UA army", "UA army": ARMY}, {ARMY}),  # a chain of aliases
    ],
)
def test_a_name_matches_in_any_case_and_by_alias(
    typed: str, aliases: dict[str, str], found: set[str]
) -> None:
    assert filters.match("claimant", typed, NAMES, aliases).names == found


def test_a_name_in_two_spellings_stands_for_both() -> None:
    """Two claimants differing only by case are both what either spelling names."""
    have = {"UA Army", "ua army", STAFF}
    assert filters.match("claimant", "Ua Army", have, {}).names == {"UA Army", "ua army"}


@given(st.sampled_from(sorted(NAMES)), st.sampled_from([str.upper, str.lower, str.swapcase]))
def test_any_case_of_a_name_matches_it(name: str, case) -> None:
    assert name in filters.match("claimant", case(name), NAMES, {}).names


def test_an_unknown_name_lists_the_closest() -> None:
    with pytest.raises(NoMatch) as err:
        filters.match("claimant", "General Staf", NAMES, {})
    assert str(err.value).startswith(f"no claimant matches 'General Staf' (closest: {STAFF}, ")
    assert err.value.suggestions[0] == STAFF
    assert isinstance(err.value, OperationFailed) and err.value.exit_code == 1


def test_an_unknown_value_lists_what_there_is() -> None:
    """Without aliases (a vocabulary: subjects, metrics) every value present is listed."""
    with pytest.raises(NoMatch, match=r"no subject matches 'belarus' \(this ledger has: russia, "):
        filters.match("subject", "belarus", {"ukraine", "russia"})
    with pytest.raises(NoMatch, match=r"\(this ledger has none\)"):
        filters.match("publisher", "Test Wire", set(), {})


ROWS = [
    {"claimant": (ARMY,), "metric": ("personnel",), "date": ("2022-10-04",)},
    {"claimant": (ARMY,), "metric": ("tanks",), "date": ("2022-10-04",)},
    {"claimant": (STAFF,), "metric": ("artillery",), "date": ("2023-04-02", "2023-04-03")},
]


def keep(*matches: Match | None) -> list[dict]:
    return filters.select(ROWS, lambda r: r, matches, noun="totals")


def named(field: str, *names: str) -> Match:
    return Match(field, names[0], frozenset(names))


def test_select_keeps_the_rows_every_filter_matches() -> None:
    assert keep() == ROWS
    assert keep(None, None) == ROWS
    assert keep(named("claimant", ARMY)) == ROWS[:2]
    assert keep(named("claimant", ARMY), named("metric", "tanks")) == [ROWS[1]]
    assert keep(filters.since("2023-04-03")) == [ROWS[2]]


def test_filters_that_match_nothing_together_name_what_the_first_has() -> None:
    with pytest.raises(NoMatch) as err:
        keep(named("claimant", ARMY), named("metric", "artillery"))
    assert str(err.value) == (
        f"no totals match claimant '{ARMY}' with metric 'artillery' "
        f"(for claimant '{ARMY}' they have: metric personnel, tanks)"
    )


def test_a_filter_the_rows_lack_names_what_they_have() -> None:
    with pytest.raises(NoMatch, match=r"\(the totals have: dates 2022-10-04..2023-04-03\)"):
        keep(filters.since("2024-01-01"))
    with pytest.raises(NoMatch, match=r"no totals match metric 'pow' \(the totals have: metric "):
        keep(named("metric", "pow"))


def test_no_rows_at_all_is_said() -> None:
    with pytest.raises(NoMatch, match=r"there are no totals"):
        filters.select([], lambda r: r, [named("metric", "pow")], noun="totals")
