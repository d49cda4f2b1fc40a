"""Help a person can read: every command's metavars named, `-h` everywhere, the choices
shown, one example per command that the command really accepts. The tables live in
cli/help_text.py: a command or option added without its line there fails here."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.main import get_command

from cli.app import app
from cli.help_text import CHOICES, EXAMPLES, METAVARS

ROOT = get_command(app)
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]
TYPE_METAVAR = re.compile(r"<[a-z][\w\[\]|, ]*>")  # `<str>`, `<int range>`, `<list[str]>`
BRACED = re.compile(r"\{\w+\}")  # `{ALIAS} {canonical}` in a usage line


def test_every_command_is_covered() -> None:
    """Each command has an example, and each option or argument taking a value a metavar."""
    assert sorted(EXAMPLES) == COMMANDS
    for name in COMMANDS:
        for param in ROOT.commands[name].params:  # type: ignore[attr-defined]
            if not getattr(param, "is_flag", False):
                assert param.name in METAVARS, f"claims {name}: add {param.name!r} to METAVARS"


@pytest.mark.parametrize("command", [*COMMANDS, None])
def test_help_names_every_metavar(cli, command: str | None) -> None:
    """No `<type>`-style metavar and no `{name}` in any help; `-h` is `--help`."""
    args = [command] if command else []
    result = cli(*args, "--help")
    assert result.exit_code == 0, result.output
    assert not TYPE_METAVAR.search(result.stdout), result.stdout
    assert not BRACED.search(result.stdout), result.stdout
    short = cli(*args, "-h")
    assert short.exit_code == 0 and short.stdout == result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_ends_with_an_example_the_command_accepts(cli, command: str) -> None:
    """The example is in the help, runs the command it is for, and parses: its options and
    arguments are the command's own (checked without running it)."""
    help_text = cli(command, "--help").stdout
    example = EXAMPLES[command]
    assert f"Example:\n    {example}" in help_text
    words = shlex.split(example)
    assert words[0] == "claims"
    words = words[1:]
    while words[0].startswith("--"):  # the root's options (`--ledger copy.db`)
        words = words[2:]
    assert words[0] == command
    sub = ROOT.commands[command]  # type: ignore[attr-defined]
    with ROOT.make_context("claims", [command], resilient_parsing=True) as parent:
        sub.make_context(command, words[1:], parent=parent)


def test_choices_are_the_taxonomys() -> None:
    """The choices shown are the values the ledger accepts."""
    from events import BASES, METRICS, PERIODS, QUALIFIERS
    from ledger.importers import FORMATS

    assert CHOICES["metric"] == METRICS
    assert CHOICES["basis"] == BASES
    assert CHOICES["qualifier"] == QUALIFIERS
    assert CHOICES["period"] == PERIODS
    assert CHOICES["fmt"] == tuple(FORMATS)


@pytest.mark.parametrize(
    ("command", "param"),
    [(c, p.name) for c in COMMANDS for p in ROOT.commands[c].params if p.name in CHOICES],  # type: ignore[attr-defined]
)
def test_help_shows_the_choices(command: str, param: str) -> None:
    """Each option with choices (qualifier, period, --by, metric, ...) names every one."""
    sub = ROOT.commands[command]  # type: ignore[attr-defined]
    (found,) = [p for p in sub.params if p.name == param]
    with ROOT.make_context("claims", [command], resilient_parsing=True) as parent:
        record = found.get_help_record(
            sub.make_context(command, [], parent=parent, resilient_parsing=True)
        )
    words = set(re.findall(r"[\w-]+", record[1]))
    assert set(CHOICES[param]) <= words, record


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("sources", "--by BY"),
        ("totals", "--metric METRIC"),
        ("history", "Usage: claims history [OPTIONS] METRIC"),
        ("alias", "Usage: claims alias [OPTIONS] ALIAS CANONICAL"),
        ("sources", "Usage: claims sources [OPTIONS] [NAME]"),
        ("show", "CLAIM_ID"),
        ("history", "--since DATE"),
        ("log", "--from POSITION"),
        ("ingest", "PATH..."),
    ],
)
def test_help_shows(cli, command: str, shown: str) -> None:
    """Metavars as a reader expects them, in the usage line and the options."""
    assert shown in cli(command, "--help").stdout
