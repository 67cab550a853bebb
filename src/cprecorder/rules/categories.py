"""Categories of a child protection plan, which differ between nations."""

from __future__ import annotations

from .nation import load_rules


def categories_for(nation: str) -> dict[str, str]:
    """Key → words, in the order the nation lists them."""
    return load_rules(nation).categories


def category_label(nation: str, key: str) -> str:
    return categories_for(nation).get(key, key.replace("_", " ").capitalize())


def category_word(nation: str, count: int) -> str:
    """ "Category" or "Categories" ("Area of concern" in Scotland), to head a list of ``count``."""
    rules = load_rules(nation)
    word = rules.category_is if count == 1 else rules.categories_are
    return word[:1].upper() + word[1:]
