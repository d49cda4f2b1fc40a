"""What a benchmark run found, as figures, a table and the sections of benchmarks/RESULTS.md.

Owns: `Figure` (one figure's samples, unit and ratio), `TARGETS` and `target` (each issue's
goal for a figure, and whether a run met it), `table` (the markdown table RESULTS.md holds),
`fmt` (one figure as a line), `machine` (what it was measured on) and `write_results`.
Imports: `benchmarks.reads` (the read targets); the standard library.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sqlite3
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.reads import READS


@dataclass
class Figure:
    """One measured figure: its samples (after the warm-up), unit and raw counterpart."""

    name: str
    unit: str
    samples: list[float]
    ratio_to: str | None = None
    ratio: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "median": round(self.median, 3),
            "min": round(min(self.samples), 3),
            "max": round(max(self.samples), 3),
            "unit": self.unit,
        }
        if self.ratio is not None:
            out["ratio"] = round(self.ratio, 3)
            out["ratio_to"] = self.ratio_to
        return out | self.extra


def fmt(f: Figure) -> str:
    """One figure as a line: median, min, max and ratio."""
    ratio = f" ({f.ratio:.2f} x {f.ratio_to})" if f.ratio is not None else ""
    return (
        f"{f.name}: {_num(f.median)} {f.unit} [min {_num(min(f.samples))}, "
        f"max {_num(max(f.samples))}]{ratio}"
    )


def _num(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


TARGETS: dict[str, tuple[str, str, float]] = {
    "append_batched_eps": ("ratio", ">=", 0.5),
    "append_single_eps": ("median", ">=", 3_000),
    "replay_eps": ("ratio", ">=", 0.5),
    "peak_rss_mb": ("median", "<", 200),
    "catchup_ms_100k": ("ratio", "<=", 2.0),
    "cli_startup_ms": ("ratio", "<=", 1.5),
    "extract_articles_per_s": ("median", ">=", 500),
    "extract_import_ms": ("median", "<=", 150),
    "ingest_one_ms": ("ratio", "<=", 4.0),
    "ingest_folder_aps": ("ratio", ">=", 1.7),
    "peer_append_batched_eps": ("ledger", ">=", 2.0),
    "peer_append_single_eps": ("ledger", ">=", 1.0),
    "peer_replay_eps": ("ledger", ">=", 2.0),
    "check_scaling": ("median", "<=", 1.5),
    "sources_scaling": ("median", "<=", 1.5),
} | {
    f"read_{name}_ms{suffix}": ("ratio", "<=", bound)
    for name, (_, bound) in READS.items()
    if bound is not None
    for suffix in ("", "_log")
}
LEDGER_OF = {
    "peer_append_batched_eps": "append_batched_eps",
    "peer_append_single_eps": "append_single_eps",
    "peer_replay_eps": "replay_eps",
}
"""Each peer figure's ledger counterpart: the target is the ledger's figure over the peer's."""


def target(f: Figure, others: dict[str, Figure] | None = None) -> str:
    """Whether `f` met its target (`others`: the run's figures, for the peer's)."""
    if f.name not in TARGETS:
        return ""
    what, op, bound = TARGETS[f.name]
    prefix = ""
    if what == "ledger":
        mine = (others or {}).get(LEDGER_OF[f.name])
        if mine is None or not f.median:
            return ""
        value = mine.median / f.median
        prefix = f"ledger {value:.2f} x peer: "
    else:
        value = (f.ratio if what == "ratio" else f.median) or 0.0
        if what == "ratio" and f.ratio is None:
            return ""
    ok = {">=": value >= bound, "<=": value <= bound, "<": value < bound}[op]
    label = {"ratio": "ratio", "median": "value", "ledger": "ledger/peer"}[what]
    return f"{prefix}{'met' if ok else 'MISSED'} ({label} {op} {bound:g})"


def table(figures: list[Figure]) -> str:
    """A markdown table of the figures."""
    lines = [
        "| figure | median | min | max | unit | ratio | target |",
        "| --- | ---: | ---: | ---: | --- | --- | --- |",
    ]
    by_name = {f.name: f for f in figures}
    for f in figures:
        ratio = f"{f.ratio:.2f} x {f.ratio_to}" if f.ratio is not None else ""
        lines.append(
            f"| {f.name} | {_num(f.median)} | {_num(min(f.samples))} | {_num(max(f.samples))} "
            f"| {f.unit} | {ratio} | {target(f, by_name)} |"
        )
    return "\n".join(lines)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    libs = ", ".join(f"{name} {version(name)}" for name in ("pydantic", "orjson", "typer"))
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": f"{len(os.sched_getaffinity(0))} usable (nproc), {os.cpu_count()} online",
        "cpu": model,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "sqlite": sqlite3.sqlite_version,
        "libraries": libs,
        "os": platform.platform(),
    }


def write_results(
    path: Path, n: int, figures: list[Figure], *, only: list[str] | None = None
) -> None:
    """Replace this N's section of RESULTS.md (other N's sections stay). A partial run
    (`only`: the groups it measured) replaces its own figures' rows in the section and keeps
    the others, saying which groups were measured when."""
    info = machine()
    begin, end = f"<!-- run n={n} -->", f"<!-- end n={n} -->"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    lines = table(figures).splitlines()
    title, notes = f"## N = {n:,} events ({info['date']})", []
    found = pattern.search(old)
    if only and found:
        kept = found.group(0).splitlines()
        title = kept[1]
        notes = [k for k in kept if k.startswith("- partial run")]
        mine = {line.split("|")[1].strip(): line for line in lines[2:]}
        rows = [r for r in kept if r.startswith("| ") and not r.startswith("| figure")]
        merged = [mine.pop(r.split("|")[1].strip(), r) for r in rows]
        lines = lines[:2] + merged + list(mine.values())
        notes.append(f"- partial run ({', '.join(sorted(only))}) at {info['date']}")
    section = "\n".join(
        [
            begin,
            title,
            "",
            *(f"- {k}: {v}" for k, v in info.items() if k != "date"),
            *notes,
            "",
            *lines,
            end,
        ]
    )
    header = (
        "# Benchmark results\n\n"
        "Written by `make bench` / `python -m benchmarks [--n N]` (one section per N, each\n"
        "replaced by its next full run). Figures: median of 3 runs after a warm-up (5 for\n"
        "commands timed as processes); see\n"
        "`benchmarks/harness.py` for what each one measures. Ratios compare each figure with\n"
        "its raw counterpart measured in the same run.\n"
    )
    old = old or header
    if pattern.search(old):
        new = pattern.sub(lambda _: section, old)
    else:
        new = old.rstrip("\n") + "\n\n" + section
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")
