"""Polite scheduling: how often a feed is polled, and how long to wait before a host again.

Owns `parse_duration` ("90s", "10m", "1h30m" into seconds), `HostDelay` (the wait before the
next request to a host: at least `delay` seconds after the last one) and `MIN_EVERY`. Pure:
the clock is passed in. Imports: the standard library, `ledger.errors`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ledger.errors import InvalidInput

__all__ = ["MIN_EVERY", "HostDelay", "parse_duration"]

MIN_EVERY = 60.0
"""The shortest --every: a feed polled more often than once a minute is not polite."""
_PART = re.compile(r"(\d+)([smhd])")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, *, minimum: float = 0.0) -> float:
    """Seconds in a duration written as `30s`, `10m`, `1h30m` or `1d`; refused otherwise."""
    spelled = text.strip().lower()
    parts = _PART.findall(spelled)
    if not spelled or "".join(n + u for n, u in parts) != spelled:
        raise InvalidInput(f"--every: {text!r} is not a duration (like 30s, 10m, 1h30m, 1d)")
    seconds = float(sum(int(n) * _UNIT[u] for n, u in parts))
    if seconds < minimum:
        raise InvalidInput(f"--every: {text!r} is under the minimum of {minimum:g}s")
    return seconds


@dataclass(slots=True)
class HostDelay:
    """The time each host was last asked, and the pause owed to it."""

    delay: float
    last: dict[str, float] = field(default_factory=dict)

    def wait(self, url: str, now: float) -> float:
        """Seconds to wait before asking `url`'s host (0 when it may be asked now)."""
        host = (urlsplit(url).hostname or "").lower()
        last = self.last.get(host)
        return 0.0 if last is None else max(0.0, last + self.delay - now)

    def asked(self, url: str, now: float) -> None:
        """Note that `url`'s host was asked at `now`."""
        self.last[(urlsplit(url).hostname or "").lower()] = now
