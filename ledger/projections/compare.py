"""Checking the stored read-model tables against a replay of the log.

`claims verify` folds the log in memory (the same fold) and compares every table row by row,
in primary-key order, with what the tables hold: a table edited behind the ledger's back is
named, with the key of its first differing row.

Owns: `expected_tables` and `first_table_difference`. Imports: `ledger.projections.codecs`,
`.memory`, `.tables`, `.group_totals`.
"""

from __future__ import annotations

import sqlite3
from itertools import zip_longest
from operator import itemgetter
from typing import Any

from ledger.projections.codecs import article_values, claim_values, life_values
from ledger.projections.group_totals import totals
from ledger.projections.memory import MemoryRows
from ledger.projections.tables import COLUMNS, KEYS, TOTAL_COLUMNS, select_sql

COMPARED = ("claims", "claim_life", "articles", "aliases", "totals")
"""The tables a replay gives (checkpoints are checked against the log's hashes instead)."""
_STORED = {table: select_sql(table, order=True) for table in COMPARED}
_total_columns = itemgetter(*TOTAL_COLUMNS)


def _order(value: Any) -> tuple[int, Any]:
    """SQLite's order of values (NULL < numbers < text < blobs), safe to sort mixed types."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, bytes(value))


def _key_order(row: tuple[Any, ...], width: int) -> tuple[tuple[int, Any], ...]:
    return tuple(_order(v) for v in row[:width])


def expected_tables(rows: MemoryRows) -> dict[str, list[tuple[Any, ...]]]:
    """The rows each table must hold for `rows` (a `MemoryRows` replay), as SQLite stores
    them, each list sorted by the table's primary key."""
    life: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for entry in rows.life:  # one row per key: a later entry replaces, as INSERT OR REPLACE does
        row = life_values(entry)
        life[row[:3]] = row
    tables: dict[str, list[tuple[Any, ...]]] = {
        "claims": [claim_values(row) for row in rows.claims.values()],
        "claim_life": list(life.values()),
        "articles": [article_values(row) for row in rows.articles.values()],
        "aliases": [
            (kind, alias, canonical, rows.alias_positions[(kind, alias)])
            for kind, table in rows.alias_tables.items()
            for alias, canonical in table.items()
        ],
        "totals": [
            tuple(_total_columns(total))
            for total in totals(rows.claims[c] for c in sorted(rows.claims))
        ],
    }
    for name, values in tables.items():
        # a replay's keys are never NULL: plain tuples sort them
        values.sort(key=itemgetter(slice(0, len(KEYS[name]))))
    return tables


def first_table_difference(conn: sqlite3.Connection, rows: MemoryRows) -> str | None:
    """Compare every stored read-model table with a replay (`rows`); return where the first
    one differs ("table totals, row ('A', 'russia', 'tanks'): value is 9999999, the log gives
    1336120"), or None when every table equals the replay."""
    for table, expected in expected_tables(rows).items():
        try:
            stored = conn.execute(_STORED[table])
        except sqlite3.OperationalError as exc:
            return f"table {table} cannot be read ({exc})"
        for want, have in zip_longest(expected, stored):
            if want != have:
                return _difference(table, want, have)
    return None


def _difference(table: str, want: tuple[Any, ...] | None, have: tuple[Any, ...] | None) -> str:
    """Say how a stored row (`have`) differs from the replayed one (`want`) at one place."""
    width = len(KEYS[table])
    if want is None:
        assert have is not None  # zip_longest pads one side only
        return f"table {table}, row {have[:width]!r}: not given by the log"
    if have is None or _key_order(want, width) < _key_order(have, width):
        return f"table {table}, row {want[:width]!r}: missing (the log gives it)"
    if want[:width] != have[:width]:
        return f"table {table}, row {have[:width]!r}: not given by the log"
    names = tuple(COLUMNS[table])
    column = next(i for i, (a, b) in enumerate(zip(want, have, strict=True)) if a != b)
    return (
        f"table {table}, row {want[:width]!r}: {names[column]} is {have[column]!r}, "
        f"the log gives {want[column]!r}"
    )
