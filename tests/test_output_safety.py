"""Text from articles, events and users never reaches the terminal raw (issue 11, section 3).

Titles, texts, quotes, URLs, reasons, actors and file names may hold ESC sequences, other C0
and C1 controls, bidi overrides and line breaks. Every command shows them inert: a line break
becomes a space (a title cannot forge a line), any other control a visible escape such as
`\\x1b`; JSON escapes them; CSV cells hold one line each.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli.render import inert

ESC = "\x1b"
TITLE = "Evil\x1b[2J\nclaims: error: FORGED \u202eLINE"
URL = "https://x.example/a\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"
TEXT = (
    "The General Staff said on April 2, 2023 that Russia had lost 3,618 tanks\x1b[2J since "
    "the invasion began,\u2028\x9b31m it reported.\n"
)
REASON = "typo\x1b[31m\nclaims: error: FORGED reason\u202e"
ACTOR = "ev\x1b[1mil\x00"
FORGED = ("claims: error: FORGED", "FORGED LINE")


def raw_controls(text: str) -> list[str]:
    """The characters in `text` a terminal would act on (line feeds between lines aside)."""
    return [
        ch
        for ch in text
        if (ord(ch) < 32 and ch != "\n")
        or 0x7F <= ord(ch) <= 0x9F
        or ch in "\u2028\u2029\u200e\u200f\u061c"
        or 0x202A <= ord(ch) <= 0x202E
        or 0x2066 <= ord(ch) <= 0x2069
    ]


@pytest.fixture
def hostile(cli, tmp_path: Path) -> dict[str, str]:
    """A ledger whose article, correction and actor all carry controls; returns names."""
    article = {
        "url": URL,
        "title": TITLE,
        "publisher": "Daily Example",
        "published": "2023-04-02",
        "text": TEXT,
    }
    (tmp_path / "a.json").write_text(json.dumps(article))
    result = cli("ingest", str(tmp_path / "a.json"), "--actor", ACTOR)
    assert result.exit_code == 0, result.output
    [total] = json.loads(cli("totals", "--json").stdout)
    claim = total["claim_id"]
    result = cli("correct", claim, "--value", "3619", "--reason", REASON, "--actor", ACTOR)
    assert result.exit_code == 0, result.output
    return {"claim": claim, "article": str(tmp_path / "a.json")}


COMMANDS = [
    ["log"],
    ["show", "{claim}"],
    ["audit", "{claim}"],
    ["audit", "--metric", "tanks"],
    ["extract", "{article}"],
    ["history", "tanks"],
    ["history", "tanks", "--csv"],
    ["totals"],
    ["totals", "--csv"],
    ["sources"],
    ["sources", "--by", "publisher"],
    ["check"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_command_shows_hostile_text_inert(cli, hostile: dict[str, str], argv) -> None:
    """No raw control or bidi mark on stdout or stderr, and no line forged by a title."""
    result = cli(*[a.format(**hostile) for a in argv])
    assert result.exit_code == 0, result.output
    for stream in (result.stdout, result.stderr):
        assert raw_controls(stream) == [], stream
        assert not any(line.lstrip().startswith(FORGED) for line in stream.splitlines())


def test_the_text_is_shown_with_visible_escapes(cli, hostile: dict[str, str]) -> None:
    """The escapes are shown, not dropped: `\\x1b[2J`, `\\u202e`, a break as a space."""
    shown = cli("show", hostile["claim"]).stdout
    assert "tanks\\x1b[2J since" in " ".join(shown.split())
    assert "\\x9b31m" in shown
    log = " ".join(cli("log").stdout.split())
    assert "Evil\\x1b[2J claims: error: FORGED \\u202eLINE" in log
    assert "ev\\x1b[1mil" in log


@pytest.mark.parametrize("argv", [["log", "--json"], ["show", "{claim}", "--json"]])
def test_json_escapes_every_control_and_keeps_the_value(cli, hostile: dict[str, str], argv) -> None:
    """JSON output escapes C0, C1, bidi marks and U+2028 (`\\u...`), and decodes unchanged."""
    out = cli(*[a.format(**hostile) for a in argv]).stdout
    assert raw_controls(out) == []
    assert "\\u009b" in out and "\\u202e" in out
    documents = [json.loads(line) for line in out.splitlines()] if argv[0] == "log" else []
    if documents:
        assert "\\u2028" in out
        assert (documents[0]["data"]["title"], documents[0]["data"]["text"]) == (TITLE, TEXT)
    else:
        assert json.loads(out)["article"]["title"] == TITLE


def test_csv_cells_hold_one_line_each(cli, hostile: dict[str, str]) -> None:
    """`history --csv`: one physical line per row; no cell carries a control or line break."""
    out = cli("history", "tanks", "--csv").stdout
    rows = list(csv.reader(io.StringIO(out)))
    assert len(out.splitlines()) == len(rows) == 2
    assert all(raw_controls(cell) == [] and "\n" not in cell for row in rows for cell in row)
    assert any(cell == "Evil\\x1b[2J claims: error: FORGED \\u202eLINE" for cell in rows[1])


def test_a_file_name_with_escapes_is_shown_inert(cli, tmp_path: Path) -> None:
    """A failing file whose name holds ESC and a newline: the error line shows them inert."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\x1b[2J\nclaims: error: FORGED.txt").write_bytes(b"")
    result = cli("ingest", str(folder))
    assert result.exit_code == 2
    assert raw_controls(result.stderr) == [], result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, “quoted” — ünïcode", "plain text, “quoted” — ünïcode"),
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("osc\x1b]8;;http://x\x07", "osc\\x1b]8;;http://x\\x07"),
        ("line\nbreak\r\ntab\there", "line break  tab here"),
        ("c1 \x9b31m \x85", "c1 \\x9b31m  "),
        ("bidi \u202egninrow\u2066x\u2069", "bidi \\u202egninrow\\u2066x\\u2069"),
        ("sep\u2028para\u2029end", "sep para end"),
        ("nul\x00del\x7f", "nul\\x00del\\x7f"),
        (None, ""),
    ],
)
def test_inert_makes_controls_visible(text: str | None, shown: str) -> None:
    """`inert`: breaks become spaces, other controls visible escapes, the rest unchanged."""
    assert inert(text) == shown
