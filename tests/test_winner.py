"""The totals winner rule: its Python form and its SQL form rank any group of claims alike.

The rule is declared once (`ledger.projections.winner_rule.ORDER`); `rank` and
`ORDER_BY_SQL` are derived from it. Here random groups — ties on as_of, equally specific
qualifiers, claims of one article sharing a position, ids whose text order differs from
their length order — are ranked both ways: in Python, and by SQLite over a table of the
same rows, both by the bare ORDER BY and by the statements that write the totals table.
"""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.projections import (
    ClaimRow,
    group_of,
    rank,
    rebuild_totals,
    totals,
    why_lost,
    winner,
)
from ledger.projections.codecs import claim_values
from ledger.projections.sqlite_rows import SQLiteRows, write_totals
from ledger.projections.tables import CLAIM_COLUMNS, ensure_tables, insert_sql
from ledger.projections.winner_rule import ELIGIBLE_SQL, ORDER_BY_SQL, eligible

GROUP = {"canonical_claimant": "General Staff", "subject": "russia", "metric": "tanks"}


def claim_row(**fields: Any) -> ClaimRow:
    """A full claims row of the one group, with `fields` over the defaults."""
    row: dict[str, Any] = dict.fromkeys(CLAIM_COLUMNS)
    row.update(GROUP, claimant=GROUP["canonical_claimant"], value=1, stream="s")
    row.update(origin="asserted", first_position=1, recorded_at="2026-01-01T00:00:00Z")
    row.update(fields)
    return cast(ClaimRow, row)


claim_ids = st.text(alphabet="ab1_é😀", min_size=1, max_size=3).map(lambda s: f"c_{s}")
rows_of_a_group = st.lists(
    st.builds(
        claim_row,
        claim_id=claim_ids,
        as_of=st.sampled_from(["2023-04-01", "2023-04-02"]),  # two days: ties are common
        qualifier=st.sampled_from(["exact", "approx", "at_least", "at_most", "at_most", "odd"]),
        position=st.integers(1, 3),  # an article's claims share a position
        status=st.sampled_from(["active", "active", "active", "retracted", "withdrawn"]),
        period=st.sampled_from(["cumulative", "cumulative", "window"]),
        value=st.integers(0, 10),
    ),
    min_size=1,
    max_size=8,
    unique_by=lambda row: row["claim_id"],
)


