"""Subcommands for the authority's team server: server init, add-person, remember-password."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from .context import CommandContext


def register(commands: Any) -> None:
    server = commands.add_parser(
        "server", help="set up the authority's PostgreSQL team server (see docs/team-server.md)"
    )
    steps = server.add_subparsers(dest="server_command", metavar="STEP", required=True)

    init = steps.add_parser(
        "init",
        help="create or upgrade the schema, the roles, their grants and protections "
        "(safe to run again; prints what it did)",
    )
    init.set_defaults(handler=cmd_init)

    person = steps.add_parser(
        "add-person", help="make a database login for one person, in one role"
    )
    person.add_argument("login", metavar="LOGIN", help="the person's database login")
    person.add_argument(
        "--role",
        required=True,
        choices=[role.value.replace("_", "-") for role in _roles()],
        help="what they may do",
    )
    person.add_argument(
        "--password-stdin",
        action="store_true",
        help="read a first password from standard input (without it, the login has none: "
        "for certificate or Kerberos log-ins, or set one in psql)",
    )
    person.set_defaults(handler=cmd_add_person)

    remember = steps.add_parser(
        "remember-password",
        help="keep your password for the --db server in this computer's keyring",
    )
    remember.set_defaults(handler=cmd_remember_password)


def _roles() -> list[Any]:
    from ..team_server import ServerRole

    return list(ServerRole)


def _say(line: str) -> None:
    print(line)


def cmd_init(context: CommandContext, _args: argparse.Namespace) -> int:
    from ..team_server import init_server

    init_server(context.db_url, _say)
    return 0


def cmd_add_person(context: CommandContext, args: argparse.Namespace) -> int:
    from ..team_server import ServerRole, add_person

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    add_person(context.db_url, args.login, ServerRole(args.role.replace("-", "_")), _say, password)
    return 0


def cmd_remember_password(context: CommandContext, _args: argparse.Namespace) -> int:
    from ..team_server import remember_password

    password = getpass.getpass("Your database password (it is kept in the keyring): ")
    print(f"Kept in the keyring as {remember_password(context.db_url, password)}")
    return 0
