"""Importers: turning outside material — article files, published data sets — into events.

The sub-system's one public entry point; the application layer calls it and never reaches into
its modules. Names load on first use (PEP 562), so `from ledger.importers import ArticleOptions`
does not load the data-set reader, and neither loads the extractor.

    articles        reading article files and folders; `claims extract`
    dataset         `plan_dataset`: a data set's files -> the batch of events that imports it
    dataset_plan    what is new, rewritten, unchanged or absent against the ledger's claims
    gs_daily        the General Staff's daily figures: mapping, claim ids, declared corrections
    gs_daily_files  finding and reading the gs-daily files
    records         the shape checks of a JSON data file, and its one-line refusals

Imports only downward: `events`, `ledger.errors`, `ledger.files` and (lazily, for articles)
`ledger.ingest`; never `ledger.service`, `ledger.app` or `cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger.lazy import lazy_names

if TYPE_CHECKING:
    from ledger.importers.articles import (
        ArticleOptions,
        ArticleSource,
        ArticleView,
        ExtractedArticle,
        extract_articles,
        read_articles,
    )
    from ledger.importers.dataset import (
        FORMATS,
        DatasetImport,
        DatasetSummary,
        claim_stream,
        plan_dataset,
    )
    from ledger.importers.dataset_plan import (
        ImportPlan,
        PlannedCorrection,
        RewrittenFields,
        plan_import,
    )
    from ledger.importers.gs_daily import (
        CLAIMANT,
        DATASET,
        PERIOD_START,
        DatasetFigure,
        DeclaredCorrection,
        claim_id_for,
        parse_declared_corrections,
        parse_gs_daily,
    )
    from ledger.importers.gs_daily_files import MAX_FILE_BYTES, GsDaily, load_gs_daily

_ARTICLES = "ledger.importers.articles"
_DATASET = "ledger.importers.dataset"
_PLAN = "ledger.importers.dataset_plan"
_GS_DAILY = "ledger.importers.gs_daily"
_FILES = "ledger.importers.gs_daily_files"

_HOMES = {
    "ArticleOptions": _ARTICLES,
    "ArticleSource": _ARTICLES,
    "ArticleView": _ARTICLES,
    "ExtractedArticle": _ARTICLES,
    "extract_articles": _ARTICLES,
    "read_articles": _ARTICLES,
    "FORMATS": _DATASET,
    "DatasetImport": _DATASET,
    "DatasetSummary": _DATASET,
    "claim_stream": _DATASET,
    "plan_dataset": _DATASET,
    "ImportPlan": _PLAN,
    "PlannedCorrection": _PLAN,
    "RewrittenFields": _PLAN,
    "plan_import": _PLAN,
    "CLAIMANT": _GS_DAILY,
    "DATASET": _GS_DAILY,
    "PERIOD_START": _GS_DAILY,
    "DatasetFigure": _GS_DAILY,
    "DeclaredCorrection": _GS_DAILY,
    "claim_id_for": _GS_DAILY,
    "parse_declared_corrections": _GS_DAILY,
    "parse_gs_daily": _GS_DAILY,
    "MAX_FILE_BYTES": _FILES,
    "GsDaily": _FILES,
    "load_gs_daily": _FILES,
}

__all__ = [
    "CLAIMANT",
    "DATASET",
    "FORMATS",
    "MAX_FILE_BYTES",
    "PERIOD_START",
    "ArticleOptions",
    "ArticleSource",
    "ArticleView",
    "DatasetFigure",
    "DatasetImport",
    "DatasetSummary",
    "DeclaredCorrection",
    "ExtractedArticle",
    "GsDaily",
    "ImportPlan",
    "PlannedCorrection",
    "RewrittenFields",
    "claim_id_for",
    "claim_stream",
    "extract_articles",
    "load_gs_daily",
    "parse_declared_corrections",
    "parse_gs_daily",
    "plan_dataset",
    "plan_import",
    "read_articles",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, __all__)
