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
from typing import Any

import pytest

from tests.samples import WEEKLY

SLICE = Path(__file__).parent / "fixtures" / "gs-daily"
# valid payloads of the types only the ledger's own commands write: refused for the type
FORGED_LEDGER_EVENTS = {
    name: json.loads(
        (Path(__file__).parent / "fixtures" / "events" / f"{name}.v1.json").read_text()
    )["data"]
    for name in ("checkpoint-signed", "checkpoint-cosigned", "page-fetched", "feed-polled")
}
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
        header, *lines = [
            json.loads(x) for x in (folder.parent / "good.jsonl").read_text().splitlines()
        ]
        path = folder / "edited.jsonl"
        path.write_text("".join(json.dumps(x) + "\n" for x in [header, *edit(lines)]))
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
    *[
        (
            f"append-event-forged-{name}",
            write("e.json", json.dumps({"type": name, "data": data})),
            ["append", "--event", "{}"],
            2,
            f"a {name} event is written only by `claims ",
        )
        for name, data in FORGED_LEDGER_EVENTS.items()
    ],
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
    # issue 11, section 3: input that hangs, leaks or forges output
    (
        "ingest-html-100k-attributes",
        write("a.html", "<html><body><div " + "a=1 " * 100_000 + ">Russia lost 5 tanks.</div>"),
        ["ingest", "{}"],
        2,
        "attributes",
    ),
    ("ingest-html-nesting", write("n.html", "<div>" * 100_000), ["ingest", "{}"], 2, "deep"),
    (
        "ingest-html-elements",
        write("e.html", "<b>x</b>" * 200_000),
        ["ingest", "{}"],
        2,
        "elements",
    ),
    (
        "ingest-lone-surrogate",
        write("s.json", '{"title": "t", "text": "Russia lost 5 tanks \\ud800 today."}'),
        ["ingest", "{}"],
        2,
        "lone surrogate \\ud800",
    ),
    (
        "ingest-duplicate-key",
        write("d.json", '{"title": "t", "text": "Russia lost 5 tanks.", "title": "u"}'),
        ["ingest", "{}"],
        2,
        "'title' appears twice",
    ),
    (
        "ingest-mixed-script-publisher",
        write("a.txt", WEEKLY),
        ["ingest", "{}", "--publisher", "Kyiv Ind\u0435pendent"],
        2,
        "mixes Latin and Cyrillic",
    ),
    # issue 14: an article with no publication date is never dated with the day of ingestion
    (
        "ingest-undated-txt",
        write("u.txt", "Tanks lost\n\nRussia lost 40 tanks on Thursday, the army said.\n"),
        ["ingest", "{}"],
        2,
        "no publication date found in the article; give it with --published DATE",
    ),
    (
        "ingest-undated-json-dry-run",
        write("u.json", json.dumps({"title": "t", "text": "Russia lost 40 tanks, the army said."})),
        ["ingest", "--dry-run", "{}"],
        2,
        "u.json: no publication date found",
    ),
    (
        "ingest-json-mixed-script-publisher",
        write("p.json", json.dumps({"title": "t", "text": WEEKLY, "publisher": "Ky\u0456v Post"})),
        ["ingest", "{}"],
        2,
        "mixes Latin and Cyrillic",
    ),
    (
        "ingest-json-newline-publisher",
        write("p.json", json.dumps({"title": "t", "text": WEEKLY, "publisher": "Kyiv\nPost"})),
        ["ingest", "{}"],
        2,
        "control character U+000A",
    ),
    (
        "append-cyrillic-a-claimant",
        None,
        ["append", "--claimant", "Gener\u0430l Staff", *CLAIM, "--value", "1"],
        2,
        "mixes Latin and Cyrillic letters in 'Gener\u0430l'",
    ),
    (
        "append-greek-claimant",
        None,
        ["append", "--claimant", "G\u03b5neral Staff", *CLAIM, "--value", "1"],
        2,
        "mixes Latin and Greek",
    ),
    (
        "append-newline-claimant",
        None,
        ["append", "--claimant", "General\nStaff", *CLAIM, "--value", "1"],
        2,
        "control character U+000A",
    ),
    (
        "append-event-mixed-script",
        write(
            "e.json",
            json.dumps(
                {
                    "type": "claim-asserted",
                    "stream": "claim-c_x",
                    "data": {
                        "claim": {
                            "claim_id": "c_x",
                            "claimant": "Gener\u0430l Staff",
                            "subject": "russia",
                            "metric": "tanks",
                            "value": 1,
                            "as_of": "2023-04-02",
                        }
                    },
                }
            ),
        ),
        ["append", "--event", "{}"],
        2,
        "mixes Latin and Cyrillic",
    ),
    ("alias-mixed-script", None, ["alias", "Gener\u0430l Staff", STAFF], 2, "mixes"),
    (
        "correct-mixed-script-claimant",
        None,
        ["correct", "c_gs_20230402_personnel", "--claimant", "Gener\u0430l", "--reason", "r"],
        2,
        "mixes Latin and Cyrillic",
    ),
    ("log-from-2**63", None, ["log", "--from", str(2**63)], 2, "'--from'"),
    ("log-limit-10**30", None, ["log", "--limit", str(10**30)], 2, "'--limit'"),
    ("totals-at-2**63", None, ["totals", "--at", str(2**63)], 2, "'--at'"),
    ("history-at-2**63", None, ["history", "tanks", "--at", str(2**63)], 2, "'--at'"),
    (
        "argv-not-utf8",
        None,
        ["append", "--claimant", "a\udcffb", *CLAIM, "--value", "1"],
        2,
        "not valid UTF-8",
    ),
    (
        "ledger-url-unclosed-ipv6",
        None,
        ["--ledger", "postgresql://analyst:S3cret@[::1/claims", "log"],
        2,
        "postgresql://analyst:***@[::1/claims",
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


def _integer_options() -> list[tuple[str, str]]:
    """Every (command, option) of the app that takes an integer."""
    import typer

    from cli.app import app

    group = typer.main.get_command(app)
    return [
        (name, param.opts[0])
        for name, command in group.commands.items()
        for param in command.params
        if getattr(param, "opts", None)
        and param.type_descriptor.annotation in (int, int | None, list[int], list[int] | None)
    ]


REQUIRED = {"correct": ["c_gs_20230402_personnel", "--reason", "r"], "history": ["tanks"]}
REQUIRED["show"] = ["c_gs_20230402_personnel"]


@pytest.mark.parametrize("number", [2**63, -(2**63) - 1, 10**30])
@pytest.mark.parametrize(("command", "option"), _integer_options())
def test_every_integer_option_refuses_what_64_bits_cannot_hold(
    cli, ledger_dir: Path, command: str, option: str, number: int
) -> None:
    """Any integer option given a number outside 64 bits: one usage line, exit 2, no write."""
    before = fingerprint(ledger_dir)
    result = cli(command, *REQUIRED.get(command, []), option, str(number))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claims: error:"), result.stderr
    assert "internal error" not in result.stderr and option in lines[0]
    assert fingerprint(ledger_dir) == before


def test_a_bad_json_article_in_a_folder_fails_alone(cli, tmp_path: Path) -> None:
    """A lone surrogate in one JSON file of a folder: that file fails, the others are
    ingested, and the summary is printed (exit 1)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(WEEKLY)
    (folder / "b.json").write_text('{"title": "t", "text": "Russia lost 5 tanks \\ud800."}')
    (folder / "c.json").write_text('{"title": "t", "text": "x", "text": "y"}')
    result = cli("ingest", str(folder))
    assert result.exit_code == 1, result.output
    assert "3 article(s), 1 new, 0 revised, 0 unchanged, 2 failed" in result.stdout
    assert "lone surrogate" in result.stderr and "appears twice" in result.stderr
    assert "internal error" not in result.stderr


def test_names_are_normalised_nfkc(cli) -> None:
    """A full-width or ligature name is stored as its plain letters (NFKC)."""
    result = cli("append", "--claimant", "\uff27eneral Sta\ufb00", *CLAIM, "--value", "4", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["data"]["claim"]["claimant"] == "General Staff"


def test_stored_events_keep_the_name_rule_they_were_written_under(cli, ledger_dir: Path) -> None:
    """An export whose names hold a newline or mix scripts (allowed when written) still
    imports into an empty ledger with every hash, and verifies."""
    from ledger.store.hashing import canonical_json, envelope_hash

    header, *lines = [json.loads(x) for x in (ledger_dir / "good.jsonl").read_text().splitlines()]
    prev = "0" * 64
    for line in lines:
        claim = line["data"].get("claim")
        if claim:
            claim["claimant"] = "Gener\u0430l\nStaff"
        line["prev_hash"] = prev
        fields = {k: v for k, v in line.items() if k not in ("hash", "data")}
        line["hash"] = prev = envelope_hash(**fields, data_json=canonical_json(line["data"]))
    header = {k: v for k, v in header.items() if k != "head_hash"} | {"head_hash": prev}
    legacy = ledger_dir / "legacy.jsonl"
    legacy.write_text("".join(json.dumps(x) + "\n" for x in [header, *lines]))
    assert cli("--ledger", "old.db", "import", str(legacy)).exit_code == 0
    assert cli("--ledger", "old.db", "verify").exit_code == 0


def _blocked_reading_stdin(pid: int) -> bool:
    """True once process `pid` waits in read(2) on its standard input (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
    except OSError:
        return False
    return fields[:2] == ["0", "0x0"]


def test_ctrl_c_says_nothing_was_half_written(claims_bin: str, tmp_path: Path) -> None:
    """SIGINT while `ingest -` waits on stdin: one line saying so, exit 130, no ledger made."""
    import signal
    import subprocess
    import time

    if not Path("/proc/self/syscall").exists():
        pytest.skip("needs Linux /proc/PID/syscall to know when the process waits")
    proc = subprocess.Popen(
        [claims_bin, "--ledger", str(tmp_path / "claims.db"), "ingest", "-"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not _blocked_reading_stdin(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().splitlines() == [
        "claims: error: interrupted; nothing half-written (each write is one transaction)"
    ]
    assert not (tmp_path / "claims.db").exists()


FULL_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "mod-daily-losses"


@pytest.mark.skipif(not FULL_DATA.is_dir(), reason="the full data set is not next to the repo")
def test_ctrl_c_during_a_long_import_leaves_a_log_that_verifies(
    claims_bin: str, tmp_path: Path
) -> None:
    """SIGINT in the middle of importing the whole data set: exit 130, one line, and the
    ledger verifies (the import is written whole or not at all)."""
    import signal
    import subprocess
    import time

    ledger = tmp_path / "claims.db"
    proc = subprocess.Popen(
        [claims_bin, "--ledger", str(ledger), "import-dataset", str(FULL_DATA)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not ledger.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the import finished before the signal arrived")
    assert proc.returncode == 130, err
    assert err.decode().splitlines() == [
        "claims: error: interrupted; nothing half-written (each write is one transaction)"
    ]
    if not ledger.exists():  # stopped while the new ledger's schema was being made (a busy
        assert list(tmp_path.iterdir()) == []  # machine): no file left, as before the command
        return
    check = subprocess.run(
        [claims_bin, "--ledger", str(ledger), "verify"], capture_output=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr


# The web's bad cases: each runs against the local server (tests/webserver.py) with the
# routes it names; `{url}` is the server, `{closed}` a port nobody listens on. Exit 2 for an
# answer that cannot be used, 1 for no answer (the network).
WEB_PAGE = (Path(__file__).parent / "fixtures" / "web" / "briefing-2023-04-04.html").read_bytes()
WEB_LOCAL = ["--allow-private", "--delay", "0", "--timeout", "10"]
_HUGE = 6 * 1024 * 1024


def _web_routes() -> dict[str, Any]:
    from tests.webserver import Route

    chain = {f"/hop{i}": Route(status=302, headers={"Location": f"/hop{i + 1}"}) for i in range(12)}
    return {
        "/ok": Route(WEB_PAGE),
        "/404": Route(b"gone", status=404, content_type="text/plain"),
        "/500": Route(b"oops", status=500, content_type="text/plain"),
        "/loop": Route(status=302, headers={"Location": "/loop2"}),
        "/loop2": Route(status=302, headers={"Location": "/loop"}),
        "/to-file": Route(status=302, headers={"Location": "file:///etc/passwd"}),
        "/huge": Route(b"<p>" + b"x" * 1024 * 1024, repeat=6),
        "/huge-unsaid": Route(b"x" * 1024 * 1024, repeat=6, length=False),
        "/png": Route(b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        "/pdf": Route(b"%PDF-1.4", content_type="application/pdf"),
        "/slow": Route(WEB_PAGE, delay=1.0),
        "/empty": Route(b""),
        "/nul": Route(b"<html>\x00\x00\x00</html>"),
        "/charset": Route(WEB_PAGE, content_type="text/html; charset=x-nonsense"),
        "/undated": Route(
            b"<html><body><article><p>Russia lost 3,620 tanks.</p></article></body></html>"
        ),
        "/feed-html": Route(WEB_PAGE),
        "/feed-junk": Route(b"<rss><<<", content_type="application/rss+xml"),
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/private/a": Route(WEB_PAGE),
        **chain,
    }


WEB_CASES: list[tuple[str, list[str], int, str]] = [
    ("url-404", ["ingest", "{url}/404", *WEB_LOCAL], 2, "HTTP 404"),
    ("url-500", ["ingest", "{url}/500", *WEB_LOCAL], 2, "HTTP 500"),
    ("url-redirect-loop", ["ingest", "{url}/loop", *WEB_LOCAL], 2, "redirect loop"),
    ("url-too-many-redirects", ["ingest", "{url}/hop0", *WEB_LOCAL], 2, "more than 10 redirects"),
    ("url-redirect-to-file", ["ingest", "{url}/to-file", *WEB_LOCAL], 2, "file:// is not fetched"),
    ("url-huge-declared", ["ingest", "{url}/huge", *WEB_LOCAL], 2, "too large (6.0 MB"),
    ("url-huge-streamed", ["ingest", "{url}/huge-unsaid", *WEB_LOCAL], 2, "stopped reading"),
    ("url-image", ["ingest", "{url}/png", *WEB_LOCAL], 2, "content type 'image/png'"),
    ("url-pdf", ["ingest", "{url}/pdf", *WEB_LOCAL], 2, "is not read"),
    (
        "url-timeout",
        ["ingest", "{url}/slow", "--allow-private", "--delay", "0", "--timeout", "0.2"],
        1,
        "timed out after 0.2s",
    ),
    ("url-connection-refused", ["ingest", "{closed}/ok", *WEB_LOCAL], 1, "could not connect"),
    ("url-empty-body", ["ingest", "{url}/empty", *WEB_LOCAL], 2, "is empty"),
    ("url-binary-body", ["ingest", "{url}/nul", *WEB_LOCAL], 2, "binary"),
    ("url-unknown-charset", ["ingest", "{url}/charset", *WEB_LOCAL], 2, "unknown charset"),
    ("url-undated", ["ingest", "{url}/undated", *WEB_LOCAL], 2, "fetch time is not a publication"),
    ("url-loopback-refused", ["ingest", "{url}/ok", "--delay", "0"], 2, "loopback address"),
    ("url-file-scheme", ["ingest", "file:///etc/passwd"], 2, "file:// is not fetched"),
    ("url-ftp-scheme", ["ingest", "ftp://news.example/a"], 2, "ftp:// is not fetched"),
    ("url-robots-disallowed", ["ingest", "{url}/private/a", *WEB_LOCAL], 2, "robots.txt disallows"),
    ("url-and-file", ["ingest", "{url}/ok", "README.md", *WEB_LOCAL], 2, "not both"),
    (
        "url-with-url-option",
        ["ingest", "{url}/ok", "--url", "https://x.example/"],
        2,
        "--url is for a file",
    ),
    ("url-from-missing-file", ["ingest", "--from-file", "no-such-file.txt"], 2, "--from-file"),
    (
        "url-bad-published",
        ["ingest", "{url}/ok", *WEB_LOCAL, "--published", "soon"],
        2,
        "--published",
    ),
    (
        "watch-not-a-feed-type",
        ["watch", "{url}/feed-html", "--once", *WEB_LOCAL],
        1,
        "content type",
    ),
    (
        "watch-junk-feed",
        ["watch", "{url}/feed-junk", "--once", *WEB_LOCAL],
        1,
        "not an RSS or Atom",
    ),
    ("watch-404", ["watch", "{url}/404", "--once", *WEB_LOCAL], 1, "HTTP 404"),
    ("watch-every-too-often", ["watch", "{url}/feed", "--every", "5s"], 2, "under the minimum"),
    (
        "watch-every-not-a-duration",
        ["watch", "{url}/feed", "--every", "often"],
        2,
        "not a duration",
    ),
    ("watch-once-or-every", ["watch", "{url}/feed"], 2, "--once"),
    ("watch-file-feed", ["watch", "file:///etc/passwd", "--once"], 1, "file:// is not fetched"),
    ("reextract-unknown", ["reextract", "a_0000000000000000"], 1, "no article"),
]


@pytest.fixture
def closed_port() -> str:
    """A local address nobody listens on."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    ("argv", "code", "message"), [c[1:] for c in WEB_CASES], ids=[c[0] for c in WEB_CASES]
)
def test_hostile_web_input_is_refused_cleanly(
    cli, ledger_dir: Path, web_server: Any, closed_port: str, argv, code, message
) -> None:
    """A page or feed that cannot be used: one line, its exit code, the ledger's bytes
    unchanged (nothing written), no traceback."""
    web_server.routes.update(_web_routes())
    args = [a.replace("{url}", web_server.base).replace("{closed}", closed_port) for a in argv]
    before = fingerprint(ledger_dir)
    result = cli(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claims: error:")
    assert message in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert fingerprint(ledger_dir) == before
