"""Docs that cannot drift: every command is documented, has help, and the README tour runs."""

from __future__ import annotations

import re
import shlex
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


def tour() -> list[tuple[list[str], bool]]:
    """The `$ claims ...` lines of the README's console blocks, and whether each should fail."""
    steps = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("$ claims "):
                continue
            command = line[2:]
            while command.endswith("\\"):
                i += 1
                command = command[:-1] + lines[i].strip()
            following = lines[i + 1] if i + 1 < len(lines) else ""
            steps.append((shlex.split(command)[1:], following.startswith("claims: error")))
    return steps


def test_readme_tour_runs(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every command shown in the README runs, in order, from the repository root: those shown
    succeeding succeed, those shown failing fail with one line."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CLAIMS_LEDGER", str(tmp_path / "claims.db"))
    steps = tour()
    assert len(steps) >= 15
    for args, fails in steps:
        args = [a.replace("copy.db", str(tmp_path / "copy.db")) for a in args]
        args = [a.replace("log.jsonl", str(tmp_path / "log.jsonl")) for a in args]
        result = cli(*args)
        if fails:
            assert result.exit_code != 0, args
            assert len(result.stderr.strip().splitlines()) == 1, args
        else:
            assert result.exit_code == 0, (args, result.output)


def test_reliability_doc_names_real_tests() -> None:
    """Every test docs/reliability.md cites exists."""
    doc = (ROOT / "docs" / "reliability.md").read_text()
    for path, name in re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", doc):
        assert f"def {name}(" in (ROOT / path).read_text(), (path, name)
