"""`log --limit N` reads N events, not a page of thousands, and shows what it always showed:
the first N events from `--from` (up to a stop), even in a log whose positions have a gap
(#17)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ledger.app.queries import log


class _Store:
    """The events at `positions`, read as a store reads them (`start <= position <= stop`)."""

    def __init__(self, positions: list[int]) -> None:
        self.positions = positions
        self.reads: list[tuple[int, int | None]] = []

    def read(self, *, start: int = 1, stop: int | None = None, **_: Any) -> Any:
        self.reads.append((start, stop))
        for p in self.positions:
            if p >= start and (stop is None or p <= stop):
                yield SimpleNamespace(position=p)


@given(
    st.sets(st.integers(1, 40)).map(sorted),
    st.integers(1, 45),
    st.none() | st.integers(0, 45),
    st.none() | st.integers(0, 12),
)
def test_the_first_events_of_a_limit(
    positions: list[int], start: int, stop: int | None, limit: int | None
) -> None:
    store = _Store(positions)
    shown = [
        e.position for e in log(SimpleNamespace(store=store), start=start, stop=stop, limit=limit)
    ]
    expected = [p for p in positions if p >= start and (stop is None or p <= stop)]
    assert shown == (expected if limit is None else expected[:limit])


def test_a_limit_reads_only_its_events() -> None:
    store = _Store(list(range(1, 10_001)))
    shown = list(log(SimpleNamespace(store=store), start=100, limit=20))
    assert [e.position for e in shown] == list(range(100, 120))
    assert store.reads == [(100, 119)]  # one read of those 20: never the rest of the log
