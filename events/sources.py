"""Sources: declarations about who is who among claimants and publishers.

Owns: `SourceAliased`. Imports: `events.base`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from events.base import Event, Name


class SourceAliased(Event):
    """Declares that `alias` names the same source as `canonical`, from now on in every view.

    Schema v2 added `kind`: v1 aliases were always claimant names (see `upcasters.py`).
    """

    TYPE = "source-aliased"
    SCHEMA_VERSION = 2

    alias: Name
    canonical: Name
    kind: Literal["claimant", "publisher"] = "claimant"

    @model_validator(mode="after")
    def _distinct(self) -> SourceAliased:
        if self.alias.casefold() == self.canonical.casefold():
            raise ValueError("an alias must differ from its canonical name")
        return self
