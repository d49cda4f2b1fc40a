"""Hostile and broken input: every case exits with a clear line and leaves the log untouched.

One table across ingest, append, import, import-dataset and correct. Each case prepares its
input files in a folder, runs one command against a ledger that already holds events, and
checks the exit code, one line on stderr, no traceback, and the ledger file's bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.samples import WEEKLY

SLICE = Path(__file__).parent / "fixtures" / "gs-daily"
STAFF = "General Staff of the Armed Forces of Ukraine"
CLAIM = ["--subject", "russia", "--metric", "tanks", "--as-of", "2023-04-02"]


def write(name: str, content: bytes | str) -> Callable[[Path], str]:
    """A case input: write one file and return its path."""

    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return str(path)

    return make


def huge(folder: Path) -> str:
    path = folder / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    return str(path)


def deep(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


def export_edit(edit: Callable[[list[dict]], list[dict]]) -> Callable[[Path], str]:
    """A case input: the ledger's own export, edited."""

    def make(folder: Path) -> str:
        lines = [json.loads(x) for x in (folder.parent / "good.jsonl").read_text().splitlines()]
        path = folder / "edited.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in edit(lines)))
        return str(path)

    return make


def dataset_edit(mutate: Callable[[list[dict]], None]) -> Callable[[Path], str]:
    """A case input: the data set slice with its personnel file edited."""

    def make(folder: Path) -> str:
        target = folder / "data"
        shutil.copytree(SLICE, target)
        path = target / "russia_losses_personnel.json"
        records = json.loads(path.read_text())
        mutate(records)
        path.write_text(json.dumps(records))
        return str(target)

    return make


def forge_hash(lines: list[dict]) -> list[dict]:
    lines[1]["hash"] = "f" * 64
    return lines


def skip_position(lines: list[dict]) -> list[dict]:
    return [lines[0], *lines[2:]]


def retype(lines: list[dict]) -> list[dict]:
    lines[0]["type"] = "claim-exploded"
    return lines


def future(lines: list[dict]) -> list[dict]:
    lines[0]["schema_version"] = 99
    return lines


def first_value(value: object) -> Callable[[list[dict]], None]:
    def mutate(records: list[dict]) -> None:
        records[0]["personnel"] = value

    return mutate


def first_date(value: str) -> Callable[[list[dict]], None]:
    def mutate(records: list[dict]) -> None:
        records[0]["date"] = value

    return mutate


