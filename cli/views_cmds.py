"""Commands that read the projections: `totals`, `sources`, `history`, `show`, `replay`.

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

import typer

from cli import outfile
from cli.common import BasisFilter, JsonFlag, ReviewedFlag, open_ledger, render

CsvFlag = Annotated[bool, typer.Option("--csv", help="Print CSV (formula-safe).")]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Only figures about dates up to DATE (YYYY-MM-DD).")
]
At = Annotated[
    int | None,
    typer.Option("--at", min=0, help="As the ledger stood when the log ended at POSITION."),
]
Claimant = Annotated[str | None, typer.Option(help="Only this claimant (or any alias of it).")]
Subject = Annotated[str | None, typer.Option(help="Only losses of this party (russia, ...).")]


def totals(
    ctx: typer.Context,
    subject: Subject = None,
    metric: Annotated[str | None, typer.Option(help="Only this metric.")] = None,
    basis: BasisFilter = None,
    claimant: Claimant = None,
    as_of: AsOf = None,
    at: At = None,
    reviewed: ReviewedFlag = False,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Show the standing cumulative figure per claimant, subject and metric."""
    with open_ledger(ctx, readonly=True) as ledger:
        rows = ledger.totals(
            subject=subject,
            metric=metric,
            claimant=claimant,
            as_of=as_of,
            at=at,
            reviewed=reviewed,
            basis=basis,
        )
    if as_json:
        render.write_json(rows)
    elif as_csv:
        render.write_csv(rows)
    else:
        render.totals_table(rows)


def sources(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Only this claimant or publisher.")] = None,
    by: Annotated[str, typer.Option(help="claimant or publisher.")] = "claimant",
    at: At = None,
    reviewed: ReviewedFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Summarise each claimant (or publisher): articles, claims, metrics, dates, latest figures."""
    from ledger import InvalidInput

    if by not in ("claimant", "publisher"):
        raise InvalidInput(f"--by must be claimant or publisher, not {by!r}")
    with open_ledger(ctx, readonly=True) as ledger:
        rows = ledger.sources(by=by, name=name, at=at, reviewed=reviewed)  # type: ignore[arg-type]
    if as_json:
        render.write_json(rows)
    else:
        render.sources_table(rows, by=by)


def history(
    ctx: typer.Context,
    metric: Annotated[str, typer.Argument(help="personnel, tanks, afv, ...")],
    basis: BasisFilter = None,
    claimant: Claimant = None,
    subject: Subject = None,
    since: Annotated[
        str | None, typer.Option(help="Only figures about dates from DATE on (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only figures about dates up to DATE (YYYY-MM-DD).")
    ] = None,
    at: At = None,
    reviewed: ReviewedFlag = False,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    plot: Annotated[
        str | None,
        typer.Option(help="Also draw the series to FILE (.png, .svg or .pdf; needs matplotlib)."),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite an existing --plot file (a regular file only).")
    ] = False,
    deltas: Annotated[
        bool,
        typer.Option(
            "--deltas",
            help="Show the change between consecutive figures instead (one a date, as totals "
            "pick it), with falls a correction explains and the claimant's stated increments.",
        ),
    ] = False,
) -> None:
    """Show a metric's figures over time, per claimant, with a sparkline."""
    if plot is not None and deltas:
        from ledger import InvalidInput

        raise InvalidInput("--plot draws the figures, not their deltas: use one or the other")
    if plot is not None:  # refused before the log is read; written like `export --out`
        fmt = render.plot_format(plot)
        outfile.check_target(plot, force=force, option="--plot")
    with open_ledger(ctx, readonly=True) as ledger:
        rows = ledger.history(
            metric,
            claimant=claimant,
            subject=subject,
            at=at,
            reviewed=reviewed,
            since=since,
            until=until,
            basis=basis,
            deltas=deltas,
        )
    if deltas:
        return _deltas(rows, as_json=as_json, as_csv=as_csv)
    if plot is not None:
        if not rows:  # no empty image: nothing is written
            from ledger import NotFound

            raise NotFound(f"no {metric} figures match; {plot} not written")
        with outfile.output_file(plot, force=force, option="--plot") as out:
            render.plot_history(rows, out, fmt=fmt)
    if as_json:
        render.write_json(rows)
    elif as_csv:
        render.write_csv(
            [
                {
                    k: v
                    for k, v in {
                        **point,
                        "claimant": s["claimant"],
                        "subject": s["subject"],
                        "metric": s["metric"],
                    }.items()
                }
                for s in rows
                for point in s["points"]
            ]
        )
    else:
        render.history_table(rows)


def _deltas(rows: list[dict[str, Any]], *, as_json: bool, as_csv: bool) -> None:
    """`history --deltas`: the delta series, as JSON, CSV (one row a delta) or tables."""
    if as_json:
        render.write_json(rows)
    elif as_csv:
        render.write_csv([_csv_row(s, d) for s in rows for d in s["deltas"]])
    else:
        render.deltas_table(rows)


def _csv_row(series: dict[str, Any], delta: dict[str, Any]) -> dict[str, Any]:
    """One delta as a CSV row: its series, then its fields, the claim ids in columns."""
    row = {k: series[k] for k in ("claimant", "subject", "metric")}
    row |= {k: v for k, v in delta.items() if k not in ("claims", "stated_claim")}
    before, after = delta["claims"]
    return row | {"from_claim": before, "to_claim": after, "stated_claim": delta["stated_claim"]}


def show(
    ctx: typer.Context,
    ident: Annotated[
        str,
        typer.Argument(
            metavar="CLAIM_ID|ARTICLE_ID", help="A claim id (c_...) or article id (a_...)."
        ),
    ],
    at: At = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one claim (its figure, its quote in its sentence, its article, its life), or one
    article (its metadata, revisions and claims)."""
    with open_ledger(ctx, readonly=True) as ledger:
        shown = ledger.show_any(ident, at=at)
    if as_json:
        render.write_json(shown.document)
    elif shown.kind == "article":
        render.article_panel(shown.document)
    else:
        render.claim_panel(shown.document)


def replay(
    ctx: typer.Context,
    projection: Annotated[
        str | None,
        typer.Option(help="Only this projection: claims (all, refolded) or totals (from claims)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Rebuild the projections from position 1 and say how fast it went."""
    started = time.perf_counter()
    with open_ledger(ctx) as ledger:
        events, head = ledger.replay(projection)
    seconds = time.perf_counter() - started
    rebuilt = ["totals"] if projection == "totals" and not events else ["claims", "totals"]
    report = {
        "events": events,
        "head": head,
        "projections": rebuilt,
        "seconds": round(seconds, 3),
        "events_per_second": round(events / seconds) if seconds and events else None,
    }
    if as_json:
        render.write_json(report)
    elif events:
        render.message(replay_message(events, rebuilt, seconds))
    else:
        render.message(f"rebuilt {', '.join(rebuilt)} up to position {head} in {seconds:.2f}s")


# The fewest events `replay` prints a rate for: below it the time is the command's start-up.
RATE_FROM = 1_000


def replay_message(events: int, rebuilt: list[str], seconds: float) -> str:
    """What `replay` says it did: a rate only over `RATE_FROM` events or more (over a few, the
    time is start-up cost, and "37 events/s" would misread as the ledger's speed)."""
    done = f"replayed {events} events into {', '.join(rebuilt)} in {seconds:.2f}s"
    if events < RATE_FROM or not seconds:
        return done
    return f"{done} ({round(events / seconds)} events/s)"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(totals)
    app.command()(sources)
    app.command()(history)
    app.command()(show)
    app.command()(replay)
