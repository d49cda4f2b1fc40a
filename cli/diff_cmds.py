"""The `diff` command: what changed between two knowledge positions of the log (#15).

It parses its options, makes one call into `ledger` (`Ledger.diff`), and renders the result
(`cli.render_diff`, imported on output like `cli.render`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import JsonFlag, open_ledger, render

Claimant = Annotated[str | None, typer.Option(help="Only this claimant (or any alias of it).")]
Subject = Annotated[str | None, typer.Option(help="Only losses of this party (russia, ...).")]
Metric = Annotated[str | None, typer.Option(help="Only this metric.")]


def diff(
    ctx: typer.Context,
    at: Annotated[
        list[int] | None,
        typer.Option(
            "--at",
            min=0,
            help="From POSITION (give it twice: from, then to; once: to the head).",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="What the events recorded since DATE (UTC, YYYY-MM-DD) changed."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="Compare the totals about dates up to DATE (YYYY-MM-DD) at each."
        ),
    ] = None,
    claimant: Claimant = None,
    subject: Subject = None,
    metric: Metric = None,
    as_json: JsonFlag = False,
) -> None:
    """Show what changed between two positions: claims added, corrected, retracted, reviewed,
    withdrawn; articles added or revised; and the totals that moved, old -> new, and why."""
    with open_ledger(ctx, readonly=True) as ledger:
        document = ledger.diff(
            at=at or (),
            since=since,
            as_of=as_of,
            claimant=claimant,
            subject=subject,
            metric=metric,
        )
    if as_json:
        render.write_json(document)
    else:
        from cli.render_diff import diff_report

        diff_report(document, as_of=as_of)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(diff)
