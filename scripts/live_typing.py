"""Drive the real window on a virtual X screen, as a minute-taker types, and photograph it.

    .venv/bin/python scripts/live_typing.py OUTDIR [SCENARIO ...] [--delay MS]

Starts Xvfb on a free display, starts ``cprecorder`` in a real (xcb) window with
its own data folder and a remembered minute-taker, types with ``xdotool`` at the
given delay between keys (200 ms is 300 characters a minute), takes a screenshot
of the whole screen after each step that names one (``import -window root``), and
writes ``OUTDIR/<scenario>.json``: the conference as saved, read back with
``cprecorder-cli dump``. Nothing is left running afterwards.

Each scenario is a list of steps: ``("key", "ctrl+n")``, ``("type", "words")``,
``("wait", seconds)``, ``("shot", "name")``. Without names, every scenario runs.
The packages come from ``scripts/install-system-deps.sh`` (xvfb, xdotool,
imagemagick and the xcb libraries).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

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

    def shot(self, name: str) -> Path:
        path = self.out / f"{name}.png"
        self.run("import", "-window", "root", str(path))
        return path

    def steps(self, steps: Sequence[Step]) -> None:
        for kind, value in steps:
            if kind == "key":
                self.key(*str(value).split())
            elif kind == "type":
                self.type(str(value))
            elif kind == "wait":
                time.sleep(float(str(value)))
            elif kind == "shot":
                self.shot(str(value))
            else:
                raise ValueError(f"unknown step {kind!r}")

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
def live_screen(out: Path, delay_ms: int, *, demo: bool = False) -> Iterator[LiveScreen]:
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
            for _ in range(300):  # the store is opened after the first frame
                if (data_dir / "cprecorder.sqlite3").exists():
                    break
                time.sleep(0.1)
            time.sleep(3.0)
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

SCENARIOS: dict[str, list[Step]] = {
    "new-conference": NEW_CONFERENCE,
    "action-date": ACTION_DATE,
    "scores": SCORES,
    "agenda-keys": AGENDA_KEYS,
    "presentation": PRESENTATION,
    "worries": WORRIES,
}
#: Scenarios that start from the demo conference.
ON_THE_DEMO = {"action-date", "scores", "agenda-keys", "presentation", "worries"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("scenarios", nargs="*", default=sorted(SCENARIOS))
    parser.add_argument("--delay", type=int, default=30, help="milliseconds between keys")
    args = parser.parse_args(argv)
    for name in args.scenarios:
        out = args.out / name
        out.mkdir(parents=True, exist_ok=True)
        with live_screen(out, args.delay, demo=name in ON_THE_DEMO) as screen:
            screen.steps(SCENARIOS[name])
            saved = screen.dump_all()
        (out / "saved.json").write_text(json.dumps(saved, indent=2, ensure_ascii=False))
        print(f"{name}: {len(saved)} conference(s) saved; screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
