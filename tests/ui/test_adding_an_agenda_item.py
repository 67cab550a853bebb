"""Adding an agenda item is one declaration and one pane module, with its export section.

The README's "Adding an agenda item", done in a test: a throw-away item is declared
(here, not in ``agenda/items.py``), its pane module and its section module are
dropped beside the others, and an authority's agenda file names it. Nothing else is
told: the agenda, the window and the exported record find it from the declaration.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

import by_keyboard
import cprecorder.export.sections as sections
import cprecorder.ui.panes as panes
from cprecorder.actor import Actor
from cprecorder.agenda import load_agenda
from cprecorder.agenda.items import AGENDA_ITEMS, KnownItem, index_declarations
from cprecorder.demo import demo_conference
from cprecorder.export.blocks import Bullets, Heading
from cprecorder.export.record import Audience, family_item_content, record_content
from cprecorder.interchange import import_conference
from cprecorder.queries import load_conference
from cprecorder.sharing import family_may_see
from cprecorder.store import Store

EDUCATION = KnownItem("education", "Education")

PANE_MODULE = """
from PySide6.QtWidgets import QLabel, QPushButton

from cprecorder.ui.panes.base import Pane


class EducationPane(Pane):
    key = "education"
    shows_names = frozenset({"child"})

    def build(self, conference, layout):
        box = self.section("Schools", layout, "Where each child goes to school.")
        for child in conference.children:
            box.addWidget(QLabel(f"{child.name}: school not yet recorded"))
        box.addWidget(QPushButton("Ask the school"))


PANE = EducationPane
"""

SECTION_MODULE = """
from cprecorder.export.blocks import Bullets


def section(s):
    return [Bullets(tuple(f"{c.name}: school not yet recorded" for c in s.c.children))]
"""

AGENDA_FILE = """
key = "with-education"
title = "Signs of Safety, with education"
extends = "signs-of-safety"

[[insert]]
after = "worries"
key = "education"
"""


@pytest.fixture
def education_declared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The item declared, its two modules in place; the agenda file that names it."""
    for package, source in ((panes, PANE_MODULE), (sections, SECTION_MODULE)):
        folder = tmp_path / package.__name__.rsplit(".", 1)[-1]
        folder.mkdir()
        (folder / "education.py").write_text(source, encoding="utf-8")
        monkeypatch.setattr(package, "__path__", [*package.__path__, str(folder)])
    index_declarations((*AGENDA_ITEMS, EDUCATION))
    panes.pane_keys.cache_clear()
    (tmp_path / "with-education.toml").write_text(AGENDA_FILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a conference names its agenda file in 80 characters
    try:
        yield Path("with-education.toml")
    finally:
        index_declarations()
        panes.pane_keys.cache_clear()
        for name in (f"{panes.__name__}.education", f"{sections.__name__}.education"):
            sys.modules.pop(name, None)


def test_a_declared_item_is_in_the_agenda_the_window_and_the_export(
    qtbot: QtBot, store: Store, actor: Actor, tmp_path: Path, education_declared: Path
) -> None:
    data = demo_conference()
    data["conference"]["agenda_key"] = str(education_declared)
    cid = import_conference(store, actor=actor, data=data)

    keys = [item.key for item in load_agenda(str(education_declared)).items]
    assert keys[keys.index("worries") + 1] == "education"
    assert family_may_see("education")

    window = by_keyboard.open_window(qtbot, store, actor, tmp_path / "settings.ini")
    window.open_conference(cid)
    view = window.view
    assert view is not None
    titles = [view.nav.item(row).text() for row in range(view.nav.count())]
    assert any(title.endswith("Education") for title in titles)
    for _ in range(view.keys.index("education") - view.keys.index(view.current_key())):
        by_keyboard.press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.current_key() == "education")
    pane = view.stack.currentWidget()
    assert pane is view.panes["education"] and type(pane).__name__ == "EducationPane"
    shown = [label.text() for label in pane.findChildren(QLabel) if label.isVisible()]
    assert "Leo Ashdown: school not yet recorded" in shown
    assert by_keyboard.focused().text() == "Ask the school"  # type: ignore[attr-defined]

    with store.read() as session:
        conference = load_conference(session, cid)
    school = Bullets(tuple(f"{c.name}: school not yet recorded" for c in conference.children))
    for audience in Audience:
        blocks = list(record_content(conference, audience).blocks)
        headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
        assert headings[headings.index("Worries and what's working well") + 1] == "Education"
        assert blocks[blocks.index(Heading("Education", 1)) + 1] == school
    assert family_item_content(conference, "education") == [Heading("Education", 1), school]
