"""Drive the real window on a virtual X screen, as a minute-taker types, and photograph it.

    .venv/bin/python scripts/live_typing.py OUTDIR [SCENARIO ...] [--delay MS] [--load N]

Starts Xvfb on a free display, starts ``cprecorder`` in a real (xcb) window with
its own data folder and a remembered minute-taker, types with ``xdotool`` at the
given delay between keys (200 ms is 300 characters a minute), takes a screenshot
of the whole screen after each step that names one (``import -window root``), and
writes ``OUTDIR/<scenario>.json``: the conference as saved, read back with
``cprecorder-cli dump``. Nothing is left running afterwards.

Each scenario is a list of steps: ``("key", "ctrl+n")``, ``("type", "words")``,
``("wait", seconds)``, ``("shot", "name")``, ``("window", "title")`` (wait, as a person
does, until a window of that title is on screen),
``("at once", [("key", "ctrl+n"), ("type", "Fenwick"), ...])`` (keys and words sent in
one go, nothing waited for between them, as a person types on without looking up), and
``("say", (where, "words"))``: words
typed that the saved record must hold, exactly, in the field ``where`` names (a
pattern over the dump's keys, ``*`` for any list index, as ``conference.people.*.name``);
``("expect", (where, value))`` checks a value the keys chose (a date, a score, a
choice). After the run every such phrase is looked up in the saved record and each
one missing or in another field is printed; the exit status is 1 if any is.
Without names, the ``conference`` scenario runs: a whole conference typed through
every agenda item. ``--load N`` keeps N busy processes running meanwhile (a loaded
machine: the dialog then takes longer to come up).
The packages come from ``scripts/install-system-deps.sh`` (xvfb, xdotool,
imagemagick and the xcb libraries).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from difflib import SequenceMatcher
from fnmatch import fnmatchcase as fnmatch
from pathlib import Path
from typing import cast

Step = tuple[str, object]

SCREEN = "1600x1000x24"
BIN = Path(sys.executable).parent
WINDOW_TITLE = "CP Recorder"


class LiveScreen:
    """A virtual screen with CP Recorder running on it."""

    def __init__(self, display: str, data_dir: Path, out: Path, delay_ms: int) -> None:
        self.display = display
        self.data_dir = data_dir
        self.out = out
        self.delay_ms = delay_ms
        self.env = {**os.environ, "DISPLAY": display}

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=120)
        return done.stdout

    def key(self, *keys: str) -> None:
        self.run("xdotool", "key", "--delay", "120", *keys)
        time.sleep(0.3)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", str(self.delay_ms), text)
        time.sleep(0.3)

    def at_once(self, steps: Sequence[Step]) -> None:
        """Keys and words one after the other, nothing waited for in between (``xdotool``
        returns once it has sent them): no window is looked at first."""
        for kind, value in steps:
            if kind == "key":
                self.run("xdotool", "key", "--delay", str(self.delay_ms), *str(value).split())
            elif kind == "type":
                self.run("xdotool", "type", "--delay", str(self.delay_ms), str(value))
            else:
                raise ValueError(f"only keys and words are sent at once, not {kind!r}")
        time.sleep(0.3)

    def shot(self, name: str) -> Path:
        path = self.out / f"{name}.png"
        self.run("import", "-window", "root", str(path))
        return path

    def steps(self, steps: Sequence[Step]) -> None:
        for kind, value in steps:
            if kind == "say":  # words typed, and where the record must keep them
                self.type(str(placed(value)[1]))
            elif kind == "expect":
                pass  # checked against the saved record afterwards
            elif kind == "key":
                self.key(*str(value).split())
            elif kind == "type":
                self.type(str(value))
            elif kind == "at once":
                self.at_once(cast("Sequence[Step]", value))
            elif kind == "wait":
                time.sleep(float(str(value)))
            elif kind == "window":  # a person waits until the window shows its cursor
                self.wait_for_window(str(value))
            elif kind == "shot":
                self.shot(str(value))
            else:
                raise ValueError(f"unknown step {kind!r}")

    def wait_for_window(self, title: str) -> None:
        """Until the window titled ``title`` is on screen and has the keyboard, as a person
        waits to see the dialog and its cursor before typing; says how long that took."""
        started = time.monotonic()
        try:
            self.run("xdotool", "search", "--sync", "--onlyvisible", "--name", title)
        except subprocess.TimeoutExpired:
            print(f"  no {title!r} window showed in 120 s")
            return
        shown = time.monotonic() - started
        while time.monotonic() - started < 30:
            focused = self.run("xdotool", "getwindowfocus", "getwindowname")
            if re.search(title, focused):
                break
            time.sleep(0.05)
        else:
            print(f"  the {title!r} window never took the keyboard")
        took = time.monotonic() - started
        print(f"  the {title!r} window showed after {shown:.1f} s, took the keys at {took:.1f} s")

    def cli(self, *args: str) -> str:
        command = [str(BIN / "cprecorder-cli"), "--data-dir", str(self.data_dir)]
        return subprocess.run(
            [*command, *args], env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def dump_all(self) -> list[object]:
        dumped = []
        for line in self.cli("list").splitlines():
            conference_id = line.split("\t", 1)[0]
            dumped.append(json.loads(self.cli("dump", conference_id)))
        return dumped


def wait_for_display(display: str) -> None:
    for _ in range(50):
        found = subprocess.run(
            ["xdotool", "getdisplaygeometry"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
        )
        if found.returncode == 0:
            return
        time.sleep(0.1)
    raise SystemExit(f"The virtual screen {display} did not start.")


@contextmanager
def live_screen(
    out: Path, delay_ms: int, *, demo: bool = False, named: bool = True
) -> Iterator[LiveScreen]:
    """CP Recorder started on a new virtual screen; ``named=False``: nobody is named yet
    (the first start), and the steps begin as soon as the window shows."""
    for tool in ("Xvfb", "xdotool", "import"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: run scripts/install-system-deps.sh")
    with tempfile.TemporaryDirectory(prefix="cpr-live-") as tmp:
        home = Path(tmp)
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stderr=(out / "xvfb-stderr.txt").open("w"),
        )
        os.close(write_end)
        number = b""
        while not number.endswith(b"\n"):  # Xvfb dies if the pipe closes before its newline
            chunk = os.read(read_end, 16)
            if not chunk:
                break
            number += chunk
        os.close(read_end)
        display = ":" + number.decode().strip()
        wait_for_display(display)
        config = home / "config" / "cprecorder"
        config.mkdir(parents=True)
        if named:
            (config / "cprecorder.conf").write_text(
                "[user]\nname=Gemma Stiles\nrole=minute_taker\n", encoding="utf-8"
            )
        data_dir = home / "data"
        screen = LiveScreen(display, data_dir, out, delay_ms)
        if demo:  # the fictional demo conference, opened from the start view with Enter
            screen.cli("demo")
        screen.env.update(
            {
                "QT_QPA_PLATFORM": "xcb",
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_DATA_HOME": str(home / "xdg-data"),
                "XDG_RUNTIME_DIR": str(home),
                "CPRECORDER_DATA_DIR": str(data_dir),
            }
        )
        app = subprocess.Popen(
            [str(BIN / "cprecorder"), "--data-dir", str(data_dir)],
            env=screen.env,
            stdout=subprocess.DEVNULL,
            stderr=(out / "app-stderr.txt").open("w"),
        )
        try:
            window = screen.run(
                "xdotool", "search", "--sync", "--onlyvisible", "--name", WINDOW_TITLE
            ).split()
            if window:
                screen.run("xdotool", "windowmove", window[0], "0", "0")
                screen.run("xdotool", "mousemove", "800", "500")
                screen.run("xdotool", "windowfocus", window[0])
            for _ in range(300 if named else 0):  # the store is opened after the first frame
                if (data_dir / "cprecorder.sqlite3").exists():
                    break
                time.sleep(0.1)
            time.sleep(3.0 if named else 0.0)
            yield screen
        finally:
            app.terminate()
            try:
                app.wait(timeout=15)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
            xvfb.terminate()
            xvfb.wait()


#: A new conference by keyboard alone, then the first agenda items typed as heard.
NEW_CONFERENCE: list[Step] = [
    ("shot", "01-start"),
    ("key", "ctrl+n"),
    ("wait", 1),
    ("shot", "02-new-conference"),
]

#: Problem 3: a date typed as people type it, into an action's date (the demo's first
#: action for the family), then Tab and the next words.
ACTION_DATE: list[Step] = [
    ("key", "Return"),
    ("wait", 3),
    ("key", "ctrl+f"),
    ("type", "Write the family safety plan"),
    ("key", "Return Escape"),
    ("key", "Tab Tab"),
    ("shot", "01-in-the-date"),
    ("type", "6/12/2026"),
    ("key", "Tab"),
    ("wait", 1.5),
    ("shot", "02-after-tab"),
    ("key", "alt+Down"),
    ("wait", 1),
    ("shot", "03-alt-down"),
    ("key", "Escape"),
]

#: Problem 4: a score typed into an empty score box, then "11".
SCORES: list[Step] = [
    ("key", "Return"),
    ("wait", 3),
    ("key", "alt+6"),
    ("wait", 2),
    ("shot", "01-safety-scale"),
]

#: Problem 1: after choosing a pane in the agenda list, where do typed letters go?
AGENDA_KEYS: list[Step] = [
    ("key", "Return"),
    ("wait", 3),
    ("key", "ctrl+Next"),
    ("wait", 1.5),
    ("type", "Grandmother visits daily"),
    ("wait", 1.5),
    ("shot", "01-typed-after-next-pane"),
]

#: Problem 8: F5 and zoom on the demo conference, photographed at once and later.
PRESENTATION: list[Step] = [
    ("key", "Return"),
    ("wait", 3),
    ("key", "F5"),
    ("shot", "01-just-after-f5"),
    ("wait", 6),
    ("shot", "02-six-seconds-later"),
    ("key", "ctrl+equal"),
    ("shot", "03-just-after-zoom"),
    ("wait", 6),
    ("shot", "04-six-seconds-later"),
]

#: Problems 8 and 11: a worry typed and marked professionals-only by keyboard, then F5
#: pressed twice in quick succession, as a person does when nothing seems to happen.
WORRIES: list[Step] = [
    ("wait", 5),  # keys pressed while "Opening your records…" shows are lost
    ("type", "Ash"),
    ("key", "Return Return"),  # to the list, then open the conference highlighted
    ("wait", 4),
    ("key", "alt+3"),
    ("wait", 1.5),
    ("key", "ctrl+End"),
    ("type", " The police shared their log of callouts."),
    ("key", "Tab"),
    ("wait", 0.5),
    ("shot", "01-after-tab"),
    ("key", "ctrl+End"),
    ("type", " Nana visits every day."),
    ("key", "ctrl+shift+o"),
    ("wait", 1.5),
    ("shot", "02-marked-professionals-only"),
    ("key", "F5 F5"),
    ("wait", 3),
    ("shot", "03-after-f5-twice"),
    ("type", " Typed on the shared screen."),
    ("wait", 1.5),
    ("shot", "04-typed-on-the-shared-screen"),
    ("key", "F5"),
    ("wait", 3),
    ("shot", "05-back-to-normal"),
]


def say(where: str, words: str) -> Step:
    return ("say", (where, words))


def expect(where: str, value: object) -> Step:
    return ("expect", (where, value))


def tabs(count: int) -> Step:
    return ("key", " ".join(["Tab"] * count))


C = "conference."
#: A whole fictional conference typed with the keyboard alone, every agenda item in
#: turn, as a minute-taker hears it: the new-conference dialog, rows added with Enter,
#: dates typed as people write them, scores, choices by their first letters, an action
#: owner nobody listed yet, a worry marked professionals-only, the review panel opened
#: and closed, F5 on and off and a zoom step in the middle of a sentence, and a dialog
#: opened and closed between the words of one item.
CONFERENCE: list[Step] = [
    ("shot", "00-start"),
    ("key", "ctrl+n"),
    ("window", "New conference"),
    say(C + "family_name", "Fenwick"),
    ("key", "Tab"),
    ("type", "Poppy Fenwick"),
    ("key", "Return"),
    ("type", "Alfie Fenwick"),
    tabs(2),  # the kind stays an initial conference; into the date
    ("type", "1/12/26"),
    ("key", "Tab"),
    ("type", "2pm"),
    tabs(2),  # how held stays Teams
    say(C + "chair", "Ivo Marsh"),
    ("shot", "01-new-conference"),
    ("key", "Return"),
    ("window", "Fenwick"),
    expect(C + "children.*.first_name", "Poppy"),
    expect(C + "children.*.first_name", "Alfie"),
    expect(C + "scheduled_at", "2026-12-01T14:00:00"),
    # 1. Before the meeting: the cursor is in its first field.
    say(C + "pre_meeting_notes", "Ivo met Nadia at half past one and explained the day."),
    ("key", "Tab"),
    ("type", "17/11/26"),
    expect(C + "strategy_discussion_on", "2026-11-17"),
    ("key", "Tab"),
    say(C + "interpreter_language", "Polish"),
    ("key", "Tab"),
    say(C + "equality_notes", "Nadia reads best in large print."),
    ("key", "Tab"),
    say(C + "observers", "A student social worker, agreed by Nadia."),
    ("shot", "02-before"),
    # 2. Family and network: dates of birth, the people, attendance.
    ("key", "ctrl+Next"),
    ("wait", 1),
    tabs(4),
    ("type", "14/3/19"),
    expect(C + "children.*.date_of_birth", "2019-03-14"),
    ("key", "Tab"),
    say(C + "children.*.gender", "Girl"),
    ("key", "Tab"),
    say(C + "children.*.ethnicity", "White British"),
    ("key", "Tab"),
    say(C + "children.*.language", "English"),
    ("key", "Tab"),
    say(C + "children.*.needs", "Eczema cream twice a day"),
    tabs(6),  # past the lead social worker, into Alfie's date of birth
    ("type", "2/8/23"),
    expect(C + "children.*.date_of_birth", "2023-08-02"),
    ("key", "Tab"),
    say(C + "children.*.gender", "Boy"),
    ("key", "Tab"),
    say(C + "children.*.ethnicity", "Mixed White and Black Caribbean"),
    ("key", "Tab"),
    say(C + "children.*.language", "English and Polish"),
    ("key", "Tab"),
    say(C + "children.*.needs", "Waiting for speech therapy"),
    tabs(3),  # lead social worker, "+ Add a child", "+ Add a family or network member"
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "people.*.name", "Nadia Fenwick"),
    tabs(2),
    say(C + "people.*.role", "Mother"),
    ("key", "Tab"),
    say(C + "people.*.relationships.*.relationship_to_child", "Birth mother"),
    ("key", "Tab"),
    say(C + "people.*.relationships.*.relationship_to_child", "Mum"),
    tabs(2),
    say(C + "people.*.known_as", "Mummy"),
    ("key", "Tab"),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "people.*.name", "Maureen Fenwick"),
    ("key", "Tab"),
    ("type", "n"),  # network
    expect(C + "people.*.kind", "network"),
    ("key", "Tab"),
    say(C + "people.*.role", "Maternal grandmother"),
    ("key", "Tab"),
    say(C + "people.*.relationships.*.relationship_to_child", "Grandmother"),
    ("key", "Tab"),
    say(C + "people.*.relationships.*.relationship_to_child", "Nan"),
    tabs(2),
    say(C + "people.*.known_as", "Nanna Maureen"),
    ("shot", "03-family-network"),
    tabs(2),  # "+ Add a family or network member", "+ Add a professional"
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "people.*.name", "Bethan Lloyd"),
    tabs(2),
    say(C + "people.*.role", "Social worker"),
    ("key", "Tab"),
    say(C + "people.*.agency", "Northshire Children's Services"),
    ("key", "Tab"),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "people.*.name", "Hollie Grant"),
    tabs(2),
    say(C + "people.*.role", "Health visitor"),
    ("key", "Tab"),
    say(C + "people.*.agency", "Northshire Community Health"),
    ("key", "Tab"),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "people.*.name", "Tom Reade"),
    tabs(2),
    say(C + "people.*.role", "Detective constable"),
    ("key", "Tab"),
    say(C + "people.*.agency", "Northshire Police"),
    tabs(3),  # "+ Add a professional", the inquorate reason, Nadia's attendance
    ("type", "p"),
    expect(C + "people.*.attendance", "present"),
    ("key", "Tab"),
    ("type", "v"),
    expect(C + "people.*.joined_by", "video"),
    ("key", "Tab"),  # Maureen is here too, in person
    ("type", "p"),
    ("key", "Tab"),
    ("type", "i"),
    expect(C + "people.*.joined_by", "in_person"),
    ("shot", "04-family-attendance"),
    # 3. Worries: items added with Enter, a zoom step mid-sentence, one professionals-only.
    ("key", "ctrl+Next"),
    ("wait", 1),
    say(C + "reason_for_conference", "Poppy told her teacher she was scared at home."),
    ("key", "Tab"),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "worries.*.text", "Police were called twice in October."),
    ("key", "Return"),
    ("wait", 0.5),
    ("type", "Nadia moved house "),
    ("key", "ctrl+equal"),
    ("type", "three times this year."),
    expect(C + "worries.*.text", "Nadia moved house three times this year."),
    ("shot", "05-worries-zoomed"),
    ("key", "ctrl+minus"),
    tabs(4),  # said by, professionals only, "+ Add" here, "+ Add" to past harm
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "worries.*.text", "Poppy had a bruise on her arm in September."),
    tabs(4),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "worries.*.text", "The police log names a visitor who is a risk."),
    ("key", "ctrl+shift+o"),
    ("wait", 0.5),
    expect(C + "worries.*.confidential", True),
    ("shot", "06-worry-professionals-only"),
    tabs(4),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "worries.*.text", "Nadia is waiting for help with low mood."),
    tabs(4),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "worries.*.text", "Poppy goes to school every day."),
    tabs(4),
    ("key", "Return"),
    ("wait", 0.5),
    ("type", "Nanna Maureen collects the children"),
    ("key", "ctrl+e"),  # the export dialog opened and closed mid-sentence
    ("window", "Export"),
    ("shot", "07-export-dialog"),
    ("key", "Escape"),
    ("window", "Fenwick"),
    ("type", " every weekday."),
    expect(C + "worries.*.text", "Nanna Maureen collects the children every weekday."),
    ("shot", "08-worries"),
    # 4. Involvement: a participation code chosen by typing it.
    ("key", "ctrl+Next"),
    ("wait", 1),
    say(C + "children.*.views", "I like it when Nanna does my hair."),
    ("key", "Tab"),
    ("type", "pn5"),
    expect(C + "children.*.participation", "PN5"),
    ("key", "Tab"),
    say(C + "children.*.participation_notes", "Poppy talked to Bethan at school."),
    ("key", "Tab"),
    say(C + "children.*.views", "Alfie said he likes his red bike."),
    ("key", "Tab"),
    ("type", "pn0"),
    expect(C + "children.*.participation", "PN0"),
    ("key", "Tab"),
    say(C + "children.*.participation_notes", "Alfie is three."),
    ("key", "Tab"),
    say(C + "people.*.views", "Nadia wants help and does not want the police called."),
    ("shot", "09-involvement"),
    # 5. A danger statement with its goal and a score.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "danger_statements.*.statement", "Bethan is worried Poppy will be hurt again."),
    ("key", "Tab"),
    say(C + "danger_statements.*.safety_goal", "Poppy is safe and knows who to call."),
    ("key", "Tab"),
    say(C + "danger_statements.*.goal_timescale", "Six months"),
    ("key", "Tab"),
    ("type", "4"),
    expect(C + "danger_statements.*.scores.*.score", 4),
    ("key", "Tab"),
    say(C + "danger_statements.*.scores.*.reason", "Nadia says the visitor has gone."),
    ("shot", "10-danger"),
    # 6. The safety scale, F5 on and off in the middle of a reason.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("type", "6"),
    expect(C + "safety_scores.*.score", 6),
    ("key", "Tab"),
    ("type", "Nadia has asked "),
    ("key", "F5"),
    ("wait", 1),
    ("type", "for help herself "),
    ("shot", "11-safety-presenting"),
    ("key", "F5"),
    ("wait", 1),
    ("type", "this month."),
    expect(C + "safety_scores.*.reason", "Nadia has asked for help herself this month."),
    ("key", "Tab"),
    say(C + "safety_scores.*.one_point_up", "Nadia keeps the visitor away for a month."),
    ("key", "Tab"),
    ("type", "8"),
    expect(C + "safety_scores.*.score", 8),
    ("key", "Tab"),
    say(C + "safety_scores.*.reason", "Maureen sees the children every day."),
    ("shot", "12-safety-scale"),
    # 7. The decision: a plan and its category chosen by keys.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("type", "c"),
    ("wait", 0.5),
    expect(C + "children.*.decision.plan_type", "child_protection"),
    ("key", "Tab"),
    ("key", "space"),
    expect(C + "children.*.decision.categories.*", "physical_abuse"),
    tabs(4),
    say(C + "children.*.decision.reasons", "Poppy was hurt and is frightened at home."),
    ("shot", "13-decision"),
    # 8. The plan: steps added with Enter, Ctrl+Enter in the middle of one, a timeline date.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "plan_items.*.text", "The visitor does not come to the house."),
    ("key", "Return"),
    ("wait", 0.5),
    ("type", "Nadia rings Bethan"),
    ("key", "ctrl+Return"),
    ("type", "if he comes."),
    expect(C + "plan_items.*.text", "Nadia rings Bethan\nif he comes."),
    ("shot", "14-ctrl-enter"),
    tabs(2),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "plan_items.*.text", "Poppy and Alfie are never left with the visitor."),
    tabs(2),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "timeline.*.what", "Nadia starts the parenting course"),
    ("key", "Tab"),
    ("type", "6/12/26"),
    ("key", "Tab"),
    expect(C + "timeline.*.by_when", "2026-12-06"),
    ("shot", "15-plan"),
    # 9. Who is in the plan: a person chosen by typing the name.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "Return"),
    ("wait", 0.5),
    ("type", "maureen"),
    ("key", "Tab"),
    say(C + "plan_network.*.part", "Takes the children to school on weekdays."),
    ("shot", "16-plan-network"),
    # 10. Plan rules, with the review panel opened and closed mid-sentence.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "plan_rules.*.behaviour", "The visitor coming to the house"),
    ("key", "Tab"),
    say(C + "plan_rules.*.working_well", "Nadia has told him to stay away."),
    ("key", "Tab"),
    say(C + "plan_rules.*.triggers", "Payday weekends"),
    ("key", "Tab"),
    say(C + "plan_rules.*.red_flags", "His car outside the flat"),
    ("key", "Tab"),
    ("type", "Nadia calls Maureen "),
    ("key", "ctrl+r"),
    ("wait", 1),
    ("shot", "17-review-panel"),
    ("key", "ctrl+r"),
    ("wait", 1),
    ("type", "and the police."),
    expect(C + "plan_rules.*.contingency", "Nadia calls Maureen and the police."),
    ("shot", "18-plan-rules"),
    # 11. Showing the plan works: ticks by Space, a date, a way chosen by its letter.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "space"),
    expect(C + "childrens_version_made", True),
    ("key", "Tab"),
    say(C + "childrens_version_made_with", "Bethan and Poppy"),
    ("key", "Tab"),
    ("key", "space"),
    ("key", "Tab"),
    ("type", "8/12/26"),
    expect(C + "childrens_version_shared_on", "2026-12-08"),
    ("key", "Tab"),
    ("key", "Return"),
    ("wait", 0.5),
    ("type", "w"),
    expect(C + "demonstration_methods.*.method", "whatsapp_group"),
    ("key", "Tab"),
    say(C + "demonstration_methods.*.details", "Nadia, Maureen and Bethan in one group."),
    ("shot", "19-demonstrating"),
    # 12. Actions: an owner from the conference and one nobody listed, dates as written.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "actions.*.what", "Visit Poppy and Alfie every two weeks."),
    ("key", "Tab"),
    ("type", "Bethan Lloyd"),
    ("key", "Tab"),
    ("type", "6/12/26"),
    ("key", "Tab"),
    expect(C + "actions.*.due_on", "2026-12-06"),
    tabs(3),  # status, move to the other list, "+ Add" here; into "+ Add" for the family
    ("key", "Return"),
    ("wait", 0.5),
    say(C + "actions.*.what", "Take Poppy to the dentist."),
    ("key", "Tab"),
    ("type", "Paul Whitmore"),
    ("key", "Tab"),
    ("type", "15/1/27"),
    ("key", "Tab"),
    expect(C + "actions.*.due_on", "2027-01-15"),
    expect(C + "people.*.name", "Paul Whitmore"),
    ("shot", "20-actions"),
    # 13. Core group: the proposed date taken with its Alt key, notes, the review date.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "alt+u"),
    ("wait", 0.5),
    expect(C + "core_group_meetings.*.meets_on", "2026-12-08"),
    ("key", "Tab"),
    say(C + "core_group_meetings.*.notes", "At the family centre, ten o'clock."),
    tabs(2),
    ("type", "1/3/27"),
    ("key", "Tab"),
    expect(C + "review_conference_on", "2027-03-01"),
    ("shot", "21-core-group"),
    # 14. Professionals only: a long note typed at speed.
    ("key", "ctrl+Next"),
    ("wait", 1),
    ("key", "Return"),
    ("wait", 0.5),
    say(
        C + "professionals_only.*.text",
        "The police hold intelligence that the visitor was cautioned for assault in 2024;"
        " it must not be shared with Nadia because it came from a third party.",
    ),
    ("key", "Tab"),
    say(C + "professionals_only.*.source", "Northshire Police intelligence unit"),
    ("shot", "22-professionals-only"),
    # 15. The chair's summary and decision statement.
    ("key", "ctrl+Next"),
    ("wait", 1),
    say(
        C + "chair_summary",
        "Everyone agreed that Poppy and Alfie are loved and that Nanna Maureen is a"
        " real strength. The worry is the visitor and what Poppy has seen at home.",
    ),
    ("key", "Tab"),
    say(C + "decision_statement", "Poppy will have a child protection plan for physical abuse."),
    ("shot", "23-summary"),
    ("key", "ctrl+s"),
    ("wait", 2),
    ("key", "ctrl+q"),
    ("wait", 3),
]


#: Keys typed before a dialog is on screen: Ctrl+N, then at once (nothing waits for the
#: dialog) the family name, Tab and the children, as a minute-taker types on without
#: looking up; the rest once the dialog shows, and Start recording must open the record.
TYPED_AHEAD: list[Step] = [
    ("shot", "00-start"),
    (
        "at once",
        [
            ("key", "ctrl+n"),
            ("type", "Fenwick"),
            ("key", "Tab"),
            ("type", "Poppy Fenwick"),
        ],
    ),
    ("window", "New conference"),
    ("shot", "01-typed-ahead"),
    expect(C + "family_name", "Fenwick"),
    expect(C + "children.*.first_name", "Poppy"),
    tabs(5),  # kind, date, time, how held: into the chair
    say(C + "chair", "Ivo Marsh"),
    ("key", "Return"),
    ("window", "Fenwick"),
    ("type", "Ivo met Nadia before the meeting."),
    ("shot", "02-recording"),
    ("at once", [("key", "ctrl+e"), ("key", "Escape")]),
    ("window", "Fenwick"),
    ("type", " She came with Maureen."),
    expect(C + "pre_meeting_notes", "Ivo met Nadia before the meeting. She came with Maureen."),
    ("shot", "03-after-export"),
    ("key", "ctrl+s"),
    ("wait", 2),
    ("key", "ctrl+q"),
    ("wait", 3),
]


#: A new conference typed ahead by its Alt+letters (the chair's name, the family's, the
#: children), then the hand-over answered with Y before its question shows: what the
#: questions scenarios do once someone is named (``name``, written into the dialog).
def named_then_asked(name: str) -> list[Step]:
    return [
        (
            "at once",
            [
                ("key", "ctrl+n"),
                ("key", "alt+c"),
                ("type", "Ivo Marsh"),
                ("key", "alt+f"),
                ("type", "Fenwick"),
                ("key", "alt+h"),
                ("type", "Poppy Fenwick"),
                ("key", "alt+f Return"),  # Enter in the family name starts the recording
            ],
        ),
        ("window", "Fenwick"),
        ("shot", "02-recording"),
        expect(C + "family_name", "Fenwick"),
        expect(C + "chair", "Ivo Marsh"),
        expect(C + "children.*.first_name", "Poppy"),
        expect(C + "minute_taker", name),
        say(C + "pre_meeting_notes", "Ivo met Nadia before the meeting."),
        ("key", "ctrl+s"),
        ("wait", 1),
        ("at once", [("key", "alt+r"), ("key", "h"), ("key", "y")]),  # Record → Hand over, Yes
        ("wait", 2),
        ("shot", "03-handed-over"),
        expect(C + "status", "in_review"),
        ("key", "ctrl+q"),
        ("wait", 3),
    ]


#: The very first start, nobody named yet: the name, Tab and the role typed at once as
#: the window appears ("Opening your records…"), before "Who is using CP Recorder?" is on
#: screen; Enter once it shows (the records take a while to be made the first time).
FIRST_START: list[Step] = [
    ("at once", [("type", "Tamsin Hale"), ("key", "Tab"), ("type", "m")]),
    ("shot", "00-opening"),
    ("window", "Who is using CP Recorder"),
    ("shot", "01-typed-while-opening"),
    ("key", "Return"),
    ("wait", 2),
    *named_then_asked("Tamsin Hale"),
]

#: File → Who is using CP Recorder…, and the new name typed on at once.
WHO_AHEAD: list[Step] = [
    ("shot", "00-start"),
    (
        "at once",
        [("key", "alt+f"), ("key", "w"), ("key", "ctrl+a"), ("type", "Tamsin Hale")],
    ),
    ("key", "Return"),
    ("wait", 2),
    ("shot", "01-named"),
    *named_then_asked("Tamsin Hale"),
]


def leaves(value: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, object]]:
    """Every value in a dump, with its path (``conference.people.*.name``)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, (*path, str(key)))
    elif isinstance(value, list):
        for inner in value:
            yield from leaves(inner, (*path, "*"))
    else:
        yield ".".join(path), value


