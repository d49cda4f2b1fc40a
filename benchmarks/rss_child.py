"""Replay a ledger in a fresh process and print its peak RSS (a child of `peak_rss_mb`).

    python -m benchmarks.rss_child LEDGER.db

Prints one JSON object: {"events": ..., "seconds": ..., "peak_rss_mb": ..., "base_rss_mb": ...}
where `base_rss_mb` is the peak after imports, before the replay.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _peak_mb() -> float:
    """This process's peak RSS in MB: VmHWM on Linux (ru_maxrss there can carry over the
    parent's peak across fork and exec, so it would report the harness, not the replay)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main(argv: list[str]) -> int:
    from ledger import Ledger

    base = _peak_mb()
    with Ledger.open(argv[0]) as ledger:
        t0 = time.perf_counter()
        events, _ = ledger.replay()
        seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {"events": events, "seconds": seconds, "peak_rss_mb": _peak_mb(), "base_rss_mb": base}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
