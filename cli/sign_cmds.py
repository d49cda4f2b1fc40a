"""Commands that sign and check the log's tree: `keygen`, `checkpoint`, `consistency`, and
`verify --checkpoint` (its half of `verify`, called from `cli.log_cmds`).

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Annotated, Any

import typer

from cli import outfile
from cli.common import JsonFlag, ledger_path, open_ledger, read_input, render

KEY_LIMIT = 10_000
NOTE_LIMIT = 1_000_000

KeyFiles = Annotated[
    list[str],
    typer.Option(
        "--key",
        help="A public key file (.pub, from `claims keygen`) that must have signed it; "
        "repeat for a cosigner.",
    ),
]


def read_keys(paths: list[str]) -> list[Any]:
    """The public keys in these files (one line each, exit 2 for a file that is not one)."""
    import ledger

    return [ledger.read_verifier(read_input(path, limit=KEY_LIMIT), path) for path in paths]


def keygen(
    ctx: typer.Context,
    out: Annotated[
        str, typer.Option(help="The private key file; the public key goes to FILE.pub.")
    ],
    name: Annotated[
        str | None,
        typer.Option(
            help="The key's name, in every signature line: a schema-less URL such as "
            "example.org/claims. Default: the ledger's origin, claim-ledger/ and the "
            "ledger file's name (claims.db: claim-ledger/claims)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Replace existing key files (a regular file only).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Make an Ed25519 key pair: FILE (private, mode 0600) and FILE.pub (the public vkey).

    The public key is written NAME+KEYID+KEY as C2SP's signed-note spec gives it; hand it to
    whoever checks your checkpoints and bundles. Keep FILE to yourself.
    """
    import ledger

    public_path = out + ".pub"
    outfile.check_target(out, force=force, option="--out")
    outfile.check_target(public_path, force=force, option="--out")
    if name is None:
        name = ledger.default_origin(ledger_path(ctx))
    private, public = ledger.new_key_pair(name)
    with outfile.output_file(out, force=force, option="--out", mode=0o600) as fh:
        fh.write(private.encode())
    with outfile.output_file(public_path, force=force, option="--out") as fh:
        fh.write(public.encode())
    vkey = public.strip()
    if as_json:
        render.write_json({"private": out, "public": public_path, "vkey": vkey})
    else:
        render.message(f"wrote {out} (private, 0600) and {public_path}: {vkey}")


def checkpoint(
    ctx: typer.Context,
    key: Annotated[str, typer.Option(help="The private key file to sign with.")],
    origin: Annotated[
        str | None, typer.Option(help="The log's name on the first line. Default: the key's name.")
    ] = None,
    cosign: Annotated[
        str | None,
        typer.Option(
            help="Add KEY's cosignature to this checkpoint file instead, once this ledger's "
            "tree at its size has its root (a witness's countersignature); the ledger records "
            "it as a checkpoint-cosigned event."
        ),
    ] = None,
    out: Annotated[str | None, typer.Option(help="Write the note to FILE, not stdout.")] = None,
    force: Annotated[
        bool, typer.Option(help="Overwrite an existing --out file (a regular file only).")
    ] = False,
    actor: Annotated[str, typer.Option(help="Who issues it (recorded in the log).")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Sign the log's tree as a C2SP checkpoint (origin, size, root), recorded in the log.

    Publish the note where the ledger's writer cannot take it back (see docs/reliability.md);
    `claims verify --checkpoint` later proves the log still extends it.
    """
    import ledger

    if out is not None:
        outfile.check_target(out, force=force)
    signer = ledger.read_signer(read_input(key, limit=KEY_LIMIT), key)
    if cosign is not None:
        cosigned = _cosign(ctx, cosign, signer, actor)
        note, recorded = cosigned.note, cosigned.recorded
        size, root = cosigned.checkpoint.size, cosigned.checkpoint.root.hex()
    else:
        with open_ledger(ctx) as opened:
            issued = ledger.issue_checkpoint(opened, signer, origin=origin, actor=actor)
        note, size, root, recorded = issued.note, issued.size, issued.root, issued.recorded
    if out is not None:
        with outfile.output_file(out, force=force) as fh:
            fh.write(note.encode())
    if as_json:
        position = recorded.envelope.position if recorded else None
        render.write_json({"note": note, "size": size, "root": root, "recorded_at": position})
    elif out is None:
        sys.stdout.write(note)
    else:
        render.message(f"checkpoint of size {size} written to {out}")


def _cosign(ctx: typer.Context, path: str, signer: Any, actor: str) -> Any:
    """Cosign a checkpoint file, checked against the ledger when there is one (which then
    records the cosignature)."""
    import ledger

    data = read_input(path, limit=NOTE_LIMIT)
    target = ledger_path(ctx)
    now = int(time.time())
    if "://" not in target and not os.path.exists(target):
        return ledger.cosign_checkpoint(None, data, signer, timestamp=now)
    with open_ledger(ctx) as opened:
        return ledger.cosign_checkpoint(opened, data, signer, timestamp=now, actor=actor)


def verify_checkpoint(ctx: typer.Context, path: str, keys: list[str], as_json: bool) -> None:
    """`claims verify --checkpoint FILE --key PUB`: exit 1 naming where the log parts."""
    import ledger

    if not keys:
        raise ledger.InvalidInput("--checkpoint needs --key PUB (the key that signed it)")
    verifiers = read_keys(keys)
    data = read_input(path, limit=NOTE_LIMIT)
    with open_ledger(ctx, readonly=True) as opened:
        report = ledger.verify_checkpoint(opened, data, verifiers)
    if as_json:
        render.write_json(report)
        if not report.ok:
            raise typer.Exit(1)
        return
    if not report.ok:
        raise ledger.IntegrityError(f"{path}: {report.reason}")
    render.message(
        f"ok: the log ({report.head} events) extends the checkpoint of size {report.size} "
        f"({'; '.join(report.signatures)})"
    )


def consistency(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help="The older checkpoint file.")],
    new: Annotated[str, typer.Argument(help="The newer checkpoint file.")],
    key: Annotated[
        list[str] | None,
        typer.Option(help="A public key file that must have signed both; repeatable."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Check that NEW's tree extends OLD's, with a consistency proof this ledger produces.

    The proof is verified against the two checkpoints' roots (RFC 9162), so a ledger that
    rewrote its log cannot produce one.
    """
    import ledger

    verifiers = read_keys(key or [])
    old_data, new_data = read_input(old, limit=NOTE_LIMIT), read_input(new, limit=NOTE_LIMIT)
    with open_ledger(ctx, readonly=True) as opened:
        report = ledger.check_consistency(opened, old_data, new_data, verifiers)
    if as_json:
        render.write_json(report)
        if not report.ok:
            raise typer.Exit(1)
        return
    if not report.ok:
        raise ledger.IntegrityError(str(report.reason))
    signed = "" if verifiers else " (signatures not checked: give --key)"
    render.message(
        f"ok: size {report.new['size']} extends size {report.old['size']}, "
        f"{len(report.proof)} proof hashes{signed}"
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(keygen)
    app.command()(checkpoint)
    app.command()(consistency)
