"""Starting the app again brings the first window forward instead of a second writer."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cprecorder.ui.shell.single_instance import FirstInstance, ask_first_instance, server_name


def test_a_second_start_asks_the_first_to_come_forward(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path)
    assert not ask_first_instance(name)  # nobody is listening yet
    first = FirstInstance(name)
    assert first.listening
    with qtbot.waitSignal(first.raise_requested, timeout=3000):
        assert ask_first_instance(name)
    first.server.close()


def test_other_data_folders_do_not_meet(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