def table_of(rows: list[ClaimRow]) -> sqlite3.Connection:
    """An in-memory ledger's projection tables holding `rows` as claims."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    ensure_tables(conn)
    conn.executemany(insert_sql("claims", CLAIM_COLUMNS), [claim_values(r) for r in rows])
    return conn


def python_order(rows: list[ClaimRow]) -> list[str]:
    return [r["claim_id"] for r in sorted(rows, key=rank, reverse=True)]


def sql_order(conn: sqlite3.Connection, where: str = "1") -> list[str]:
    found = conn.execute(f"SELECT claim_id FROM claims WHERE {where} ORDER BY {ORDER_BY_SQL}")
    return [claim_id for (claim_id,) in found]


def stored_totals(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    cursor = conn.execute("SELECT * FROM totals ORDER BY claimant, subject, metric")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor]


@settings(max_examples=300, deadline=None)
@given(rows=rows_of_a_group)
def test_sql_and_python_rank_a_group_alike(rows: list[ClaimRow]) -> None:
    """The full order, over every claim and over the eligible ones, and so the winner."""
    conn = table_of(rows)
    assert sql_order(conn) == python_order(rows)
    competing = [r for r in rows if eligible(r)]
    assert sql_order(conn, ELIGIBLE_SQL) == python_order(competing)
    won = winner(rows)
    assert (won["claim_id"] if won else None) == (python_order(competing) or [None])[0]


@settings(max_examples=300, deadline=None)
@given(rows=rows_of_a_group, order=st.randoms(use_true_random=False))
def test_the_winner_does_not_depend_on_the_order_claims_come_in(rows, order) -> None:
    """Claim ids break every tie, so the same claims give the same winner in any order."""
    shuffled = list(rows)
    order.shuffle(shuffled)
    assert winner(shuffled) == winner(rows)
    assert totals(shuffled) == totals(rows)


@settings(max_examples=200, deadline=None)
@given(rows=rows_of_a_group, split=st.integers(0, 8))
def test_the_totals_table_holds_the_python_winner(rows: list[ClaimRow], split: int) -> None:
    """Written from the claims table (a rebuild: SQL), then joined by new claims (catch-up:
    the Python form against the stored total), the totals table holds what `totals` gives."""
    old, new = rows[:split], rows[split:]
    conn = table_of(old)
    rebuild_totals(conn)
    assert stored_totals(conn) == totals(old)
    state = SQLiteRows(conn)
    asserted = [
        SimpleNamespace(type="claim-asserted", data={"claim": {"claim_id": r["claim_id"]}})
        for r in new
    ]
    state.prefetch(asserted)  # finds that these claims are new, as catch-up does
    for row in new:
        state.put_claim(row)
        state.touch(group_of(row))
    state.flush()
    write_totals(conn, state)
    assert stored_totals(conn) == totals(rows)
    rebuild_totals(conn)
    assert stored_totals(conn) == totals(rows)


def test_the_sql_form_spells_the_declared_order() -> None:
    """The derived ORDER BY, pinned: latest as_of, most specific qualifier, latest position,
    smallest claim id."""
    assert ORDER_BY_SQL == (
        "as_of DESC, CASE qualifier WHEN 'exact' THEN 3 WHEN 'approx' THEN 2 "
        "WHEN 'at_least' THEN 1 WHEN 'at_most' THEN 1 ELSE 0 END DESC, position DESC, "
        "claim_id ASC"
    )
    assert ELIGIBLE_SQL == "status = 'active' AND period = 'cumulative'"


@settings(max_examples=200, deadline=None)
@given(rows=rows_of_a_group)
def test_each_loser_is_told_the_term_it_lost_on(rows: list[ClaimRow]) -> None:
    """`why_lost` names the first term of the order on which a claim is behind the winner."""
    won = winner(rows)
    for row in rows:
        if won is None or row is won:
            continue
        why = why_lost(row, won)
        if not eligible(row):
            assert why in ("retracted", "withdrawn", "a window figure, not a cumulative one")
        elif row["as_of"] != won["as_of"]:
            assert why == f"older as_of ({row['as_of']} < {won['as_of']})"
        elif rank(row)[1] != rank(won)[1]:
            assert why.startswith("less specific qualifier")
        elif row["position"] != won["position"]:
            assert why == f"earlier position ({row['position']} < {won['position']})"
        else:
            assert why.startswith(f"claim id {row['claim_id']} sorts after {won['claim_id']} (")
        assert f"({row['position']} < {row['position']})" not in why  # never itself


TIES = [
    # (loser's fields, winner's fields, the reason): one article's claims share a position.
    (
        {"claim_id": "c_b", "qualifier": "at_most"},
        {"claim_id": "c_a", "qualifier": "at_least"},
        "claim id c_b sorts after c_a (same as_of 2023-08-18, equally specific qualifiers"
        " (at_most, at_least), same position 5)",
    ),
    (
        {"claim_id": "c_b", "qualifier": "exact"},
        {"claim_id": "c_a", "qualifier": "exact"},
        "claim id c_b sorts after c_a (same as_of 2023-08-18, equally specific qualifiers"
        " (exact, exact), same position 5)",
    ),
    (
        {"claim_id": "c_a", "qualifier": "at_least"},
        {"claim_id": "c_b", "qualifier": "exact"},
        "less specific qualifier (at_least < exact)",
    ),
    (
        {"claim_id": "c_a", "qualifier": "exact", "position": 4},
        {"claim_id": "c_b", "qualifier": "exact"},
        "earlier position (4 < 5)",
    ),
]


@pytest.mark.parametrize(("loser", "won", "reason"), TIES)
def test_a_tie_is_told_by_what_decides_it(loser: dict, won: dict, reason: str) -> None:
    """Two claims at one position are told apart by the term that decides between them."""
    base = {"as_of": "2023-08-18", "position": 5, "status": "active", "period": "cumulative"}
    row, best = claim_row(**base | loser), claim_row(**base | won)
    assert winner([row, best]) is best
    assert why_lost(row, best) == reason
