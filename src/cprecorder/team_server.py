"""The authority's team server: PostgreSQL, one login per person, roles the database enforces.

``server init`` makes a database ready (the schema by Alembic, the pg_trgm search index,
the roles, their grants and the triggers below) and can be run again at any time: it
only does what is missing, and prints what it did. ``server add-person`` makes a login
in one role. A client never changes the schema: a database behind this version is
refused with a sentence asking for ``server init``.

What the database itself refuses, whatever program connects:

* every role but the writers' (minute-taker, chair, social worker) can only read the
  record: a data officer has ``SELECT`` and may add only export entries to the trail;
* only a member of the chair role can sign a record off, and nobody can take a signed-off
  record back to a draft (a trigger on ``conferences``);
* nobody, the tables' owner included, can ``UPDATE``, ``DELETE`` or ``TRUNCATE`` the audit
  trail (grants, and a trigger for the owner);
* each audit entry carries the login that wrote it (``session_user``), set by a trigger,
  beside the name and role the person gave.

Connections: the password comes from ``PGPASSWORD``, the OS keyring (the ``keyring``
package, service ``cprecorder``) or ``~/.pgpass``, never from a URL in ``settings.toml``;
TLS is required (``sslmode=require``) for any host that is not this machine, unless the
URL says otherwise.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from .errors import KnownError, StoreUnavailableError
from .model.base import Role

if TYPE_CHECKING:
    from .actor import Actor
    from .store import Store

#: The service name passwords are kept under in the OS keyring.
KEYRING_SERVICE = "cprecorder"
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})


class ServerRole(enum.StrEnum):
    """What a person may do on the team server; each is a PostgreSQL role."""

    MINUTE_TAKER = "minute_taker"
    CHAIR = "chair"
    SOCIAL_WORKER = "social_worker"
    DATA_OFFICER = "data_officer"
    ADMINISTRATOR = "administrator"

    @property
    def group(self) -> str:
        return f"cprecorder_{self.value}"

    @property
    def app_role(self) -> Role:
        """The role the window offers this person (what they may do is the server's to say)."""
        return {
            ServerRole.MINUTE_TAKER: Role.MINUTE_TAKER,
            ServerRole.CHAIR: Role.CHAIR,
            ServerRole.SOCIAL_WORKER: Role.SOCIAL_WORKER,
        }.get(self, Role.OTHER)


#: Roles that change the record.
WRITERS = (ServerRole.MINUTE_TAKER, ServerRole.CHAIR, ServerRole.SOCIAL_WORKER)


class ServerSetupError(KnownError):
    """The server cannot be set up or reached as asked; the message says what to do."""


# -- connecting ------------------------------------------------------------------


def is_local(url: URL) -> bool:
    host = url.host or str(url.query.get("host", "") or "")
    return host in LOCAL_HOSTS or host.startswith("/")


def client_url(url: str) -> str:
    """The URL a client connects with: TLS required for another machine, no password in it."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    if is_local(parsed) or "sslmode" in parsed.query:
        return url
    return parsed.update_query_dict({"sslmode": "require"}).render_as_string(hide_password=False)


def password_from_keyring(login: str, host: str, database: str) -> str | None:
    """The person's password kept in the OS keyring for this server, if any."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - a dependency, but the server works without it
        return None
    try:
        found = keyring.get_password(KEYRING_SERVICE, keyring_key(login, host, database))
    except KeyringError:
        return None
    return found


def keyring_key(login: str, host: str, database: str) -> str:
    return f"{login}@{host or 'localhost'}/{database}"


def provide_password(_dialect: Any, _record: Any, _args: Any, params: dict[str, Any]) -> None:
    """Before each connection: a password from the keyring when none is given otherwise.

    ``PGPASSWORD`` and ``~/.pgpass`` are libpq's own; the keyring is looked at only when
    neither the URL nor ``PGPASSWORD`` has one, and ``~/.pgpass`` is libpq's fallback.
    """
    if params.get("password") or os.environ.get("PGPASSWORD"):
        return
    login = str(params.get("user") or os.environ.get("PGUSER") or "")
    host = str(params.get("host") or os.environ.get("PGHOST") or "")
    database = str(params.get("dbname") or params.get("database") or "")
    if not login:
        return
    found = password_from_keyring(login, host, database)
    if found:
        params["password"] = found


def remember_password(url: str, password: str) -> str:
    """Keep a password in the OS keyring for this login and server; where it went."""
    import keyring

    parsed = make_url(url)
    key = keyring_key(
        parsed.username or "",
        parsed.host or str(parsed.query.get("host", "")),
        parsed.database or "",
    )
    keyring.set_password(KEYRING_SERVICE, key, password)
    return f"{KEYRING_SERVICE} / {key}"


# -- what the login may do -------------------------------------------------------


def session_login(connection: Connection) -> str:
    return str(connection.execute(text("SELECT session_user")).scalar_one())


def roles_of(connection: Connection, login: str | None = None) -> set[ServerRole]:
    """The team-server roles a login (by default this connection's) is a member of."""
    who = login or session_login(connection)
    found = set()
    for role in ServerRole:
        member = connection.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :group) "
                "AND pg_has_role(:who, (SELECT oid FROM pg_roles WHERE rolname = :group), "
                "'MEMBER')"
            ),
            {"group": role.group, "who": who},
        ).scalar()
        if member:
            found.add(role)
    return found


