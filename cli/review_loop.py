"""The interactive `claims review`: one screen per unreviewed claim, single keys to decide.

Owns: `walk` (the loop: a claim's screen, a key, one decision written at once), its `Io`
(where keys and lines come from and where screens go — a list in the tests, the terminal in
`run`), the fix and reject prompts, and the summary at the end; `run` (the terminal adapter:
single keys without Enter through `TerminalKeys`, lines and screens through
`cli.render_review_screen`). Each decision is one event written before the next screen, so
`q`, Ctrl-C or a lost terminal loses nothing, and the next run starts at the first claim
still unreviewed (skipped ones come back).

Imports: `ledger` (errors), `events` (the correctable fields), `cli.render_review_screen`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cli import render_review_screen as render_review
from cli.render_review_screen import Line

Step = Literal["decided", "skipped", "next", "quit"]
Ending = Literal["done", "quit", "interrupted"]


@dataclass(frozen=True)
class Io:
    """Where the loop reads single keys and lines, and where it writes screens."""

    key: Callable[[], str]
    line: Callable[[str], str]
    write: Callable[[Sequence[Line]], None]


@dataclass(frozen=True)
class Outcome:
    """How a run ended, what it wrote, and where the review stands after it."""

    ending: Ending
    decided: int
    skipped: int
    reviewed: int
    total: int


def _say(text: str, style: str = "") -> list[Line]:
    return [[(text, style)]]


def _error(text: str) -> list[Line]:
    return _say(f"error: {text}", "bold red")


def _fields() -> tuple[str, ...]:
    from events import CORRECTABLE_FIELDS

    return CORRECTABLE_FIELDS


def field_named(text: str) -> str | None:
    """The correctable field `text` names: its name (`as-of` for `as_of`) or a unique prefix."""
    name = text.strip().casefold().replace("-", "_").replace(" ", "_")
    fields = _fields()
    if name in fields:
        return name
    starts = [f for f in fields if f.startswith(name)]
    return starts[0] if name and len(starts) == 1 else None


def parsed_value(field: str, text: str) -> Any:
    """A typed value as a claim holds it: a figure as a whole number ("7,276" is 7276);
    anything else as typed, for the ledger to validate."""
    text = text.strip()
    if field == "value":
        digits = re.sub(r"(?<=\d)[,_ ](?=\d)", "", text)
        if re.fullmatch(r"[+-]?\d+", digits):
            return int(digits)
    return text


_CHOICES = {
    "qualifier": "exact, approx, at_least, at_most",
    "period": "cumulative, window",
    "period_start": "YYYY-MM-DD",
    "as_of": "YYYY-MM-DD",
}


def _fix(ledger: Any, io: Io, claim: dict[str, Any], actor: str) -> bool:
    """Prompt for fields and new values until an empty field; return whether one was fixed."""
    from ledger import LedgerError

    fixed = False
    while True:
        done = "done" if fixed else "back"
        answer = io.line(f"fix which field? ({', '.join(_fields())}; Enter: {done}) ")
        if not answer.strip():
            return fixed
        field = field_named(answer)
        if field is None:
            io.write(_error(f"no field {answer.strip()!r}: give one of {', '.join(_fields())}"))
            continue
        now = dict(render_review.claim_fields(claim))[field]
        hint = f"; {_CHOICES[field]}" if field in _CHOICES else ""
        while True:
            raw = io.line(f"new {field} (now {now}{hint}; Enter: back) ")
            if not raw.strip():
                break
            value = parsed_value(field, raw)
            try:
                ledger.review_fix(claim["claim_id"], {field: value}, actor=actor)
            except LedgerError as exc:
                io.write(_error(str(exc)))
                continue
            claim[field] = value
            io.write(
                _say(f"fixed {field}: {now} -> {dict(render_review.claim_fields(claim))[field]}")
            )
            fixed = True
            break


def _reject(ledger: Any, io: Io, claim_id: str, actor: str) -> bool:
    """Prompt for a reason (required) and reject; an empty reason rejects nothing."""
    from ledger import LedgerError

    reason = io.line("reason for rejecting (required; Enter: back) ").strip()
    if not reason:
        io.write(_say("not rejected: a rejection needs a reason", "yellow"))
        return False
    try:
        ledger.review(claim_id, "rejected", reason=reason, actor=actor)
    except LedgerError as exc:
        io.write(_error(str(exc)))
        return False
    io.write(_say(f"rejected {claim_id}: {reason}"))
    return True


def _decide(ledger: Any, io: Io, item: dict[str, Any], screen: list[Line], actor: str) -> Step:
    """Show one claim and act on keys until one moves on."""
    from ledger import LedgerError

    claim = dict(item["claim"])
    io.write(screen)
    while True:
        key = io.key()
        key = key.lower() if len(key) == 1 else key
        if key == "a":
            try:
                ledger.review(claim["claim_id"], "accepted", actor=actor)
            except LedgerError as exc:  # reviewed meanwhile by someone else: say so, go on
                io.write(_error(str(exc)))
                return "skipped"
            io.write(_say(f"accepted {claim['claim_id']}"))
            return "decided"
        if key == "f" and _fix(ledger, io, claim, actor):
            return "decided"
        if key == "r" and _reject(ledger, io, claim["claim_id"], actor):
            return "decided"
        if key in ("s", "n", "q"):
            return {"s": "skipped", "n": "next", "q": "quit"}[key]  # type: ignore[return-value]
        if key == "?":
            io.write(render_review.help_screen())
        elif key not in ("f", "r"):
            io.write(_say(f"no key {key!r} here: press ? for help", "yellow"))
        io.write([render_review.KEY_LINE])


def _screens(
    items: list[dict[str, Any]],
) -> list[tuple[dict[str, Any], tuple[int, int], tuple[int, int]]]:
    """Each item with its place: (article k of n, claim i of m in it)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item["article"]["article_id"], []).append(item)
    return [
        (item, (k, len(groups)), (i, len(group)))
        for k, group in enumerate(groups.values(), 1)
        for i, item in enumerate(group, 1)
    ]


