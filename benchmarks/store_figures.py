"""The store's figures, measured the same way on either backend (``bench_store`` on a
SQLite file, ``bench_team_server`` on a PostgreSQL server): opening it, the start view's
lists and search, and the autosave of one text field, each against a floor the backend
gives by hand (:class:`Floors`). Not a ``bench_`` module itself: each backend's runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.figure import Figure, median, percentile, time_ms

CONFERENCES = 10_000
BUDGET_MS = 100.0
REPEAT = 40

#: Invented surname parts; combined they give varied, fictional family names.
FRONTS = ["Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Ing", "Kel", "Lan", "Mor"]
BACKS = ["down", "ford", "well", "by", "wick", "ton", "ley", "croft", "more", "stead", "ham"]
FIRSTS = ["Maisie", "Leo", "Ava", "Noah", "Isla", "Alfie", "Ruby", "Theo", "Poppy", "Finn", "Ivy"]

#: The start view's lists and search: (figure, search, limit, what it is).
LISTS = (
    ("list_newest_200_p95", "", 200, "start view: newest 200 of 10,000"),
    ("list_all_p95", "", None, "every conference, newest first"),
    ("search_ash_p95", "ash", None, "family or child name containing 'ash'"),
)


@dataclass(frozen=True)
class Floors:
    """What the backend can do at best, by hand, never the application's own SQL."""

    #: ``store`` or ``server``: the figures' names begin with it.
    prefix: str
    #: A bare connect and one read.
    open_raw: Callable[[], None]
    #: The rows of the best query the indexes allow for a list or search (search, limit).
    listed_raw: Callable[[str, int | None], list[Any]]
    #: A bare UPDATE of the conference's chair summary to these words, and COMMIT.
    save_raw: Callable[[int, str], None]
    #: What the autosave's floor is, for its note.
    save_raw_is: str


@dataclass(frozen=True)
class Measured:
    figures: list[Figure]
    #: The 95th percentile of the bare save, a floor for further figures.
    save_raw_p95: float


def budget_note(p95: float, what: str) -> str:
    verdict = "ok" if p95 <= BUDGET_MS else "MISSED"
    return f"{what}; p95 {p95:.1f} ms against the {BUDGET_MS:.0f} ms budget: {verdict}"


def measure(url: str, floors: Floors) -> Measured:
    """Open, list, search and autosave through cprecorder, each against its floor."""
    from cprecorder.actor import Actor
    from cprecorder.operations import update
    from cprecorder.queries import list_conferences
    from cprecorder.store import Store

    figures: list[Figure] = []
    name = floors.prefix

    def open_store() -> None:
        Store(url).close()

    time_ms(open_store, 5)
    opened = percentile(time_ms(open_store, REPEAT), 95)
    floor = percentile(time_ms(floors.open_raw, REPEAT), 95)
    figures.append(
        Figure(f"{name}.open_p95", opened, floor, note=budget_note(opened, "Store(url) at head"))
    )

    store = Store(url)
    for figure, search, limit, what in LISTS:
        with store.read() as session:
            rows = len(list_conferences(session, search, limit))

        def listed(search: str = search, limit: int | None = limit) -> None:
            with store.read() as session:  # each refresh of the start view reads anew
                list_conferences(session, search, limit)

        def listed_raw(search: str = search, limit: int | None = limit) -> None:
            floors.listed_raw(search, limit)

        assert len(floors.listed_raw(search, limit)) == rows  # the same rows
        time_ms(listed, 3)
        time_ms(listed_raw, 3)
        value = percentile(time_ms(listed, REPEAT), 95)
        floor = percentile(time_ms(listed_raw, REPEAT), 95)
        figures.append(
            Figure(
                f"{name}.{figure}", value, floor, note=budget_note(value, f"{what}, {rows} rows")
            )
        )

    # Autosave: one text field of one conference, as the window saves a paragraph.
    actor = Actor.current("Benchmark")
    target = CONFERENCES // 2
    counter = iter(range(10**9))

    def autosave() -> None:
        update(
            store,
            actor=actor,
            entity="conference",
            entity_id=target,
            values={"chair_summary": f"The chair summed up, take {next(counter)}."},
        )

    def save_raw() -> None:
        floors.save_raw(target, f"The chair summed up, take {next(counter)}.")

    time_ms(autosave, 5)
    time_ms(save_raw, 5)
    saves: list[float] = []
    bare: list[float] = []
    for _ in range(REPEAT):  # interleaved, so a slow moment of the disk hits both
        saves += time_ms(autosave, 1)
        bare += time_ms(save_raw, 1)
    figures.append(
        Figure(
            f"{name}.autosave_median",
            median(saves),
            median(bare),
            target=2.0,
            note=f"operations.update of one text field vs {floors.save_raw_is}; "
            f"p95 {percentile(saves, 95):.1f} ms",
        )
    )
    store.close()
    return Measured(figures, percentile(bare, 95))
