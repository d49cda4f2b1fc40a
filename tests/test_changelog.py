"""The changelog's newest entry names the versions the code has: bump one, log it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _newest_entry() -> tuple[str, dict[str, str]]:
    text = (ROOT / "CHANGELOG.md").read_text()
    heading = re.search(r"^## (\S+) — \d{4}-\d{2}-\d{2}$", text, re.MULTILINE)
    assert heading, "CHANGELOG.md has no `## X.Y.Z — YYYY-MM-DD` entry"
    body = text[heading.end() :].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| ([a-z ]+) \| (.+?) \|$", body, re.MULTILINE))
    return heading.group(1), rows


def test_the_newest_entry_is_the_package_version() -> None:
    version, rows = _newest_entry()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert version == project["version"] == rows["package"]


def test_the_newest_entry_names_the_extractor_version() -> None:
    from ledger.ingest.extract import EXTRACTOR_VERSION

    assert _newest_entry()[1]["extractor"] == EXTRACTOR_VERSION


def test_the_newest_entry_names_every_event_schema_version() -> None:
    from events import EVENT_TYPES

    spelled = ", ".join(
        f"{name} {EVENT_TYPES[name].SCHEMA_VERSION}" for name in sorted(EVENT_TYPES)
    )
    assert _newest_entry()[1]["event schemas"] == spelled


def test_the_newest_entry_names_the_file_and_projection_versions() -> None:
    from ledger.projections import PROJECTION_VERSIONS
    from ledger.store.sqlite_schema import SCHEMA_VERSION

    rows = _newest_entry()[1]
    assert rows["ledger file schema"] == str(SCHEMA_VERSION)
    spelled = ", ".join(f"{name} {v}" for name, v in sorted(PROJECTION_VERSIONS.items()))
    assert rows["projections"] == spelled