def placed(value: object) -> tuple[str, object]:
    """A ``say`` or ``expect`` step's value: where, and what."""
    return cast("tuple[str, object]", value)


def within(wanted: object, held: object) -> bool:
    """Whether a value holds the phrase (a short word only as the whole value)."""
    if not isinstance(wanted, str) or not isinstance(held, str):
        return False
    return held == wanted or (len(wanted) > 12 and wanted in held)


def typed_characters(steps: Sequence[Step]) -> int:
    """Characters typed (words and the letters that choose), not counting named keys."""
    count = 0
    for kind, value in steps:
        if kind == "type":
            count += len(str(value))
        elif kind == "at once":
            count += typed_characters(cast("Sequence[Step]", value))
        elif kind == "say":
            count += len(str(placed(value)[1]))
    return count


def check(saved: Sequence[object], steps: Sequence[Step]) -> list[str]:
    """Each phrase typed that the saved record does not hold where it was typed, in words."""
    found = [(path, value) for record in saved for path, value in leaves(record)]
    problems = []
    for kind, value in steps:
        if kind not in ("say", "expect"):
            continue
        where, wanted = placed(value)
        if any(fnmatch(path, where) and held == wanted for path, held in found):
            continue
        if kind == "expect":
            held_there = sorted({repr(held) for path, held in found if fnmatch(path, where)})
            problems.append(f"{where} never became {wanted!r} (it holds {', '.join(held_there)})")
            continue
        elsewhere = [path for path, held in found if within(wanted, held)]
        if elsewhere and not any(fnmatch(path, where) for path in elsewhere):
            problems.append(f"MISPLACED {wanted!r}: typed into {where}, saved in {elsewhere}")
            continue
        there = [str(held) for path, held in found if fnmatch(path, where) and held]
        nearest = max(
            there, key=lambda held: SequenceMatcher(None, held, str(wanted)).ratio(), default=""
        )
        problems.append(f"MISSING {wanted!r} in {where} (nearest there: {nearest!r})")
    return problems


