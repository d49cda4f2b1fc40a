"""The web's pure parts: URL safety, credentials kept out of what is shown, feeds and their
state, polite scheduling, robots.txt rules, and the fetcher's hops (through httpx's
MockTransport: no sockets)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from ledger.errors import InvalidInput
from ledger.web.feeds import (
    FeedEntry,
    conditional_headers,
    feed_state,
    feed_stream,
    new_entries,
    read_feed,
)
from ledger.web.fetch import Fetcher, FetchRefused, NetworkFailure
from ledger.web.robots import rules_for_answer
from ledger.web.schedule import HostDelay, parse_duration
from ledger.web.urls import UnsafeUrl, address_refusal, display_url, scheme_refusal


@pytest.mark.parametrize(
    ("addresses", "refused"),
    [
        (["93.184.216.34"], None),
        (["2606:2800:220:1:248:1893:25c8:1946"], None),
        (["127.0.0.1"], "loopback"),
        (["127.8.9.10"], "loopback"),
        (["::1"], "loopback"),
        (["::ffff:127.0.0.1"], "loopback"),  # IPv4-mapped IPv6
        (["10.0.0.1"], "private"),
        (["172.16.5.4"], "private"),
        (["192.168.1.1"], "private"),
        (["fd00::1"], "private"),
        (["169.254.169.254"], "link-local"),  # a cloud's metadata service
        (["fe80::1%eth0"], "link-local"),
        (["0.0.0.0"], "non-public"),
        (["100.64.0.1"], "non-public"),  # carrier-grade NAT
        (["224.0.0.1"], "non-public"),
        (["93.184.216.34", "127.0.0.1"], "loopback"),  # one bad address is enough
        (["not-an-ip"], "unreadable address"),
    ],
)
def test_address_refusal(addresses: list[str], refused: str | None) -> None:
    """Only public addresses are fetched without --allow-private; each refusal names why."""
    problem = address_refusal("host.example", addresses, allow_private=False)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and refused in problem
    assert address_refusal("host.example", addresses, allow_private=True) is None


@pytest.mark.parametrize(
    ("url", "refused"),
    [
        ("https://news.example/a", None),
        ("HTTP://news.example/a", None),
        ("file:///etc/passwd", "file://"),
        ("ftp://news.example/a", "ftp://"),
        ("gopher://news.example/", "gopher://"),
        ("javascript:alert(1)", "javascript://"),
        ("news.example/a", "no scheme"),
        ("http:///path", "no host"),
        ("http://[::1/", "not a readable URL"),
    ],
)
def test_scheme_refusal(url: str, refused: str | None) -> None:
    """Only http and https URLs with a host are fetched."""
    problem = scheme_refusal(url)
    assert problem is None if refused is None else refused in (problem or "")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://bob:hunter2@news.example/a", "https://news.example/a"),
        ("https://news.example/a?token=abc&id=3", "https://news.example/a?id=3"),
        ("https://news.example/a?API_KEY=abc", "https://news.example/a"),
        ("https://news.example/a?X-Amz-Signature=abc&p=1", "https://news.example/a?p=1"),
        ("https://News.Example:8443/a#top", "https://news.example:8443/a"),
        ("http://[::1]:8080/feed", "http://[::1]:8080/feed"),
        ("https://news.example/a?q=1&q=2", "https://news.example/a?q=1&q=2"),
    ],
)
def test_display_url_drops_credentials(url: str, shown: str) -> None:
    """What is printed or stored of a URL carries no userinfo and no token parameter."""
    assert display_url(url) == shown


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>Newest</title><link>/b.html</link><guid isPermaLink="false">id-b</guid></item>
<item><title>Older</title><link>https://news.example/a.html</link></item>
<item><title>No link</title><guid isPermaLink="false">id-c</guid></item>
</channel></rss>"""


def test_read_feed_makes_links_absolute_and_ids_stable() -> None:
    """A relative link is read against the feed; an entry without a guid is its link; an
    entry without a link has no page and is skipped."""
    entries = read_feed(RSS, feed_url="https://news.example/feeds/rss.xml")
    assert entries == [
        FeedEntry("id-b", "https://news.example/b.html", "Newest"),
        FeedEntry("https://news.example/a.html", "https://news.example/a.html", "Older"),
    ]


@pytest.mark.parametrize("body", [b"<html><body>hello</body></html>", b"", b"\x00\x01garbage"])
def test_read_feed_refuses_what_is_not_a_feed(body: bytes) -> None:
    """A page that is not RSS or Atom is said to be so."""
    with pytest.raises(InvalidInput, match="not an RSS or Atom feed"):
        read_feed(body, feed_url="https://news.example/feed")


def test_feed_state_folds_polls() -> None:
    """Seen entries accumulate; the validators are the last poll's."""
    state = feed_state(
        [
            {"new_entries": ["a", "b"], "etag": '"1"', "last_modified": None},
            {"new_entries": ["c"], "etag": '"2"', "last_modified": "Wed, 05 Apr 2023"},
        ]
    )
    assert state.seen == {"a", "b", "c"} and state.polls == 2 and state.version == 2
    assert conditional_headers(state) == {
        "If-None-Match": '"2"',
        "If-Modified-Since": "Wed, 05 Apr 2023",
    }
    assert conditional_headers(feed_state([])) == {}


