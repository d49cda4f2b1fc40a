"""Commands that hand out proofs anyone can check: `prove`.

`prove --consistency OLD_SIZE [--size NEW]` prints the RFC 9162 consistency proof that the log
of OLD_SIZE events is a prefix of the log of NEW (default: all of it), with both sizes and
roots. `prove CLAIM_ID --checkpoint FILE` writes a claim's inclusion bundle
(`cli.bundle_cmds`). Each command parses its options, makes one call into `ledger`, and
renders it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from cli.common import JsonFlag, open_ledger, render


def prove(
    ctx: typer.Context,
    claim_id: Annotated[
        str | None,
        typer.Argument(help="A claim to prove: its inclusion bundle (with --checkpoint)."),
    ] = None,
    consistency: Annotated[
        int | None,
        typer.Option(
            "--consistency", min=0, help="Prove the log of this many events is a prefix of it."
        ),
    ] = None,
    size: Annotated[
        int | None,
        typer.Option("--size", min=0, help="With --consistency: the newer size (default: all)."),
    ] = None,
    checkpoint: Annotated[
        str | None,
        typer.Option(help="With CLAIM_ID: the checkpoint of this ledger to prove it against."),
    ] = None,
    out: Annotated[
        str | None, typer.Option(help="With CLAIM_ID: write the bundle to FILE, not stdout.")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite an existing --out file (a regular file only).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Print a Merkle proof anyone can check: a claim's inclusion bundle (CLAIM_ID
    --checkpoint FILE), or that an older log is a prefix of this one (--consistency).

    A bundle holds the claim, the events that produced and changed it (their canonical
    bytes, as the hash chain hashes them), the article's content hash and quote, each event's
    inclusion proof and the signed checkpoint: `claims verify-bundle` checks it with the
    public key alone.
    """
    from ledger import InvalidInput

    if (claim_id is None) == (consistency is None):
        raise InvalidInput("give a CLAIM_ID, or --consistency OLD_SIZE (one of them, not both)")
    if claim_id is not None:
        if checkpoint is None:
            raise InvalidInput("prove CLAIM_ID needs --checkpoint FILE (`claims checkpoint`)")
        from cli.bundle_cmds import write_bundle

        write_bundle(ctx, claim_id, checkpoint, out=out, force=force)
        return
    if checkpoint is not None or out is not None:
        raise InvalidInput("--checkpoint and --out go with CLAIM_ID, not --consistency")
    assert consistency is not None
    with open_ledger(ctx, readonly=True) as ledger:
        proof = ledger.prove_consistency(consistency, size)
    if as_json:
        render.write_json(proof.as_json())
        return
    render.message(f"consistency proof: size {proof.old_size} -> size {proof.new_size}")
    render.message(f"old root: {proof.old_root.hex()}")
    render.message(f"new root: {proof.new_root.hex()}")
    render.message(f"proof: {len(proof.proof)} hashes")
    for digest in proof.proof:
        render.message(f"  {digest.hex()}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(prove)