SCENARIOS: dict[str, list[Step]] = {
    "conference": CONFERENCE,
    "new-conference": NEW_CONFERENCE,
    "action-date": ACTION_DATE,
    "scores": SCORES,
    "agenda-keys": AGENDA_KEYS,
    "presentation": PRESENTATION,
    "worries": WORRIES,
    "typed-ahead": TYPED_AHEAD,
    "first-start": FIRST_START,
    "who-ahead": WHO_AHEAD,
}
#: Scenarios that start from the demo conference.
ON_THE_DEMO = {"action-date", "scores", "agenda-keys", "presentation", "worries"}
#: Scenarios that start with nobody named, typing from the moment the window shows.
UNNAMED = {"first-start"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("scenarios", nargs="*", default=["conference"])
    parser.add_argument("--delay", type=int, default=30, help="milliseconds between keys")
    parser.add_argument("--load", type=int, default=0, help="busy processes meanwhile")
    args = parser.parse_args(argv)
    failed = False
    with busy(args.load):
        for name in args.scenarios:
            failed = run_scenario(args.out, name, args.delay) or failed
    return 1 if failed else 0


@contextmanager
def busy(count: int) -> Iterator[None]:
    """``count`` processes spinning on the CPU for as long as the block runs."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()


def run_scenario(root: Path, name: str, delay: int) -> bool:
    """One scenario on its own screen; whether something typed was not saved where typed."""
    out = root / name
    out.mkdir(parents=True, exist_ok=True)
    with live_screen(out, delay, demo=name in ON_THE_DEMO, named=name not in UNNAMED) as screen:
        screen.steps(SCENARIOS[name])
        saved = screen.dump_all()
    (out / "saved.json").write_text(json.dumps(saved, indent=2, ensure_ascii=False))
    print(f"{name}: {len(saved)} conference(s) saved; screenshots in {out}")
    steps = SCENARIOS[name]
    phrases = sum(1 for kind, _value in steps if kind in ("say", "expect"))
    problems = check(saved, steps)
    for problem in problems:
        print(f"  {problem}")
    print(
        f"{name}: {typed_characters(steps)} characters typed at {delay} ms a key;"
        f" {phrases - len(problems)} of {phrases} phrases and choices saved where typed"
    )
    return bool(problems)


if __name__ == "__main__":
    raise SystemExit(main())
