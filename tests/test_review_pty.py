"""`claims review` in a real terminal: the installed console script run in a pseudo-terminal
(the standard library's `pty`), keys written in, the screen read back with its escape
sequences stripped — accept, reject, quit, Ctrl-C and resume, and a timed pass over
examples/.

Imports: the standard library; the `claims_bin` fixture from conftest.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import time
import tty
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.samples import MAY

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]")


class Terminal:
    """One `claims` process on a pseudo-terminal of 120 x 40: `send` keys, `expect` text."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, become `claims`
            try:
                import fcntl
                import termios

                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.raw = b""
        self.seen = 0  # how much of the screen `expect` has passed
        self.status: int | None = None

    @property
    def screen(self) -> str:
        text = ANSI.sub("", self.raw.decode("utf-8", "replace"))
        return text.replace("\r\n", "\n").replace("\r", "")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the process is gone and its terminal closed
            chunk = b""
        self.raw += chunk
        return bool(chunk)

    def expect(self, text: str, timeout: float = 20.0) -> str:
        """Read until `text` appears after what was expected last; return the screen up to
        and including it."""
        deadline = time.monotonic() + timeout
        while (at := self.screen.find(text, self.seen)) < 0:
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.5)):
                if self.screen.find(text, self.seen) >= 0:
                    break
                pytest.fail(f"no {text!r} on the screen; it shows:\n{self.screen[self.seen :]}")
        at = self.screen.find(text, self.seen)
        shown, self.seen = self.screen[self.seen : at + len(text)], at + len(text)
        return shown

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 20.0) -> int:
        """Read to the end of the output and return the exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                while self._read(0.05) and select.select([self.fd], [], [], 0)[0]:
                    pass
                os.close(self.fd)
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.status = -signal.SIGKILL
        pytest.fail(f"`claims` did not end; the screen:\n{self.screen}")


@pytest.fixture
def claims(claims_bin: str, tmp_path: Path) -> Iterator[Any]:
    """Run `claims` (this tree's code) on a ledger in tmp_path: as a plain process by
    default, on a pseudo-terminal with `tty=True` (returns the Terminal)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "CLAIMS_LEDGER": str(tmp_path / "claims.db"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }

    started: list[Terminal] = []

    def run(*args: str, tty: bool = False) -> Any:
        if tty:
            started.append(Terminal([claims_bin, *args], env, tmp_path))
            return started[-1]
        done = subprocess.run(
            [claims_bin, *args], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    yield run
    for term in started:  # a test that failed halfway leaves no process behind
        if term.status is None and os.waitpid(term.pid, os.WNOHANG)[0] == 0:
            os.kill(term.pid, signal.SIGKILL)
            os.waitpid(term.pid, 0)


def states(claims: Any) -> list[str]:
    rows = json.loads(claims("totals", "--json"))
    return sorted(f"{r['metric']}:{r['review']}" for r in rows)


@pytest.mark.slow
def test_review_in_a_terminal_quits_and_resumes(claims: Any, tmp_path: Path) -> None:
    """Single keys without Enter decide, a reason is a line; `q` prints the progress and how
    to go on; the next run starts at the first claim left; Ctrl-C keeps every decision."""
    (tmp_path / "may.txt").write_text(MAY)
    claims("ingest", "may.txt", "--published", "2023-05-10", "--publisher", "Eastern Front Report")
    term = claims("review", tty=True)
    first = term.expect("0 of 5 reviewed · article 1 of 1 · claim 1 of 5 in it")
    term.expect("? help")
    assert "Eastern Front Report · 2023-05-10" in term.screen and "\x1b[" in term.raw.decode()
    term.send("a")
    term.expect("1 of 5 reviewed · article 1 of 1 · claim 2 of 5 in it")
    term.expect("? help")
    term.send("r")
    term.expect("reason for rejecting")
    term.send("the 690 is the past day's figure\r")
    term.expect("2 of 5 reviewed")
    term.expect("? help")
    term.send("s")
    term.expect("2 of 5 reviewed · article 1 of 1 · claim 4 of 5")
    term.expect("? help")
    term.send("q")
    term.expect("2 of 5 extracted claims reviewed; 3 left")
    term.expect("run `claims review` to go on from the first unreviewed claim")
    assert term.wait() == 0
    assert "Traceback" not in term.screen
    assert states(claims) == [
        "afv:unreviewed",
        "artillery:unreviewed",
        "personnel:accepted",
        "tanks:unreviewed",
    ]  # the rejected daily figure is not a total
    again = claims("review", tty=True)
    screen = again.expect("? help")
    assert "2 of 5 reviewed · article 1 of 1 · claim 1 of 3 in it" in screen
    assert first.split("·")[-1].strip() not in screen
    again.send("f")
    again.expect("fix which field?")
    again.send("value\r")
    again.expect("new value")
    again.send("a lot\r")
    again.expect("error: invalid correction: value: Input should be a valid integer")
    again.expect("new value")
    again.send("3,737\r")
    again.expect("fixed value: 3,736 -> 3,737")
    again.send("\r")
    again.expect("3 of 5 reviewed")
    again.expect("? help")
    again.send("\x03")
    again.expect("3 of 5 extracted claims reviewed; 2 left")
    assert again.wait() == 130
    assert "interrupted; nothing half-written" in again.screen
    assert "tanks:fixed" in states(claims)


@pytest.mark.slow
def test_keys_typed_ahead_are_kept_and_an_arrow_key_decides_nothing(
    claims: Any, tmp_path: Path
) -> None:
    """Two keys typed at once are two keys; an escape sequence is one key, refused; Ctrl-C at
    a line prompt (the terminal's own interrupt) ends the run as at a key."""
    (tmp_path / "may.txt").write_text(MAY)
    claims("ingest", "may.txt", "--published", "2023-05-10")
    term = claims("review", tty=True)
    term.expect("? help")
    term.send("\x1b[A")
    term.expect("no key '\\x1b[A' here: press ? for help")
    term.send("as")
    term.expect("1 of 5 reviewed · article 1 of 1 · claim 2 of 5")
    term.expect("1 of 5 reviewed · article 1 of 1 · claim 3 of 5")
    term.expect("? help")
    term.send("r")
    term.expect("reason for rejecting")
    term.send("\x03")
    term.expect("1 of 5 extracted claims reviewed; 4 left")
    assert term.wait() == 130
    assert states(claims).count("personnel:accepted") == 1
    assert [s for s in states(claims) if not s.endswith(":unreviewed")] == ["personnel:accepted"]


@pytest.mark.parametrize(
    ("typed", "keys"),
    [
        (b"as", ["a", "s"]),
        (b"\x1b[Aa", ["\x1b[A", "a"]),
        (b"\x1bOBq", ["\x1bOB", "q"]),
        (b"\x1b[15~f", ["\x1b[15~", "f"]),
        ("é?".encode(), ["é", "?"]),
        (b"a\x03", ["a", KeyboardInterrupt]),
        (b"\x04", [EOFError]),
    ],
)
def test_terminal_keys_reads_one_key_at_a_time(typed: bytes, keys: list[Any]) -> None:
    """What arrives at once is read key by key: an escape sequence or a UTF-8 character is
    one key, Ctrl-C raises KeyboardInterrupt and Ctrl-D EOFError."""
    from cli.review_loop import TerminalKeys

    master, slave = os.openpty()
    try:
        tty.setraw(slave)  # as a key is typed: Ctrl-C arrives as a byte, not as a signal
        os.write(master, typed)
        read = TerminalKeys(slave)
        for key in keys:
            assert select.select([slave], [], [], 5)[0], f"no {key!r} to read"
            if isinstance(key, str):
                assert read() == key
            else:
                with pytest.raises(key):
                    read()
        assert not select.select([slave], [], [], 0)[0], "a key was left unread"
    finally:
        os.close(master)
        os.close(slave)


def test_keys_typed_between_screens_are_not_echoed_and_the_terminal_is_restored() -> None:
    """Between keys the terminal does not echo (a key typed while a decision is written would
    land in the middle of the next screen); a line prompt echoes; `restore` puts it back."""
    import termios

    from cli.review_loop import TerminalKeys

    master, slave = os.openpty()
    try:
        echo = termios.tcgetattr(slave)[3] & termios.ECHO
        assert echo, "a new pty echoes"
        keys = TerminalKeys(slave)
        assert not termios.tcgetattr(slave)[3] & termios.ECHO
        os.write(master, b"s")
        assert keys() == "s"
        assert not termios.tcgetattr(slave)[3] & termios.ECHO  # still quiet after a key
        keys.restore()
        assert termios.tcgetattr(slave)[3] & termios.ECHO
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.slow
def test_a_timed_review_pass_over_the_examples(claims: Any, tmp_path: Path) -> None:
    """Accepting every claim of examples/ by keys, one screen at a time, ends with "all N
    extracted claims reviewed"; the time it takes is reported (issue 14)."""
    claims("ingest", str(ROOT / "examples"))
    term = claims("review", tty=True)
    started = time.monotonic()
    found = re.search(r"0 of (\d+) reviewed · article", term.expect("? help"))
    assert found is not None
    total = int(found[1])
    for n in range(total):
        if n:
            term.expect(f"{n} of {total} reviewed · article")
            term.expect("? help")
        term.send("a")
    term.expect(f"all {total} extracted claims reviewed")
    seconds = time.monotonic() - started
    assert term.wait() == 0
    article = json.loads(claims("log", "--json").splitlines()[0])["data"]["article_id"]
    after = claims("review", "--article", article, "--accept-all")
    assert f"{total} of {total} extracted claims reviewed" in after
    print(f"\nreview pass over examples/: {total} claims accepted in {seconds:.1f} s")
