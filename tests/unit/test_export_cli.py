"""``cprecorder export``: every document from the command line, and plain errors."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cprecorder.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    data = str(tmp_path / "cli")
    assert run(capsys, "--data-dir", data, "demo") == (0, "1\n", "")
    return data


@pytest.mark.parametrize(
    ("kind", "first_line"),
    [
        ("record", "Child protection conference record"),
        ("family", "Child protection conference record"),
        ("children", "Maisie's plan"),
        ("summary", "Plan summary"),
    ],
)
def test_export_each_kind(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, first_line: str
) -> None:
    target = tmp_path / f"{kind}.docx"
    code, out, err = run(
        capsys, "--data-dir", folder, "export", "1", "--as", kind, "-o", str(target)
    )
    # Leo's plan was never written for him: said, and the document still written.
    unwritten = "Leo's plan has not been written for Leo yet" if kind == "children" else ""
    assert code == 0
    assert err.startswith(unwritten) if unwritten else err == ""
    assert out == f"{target}\n"
    assert docx.Document(str(target)).paragraphs[0].text == first_line


def test_export_one_childs_plan_with_a_marking(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "leo.docx"
    code, _, err = run(
        capsys,
        "--data-dir", folder, "export", "1", "--as", "children", "--child", " leo ",
        "--marking", "OFFICIAL", "-o", str(target),
    )  # fmt: skip
    assert code == 0
    assert err.startswith("Leo's plan has not been written for Leo yet")
    document = docx.Document(str(target))
    titles = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Title"
    ]
    assert titles == ["Leo's plan"]
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"

    full_name = tmp_path / "maisie.docx"
    assert run(
        capsys, "--data-dir", folder, "export", "1", "--as", "children",
        "--child", "MAISIE ASHDOWN", "-o", str(full_name),
    )[0] == 0  # fmt: skip


def test_bad_child_name_lists_the_children(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.docx"
    code, out, err = run(
        capsys, "--data-dir", folder, "export", "1", "--as", "children",
        "--child", "Bob", "-o", str(target),
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err == (
        "cprecorder: There is no child called 'Bob' in this record. "
        "The children are: Maisie Ashdown, Leo Ashdown.\n"
    )
    assert not target.exists()


def test_child_with_another_kind_and_missing_conference_are_plain_errors(
    folder: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(tmp_path / "x.docx")
    code, _, err = run(
        capsys, "--data-dir", folder, "export", "1", "--as", "summary", "--child", "Leo",
        "-o", target,
    )  # fmt: skip
    assert code == 1 and "--child only applies to the children's plan" in err
    code, _, err = run(capsys, "--data-dir", folder, "export", "7", "--as", "record", "-o", target)
    assert code == 1 and err == "cprecorder: There is no conference 7.\n"
    assert "Traceback" not in err


def test_unknown_kind_is_refused_by_the_parser(
    folder: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", folder, "export", "1", "--as", "minutes", "-o", "x.docx"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'minutes'" in capsys.readouterr().err
