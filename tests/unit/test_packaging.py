"""The wheel holds every package and the resources, read with importlib.resources."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_is_listed_for_the_wheel() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src").rglob("__init__.py")
    }
    assert found - listed == set()


def test_resources_are_read_through_the_package() -> None:
    folder = resources.files("cprecorder.resources")
    names = {entry.name for entry in folder.iterdir()}
    assert {"agendas", "rules", "language", "illustrations"} <= names
    assert folder.joinpath("agendas", "signs-of-safety.toml").is_file()
