"""A hand-made mutation pass: break one guarantee at a time and check that a test notices.

Each mutant is one exact text replacement in one source file. The tree is copied once to a
scratch folder (the working tree is never touched); for each mutant the file is edited there,
the test suite runs against the copy (`PYTHONPATH` puts the copy first, for subprocesses too)
with `-x`, and the file is restored. A mutant is killed when pytest fails; one whose text is
not found exactly once is an error of this list, reported, counted as neither, and fails the run.

    python scripts/mutants.py            # every mutant; prints a table and the kill ratio
    python scripts/mutants.py -k hash    # only mutants whose name contains "hash"
    python scripts/mutants.py --check    # no tests: does every `old` text occur exactly once?

It takes minutes (each surviving mutant runs the whole selected suite), so it is `make
mutants`, not part of `make test`.
"""

# ruff: noqa: E501  (mutants quote source lines whole)
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str


def m(name: str, path: str, old: str, new: str) -> Mutant:
    return Mutant(name, path, old, new)


H = "ledger/store/hashing.py"  # the canonical hash and the chain walk
K = "ledger/store/kernel.py"  # the pure append decision every backend goes through
SQ = "ledger/store/sqlite.py"  # the SQLite write transaction
SC = "ledger/store/sqlite_schema.py"  # the append-only triggers
V = "ledger/app/maintenance.py"  # verify
C = "ledger/projections/compare.py"  # the stored tables against a replay
R = "ledger/projections/runner.py"  # catch-up, rebuild, checkpoints
TB = "ledger/projections/tables.py"  # creating and dropping the projection tables
F = "ledger/projections/claims.py"  # the fold
W = "ledger/projections/winner_rule.py"  # the totals rule, declared once (Python and SQL)
E = "ledger/errors.py"
A = "cli/app.py"

