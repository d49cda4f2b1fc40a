"""`ingest URL...`, `watch FEED...` and `reextract` against a local server on 127.0.0.1
(tests/webserver.py): pages, redirects, feeds whose entries change between polls, ETag/304,
robots.txt. Never the internet; `--allow-private` because the server is local."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.webserver import Route, WebServer

WEB = Path(__file__).parent / "fixtures" / "web"
PAGE = (WEB / "briefing-2023-04-04.html").read_bytes()
PAGE2 = (WEB / "briefing-2023-04-05.html").read_bytes()
LOCAL = ["--allow-private", "--delay", "0", "--timeout", "10"]
ATOM = "application/atom+xml"


def events(cli: Any, *types: str) -> list[dict[str, Any]]:
    """The log's events (of these types), as JSON."""
    out = cli("log", "--json").stdout.splitlines()
    found = [json.loads(line) for line in out]
    return [e for e in found if not types or e["type"] in types]


def test_ingest_a_url_records_the_page_with_its_provenance(cli, web_server: WebServer) -> None:
    """The article names the URL asked for, the final URL after redirects, the fetch time,
    status, content type and the raw bytes' hash; the raw bytes are kept in the log."""
    import base64
    import hashlib

    web_server.routes["/go"] = Route(status=301, headers={"Location": "/news/a"})
    web_server.routes["/news/a"] = Route(PAGE)
    result = cli("ingest", web_server.url("/go"), *LOCAL)
    assert result.exit_code == 0, result.output
    assert "new  " in result.stdout and "3 claim(s)" in result.stdout
    (article,) = events(cli, "article-recorded")
    fetch = article["data"]["fetch"]
    assert article["schema_version"] == 3
    assert article["data"]["url"] == web_server.url("/go")
    assert fetch["url"] == web_server.url("/go")
    assert fetch["final_url"] == web_server.url("/news/a")
    assert fetch["status"] == 200 and fetch["content_type"].startswith("text/html")
    assert fetch["raw_sha256"] == hashlib.sha256(PAGE).hexdigest()
    assert fetch["fetched_at"].endswith("Z") or "+00:00" in fetch["fetched_at"]
    (page,) = events(cli, "page-fetched")
    assert base64.b64decode(page["data"]["body"]) == PAGE
    assert page["stream"] == f"page-{fetch['raw_sha256']}"
    assert cli("verify").exit_code == 0


def test_the_same_page_again_writes_nothing_and_new_content_is_a_revision(
    cli, web_server: WebServer
) -> None:
    """A URL fetched again with the same content is unchanged; with new content it is a
    revision of the same article, and its new bytes are kept too."""
    web_server.routes["/a"] = Route(PAGE)
    assert cli("ingest", web_server.url("/a"), *LOCAL).exit_code == 0
    head = len(events(cli))
    again = cli("ingest", web_server.url("/a"), *LOCAL)
    assert again.exit_code == 0 and "unchanged" in again.stdout
    assert len(events(cli)) == head
    web_server.routes["/a"] = Route(PAGE.replace(b"3,620 tanks", b"3,621 tanks"))
    revised = cli("ingest", web_server.url("/a"), *LOCAL)
    assert revised.exit_code == 0 and "revised" in revised.stdout, revised.output
    assert len(events(cli, "article-revised")) == 1
    assert len(events(cli, "page-fetched")) == 2


def test_from_file_reports_per_url(cli, web_server: WebServer, tmp_path: Path) -> None:
    """A file of URLs is ingested as a folder is: one line each, a bad one failing alone
    (exit 1), comments and blank lines skipped."""
    web_server.routes["/a"] = Route(PAGE)
    web_server.routes["/b"] = Route(PAGE2)
    listing = tmp_path / "urls.txt"
    listing.write_text(
        f"# today's briefings\n{web_server.url('/a')}\n\n{web_server.url('/gone')}\n"
        f"{web_server.url('/b')}\n"
    )
    result = cli("ingest", "--from-file", str(listing), *LOCAL)
    assert result.exit_code == 1
    assert result.stdout.count("new  ") == 2
    assert "3 article(s), 2 new, 0 revised, 0 unchanged, 1 failed" in result.stdout
    assert result.stderr.count("claims: error:") == 1 and "HTTP 404" in result.stderr


def test_json_output_is_one_line_per_url(cli, web_server: WebServer) -> None:
    """`--json` prints each URL's result as a JSON line."""
    web_server.routes["/a"] = Route(PAGE)
    result = cli("ingest", web_server.url("/a"), *LOCAL, "--json")
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["status"] == "new"


