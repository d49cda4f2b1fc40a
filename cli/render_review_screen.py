"""The review screen, for people: what `claims review` shows of one claim, and its keys.

Owns: the screen as data — `claim_screen` (the progress, the article, the sentence with the
figure marked, the parsed claim and the keys) and `help_screen`, each a list of `Line`s of
(text, style) segments, so the loop and its tests handle plain data — and their terminal
side: `draw` (print lines) and `ask` (a line of input after a prompt).

Imports: `cli.render_console` (rich through it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cli.render_console import console, figure, styled

Segment = tuple[str, str]
"""A run of text and the rich style it is shown in ("" for plain)."""
Line = list[Segment]

MARK = "bold black on yellow"
"""How the figure stands out in its sentence."""

KEYS: tuple[tuple[str, str], ...] = (
    ("a", "accept the claim as read"),
    ("f", "fix a field (a correction with the reason 'review'), then next claim"),
    ("r", "reject it as an extraction error (a reason is asked)"),
    ("s", "skip: leave it unreviewed (it comes back next run), next claim"),
    ("n", "next article: skip the rest of this one"),
    ("q", "quit: every decision so far is kept; `claims review` resumes"),
    ("?", "this help"),
)
KEY_LINE: Line = [
    ("a", "bold"),
    (" accept  ", ""),
    ("f", "bold"),
    (" fix  ", ""),
    ("r", "bold"),
    (" reject  ", ""),
    ("s", "bold"),
    (" skip  ", ""),
    ("n", "bold"),
    (" next article  ", ""),
    ("q", "bold"),
    (" quit  ", ""),
    ("?", "bold"),
    (" help", ""),
]


def progress_line(reviewed: int, total: int) -> str:
    """Say how far the review is: "12 of 61 reviewed"."""
    return f"{reviewed} of {total} reviewed"


def _sentence(item: Mapping[str, Any]) -> Line:
    """The sentence with the quote marked; the quote alone when there is no sentence."""
    sentence, mark = item["sentence"], item["mark"]
    if sentence is None or mark is None:
        quote = item["claim"].get("quote")
        return [("  ", ""), (quote, MARK)] if quote else [("  (no quote recorded)", "dim")]
    start, end = mark
    return [("  ", ""), (sentence[:start], ""), (sentence[start:end], MARK), (sentence[end:], "")]


def _value(claim: Mapping[str, Any]) -> str:
    return figure(claim["value"], claim["qualifier"])


def claim_fields(claim: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The parsed claim as (field, shown value) rows, named as the fix prompt names them."""
    shown = {"value": _value(claim), "period_start": claim.get("period_start") or "-"}
    names = ("claimant", "subject", "metric", "value", "qualifier", "period", "period_start")
    rows = [(name, str(shown.get(name, claim.get(name)))) for name in names]
    return [*rows, ("as_of", str(claim["as_of"]))]


def claim_screen(
    item: Mapping[str, Any],
    *,
    reviewed: int,
    total: int,
    article: tuple[int, int],
    claim: tuple[int, int],
) -> list[Line]:
    """One claim's screen: where the review stands, the article, the sentence and the claim."""
    row, parsed = item["article"], item["claim"]
    where = (
        f" · article {article[0]} of {article[1]} · claim {claim[0]} of {claim[1]} in it"
        f" · {parsed['claim_id']}"
    )
    dated = row.get("published") or "undated"
    source = " · ".join(x for x in (row.get("publisher"), dated) if x)
    lines: list[Line] = [
        [("─" * 40, "dim")],
        [(progress_line(reviewed, total), "bold"), (where, "dim")],
        [(row.get("title") or "(untitled article)", "bold")],
        [(source, "dim")],
        [],
        _sentence(item),
        [],
    ]
    lines += [[(f"  {name:<13}", "cyan"), (text, "")] for name, text in claim_fields(parsed)]
    return [*lines, [], KEY_LINE]


def help_screen() -> list[Line]:
    """What each key does."""
    return [[(f"  {key}  ", "bold"), (what, "")] for key, what in KEYS]


def _text(line: Iterable[Segment]) -> Any:
    out = styled("", "")
    for text, style in line:
        out = out + styled(text, style)
    return out


def draw(lines: Sequence[Line]) -> None:
    """Print lines on the terminal, each segment in its style (its text made inert)."""
    for line in lines:
        console.print(_text(line), highlight=False)


def ask(prompt: str) -> str:
    """Read one line of input after `prompt` (Ctrl-C and Ctrl-D raise, as `input` does)."""
    return console.input(_text([(prompt, "bold")]))
