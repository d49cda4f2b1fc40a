"""Packaging that installs quietly: `make demo`'s `pip install -e .` prints no setuptools
warning (checked on pyproject.toml; running pip here would need the package index)."""

from __future__ import annotations

import tomllib
from pathlib import Path

PYPROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())


def test_license_is_an_spdx_expression() -> None:
    """`license = { text = "MIT" }` and licence classifiers are deprecated (setuptools 77+)."""
    project = PYPROJECT["project"]
    assert isinstance(project["license"], str)
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]
    assert int(PYPROJECT["build-system"]["requires"][0].split(">=")[1]) >= 77


def test_editable_install_is_a_plain_path_entry() -> None:
    """Packages rooted at "." (each in its own folder): setuptools installs `-e .` as a .pth
    of the folder, without the "Editable installation" warning its import finder prints."""
    tool = PYPROJECT["tool"]["setuptools"]
    assert tool["package-dir"] == {"": "."}
    root = Path(__file__).parent.parent
    assert all(
        (root / package.replace(".", "/") / "__init__.py").exists() for package in tool["packages"]
    )
