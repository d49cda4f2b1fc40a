"""Terminal safety: `inert()`, the one function every text passes before it reaches a terminal.

Owns: what counts as a character a terminal could act on (C0 and C1 controls, DEL, line and
paragraph separators, bidirectional overrides and isolates, invisible marks) and how it is
shown instead (a line break as a space, anything else as a visible escape).

Imports: the standard library only, so an error line can be made inert without rich.
"""

from __future__ import annotations

import re
from typing import Any

# What a terminal could act on, or that would make one text look like another: C0 and C1
# controls and DEL (ESC starts every escape sequence; C1 CSI is an 8-bit one), line and
# paragraph separators, bidirectional overrides and isolates, invisible marks.
_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]"
)


def _visible(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _BREAKS:
        return " "
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(value: Any) -> str:
    """Return `value` as text a terminal shows and never acts on: a line or tab break becomes
    a space (one line stays one line), any other control or bidi mark a visible escape
    (ESC is `\\x1b`, RIGHT-TO-LEFT OVERRIDE `\\u202e`). Applied to every text from the log, an
    article or a user before it reaches the terminal (tables, lines, CSV, error lines)."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub(_visible, text) if _CONTROLS.search(text) else text
