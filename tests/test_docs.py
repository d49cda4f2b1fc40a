"""Docs that cannot drift: every command is documented, has help, and the README tour runs and
prints what the README shows."""

from __future__ import annotations

import difflib
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.main import get_command

from cli.app import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_readme_leads_with_the_two_commands() -> None:
    """A newcomer reads `make demo` and `make test` before anything else."""
    head = README[: README.index("## ")]
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    """Each `claims` command appears in the README's command table."""
    assert f"`claims {command}`" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(cli, command: str) -> None:
    """`claims COMMAND --help` exits 0 and says what the command does."""
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert len(result.stdout.split("Options")[0].strip().splitlines()) >= 2


TOUR_COLUMNS = 100
"""The width the tour is printed at: the README's own, so its tables fit its page."""

PLACEHOLDERS = {
    "<time>": r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}",  # when an event was recorded (the clock)
    "<hash>": r"[0-9a-f]{64}",  # an event hash, whole (it hashes the clock)
    "<number>": r"\d+(?:\.\d+)?",  # a duration, a rate
}
_PLACEHOLDER = re.compile("(" + "|".join(map(re.escape, PLACEHOLDERS)) + r")([^ <]*)( *)")


@dataclass
class Step:
    """One `$ claims ...` line of the tour and the lines the README shows under it."""

    args: list[str]
    shown: list[str]

    @property
    def fails(self) -> bool:
        """A step shown failing shows its error line: `claims: error: ...`."""
        return bool(self.shown) and self.shown[0].startswith("claims: error")


def tour() -> list[Step]:
    """The README tour: every `$ claims ...` line of its ```console blocks, in order, with the
    output lines it shows (up to the next `$ ` line or the end of the block). A trailing `\\`
    continues a command on the next line."""
    steps = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        lines = block.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            assert line.startswith("$ claims "), f"not a `$ claims` line, nor its output: {line!r}"
            command = line[2:]
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + lines[i].strip()
            i += 1
            shown = []
            while i < len(lines) and not lines[i].startswith("$ "):
                shown.append(lines[i])
                i += 1
            steps.append(Step(shlex.split(command)[1:], shown))
    return steps


def _line_pattern(shown: str) -> re.Pattern[str]:
    """A shown line as a pattern: literal, but for its placeholders; the gap of spaces next
    after a placeholder (and what is stuck to it: `<number>s`) is any gap."""
    parts, last = [], 0
    for m in _PLACEHOLDER.finditer(shown):
        parts += [re.escape(shown[last : m.start()]), PLACEHOLDERS[m[1]], re.escape(m[2])]
        parts.append(" +" if m[3] else "")
        last = m.end()
    parts.append(re.escape(shown[last:]))
    return re.compile("".join(parts))


def shows(shown: list[str], printed: list[str]) -> bool:
    """Whether the lines the README shows are the lines printed, one for one and in order,
    each `...` line standing for any number of printed lines (none included)."""
    reached = {0}  # how many printed lines the shown lines so far can account for
    for line in shown:
        if line == "...":
            reached = set(range(min(reached), len(printed) + 1)) if reached else set()
        else:
            pattern = _line_pattern(line)
            reached = {n + 1 for n in reached if n < len(printed) and pattern.fullmatch(printed[n])}
    return len(printed) in reached


def _printed(text: str, paths: dict[str, str]) -> list[str]:
    for real, shown in paths.items():
        text = text.replace(real, shown)
    return [line.rstrip() for line in text.splitlines()]


def test_tour_check_reads_placeholders_and_omissions() -> None:
    """The rule `test_readme_tour_runs` applies, on small cases: placeholders, gaps, `...`."""
    printed = ["a", "   1   2026-01-01 00:00   x", "b", "c", "done in 0.25s (12 events/s)"]
    assert shows(
        ["a", "   1   <time>             x", "...", "done in <number>s (<number> events/s)"],
        printed,
    )
    assert shows(["...", "b", "..."], printed)
    assert not shows(["a", "..."], ["b"])
    assert not shows(["a"], ["a", "b"])  # nothing printed goes unshown, without `...`
    assert not shows([], ["a"])
    assert shows([], []) and shows(["..."], [])
    assert not shows(["   1   <time>   y"], ["   1   2026-01-01 00:00   x"])
    digest = "4a6ef89808ba1a03" * 4
    assert shows([" 1   <hash>   yes"], [f" 1   {digest}   yes"])
    assert not shows([" 1   <hash>   yes"], [f" 1   {digest[:-1]}   yes"])


