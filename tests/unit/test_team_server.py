"""The team server: server init, one login per person, and what the database itself refuses.

Every test here runs on the test session's real PostgreSQL server, on a fresh database
that ``server init`` has set up, with logins made by ``server add-person``.
"""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import delete, inspect, select, text, update

from cprecorder import operations as op
from cprecorder.actor import Actor
from cprecorder.audit import verify_chain
from cprecorder.changes import exports
from cprecorder.cli import main
from cprecorder.demo import add_demo_conference
from cprecorder.errors import (
    KnownError,
    RecordLockedError,
    RefusedByServerError,
    StoreUnavailableError,
    StoreVersionError,
)
from cprecorder.model import AuditEntry, Conference, RecordStatus, Role
from cprecorder.paths import resolve_db_url
from cprecorder.store import Store
from cprecorder.team_server import (
    ServerRole,
    ServerSetupError,
    add_person,
    as_the_server_says,
    client_url,
    init_server,
    roles_of,
    server_login,
)
from team_logins import as_login, person
from throwaway_server import PASSWORD_LOGIN, ThrowawayServer


def test_server_init_does_only_what_is_missing_and_says_so(pg_server: ThrowawayServer) -> None:
    with pg_server.database() as name:
        url = pg_server.url(name)
        first: list[str] = []
        init_server(url, first.append)
        again: list[str] = []
        init_server(url, again.append)
    assert any(line.startswith("schema: already at") for line in first)  # the test template
    assert "search index extension pg_trgm: already there" in again
    assert any(line.startswith("schema: already at") for line in again)
    assert all(f"role {role.group}: already there" in again for role in ServerRole), again
    assert any(line.startswith("grants:") for line in again)
    assert any(line.startswith("protections:") for line in again)


def test_server_init_on_an_empty_database_creates_the_schema(pg_server: ThrowawayServer) -> None:
    with pg_server.connect() as conn:
        conn.execute("DROP DATABASE IF EXISTS cpr_empty_init")
        conn.execute("CREATE DATABASE cpr_empty_init")
    try:
        said: list[str] = []
        init_server(pg_server.url("cpr_empty_init"), said.append)
        assert any(line.startswith("schema: created at") for line in said), said
        opened = Store(pg_server.url("cpr_empty_init"))
        assert "conferences" in inspect(opened.engine).get_table_names()
        opened.close()
    finally:
        pg_server.drop_database("cpr_empty_init")


def test_a_client_never_upgrades_the_server_it_asks_for_server_init(
    pg_server: ThrowawayServer,
) -> None:
    with pg_server.connect() as conn:
        conn.execute("DROP DATABASE IF EXISTS cpr_not_ready")
        conn.execute("CREATE DATABASE cpr_not_ready")
    try:
        with pytest.raises(StoreVersionError, match="server init"):
            Store(pg_server.url("cpr_not_ready"))
        with pg_server.connect("cpr_not_ready") as conn:
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            assert tables.fetchone() == (0,)  # nothing was created behind anyone's back
    finally:
        pg_server.drop_database("cpr_not_ready")


def test_add_person_makes_a_login_in_a_role_once(pg_server: ThrowawayServer, team_db: str) -> None:
    said: list[str] = []
    add_person(pg_server.url(team_db), "gemma_stiles", ServerRole.MINUTE_TAKER, said.append)
    assert said == ["login gemma_stiles: already there", "login gemma_stiles: already minute taker"]
    store = as_login(pg_server, team_db, "ruth_calloway")
    with store.engine.connect() as conn:
        assert roles_of(conn) == {ServerRole.CHAIR}
    store.close()
    with pytest.raises(ServerSetupError, match="cannot be a login"):
        add_person(pg_server.url(team_db), "x; DROP ROLE y", ServerRole.CHAIR, said.append)


def test_the_trail_names_the_login_beside_the_name_and_role_given(
    pg_server: ThrowawayServer, team_db: str
) -> None:
    store = as_login(pg_server, team_db, "gemma_stiles")
    conference_id = add_demo_conference(store, person("gemma_stiles"))
    op.update(
        store,
        actor=Actor(name="Gemma Stiles", role=Role.MINUTE_TAKER, os_user="laptop-user"),
        entity="conference",
        entity_id=conference_id,
        values={"chair_summary": "Typed on the team server."},
    )
    with store.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.field == "chair_summary")).one()
        assert (entry.login, entry.actor, entry.role) == (
            "gemma_stiles",
            "Gemma Stiles",
            "minute_taker",
        )
        assert verify_chain(session, conference_id).intact
    store.close()


