"""Column types shared by the tables of the record."""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Enum as SAEnum


def vocabulary(kind: type[enum.Enum]) -> SAEnum:
    """Store a vocabulary by its value, as plain text without a CHECK constraint.

    Plain text lets a later version add a word without rebuilding the table;
    the ORM still refuses values outside the vocabulary.
    """

    def values(members: Any) -> list[str]:
        return [m.value for m in members]

    return SAEnum(
        kind,
        values_callable=values,
        native_enum=False,
        create_constraint=False,
        validate_strings=True,
        length=32,
    )
