"""The shape of ledger/ingest: small modules that say what they own, imports that point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

INGEST = Path(__file__).resolve().parent.parent / "ledger" / "ingest"
MODULES = sorted(p.stem for p in INGEST.glob("*.py") if p.stem != "__init__")
# Reading input formats into drafts; the rest (but the pipeline) is the extractor.
READING = {"readers", "drafts", "text_reader", "html_reader", "html_shape", "json_reader"}
READING |= {"written_dates"}
# Plain tables both sides read (the month names a byline and a sentence write alike).
SHARED = {"months"}
# The pipeline runs the extractor; `explain` (for `claims extract --explain`) runs it traced,
# `undated` (an undated article `claims extract` shows) twice.
SHELL = {"pipeline", "explain", "undated"}
# The extractor's stages, in the order `extract_claims` calls them.
STAGES = [
    "furniture",
    "sentences",
    "dates",
    "candidates",
    "filters",
    "subjects",
    "attribution",
    "settle",
    "periods",
    "basis",
    "restatements",
]


def tree(module: str) -> ast.Module:
    return ast.parse((INGEST / f"{module}.py").read_text(encoding="utf-8"))


def ingest_imports(module: str) -> set[str]:
    """The modules of ledger/ingest that `module` imports."""
    found = set()
    for node in ast.walk(tree(module)):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("ledger.ingest."):
                found.add(node.module.split(".")[2])
            elif node.module == "ledger.ingest":
                found |= {alias.name for alias in node.names}
    return found


@pytest.mark.parametrize("module", MODULES)
def test_a_module_stays_small(module: str) -> None:
    """No module of ledger/ingest is over 350 lines."""
    lines = (INGEST / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 350, f"{module}.py has {lines} lines"


@pytest.mark.parametrize("module", MODULES)
def test_a_module_says_what_it_owns_and_imports(module: str) -> None:
    """Each module's docstring names every module of the package it imports."""
    doc = ast.get_docstring(tree(module)) or ""
    assert "Imports" in doc, f"{module}.py: say what it imports"
    missing = {m for m in ingest_imports(module) if f"`{m}`" not in doc}
    assert not missing, f"{module}.py imports {sorted(missing)} without saying so"


def test_only_the_pipeline_imports_the_extractor() -> None:
    """Stages never import extract.py; only the pipeline, `explain` and `undated` do."""
    assert {m for m in MODULES if "extract" in ingest_imports(m)} == SHELL


@pytest.mark.parametrize("module", MODULES)
def test_readers_and_the_extractor_do_not_import_each_other(module: str) -> None:
    """Reading input formats and extracting claims meet only in the pipeline."""
    if module in SHELL:
        return
    other = set(MODULES) - READING - SHELL - SHARED if module in READING else READING
    assert not ingest_imports(module) & other


@pytest.mark.parametrize(
    ("earlier", "later"), [(a, b) for i, a in enumerate(STAGES) for b in STAGES[i + 1 :]]
)
def test_a_stage_never_imports_a_later_one(earlier: str, later: str) -> None:
    """Imports point one way: from a later stage to an earlier one, never back."""
    assert later not in ingest_imports(earlier)


def test_the_package_imports_have_no_cycle() -> None:
    """No module of ledger/ingest reaches itself through its imports."""
    graph = {m: ingest_imports(m) for m in MODULES}

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph.get(m, ()))
        return seen

    assert [m for m in MODULES if m in reaches(m)] == []
