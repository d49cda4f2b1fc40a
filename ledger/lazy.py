"""Lazy package entry points (PEP 562): a package's public names load on first use.

Owns: `lazy_names`, which the `__init__` of `ledger`, `ledger.projections` and
`ledger.importers` use so that importing a package imports none of its modules.
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
