"""The gs-daily files on disk: finding them in what the user names, and reading their JSON.

Owns: `GsDaily` (the parsed JSON of the files, by role, and where it came from), `load_gs_daily`
(folders and/or files, recognised by name; the Oryx snapshot ignored) and `MAX_FILE_BYTES`. The
meaning of the records is `gs_daily`'s. Imports: the standard library, orjson, `ledger.errors`,
`ledger.files`, `ledger.importers.gs_daily`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from ledger.errors import InvalidInput
from ledger.files import FileTooLarge, UnreadableFile, read_regular_file
from ledger.importers.gs_daily import (
    CORRECTION_FILE,
    EQUIPMENT_FILE,
    ORYX_FILE,
    PERSONNEL_FILE,
    DatasetFigure,
    DeclaredCorrection,
    parse_declared_corrections,
    parse_gs_daily,
)

__all__ = ["MAX_FILE_BYTES", "GsDaily", "load_gs_daily"]

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused unread: the full series is under 1 MB, so this is not the data set."""

_ROLES = {PERSONNEL_FILE: "personnel", EQUIPMENT_FILE: "equipment", CORRECTION_FILE: "corrections"}


@dataclass(frozen=True)
class GsDaily:
    """The parsed JSON of the gs-daily files, as read; `files` maps role -> path as given.

    The JSON is unchecked (`object`): `figures` and `declared_corrections` check it.
    """

    personnel: object
    equipment: object
    corrections: object
    files: Mapping[str, str]

    @property
    def source_files(self) -> dict[str, str]:
        """Return role -> file name (no folder), as provenance records it."""
        return {role: Path(path).name for role, path in self.files.items()}

    def figures(self) -> list[DatasetFigure]:
        """Return every figure of the personnel and equipment files."""
        return parse_gs_daily(self.personnel, self.equipment, source_files=self.source_files)

    def declared_corrections(self) -> list[DeclaredCorrection]:
        """Return the declared corrections, or nothing when there was no corrections file."""
        if "corrections" not in self.files:
            return []
        return parse_declared_corrections(
            self.corrections, source_file=self.source_files["corrections"]
        )


def load_gs_daily(paths: Sequence[str | Path]) -> GsDaily:
    """Read the gs-daily files from folders and/or files, recognised by their names.

    The personnel and equipment files are the data (at least one is needed), the corrections
    file is optional, and the Oryx file is ignored: it is a per-model snapshot, not a series.
    """
    if not paths:
        raise InvalidInput("gs-daily: no file or folder given")
    found: dict[str, Path] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            _add_folder(found, path)
        elif path.exists():
            _add_file(found, path)
        else:
            raise InvalidInput(f"gs-daily: no such file or folder: {path}")
    if "personnel" not in found and "equipment" not in found:
        names = ", ".join(str(Path(p)) for p in paths)
        raise InvalidInput(f"gs-daily: no {PERSONNEL_FILE} or {EQUIPMENT_FILE} in {names}")
    parsed = {role: _read_json(path) for role, path in found.items()}
    return GsDaily(
        personnel=parsed.get("personnel", []),
        equipment=parsed.get("equipment", []),
        corrections=parsed.get("corrections", []),
        files={role: str(path) for role, path in sorted(found.items())},
    )


def _add_folder(found: dict[str, Path], folder: Path) -> None:
    """Take the known files of a folder; anything else in it is none of our business."""
    if not any((folder / name).is_file() for name in (PERSONNEL_FILE, EQUIPMENT_FILE)):
        raise InvalidInput(
            f"gs-daily: {folder} holds neither {PERSONNEL_FILE} nor {EQUIPMENT_FILE}"
        )
    for name in _ROLES:
        if (folder / name).is_file():
            _add_file(found, folder / name)


def _add_file(found: dict[str, Path], path: Path) -> None:
    """Recognise one file by its name; the same file twice is fine, two different ones not."""
    if path.name == ORYX_FILE:
        return
    role = _ROLES.get(path.name)
    if role is None:
        names = ", ".join(_ROLES)
        raise InvalidInput(f"gs-daily: {path} is not a gs-daily file (expected one of {names})")
    if role in found and found[role].resolve() != path.resolve():
        raise InvalidInput(f"gs-daily: two {role} files given: {found[role]} and {path}")
    found[role] = path


def _read_json(path: Path) -> object:
    """Read one file's JSON, refusing oversized, unreadable or malformed files in one line."""
    too_big = f"gs-daily: {path} is larger than {MAX_FILE_BYTES:,} bytes; refused unread"
    try:
        # regular files only (a FIFO is refused, never opened to block), bounded even if the
        # file grows meanwhile
        raw = read_regular_file(str(path), MAX_FILE_BYTES)
    except FileTooLarge:
        raise InvalidInput(too_big) from None
    except UnreadableFile as exc:
        raise InvalidInput(f"gs-daily: {exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(too_big)
    try:
        parsed: object = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        message = " ".join(str(exc).split())
        raise InvalidInput(f"gs-daily: {path} is not valid JSON: {message}") from None
    return parsed
