"""The database's clock, so that machines whose clocks disagree still agree on time.

A hold on a conference lapses when its heartbeat is older than a minute or so; judged
by each client's own clock, a laptop running 80 seconds fast would take over a live
hold. ``database_now()`` is the database server's current UTC time, naive like every
timestamp the record stores.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class database_now(FunctionElement[dt.datetime]):
    """The database server's clock, in UTC, without a time zone."""

    type = DateTime()
    inherit_cache = True


@compiles(database_now, "postgresql")
def _postgresql_now(_element: Any, _compiler: Any, **_kw: Any) -> str:
    # clock_timestamp(), not now(): the moment of the statement, not of the transaction.
    return "(clock_timestamp() AT TIME ZONE 'UTC')"


@compiles(database_now, "sqlite")
def _sqlite_now(_element: Any, _compiler: Any, **_kw: Any) -> str:
    # The same text form SQLAlchemy stores, so stored and current times compare as text.
    return "strftime('%Y-%m-%d %H:%M:%f000', 'now')"


@compiles(database_now)
def _any_now(_element: Any, _compiler: Any, **_kw: Any) -> str:
    return "CURRENT_TIMESTAMP"


def seconds_before(moment: Any, seconds: float) -> Any:
    """``moment`` minus a number of seconds, in the database's own arithmetic."""
    return _SecondsBefore(moment, seconds)


class _SecondsBefore(FunctionElement[dt.datetime]):
    type = DateTime()
    inherit_cache = False  # the number of seconds is part of the text, not a parameter

    def __init__(self, moment: Any, seconds: float) -> None:
        self.seconds = float(seconds)
        super().__init__(moment)


@compiles(_SecondsBefore, "postgresql")
def _postgresql_before(element: _SecondsBefore, compiler: Any, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"({moment} - make_interval(secs => {element.seconds!r}))"


@compiles(_SecondsBefore, "sqlite")
def _sqlite_before(element: _SecondsBefore, compiler: Any, **kw: Any) -> str:
    moment = compiler.process(element.clauses, **kw)
    return f"strftime('%Y-%m-%d %H:%M:%f000', {moment}, '-{element.seconds!r} seconds')"
