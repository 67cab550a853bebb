"""The procedural rules of one nation, read from ``resources/rules/<nation>.toml``."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..errors import KnownError

DEFAULT_NATION = "england"


class RulesFormatError(KnownError):
    """A rules file that cannot be used."""


@dataclass(frozen=True)
class NationRules:
    nation: str
    title: str
    holidays_subdivision: str
    deadlines: dict[str, int]
    categories: dict[str, str]
    categories_are: str = "categories"
    #: The same word for one ("category", "area of concern").
    category_is: str = "category"
    #: Words that name children's social care, compared after normalising (see
    #: :mod:`cprecorder.rules.quoracy`); that agency does not count towards quoracy.
    social_care_names: tuple[str, ...] = ()

    def deadline(self, key: str) -> int:
        return self.deadlines[key]


def available_nations() -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in resources.files("cprecorder.resources").joinpath("rules").iterdir():
        if entry.name.endswith(".toml"):
            rules = load_rules(entry.name.removesuffix(".toml"))
            found[rules.nation] = rules.title
    return found


@functools.cache
def load_rules(nation: str = DEFAULT_NATION) -> NationRules:
    entry = resources.files("cprecorder.resources").joinpath("rules", f"{nation}.toml")
    if not entry.is_file():
        raise RulesFormatError(f"There are no rules for {nation!r}.")
    try:
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        return NationRules(
            nation=str(data["nation"]),
            title=str(data["title"]),
            holidays_subdivision=str(data["holidays_subdivision"]),
            deadlines={str(k): int(v) for k, v in data["deadlines"].items()},
            categories={str(k): str(v) for k, v in data["categories"].items()},
            categories_are=str(data.get("categories_are", "categories")),
            category_is=str(data.get("category_is", "category")),
            social_care_names=tuple(
                str(name) for name in data.get("quoracy", {}).get("social_care_names", ())
            ),
        )
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise RulesFormatError(f"The rules for {nation} cannot be read: {exc}") from exc
