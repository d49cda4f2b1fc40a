"""The `claims` CLI over the log: append, log, verify, export, import, schema; exit codes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

STAFF = "General Staff of the Armed Forces of Ukraine"
BASE = [
    "append",
    "--claimant",
    STAFF,
    "--subject",
    "russia",
    "--metric",
    "personnel",
    "--value",
    "174550",
    "--since",
    "2022-02-24",
    "--as-of",
    "2023-04-02",
]


def with_option(option: str, value: str) -> list[str]:
    """BASE with one option's value replaced (or added)."""
    args = list(BASE)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    return args


def count(tmp_path: Path, name: str = "claims.db") -> int:
    """Count the events in a ledger file under tmp_path (0 if there is none)."""
    path = tmp_path / name
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def test_append_records_a_claim(cli, tmp_path: Path) -> None:
    """`claims append` with flags records one ClaimAsserted event."""
    result = cli(*BASE, "--json")
    assert result.exit_code == 0, result.output
    event = json.loads(result.stdout)
    assert event["type"] == "claim-asserted"
    assert event["position"] == 1
    assert event["data"]["claim"]["value"] == 174_550
    assert count(tmp_path) == 1


def test_append_twice_writes_once(cli, tmp_path: Path) -> None:
    """The same claim appended again is recognised and writes nothing."""
    cli(*BASE)
    result = cli(*BASE)
    assert result.exit_code == 0
    assert "unchanged" in result.stdout
    assert count(tmp_path) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (with_option("--metric", "nukes"), "metric"),
        (with_option("--value", "-5"), "greater than or equal to 0"),
        (with_option("--value", "many"), "--value"),
        (with_option("--value", str(2**70)), "less than or equal"),
        (with_option("--as-of", "2023-02-30"), "not a calendar date"),
        (with_option("--as-of", "April 2"), "ISO date"),
        (with_option("--since", "2023-05-01"), "after as_of"),
        (with_option("--qualifier", "roughly"), "qualifier"),
        (with_option("--period", "daily"), "period"),
        (with_option("--subject", "Russia!"), "subject"),
        (with_option("--claimant", "x\u202eevil"), "control character"),
        (["append", "--claimant", STAFF], "missing"),
        (["append", "--bogus"], "No such option"),
        (["nonsense"], "No such command"),
    ],
)
def test_bad_append_exits_2_with_one_line(cli, tmp_path: Path, args, message: str) -> None:
    """Bad input: exit 2, one line on stderr naming the problem, and the log unchanged."""
    cli(*BASE, "--value", "1")  # something in the log already
    before = file_hash(tmp_path / "claims.db")
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims: error:")
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert file_hash(tmp_path / "claims.db") == before


