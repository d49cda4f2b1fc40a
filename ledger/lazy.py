"""Lazy package entry points (PEP 562): a package's public names load on first use.

Owns: `lazy_names`, which the `__init__` of `ledger`, `ledger.projections` and
`ledger.importers` use so that importing a package imports none of its modules, and
`lazy_module` (a module a façade hands work to, imported when a command first does: a read
never loads the write path's handlers).
Imports: the standard library only.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str], exported: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return a package's `__getattr__` and `__dir__`: `homes` maps each public name to the
    module it lives in (`"module"`, or `"module:attribute"` when it is named otherwise there);
    a name is imported on first use and kept in the package from then on."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = home.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *exported})

    return __getattr__, __dir__


class _LazyModule:
    """A module imported on first use of one of its attributes."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"


def lazy_module(name: str) -> Any:
    """Return a stand-in for module `name`: its attributes are the module's, which is
    imported on the first one asked for."""
    return _LazyModule(name)
