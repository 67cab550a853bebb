"""Every error a sentence: hostile input to the command line gets one plain line on the
error stream, a non-zero exit and nothing written; never a traceback.

The walk finds every subcommand from the parser itself, so a command added later is
tried without anyone remembering it: with a conference that is not there, an output
that cannot be written, and a --db that is no database.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cprecorder.cli import build_parser, main
from cprecorder.store import Store


def leaves(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every runnable subcommand: ("dump",), ("audit", "verify"), …"""
    found = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not found:
        yield prefix, parser
        return
    for name, sub in found[0].choices.items():
        # "run" opens the window; "remember-password" asks for a password and puts it in
        # this machine's keyring, which no test may touch.
        if name not in ("run", "remember-password"):
            yield from leaves(sub, (*prefix, name))


COMMANDS = {" ".join(words): sub for words, sub in leaves(build_parser())}


def test_the_walk_finds_every_command() -> None:
    assert set(COMMANDS) >= {
        "demo",
        "list",
        "dump",
        "import",
        "audit verify",
        "export",
        "calendar",
        "backup",
        "backups",
        "restore",
    }


def dests(sub: argparse.ArgumentParser) -> set[str]:
    return {a.dest for a in sub._actions}


def argv_for(
    command: str, tmp_path: Path, *, conference: str = "1", output: str | None = None
) -> list[str]:
    """A call that would work, but for what the test makes hostile."""
    sub = COMMANDS[command]
    argv = command.split()
    for action in sub._actions:  # the positionals, in order
        if action.option_strings or action.nargs in ("?", "*"):
            continue
        if action.dest in ("id", "case"):  # the number of a conference, meeting or case
            argv.append(conference)
        elif action.dest == "file":
            name = "record.json" if command == "import" else "backup.sqlite3"
            argv.append(str(tmp_path / name))
        else:
            argv.append("gemma_stiles")
    if "kind" in dests(sub):
        argv += ["--as", "record"]
    if "output" in dests(sub):
        argv += ["-o", output or str(tmp_path / "out" / "file")]
    for action in sub._actions:  # any other option the command requires
        if action.required and action.option_strings and action.dest not in {"kind", "output"}:
            value = str(next(iter(action.choices))) if action.choices else "Created by mistake"
            argv += [action.option_strings[-1], value]
    return argv


def one_sentence(capsys: pytest.CaptureFixture[str], argv: list[str], cwd: Path) -> str:
    before = sorted(cwd.rglob("*"))
    code = main(argv)  # an exception escaping here is the failure this test is for
    out, err = capsys.readouterr()
    assert code != 0, (argv, out, err)
    assert out == "", (argv, out)
    assert err.startswith("cprecorder: ") and err.count("\n") == 1, (argv, err)
    assert "Traceback" not in err and "sqlalchemy" not in err.lower(), (argv, err)
    assert sorted(cwd.rglob("*")) == before, argv
    return err


@pytest.fixture
def bare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dump to import and a file to restore beside a bare folder to work in."""
    from cprecorder.demo import demo_conference

    (tmp_path / "record.json").write_text(json.dumps(demo_conference()), encoding="utf-8")
    (tmp_path / "backup.sqlite3").write_bytes(b"")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


@pytest.fixture
def ready(bare: Path, store: Store, demo_id: int) -> Path:
    """The same with a conference in the store."""
    store.close()
    return bare


ID_COMMANDS = sorted(c for c, sub in COMMANDS.items() if dests(sub) & {"id", "case"})


@pytest.mark.parametrize("command", ID_COMMANDS)
@pytest.mark.parametrize("conference", ["99999", "99999999999999999999999", "3000000000", "-1"])
def test_a_missing_conference(
    bare: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    conference: str,
) -> None:
    err = one_sentence(capsys, argv_for(command, tmp_path, conference=conference), bare)
    assert "There is no" in err, err
    assert not (tmp_path / "out").exists()


OUTPUT_COMMANDS = sorted(c for c, sub in COMMANDS.items() if "output" in dests(sub))


def unwritable(tmp_path: Path) -> dict[str, str]:
    a_file = tmp_path / "a file"
    a_file.write_text("x", encoding="utf-8")
    (tmp_path / "a folder").mkdir()
    return {
        "inside a file": str(a_file / "out"),
        "a folder": str(tmp_path / "a folder"),
        "a device": os.devnull,
        "the procfs": "/proc/cprecorder-out",
    }


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
@pytest.mark.parametrize("where", ["inside a file", "a folder", "a device", "the procfs"])
def test_an_output_that_cannot_be_written(
    ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, where: str
) -> None:
    target = unwritable(tmp_path)[where]
    err = one_sentence(capsys, [*argv_for(command, tmp_path, output=target), "--force"], ready)
    assert "nothing was written" in err or "not an ordinary file" in err or "folder" in err


BAD_DATABASES = {
    "an unknown kind": "foo://somewhere/records",
    "a misspelled kind": "sqlte:///records.sqlite3",
    "a kind whose driver is missing": "mysql://cp@localhost/records",
    "no address at all": "records.sqlite3",
    "a folder": "sqlite:///{tmp}",
    "an empty file": "sqlite:///{tmp}/empty.sqlite3",
    "not a database": "sqlite:///{tmp}/record.json",
    "a server that is not there": "postgresql+psycopg://cp@127.0.0.1:9/records",
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("database", sorted(BAD_DATABASES))
def test_a_database_that_is_not_one(
    bare: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, database: str
) -> None:
    (tmp_path / "empty.sqlite3").write_bytes(b"")
    url = BAD_DATABASES[database].format(tmp=tmp_path)
    one_sentence(capsys, ["--db", url, *argv_for(command, tmp_path)], bare)
    assert (tmp_path / "empty.sqlite3").read_bytes() == b""
    assert not (tmp_path / "out").exists()


HOSTILE_FILES: dict[str, Callable[[Path], Path]] = {
    "a folder": lambda folder: folder,
    "JSON nested 200,000 deep": lambda folder: _write(folder, "[" * 200_000 + "]" * 200_000),
    "a score of 5,000 digits": lambda folder: _write(
        folder, json.dumps(_demo()).replace('"score": 3', '"score": ' + "9" * 5000, 1)
    ),
    "not UTF-8": lambda folder: _write_bytes(folder, b"\xff\xfe{}"),
    "empty": lambda folder: _write(folder, ""),
}


def _demo() -> dict[str, object]:
    from cprecorder.demo import demo_conference

    return demo_conference()


def _write(folder: Path, text: str) -> Path:
    path = folder / "hostile.json"
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(folder: Path, data: bytes) -> Path:
    path = folder / "hostile.json"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_a_hostile_file_to_import(
    ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    path = HOSTILE_FILES[case](folder)
    assert '"score": 9999' in path.read_text() if case.startswith("a score") else True
    code = main(["import", str(path)])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("cprecorder: The file cannot be imported:") and "Traceback" not in err
    assert err.count("\n") == 2, err  # the heading and one problem
    assert main(["list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # nothing was imported


def test_a_marking_too_long(
    ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*argv_for("export", tmp_path), "--marking", "M" * 256]
    err = one_sentence(capsys, argv, ready)
    assert "at most 255" in err
    assert not (tmp_path / "out").exists()
