"""The people of the tests' team server: one login per role, made by ``server add-person``
on a database ``server init`` set up (the ``team_db`` fixture in ``conftest.py``)."""

from __future__ import annotations

from cprecorder.actor import Actor
from cprecorder.store import Store
from cprecorder.team_server import ServerRole
from throwaway_server import ThrowawayServer

PEOPLE = {
    "gemma_stiles": ServerRole.MINUTE_TAKER,
    "ruth_calloway": ServerRole.CHAIR,
    "priya_sandhu": ServerRole.SOCIAL_WORKER,
    "dana_okafor": ServerRole.DATA_OFFICER,
    "ali_mensah": ServerRole.ADMINISTRATOR,
}


def as_login(pg_server: ThrowawayServer, name: str, login: str) -> Store:
    return Store(pg_server.url(name, user=login))


def person(login: str) -> Actor:
    role = PEOPLE[login].app_role
    return Actor(name=login.replace("_", " ").title(), role=role, os_user=login)
