"""The projection tables: their names, columns and keys, and creating and dropping them.

Owns: `TABLES`, the column lists (derived from the row shapes of `ledger.projections.base`:
a column is INTEGER where the row holds an int, TEXT otherwise, JSON text for lists and
dicts), each table's primary key, `insert_sql`, `ensure_tables` (with `ASKED`: the tables as
sqlite-utils is asked to make them), `drop_tables` and the claims' group index.
Imports: `ledger.projections.base`, `ledger.projections.table_ddl` (the statements
sqlite-utils makes for them, kept between runs).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, get_args, get_type_hints

from ledger.projections import table_ddl
from ledger.projections.base import ArticleRow, ClaimRow, LifeRow, TotalRow


def _columns(shape: Any) -> dict[str, type]:
    """The table columns of a row shape, in its order: int where it holds an int, else str."""
    hints = get_type_hints(shape)
    return {name: int if int in (hint, *get_args(hint)) else str for name, hint in hints.items()}


CLAIM_COLUMNS: dict[str, type] = _columns(ClaimRow)
ARTICLE_COLUMNS: dict[str, type] = _columns(ArticleRow)
LIFE_COLUMNS: dict[str, type] = _columns(LifeRow)
TOTAL_COLUMNS: dict[str, type] = _columns(TotalRow)
ALIAS_COLUMNS: dict[str, type] = {"kind": str, "alias": str, "canonical": str, "position": int}
CHECKPOINT_COLUMNS: dict[str, type] = {"name": str, "position": int, "version": int, "hash": str}

TABLES = ("claims", "claim_life", "articles", "aliases", "totals", "projection_checkpoints")
COLUMNS: dict[str, dict[str, type]] = {
    "claims": CLAIM_COLUMNS,
    "claim_life": LIFE_COLUMNS,
    "articles": ARTICLE_COLUMNS,
    "aliases": ALIAS_COLUMNS,
    "totals": TOTAL_COLUMNS,
    "projection_checkpoints": CHECKPOINT_COLUMNS,
}
KEYS: dict[str, tuple[str, ...]] = {
    "claims": ("claim_id",),
    "claim_life": ("claim_id", "position", "kind"),
    "articles": ("article_id",),
    "aliases": ("kind", "alias"),
    "totals": ("claimant", "subject", "metric", "basis"),
    "projection_checkpoints": ("name",),
}
"""Each table's primary key. (A totals row of another metric than personnel has no basis:
NULL, which SQLite lets a key column hold; its writer deletes a group's row before it writes
one, so a key with a NULL never holds two.)"""

GROUP_INDEX = (
    'CREATE INDEX IF NOT EXISTS "idx_claims_canonical_claimant_subject_metric"\n'
    '    ON "claims" ("canonical_claimant", "subject", "metric")'
)
"""The index totals read a group's claims by: created after a rebuild's claims are written."""


def insert_sql(table: str, columns: Iterable[str], *, replace: bool = True) -> str:
    """An INSERT (OR REPLACE) of one row of `columns` as positional parameters."""
    names = list(columns)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    return f"{verb} INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


def select_sql(table: str, *, where: str = "", order: bool = False) -> str:
    """A SELECT of a table's columns, in their order; with `order`, in primary-key order."""
    sql = f"SELECT {', '.join(COLUMNS[table])} FROM {table}"
    if where:
        sql += f" WHERE {where}"
    if order:
        sql += f" ORDER BY {', '.join(KEYS[table])}"
    return sql


def ensure_tables(conn: sqlite3.Connection, *, group_index: bool = True) -> None:
    """Create the projection tables and indexes if they are missing.

    A rebuild passes `group_index=False` and creates that index once the claims are written
    (one sort instead of an index update per row). Claims carry no index on `as_of`: no query
    reads by it.
    """
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'"
    ).fetchone()
    if found:
        return
    made = table_ddl.statements(ASKED)  # as sqlite-utils makes them (kept: #17)
    if group_index:
        made.insert(1, GROUP_INDEX)  # after the claims table, before its claimant index
    table_ddl.run(conn, made)


def _asked() -> table_ddl.Asked:
    """What sqlite-utils is asked for the tables, in order: the claims table (its two names
    never NULL), its claimant index, then each other table with its key."""

    def columns(table: str) -> list[list[str]]:
        return [[name, "int" if kind is int else "str"] for name, kind in COLUMNS[table].items()]

    steps: list[table_ddl.Step] = [
        ("table", "claims", columns("claims"), ["claim_id"], ["claimant", "subject"]),
        ("index", "claims", ["claimant"]),
    ]
    steps += [("table", table, columns(table), list(KEYS[table]), []) for table in TABLES[1:]]
    return tuple(steps)


ASKED = _asked()
"""The projection tables as sqlite-utils is asked for them (`table_ddl.statements`)."""


DROP: dict[str, str] = {table: f"DROP TABLE IF EXISTS {table}" for table in TABLES}
"""The statement that drops each projection table (built once, from the constant names)."""


def drop_tables(conn: sqlite3.Connection) -> None:
    """Drop every projection table (a rebuild recreates them, maybe with new columns)."""
    for table in TABLES:
        conn.execute(DROP[table])