def walk(ledger: Any, io: Io, *, article_id: str | None = None, actor: str = "cli") -> Outcome:
    """Walk the unreviewed claims article by article, writing each decision as it is made."""
    items: list[dict[str, Any]] = [dict(i) for i in ledger.review_queue(article_id=article_id)]
    start = ledger.review_progress()
    reviewed, decided, skipped = start["reviewed"], 0, 0
    ending: Ending = "done"
    passing: str | None = None  # the article `n` left
    try:
        for item, article, claim in _screens(items):
            if item["article"]["article_id"] == passing:
                skipped += 1
                continue
            screen = render_review.claim_screen(
                item, reviewed=reviewed, total=start["total"], article=article, claim=claim
            )
            step = _decide(ledger, io, item, screen, actor)
            if step == "quit":
                ending = "quit"
                break
            if step == "decided":
                reviewed, decided = reviewed + 1, decided + 1
            else:
                skipped += 1
                passing = item["article"]["article_id"] if step == "next" else None
    except EOFError:  # Ctrl-D, or the end of the input
        ending = "quit"
    except KeyboardInterrupt:
        ending = "interrupted"
    done = ledger.review_progress()
    outcome = Outcome(ending, decided, skipped, done["reviewed"], done["total"])
    io.write(summary(outcome, article_id=article_id, queued=len(items)))
    return outcome


def summary(outcome: Outcome, *, article_id: str | None, queued: int) -> list[Line]:
    """The last lines of a run: how far the review is, and how to go on."""
    left = outcome.total - outcome.reviewed
    resume = "claims review" + (f" --article {article_id}" if article_id else "")
    lines: list[Line] = []
    if queued == 0:
        where = f"in article {article_id}" if article_id else "in this ledger"
        lines += _say(f"nothing to review {where}")
    if outcome.total == 0:
        return lines + _say("no extracted claims yet: ingest articles first")
    if left == 0:
        return lines + _say(f"all {outcome.total} extracted claims reviewed", "bold green")
    lines += _say(
        f"{outcome.reviewed} of {outcome.total} extracted claims reviewed; {left} left", "bold"
    )
    if outcome.ending != "done" or outcome.skipped:
        n = outcome.skipped
        skipped = f"; the {n} skipped this run come{'s' * (n == 1)} back too" if n else ""
        lines += _say(f"run `{resume}` to go on from the first unreviewed claim{skipped}")
    return lines


