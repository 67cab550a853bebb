"""The illustrations a children's plan can use, shipped as PNGs in the resources.

The pictures are drawn as SVG in ``resources/illustrations/`` and rendered to PNG
by ``scripts/render_illustrations.py`` (which may use Qt; this package may not).
"""

from __future__ import annotations

import functools
import logging
from importlib import resources

log = logging.getLogger(__name__)

#: Key → the words a person picking pictures sees, in the order they are offered.
PICTURES: dict[str, str] = {
    "house": "Home",
    "people": "My safety people",
    "heart": "Love and feelings",
    "phone": "Phone someone",
    "school": "School",
    "calendar": "What happens when",
    "sun": "Good days",
    "star": "Well done",
}


def available_pictures() -> dict[str, str]:
    """Key → label of every picture a children's plan may show."""
    return dict(PICTURES)


@functools.cache
def picture_png(key: str) -> bytes | None:
    """The PNG of a picture, or None (and a log line) for a key we do not ship."""
    if key not in PICTURES:
        log.warning("The children's plan asks for a picture %r that does not exist.", key)
        return None
    entry = resources.files("cprecorder.resources").joinpath("illustrations", f"{key}.png")
    if not entry.is_file():
        log.warning("The picture %r is missing from the installed resources.", key)
        return None
    return entry.read_bytes()
