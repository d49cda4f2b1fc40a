"""Files written and read where they must not be (issue 11, section 2): `export --out` and
`history --plot` write through one safe writer, folder ingest stays inside its folder, only
regular files are read (a FIFO never hangs a command), and a dry run creates no ledger."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.samples import ROUNDED, WEEKLY
from tests.test_cli_foundation import BASE

ROOT = Path(__file__).resolve().parent.parent
GS_DAILY = ROOT / "tests" / "fixtures" / "gs-daily"

CLAIM = BASE
"""One hand-entered claim: the General Staff's 174,550 personnel as of 2 April 2023."""

# The two commands that write a file the user names: (argv before the path, a good file name).
WRITERS = {
    "export": (["export", "--out"], "out.jsonl"),
    "plot": (["history", "personnel", "--plot"], "out.png"),
}


@pytest.fixture
def logged(cli: Callable[..., Any]) -> Callable[..., Any]:
    """A ledger holding one personnel claim, so both writers have something to write."""
    assert cli(*CLAIM).exit_code == 0
    return cli


def write_with(cli: Callable[..., Any], writer: str, path: str, *extra: str) -> Any:
    """Run the writer `writer` ("export" or "plot") to `path`."""
    if writer == "plot":
        pytest.importorskip("matplotlib")
    return cli(*WRITERS[writer][0], path, *extra)


def listing(folder: Path) -> list[str]:
    """The names in `folder` but the test ledger's own (claims.db and its -wal, -shm), sorted:
    a leftover temporary file shows up here."""
    return sorted(n for n in os.listdir(folder) if not n.startswith("claims.db"))


def one_line(stderr: str) -> bool:
    """True when stderr is exactly one `claims: error:` line."""
    lines = stderr.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("claims: error: ")


