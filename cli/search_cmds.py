"""The command that finds claims by what they say: `search`.

It parses its criteria, makes one call into `ledger` (`Ledger.search`), and renders the result.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import JsonFlag, open_ledger, render
from cli.views_cmds import At


def search(
    ctx: typer.Context,
    value: Annotated[
        int | None, typer.Option(metavar="N", help="Claims of this value (see --tolerance).")
    ] = None,
    tolerance: Annotated[
        str | None,
        typer.Option(metavar="N|P%", help="How far from --value: a number (500) or a share (1%)."),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option(
            metavar="WORDS", help="Words that must all be in the quote or the article's title."
        ),
    ] = None,
    claimant: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only this claimant (or an alias of it).")
    ] = None,
    publisher: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only this publisher (or an alias of it).")
    ] = None,
    metric: Annotated[str | None, typer.Option(metavar="METRIC", help="Only this metric.")] = None,
    subject: Annotated[
        str | None, typer.Option(metavar="PARTY", help="Only losses of this party (russia, ...).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only figures as of DATE or later.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Only figures as of DATE or earlier.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="At most N claims (the earliest).")
    ] = None,
    at: At = None,
    as_json: JsonFlag = False,
) -> None:
    """Find claims by value (with a tolerance), by words, by claimant, publisher, metric,
    subject or date: each with its article and status, by as-of date.

    Example: claims search --value 407240 --tolerance 1%
    """
    with open_ledger(ctx, readonly=True) as ledger:
        found = ledger.search(
            value=value,
            tolerance=tolerance,
            text=text,
            claimant=claimant,
            publisher=publisher,
            metric=metric,
            subject=subject,
            since=since,
            until=until,
            limit=limit,
            at=at,
        )
    if as_json:
        render.write_json(found)
    else:
        render.search_table(found)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(search)
