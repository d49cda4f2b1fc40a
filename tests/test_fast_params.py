"""Option values converted without pydantic (`cli.fast_params`) are what typer makes of them:
the same value, or the same error line and exit code (#17)."""

from __future__ import annotations

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

VALUES = st.one_of(
    st.integers(-(2**64), 2**64).map(str),
    st.sampled_from(["", " 5", "5 ", "+5", "05", "1_000", "0", "-0", "٣", "1e3", "0x10", "20"]),
    st.text(max_size=6),
)
COMMANDS = [
    ["log", "--limit", "{v}"],  # int, bounded
    ["log", "--type", "{v}"],  # list[str]
    ["totals", "--metric", "{v}"],  # str
    ["search", "--value", "{v}", "--json"],  # int | None
    ["show", "{v}"],  # a str argument
]


@pytest.fixture
def both(cli, monkeypatch):
    """Run a command twice: as `claims` runs it, and with typer converting every value."""
    app_module = importlib.import_module("cli.app")

    def run(argv: list[str]) -> tuple[object, ...]:
        done = cli(*argv)
        return done.exit_code, done.stdout, done.stderr

    def compare(argv: list[str]) -> None:
        plain = run(argv)
        with monkeypatch.context() as patched:
            patched.setattr(app_module, "plain_params", lambda command: None)
            typed = run(argv)
        assert plain == typed, argv

    assert (
        cli(
            "append",
            "--claimant",
            "A",
            "--subject",
            "russia",
            "--metric",
            "tanks",
            "--value",
            "5",
            "--as-of",
            "2023-01-02",
        ).exit_code
        == 0
    )
    return compare


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(COMMANDS), VALUES)
def test_a_value_converts_as_typer_converts_it(both, command: list[str], value: str) -> None:
    both([a.format(v=value) for a in command])


def test_a_plain_value_takes_no_pydantic(both, cli) -> None:
    """The plain conversion is what runs (not a silent fallback to typer's)."""
    from typer import _coercion

    built: list[object] = []
    real = _coercion.build_runtime_param

    def counting(descriptor: object) -> object:
        built.append(descriptor)
        return real(descriptor)  # type: ignore[arg-type]

    from cli import fast_params

    original = fast_params.build_runtime_param
    fast_params.build_runtime_param = counting  # type: ignore[assignment]
    try:
        assert cli("log", "--limit", "3").exit_code == 0
        assert not built
        assert cli("log", "--limit", "x").exit_code == 2
        assert built  # a bad number: typer's own conversion says what is wrong
    finally:
        fast_params.build_runtime_param = original
