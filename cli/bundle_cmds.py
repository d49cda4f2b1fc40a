"""Inclusion bundles: writing one (`prove CLAIM_ID --checkpoint FILE`, whose options are
parsed in `cli.proof_cmds`), and `verify-bundle`, which checks one with no ledger at all.

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli import outfile
from cli.common import JsonFlag, open_ledger, read_input, render
from cli.sign_cmds import NOTE_LIMIT, read_keys

BUNDLE_LIMIT = 64_000_000


def write_bundle(
    ctx: typer.Context, claim_id: str, checkpoint: str, *, out: str | None, force: bool
) -> None:
    """`claims prove CLAIM_ID --checkpoint FILE [--out FILE]` (the option parsing lives with
    `prove` in `cli.proof_cmds`): the bundle, to stdout or --out."""
    import orjson

    import ledger

    if out is not None:
        outfile.check_target(out, force=force)
    note = read_input(checkpoint, limit=NOTE_LIMIT)
    with open_ledger(ctx, readonly=True) as opened:
        bundle = ledger.prove_claim(opened, claim_id, note)
    data = orjson.dumps(bundle, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
    if out is None:
        render.write_json(bundle)
        return
    with outfile.output_file(out, force=force) as fh:
        fh.write(data)
    events = len(bundle["events"])
    render.message(f"bundle of {claim_id} ({events} events, {len(data)} bytes) written to {out}")


def verify_bundle(
    file: Annotated[str, typer.Argument(help="A bundle written by `claims prove`.")],
    key: Annotated[
        list[str],
        typer.Option(help="The public key file of the ledger (and any cosigner); repeatable."),
    ],
    as_json: JsonFlag = False,
) -> None:
    """Check a bundle offline, with only the public key: the checkpoint's signatures, each
    event's hash and inclusion proof, and that the claim and quote follow from the events.

    Needs no ledger; exit 1 saying what failed.
    """
    import ledger

    verifiers = read_keys(key)
    checked = ledger.check_bundle(read_input(file, limit=BUNDLE_LIMIT), verifiers)
    if as_json:
        render.write_json({"ok": True, "checked": checked})
        return
    for line in checked:
        render.message(f"ok: {line}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("verify-bundle")(verify_bundle)