#: The role written beside the name of a login in several writers' roles, if the person
#: did not say one of theirs: the first of these it holds.
OFFERED = (ServerRole.CHAIR, ServerRole.SOCIAL_WORKER, ServerRole.MINUTE_TAKER)


@dataclass(frozen=True)
class ServerLogin:
    """Who the team server says the person at this window is: a login and its roles."""

    login: str
    roles: frozenset[ServerRole]
    #: The database's owner (who ran ``server init``): whatever role they say.
    owner: bool = False

    def role_for(self, said: Role) -> Role:
        """The role to offer and to write beside the person's name: the one they said if
        their login holds it, else the login's own (a reader's is Other)."""
        if self.owner:
            return said
        held = [role.app_role for role in OFFERED if role in self.roles]
        if said in held:
            return said
        return held[0] if held else Role.OTHER

    @property
    def read_only(self) -> str:
        """Why this login may not change any record, in a sentence; "" if it may."""
        if self.owner or self.roles & set(WRITERS):
            return ""
        if ServerRole.DATA_OFFICER in self.roles:
            what = "a data officer's login"
        elif ServerRole.ADMINISTRATOR in self.roles:
            what = "an administrator's login"
        else:
            what = "a login without a role in CP Recorder"
        return (
            f"You are signed in to the team server as {self.login}, {what}: you can read "
            "and export records here, not change them."
        )


def as_the_server_says(actor: Actor, login: ServerLogin | None) -> Actor:
    """On the team server the role is the login's, whatever the person said."""
    if login is None:
        return actor
    return replace(actor, role=login.role_for(actor.role))


def server_login(store: Store) -> ServerLogin | None:
    """On a team server (a database ``server init`` set up): this store's login and its
    roles. None on SQLite, and on a PostgreSQL database used without ``server init``."""
    if store.is_sqlite:
        return None
    try:
        return _server_login(store)
    except (OperationalError, DatabaseError) as exc:
        from .store import explain_database_error

        raise StoreUnavailableError(explain_database_error(exc)) from exc


def _server_login(store: Store) -> ServerLogin | None:
    with store.engine.connect() as connection:
        set_up = connection.execute(
            text("SELECT 1 FROM pg_trigger WHERE tgname = 'cprecorder_audit_login'")
        ).first()
        if set_up is None:
            return None
        owner = connection.execute(
            text(
                "SELECT pg_has_role(session_user, datdba, 'MEMBER') FROM pg_database "
                "WHERE datname = current_database()"
            )
        ).scalar()
        return ServerLogin(
            session_login(connection), frozenset(roles_of(connection)), owner=bool(owner)
        )


