"""Commands that audit the ledger: `audit`, `check`, and `import-dataset` (the reference data).

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import BasisFilter, JsonFlag, ReviewedFlag, open_ledger, render


def import_dataset(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="The data set folder, or its files.")],
    fmt: Annotated[str, typer.Option("--format", help="The data set's format.")] = "gs-daily",
    actor: Annotated[str, typer.Option(help="Who records it.")] = "cli",
    dry_run: Annotated[bool, typer.Option(help="Say what would change; write nothing.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import the General Staff's daily figures as claims; rewritten figures become corrections."""
    with open_ledger(ctx) as ledger:
        report = ledger.import_dataset(paths, fmt=fmt, actor=actor, dry_run=dry_run)
    if as_json:
        render.write_json(report)
    else:
        render.dataset_report(report)


def audit(
    ctx: typer.Context,
    claim_id: Annotated[str | None, typer.Argument(help="A claim to trace.")] = None,
    metric: Annotated[str | None, typer.Option(help="Explain the total of this metric.")] = None,
    basis: BasisFilter = None,
    claimant: Annotated[str | None, typer.Option(help="Only this claimant's total.")] = None,
    subject: Annotated[str | None, typer.Option(help="Only this subject's total.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="The total as of DATE.")] = None,
    reviewed: ReviewedFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Trace a claim to its sentence, article and events; or explain a total (--metric)."""
    from ledger import InvalidInput

    if (claim_id is None) == (metric is None):
        raise InvalidInput("give a CLAIM_ID, or --metric to explain a total (not both)")
    if reviewed and metric is None:
        raise InvalidInput("--reviewed goes with --metric (a total among reviewed claims)")
    if basis is not None and metric is None:
        raise InvalidInput("--basis goes with --metric (the totals of figures that count it)")
    with open_ledger(ctx, readonly=True) as ledger:
        if claim_id is not None:
            evidence = ledger.audit_claim(claim_id)
            if as_json:
                render.write_json(evidence)
            else:
                render.evidence(evidence)
            return
        assert metric is not None  # one of the two, checked above
        totals = ledger.audit_total(
            metric=metric,
            claimant=claimant,
            subject=subject,
            as_of=as_of,
            reviewed=reviewed,
            basis=basis,
        )
    if as_json:
        render.write_json(totals)
    else:
        render.total_explanations(totals)


def check(
    ctx: typer.Context,
    fail_on: Annotated[
        str | None, typer.Option(help="Exit 1 if findings of this severity (warning|error) exist.")
    ] = None,
    quiet: Annotated[bool, typer.Option(help="Show warnings and errors only.")] = False,
    metric: Annotated[
        str | None, typer.Option(help="Only findings about figures of this metric.")
    ] = None,
    basis: BasisFilter = None,
    claimant: Annotated[
        str | None, typer.Option(help="Only findings about this claimant (or any alias of it).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="Only findings of this kind: non-monotonic, declared-correction, "
            "window-vs-series, figure-vs-series, disagreement, delta-vs-stated, reporting-lag, "
            "series-stopped or not-comparable."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(help="Only findings with a figure dated on or after DATE (YYYY-MM-DD)."),
    ] = None,
    reviewed: ReviewedFlag = False,
    as_json: JsonFlag = False,
) -> None:
    """Check the claims for consistency: falling series, windows, outlets vs claimants."""
    from ledger import InvalidInput

    if fail_on not in (None, "info", "warning", "error"):
        raise InvalidInput(f"--fail-on must be warning or error, not {fail_on!r}")
    from ledger import at_or_above

    with open_ledger(ctx, readonly=True) as ledger:
        findings = ledger.check(
            metric=metric, claimant=claimant, kind=kind, since=since, reviewed=reviewed, basis=basis
        )
    shown = at_or_above(findings, "warning") if quiet else findings
    if as_json:
        render.write_json(shown)
    else:
        render.findings_table(shown)
    if fail_on is not None and at_or_above(findings, fail_on):  # type: ignore[arg-type]
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("import-dataset")(import_dataset)
    app.command()(audit)
    app.command()(check)