def test_only_a_chair_can_sign_off_whatever_the_window_says(
    pg_server: ThrowawayServer, team_db: str
) -> None:
    minute_taker = as_login(pg_server, team_db, "gemma_stiles")
    conference_id = add_demo_conference(minute_taker, person("gemma_stiles"))
    claims_to_chair = Actor(name="Gemma Stiles", role=Role.CHAIR, os_user="gemma")
    with pytest.raises(KnownError, match="Only a conference chair can sign off"):
        op.sign_off(
            minute_taker, actor=claims_to_chair, conference_id=conference_id, chair_name="Gemma"
        )
    minute_taker.close()
    chair = as_login(pg_server, team_db, "ruth_calloway")
    op.sign_off(
        chair, actor=person("ruth_calloway"), conference_id=conference_id, chair_name="Ruth"
    )
    with chair.read() as session:
        conference = session.get(Conference, conference_id)
        assert conference is not None and conference.status is RecordStatus.SIGNED_OFF
    # Below the client: the sign-off lock's trigger refuses it, ahead of the server's own
    # sign-off trigger (triggers fire in name order, and cpr_lock_ sorts first), which
    # is why that one no longer says so itself (migration 0009).
    with (
        pytest.raises(RecordLockedError, match=r"signed off \(or withdrawn\)"),
        chair.write(person("ruth_calloway"), None) as session,
    ):
        session.execute(update(Conference).values(status=RecordStatus.DRAFT.value))
    with chair.read() as session:
        conference = session.get(Conference, conference_id)
        assert conference is not None and conference.status is RecordStatus.SIGNED_OFF
    chair.close()


def test_migration_0009_takes_the_dead_clause_out_of_a_set_up_servers_sign_off_trigger(
    pg_server: ThrowawayServer, team_db: str
) -> None:
    from alembic import command

    from cprecorder.migrations import alembic_config, upgrade_to_head

    def sign_off_trigger(store: Store) -> str:
        with store.engine.connect() as conn:
            return str(
                conn.execute(
                    text(
                        "SELECT prosrc FROM pg_proc"
                        " WHERE proname = 'cprecorder_sign_off_by_a_chair'"
                    )
                ).scalar_one()
            )

    store = Store(pg_server.url(team_db))
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    before = sign_off_trigger(store)
    upgrade_to_head(store.engine)
    after = sign_off_trigger(store)
    store.close()
    assert "stays signed off" in before and "Only a conference chair" in before
    assert "stays signed off" not in after and "Only a conference chair" in after


