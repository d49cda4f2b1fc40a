"""robots.txt: whether a site lets this tool fetch a URL.

Owns `RobotsRules` (one host's robots.txt, parsed; pure: `allows(url)`), `rules_for_answer`
(what a robots.txt answer means, by RFC 9309: a 4xx is "no rules", a 5xx "fetch
nothing"; no answer at all is a network failure, raised as one) and `Robots` (the per-host
cache the fetcher fills). Imports: the standard library (`urllib.robotparser`),
`ledger.web.fetch`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from ledger.web.fetch import USER_AGENT, Fetcher, FetchRefused

__all__ = ["Robots", "RobotsRules", "rules_for_answer"]

_AGENT = USER_AGENT.split("/", 1)[0]  # robots.txt names products: "claim-ledger"


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """One host's robots.txt as parsed lines, or a blanket answer."""

    lines: tuple[str, ...] = ()
    disallow_all: bool = False
    why: str = ""  # for disallow_all: why nothing may be fetched

    def allows(self, url: str) -> bool:
        """Whether this tool may fetch `url` under these rules."""
        if self.disallow_all:
            return False
        parser = RobotFileParser()
        parser.parse(self.lines)
        return parser.can_fetch(_AGENT, url)


def rules_for_answer(status: int | None, body: bytes) -> RobotsRules:
    """What a robots.txt answer means (RFC 9309 §2.3.1): 2xx its rules, 4xx no rules,
    a 5xx or no answer at all (None) fetch nothing."""
    if status is None or status >= 500:
        why = "could not be read" if status is None else f"answered HTTP {status}"
        return RobotsRules(disallow_all=True, why=why)
    if status >= 400:
        return RobotsRules()
    text = body.decode("utf-8", errors="replace")
    return RobotsRules(tuple(text.splitlines()))


def robots_url(url: str) -> str:
    """The robots.txt of `url`'s site."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


class Robots:
    """The robots.txt of each site, fetched once per run through the same fetcher."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.cache: dict[str, RobotsRules] = {}

    def refusal(self, url: str) -> str | None:
        """Why robots.txt forbids fetching `url`, else None."""
        where = robots_url(url)
        rules = self.cache.get(where)
        if rules is None:
            rules = self.cache[where] = self._fetch(where)
        if rules.allows(url):
            return None
        if rules.disallow_all:
            return f"the site's robots.txt {rules.why}, so nothing is fetched (--ignore-robots)"
        return "the site's robots.txt disallows it (--ignore-robots to fetch anyway)"

    def _fetch(self, where: str) -> RobotsRules:
        try:
            answer = self.fetcher.get(where, accept=("text/plain",))
        except FetchRefused as exc:
            # an error status means what RFC 9309 says; a robots.txt we cannot read (an
            # HTML page in its place) is no rules
            return rules_for_answer(exc.status or 404, b"")
        # no answer at all (a refused connection, a timeout) is the network's failure, said
        # as such: the page would not be reached either
        return rules_for_answer(answer.status, answer.body)
