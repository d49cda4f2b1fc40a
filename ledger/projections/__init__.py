"""Projections: pure folds of the log into read models, and the runner that keeps them current.

The one entry point the application layer uses: import names from `ledger.projections`, not
from its modules. Names load on first use (PEP 562), so importing the package costs nothing.

The modules, by what they own: `base` (row shapes, `Rows`, versions), `claims` (the fold),
`memory` (rows in memory), `winner_rule` (the totals rule, declared once, in Python and SQL),
`group_totals`, `source_summaries`, `history`, `deltas`, `review_scope` (pure reads of claim rows),
`tables` (DDL, columns), `codecs` (rows <-> SQL values), `queries` (read models: reads only),
and the writers: `sqlite_rows` (rows in SQLite, the totals table), `runner` (checkpoints,
catch-up, rebuilds), `views` (the local views file of a shared log), `compare` (tables vs a replay).
`windows` (window figures: the latest, and sums over a range) is a pure read too.
No module is named like a name exported here, so importing a module never hides a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.lazy import lazy_names

if TYPE_CHECKING:
    from ledger.projections.base import (
        PROJECTION_NAMES,
        PROJECTION_VERSIONS,
        ArticleRow,
        ClaimRow,
        GroupKey,
        LifeRow,
        TotalRow,
        figure_name,
        group_of,
        group_order,
        total_group,
    )
    from ledger.projections.claims import CLAIM_FIELDS, resolve
    from ledger.projections.claims import apply as fold
    from ledger.projections.compare import first_table_difference
    from ledger.projections.deltas import corrections_of, delta_series
    from ledger.projections.group_totals import totals, why_lost, winner
    from ledger.projections.history import life_of, series
    from ledger.projections.memory import MemoryRows
    from ledger.projections.queries import MemoryReadModel, ReadModel, SQLiteReadModel
    from ledger.projections.review_scope import is_reviewed, reviewed_only
    from ledger.projections.runner import (
        catch_up,
        checkpoint_rows,
        checkpoints,
        is_current,
        rebuild,
        rebuild_totals,
    )
    from ledger.projections.source_summaries import By, sources
    from ledger.projections.tables import CLAIM_COLUMNS, TABLES
    from ledger.projections.views import hash_at, open_views, sync_views, views_record
    from ledger.projections.windows import latest_windows, window_sums
    from ledger.projections.winner_rule import rank

_HOMES: dict[str, str] = {
    "ArticleRow": "ledger.projections.base:ArticleRow",
    "By": "ledger.projections.source_summaries:By",
    "CLAIM_COLUMNS": "ledger.projections.tables:CLAIM_COLUMNS",
    "CLAIM_FIELDS": "ledger.projections.claims:CLAIM_FIELDS",
    "ClaimRow": "ledger.projections.base:ClaimRow",
    "GroupKey": "ledger.projections.base:GroupKey",
    "LifeRow": "ledger.projections.base:LifeRow",
    "MemoryReadModel": "ledger.projections.queries:MemoryReadModel",
    "MemoryRows": "ledger.projections.memory:MemoryRows",
    "PROJECTION_NAMES": "ledger.projections.base:PROJECTION_NAMES",
    "PROJECTION_VERSIONS": "ledger.projections.base:PROJECTION_VERSIONS",
    "ReadModel": "ledger.projections.queries:ReadModel",
    "SQLiteReadModel": "ledger.projections.queries:SQLiteReadModel",
    "TABLES": "ledger.projections.tables:TABLES",
    "TotalRow": "ledger.projections.base:TotalRow",
    "catch_up": "ledger.projections.runner:catch_up",
    "checkpoint_rows": "ledger.projections.runner:checkpoint_rows",
    "checkpoints": "ledger.projections.runner:checkpoints",
    "corrections_of": "ledger.projections.deltas:corrections_of",
    "delta_series": "ledger.projections.deltas:delta_series",
    "figure_name": "ledger.projections.base:figure_name",
    "first_table_difference": "ledger.projections.compare:first_table_difference",
    "fold": "ledger.projections.claims:apply",
    "group_of": "ledger.projections.base:group_of",
    "group_order": "ledger.projections.base:group_order",
    "hash_at": "ledger.projections.views:hash_at",
    "is_current": "ledger.projections.runner:is_current",
    "is_reviewed": "ledger.projections.review_scope:is_reviewed",
    "latest_windows": "ledger.projections.windows:latest_windows",
    "life_of": "ledger.projections.history:life_of",
    "open_views": "ledger.projections.views:open_views",
    "rank": "ledger.projections.winner_rule:rank",
    "rebuild": "ledger.projections.runner:rebuild",
    "rebuild_totals": "ledger.projections.runner:rebuild_totals",
    "resolve": "ledger.projections.claims:resolve",
    "reviewed_only": "ledger.projections.review_scope:reviewed_only",
    "series": "ledger.projections.history:series",
    "sources": "ledger.projections.source_summaries:sources",
    "sync_views": "ledger.projections.views:sync_views",
    "total_group": "ledger.projections.base:total_group",
    "totals": "ledger.projections.group_totals:totals",
    "views_record": "ledger.projections.views:views_record",
    "why_lost": "ledger.projections.group_totals:why_lost",
    "window_sums": "ledger.projections.windows:window_sums",
    "winner": "ledger.projections.group_totals:winner",
}
"""Each exported name: (the module under `ledger.projections` that defines it, its name there)."""

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_FIELDS",
    "PROJECTION_NAMES",
    "PROJECTION_VERSIONS",
    "TABLES",
    "ArticleRow",
    "By",
    "ClaimRow",
    "GroupKey",
    "LifeRow",
    "MemoryReadModel",
    "MemoryRows",
    "ReadModel",
    "SQLiteReadModel",
    "TotalRow",
    "catch_up",
    "checkpoint_rows",
    "checkpoints",
    "corrections_of",
    "delta_series",
    "figure_name",
    "first_table_difference",
    "fold",
    "group_of",
    "group_order",
    "hash_at",
    "is_current",
    "is_reviewed",
    "latest_windows",
    "life_of",
    "open_views",
    "rank",
    "rebuild",
    "rebuild_totals",
    "resolve",
    "reviewed_only",
    "series",
    "sources",
    "sync_views",
    "total_group",
    "totals",
    "views_record",
    "why_lost",
    "window_sums",
    "winner",
]
"""The public names: exactly the keys of `_HOMES` (a test checks), sorted as ruff sorts them."""


__getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)
