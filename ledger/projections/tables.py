"""The projection tables: their names, columns and keys, and creating and dropping them.

Owns: `TABLES`, the column lists (derived from the row shapes of `ledger.projections.base`:
a column is INTEGER where the row holds an int, TEXT otherwise, JSON text for lists and
dicts), each table's primary key, `insert_sql`, `ensure_tables`, `drop_tables` and the
claims' group index. Imports: `ledger.projections.base`; sqlite-utils (only to create tables).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, get_args, get_type_hints

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
    import sqlite_utils  # only to create the tables, once per ledger

    db = sqlite_utils.Database(conn)
    claims = db.table("claims")
    claims.create(CLAIM_COLUMNS, pk="claim_id", not_null={"claimant", "subject"})
    if group_index:
        conn.execute(GROUP_INDEX)
    claims.create_index(["claimant"])
    for table in TABLES[1:]:
        key = KEYS[table]
        db.table(table).create(COLUMNS[table], pk=key[0] if len(key) == 1 else key)


DROP: dict[str, str] = {table: f"DROP TABLE IF EXISTS {table}" for table in TABLES}
"""The statement that drops each projection table (built once, from the constant names)."""


def drop_tables(conn: sqlite3.Connection) -> None:
    """Drop every projection table (a rebuild recreates them, maybe with new columns)."""
    for table in TABLES:
        conn.execute(DROP[table])
