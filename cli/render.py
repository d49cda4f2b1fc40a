"""The rendering façade: every name a command renders with, re-exported on purpose.

Commands render through this one module (`cli.common.render`, imported on a command's first
output; `cli.app` takes `inert` from here for error lines); each name is owned by the module
it comes from, so that is where to read or change it:

- `cli.render_inert`    terminal safety: `inert` (no rich)
- `cli.render_formats`  output for machines: `write_json`, `write_json_line`, `write_csv`
- `cli.render_console`  the consoles and shared pieces: `console`, `err_console`,
                        `message`, `progress`, `print_table` (a table to a pipe: line by line)
- `cli.render_log`      the log and what goes into it: `log_table`, `recorded`,
                        `ingest_lines`, `ingest_summary`, `extraction`, `dataset_report`
- `cli.render_views`    the read models: `totals_table`, `sources_table`, `claim_panel`
- `cli.render_history`  a metric over time: `sparkline`, `history_table`
- `cli.render_deltas`   its changes (`history --deltas`): `deltas_table`
- `cli.render_plot`     its chart: `plot_format`, `plot_history`, `PLOT_FORMATS`
- `cli.render_audit`    the audit trail: `evidence`, `total_explanations`, `findings_table`
- `cli.render_articles` one article: `article_panel`, `article_retracted`
- `cli.render_search`   claims found by what they say: `search_table`

A test that replaces a renderer patches it here (`cli.render.plot_history`): commands look
each name up on this module when they call it.

Imports: `cli.render_*`; rich only through `cli.render_rich`, when output needs it.
"""

from __future__ import annotations

from cli.render_articles import article_panel, article_retracted
from cli.render_audit import evidence, findings_table, total_explanations
from cli.render_console import console, err_console, message, progress
from cli.render_deltas import deltas_table
from cli.render_formats import write_csv, write_json, write_json_line
from cli.render_history import history_table, sparkline
from cli.render_inert import inert
from cli.render_log import (
    dataset_report,
    explanation,
    extraction,
    ingest_lines,
    ingest_summary,
    log_table,
    recorded,
)
from cli.render_plot import PLOT_FORMATS, plot_format, plot_history
from cli.render_search import search_table
from cli.render_views import claim_panel, sources_table, totals_table

__all__ = [
    "PLOT_FORMATS",
    "article_panel",
    "article_retracted",
    "claim_panel",
    "console",
    "dataset_report",
    "deltas_table",
    "err_console",
    "evidence",
    "explanation",
    "extraction",
    "findings_table",
    "history_table",
    "inert",
    "ingest_lines",
    "ingest_summary",
    "log_table",
    "message",
    "plot_format",
    "plot_history",
    "progress",
    "recorded",
    "search_table",
    "sources_table",
    "sparkline",
    "total_explanations",
    "totals_table",
    "write_csv",
    "write_json",
    "write_json_line",
]