def test_new_entries_oldest_first_once_each() -> None:
    """Only unseen entries, oldest first (a feed lists the newest first), a repeat once."""
    e = [FeedEntry(i, f"https://x/{i}") for i in ("c", "b", "b", "a")]
    assert [x.entry_id for x in new_entries(e, frozenset({"a"}))] == ["b", "c"]


def test_feed_stream_ignores_credentials() -> None:
    """The same feed with or without a token in its URL is one feed."""
    assert feed_stream("https://u:p@news.example/f?token=1") == feed_stream(
        "https://news.example/f"
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("10m", 600), ("1h30m", 5400), ("1d", 86400), (" 2H ", 7200)],
)
def test_parse_duration(text: str, seconds: float) -> None:
    """Durations are numbers with units, summed."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "10", "ten minutes", "5m-", "1.5h", "-1m", "m"])
def test_parse_duration_refuses(text: str) -> None:
    """Anything else is refused with the forms that work."""
    with pytest.raises(InvalidInput, match="not a duration"):
        parse_duration(text)


def test_parse_duration_minimum() -> None:
    """A polling interval under the minimum is refused."""
    with pytest.raises(InvalidInput, match="under the minimum"):
        parse_duration("5s", minimum=60)


def test_host_delay() -> None:
    """A host is asked again only `delay` seconds after its last request; others at once."""
    hosts = HostDelay(2.0)
    assert hosts.wait("https://a.example/1", 100.0) == 0
    hosts.asked("https://a.example/1", 100.0)
    assert hosts.wait("https://A.example/2", 100.5) == pytest.approx(1.5)
    assert hosts.wait("https://b.example/", 100.5) == 0
    assert hosts.wait("https://a.example/3", 103.0) == 0


@pytest.mark.parametrize(
    ("status", "body", "url", "allowed"),
    [
        (200, b"User-agent: *\nDisallow: /private/", "https://x/private/a", False),
        (200, b"User-agent: *\nDisallow: /private/", "https://x/news/a", True),
        (200, b"User-agent: claim-ledger\nDisallow: /", "https://x/news/a", False),
        (200, b"User-agent: otherbot\nDisallow: /", "https://x/news/a", True),
        (404, b"", "https://x/anything", True),  # RFC 9309: 4xx is no rules
        (503, b"", "https://x/anything", False),  # 5xx: assume complete disallow
        (None, b"", "https://x/anything", False),  # unreachable: the same
    ],
)
def test_robots_rules(status: int | None, body: bytes, url: str, allowed: bool) -> None:
    """robots.txt is read as RFC 9309 says, for this tool's product name."""
    assert rules_for_answer(status, body).allows(url) is allowed


def _fetcher(handler: Any, resolved: dict[str, list[str]], **kwargs: Any) -> Fetcher:
    return Fetcher(
        transport=httpx.MockTransport(handler),
        resolve=lambda host, port: resolved[host],
        **kwargs,
    )


PUBLIC = {"news.example": ["93.184.216.34"], "evil.example": ["93.184.216.35"]}


def test_a_redirect_to_a_private_address_is_refused() -> None:
    """Each hop's resolved addresses are checked: a public page redirecting to a local
    service (or to a name resolving to one) is refused before it is asked."""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "http://internal.example/admin"})
        return httpx.Response(200, text="secret", headers={"content-type": "text/html"})

    fetcher = _fetcher(handler, PUBLIC | {"internal.example": ["10.1.2.3"]})
    with pytest.raises(UnsafeUrl, match=r"redirected to http://internal\.example/admin.*private"):
        fetcher.get("https://news.example/a")
    assert asked == ["https://news.example/a"]


def test_a_redirect_to_file_is_refused() -> None:
    """A redirect cannot lead out of http and https."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"location": "file:///etc/passwd"})

    with pytest.raises(UnsafeUrl, match="file:// is not fetched"):
        _fetcher(handler, PUBLIC).get("https://news.example/a")


def test_redirect_credentials_are_not_shown() -> None:
    """A Location with userinfo is followed but never printed with it."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"location": "https://u:pw@evil.example/x"})
        return httpx.Response(404)

    with pytest.raises(FetchRefused) as info:
        _fetcher(handler, PUBLIC).get("https://news.example/a?token=t0k")
    assert "pw" not in str(info.value) and "t0k" not in str(info.value)


def test_user_agent_names_the_project() -> None:
    """Every request says who is asking."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, text="x", headers={"content-type": "text/plain"})

    _fetcher(handler, PUBLIC).get("https://news.example/a")
    assert seen[0].startswith("claim-ledger/")


def test_an_unknown_host_is_a_network_failure() -> None:
    """A name that does not resolve is the network's failure (exit 1), said in one line."""
    from ledger.web.fetch import system_resolve

    with pytest.raises(NetworkFailure, match="could not resolve"):
        system_resolve("no-such-host.invalid", 80)


def test_the_address_is_checked_again_where_the_socket_opens(web_server: Any) -> None:
    """DNS rebinding: a name that resolved to a public address when checked, and to a
    loopback one when connecting, is refused at connect time; the server is never asked."""
    from tests.webserver import Route

    web_server.routes["/a"] = Route(b"hello", content_type="text/plain")
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])  # first the check, then the connect
    fetcher = Fetcher(resolve=lambda host, port: next(answers), timeout=5)
    url = web_server.url("/a").replace("127.0.0.1", "rebind.example")
    with pytest.raises(UnsafeUrl, match="loopback"):
        fetcher.get(url)
    assert web_server.requests == []