MUTANTS: list[Mutant] = [
    *(
        m(f"hash-omits-{field}", H, f'        "{field}": {expr},\n', "")
        for field, expr in [
            ("actor", "actor"),
            ("id", "id"),
            ("idempotency_key", "idempotency_key"),
            ("position", "position"),
            ("prev_hash", "prev_hash"),
            ("recorded_at", "recorded_at"),
            ("schema_version", "schema_version"),
            ("stream", "stream"),
            ("type", "type"),
            ("version", "version"),
        ]
    ),
    m("hash-omits-data", H, '        "data": orjson.Fragment(data_json),\n', ""),
    m(
        "chain-ignores-prev-hash",
        H,
        'if row["prev_hash"] != prev:',
        "if False:",
    ),
    m(
        "chain-ignores-own-hash",
        H,
        'if row_hash(row) != row["hash"]:',
        "if False:",
    ),
    m("chain-ignores-gaps", H, "if position != expected_position:", "if False:"),
    # the store: the transaction is SQLite's, the decisions are the kernel's `chain_batch`
    m(
        "store-commits-on-failure",
        SQ,
        '                conn.execute("ROLLBACK")',
        '                conn.execute("COMMIT")',
    ),
    m(
        "store-ignores-expected-version",
        K,
        "if item.expected_version is not None and item.expected_version != current:",
        "if False:",
    ),
    m("store-ignores-idempotency-key", K, "if key is not None and key in by_key:", "if False:"),
    m(
        "store-chains-to-genesis",
        K,
        "        link = prev_hash\n",
        '        link = "0" * 64  # GENESIS (not imported here)\n',
    ),
    m(
        "store-skips-a-position",
        K,
        "        position += 1\n        version = versions[stream]",
        "        position += 2\n        version = versions[stream]",
    ),
    m(
        "schema-no-insert-guard",
        SC,
        "WHERE NEW.position IS NOT (SELECT coalesce(max(position), 0) + 1 FROM events)",
        "WHERE 0",
    ),
    m(
        "schema-insert-guard-ignores-ids",
        SC,
        "WHERE EXISTS (SELECT 1 FROM events WHERE id = NEW.id)",
        "WHERE 0",
    ),
    # verify
    m(
        "verify-skips-guards",
        V,
        "    problems = store.guard_problems()\n",
        "    problems = []\n",
    ),
    m(
        "verify-skips-schemas",
        V,
        "    if invalid:\n        return VerifyReport(counted, head, invalid[0])\n",
        "",
    ),
    m(
        "verify-skips-read-models",
        V,
        "    return VerifyReport(counted, head, problem)",
        "    return VerifyReport(counted, head, None)",
    ),
    m(
        "verify-skips-checkpoint-hashes",
        V,
        "        if hash_ != actual:",
        "        if False:",
    ),
    m(
        "verify-skips-checkpoint-beyond-head",
        V,
        "        if position > head:\n            reason",
        "        if False:\n            reason",
    ),
    m(
        "verify-skips-table-compare",
        C,
        "            if want != have:\n                return _difference(table, want, have)",
        "            if False:\n                return _difference(table, want, have)",
    ),
    # the runner
    m(
        "runner-checkpoint-before-rows",
        R,
        "    rows = SQLiteRows(conn)\n    rows.prefetch(events)",
        "    set_checkpoints(conn, events[-1].position, events[-1].hash)\n    rows = SQLiteRows(conn)\n    rows.prefetch(events)",
    ),
    m(
        "runner-no-totals-on-catch-up",
        R,
        "    rows.flush()\n    write_totals(conn, rows)\n",
        "    rows.flush()\n",
    ),
    m(
        "runner-trusts-lagging-tables",
        R,
        "    if not all(stored.get(name) == (before, v) for name, v in PROJECTION_VERSIONS.items()):",
        "    if not stored:",
    ),
    m(
        "runner-rebuild-keeps-totals",
        TB,
        "    for table in TABLES:\n",
        '    for table in (t for t in TABLES if t != "totals"):\n',
    ),
    # the fold
    m(
        "fold-foreign-correction",
        F,
        '    if before is None or before["stream"] != event.stream:\n        return  # a claim this log never had',
        "    if before is None:\n        return  # a claim this log never had",
    ),
    m(
        "fold-foreign-retraction",
        F,
        '    if before is None or before["stream"] != event.stream:\n        return  # as for corrections',
        "    if before is None:\n        return  # as for corrections",
    ),
    m(
        "fold-correction-keeps-group",
        F,
        "    if before is not None:\n        rows.touch(group_of(before))\n",
        "",
    ),
    m(
        "fold-foreign-article-revision",
        F,
        'if previous is not None and previous["stream"] != event.stream:',
        "if False:",
    ),
    # totals: the rule is one declaration (`ELIGIBLE`, `ORDER`, `SPECIFICITY`) from which both
    # the Python `rank`/`eligible` and the SQL `ORDER_BY_SQL`/`ELIGIBLE_SQL` are derived, so
    # each mutant changes the declaration (both forms at once, consistently)
    m(
        "totals-qualifier-ignored",
        W,
        '    Term(\n        "qualifier",\n        descending=True,\n        ranks=SPECIFICITY,\n        lost="less specific qualifier ({row} < {won})",\n    ),\n',
        "",
    ),
    m(
        "totals-earlier-position-wins",
        W,
        'Term("position", descending=True,',
        'Term("position", descending=False,',
    ),
    m(
        "totals-at-most-above-at-least",
        W,
        '{"exact": 3, "approx": 2, "at_least": 1, "at_most": 1}',
        '{"exact": 4, "approx": 3, "at_least": 1, "at_most": 2}',
    ),
    m(
        "totals-window-counts",
        W,
        'ELIGIBLE: Mapping[str, str] = {"status": "active", "period": "cumulative"}',
        'ELIGIBLE: Mapping[str, str] = {"status": "active"}',
    ),
    m(
        "totals-retracted-counts",
        W,
        'ELIGIBLE: Mapping[str, str] = {"status": "active", "period": "cumulative"}',
        'ELIGIBLE: Mapping[str, str] = {"period": "cumulative"}',
    ),
    # the CLI error path (`_exit_for` exits with the error's `exit_code`)
    m("cli-bad-input-exits-1", E, "    exit_code = 2\n", "    exit_code = 1\n"),
    m(
        "cli-failure-exits-0",
        E,
        'class OperationFailed(LedgerError):\n    """The request was well-formed but could not be carried out; nothing was written."""\n\n    exit_code = 1',
        'class OperationFailed(LedgerError):\n    """The request was well-formed but could not be carried out; nothing was written."""\n\n    exit_code = 0',
    ),
    m(
        "cli-error-line-keeps-newlines",
        A,
        # inert() also shows a line break as a space, so dropping the flattening alone changes
        # nothing: the mutant lets a newline past both
        '    flat = " ".join(str(message).split())\n    if not flat.isprintable():',
        '    flat = str(message)\n    if not flat.replace("\\n", "").isprintable():',
    ),
]


