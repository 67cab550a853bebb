"""The wheel holds every package and the resources, read with importlib.resources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
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


def test_a_built_wheel_holds_every_resource_the_app_reads(tmp_path: Path) -> None:
    """Built from a copy of the sources (the build writes nothing into the checkout), the
    wheel has every file of resources/ where importlib.resources finds it, the migrations'
    template and the type marker."""
    tree = tmp_path / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for folder in ("src", "resources"):
        shutil.copytree(ROOT / folder, tree / folder, ignore=skip)
    out = tmp_path / "dist"
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; "
            "print(build_meta.build_wheel(sys.argv[1]))",
            str(out),
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    assert "is absent from the `packages` configuration" not in built.stderr
    assert "TOML table is deprecated" not in built.stderr
    wheel = out / built.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    wanted = {
        "cprecorder/resources/" + path.relative_to(ROOT / "resources").as_posix()
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    wanted |= {"cprecorder/py.typed", "cprecorder/migrations/script.py.mako"}
    # What the app reads by name: the default agenda, each nation's rules, the words, a picture.
    assert {
        "cprecorder/resources/agendas/signs-of-safety.toml",
        "cprecorder/resources/rules/england.toml",
        "cprecorder/resources/language/jargon.toml",
        "cprecorder/resources/language/family-words.toml",
        "cprecorder/resources/illustrations/sun.png",
    } <= wanted
    assert wanted - names == set()
