"""Writing a file the user named (`export --out`, `history --plot`): the CLI's one way to do it.

Owns: `check_target` (refuse a target before any work: an existing file without `--force`, a
symbolic link always, and with `--force` anything but a regular file — a FIFO, device, socket or
directory — as well as a missing parent folder) and `output_file` (the bytes go to a temporary
file with a random name in the target's folder, created `O_CREAT|O_EXCL|O_NOFOLLOW` with mode
0644 or stricter (0600 for a private key), fsynced, then renamed onto the target; on any
failure, Ctrl-C included, the temporary file is removed and the target is untouched).

A planted symbolic link cannot redirect the write: the temporary name is unpredictable and is
created exclusively (never opened if it exists), and a rename replaces a link rather than
writing through it. Without `--force` the final step is a hard link, which refuses an existing
target atomically, so a file that appears meanwhile is not overwritten either.

Imports: the standard library; `ledger.errors` inside the functions that refuse.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from typing import IO

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0)
_MODE = 0o644


def _refuse(option: str, path: str, problem: str) -> Exception:
    from ledger import InvalidInput

    return InvalidInput(f"{option} {path}: {problem}")


def _kind(mode: int) -> str:
    from ledger import describe_mode

    return describe_mode(mode)


def check_target(path: str, *, force: bool, option: str = "--out") -> None:
    """Refuse, in one line naming `option`, a target this command must not write."""
    if not path or path.endswith(os.sep) or os.path.basename(path) in ("", ".", ".."):
        raise _refuse(option, path, "is not a file name")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise _refuse(option, path, "a part of this path is not a folder") from None
    except OSError as err:
        raise _refuse(option, path, f"cannot be checked: {err.strerror or err}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise _refuse(option, path, "is a symbolic link; give a plain file path")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(option, path, f"is {_kind(info.st_mode)}; only a file can be written")
        if not force:
            raise _refuse(option, path, "exists; use --force to overwrite it")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise _refuse(option, path, f"no such folder: {folder}")


@contextlib.contextmanager
def output_file(
    path: str, *, force: bool, option: str = "--out", mode: int = _MODE
) -> Iterator[IO[bytes]]:
    """Yield a binary file whose bytes replace `path` when the block ends without error.

    `mode` is the file's permission bits (0600 for a private key), set when it is created,
    before a byte is written."""
    check_target(path, force=force, option=option)
    folder = os.path.dirname(path) or "."
    temp, fd = _create_temp(folder, os.path.basename(path), option, path, mode)
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as err:  # a full disk, a quota: the operation failed, nothing replaced
            from ledger import OperationFailed

            problem = f"cannot write: {err.strerror or err}; {path} is unchanged"
            raise OperationFailed(f"{option} {path}: {problem}") from None
        _publish(temp, path, force=force, option=option)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(folder)


def _create_temp(
    folder: str, name: str, option: str, path: str, mode: int = _MODE
) -> tuple[str, int]:
    """Create a new, empty temporary file beside the target, under a name nobody can guess,
    with at most the permissions `mode` (the umask can only take more away)."""
    for _ in range(16):
        temp = os.path.join(folder, f".{name}.{secrets.token_hex(8)}.tmp")
        try:
            return temp, os.open(temp, _FLAGS, mode)
        except FileExistsError:
            continue
        except OSError as err:
            raise _refuse(option, path, f"cannot write here: {err.strerror or err}") from None
    raise _refuse(option, path, "cannot create a temporary file beside it")


def _publish(temp: str, path: str, *, force: bool, option: str) -> None:
    """Move the finished temporary file onto the target, re-checking the target first."""
    check_target(path, force=force, option=option)  # it may have changed while we wrote
    if not force:
        try:
            os.link(temp, path, follow_symlinks=False)  # atomic: refuses an existing target
        except FileExistsError:
            raise _refuse(option, path, "exists; use --force to overwrite it") from None
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise _refuse(option, path, f"cannot write: {err.strerror or err}") from None
        else:
            os.unlink(temp)
            return
    try:
        os.replace(temp, path)  # replaces a name; never writes through a link
    except OSError as err:
        raise _refuse(option, path, f"cannot write: {err.strerror or err}") from None


def _sync_folder(folder: str) -> None:
    """Make the rename durable (best effort: not every platform can fsync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