# -- setting the server up -----------------------------------------------------------

#: Only a chair signs a record off. That a signed-off record stays signed off is the
#: sign-off lock's (``cpr_lock_conferences``, migration 0003), which fires first (triggers
#: fire in name order) and refuses any change of its status; migration 0009 brings an
#: existing server's copy of this function to this text.
SIGN_OFF_BY_A_CHAIR = """
    CREATE OR REPLACE FUNCTION cprecorder_sign_off_by_a_chair() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.status = 'signed_off' AND OLD.status IS DISTINCT FROM 'signed_off'
           AND NOT pg_has_role(session_user, 'cprecorder_chair', 'MEMBER') THEN
            RAISE EXCEPTION 'Only a conference chair can sign off a record; % is not one.',
                session_user USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$
    """

#: Triggers and functions, created or replaced on every ``server init``.
PROTECTIONS = (
    """
    CREATE OR REPLACE FUNCTION cprecorder_audit_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'The audit trail cannot be changed or removed, only added to.'
            USING ERRCODE = 'insufficient_privilege';
    END $$
    """,
    "DROP TRIGGER IF EXISTS cprecorder_audit_append_only ON audit_entries",
    """
    CREATE TRIGGER cprecorder_audit_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION cprecorder_audit_is_append_only()
    """,
    "DROP TRIGGER IF EXISTS cprecorder_audit_not_truncated ON audit_entries",
    """
    CREATE TRIGGER cprecorder_audit_not_truncated BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION cprecorder_audit_is_append_only()
    """,
    """
    CREATE OR REPLACE FUNCTION cprecorder_audit_entry_login() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        NEW.login := session_user;
        IF NEW.operation NOT LIKE 'export%'
           AND NOT pg_has_role(session_user, 'cprecorder_minute_taker', 'MEMBER')
           AND NOT pg_has_role(session_user, 'cprecorder_chair', 'MEMBER')
           AND NOT pg_has_role(session_user, 'cprecorder_social_worker', 'MEMBER')
           AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
            RAISE EXCEPTION '% may read and export the record but not change it.', session_user
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$
    """,
    "DROP TRIGGER IF EXISTS cprecorder_audit_login ON audit_entries",
    """
    CREATE TRIGGER cprecorder_audit_login BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION cprecorder_audit_entry_login()
    """,
    SIGN_OFF_BY_A_CHAIR,
    "DROP TRIGGER IF EXISTS cprecorder_sign_off ON conferences",
    """
    CREATE TRIGGER cprecorder_sign_off BEFORE UPDATE OF status ON conferences
    FOR EACH ROW EXECUTE FUNCTION cprecorder_sign_off_by_a_chair()
    """,
)


def _grants(tables: list[str]) -> list[str]:
    """The grants, from scratch: every role's rights are taken away and given again."""
    record = [t for t in tables if t not in ("audit_entries", "alembic_version")]
    everyone = ", ".join(role.group for role in ServerRole)
    writers = ", ".join(role.group for role in WRITERS)
    readers = ", ".join(role.group for role in (*WRITERS, ServerRole.DATA_OFFICER))
    statements = [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {everyone}",
        f"GRANT USAGE ON SCHEMA public TO {readers}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {readers}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(record)} TO {writers}",
        f"GRANT INSERT ON audit_entries TO {readers}",
        # The trail's head on the conference row moves with every entry (an export by a
        # data officer included); nothing else of the row is theirs to change.
        f"GRANT UPDATE (audit_head_hash, audit_head_count) ON conferences TO {readers}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {readers}",
    ]
    return statements