def test_append_event_file(cli, tmp_path: Path) -> None:
    """`claims append --event FILE` appends a JSON event after validating it."""
    fixture = Path(__file__).parent / "fixtures" / "events" / "claim-asserted.v1.json"
    result = cli("append", "--event", str(fixture), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stream"] == "claim-c_1a2b3c4d5e6f7081"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"type": "claim-exploded", "data": {}}, "unknown event type"),
        ({"type": "claim-asserted", "schema_version": 7, "data": {}}, "newer"),
        ({"type": "claim-asserted", "data": {"claim": {}}}, "claim"),
        ({"type": "claim-retracted", "data": {"claim_id": "c_x", "reason": "r"}}, "stream"),
        ({"type": "claim-asserted", "data": {}, "hash": "0"}, "unknown event field"),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_event_file_exits_2(cli, tmp_path: Path, document, message: str) -> None:
    """A JSON event that does not validate is refused, writing nothing."""
    path = tmp_path / "event.json"
    path.write_text(json.dumps(document))
    result = cli("append", "--event", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert count(tmp_path) == 0


def test_stale_expected_version_exits_1(cli, tmp_path: Path) -> None:
    """A stale writer gets a conflict (exit 1), never an overwrite."""
    fixture = Path(__file__).parent / "fixtures" / "events" / "claim-corrected.v1.json"
    document = json.loads(fixture.read_text()) | {"stream": "claim-c_x", "expected_version": 3}
    path = tmp_path / "event.json"
    path.write_text(json.dumps(document))
    result = cli("append", "--event", str(path))
    assert result.exit_code == 1
    assert "not 3" in result.stderr
    assert count(tmp_path) == 0


def test_log_json_has_every_envelope_field(cli) -> None:
    """`claims log --json` prints one object per line with every envelope field."""
    cli(*BASE)
    cli(*with_option("--value", "174551"))
    lines = cli("log", "--json").stdout.splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert set(first) == {
        "id",
        "position",
        "stream",
        "version",
        "type",
        "schema_version",
        "recorded_at",
        "actor",
        "idempotency_key",
        "data",
        "prev_hash",
        "hash",
    }


def test_log_filters(cli) -> None:
    """`claims log` filters by type, stream, start position and limit."""
    for value in ("1", "2", "3"):
        cli(*with_option("--value", value))
    assert len(cli("log", "--json", "--from", "2").stdout.splitlines()) == 2
    assert len(cli("log", "--json", "--limit", "1").stdout.splitlines()) == 1
    assert cli("log", "--json", "--type", "claim-corrected").stdout == ""
    stream = json.loads(cli("log", "--json", "--limit", "1").stdout)["stream"]
    assert len(cli("log", "--json", "--stream", stream).stdout.splitlines()) == 1
    assert cli("log").exit_code == 0


def test_read_command_on_missing_ledger_exits_2(cli, tmp_path: Path) -> None:
    """Reading a ledger that does not exist is a clear error, and creates no file."""
    result = cli("log")
    assert result.exit_code == 2
    assert "no ledger" in result.stderr
    assert not (tmp_path / "claims.db").exists()


def test_verify_ok(cli) -> None:
    """`claims verify` exits 0 on an untouched ledger."""
    cli(*BASE)
    result = cli("verify")
    assert result.exit_code == 0
    assert "ok" in result.stdout


def test_verify_names_the_tampered_position(cli, tmp_path: Path) -> None:
    """After editing a row behind the ledger's back (and restoring the guards exactly),
    verify exits 1 naming that position and the broken hash."""
    from tests.test_tamper import tamper

    for value in ("1", "2", "3"):
        cli(*with_option("--value", value))
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        (data,) = conn.execute("SELECT data FROM events WHERE position = 2").fetchone()
    tamper(tmp_path / "claims.db", {2: {"data": data.replace('"value":2', '"value":9')}})
    result = cli("verify")
    assert "does not match" in result.stderr
    assert result.exit_code == 1
    assert "position 2" in result.stderr
    assert json.loads(cli("verify", "--json").stdout)["position"] == 2


def test_verify_reports_missing_triggers(cli, tmp_path: Path) -> None:
    """A ledger whose append-only triggers were dropped does not verify."""
    cli(*BASE)
    with sqlite3.connect(tmp_path / "claims.db") as conn:
        conn.execute("DROP TRIGGER events_no_delete")
    result = cli("verify")
    assert result.exit_code == 1
    assert "events_no_delete" in result.stderr


def test_export_import_round_trip_is_byte_identical(cli, tmp_path: Path) -> None:
    """export -> import into a new ledger gives byte-identical `claims log --json`."""
    for value in ("1", "2", "3"):
        cli(*with_option("--value", value))
    assert cli("export", "--out", "log.jsonl").exit_code == 0
    result = cli("--ledger", "copy.db", "import", "log.jsonl")
    assert result.exit_code == 0, result.output
    assert cli("--ledger", "copy.db", "log", "--json").stdout == cli("log", "--json").stdout
    again = cli("--ledger", "copy.db", "import", "log.jsonl", "--json")
    assert json.loads(again.stdout) == {"imported": 0, "skipped": 3, "exact": False}


def test_import_into_non_empty_appends_only_missing(cli, tmp_path: Path) -> None:
    """Importing into a ledger with its own events appends only what it lacks, re-chained."""
    cli(*with_option("--value", "1"))
    cli("export", "--out", "a.jsonl")
    cli("--ledger", "b.db", *with_option("--value", "2"))
    result = cli("--ledger", "b.db", "import", "a.jsonl", "--json")
    assert json.loads(result.stdout) == {"imported": 1, "skipped": 0, "exact": False}
    assert cli("--ledger", "b.db", "verify").exit_code == 0


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda lines: lines[:1] + lines[2:], "position 2"),
        (lambda lines: [lines[0].replace('"value":1', '"value":7'), *lines[1:]], "position 1"),
        (lambda lines: [*lines, "{not json"], "not JSON"),
        (lambda lines: [lines[0].replace('"claim-asserted"', '"claim-exploded"')], "unknown"),
        (lambda lines: [lines[0].replace('"schema_version":2', '"schema_version":9')], "newer"),
        (lambda lines: [], "no events"),
    ],
)
def test_import_refuses_a_bad_export(cli, tmp_path: Path, edit, message: str) -> None:
    """An export whose chain or schema does not verify is refused, writing nothing."""
    for value in ("1", "2", "3"):
        cli(*with_option("--value", value))
    cli("export", "--out", "log.jsonl")
    header, *lines = (tmp_path / "log.jsonl").read_text().splitlines()
    (tmp_path / "bad.jsonl").write_text("\n".join([header, *edit(lines)]) + "\n")
    result = cli("--ledger", "copy.db", "import", "bad.jsonl")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "copy.db").exists()


def test_export_refuses_to_overwrite(cli, tmp_path: Path) -> None:
    """`--out` does not overwrite an existing file without --force."""
    cli(*BASE)
    (tmp_path / "keep.jsonl").write_text("precious")
    assert cli("export", "--out", "keep.jsonl").exit_code == 2
    assert (tmp_path / "keep.jsonl").read_text() == "precious"
    assert cli("export", "--out", "keep.jsonl", "--force").exit_code == 0


def test_schema_lists_every_event_type(cli) -> None:
    """`claims schema` prints the JSON Schema of every event type."""
    schemas = json.loads(cli("schema").stdout)
    assert "article-recorded" in schemas and "source-aliased" in schemas
    assert cli("schema", "nope").exit_code == 2


def test_not_a_ledger_is_refused(cli, tmp_path: Path) -> None:
    """A text file given as the ledger is refused and left alone."""
    (tmp_path / "notes.txt").write_text("not a ledger")
    result = cli("--ledger", "notes.txt", *BASE)
    assert result.exit_code == 2
    assert "not a claim ledger" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "not a ledger"


def test_installed_console_script(claims_bin: str, tmp_path: Path) -> None:
    """The installed `claims` runs as a real process with the same contract."""
    env = {"CLAIMS_LEDGER": str(tmp_path / "c.db"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([claims_bin, *BASE], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    bad = subprocess.run(
        [claims_bin, *with_option("--value", "-1")], env=env, capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    version = subprocess.run([claims_bin, "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("claims ")


def test_failed_first_write_creates_no_file(cli, tmp_path: Path) -> None:
    """A refused append on a fresh folder leaves no ledger file behind."""
    assert cli(*with_option("--value", "-1")).exit_code == 2
    assert not (tmp_path / "claims.db").exists()


def test_an_error_message_with_a_bare_newline_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A message holding only a line break (no other control character) is still one line:
    it could otherwise forge a second `claims: error:` line."""
    from cli.app import error_line

    error_line("a\nclaims: error: forged")
    assert capsys.readouterr().err.count("\n") == 1
