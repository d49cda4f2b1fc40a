"""A hand-made mutation pass: break one guarantee at a time and check that a test notices.

Each mutant is one exact text replacement in one source file. The tree is copied once to a
scratch folder (the working tree is never touched); for each mutant the file is edited there,
the test suite runs against the copy (`PYTHONPATH` puts the copy first, for subprocesses too)
with `-x`, and the file is restored. A mutant is killed when pytest fails; one whose text is
not found is an error of this list, reported and counted as neither.

    python scripts/mutants.py            # every mutant; prints a table and the kill ratio
    python scripts/mutants.py -k hash    # only mutants whose name contains "hash"

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


H = "ledger/hashing.py"
S = "ledger/store.py"
SC = "ledger/schema.py"
L = "ledger/service.py"
R = "ledger/projections/runner.py"
F = "ledger/projections/claims.py"
T = "ledger/projections/totals.py"
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
    # the store
    m(
        "store-commits-on-failure",
        S,
        '                conn.execute("ROLLBACK")',
        '                conn.execute("COMMIT")',
    ),
    m(
        "store-ignores-expected-version",
        S,
        "if item.expected_version is not None and item.expected_version != current:",
        "if False:",
    ),
    m("store-ignores-idempotency-key", S, "if key is not None and key in by_key:", "if False:"),
    m("store-chains-to-genesis", S, "        link = prev_hash\n", "        link = GENESIS\n"),
    m(
        "store-skips-a-position",
        S,
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
        L,
        "        problems = self.store.guard_problems()\n",
        "        problems = []\n",
    ),
    m(
        "verify-skips-schemas",
        L,
        "        if invalid:\n            return VerifyReport(counted, head, invalid[0])\n",
        "",
    ),
    m(
        "verify-skips-read-models",
        L,
        "        return VerifyReport(counted, head, self._check_read_models(head))",
        "        return VerifyReport(counted, head, None)",
    ),
    m(
        "verify-skips-checkpoint-hashes",
        L,
        "            if hash_ != actual:",
        "            if False:",
    ),
    m(
        "verify-skips-checkpoint-beyond-head",
        L,
        "            if position > head:\n                reason",
        "            if False:\n                reason",
    ),
    m(
        "verify-skips-table-compare",
        R,
        "            if want == have:\n                continue",
        "            continue",
    ),
    # the runner
    m(
        "runner-checkpoint-before-rows",
        R,
        "    rows = SQLiteRows(conn)\n    rows.prefetch(events)",
        "    _set_checkpoints(conn, events[-1].position, events[-1].hash)\n    rows = SQLiteRows(conn)\n    rows.prefetch(events)",
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
    m("runner-rebuild-keeps-totals", R, '    conn.execute("DROP TABLE IF EXISTS totals")\n', ""),
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
    # totals
    m(
        "totals-qualifier-ignored",
        T,
        'return (row["as_of"], SPECIFICITY[row["qualifier"]], row["position"])',
        'return (row["as_of"], 0, row["position"])',
    ),
    m(
        "totals-earlier-position-wins",
        T,
        'return (row["as_of"], SPECIFICITY[row["qualifier"]], row["position"])',
        'return (row["as_of"], SPECIFICITY[row["qualifier"]], -row["position"])',
    ),
    m(
        "totals-at-most-above-at-least",
        T,
        '"at_least": 1, "at_most": 1}',
        '"at_least": 1, "at_most": 1.5}',
    ),
    m("totals-window-counts", T, '        and row["period"] == "cumulative"\n', ""),
    m("totals-retracted-counts", T, '        row["status"] == "active"\n        and', "        "),
    # the CLI error path
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
        '    flat = " ".join(str(message).split())',
        "    flat = str(message)",
    ),
]


def run_one(copy: Path, mutant: Mutant, pytest_args: list[str], timeout: float) -> str:
    target = copy / mutant.path
    original = target.read_text()
    if mutant.old not in original:
        return "not-found"
    target.write_text(original.replace(mutant.old, mutant.new, 1))
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
    finally:
        target.write_text(original)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only mutants whose name contains this")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("pytest_args", nargs="*", default=["-m", "not slow"])
    args = parser.parse_args()
    chosen = [x for x in MUTANTS if args.k in x.name]
    scratch = Path(tempfile.mkdtemp(prefix="claims-mutants-"))
    copy = scratch / "tree"
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.db", "demo", ".*_cache")
    shutil.copytree(ROOT, copy, ignore=ignore)
    killed = survived = 0
    try:
        baseline = run_one(
            copy, Mutant("baseline", "ledger/__init__.py", "", ""), args.pytest_args, args.timeout
        )
        if baseline != "survived":
            print("the unmutated tree fails its tests: fix that first", file=sys.stderr)
            return 2
        for mutant in chosen:
            started = time.monotonic()
            outcome = run_one(copy, mutant, args.pytest_args, args.timeout)
            seconds = time.monotonic() - started
            print(f"{outcome:17} {seconds:6.1f}s  {mutant.name}  ({mutant.path})", flush=True)
            killed += outcome.startswith("killed")
            survived += outcome == "survived"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    total = killed + survived
    print(f"killed {killed} of {total} mutants ({killed / max(total, 1):.0%})")
    return 0 if survived == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
