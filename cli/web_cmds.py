"""The web as a source: `ingest URL...` (called by `ingest`), `watch FEED...`, `reextract`.

Each command parses its options, makes one call into `ledger` per page, feed round or
article, and renders the result. Ctrl-C during `watch` stops it between two writes.
"""

from __future__ import annotations

import sys
import time
from typing import Annotated, Any

import typer

from cli.common import JsonFlag, open_ledger, render

Timeout = Annotated[
    float, typer.Option(min=0.01, help="Seconds to wait for a server before giving up.")
]
AllowPrivate = Annotated[
    bool,
    typer.Option(
        help="Also fetch loopback, private and link-local addresses (refused by default, so a "
        "page or feed cannot make the tool read local services)."
    ),
]
IgnoreRobots = Annotated[bool, typer.Option(help="Fetch what a site's robots.txt disallows.")]
Delay = Annotated[float, typer.Option(min=0, help="Seconds between two requests to the same host.")]


def looks_like_url(path: str) -> bool:
    """Whether an ingest argument is a URL (anything with a scheme), not a path."""
    head, sep, _ = path.partition("://")
    return bool(sep) and head.isascii() and head.replace("+", "").isalpha()


def urls_of(paths: list[str], from_file: str | None) -> list[str]:
    """The URLs an ingest was given (arguments and `--from-file`); none for files only.
    Files and URLs in one ingest are refused, as is an ingest of nothing."""
    from ledger import InvalidInput

    urls = [p for p in paths if looks_like_url(p)]
    files = [p for p in paths if not looks_like_url(p)]
    if from_file is not None:
        urls += read_url_file(from_file)
    if urls and files:
        raise InvalidInput("give either files or URLs, not both in one ingest")
    if not files and not urls:
        raise InvalidInput("give article files, folders, -, URLs or --from-file FILE")
    return urls


def read_url_file(path: str) -> list[str]:
    """The URLs of a `--from-file`: one a line; blank lines and `#` comments skipped."""
    from ledger import FileTooLarge, InvalidInput, read_regular_file

    try:
        data = read_regular_file(path, 1_000_000)
    except FileTooLarge:
        raise InvalidInput(f"--from-file {path}: too large (the limit is 1 MB)") from None
    except InvalidInput as exc:  # missing, a folder, unreadable: said by the file rules
        raise InvalidInput(f"--from-file {exc}") from None
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InvalidInput(f"--from-file {path}: is not UTF-8 text") from None
    urls = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not urls:
        raise InvalidInput(f"--from-file {path}: holds no URL")
    return urls


def web_options(**fields: Any) -> Any:
    """The ledger's `WebOptions` from the command's options."""
    from ledger import WebOptions

    return WebOptions(**fields)


def ingest_urls(
    ctx: typer.Context,
    urls: list[str],
    options: Any,
    *,
    dry_run: bool,
    actor: str,
    as_json: bool,
) -> None:
    """`claims ingest URL...`: each page fetched and recorded, one result line each."""
    from ledger import Web

    web = Web.open(options)
    try:
        with open_ledger(ctx) as ledger:
            results = []
            for result in ledger.ingest_urls(urls, web, dry_run=dry_run, actor=actor):
                results.append(result)
                _said(result)
                if as_json:
                    render.write_json_line(result.as_json())
    finally:
        web.close()
    if not as_json:
        render.ingest_summary(results, dry_run=dry_run)
    exit_for(results)


def _failure(error: str) -> None:
    from cli.articles_cmds import _failure

    _failure(error)


def _said(result: Any) -> None:
    """The lines on stderr a result owes: its error, why it has no claims."""
    from cli.articles_cmds import _no_claims, _same_content

    if result.status == "failed":
        _failure(result.error)
        return
    _no_claims(result.no_claims_reason)
    _same_content(result)


def exit_for(results: list[Any]) -> None:
    """Exit 2 when every URL was bad input, 1 when some failed or all failed on the network."""
    failed = [r for r in results if r.status == "failed"]
    if not failed:
        return
    every_network = all(r.extra.get("network") for r in failed)
    raise typer.Exit(2 if len(failed) == len(results) and not every_network else 1)


def watch(
    ctx: typer.Context,
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    every: Annotated[
        str | None, typer.Option(help="Poll again after this long (30m, 1h; at least 1m).")
    ] = None,
    once: Annotated[bool, typer.Option(help="Read each feed once and stop (for cron).")] = False,
    timeout: Timeout = 20.0,
    delay: Delay = 1.0,
    allow_private: AllowPrivate = False,
    ignore_robots: IgnoreRobots = False,
    actor: Annotated[str, typer.Option(help="Who records them.")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Watch feeds: ingest each new entry's page, remember what was seen, poll politely."""
    from ledger import InvalidInput, Web

    if once == (every is not None):
        raise InvalidInput("give --once (one round) or --every DURATION (keep polling)")
    pause = _pause(every)
    web = Web.open(
        web_options(
            timeout=timeout, allow_private=allow_private, ignore_robots=ignore_robots, delay=delay
        )
    )
    rounds = 0
    try:
        with open_ledger(ctx) as ledger:
            while True:
                rounds += 1
                report = ledger.watch_round(feeds, web, actor=actor)
                _round(rounds, report, pause, as_json=as_json)
                if pause is None:
                    break
                time.sleep(pause)
    except KeyboardInterrupt:
        sys.stderr.write(f"claims: watch stopped after {rounds} round(s)\n")
        return
    finally:
        web.close()
    if pause is None and len(report.errors) == len(feeds):
        raise typer.Exit(1)


def _pause(every: str | None) -> float | None:
    from ledger import Web

    return None if every is None else Web.every(every)


def _round(number: int, report: Any, pause: float | None, *, as_json: bool) -> None:
    """A round's lines: each page, each feed, then the progress line."""
    for result in report.results:
        _said(result)
    for error in report.errors:
        _failure(error)
    if as_json:
        render.write_json_line(
            {
                "round": number,
                "feeds": [{"feed": f, "result": line} for f, line in report.feeds],
                "pages": [r.as_json() for r in report.results],
            }
        )
        return
    render.ingest_lines(report.results)
    for feed, line in report.feeds:
        render.message(f"{'feed':>16}  {feed}: {line}")
    counts = {s: sum(1 for r in report.results if r.status == s) for s in _STATUSES}
    tail = "" if pause is None else f"; next round in {pause:g}s"
    render.message(
        f"round {number}: {len(report.feeds)} feed(s), {len(report.results)} new entr(ies): "
        + ", ".join(f"{n} {s}" for s, n in counts.items())
        + tail
    )


_STATUSES = ("new", "revised", "unchanged", "failed")


def reextract(
    ctx: typer.Context,
    article: Annotated[str, typer.Argument(help="The article (a_...) to read again.")],
    dry_run: Annotated[
        bool, typer.Option(help="Show what would be recorded; write nothing.")
    ] = False,
    actor: Annotated[str, typer.Option(help="Who records the revision.")] = "cli",
    as_json: JsonFlag = False,
) -> None:
    """Read an article's kept page again, offline: a different reading is a revision."""
    with open_ledger(ctx) as ledger:
        result = ledger.reextract(article, dry_run=dry_run, actor=actor)
    if as_json:
        render.write_json(result.as_json())
    else:
        render.ingest_lines([result])


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(watch)
    app.command()(reextract)