class TerminalKeys:
    """Single keys from the terminal, without Enter, read one at a time: what is typed ahead
    stays queued in the terminal, for the next key or line (typer's getchar enters raw mode
    with a flush, so a key pressed while a decision is written would be lost). An escape
    sequence (an arrow key) or a UTF-8 character is one key; Ctrl-C and Ctrl-D raise.

    Between keys the terminal stays as it was but for its echo (`quiet`), so a key typed while
    a decision is written is not echoed into the middle of the next screen; a line prompt
    (`line`) has the echo back while it reads, and `restore` puts the terminal back as found."""

    def __init__(self, fd: int) -> None:
        import termios

        self.fd = fd
        self.original = termios.tcgetattr(fd)
        quiet = termios.tcgetattr(fd)
        quiet[3] &= ~termios.ECHO  # lflags
        termios.tcsetattr(fd, termios.TCSANOW, quiet)

    def line(self, prompt: str) -> str:
        """Read a line after `prompt`, echoed as typed."""
        import termios

        quiet = termios.tcgetattr(self.fd)
        termios.tcsetattr(self.fd, termios.TCSANOW, self.original)
        try:
            return render_review.ask(prompt)
        finally:
            termios.tcsetattr(self.fd, termios.TCSANOW, quiet)

    def restore(self) -> None:
        """Put the terminal back as it was found."""
        import termios

        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.original)

    def __call__(self) -> str:
        import termios
        import tty

        old = termios.tcgetattr(self.fd)
        try:
            tty.setraw(self.fd, termios.TCSANOW)
            data = self._key()
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, old)
        key = data.decode("utf-8", "replace")
        if key == "\x03":  # raw mode: Ctrl-C is a byte, not a signal
            raise KeyboardInterrupt
        if key in ("\x04", ""):  # Ctrl-D, or the terminal is gone
            raise EOFError
        return key

    def _more(self) -> bytes:
        import select

        ready = select.select([self.fd], [], [], 0.05)[0]
        return os.read(self.fd, 1) if ready else b""

    def _key(self) -> bytes:
        data = os.read(self.fd, 1)
        if data == b"\x1b":  # ESC alone, or ESC [ params final / ESC O final
            data += self._more()
            while data[1:2] in (b"[", b"O") and len(data) < 16:
                byte = self._more()
                data += byte
                if not byte or (0x40 <= byte[0] <= 0x7E and data[1:2] + byte != b"[["):
                    break
        elif data and data[0] >= 0xC0:  # the lead byte of a UTF-8 character
            for _ in range(1 if data[0] < 0xE0 else 2 if data[0] < 0xF0 else 3):
                data += os.read(self.fd, 1)
        return data


def _terminal_keys() -> Callable[[], str]:
    try:
        import termios  # noqa: F401  (POSIX only)
    except ImportError:  # pragma: no cover - Windows: typer's getchar reads one key there
        import typer

        return lambda: typer.getchar()
    return TerminalKeys(sys.stdin.fileno())


def run(ledger: Any, *, article_id: str | None = None, actor: str = "cli") -> None:
    """Walk the unreviewed claims in the terminal; Ctrl-C ends it as an interruption (exit
    130) after the summary, every decision before it kept."""
    keys = _terminal_keys()
    line = keys.line if isinstance(keys, TerminalKeys) else render_review.ask
    try:
        io = Io(key=keys, line=line, write=render_review.draw)
        ending = walk(ledger, io, article_id=article_id, actor=actor).ending
    finally:
        if isinstance(keys, TerminalKeys):
            keys.restore()
    if ending == "interrupted":
        raise KeyboardInterrupt