@contextmanager
def _admin(url: str) -> Iterator[Engine]:
    """An engine for setting the server up; its failures become one sentence."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

    from .store import explain_database_error, refusal, unusable_url

    try:
        engine = create_engine(client_url(url))
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise ServerSetupError(unusable_url(url, exc)) from exc
    event.listen(engine, "do_connect", provide_password)
    try:
        yield engine
    except (OperationalError, DatabaseError) as exc:
        raise ServerSetupError(refusal(exc) or explain_database_error(exc)) from exc
    finally:
        engine.dispose()


def init_server(url: str, say: Callable[[str], None]) -> None:
    """Create or bring up to date the schema, roles, grants and protections; say each step."""
    from .migrations import SCHEMA_HEAD, current_revision
    from .store import Store

    if make_url(url).get_backend_name() != "postgresql":
        raise ServerSetupError(
            "server init is for a PostgreSQL server (a URL such as "
            "postgresql+psycopg://admin@dbserver/cprecorder)."
        )
    with _admin(url) as engine:
        with engine.begin() as conn:
            login = session_login(conn)
            may = conn.execute(
                text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = :r"),
                {"r": login},
            ).scalar()
            if not may:
                raise ServerSetupError(
                    f"{login} cannot create roles: run server init as the database's owner "
                    "with CREATEROLE (or as postgres)."
                )
            found = conn.execute(
                text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            ).scalar()
            if found:
                say("search index extension pg_trgm: already there")
            else:
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
                say("search index extension pg_trgm: created")
        before = current_revision(engine)
    store = Store(url, migrate=True)
    store.close()
    if before == SCHEMA_HEAD:
        say(f"schema: already at {SCHEMA_HEAD}")
    else:
        done = "created at" if before is None else f"upgraded from {before} to"
        say(f"schema: {done} {SCHEMA_HEAD}")
    with _admin(url) as engine, engine.begin() as conn:
        for role in ServerRole:
            exists = conn.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role.group}
            ).scalar()
            if exists:
                say(f"role {role.group}: already there")
            else:
                conn.execute(text(f"CREATE ROLE {role.group} NOLOGIN"))
                say(f"role {role.group}: created")
        tables = list(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
            ).scalars()
        )
        for statement in _grants(tables):
            conn.execute(text(statement))
        say(
            f"grants: writers change {len(tables) - 2} tables of the record, data officers "
            "read them, everyone may only add to the audit trail"
        )
        for statement in PROTECTIONS:
            conn.execute(text(statement))
        say(
            "protections: the audit trail is insert-only, each entry names its login, "
            "only a chair signs off"
        )


def add_person(
    url: str, login: str, role: ServerRole, say: Callable[[str], None], password: str | None = None
) -> None:
    """A login for one person, in one role (added to the role if the login exists)."""
    if not login.replace("_", "").replace(".", "").replace("-", "").isalnum():
        raise ServerSetupError(
            f"{login!r} cannot be a login: use letters, digits, dots, dashes and underscores."
        )
    with _admin(url) as engine, engine.begin() as conn:
        if not conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role.group}
        ).scalar():
            raise ServerSetupError(
                f"The role {role.group} does not exist yet: run server init first."
            )
        quoted = conn.dialect.identifier_preparer.quote_identifier(login)
        exists = conn.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login}
        ).scalar()
        if exists:
            say(f"login {login}: already there")
        else:
            conn.execute(text(f"CREATE ROLE {quoted} LOGIN"))
            say(f"login {login}: created")
        if password:
            literal = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar()
            conn.execute(text(f"ALTER ROLE {quoted} PASSWORD {literal}"))
            say(f"login {login}: password set")
        if role is ServerRole.ADMINISTRATOR:
            conn.execute(text(f"ALTER ROLE {quoted} CREATEROLE"))
        member = conn.execute(
            text("SELECT pg_has_role(:who, :group, 'MEMBER')"),
            {"who": login, "group": role.group},
        ).scalar()
        if member:
            say(f"login {login}: already {role.value.replace('_', ' ')}")
        else:
            conn.execute(text(f"GRANT {role.group} TO {quoted}"))
            say(f"login {login}: now {role.value.replace('_', ' ')}")
