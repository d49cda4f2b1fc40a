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


FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e6, 1e6).map(repr),
    st.decimals(-(10**17), 10**17, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["", " 5", "5 ", "+5", "05", "1_000.5", "0", "-0", "-0.0", ".5", "5.", "1e3"]),
    st.sampled_from(["0.01", "0.009", "0.0099999999999999999", "inf", "nan", "20", "٣.5"]),
    st.text("0123456789.-", max_size=40),
    st.integers(-5, 5),
)


def _float_option(name: str) -> tuple[object, object]:
    """`ingest`'s float option `name` (`--timeout` has min 0.01, `--delay` min 0), and a
    context to convert its values in."""
    import typer

    from cli.app import app

    command = typer.main.get_command(app).commands["ingest"]  # type: ignore[attr-defined]
    param = next(p for p in command.params if p.name == name)
    return param, typer.Context(command)


def _outcome(convert: object, value: object) -> tuple[object, ...]:
    import typer

    try:
        result = convert(value)  # type: ignore[operator]
    except typer.BadParameter as exc:
        return "error", exc.format_message()
    return "value", type(result), repr(result)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["timeout", "delay"]), FLOATS)
def test_a_float_converts_as_typer_converts_it(name: str, value: object) -> None:
    """A float option's value (a command-line string, or its default) is the same float as
    typer's conversion makes, of the same sign, or the same error (#17)."""
    from typer._coercion import build_runtime_param

    from cli.fast_params import Plain

    param, ctx = _float_option(name)
    descriptor = param.type_descriptor  # type: ignore[attr-defined]
    plain = Plain(descriptor, "float")
    typed = build_runtime_param(descriptor)
    assert _outcome(lambda v: plain.coerce(v, param, ctx), value) == _outcome(
        lambda v: typed.coerce(v, param=param, ctx=ctx), value
    ), value


def test_a_float_default_takes_no_pydantic(cli, tmp_path) -> None:
    """`ingest` converts its float defaults (`--timeout`, `--delay`) without typer's
    adapters: an ingest of a file builds none."""
    from cli import fast_params

    built: list[object] = []
    original = fast_params.build_runtime_param
    fast_params.build_runtime_param = lambda d: built.append(d) or original(d)  # type: ignore[assignment]
    try:
        assert cli("ingest", "--dry-run", str(tmp_path / "missing.txt")).exit_code == 2
        assert not built
        assert cli("ingest", "--timeout", "0", str(tmp_path / "missing.txt")).exit_code == 2
        assert built  # out of bounds: typer's own conversion says so
    finally:
        fast_params.build_runtime_param = original
