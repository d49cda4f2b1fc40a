"""Upcasters: turn a stored payload of an old schema version into the current shape, when read.

Owns: the `UPCASTERS` table, `{(type, from_version): fn(dict) -> dict}` moving one version up.
A shipped version is never rewritten in the log; it is upcast on every read.
Imports: the standard library only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


def _source_aliased_v1_to_v2(data: Payload) -> Payload:
    """v1 aliases named claimants only; v2 says which kind of source the alias is for."""
    return {**data, "kind": "claimant"}


def _article_v1_to_v2(data: Payload) -> Payload:
    """v2 claims may carry the bounds of their sentence; a v1 claim has none (left absent)."""
    return data


def _article_v2_to_v3(data: Payload) -> Payload:
    """v3 articles may say where they were fetched from, a v2 article was not (None); and a
    v3 claim may say what a personnel figure counts (`basis`), an older one says nothing
    (left absent: it reads as `unknown`)."""
    return {**data, "fetch": None}


def _basis_absent(data: Payload) -> Payload:
    """v2 claims may say what a personnel figure counts (`basis`); an older claim says
    nothing (left absent: it reads as `unknown`), and an older correction cannot change it."""
    return data


UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("source-aliased", 1): _source_aliased_v1_to_v2,
    ("article-recorded", 1): _article_v1_to_v2,
    ("article-revised", 1): _article_v1_to_v2,
    ("article-recorded", 2): _article_v2_to_v3,
    ("article-revised", 2): _article_v2_to_v3,
    ("claim-asserted", 1): _basis_absent,
    ("claim-corrected", 1): _basis_absent,
}


def upcast(type_name: str, version: int, target: int, data: Payload) -> Payload:
    """Apply the chain vN -> vN+1 -> ... -> target; raise LookupError on a missing link."""
    while version < target:
        step = UPCASTERS.get((type_name, version))
        if step is None:
            raise LookupError(f"no upcaster for {type_name} v{version}")
        data = step(data)
        version += 1
    return data
