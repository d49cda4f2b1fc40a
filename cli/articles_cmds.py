"""Commands that read articles: `ingest` (records them) and `extract` (shows, writes nothing).

Each command parses its options, makes one call into `ledger`, and renders the result.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from cli import web_cmds
from cli.common import JsonFlag, open_ledger, render

Paths = Annotated[
    list[str], typer.Argument(help="Article files (.txt .md .html .json), folders, or - (stdin).")
]
IngestPaths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Article files (.txt .md .html .json), folders, - (stdin), or http(s):// URLs."
    ),
]
Url = Annotated[str | None, typer.Option(help="The article's URL (one article only).")]
Publisher = Annotated[str | None, typer.Option(help="The outlet that published it.")]
Published = Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")]


def _stdin() -> bytes:
    from ledger import MAX_ARTICLE_BYTES

    return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)


def _failure(error: str | None) -> None:
    sys.stderr.write(f"claims: error: {render.inert(' '.join(str(error).split()))}\n")


def _no_claims(reason: str | None) -> None:
    """One line on stderr for an article that can give no claims, saying why."""
    if reason:
        sys.stderr.write(f"claims: note: no claims: {render.inert(' '.join(reason.split()))}\n")


def _same_content(result: Any) -> None:
    """One line on stderr for a text the ledger holds as another article: which one."""
    if getattr(result, "same_content", False):
        where = f" at position {result.position}" if result.position else ""
        sys.stderr.write(
            f"claims: note: {render.inert(result.source)}: the same text as article "
            f'{result.article_id} "{render.inert(result.title)}"{where}: nothing written\n'
        )


def ingest(
    ctx: typer.Context,
    paths: IngestPaths = None,
    url: Url = None,
    publisher: Publisher = None,
    published: Published = None,
    actor: Annotated[str, typer.Option(help="Who records them.")] = "cli",
    dry_run: Annotated[
        bool, typer.Option(help="Show what would be recorded; write nothing.")
    ] = False,
    from_file: Annotated[
        str | None, typer.Option(help="A file of URLs to fetch, one a line (# comments).")
    ] = None,
    timeout: web_cmds.Timeout = 20.0,
    delay: web_cmds.Delay = 1.0,
    allow_private: web_cmds.AllowPrivate = False,
    ignore_robots: web_cmds.IgnoreRobots = False,
    as_json: JsonFlag = False,
) -> None:
    """Record articles: each new article becomes one event with the claims found in it.

    A URL is fetched (redirects followed, robots.txt honoured) and its page kept in the log.
    """
    from ledger import ArticleOptions, ArticleSource, InvalidInput

    paths = list(paths or [])
    urls = web_cmds.urls_of(paths, from_file)
    if urls:
        if url is not None:
            raise InvalidInput("--url is for a file; a fetched page is named by its own URL")
        options = web_cmds.web_options(
            timeout=timeout,
            delay=delay,
            allow_private=allow_private,
            ignore_robots=ignore_robots,
            publisher=publisher,
            published=published,
        )
        web_cmds.ingest_urls(ctx, urls, options, dry_run=dry_run, actor=actor, as_json=as_json)
        return
    source = ArticleSource(paths, stdin=_stdin)
    options = ArticleOptions(url=url, publisher=publisher, published=published)
    with open_ledger(ctx) as ledger, render.progress(enabled=not as_json) as progress:
        results = []
        for result in ledger.ingest(source, options, dry_run=dry_run, actor=actor):
            results.append(result)
            progress(len(results), len(source.files))
            if result.status == "failed":
                _failure(result.error)
                continue
            _no_claims(result.no_claims_reason)
            _same_content(result)
            if as_json:
                render.write_json_line(result.as_json())
    if as_json:
        for result in results:
            if result.status == "failed":
                render.write_json_line(result.as_json())
    else:
        render.ingest_summary(results, dry_run=dry_run)
    _exit_for(results)


def _exit_for(results: list[Any]) -> None:
    """Exit 2 when every input was bad, 1 when only some were, 0 otherwise."""
    failed = sum(1 for r in results if r.status == "failed")
    if failed and failed == len(results):
        raise typer.Exit(2)
    if failed:
        raise typer.Exit(1)


def extract(
    paths: Paths,
    url: Url = None,
    publisher: Publisher = None,
    published: Published = None,
    explain: Annotated[
        bool,
        typer.Option(
            help="Also show each number in the text: claim, dropped or not a figure, and "
            "the rule that decided each field."
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Show the claims ingesting would record, without writing anything."""
    from ledger import ArticleOptions, ArticleSource, InvalidInput, extract_articles

    source = ArticleSource(paths, stdin=_stdin)
    options = ArticleOptions(url=url, publisher=publisher, published=published)
    documents, failures = [], []
    for item in extract_articles(source, options, explain=explain):
        if isinstance(item, dict):
            documents.append(item)
            _no_claims(item.get("no_claims_reason"))
        else:
            failures.append(item)
            _failure(item.error)
    if as_json:
        if len(documents) == 1 and len(source.files) == 1 and not failures:
            render.write_json(documents[0])
        elif documents or not failures:
            render.write_json(documents)
    else:
        render.extraction(documents)
        if explain:
            render.explanation(documents)
    if failures:
        raise typer.Exit(2 if not documents else 1)
    if not documents:
        raise InvalidInput("no articles found")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(ingest)
    app.command()(extract)
