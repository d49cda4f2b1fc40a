"""Reading the files and folders a user names, safely (issue 11, section 2).

Owns: `UnreadableFile` and `FileTooLarge` (one line naming the path and the problem),
`read_regular_file` (only a regular file is read: a FIFO, device, socket or directory is refused
from its `stat` before anything is opened, the open never blocks, and at most `limit + 1` bytes
are read) and `walk_folder` (a folder's files in sorted order, where a symbolic link that leads
out of the folder and anything that is not a regular file is reported as `Skipped`, never
followed or read).

Imports: the standard library, `ledger.errors`. Never `cli`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ledger.errors import InvalidInput

__all__ = [
    "FileTooLarge",
    "Skipped",
    "UnreadableFile",
    "describe_mode",
    "read_regular_file",
    "walk_folder",
]

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISREG, "a regular file"),
)


def describe_mode(mode: int) -> str:
    """Name the kind of file `mode` (from `stat`) describes, e.g. "a FIFO (named pipe)"."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a special file"


class UnreadableFile(InvalidInput):
    """A path that is not read: missing, not a regular file, or not readable."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class FileTooLarge(UnreadableFile):
    """A regular file larger than the caller's limit, refused unread; `size` is its size."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(path, f"larger than {limit:,} bytes ({size:,} bytes)")


def _not_regular(mode: int, outcome: str = "refused unread") -> str:
    kind = describe_mode(mode)
    if kind == "a directory":
        return "is a directory, not a file"
    return f"is {kind}, not a regular file; {outcome}"


def _os_problem(err: OSError) -> str:
    if isinstance(err, FileNotFoundError | NotADirectoryError):
        return "no such file or directory"
    return f"cannot read: {err.strerror or err}"


def read_regular_file(path: str, limit: int) -> bytes:
    """Return the bytes of the regular file at `path` (at most `limit + 1` of them).

    The file's kind and size are checked with `stat` before it is opened, and again on the open
    descriptor (in case the path was swapped meanwhile); the open is non-blocking, so a FIFO
    slipped in between cannot hang the caller.
    """
    try:
        info = os.stat(path)
    except OSError as err:
        raise UnreadableFile(path, _os_problem(err)) from None
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFile(path, _not_regular(info.st_mode))
    if info.st_size > limit:
        raise FileTooLarge(path, info.st_size, limit)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise UnreadableFile(path, _os_problem(err)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, _not_regular(info.st_mode))
        if info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        try:
            return handle.read(limit + 1)  # bounded even if the file grows meanwhile
        except OSError as err:
            raise UnreadableFile(path, _os_problem(err)) from None


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of a walked folder that was not read, and why (one line)."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def walk_folder(root: str, wanted: Callable[[str], bool]) -> Iterator[str | Skipped]:
    """Yield the regular files under `root` whose names are `wanted`, depth first and sorted
    (a folder's files before its subfolders); hidden folders are not entered.

    Never followed, each reported as `Skipped`: a symbolic link (to a file or a folder) that
    resolves outside `root`, and a wanted name that is not a regular file (a FIFO, a device).
    A link to a file inside `root` is read; a link to a folder inside it is not entered (the
    folder is walked where it is). Other names are ignored silently, as before.
    """
    leaving = f"a symbolic link leading out of {root}; not followed"
    yield from _walk(root, os.path.realpath(root), wanted, leaving)


def _kind(entry: os.DirEntry[str], boundary: str, wanted: Callable[[str], bool]) -> str:
    """What a folder entry is to the walk: a "folder" to enter, a wanted "file", a link that
    "leaves" the folder (reported), or "skip" (a link inside, or a name not wanted)."""
    try:
        is_link = entry.is_symlink()
        is_dir = entry.is_dir(follow_symlinks=True)
    except OSError:
        is_link, is_dir = True, False
    if is_link:
        leaves = not _inside(os.path.realpath(entry.path), boundary)
        if leaves and (is_dir or wanted(entry.name)):
            return "leaves"
        if is_dir or leaves:
            return "skip"
    elif is_dir:
        return "folder"
    return "file" if wanted(entry.name) else "skip"


def _regular(path: str) -> Iterator[str | Skipped]:
    """A wanted file if it is a regular one; anything else is skipped, saying why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        yield path  # a dangling link inside the folder: the read names the problem
        return
    if stat.S_ISREG(mode):
        yield path
    else:
        yield Skipped(path, _not_regular(mode, "skipped"))


def _walk(
    folder: str, boundary: str, wanted: Callable[[str], bool], leaving: str
) -> Iterator[str | Skipped]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as err:
        yield Skipped(folder, f"cannot list this folder: {err.strerror or err}")
        return
    folders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        kind = _kind(entry, boundary, wanted)
        if kind == "folder":
            folders.append(entry.path)
        elif kind == "leaves":
            yield Skipped(entry.path, leaving)
        elif kind == "file":
            yield from _regular(entry.path)
    for sub in folders:
        yield from _walk(sub, boundary, wanted, leaving)
