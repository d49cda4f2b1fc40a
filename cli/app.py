"""The root `claims` app: global options, the command registry, and the error contract.

Owns: `--ledger`/`CLAIMS_LEDGER` (a SQLite file, or a `postgresql://` URL of a shared log),
`--views`/`CLAIMS_VIEWS` (where a shared log's read models live locally), `--version`, and
turning every refusal into one line on stderr with exit 2 (bad input or usage) or 1 (the
operation failed) — never a traceback.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import Abort, TyperException

from cli import (
    articles_cmds,
    audit_cmds,
    bundle_cmds,
    claims_cmds,
    diff_cmds,
    log_cmds,
    proof_cmds,
    review_cmds,
    search_cmds,
    sign_cmds,
    views_cmds,
    web_cmds,
    windows_cmds,
)
from cli.fast_params import install as plain_params
from cli.help_text import HELP_OPTIONS, apply_help

DEFAULT_LEDGER = "claims.db"
DEFAULT_VIEWS = "claims-views.db"
GC_THRESHOLD = 50_000
"""Allocations between two young-generation collections in a `claims` process (Python: 700)."""


# The ledger URLs this run was given (`--ledger`, `CLAIMS_LEDGER`, any argument with `://`):
# no error line may show their passwords, whatever produced it.
_URLS: list[str] = []


def _note_urls(argv: Any) -> None:
    """Remember every URL on the command line and in CLAIMS_LEDGER, for `error_line`."""
    found = [os.environ.get("CLAIMS_LEDGER", "")]
    found += [a.split("=", 1)[-1] for a in argv or () if isinstance(a, str) and "://" in a]
    _URLS[:] = [url for url in found if "://" in url]


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def error_line(message: str) -> None:
    """Write one error line to stderr: the contract for every failure a user can cause.
    Made inert (no terminal escapes), and a postgres URL's password never shows, however
    malformed the URL (see ledger.redact)."""
    flat = " ".join(str(message).split())
    if not flat.isprintable():  # a control or bidi mark from a name or path: made visible
        from cli.render import inert

        flat = inert(flat)
    if _URLS or "://" in flat or "password" in flat.lower():
        from ledger import scrub  # lazily: `claims --help` never loads the ledger

        for url in _URLS or [""]:
            flat = scrub(flat, url)
    sys.stderr.write(f"claims: error: {flat}\n")


INT64 = (-(2**63), 2**63 - 1)
"""The integers every option accepts: what SQLite and the log can hold (positions, limits)."""


def _bound_integers(command: Any) -> None:
    """Give every integer option and argument the 64-bit range (on top of its own), so an
    out-of-range number is a usage error (exit 2) before any command sees it."""
    for sub in getattr(command, "commands", {}).values():
        _bound_integers(sub)
    for param in getattr(command, "params", ()):
        descriptor = getattr(param, "type_descriptor", None)
        annotation = getattr(descriptor, "annotation", None)
        info = getattr(descriptor, "parameter_info", None)
        if info is None or annotation not in (int, int | None, list[int], list[int] | None):
            continue
        # typer builds its converter from `parameter_info`, lazily; `--help` shows the
        # param's own bounds, which stay as declared
        low, high = getattr(info, "min", None), getattr(info, "max", None)
        info.min = INT64[0] if low is None else max(low, INT64[0])
        info.max = INT64[1] if high is None else min(high, INT64[1])
        param._runtime_param = None


class _Interrupted(Exception):
    """Ctrl-C during a command (typer would turn it into a silent exit 130)."""


class ClaimsGroup(TyperGroup):
    """Runs a command and maps each failure onto the exit-code contract of DESIGN.md; when
    built, gives every command its help (`cli.help_text`: metavars, choices, an example)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        apply_help(self)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        _bound_integers(self)
        plain_params(self)  # no pydantic for a plain value (see cli.fast_params)
        argv = kwargs.get("args", args[0] if args else sys.argv[1:])
        _note_urls(argv)
        for arg in argv or ():
            if isinstance(arg, str) and not _is_unicode(arg):
                # bytes that are not UTF-8 arrive as lone surrogates: no name, path or URL
                error_line(f"an argument is not valid UTF-8: {arg!a}")
                sys.exit(2)
        try:
            result = super().main(*args, **kwargs)
        except BaseException as exc:  # SystemExit and the like pass through _exit_for
            _exit_for(exc)
        sys.exit(result if isinstance(result, int) else 0)


def _exit_for(exc: BaseException) -> NoReturn:
    """Turn whatever ended a command into one error line and its exit code."""
    if isinstance(exc, TyperException):
        if type(exc).__name__ == "NoArgsIsHelpError":  # bare `claims`: help, not an error
            sys.stdout.write(exc.format_message() + "\n")
            sys.exit(0)
        hint = " (see --help)" if exc.exit_code == 2 else ""
        error_line(exc.format_message() + hint)
        sys.exit(exc.exit_code)
    if isinstance(exc, Abort):
        error_line("aborted")
        sys.exit(1)
    if isinstance(exc, BrokenPipeError):
        sys.exit(1)
    if isinstance(exc, KeyboardInterrupt | _Interrupted):
        error_line("interrupted; nothing half-written (each write is one transaction)")
        sys.exit(130)
    if not isinstance(exc, Exception):
        raise exc  # SystemExit, GeneratorExit: not ours to report
    # A LedgerError's module is loaded by whatever raised it: `claims --help` and its
    # like never import the ledger at all (see `cli.common`).
    errors = sys.modules.get("ledger.errors")
    if errors is not None and isinstance(exc, errors.LedgerError):
        error_line(str(exc))
        sys.exit(exc.exit_code)
    # a bug, not a user mistake: still one line, unless debugging
    if os.environ.get("CLAIMS_DEBUG"):
        raise exc
    error_line(f"internal error: {type(exc).__name__}: {exc} (CLAIMS_DEBUG=1 shows more)")
    sys.exit(1)


app = typer.Typer(
    cls=ClaimsGroup,
    name="claims",
    help="An append-only, hash-chained ledger of numeric claims made in the news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": HELP_OPTIONS},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"claims {version('claim-ledger')}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    ledger: Annotated[
        str,
        typer.Option(
            "--ledger",
            metavar="PATH|URL",
            envvar="CLAIMS_LEDGER",
            help="The ledger: a SQLite file, or a postgresql://... URL of a shared team log.",
            show_default=True,
        ),
    ] = DEFAULT_LEDGER,
    views: Annotated[
        str,
        typer.Option(
            "--views",
            metavar="PATH",
            envvar="CLAIMS_VIEWS",
            help="With a postgresql:// ledger: the local SQLite file of its read models.",
            show_default=True,
        ),
    ] = DEFAULT_VIEWS,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Record claims from articles and by hand; replay, audit and verify them."""
    ctx.obj = {"ledger": os.fspath(ledger), "views": os.fspath(views)}


articles_cmds.register(app)
claims_cmds.register(app)
views_cmds.register(app)
windows_cmds.register(app)
search_cmds.register(app)
audit_cmds.register(app)
log_cmds.register(app)
proof_cmds.register(app)
review_cmds.register(app)
diff_cmds.register(app)
sign_cmds.register(app)
bundle_cmds.register(app)
web_cmds.register(app)


def main() -> None:
    """Run the `claims` console script. A command is one short process that builds many rows
    and frees them by reference counting: the cycle collector is told so (the objects the
    imports made are frozen out of its scans, and it runs less often), which takes the full
    collections out of a read of thousands of claims."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 50, 100)
    app()