def test_a_data_officer_reads_and_exports_but_changes_nothing(
    pg_server: ThrowawayServer, team_db: str, tmp_path: Path
) -> None:
    writer = as_login(pg_server, team_db, "priya_sandhu")
    conference_id = add_demo_conference(writer, person("priya_sandhu"))
    writer.close()
    officer = as_login(pg_server, team_db, "dana_okafor")
    with officer.read() as session:
        assert session.get(Conference, conference_id) is not None
    with pytest.raises(RefusedByServerError, match="may read this record but not change it"):
        op.update(
            officer,
            actor=person("dana_okafor"),
            entity="conference",
            entity_id=conference_id,
            values={"chair_summary": "Changed by a data officer"},
        )
    with pytest.raises(KnownError):
        add_demo_conference(officer, person("dana_okafor"))
    officer.close()
    out = tmp_path / "record.docx"
    url = pg_server.url(team_db, user="dana_okafor")
    assert main(["--db", url, "export", str(conference_id), "--as", "record", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    reader = as_login(pg_server, team_db, "dana_okafor")
    with reader.read() as session:  # the export is in the trail, under their login
        [line] = exports(session, conference_id)
        assert verify_chain(session, conference_id).intact
    reader.close()
    assert (line.raw_field, line.new) == ("record", str(out))


@pytest.mark.parametrize("login", ["gemma_stiles", "ruth_calloway", "postgres"])
def test_nobody_changes_or_removes_an_audit_entry(
    pg_server: ThrowawayServer, team_db: str, login: str
) -> None:
    store = as_login(pg_server, team_db, "priya_sandhu")
    add_demo_conference(store, person("priya_sandhu"))
    store.close()
    store = Store(pg_server.url(team_db, user=login))
    for statement in (
        update(AuditEntry).values(new_value="rewritten"),
        delete(AuditEntry),
        text("TRUNCATE audit_entries CASCADE"),
    ):
        with pytest.raises(RefusedByServerError), store.write(person("priya_sandhu"), None) as s:
            s.execute(statement)
    with store.read() as session:
        assert session.scalar(select(AuditEntry.id).limit(1)) is not None
    store.close()


def test_a_password_comes_from_pgpassword_or_the_keyring_never_the_settings(
    pg_server: ThrowawayServer,
    team_db: str,
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
) -> None:
    add_person(
        pg_server.url(team_db),
        PASSWORD_LOGIN,
        ServerRole.CHAIR,
        lambda _line: None,
        password="correct horse battery staple",
    )
    url = pg_server.url(team_db, user=PASSWORD_LOGIN)
    monkeypatch.setenv("PGPASSFILE", str(data_dir / "no-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        with pytest.raises(StoreUnavailableError):
            Store(url)
        monkeypatch.setenv("PGPASSWORD", "correct horse battery staple")
        Store(url).close()
        monkeypatch.delenv("PGPASSWORD")
        monkeypatch.setattr("getpass.getpass", lambda _prompt: "correct horse battery staple")
        assert main(["--db", url, "server", "remember-password"]) == 0
        Store(url).close()
    finally:
        keyring.set_keyring(previous)
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(
        '[server]\nurl = "postgresql+psycopg://ruth:secret@dbserver/cprecorder"\n',
        encoding="utf-8",
    )
    with pytest.raises(KnownError, match="password"):
        resolve_db_url(None, data_dir)


def test_the_settings_file_points_a_client_at_the_server(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text(
        '[server]\nurl = "postgresql+psycopg://ruth_calloway@dbserver.example/cprecorder"\n',
        encoding="utf-8",
    )
    assert resolve_db_url(None, data_dir) == (
        "postgresql+psycopg://ruth_calloway@dbserver.example/cprecorder"
    )
    other = data_dir.parent / "other.sqlite3"  # a bare --db names a file that exists
    other.touch()
    assert resolve_db_url(str(other), data_dir).endswith("other.sqlite3")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgresql+psycopg://ruth@dbserver.example/cprecorder",
            "postgresql+psycopg://ruth@dbserver.example/cprecorder?sslmode=require",
        ),
        (
            "postgresql+psycopg://ruth@dbserver.example/cprecorder?sslmode=disable",
            "postgresql+psycopg://ruth@dbserver.example/cprecorder?sslmode=disable",
        ),
        ("postgresql+psycopg://ruth@localhost/cprecorder", None),
        ("postgresql+psycopg://ruth@/cprecorder?host=/run/postgresql", None),
        ("sqlite:////tmp/x.sqlite3", None),
    ],
)
def test_tls_is_required_for_another_machine_unless_the_url_says_otherwise(
    url: str, expected: str | None
) -> None:
    assert client_url(url) == (expected or url)


class MemoryKeyring(KeyringBackend):
    """A keyring that lives only as long as the test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.mark.parametrize(
    ("login", "said", "role", "reads_only"),
    [
        ("ruth_calloway", Role.MINUTE_TAKER, Role.CHAIR, False),  # the login's, not what was said
        ("gemma_stiles", Role.CHAIR, Role.MINUTE_TAKER, False),
        ("priya_sandhu", Role.SOCIAL_WORKER, Role.SOCIAL_WORKER, False),
        ("dana_okafor", Role.CHAIR, Role.OTHER, True),
        ("postgres", Role.CHAIR, Role.CHAIR, False),  # the owner who ran server init
    ],
)
def test_the_role_comes_from_the_login(
    pg_server: ThrowawayServer,
    team_db: str,
    login: str,
    said: Role,
    role: Role,
    reads_only: bool,
) -> None:
    store = as_login(pg_server, team_db, login)
    signed_in = server_login(store)
    store.close()
    assert signed_in is not None and signed_in.login == login
    given = Actor(name="Someone", role=said, os_user="someone")
    assert as_the_server_says(given, signed_in).role is role
    if reads_only:
        assert signed_in.read_only.startswith(f"You are signed in to the team server as {login}")
        assert signed_in.read_only.endswith(
            "you can read and export records here, not change them."
        )
    else:
        assert signed_in.read_only == ""


def test_without_server_init_the_role_is_what_the_person_said(
    pg_server: ThrowawayServer, store: Store
) -> None:
    assert server_login(store) is None  # SQLite
    with pg_server.database() as name:
        plain = Store(pg_server.url(name))
        assert server_login(plain) is None
        plain.close()


def test_the_command_line_writes_in_the_logins_role(
    pg_server: ThrowawayServer, team_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = as_login(pg_server, team_db, "ruth_calloway")
    conference_id = add_demo_conference(writer, person("ruth_calloway"))
    as_chair = ["--db", pg_server.url(team_db, user="ruth_calloway")]
    change = ["set", "conference", str(conference_id), "chair_summary", "From the command line."]
    assert main([*as_chair, *change]) == 0
    with writer.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.field == "chair_summary")).one()
        assert (entry.login, entry.role) == ("ruth_calloway", "chair")
    writer.close()
    capsys.readouterr()
    as_officer = ["--db", pg_server.url(team_db, user="dana_okafor")]
    assert main([*as_officer, *change[:-1], "Changed by a data officer."]) == 1
    assert "may read this record but not change it" in capsys.readouterr().err


def test_an_administrators_login_is_told_it_does_not_open_records(
    pg_server: ThrowawayServer, team_db: str
) -> None:
    with pytest.raises(StoreUnavailableError, match="may not open the records") as refused:
        as_login(pg_server, team_db, "ali_mensah")
    assert "permission denied" not in str(refused.value)
