"""Option and argument values converted without pydantic when they are plain (#17).

typer converts every value a command receives through a pydantic `TypeAdapter` it builds on
the command's first run (and importing pydantic's schema machinery and its plugin loader
with it): most of the time a read command spends before it reads anything. A plain value
has only one result — a `str` for a `str` option, a decimal within its bounds for an `int`
one, a finite float or a plain decimal fraction within its bounds for a `float` one (`ingest
--timeout`: its default is converted on every run), a `bool` flag's own value — so `Plain`
returns that itself, and hands anything else
(a bad number, an out-of-range one, a non-UTF-8 string) to typer's own conversion, built
then: the value, the error message and the exit code are typer's, byte for byte.

Owns: `Plain` (the runtime conversion of one parameter) and `install` (give it to every
parameter of a command tree whose type it knows). Imports: typer (its runtime-parameter
protocol), the standard library.
"""

from __future__ import annotations

import math
import re
from typing import Any

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param

_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,18})")
"""An integer as typer's own conversion reads it to the same number, nothing else: ASCII
digits, no sign but a minus, no leading zero, space or underscore (those go to typer)."""

_FRACTION = re.compile(r"-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]{1,16})?")
"""A float as typer's own conversion reads it to the same number: ASCII digits, at most one
point with digits on both sides, no sign but a minus, no exponent, no leading zero, space or
underscore (those go to typer); short enough that both read it to the nearest double."""

_NOT_PLAIN = object()

_KINDS = {str: "str", bool: "bool", int: "int", float: "float", list[str]: "list[str]"}


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: pydantic's to refuse, in its words
        return False
    return True


class Plain:
    """Convert one parameter's plain values directly; anything else as typer does."""

    def __init__(self, descriptor: TypeDescriptor, kind: str) -> None:
        self.descriptor = descriptor
        self.kind = kind
        self._typer: RuntimeParam | None = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """What typer's `RuntimeParam.coerce` returns for `value`."""
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        plain = self._plain(value)
        if plain is not _NOT_PLAIN:
            return plain
        if self._typer is None:
            self._typer = build_runtime_param(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)

    def _plain(self, value: Any) -> Any:
        if self.kind == "str":
            return value if type(value) is str and _utf8(value) else _NOT_PLAIN
        if self.kind == "bool":
            return value if type(value) is bool else _NOT_PLAIN
        if self.kind == "list[str]":
            if type(value) in (list, tuple) and all(type(v) is str and _utf8(v) for v in value):
                return list(value)
            return _NOT_PLAIN
        number = _real(value) if self.kind == "float" else _number(value)
        info = self.descriptor.parameter_info
        if number is None:
            return _NOT_PLAIN
        if (info.min is not None and number < info.min) or (
            info.max is not None and number > info.max
        ):
            return _NOT_PLAIN  # typer's message names the bounds
        return number


def _real(value: Any) -> float | None:
    if type(value) is float:
        return value if math.isfinite(value) else None
    if type(value) is str and _FRACTION.fullmatch(value):
        return float(value)
    return None


def _number(value: Any) -> int | None:
    if type(value) is int:
        return value
    if type(value) is str and _DECIMAL.fullmatch(value):
        return int(value)
    return None


def _kind(descriptor: TypeDescriptor) -> str | None:
    """Which plain conversion a parameter has, or None (typer converts it)."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return None
    kind = _KINDS.get(descriptor.annotation)
    if kind in ("int", "float") and info.clamp:
        return None
    return kind


def _give(param: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if not isinstance(descriptor, TypeDescriptor) or getattr(param, "_runtime_param", None):
        return
    kind = _kind(descriptor)
    if kind is not None:
        param._runtime_param = Plain(descriptor, kind)


def install(command: Any) -> None:
    """Give every parameter of `command` and its subcommands whose type `Plain` knows its
    plain conversion (typer builds the others' on first use, as it always does), the
    `--help` option too (which the command makes when it first parses)."""
    for sub in getattr(command, "commands", {}).values():
        install(sub)
    for param in getattr(command, "params", ()):
        _give(param)
    made = getattr(command, "get_help_option", None)
    if made is None or getattr(made, "plain_params", False):
        return

    def get_help_option(ctx: Any) -> Any:
        option = made(ctx)
        if option is not None:
            _give(option)
        return option

    get_help_option.plain_params = True  # type: ignore[attr-defined]
    command.get_help_option = get_help_option