TOUR_SERVER = "http://127.0.0.1:8765"
"""The address the README's web step names: `python -m http.server 8765 --bind 127.0.0.1
--directory tests/fixtures/web`. The test serves that folder the same way, on a free port, and
reads its address as this one, in the commands and in what they print."""


@pytest.fixture
def tour_server() -> Iterator[str]:
    """tests/fixtures/web served by the standard library's file server on 127.0.0.1."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            """Quiet: the tour compares what `claims` prints."""

    handler = functools.partial(Quiet, directory=str(ROOT / "tests" / "fixtures" / "web"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_readme_tour_runs(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tour_server: str
) -> None:
    """Every command shown in the README runs, in order, from the repository root, and prints
    what the README shows under it.

    The rule, for each `$ claims ...` line of the tour (see `tour`):

    - A step whose first shown line starts with `claims: error` must fail: exit non-zero, print
      nothing on stdout, and its stderr is compared. Any other step must exit 0 with nothing on
      stderr, and its stdout is compared.
    - Compared means: the shown lines are the printed lines, one for one, in order, from the
      first to the last (`shows`). Blank lines count. A line that is exactly `...` stands for
      any number of printed lines, none included; a step that shows no lines prints none.
    - Only what a run cannot repeat is written as a placeholder: `<time>` (a recorded time,
      `2026-01-01 00:00`), `<hash>` (64 hex digits), `<number>` (a duration or a rate,
      `0.25`). A placeholder is shorter than what it stands for, so the run of spaces that next
      follows it on its line matches any run of one or more spaces: the README can keep the
      columns of a table aligned.
    - Normalised on the printed side: trailing spaces (rich pads table cells) are dropped, and
      the temporary files the test writes instead of `log.jsonl` and `copy.db` are shown by
      those names, and the local web server's address (`tour_server`) as `TOUR_SERVER`. The
      tour is printed `TOUR_COLUMNS` wide.
    """
    from cli.render import console

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CLAIMS_LEDGER", str(tmp_path / "claims.db"))
    monkeypatch.setenv("COLUMNS", str(TOUR_COLUMNS))
    # the tour is what a terminal TOUR_COLUMNS wide shows (piped output is never wrapped, see
    # tests/test_cli_output.py), without colours; monkeypatch puts the console back afterwards
    monkeypatch.setattr(console, "_force_terminal", True)
    monkeypatch.setattr(console, "_color_system", None)
    monkeypatch.setattr(console, "_width", TOUR_COLUMNS)
    paths = {str(tmp_path / name): name for name in ("copy.db", "log.jsonl")}
    paths[tour_server] = TOUR_SERVER
    steps = tour()
    assert len(steps) >= 15
    for step in steps:
        args = step.args
        for real, name in paths.items():
            args = [a.replace(name, real) for a in args]
        result = cli(*args)
        stdout, stderr = _printed(result.stdout, paths), _printed(result.stderr, paths)
        command = shlex.join(["claims", *step.args])
        if step.fails:
            assert result.exit_code != 0 and not stdout, (command, result.output)
            printed = stderr
        else:
            assert result.exit_code == 0 and not stderr, (command, result.output)
            printed = stdout
        diff = "\n".join(
            difflib.unified_diff(step.shown, printed, "README", "printed", lineterm="")
        )
        assert shows(step.shown, printed), f"$ {command}\n{diff}"


def test_reliability_doc_names_real_tests() -> None:
    """Every test docs/reliability.md cites exists."""
    doc = (ROOT / "docs" / "reliability.md").read_text()
    for path, name in re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", doc):
        assert f"def {name}(" in (ROOT / path).read_text(), (path, name)