# (id, input maker or None, argv with {} for the input path, expected exit code, stderr part)
CASES = [
    # ingest
    ("ingest-empty", write("e.txt", b""), ["ingest", "{}"], 2, "e.txt"),
    ("ingest-binary", write("b.txt", bytes(range(256)) * 8), ["ingest", "{}"], 2, "b.txt"),
    (
        "ingest-bad-utf8",
        write("u.txt", b"Russia lost \xff\xfe 5 tanks"),
        ["ingest", "{}"],
        2,
        "u.txt",
    ),
    ("ingest-50mb", huge, ["ingest", "{}"], 2, "huge.txt"),
    ("ingest-deep-json", write("d.json", deep()), ["ingest", "{}"], 2, "d.json"),
    ("ingest-nan-json", write("n.json", '{"title":"t","text":NaN}'), ["ingest", "{}"], 2, "n.json"),
    ("ingest-missing", None, ["ingest", "nowhere.txt"], 2, "nowhere.txt"),
    (
        "ingest-bad-date",
        write("a.txt", WEEKLY),
        ["ingest", "{}", "--published", "2023-02-30"],
        2,
        "--published",
    ),
    (
        "ingest-ctrl-publisher",
        write("a.txt", WEEKLY),
        ["ingest", "{}", "--publisher", "Ev\x07il"],
        2,
        "control",
    ),
    (
        "ingest-rtl-publisher",
        write("a.txt", WEEKLY),
        ["ingest", "{}", "--publisher", "a\u202eb"],
        2,
        "control",
    ),
    # append
    (
        "append-negative",
        None,
        ["append", "--claimant", STAFF, *CLAIM, "--value", "-1"],
        2,
        "greater than",
    ),
    (
        "append-65-bit",
        None,
        ["append", "--claimant", STAFF, *CLAIM, "--value", str(2**64)],
        2,
        "less than",
    ),
    (
        "append-not-a-date",
        None,
        [
            "append",
            "--claimant",
            STAFF,
            "--subject",
            "russia",
            "--metric",
            "tanks",
            "--value",
            "1",
            "--as-of",
            "2023-02-30",
        ],
        2,
        "calendar",
    ),
    (
        "append-ctrl-claimant",
        None,
        ["append", "--claimant", "a\x1bb", *CLAIM, "--value", "1"],
        2,
        "control",
    ),
    (
        "append-rtl-claimant",
        None,
        ["append", "--claimant", "\u202egninrow", *CLAIM, "--value", "1"],
        2,
        "control",
    ),
    ("append-nan", None, ["append", "--claimant", STAFF, *CLAIM, "--value", "nan"], 2, "--value"),
    (
        "append-event-unknown-type",
        write("e.json", '{"type":"claim-exploded","data":{}}'),
        ["append", "--event", "{}"],
        2,
        "unknown event type",
    ),
    (
        "append-event-future",
        write("e.json", '{"type":"claim-retracted","schema_version":9,"data":{}}'),
        ["append", "--event", "{}"],
        2,
        "newer",
    ),
    (
        "append-event-nan",
        write("e.json", '{"type":"claim-asserted","data":{"x":NaN}}'),
        ["append", "--event", "{}"],
        2,
        "not JSON",
    ),
    (
        "append-event-infinity",
        write("e.json", '{"type":"claim-asserted","data":{"x":Infinity}}'),
        ["append", "--event", "{}"],
        2,
        "not JSON",
    ),
    ("append-event-deep", write("e.json", deep(5_000)), ["append", "--event", "{}"], 2, "not JSON"),
    (
        "append-event-forged-hash",
        write(
            "e.json",
            '{"type":"claim-retracted","data":{"claim_id":"c_x","reason":"r"},"hash":"00"}',
        ),
        ["append", "--event", "{}"],
        2,
        "unknown event field",
    ),
    (
        "append-event-binary",
        write("e.json", b"\x00\x01\x02"),
        ["append", "--event", "{}"],
        2,
        "not JSON",
    ),
    # import
    (
        "import-forged-hash",
        export_edit(forge_hash),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "position 2",
    ),
    (
        "import-skipped-position",
        export_edit(skip_position),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "position 2",
    ),
    (
        "import-unknown-type",
        export_edit(retype),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "unknown event type",
    ),
    (
        "import-future-schema",
        export_edit(future),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "newer",
    ),
    (
        "import-empty",
        write("x.jsonl", b""),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "no events",
    ),
    (
        "import-binary",
        write("x.jsonl", b"\x00\xff" * 100),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "not JSON",
    ),
    (
        "import-deep",
        write("x.jsonl", deep(5_000)),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "not JSON",
    ),
    (
        "import-nan",
        write("x.jsonl", '{"position": NaN}\n'),
        ["--ledger", "copy.db", "import", "{}"],
        2,
        "not JSON",
    ),
    ("import-into-self-forged", export_edit(forge_hash), ["import", "{}"], 2, "position 2"),
    # import-dataset
    ("dataset-missing", None, ["import-dataset", "nowhere"], 2, "nowhere"),
    ("dataset-negative", dataset_edit(first_value(-5)), ["import-dataset", "{}"], 2, "personnel"),
    ("dataset-65-bit", dataset_edit(first_value(2**64)), ["import-dataset", "{}"], 2, "personnel"),
    ("dataset-float", dataset_edit(first_value(1.5)), ["import-dataset", "{}"], 2, "personnel"),
    (
        "dataset-feb-30",
        dataset_edit(first_date("2023-02-30")),
        ["import-dataset", "{}"],
        2,
        "2023-02-30",
    ),
    (
        "dataset-not-json",
        write("russia_losses_personnel.json", b"{oops"),
        ["import-dataset", "{}"],
        2,
        "russia_losses_personnel.json",
    ),
    # correct
    (
        "correct-unknown-claim",
        None,
        ["correct", "c_nope", "--value", "1", "--reason", "r"],
        1,
        "no claim",
    ),
    (
        "correct-negative",
        None,
        ["correct", "c_gs_20230402_personnel", "--value", "-5", "--reason", "r"],
        2,
        "greater than",
    ),
    (
        "correct-feb-30",
        None,
        ["correct", "c_gs_20230402_personnel", "--as-of", "2023-02-30", "--reason", "r"],
        2,
        "calendar",
    ),
    (
        "correct-empty-reason",
        None,
        ["correct", "c_gs_20230402_personnel", "--value", "5", "--reason", ""],
        2,
        "reason",
    ),
    (
        "correct-ctrl-claimant",
        None,
        ["correct", "c_gs_20230402_personnel", "--claimant", "x\x00y", "--reason", "r"],
        2,
        "control",
    ),
    (
        "correct-nothing",
        None,
        ["correct", "c_gs_20230402_personnel", "--reason", "r"],
        2,
        "nothing to correct",
    ),
]


