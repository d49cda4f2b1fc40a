"""The `windows` command: window figures ("in a single day", "over the past week"), latest or
summed over a date range.

It parses its options, makes one call into `ledger` (`Ledger.windows`), and renders the
result.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import BasisFilter, JsonFlag, ReviewedFlag, open_ledger, render
from cli.views_cmds import AsOf, At, Claimant, CsvFlag, Subject


def windows(
    ctx: typer.Context,
    claimant: Claimant = None,
    subject: Subject = None,
    metric: Annotated[str | None, typer.Option(help="Only this metric.")] = None,
    basis: BasisFilter = None,
    since: Annotated[
        str | None,
        typer.Option("--from", help="Sum the window figures inside DATE..--to (YYYY-MM-DD)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="The last day of the --from range (YYYY-MM-DD).")
    ] = None,
    as_of: AsOf = None,
    at: At = None,
    reviewed: ReviewedFlag = False,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Show the latest window figure per claimant, subject and metric; with --from and --to,
    the sum of the window figures inside that range (each window once, none overlapping)."""
    with open_ledger(ctx, readonly=True) as ledger:
        rows = ledger.windows(
            claimant=claimant,
            subject=subject,
            metric=metric,
            as_of=as_of,
            at=at,
            reviewed=reviewed,
            since=since,
            until=until,
            basis=basis,
        )
    if as_json:
        render.write_json(rows)
    elif as_csv:
        from cli.render_windows import csv_rows

        render.write_csv(csv_rows(rows))
    else:
        from cli.render_windows import windows_table

        windows_table(rows, summed=since is not None)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(windows)
