"""`claims review`: a person's word on the claims the extractor read.

Owns: the command's forms — the interactive loop (no claim id: `cli.review_loop`), one
verdict (`CLAIM_ID --accept`, `CLAIM_ID --reject --reason TEXT`) and a whole article
(`--article ARTICLE_ID --accept-all`) — and their refusals. A fix is a correction with the
reason "review": in the loop, the `f` key; in a script, `claims correct CLAIM_ID --reason
review --value N`. Each command parses its options, makes one call into `ledger`, and
renders the result.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Annotated, Any

import typer

from cli.common import open_ledger, render


def review(
    ctx: typer.Context,
    claim_id: Annotated[
        str | None,
        typer.Argument(metavar="[CLAIM_ID]", help="The claim to decide on (none: the loop)."),
    ] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Accept the claim as read.")] = False,
    reject: Annotated[
        bool, typer.Option("--reject", help="Reject it as an extraction error (needs --reason).")
    ] = False,
    reason: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Why: kept in the log.")
    ] = None,
    article: Annotated[
        str | None,
        typer.Option(metavar="ARTICLE_ID", help="Review this article's claims only."),
    ] = None,
    accept_all: Annotated[
        bool,
        typer.Option("--accept-all", help="With --article: accept all its unreviewed claims."),
    ] = False,
    actor: Annotated[str, typer.Option(metavar="NAME", help="Who reviews.")] = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print the recorded events.")] = False,
) -> None:
    """Accept, fix or reject extracted claims: an interactive loop, or one decision by flags."""
    from ledger import InvalidInput

    if accept and reject:
        raise InvalidInput("give --accept or --reject, not both")
    if reason is not None and not reject:
        raise InvalidInput("--reason goes with --reject")
    if accept_all and (claim_id is not None or article is None or accept or reject):
        raise InvalidInput("--accept-all takes --article ARTICLE_ID and no claim id")
    if claim_id is not None and article is not None:
        raise InvalidInput("give a CLAIM_ID or --article, not both")
    if accept_all:
        assert article is not None
        with open_ledger(ctx) as ledger:
            written = ledger.accept_article(article, actor=actor)
            done = ledger.review_progress()
        _report(
            written,
            done,
            as_json,
            empty=f"nothing to accept: article {article} has no unreviewed claim",
        )
        return
    if claim_id is not None:
        if not (accept or reject):
            raise InvalidInput(f"say what to do with {claim_id}: --accept or --reject --reason")
        verdict = "accepted" if accept else "rejected"
        with open_ledger(ctx) as ledger:
            result = ledger.review(claim_id, verdict, reason=reason, actor=actor)
            done = ledger.review_progress()
        _report([result], done, as_json, empty="")
        return
    if accept or reject:
        raise InvalidInput("--accept and --reject need a CLAIM_ID")
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InvalidInput(
            "the review loop needs a terminal; in a script use `claims review CLAIM_ID "
            "--accept` or `--reject --reason TEXT`, or `--article ARTICLE_ID --accept-all`"
        )
    from cli import review_loop

    with open_ledger(ctx) as ledger:
        review_loop.run(ledger, article_id=article, actor=actor)


def _report(written: list[Any], done: Mapping[str, Any], as_json: bool, *, empty: str) -> None:
    if as_json:
        render.write_json(
            {
                "events": [r.envelope.as_dict() for r in written],
                "progress": done,
            }
        )
        return
    if not written:
        render.message(empty)
    for result in written:
        data = result.envelope.data
        render.message(
            f"{data['verdict']} {data['claim_id']} at position {result.envelope.position}"
        )
    render.message(f"{done['reviewed']} of {done['total']} extracted claims reviewed")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(review)
