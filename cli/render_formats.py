"""Output for machines: JSON documents, JSON Lines and CSV, on stdout.

Owns: stable key order, the escaping of characters JSON may carry raw but a terminal (or a
JavaScript reader) would act on, and CSV cells no spreadsheet runs as formulas.

Imports: orjson and the standard library (no rich: `--json` and `--csv` print no markup).
"""

from __future__ import annotations

import re
import sys
from typing import Any

import orjson

from cli.render_inert import inert

# Characters JSON may carry raw inside a string that a terminal (or a JavaScript reader, for
# U+2028/U+2029) would act on; orjson escapes C0 itself, these are escaped after it.
_JSON_RAW = re.compile(
    "[\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u2028\u2029]"
)


def _json_text(encoded: bytes) -> str:
    text = encoded.decode()
    if _JSON_RAW.search(text) is None:
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def write_json(document: Any) -> None:
    """Print one JSON document with stable, sorted keys (controls escaped)."""
    sys.stdout.write(
        _json_text(orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)) + "\n"
    )


def write_json_line(document: Any) -> None:
    """Print one compact JSON object on its own line (JSON Lines; controls escaped)."""
    sys.stdout.write(_json_text(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)) + "\n")


def _cell(value: Any) -> str:
    """Render a CSV cell so no spreadsheet runs it as a formula (a number is only a number:
    a fall of 14 stays `-14`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = inert(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def write_csv(rows: list[dict[str, Any]]) -> None:
    """Print rows as CSV with a header; cells that look like formulas are neutralised."""
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    if not rows:
        return
    columns = list(rows[0])
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