def test_the_undated_rule_holds_for_pages(cli, web_server: WebServer) -> None:
    """A page with no date is refused as an undated file is: the fetch time is not a
    publication date; with --published it is recorded."""
    undated = (
        b"<html><head><title>Losses</title></head><body><article><p>Russia has lost "
        b"3,620 tanks, the General Staff said.</p></article></body></html>"
    )
    web_server.routes["/u"] = Route(undated)
    refused = cli("ingest", web_server.url("/u"), *LOCAL)
    assert refused.exit_code == 2
    assert "the fetch time is not a publication date" in refused.stderr
    given = cli("ingest", web_server.url("/u"), *LOCAL, "--published", "2023-04-04")
    assert given.exit_code == 0, given.output


def test_robots_txt_is_honoured_unless_ignored(cli, web_server: WebServer) -> None:
    """A path robots.txt disallows is not fetched; --ignore-robots fetches it."""
    web_server.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    web_server.routes["/private/a"] = Route(PAGE)
    refused = cli("ingest", web_server.url("/private/a"), *LOCAL)
    assert refused.exit_code == 2 and "robots.txt disallows" in refused.stderr
    assert "/private/a" not in web_server.paths()
    ok = cli("ingest", web_server.url("/private/a"), *LOCAL, "--ignore-robots")
    assert ok.exit_code == 0, ok.output


def test_robots_txt_is_asked_for_every_redirect_target(cli, web_server: WebServer) -> None:
    """A redirect to a path robots.txt disallows, on this site or another, is refused before
    the target is asked; each host's robots.txt is asked once; --ignore-robots follows it."""
    disallow = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    with WebServer() as other:
        web_server.routes["/robots.txt"] = other.routes["/robots.txt"] = disallow
        web_server.routes["/private/a"] = other.routes["/private/b"] = Route(PAGE)
        web_server.routes["/here"] = Route(status=302, headers={"Location": "/private/a"})
        web_server.routes["/there"] = Route(
            status=302, headers={"Location": other.url("/private/b")}
        )
        urls = [web_server.url("/here"), web_server.url("/there")]
        refused = cli("ingest", *urls, *LOCAL)
        assert refused.exit_code == 2, refused.output
        assert "redirected to " + web_server.url("/private/a") in refused.output
        assert "redirected to " + other.url("/private/b") in refused.output
        assert "/private/a" not in web_server.paths() and "/private/b" not in other.paths()
        assert web_server.paths().count("/robots.txt") == 1
        assert other.paths().count("/robots.txt") == 1
        assert events(cli) == []
        ok = cli("ingest", *urls, *LOCAL, "--ignore-robots")
        assert ok.exit_code == 0, ok.output
        assert "/private/b" in other.paths()


def test_requests_name_the_project(cli, web_server: WebServer) -> None:
    """The User-Agent names claim-ledger and its version."""
    web_server.routes["/a"] = Route(PAGE)
    cli("ingest", web_server.url("/a"), *LOCAL)
    agents = {r.headers.get("User-Agent", "") for r in web_server.requests}
    assert agents and all(a.startswith("claim-ledger/") for a in agents)


def test_credentials_in_a_url_are_never_printed_or_stored(cli, web_server: WebServer) -> None:
    """Userinfo and token parameters are dropped from what is printed and recorded."""
    web_server.routes["/a"] = Route(PAGE)
    url = web_server.url("/a?token=S3cretT0ken").replace("http://", "http://bob:hunter2@")
    result = cli("ingest", url, *LOCAL)
    assert result.exit_code == 0, result.output
    export = cli("export").stdout
    for secret in ("hunter2", "S3cretT0ken"):
        assert secret not in result.output and secret not in export
    missing = cli("ingest", url.replace("/a?", "/nope?"), *LOCAL)
    assert "hunter2" not in missing.output and "S3cretT0ken" not in missing.output


