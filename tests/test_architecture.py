"""The shape of the code: imports point cli -> ledger -> events, and names resolve here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"events": {"events"}, "ledger": {"events", "ledger"}, "cli": {"events", "ledger", "cli"}}


def first_party_imports(path: Path) -> set[str]:
    """Return the top-level first-party packages a module imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names if name.split(".")[0] in LAYERS}
    return found


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_imports_point_downward(package: str) -> None:
    """events imports nothing of ours; ledger imports events; only cli imports ledger and cli."""
    for path in sorted((ROOT / package).rglob("*.py")):
        wrong = first_party_imports(path) - LAYERS[package]
        assert not wrong, f"{path.relative_to(ROOT)} imports {wrong}"


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_packages_resolve_to_this_repo(package: str) -> None:
    """`import events` is this project's package, not PyPI's unrelated `events`."""
    module = __import__(package)
    assert Path(module.__file__).resolve().parent == ROOT / package


def test_only_the_rich_module_imports_rich() -> None:
    """rich stays behind cli/render_rich.py (which cli/render_console.py loads when output
    needs it), so the core never prints."""
    for path in sorted(ROOT.rglob("*.py")):
        if ".venv" in path.parts or path == ROOT / "cli" / "render_rich.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "rich" for name in names):
                pytest.fail(f"{path.relative_to(ROOT)} imports rich")


@pytest.mark.parametrize(
    ("package", "names"),
    [
        ("events", {"Claim", "ClaimAsserted", "ArticleRecorded", "decode", "EVENT_TYPES"}),
        ("ledger", {"Ledger", "SQLiteStore", "EventStore", "LedgerError"}),
        ("cli", {"app", "main"}),
    ],
)
def test_public_names(package: str, names: set[str]) -> None:
    """Each package exports a small, pinned public surface."""
    module = __import__(package)
    assert names <= set(module.__all__)
    assert all(hasattr(module, name) for name in module.__all__)
