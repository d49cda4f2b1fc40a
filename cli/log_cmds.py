"""Commands over the log itself: `log`, `verify`, `export`, `import`, `schema`.

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer

from cli import outfile
from cli.common import JsonFlag, open_ledger, render


def log(
    ctx: typer.Context,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Only this event type.")] = None,
    stream: Annotated[str | None, typer.Option(help="Only this stream.")] = None,
    start: Annotated[int, typer.Option("--from", min=1, help="First position.")] = 1,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show the events of the log in position order (--json: one JSON object per line)."""
    with open_ledger(ctx, readonly=True) as ledger:
        events = ledger.log(start=start, stream=stream, types=type_, limit=limit)
        if as_json:
            for envelope in events:
                render.write_json_line(envelope.as_dict())
        else:
            render.log_table(events)


def verify(
    ctx: typer.Context,
    checkpoint: Annotated[
        str | None,
        typer.Option(
            help="Instead: prove the log extends this signed checkpoint (its root at that "
            "size, then a consistency proof to the head); exit 1 naming where they part."
        ),
    ] = None,
    key: Annotated[
        list[str] | None,
        typer.Option(help="With --checkpoint: a public key that must have signed it."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Recompute the hash chain and validate every event; exit 1 at the first fault."""
    if checkpoint is not None or key:
        from cli.sign_cmds import verify_checkpoint

        if checkpoint is None:
            from ledger import InvalidInput

            raise InvalidInput("--key goes with --checkpoint FILE")
        verify_checkpoint(ctx, checkpoint, key or [], as_json)
        return
    from ledger import IntegrityError

    with open_ledger(ctx, readonly=True) as ledger:
        report = ledger.verify()
    if as_json:
        problem = report.problem
        render.write_json(
            {
                "ok": report.ok,
                "events": report.events,
                "head": report.head,
                "position": problem.position if problem else None,
                "reason": problem.reason if problem else None,
            }
        )
        if problem:
            raise typer.Exit(1)
        return
    if report.problem is not None:
        where = report.problem.position
        raise IntegrityError(
            f"the log does not verify at position {where}: {report.problem.reason}"
        )
    render.message(f"ok: {report.events} events, chain intact up to position {report.head}")


def export(
    ctx: typer.Context,
    out: Annotated[str | None, typer.Option(help="Write to FILE instead of stdout.")] = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite an existing --out file (a regular file only).")
    ] = False,
) -> None:
    """Write the whole log as JSON lines (every envelope field), for `claims import`.

    --out replaces the file only once the whole export is written (see `cli.outfile`).
    """
    if out is not None:
        outfile.check_target(out, force=force)  # refused before the log is read
    with open_ledger(ctx, readonly=True) as ledger:
        lines = ledger.export_lines()
        if out is None:
            sys.stdout.writelines(lines)
            return
        with outfile.output_file(out, force=force) as fh:
            fh.writelines(line.encode("utf-8") for line in lines)
    render.message(f"exported to {out}")


def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="An export of a ledger (JSONL), or - for stdin.")],
    prefix: Annotated[
        bool,
        typer.Option(
            "--prefix",
            help="Import a file cut short (or without a header): the events it holds, verified.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Import another ledger's export: verified whole, then applied in one transaction.

    A file holding fewer events than its header says is refused unless --prefix; an event
    this ledger has under the same id with other content is a conflict (exit 1).
    """
    from ledger import InvalidInput

    if file != "-" and not Path(file).is_file():
        raise InvalidInput(f"{file}: no such file")
    with (
        open(file, "rb") if file != "-" else contextlib.nullcontext(sys.stdin.buffer) as lines,
        open_ledger(ctx) as ledger,
    ):
        result = ledger.import_lines(lines, source=file, prefix=prefix)
    if as_json:
        render.write_json(
            {"imported": result.imported, "skipped": result.skipped, "exact": result.exact}
        )
        return
    how = "positions and hashes kept" if result.exact else "re-chained after this log's head"
    detail = f" ({how})" if result.imported else ""
    held = result.imported + result.skipped
    if result.declared is not None and held < result.declared:
        detail += f"; a prefix: {held} of the {result.declared} events of the full log"
    render.message(
        f"imported {result.imported} event(s), skipped {result.skipped} already present{detail}"
    )


def schema(
    event_type: Annotated[str | None, typer.Argument(help="Only this event type.")] = None,
) -> None:
    """Print the JSON Schema of every event type (or of one)."""
    from events import json_schemas
    from ledger import InvalidInput

    schemas = json_schemas()
    if event_type is not None:
        if event_type not in schemas:
            raise InvalidInput(f"unknown event type {event_type!r} (known: {', '.join(schemas)})")
        schemas = {event_type: schemas[event_type]}
    render.write_json(schemas)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(log)
    app.command()(verify)
    app.command()(export)
    app.command("import")(import_)
    app.command()(schema)