def test_kept_pages_survive_export_and_import_and_reextract_offline(
    cli, web_server: WebServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The raw bytes travel with an export; `reextract` reads them in the copy with no
    server at all; the same reading writes nothing."""
    web_server.routes["/a"] = Route(PAGE)
    cli("ingest", web_server.url("/a"), *LOCAL)
    (article,) = events(cli, "article-recorded")
    assert cli("export", "--out", str(tmp_path / "log.jsonl")).exit_code == 0
    copy = str(tmp_path / "copy.db")
    assert cli("--ledger", copy, "import", str(tmp_path / "log.jsonl")).exit_code == 0
    web_server.routes.clear()
    web_server.requests.clear()
    article_id = article["data"]["article_id"]
    result = cli("--ledger", copy, "reextract", article_id, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "unchanged"
    assert web_server.paths() == []  # offline: nothing asked of the server


def test_a_better_extractor_makes_a_revision(
    cli, web_server: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When today's reader reads the kept bytes differently, `reextract` records a revision
    carrying the same provenance; run again, it writes nothing."""
    import ledger.web.pages as pages

    web_server.routes["/a"] = Route(PAGE)
    cli("ingest", web_server.url("/a"), *LOCAL)
    (article,) = events(cli, "article-recorded")
    article_id = article["data"]["article_id"]
    real = pages.read_article_bytes

    def better(data: bytes, **kwargs: Any) -> Any:
        import dataclasses

        (draft,) = real(data, **kwargs)
        return [dataclasses.replace(draft, text=draft.text + "\n\nRead better.")]

    monkeypatch.setattr(pages, "read_article_bytes", better)
    result = cli("reextract", article_id)
    assert result.exit_code == 0 and "revised" in result.stdout, result.output
    (revision,) = events(cli, "article-revised")
    assert revision["data"]["fetch"] == article["data"]["fetch"]
    assert revision["data"]["text"].endswith("Read better.")
    again = cli("reextract", article_id)
    assert "unchanged" in again.stdout and len(events(cli, "article-revised")) == 1


def rss(*items: tuple[str, str]) -> bytes:
    """An RSS feed of (guid, link) items, newest first."""
    body = "".join(
        f'<item><title>{g}</title><link>{link}</link><guid isPermaLink="false">{g}</guid></item>'
        for g, link in items
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    return f"{head}{body}</channel></rss>".encode()


def test_watch_once_ingests_new_entries_and_remembers_them(cli, web_server: WebServer) -> None:
    """Each round ingests only the entries not seen before; what was seen is a
    `feed-polled` event; a progress line per round."""
    web_server.routes["/a"] = Route(PAGE)
    web_server.routes["/b"] = Route(PAGE2)
    web_server.routes["/feed"] = Route(rss(("one", "/a")), content_type="application/rss+xml")
    first = cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    assert first.exit_code == 0, first.output
    assert "round 1: 1 feed(s), 1 new entr(ies): 1 new" in first.stdout
    web_server.routes["/feed"] = Route(
        rss(("two", "/b"), ("one", "/a")), content_type="application/rss+xml"
    )
    second = cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    assert "1 new entr(ies): 1 new" in second.stdout, second.output
    assert web_server.paths().count("/a") == 1  # the seen entry was not fetched again
    polls = events(cli, "feed-polled")
    assert [p["data"]["new_entries"] for p in polls] == [["one"], ["two"]]


def test_watch_reads_atom(cli, web_server: WebServer) -> None:
    """An Atom feed's entries are ingested as an RSS feed's."""
    web_server.routes["/briefing-2023-04-04.html"] = Route(PAGE)
    web_server.routes["/atom"] = Route((WEB / "atom.xml").read_bytes(), content_type=ATOM)
    result = cli("watch", web_server.url("/atom"), "--once", *LOCAL)
    assert result.exit_code == 0, result.output
    assert "1 new entr(ies): 1 new" in result.stdout


def test_watch_sends_a_conditional_get_and_a_304_writes_nothing(cli, web_server: WebServer) -> None:
    """The ETag of the last answer goes back as If-None-Match; a 304 is 'not modified'."""
    web_server.routes["/a"] = Route(PAGE)
    web_server.routes["/feed"] = Route(
        rss(("one", "/a")), content_type="application/rss+xml", etag='"v1"'
    )
    cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    head = len(events(cli))
    again = cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    assert "not modified" in again.stdout, again.output
    feed_asks = [r for r in web_server.requests if r.path == "/feed"]
    assert feed_asks[-1].headers.get("If-None-Match") == '"v1"'
    assert len(events(cli)) == head


def test_watch_every_polls_until_ctrl_c(
    cli, web_server: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --every the feed is read round after round; Ctrl-C (during the pause) stops it
    cleanly: a line saying so, exit 0, a log that verifies."""
    import cli.web_cmds as web_cmds

    web_server.routes["/a"] = Route(PAGE)
    web_server.routes["/feed"] = Route(rss(("one", "/a")), content_type="application/rss+xml")
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(web_cmds.time, "sleep", sleep)
    result = cli("watch", web_server.url("/feed"), "--every", "10m", *LOCAL)
    assert result.exit_code == 0, result.output
    assert "round 1:" in result.stdout and "round 2:" in result.stdout
    assert "next round in 600s" in result.stdout
    assert "watch stopped after 2 round(s)" in result.stderr
    assert pauses == [600, 600]
    assert cli("verify").exit_code == 0


def test_a_network_failure_leaves_the_entry_to_try_again(cli, web_server: WebServer) -> None:
    """An entry whose page timed out is not marked seen: the next round tries it again."""
    web_server.routes["/slow"] = Route(PAGE, delay=1.5)
    web_server.routes["/feed"] = Route(rss(("slow", "/slow")), content_type="application/rss+xml")
    first = cli(
        "watch",
        web_server.url("/feed"),
        "--once",
        "--allow-private",
        "--delay",
        "0",
        "--timeout",
        "0.3",
    )
    assert "timed out" in first.stderr
    assert events(cli, "feed-polled") == []
    web_server.routes["/slow"] = Route(PAGE)
    second = cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    assert "1 new entr(ies): 1 new" in second.stdout, second.output


def test_reextract_of_a_file_article_says_there_is_nothing_kept(cli, tmp_path: Path) -> None:
    """An article ingested from a file has no kept page: said, exit 2."""
    path = tmp_path / "b.html"
    path.write_bytes(PAGE)
    cli("ingest", str(path))
    (article,) = events(cli, "article-recorded")
    result = cli("reextract", article["data"]["article_id"])
    assert result.exit_code == 2 and "was not fetched from the web" in result.stderr


def test_old_article_events_read_as_not_fetched() -> None:
    """A v2 article (before the web) upcasts to v3 with no fetch."""
    from events import decode

    data = json.loads(
        (Path(__file__).parent / "fixtures/events/article-recorded.v2.json").read_text()
    )
    event = decode("article-recorded", 2, data["data"])
    assert event.fetch is None  # type: ignore[attr-defined]


def test_show_article_says_what_was_fetched(cli, web_server: WebServer) -> None:
    """`show ARTICLE_ID` gives each revision's fetch: time, status, type, URLs, raw hash."""
    web_server.routes["/go"] = Route(status=302, headers={"Location": "/a"})
    web_server.routes["/a"] = Route(PAGE)
    cli("ingest", web_server.url("/go"), *LOCAL)
    (article,) = events(cli, "article-recorded")
    article_id = article["data"]["article_id"]
    shown = cli("show", article_id)
    assert f"from     {web_server.url('/go')} -> {web_server.url('/a')}" in shown.stdout
    assert article["data"]["fetch"]["raw_sha256"] in shown.stdout
    document = json.loads(cli("show", article_id, "--json").stdout)
    assert document["revisions"][0]["fetch"] == article["data"]["fetch"]


def test_a_page_near_the_limit_travels_through_export_and_import(
    cli, web_server: WebServer, tmp_path: Path
) -> None:
    """A page just under 5 MB is kept whole: its event fits an export line (base64 of 5 MB
    is under the 8 MB import limit), and the copy verifies."""
    filler = b"<script>" + b"x" * (5 * 1024 * 1024 - len(PAGE) - 200) + b"</script>"
    web_server.routes["/big"] = Route(PAGE.replace(b"</head>", filler + b"</head>"))
    result = cli("ingest", web_server.url("/big"), *LOCAL)
    assert result.exit_code == 0, result.output
    (page,) = events(cli, "page-fetched")
    assert page["data"]["size"] > 5 * 1024 * 1024 - 1000
    assert cli("export", "--out", str(tmp_path / "log.jsonl")).exit_code == 0
    copy = str(tmp_path / "copy.db")
    assert cli("--ledger", copy, "import", str(tmp_path / "log.jsonl")).exit_code == 0
    assert cli("--ledger", copy, "verify").exit_code == 0


UNDATED = b"<html><head><title>Losses</title></head><body><p>No date here.</p></body></html>"


@pytest.mark.parametrize(
    ("route", "retried"),
    [
        pytest.param(Route(b"busy", status=503, content_type="text/plain"), True, id="503"),
        pytest.param(Route(b"later", status=429, content_type="text/plain"), True, id="429"),
        pytest.param(Route(UNDATED), True, id="undated"),
        pytest.param(Route(b"gone", status=404, content_type="text/plain"), False, id="404"),
        pytest.param(Route(b"gone", status=410, content_type="text/plain"), False, id="410"),
        pytest.param(Route(b"%PDF-1.4", content_type="application/pdf"), False, id="pdf"),
    ],
)
def test_a_refused_entry_is_tried_again_only_while_the_refusal_may_change(
    cli, web_server: WebServer, route: Route, retried: bool
) -> None:
    """A 5xx, 429 or undated page leaves the entry unseen (and the feed read in full next
    time, though it answers 304 to a conditional GET); a 404, 410 or non-page is seen for good."""
    web_server.routes["/p"] = route
    web_server.routes["/feed"] = Route(
        rss(("p", "/p")), content_type="application/rss+xml", etag='"v1"'
    )
    first = cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    assert "1 new entr(ies)" in first.stdout and "1 failed" in first.stdout, first.output
    seen = [e for p in events(cli, "feed-polled") for e in p["data"]["new_entries"]]
    assert seen == ([] if retried else ["p"])
    web_server.routes["/p"] = Route(PAGE)  # the page is fine now
    second = cli("watch", web_server.url("/feed"), "--once", *LOCAL)
    assert second.exit_code == 0, second.output
    assert web_server.paths().count("/p") == (2 if retried else 1)
    assert len(events(cli, "article-recorded")) == (1 if retried else 0)
    assert ("not modified" in second.stdout) is not retried
