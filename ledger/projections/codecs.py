"""Rows to and from the values SQLite stores: lists and dicts as key-sorted JSON text.

Owns: `claim_values`, `article_values`, `life_values`, `total_values` (a row as its table's
values, in column order) and `claim_from_sql`, `claims_from_sql`, `article_from_sql`,
`life_from_sql` (a stored record back to the row the fold wrote), and `records` (a cursor's
rows as dicts). Used by
the writer (`sqlite_rows`) and the read side (`queries`) alike, so both spell rows the same.
Imports: `ledger.projections.base`, `.tables`; orjson.
"""

from __future__ import annotations

import sqlite3
from operator import itemgetter
from typing import Any, cast

import orjson

from ledger.projections.base import TOTAL_SOURCES, ArticleRow, ClaimRow, LifeRow
from ledger.projections.tables import ARTICLE_COLUMNS, CLAIM_COLUMNS, LIFE_COLUMNS

_dumps = orjson.dumps
_loads = orjson.loads
_SORTED = orjson.OPT_SORT_KEYS
_CLAIM_NAMES = tuple(CLAIM_COLUMNS)
_claim_columns = itemgetter(*_CLAIM_NAMES)
_SPAN = _CLAIM_NAMES.index("span")
_PROVENANCE = _CLAIM_NAMES.index("provenance")
_article_columns = itemgetter(*ARTICLE_COLUMNS)
_CLAIM_IDS = tuple(ARTICLE_COLUMNS).index("claim_ids")
_life_columns = itemgetter(*LIFE_COLUMNS)
_DETAIL = tuple(LIFE_COLUMNS).index("detail")

total_values = itemgetter(*TOTAL_SOURCES.values())
"""A winning claim's totals-table values, in column order."""


def records(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """Every row a query returns, as {column: value}."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def claims_from_sql(cursor: sqlite3.Cursor) -> list[ClaimRow]:
    """Every claims-table row a query returns, as the rows the fold wrote: one dict per row
    (what `claim_from_sql(records(...))` gives, without building each row twice)."""
    names = [d[0] for d in cursor.description]
    out = [dict(zip(names, values, strict=False)) for values in cursor.fetchall()]
    for row in out:  # a value per column: no check
        if (span := row["span"]) is not None:
            row["span"] = _loads(span)
        if (provenance := row["provenance"]) is not None:
            row["provenance"] = _loads(provenance)
    return cast(list[ClaimRow], out)


def claim_values(row: ClaimRow) -> tuple[Any, ...]:
    """The claims-table values of a row, in column order (span and provenance as JSON)."""
    values: list[Any]
    try:
        values = list(_claim_columns(row))
    except KeyError:  # a row missing a column stores NULL there
        values = [cast(dict[str, Any], row).get(name) for name in _CLAIM_NAMES]
    span, provenance = values[_SPAN], values[_PROVENANCE]
    if span is not None:
        values[_SPAN] = _dumps(span, option=_SORTED).decode()
    if provenance is not None:
        values[_PROVENANCE] = _dumps(provenance, option=_SORTED).decode()
    return tuple(values)


def claim_from_sql(record: dict[str, Any]) -> ClaimRow:
    """Turn a claims-table record back into the row the fold wrote."""
    row = dict(record)
    for name in ("span", "provenance"):
        row[name] = _loads(row[name]) if row[name] is not None else None
    return cast(ClaimRow, row)


def article_values(row: ArticleRow) -> tuple[Any, ...]:
    """The articles-table values of a row, in column order (its claim ids as JSON)."""
    values: list[Any]
    try:
        values = list(_article_columns(row))
    except KeyError:  # as for claims: a missing column stores NULL
        values = [cast(dict[str, Any], row).get(name) for name in ARTICLE_COLUMNS]
    values[_CLAIM_IDS] = _dumps(row["claim_ids"]).decode()
    return tuple(values)


def article_from_sql(record: dict[str, Any]) -> ArticleRow:
    """Turn an articles-table record back into the row the fold wrote."""
    return cast(ArticleRow, dict(record, claim_ids=_loads(record["claim_ids"])))


def life_values(row: LifeRow) -> tuple[Any, ...]:
    """The claim_life-table values of a life entry, in column order (its detail as JSON)."""
    values = list(_life_columns(row))
    values[_DETAIL] = _dumps(row["detail"], option=_SORTED).decode()
    return tuple(values)


def life_from_sql(record: dict[str, Any]) -> LifeRow:
    """Turn a claim_life-table record back into the life entry the fold wrote."""
    return cast(LifeRow, dict(record, detail=_loads(record["detail"])))
