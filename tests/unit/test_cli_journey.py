"""The journey from the command line: review, core-group, journey, list --cases,
and the exports of a review and a core group."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.cli import main
from cprecorder.model import PlanType, Role
from cprecorder.queries import load_conference
from cprecorder.store import Store

POLICE_NOTE = "Police hold information from a third party"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_a_family_from_the_first_conference_to_a_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path / "data")
    assert run(capsys, "--data-dir", folder, "demo") == (0, "1\n", "")
    code, _, err = run(capsys, "--data-dir", folder, "review", "1")
    assert code == 1 and "signed-off" in err
    store = Store.open_sqlite(Path(folder) / "cprecorder.sqlite3")
    chair = Actor("Ruth Calloway", Role.CHAIR, "rcalloway")
    op.sign_off(store, actor=chair, conference_id=1, chair_name="Ruth Calloway")
    assert run(capsys, "--data-dir", folder, "core-group", "1", "--at", "2026-12-02T15:30") == (
        0,
        "2\n",
        "",
    )
    assert run(capsys, "--data-dir", folder, "core-group", "2", "--at", "2027-01-13")[1] == "3\n"
    code, out, _ = run(capsys, "--data-dir", folder, "review", "1")
    assert (code, out) == (0, "4\n")
    with store.read() as session:
        review = load_conference(session, 4)
        assert review.scheduled_at == dt.datetime(2027, 2, 24, 10)
        maisie, leo = review.children
        # Both children were on a plan: the review's scores start empty, last time's remain.
        assert not review.safety_scores
    for child, plan, categories in (
        (maisie, PlanType.CHILD_IN_NEED, None),
        (leo, PlanType.CHILD_PROTECTION, ["neglect"]),
    ):
        op.set_decision(
            store,
            actor=chair,
            conference_id=4,
            child_id=child.id,
            plan_type=plan,
            categories=categories,
            reasons="Agreed.",
        )
    for person_index, score in ((0, 7), (4, 6)):
        with store.read() as session:
            person = load_conference(session, 4).people[person_index]
        op.set_safety_score(
            store, actor=chair, conference_id=4, person_id=person.id, score=score, reason="Better."
        )
    store.close()

    code, out, _ = run(capsys, "--data-dir", folder, "list", "--cases")
    assert code == 0
    assert out.split("\t")[:5] == ["1", "Ashdown", "", "Maisie Ashdown, Leo Ashdown", "4 meetings"]
    code, out, _ = run(capsys, "--data-dir", folder, "journey", "1")
    lines = out.splitlines()
    assert lines[0].split("\t")[:4] == ["1", "2026-11-24", "initial", "signed_off"]
    assert lines[1].split("\t")[:4] == ["2", "2026-12-02", "core_group", "draft"]
    assert lines[3].split("\t")[:4] == ["4", "2027-02-24", "review", "draft"]
    assert "Maisie Ashdown: steps down to a child in need plan" in lines[3]
    assert "Leo Ashdown: child protection plan continues (neglect); at first: emotional" in lines[3]

    for kind in ("record", "family"):
        path = tmp_path / f"review-{kind}.docx"
        assert (
            run(capsys, "--data-dir", folder, "export", "4", "--as", kind, "-o", str(path))[0] == 0
        )
        text = text_of(path)
        assert "What has changed since the last conference" in text
        assert "Core group meetings since the last conference" in text
        assert "Scores over time" in text
        assert len(docx.Document(str(path)).inline_shapes) >= 1  # the chart
        assert (POLICE_NOTE in text) is (kind == "record")

    notes = tmp_path / "core-group-family.docx"
    assert (
        run(capsys, "--data-dir", folder, "export", "2", "--as", "family", "-o", str(notes))[0] == 0
    )
    text = text_of(notes)
    assert "Core group meeting notes" in text and POLICE_NOTE not in text
    ics = tmp_path / "core-group.ics"
    assert run(capsys, "--data-dir", folder, "calendar", "2", "-o", str(ics))[0] == 0
    assert "Core group meeting – Ashdown family" in ics.read_text(encoding="utf-8")


def test_journey_of_a_case_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "journey", "42")
    assert code == 1 and "There is no case 42." in err
