"""Where the data lives. Nothing is decided at import time: callers ask."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "cprecorder"
DB_FILENAME = "cprecorder.sqlite3"


def default_data_dir() -> Path:
    """The user's data folder for CP Recorder (platformdirs), e.g. ~/.local/share/cprecorder."""
    return user_data_path(APP_NAME, appauthor=False)


def resolve_data_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    if data_dir is not None:
        return Path(data_dir).expanduser()
    env = os.environ.get("CPRECORDER_DATA_DIR")
    return Path(env).expanduser() if env else default_data_dir()


def resolve_db_url(db: str | None, data_dir: Path) -> str:
    """``--db`` wins, then ``CPRECORDER_DB``, then ``[server] url`` in the data folder's
    ``settings.toml``, then the SQLite file in the data folder.

    A value without ``://`` must name a database file that exists: a mistyped address
    never quietly starts a new, empty database in the current folder.
    """
    url = db or os.environ.get("CPRECORDER_DB") or server_url(data_dir)
    if not url:
        return f"sqlite:///{data_dir / DB_FILENAME}"
    if "://" in url:
        return url
    path = Path(url).expanduser()
    if not path.is_file():
        from .errors import StoreUnavailableError

        raise StoreUnavailableError(
            f"There is no database file {path}, and --db makes a new one only when asked: "
            f"give a file that exists, or sqlite:///{path} to start a new database there."
        )
    return f"sqlite:///{path}"


def sqlite_file(db_url: str) -> Path | None:
    """The SQLite file a database URL names; ``None`` for a server or an in-memory database."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def server_url(data_dir: Path) -> str | None:
    """The team server named in ``settings.toml`` (``[server] url``), never with a password."""
    settings = data_dir / "settings.toml"
    if not settings.is_file():
        return None
    import tomllib

    from .errors import KnownError

    try:
        data = tomllib.loads(settings.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # the authority's settings say what is wrong with the file when read
    server = data.get("server")
    url = server.get("url") if isinstance(server, dict) else None
    if not isinstance(url, str) or not url.strip():
        return None
    from sqlalchemy.engine import make_url

    if make_url(url).password:
        raise KnownError(
            f"{settings} has a password in the server's address: take it out. Each person's "
            "password goes in their ~/.pgpass, PGPASSWORD or the keyring "
            "(cprecorder-cli server remember-password)."
        )
    return url.strip()


def make_private_dir(path: Path) -> None:
    """Create a folder only its owner can read (0700 where the OS has modes)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