def fingerprint(folder: Path) -> dict[str, str]:
    """Hash every file of every ledger in the folder (the db, its WAL and shared memory)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("*.db*"))
        if not p.name.endswith("-shm")
    }


@pytest.fixture
def ledger_dir(cli, tmp_path: Path) -> Path:
    """A ledger with an article, the data set slice and an export of itself, checkpointed."""
    (tmp_path / "weekly.txt").write_text(WEEKLY)
    assert cli("ingest", str(tmp_path / "weekly.txt")).exit_code == 0
    assert cli("import-dataset", str(SLICE)).exit_code == 0
    assert cli("export", "--out", "good.jsonl").exit_code == 0
    conn = sqlite3.connect(tmp_path / "claims.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return tmp_path


@pytest.mark.parametrize(
    ("make", "argv", "code", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hostile_input_is_refused_cleanly(cli, ledger_dir: Path, make, argv, code, message) -> None:
    """Exit 2 (or 1), one line on stderr naming the problem, no traceback, bytes unchanged."""
    inputs = ledger_dir / "inputs"
    inputs.mkdir()
    path = make(inputs) if make is not None else None
    args = [a.replace("{}", path) if path else a for a in argv]
    before = fingerprint(ledger_dir)
    result = cli(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claims: error:")
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert fingerprint(ledger_dir) == before


def test_table_has_at_least_30_cases() -> None:
    """The table of bad inputs covers at least 30 cases across the write commands."""
    assert len(CASES) >= 30
    assert {c[2][0] if c[2][0] != "--ledger" else c[2][2] for c in CASES} >= {
        "ingest",
        "append",
        "import",
        "import-dataset",
        "correct",
    }


def test_sql_in_a_name_is_just_a_name(cli, tmp_path: Path) -> None:
    """A claimant named like an SQL injection is stored verbatim; the events table survives."""
    name = "x'); DROP TABLE events;--"
    result = cli("append", "--claimant", name, *CLAIM, "--value", "3", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"]["claim"]["claimant"] == name
    assert cli("verify").exit_code == 0
    assert json.loads(cli("totals", "--json").stdout)[0]["claimant"] == name


def test_script_in_html_never_reaches_the_log(cli, tmp_path: Path) -> None:
    """An HTML page's scripts are dropped: their text is in no event."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Losses</title><script>var tanks = 99999; evil()</script></head>"
        "<body><article><h1>Losses</h1><p>The General Staff said on April 2, 2023 that Russia "
        "had lost 3,618 tanks since the invasion.</p><script>alert(88888)</script>"
        "</article></body></html>"
    )
    assert cli("ingest", str(page)).exit_code == 0
    log = cli("log", "--json").stdout
    assert "99999" not in log and "88888" not in log and "evil" not in log