# --- the safe writer -----------------------------------------------------------------------


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_planted_temp_symlink_is_never_written_through(
    logged, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    """Links planted at the old fixed temp name and at the next random one redirect nothing."""
    import secrets

    name = WRITERS[writer][1]
    victim = tmp_path / "victim"
    victim.write_text("keep")
    tokens = iter(["planted0planted0", "fresh000fresh000"])
    monkeypatch.setattr(secrets, "token_hex", lambda _n: next(tokens))
    for planted in (f".{name}.partial", f".{name}.planted0planted0.tmp"):
        (tmp_path / planted).symlink_to(victim)
    result = write_with(logged, writer, name)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep"
    assert stat.S_ISREG(os.lstat(tmp_path / name).st_mode)
    assert (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(
    "failure", [KeyboardInterrupt(), OSError(28, "No space left on device")], ids=repr
)
def test_a_failed_write_leaves_the_target_and_folder_as_they_were(
    logged, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, failure: BaseException
) -> None:
    """A write that fails midway (Ctrl-C, a full disk) removes its temporary file and keeps the
    old target; a full disk says so in one line."""
    from cli import render
    from ledger import Ledger

    name = WRITERS[writer][1]
    (tmp_path / name).write_text("old")
    before = listing(tmp_path)

    def export_lines(self: Ledger) -> Iterator[str]:
        yield '{"position": 1}\n'
        raise failure

    def plot_history(series: Any, out: Any, *, fmt: str) -> None:
        out.write(b"\x89PNG half")
        raise failure

    monkeypatch.setattr(Ledger, "export_lines", export_lines)
    monkeypatch.setattr(render, "plot_history", plot_history)
    result = write_with(logged, writer, name, "--force")
    if isinstance(failure, KeyboardInterrupt):  # its message is the app's (`cli.app`)
        assert result.exit_code == 130
    else:
        assert result.exit_code == 1 and one_line(result.stderr), result.stderr
        assert f"{name} is unchanged" in result.stderr
    assert (tmp_path / name).read_text() == "old"
    assert listing(tmp_path) == before


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("cannot make a device node here")


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(path.name)  # relative: the cli fixture runs in tmp_path; keeps under 108 bytes
    sock.close()


def _symlink(path: Path) -> None:
    (path.parent / "elsewhere").write_text("keep")
    path.symlink_to(path.parent / "elsewhere")


def _folder(path: Path) -> None:
    path.mkdir()


def _file(path: Path) -> None:
    path.write_text("keep")


TARGETS = [
    # (what is at the path, how to make it, --force given)
    ("an existing file", _file, False),
    ("a symbolic link", _symlink, False),
    ("a symbolic link", _symlink, True),
    ("a FIFO", _fifo, True),
    ("a device node", _device, True),
    ("a socket", _socket, True),
    ("a directory", _folder, True),
    ("a directory", _folder, False),
]


def kind_and_content(path: Path) -> tuple[int, str | None]:
    """What `path` is (its lstat type) and, for a regular file, what it holds."""
    mode = stat.S_IFMT(os.lstat(path).st_mode)
    return mode, path.read_text() if stat.S_ISREG(mode) else None


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize(
    ("what", "make", "force"), TARGETS, ids=lambda v: getattr(v, "__name__", v)
)
def test_a_target_that_must_not_be_replaced_is_refused(
    logged, tmp_path: Path, writer: str, what: str, make: Callable[[Path], None], force: bool
) -> None:
    """--force replaces regular files only; a link is always refused; nothing is overwritten
    without --force: one line, exit 2, the target and its folder untouched."""
    name = WRITERS[writer][1]
    target = tmp_path / name
    make(target)
    before, files = kind_and_content(target), listing(tmp_path)
    result = write_with(logged, writer, name, *(["--force"] if force else []))
    assert result.exit_code == 2, what
    assert one_line(result.stderr), result.stderr
    assert kind_and_content(target) == before
    assert listing(tmp_path) == files


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_missing_folder_is_one_line_not_an_internal_error(logged, writer: str) -> None:
    """`--out nodir/x` (and `--plot nodir/x.png`): one clear line, exit 2."""
    result = write_with(logged, writer, f"nodir/{WRITERS[writer][1]}")
    assert result.exit_code == 2
    assert one_line(result.stderr) and "no such folder: nodir" in result.stderr


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_force_replaces_a_regular_file_with_a_plain_readable_file(
    logged, tmp_path: Path, writer: str
) -> None:
    """--force replaces an existing regular file whole, mode 0644 or stricter."""
    name = WRITERS[writer][1]
    (tmp_path / name).write_text("old")
    result = write_with(logged, writer, name, "--force")
    assert result.exit_code == 0, result.output
    written = tmp_path / name
    assert written.read_bytes() != b"old"
    assert stat.S_IMODE(written.stat().st_mode) & ~0o644 == 0
    assert listing(tmp_path) == [name]


# --- history --plot: which names it draws to -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "magic"), [("p.png", b"\x89PNG"), ("p.SVG", b"<?xml"), ("p.pdf", b"%PDF")]
)
def test_plot_draws_the_type_its_suffix_names(logged, tmp_path: Path, name: str, magic: bytes):
    """--plot draws PNG, SVG or PDF, chosen by the file name's suffix."""
    result = write_with(logged, "plot", name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(magic)


@pytest.mark.parametrize("name", ["x.txt", "folder", "noext", "p.png.exe"])
def test_plot_refuses_a_name_that_is_not_an_image_type(logged, tmp_path: Path, name: str):
    """`--plot x.txt` and `--plot /tmp` (no suffix) are one line, exit 2, writing nothing — in
    particular never `folder.png` beside `folder`."""
    (tmp_path / "folder").mkdir()
    before = listing(tmp_path)
    result = write_with(logged, "plot", name)
    assert result.exit_code == 2
    assert one_line(result.stderr) and ".png, .svg or .pdf" in result.stderr
    assert listing(tmp_path) == before


# --- folder ingest stays inside its folder --------------------------------------------------


def test_folder_ingest_does_not_follow_links_out_of_the_folder(cli, tmp_path: Path) -> None:
    """A link to a file or a folder outside the folder is not read: one line per skipped link;
    a link that stays inside is read."""
    outside = tmp_path / "private"
    (outside / "nested").mkdir(parents=True)
    (outside / "id_rsa.txt").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n")
    (outside / "nested" / "story.txt").write_text(ROUNDED)
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "weekly.txt").write_text(WEEKLY)
    (folder / "key.txt").symlink_to(outside / "id_rsa.txt")
    (folder / "more").symlink_to(outside / "nested")
    (folder / "sub" / "chain.txt").symlink_to(folder / "key.txt")  # inside, then out
    (folder / "same.txt").symlink_to(folder / "weekly.txt")  # stays inside: read
    result = cli("ingest", str(folder))
    skipped = [line for line in result.stderr.splitlines() if "not followed" in line]
    assert sorted(Path(line.split(": ")[2]).name for line in skipped) == [
        "chain.txt",
        "key.txt",
        "more",
    ]
    assert result.exit_code == 1  # some inputs were not read
    assert "5 article(s), 1 new, 0 revised, 1 unchanged, 3 failed" in result.stdout
    assert "secret" not in cli("log", "--json").stdout


def run_claims(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `claims` in a child process, killed after `timeout` seconds (a hang fails)."""
    env = {**os.environ, "CLAIMS_LEDGER": str(cwd / "claims.db"), "COLUMNS": "200"}
    env.pop("CLAIMS_DEBUG", None)
    code = "from cli.app import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    ("args", "fifo", "code"),
    [
        (["ingest", "x.txt"], "x.txt", 2),
        (["extract", "x.txt"], "x.txt", 2),
        (["ingest", "folder"], "folder/x.txt", 1),
        (
            ["import-dataset", "gs/russia_losses_personnel.json"],
            "gs/russia_losses_personnel.json",
            2,
        ),
        (["append", "--event", "x.json"], "x.json", 2),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_a_fifo_is_refused_without_hanging(
    tmp_path: Path, args: list[str], fifo: str, code: int
) -> None:
    """A FIFO named like an input (given directly or inside a folder) is refused at once, in
    one line, instead of blocking forever on open."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "weekly.txt").write_text(WEEKLY)
    (tmp_path / "gs").mkdir()
    os.mkfifo(tmp_path / fifo)
    result = run_claims(*args, cwd=tmp_path, timeout=30)
    assert result.returncode == code, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("claims: error:")]
    assert len(errors) == 1 and "FIFO" in errors[0], result.stderr


def test_read_regular_file_refuses_a_fifo_swapped_in_after_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kind is checked again on the open descriptor, and the open never blocks (a blocking
    open would be cut short by the alarm and fail the test)."""
    import signal

    from ledger import files
    from ledger.files import UnreadableFile, read_regular_file

    path = tmp_path / "x.txt"
    os.mkfifo(path)
    real_stat, regular = os.stat, os.stat(__file__)

    def fake_stat(name: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        return regular if name == str(path) else real_stat(name, *args, **kwargs)

    def hang(*_: Any) -> None:
        raise TimeoutError("the open blocked")

    monkeypatch.setattr(files.os, "stat", fake_stat)
    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(5)
    try:
        with pytest.raises(UnreadableFile, match="FIFO"):
            read_regular_file(str(path), 10**9)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- dry runs create nothing ---------------------------------------------------------------


def test_import_dataset_dry_run_creates_no_ledger(cli, tmp_path: Path) -> None:
    """`import-dataset --dry-run` on a new ledger says what it would write, creating no file
    (nor a -wal or -shm beside it)."""
    before = listing(tmp_path)
    result = cli("--ledger", "new.db", "import-dataset", "--dry-run", str(GS_DAILY))
    assert result.exit_code == 0, result.output
    assert "would write 689 event(s)" in result.stdout
    assert listing(tmp_path) == before
