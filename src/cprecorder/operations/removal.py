"""What goes with an item removed from the record, kept so that putting it back is whole.

Removing a child takes the child's plan and decision, the family's links to the child
and the links of the views and dissents about them; removing a person takes their
scores and links, and leaves the actions they owned without an owner. Ctrl+Alt+Z puts
the item back: with what went with it, or the words in those parts would be lost.

The parts are found from the database's own foreign keys (``ondelete``), so a new
part of the record that hangs from a child or a person is kept without a list to update.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Mapper, Session

from ..model.base import Base


@dataclass(frozen=True)
class Part:
    """A row that went with the item: its class, its id then, and its values."""

    cls: type[Base]
    old_id: int
    values: dict[str, Any]


@dataclass(frozen=True)
class Pointer:
    """A row that only pointed at the item (an action's owner): set to nothing."""

    cls: type[Base]
    row_id: int
    column: str
    old_target: int


@dataclass(frozen=True)
class WentWith:
    """Everything a removal took beyond the item's own values."""

    #: Columns of the item itself that are not edited but make it the same item
    #: (the same child in every meeting of the case).
    identity: dict[str, Any]
    #: Rows that hung from it, each before the rows that hang from it in turn.
    parts: tuple[Part, ...]
    pointers: tuple[Pointer, ...]


#: Columns that say who the item is across the meetings of a case.
IDENTITY = ("lineage",)


def _mappers() -> list[Mapper[Any]]:
    return [m for m in Base.registry.mappers if isinstance(m.local_table, Table)]


def _id_of(obj: Base) -> int:
    identity = inspect(obj).identity
    assert identity is not None  # a row of the database
    return int(identity[0])


def what_goes_with(session: Session, obj: Base) -> WentWith:
    """Read, before a removal, every row that the removal takes or unlinks."""
    parts: list[Part] = []
    pointers: list[Pointer] = []

    def walk(row: Base) -> None:
        table = inspect(type(row)).local_table
        row_id = _id_of(row)
        for mapper in _mappers():
            for fk in mapper.local_table.foreign_keys:
                if fk.column.table is not table:
                    continue
                column = mapper.get_property_by_column(fk.parent).key
                attribute = getattr(mapper.class_, column)
                for other in session.scalars(select(mapper.class_).where(attribute == row_id)):
                    if (fk.ondelete or "").upper() == "CASCADE":
                        parts.append(Part(mapper.class_, _id_of(other), _values(other)))
                        walk(other)
                    elif (fk.ondelete or "").upper() == "SET NULL":
                        pointers.append(Pointer(mapper.class_, _id_of(other), column, row_id))

    walk(obj)
    identity = {name: getattr(obj, name) for name in IDENTITY if hasattr(obj, name)}
    return WentWith(identity, tuple(parts), tuple(pointers))


def _values(row: Base) -> dict[str, Any]:
    mapper = inspect(type(row))
    return {
        prop.key: getattr(row, prop.key)
        for prop in mapper.column_attrs
        if not any(column.primary_key for column in prop.columns) and prop.key != "revision"
    }


def put_back_with(session: Session, obj: Base, old_id: int, went: WentWith) -> None:
    """After the item is back (with a new id), its parts come back pointing at it.

    A part that pointed at something no longer in the record (a person removed since)
    stays out, and so do the parts hanging from it.
    """
    table = inspect(type(obj)).local_table
    # (table, id then) -> id now, for the item and each part put back.
    new_ids: dict[tuple[object, int], int] = {(table, old_id): _id_of(obj)}
    for part in went.parts:
        mapper = inspect(part.cls)
        values = dict(part.values)
        complete = True
        for prop in mapper.column_attrs:
            for fk in prop.columns[0].foreign_keys:
                old = values.get(prop.key)
                if old is None:
                    continue
                moved = new_ids.get((fk.column.table, old))
                if moved is not None:
                    values[prop.key] = moved
                elif _gone(session, fk.column.table, old):
                    complete = False
        if not complete:
            continue
        row = part.cls(**values)
        session.add(row)
        session.flush()
        new_ids[(mapper.local_table, part.old_id)] = _id_of(row)
    for pointer in went.pointers:
        target = new_ids.get((table, pointer.old_target))
        pointing = session.get(pointer.cls, pointer.row_id)
        if target is None or pointing is None or getattr(pointing, pointer.column) is not None:
            continue  # gone since, or given to someone else meanwhile
        setattr(pointing, pointer.column, target)


def _gone(session: Session, table: Table, row_id: int) -> bool:
    for mapper in _mappers():
        if mapper.local_table is table:
            return session.get(mapper.class_, row_id) is None
    return True
