"""The command line: global options first, plain tab-separated output, plain errors."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from cprecorder.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def where(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """The global options that point the command at the test's database."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        with server.database() as name:
            yield ["--db", server.url(name)]
        return
    yield ["--data-dir", str(tmp_path / "cli")]


@pytest.mark.both_backends
def test_demo_list_dump_import_verify(
    where: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *where, "demo") == (0, "1\n", "")
    code, out, _ = run(capsys, *where, "list")
    assert code == 0
    assert out.splitlines() == ["1\t2026-11-24 10:00\tinitial\tAshdown\tdraft"]
    dumped = tmp_path / "ashdown.json"
    assert run(capsys, *where, "dump", "1", "-o", str(dumped))[0] == 0
    assert json.loads(dumped.read_text(encoding="utf-8"))["conference"]["family_name"] == "Ashdown"
    code, out, err = run(capsys, *where, "import", str(dumped))
    assert (code, out) == (1, "") and "already here as conference 1" in err and "--as-copy" in err
    assert run(capsys, *where, "import", "--as-copy", str(dumped)) == (0, "2\n", "")
    code, out, _ = run(capsys, *where, "list", "maisie")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["2", "1"]
    code, out, _ = run(capsys, *where, "audit", "verify", "1")
    assert code == 0 and out.startswith("The audit trail is intact")


def test_db_option_takes_a_file_or_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "team.sqlite3"
    assert run(capsys, "--db", f"sqlite:///{db}", "demo")[0] == 0
    assert db.exists()
    code, out, _ = run(capsys, "--db", str(db), "list")
    assert code == 0 and "Ashdown" in out


def test_bad_json_is_a_plain_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1 and out == ""
    assert err.startswith("cprecorder: The file cannot be imported:")
    assert "line 1, column 2" in err
    assert "Traceback" not in err


def test_missing_conference(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dump", "42")
    assert code == 1 and "There is no conference 42" in err


def test_withdraw_takes_a_conference_off_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path / "cli")
    run(capsys, "--data-dir", folder, "demo")
    code, _, err = run(capsys, "--data-dir", folder, "withdraw", "1", "--reason", " ")
    assert code == 1 and "Say why" in err
    code, out, _ = run(capsys, "--data-dir", folder, "withdraw", "1", "--reason", "Made twice")
    assert code == 0 and "withdrawn" in out
    assert run(capsys, "--data-dir", folder, "list") == (0, "", "")
    code, out, _ = run(capsys, "--data-dir", folder, "audit", "verify", "1")
    assert code == 0 and out.startswith("The audit trail is intact")
    code, _, err = run(capsys, "--data-dir", folder, "withdraw", "1", "--reason", "again")
    assert code == 1 and "already withdrawn" in err


@pytest.mark.both_backends
def test_a_stale_set_is_refused_and_nothing_is_lost(
    where: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def value() -> tuple[int, str]:
        code, out, _ = run(capsys, *where, "get", "conference", "1", "chair_summary")
        assert code == 0
        first, _, rest = out.partition("\n")
        return int(first.removeprefix("revision ")), rest.rstrip("\n")

    run(capsys, *where, "demo")
    read_at, _ = value()
    saved = run(
        capsys,
        *where,
        "set",
        "conference",
        "1",
        "chair_summary",
        "Theirs.",
        "--based-on",
        str(read_at),
    )
    assert saved == (0, f"Saved: conference 1, chair_summary; revision {read_at + 1}.\n", "")
    code, out, err = run(
        capsys,
        *where,
        "set",
        "conference",
        "1",
        "chair_summary",
        "Mine.",
        "--based-on",
        str(read_at),
    )
    assert code == 1 and out == ""
    assert err.startswith("cprecorder: ") and "your words were not saved over theirs" in err
    assert f"Their words (revision {read_at + 1}):\n    Theirs.\n" in err
    kept = Path(err.split("Your words (kept in ", 1)[1].split("):", 1)[0])
    assert kept.read_text(encoding="utf-8") == "Mine."
    assert f"--based-on {read_at + 1} < {kept}" in err
    assert "Traceback" not in err
    assert value() == (read_at + 1, "Theirs.")

    monkeypatch.setattr("sys.stdin", io.StringIO(kept.read_text(encoding="utf-8")))
    keep_mine = ["set", "conference", "1", "chair_summary", "-", "--based-on", str(read_at + 1)]
    assert run(capsys, *where, *keep_mine)[0] == 0
    assert value() == (read_at + 2, "Mine.")
    both = ["set", "conference", "1", "chair_summary", "Also mine.", "--based-on", str(read_at)]
    assert run(capsys, *where, *both, "--both")[0] == 0
    assert value() == (read_at + 3, "Mine.\n\nAlso mine.")


def test_get_and_set_name_what_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    code, _, err = run(capsys, "get", "conference", "1", "colour")
    assert code == 1 and "A conference has no colour." in err
    code, _, err = run(capsys, "get", "action", "999", "what")
    assert code == 1 and "There is no action 999." in err
    code, _, err = run(capsys, "set", "parcel", "1", "what", "x")
    assert code == 1 and "There is no part of the record called 'parcel'" in err
