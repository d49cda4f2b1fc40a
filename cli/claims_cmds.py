"""Commands that write claims by hand: `append`, `correct`, `retract` (one claim, or an
article's with `--article`), `alias`.

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import open_ledger, read_input, render

Period = typer.Option(help="cumulative (since --since) or window (--since .. --as-of).")


def append(
    ctx: typer.Context,
    claimant: Annotated[str | None, typer.Option(help="Who makes the claim.")] = None,
    subject: Annotated[str | None, typer.Option(help="Whose losses: russia, ukraine, ...")] = None,
    metric: Annotated[
        str | None, typer.Option(help="personnel, tanks, afv, ... (`claims schema`).")
    ] = None,
    value: Annotated[int | None, typer.Option(help="The figure, a whole number >= 0.")] = None,
    basis: Annotated[
        str | None, typer.Option(help="What a personnel figure counts (else: unknown).")
    ] = None,
    qualifier: Annotated[str, typer.Option(help="exact, approx, at_least or at_most.")] = "exact",
    period: Annotated[str, Period] = "cumulative",
    since: Annotated[str | None, typer.Option(help="Start of the period, YYYY-MM-DD.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date the figure is for.")] = None,
    publisher: Annotated[str | None, typer.Option(help="Outlet that reported it.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it was reported.")] = None,
    quote: Annotated[str | None, typer.Option(help="The exact words of the claim.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for the audit trail.")] = None,
    actor: Annotated[str, typer.Option(help="Who records it.")] = "cli",
    event: Annotated[
        str | None, typer.Option("--event", help="Append a JSON event from FILE (or - for stdin).")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the recorded event as JSON.")
    ] = False,
) -> None:
    """Append one claim from flags (a ClaimAsserted event), or one JSON event with --event."""
    import orjson

    from ledger import InvalidInput

    if event is not None:
        flags = (claimant, subject, metric, value, basis, since, as_of, publisher, url, quote, note)
        if any(flag is not None for flag in flags):
            raise InvalidInput("--event cannot be combined with claim flags")
        raw = read_input(event, limit=8_000_000)
        try:
            document = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise InvalidInput(f"{event}: not JSON ({exc})") from None
        with open_ledger(ctx) as ledger:
            result = ledger.append_event_document(document, actor=actor)
    else:
        missing = [
            name
            for name, given in (
                ("--claimant", claimant),
                ("--subject", subject),
                ("--metric", metric),
                ("--value", value),
                ("--as-of", as_of),
            )
            if given is None
        ]
        if missing:
            raise InvalidInput(f"missing {', '.join(missing)} (or give --event FILE)")
        fields = {
            "claimant": claimant,
            "subject": subject,
            "metric": metric,
            "value": value,
            "basis": basis,
            "qualifier": qualifier,
            "period": period,
            "period_start": since,
            "as_of": as_of,
            "publisher": publisher,
            "quote": quote,
        }
        with open_ledger(ctx) as ledger:
            result = ledger.assert_claim(fields, url=url, note=note, actor=actor)
    if as_json:
        render.write_json(result.envelope.as_dict() | {"created": result.created})
    else:
        render.recorded(result.envelope, created=result.created)


Reason = Annotated[str, typer.Option(help="Why: kept in the log for the audit trail.")]
Actor = Annotated[str, typer.Option(help="Who records it.")]


def correct(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="The claim to correct (see `claims show`).")],
    reason: Reason,
    value: Annotated[int | None, typer.Option(help="The corrected figure.")] = None,
    metric: Annotated[str | None, typer.Option(help="The corrected metric.")] = None,
    qualifier: Annotated[str | None, typer.Option(help="The corrected qualifier.")] = None,
    subject: Annotated[str | None, typer.Option(help="The corrected subject.")] = None,
    claimant: Annotated[str | None, typer.Option(help="The corrected claimant.")] = None,
    period: Annotated[str | None, typer.Option(help="cumulative or window.")] = None,
    since: Annotated[str | None, typer.Option(help="The corrected period start.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The corrected date.")] = None,
    basis: Annotated[
        str | None, typer.Option(help="What the personnel figure counts, corrected.")
    ] = None,
    actor: Actor = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print the recorded event.")] = False,
) -> None:
    """Correct named fields of a claim (a ClaimCorrected event); the old values stay in the log."""
    changes = {
        "value": value,
        "metric": metric,
        "qualifier": qualifier,
        "subject": subject,
        "claimant": claimant,
        "period": period,
        "period_start": since,
        "as_of": as_of,
        "basis": basis,
    }
    with open_ledger(ctx) as ledger:
        result = ledger.correct(claim_id, changes, reason=reason, actor=actor)
    _done(result, as_json)


def retract(
    ctx: typer.Context,
    reason: Reason,
    claim_id: Annotated[
        str | None, typer.Argument(metavar="CLAIM_ID", help="The claim to withdraw.")
    ] = None,
    article: Annotated[
        str | None,
        typer.Option(
            "--article",
            metavar="ARTICLE_ID",
            help="Instead: every active claim of this article, in one atomic batch.",
        ),
    ] = None,
    actor: Actor = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print the recorded event(s).")] = False,
) -> None:
    """Retract a claim (a ClaimRetracted event): it leaves the totals, not the log.
    With --article, every active claim of an article at once (all of them or none)."""
    from ledger import InvalidInput

    if claim_id is not None and article is None:
        with open_ledger(ctx) as ledger:
            result = ledger.retract(claim_id, reason=reason, actor=actor)
        _done(result, as_json)
        return
    if article is None or claim_id is not None:
        raise InvalidInput("give a CLAIM_ID or --article ARTICLE_ID (one of them, not both)")
    with open_ledger(ctx) as ledger:
        results = ledger.retract_article(article, reason=reason, actor=actor)
    envelopes = [r.envelope for r in results]
    if as_json:
        render.write_json(
            {
                "article_id": article,
                "retracted": [e.data["claim_id"] for e in envelopes],
                "events": [e.as_dict() for e in envelopes],
            }
        )
    else:
        render.article_retracted(article, envelopes)


def alias(
    ctx: typer.Context,
    alias_name: Annotated[str, typer.Argument(metavar="ALIAS", help="The other name.")],
    canonical: Annotated[str, typer.Argument(help="The name it stands for.")],
    publisher: Annotated[
        bool, typer.Option("--publisher", help="Alias a publisher, not a claimant.")
    ] = False,
    actor: Actor = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print the recorded event.")] = False,
) -> None:
    """Declare that ALIAS names the same source as CANONICAL (a SourceAliased event)."""
    kind = "publisher" if publisher else "claimant"
    with open_ledger(ctx) as ledger:
        result = ledger.alias(alias_name, canonical, kind=kind, actor=actor)
    _done(result, as_json)


def _done(result: object, as_json: bool) -> None:
    envelope, created = result.envelope, result.created  # type: ignore[attr-defined]
    if as_json:
        render.write_json(envelope.as_dict() | {"created": created})
    else:
        render.recorded(envelope, created=created)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(append)
    app.command()(correct)
    app.command()(retract)
    app.command()(alias)
