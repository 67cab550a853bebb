"""A real PostgreSQL server for the test session, in a temporary folder, removed afterwards.

The cluster is made with Debian's ``initdb`` and ``pg_ctl`` (``/usr/lib/postgresql/<n>/bin``),
listens only on a Unix socket in its own folder, and trusts local connections. PostgreSQL
refuses to run as root, so when the tests run as root (as CI does) the cluster runs as the
unprivileged ``postgres`` account the package creates; the folder is readable by everyone so
the tests can reach the socket. Durability is switched off (``fsync=off``): the cluster is
thrown away, and every test gets a fresh database copied from a migrated template.

A server that cannot be started is an error, never a skipped test.
"""

from __future__ import annotations

import itertools
import os
import pwd
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psycopg

#: The account the cluster runs as when the tests run as root.
UNPRIVILEGED = "postgres"
TEMPLATE = "cprecorder_template"
#: The template with the demo conference in it, for tests that ask for it.
DEMO_TEMPLATE = "cprecorder_template_demo"
#: The one login that must give a password (for the keyring and PGPASSWORD tests).
PASSWORD_LOGIN = "cpr_with_password"


class ServerUnavailable(RuntimeError):
    """PostgreSQL is not installed or would not start: the suite cannot test that backend."""


def find_bindir() -> Path:
    """The newest installed server's programs (initdb, pg_ctl)."""
    override = os.environ.get("CPRECORDER_TEST_PG_BINDIR")
    candidates = [Path(override)] if override else []
    root = Path("/usr/lib/postgresql")
    if not override and root.is_dir():
        versions = sorted(
            (p for p in root.iterdir() if p.name.isdigit()), key=lambda p: int(p.name), reverse=True
        )
        candidates += [p / "bin" for p in versions]
    found = None if override else shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise ServerUnavailable(
        "PostgreSQL's server programs (initdb, pg_ctl) were not found: run "
        "scripts/install-system-deps.sh (it installs Debian's postgresql package)."
    )


def remove_abandoned(current: ThrowawayServer) -> None:
    """Stop and remove clusters left by a test session that was killed before it could."""
    for folder in Path(tempfile.gettempdir()).glob("cprecorder-pg-*"):
        try:
            owner = int((folder / "owner.pid").read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue
        if folder == current.folder or _alive(owner):
            continue
        if (folder / "data" / "postmaster.pid").exists():
            subprocess.run(
                [str(current.bindir / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate",
                 "-w", "stop"],
                capture_output=True, check=False, **current._user,
            )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class ThrowawayServer:
    """One PostgreSQL cluster for the whole test session."""

    def __init__(self, *, durable: bool = False) -> None:
        #: Durability as a real server has it (for benchmarks); off for tests.
        self.durable = durable
        self.bindir = find_bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="cprecorder-pg-"))
        self.data = self.folder / "data"
        self.port = 5432  # only names the socket file; nothing listens on TCP
        self._numbers = itertools.count(1)
        #: Fresh databases made ahead by a thread while tests run (by template), and
        #: ones to drop.
        self._stock: dict[str, queue.Queue[str | BaseException]] = {
            TEMPLATE: queue.Queue(maxsize=2),
            DEMO_TEMPLATE: queue.Queue(maxsize=2),
        }
        self._spent: queue.Queue[str | None] = queue.Queue()
        self._keeper: threading.Thread | None = None
        self._user: dict[str, Any] = {}
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam(UNPRIVILEGED)
            except KeyError:
                raise ServerUnavailable(
                    f"The tests run as root and there is no {UNPRIVILEGED!r} account to run "
                    "PostgreSQL as: install Debian's postgresql package."
                ) from None
            os.chown(self.folder, account.pw_uid, account.pw_gid)
            self._user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        self.folder.chmod(0o755)

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.folder,
            env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
            **self._user,
        )
        if done.returncode != 0:
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServerUnavailable(
                f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}\n{tail}"
            )

    def start(self) -> None:
        remove_abandoned(self)
        (self.folder / "owner.pid").write_text(str(os.getpid()), encoding="ascii")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # Everyone is trusted over the socket but the login kept for password tests.
        (self.data / "pg_hba.conf").write_text(
            f"local all {PASSWORD_LOGIN} scram-sha-256\nlocal all all trust\n", encoding="ascii"
        )
        fast = ["-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off"]
        options = " ".join(
            [
                f"-k {self.folder}",
                "-c listen_addresses=''",
                f"-p {self.port}",
                *([] if self.durable else fast),
                "-c max_connections=200",
                "-c shared_buffers=128MB",
            ]
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options,
            "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        if self._keeper is not None:
            self._spent.put(None)
            while self._keeper.is_alive():
                for stock in self._stock.values():
                    with suppress(queue.Empty):
                        stock.get(timeout=0.05)
            self._keeper = None
        if (self.data / "postmaster.pid").exists():
            with suppress(ServerUnavailable):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- connections ------------------------------------------------------------
    def url(self, database: str, *, user: str = "postgres") -> str:
        """A SQLAlchemy URL for one database, as ``user``, over the socket."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.folder}&port={self.port}"

    def connect(self, database: str = "postgres", *, user: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(
            host=str(self.folder), port=self.port, dbname=database, user=user, autocommit=True
        )

    def make_template(self, demo_by: Any = None) -> None:
        """A database migrated to the current schema, copied for every test; and one with
        the demo conference added by ``demo_by`` (an actor)."""
        from cprecorder.demo import add_demo_conference
        from cprecorder.store import Store

        with self.connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}")
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        store = Store(self.url(TEMPLATE), migrate=True)
        store.close()
        with self.connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DEMO_TEMPLATE}")
            conn.execute(f"CREATE DATABASE {DEMO_TEMPLATE} TEMPLATE {TEMPLATE}")
        if demo_by is not None:
            store = Store(self.url(DEMO_TEMPLATE))
            add_demo_conference(store, demo_by)
            store.close()

    def new_database(self, template: str = TEMPLATE) -> str:
        """A fresh, migrated database of its own (a copy of a template)."""
        name = f"cpr_test_{os.getpid()}_{next(self._numbers)}"
        with self.connect() as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        return name

    def drop_database(self, name: str) -> None:
        with self.connect() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _keep_stock(self) -> None:
        """Make databases ahead and drop used ones, on the other core while a test runs."""
        while True:
            try:
                spent = self._spent.get(timeout=0.05)
            except queue.Empty:
                spent = ""
            if spent is None:
                return
            if spent:
                self.drop_database(spent)
                continue
            for template, stock in self._stock.items():
                if stock.full():
                    continue
                try:
                    made: str | BaseException = self.new_database(template)
                except BaseException as exc:  # handed to the test that takes it
                    made = exc
                stock.put(made)

    @contextmanager
    def database(self, *, demo: bool = False) -> Iterator[str]:
        """A fresh database for one test (with the demo conference if asked), dropped after."""
        if self._keeper is None:
            self._keeper = threading.Thread(target=self._keep_stock, daemon=True)
            self._keeper.start()
        made = self._stock[DEMO_TEMPLATE if demo else TEMPLATE].get(timeout=120)
        if isinstance(made, BaseException):
            raise made
        try:
            yield made
        finally:
            self._spent.put(made)