def occurrences(root: Path, mutant: Mutant) -> int:
    """How many times the mutant's `old` text occurs in its file (-1: no such file)."""
    target = root / mutant.path
    if not target.is_file():
        return -1
    return target.read_text().count(mutant.old)


def check(mutants: list[Mutant]) -> int:
    """Say which mutants' `old` text does not occur exactly once in its file; run nothing."""
    bad = 0
    for mutant in mutants:
        found = occurrences(ROOT, mutant)
        if found == 1:
            continue
        bad += 1
        why = "no such file" if found < 0 else f"old text found {found} times"
        print(f"{mutant.name}  ({mutant.path}): {why}")
    print(f"{len(mutants) - bad} of {len(mutants)} mutants apply exactly once")
    return 1 if bad else 0


def run_tests(copy: Path, pytest_args: list[str], timeout: float) -> str:
    """Run the suite against the copy: "survived" when it passes, else "killed"."""
    env = dict(os.environ, PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *pytest_args],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        return "survived" if done.returncode == 0 else "killed"
    except subprocess.TimeoutExpired:
        return "killed (timeout)"


def run_one(copy: Path, mutant: Mutant, pytest_args: list[str], timeout: float) -> str:
    found = occurrences(copy, mutant)
    if found != 1:
        return "not-found" if found < 1 else "ambiguous"
    target = copy / mutant.path
    original = target.read_text()
    target.write_text(original.replace(mutant.old, mutant.new, 1))
    try:
        return run_tests(copy, pytest_args, timeout)
    finally:
        target.write_text(original)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only mutants whose name contains this")
    parser.add_argument(
        "--check",
        action="store_true",
        help="run no tests: check each mutant's old text occurs exactly once in its file",
    )
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("pytest_args", nargs="*", default=["-m", "not slow"])
    args = parser.parse_args()
    chosen = [x for x in MUTANTS if args.k in x.name]
    if args.check:
        return check(chosen)
    scratch = Path(tempfile.mkdtemp(prefix="claims-mutants-"))
    copy = scratch / "tree"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.db", "demo", ".*_cache")
    shutil.copytree(ROOT, copy, ignore=ignore)
    killed = survived = broken = 0
    try:
        if run_tests(copy, args.pytest_args, args.timeout) != "survived":
            print("the unmutated tree fails its tests: fix that first", file=sys.stderr)
            return 2
        for mutant in chosen:
            started = time.monotonic()
            outcome = run_one(copy, mutant, args.pytest_args, args.timeout)
            seconds = time.monotonic() - started
            print(f"{outcome:17} {seconds:6.1f}s  {mutant.name}  ({mutant.path})", flush=True)
            killed += outcome.startswith("killed")
            survived += outcome == "survived"
            broken += outcome in ("not-found", "ambiguous")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = killed + survived
    print(f"killed {killed} of {total} mutants ({killed / max(total, 1):.0%})")
    if broken:
        print(f"{broken} mutants do not apply (see --check)", file=sys.stderr)
    return 0 if survived == 0 and broken == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
