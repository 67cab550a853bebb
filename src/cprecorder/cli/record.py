"""Subcommands on the record: demo, list, dump, import, withdraw, get, set, audit verify."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..audit import as_text, check_fingerprint, verify_chain
from ..conflicts import EditConflictError
from ..demo import add_demo_conference
from ..errors import ImportFormatError, NotFoundError, ValidationError
from ..files import write_atomically
from ..interchange import conference_to_dict, import_conference, lifecycle_note
from ..model.registry import columns
from ..queries import list_conferences, load_conference
from .context import CommandContext, add_output_options, write_output


def register(commands: Any) -> None:
    demo = commands.add_parser("demo", help="add a fictional conference with every section filled")
    demo.add_argument(
        "--family",
        choices=["ashdown", "marlowe"],
        default="ashdown",
        help="ashdown: two children (the default); marlowe: three children, one unborn, "
        "late reports, a dissent about two of them and police information",
    )
    demo.set_defaults(handler=cmd_demo)

    listing = commands.add_parser(
        "list", help="one conference a line: id, date, kind, family, status (tab-separated)"
    )
    listing.add_argument("search", nargs="?", default="", help="family or child name")
    listing.add_argument(
        "--cases",
        action="store_true",
        help="one case a line instead: id, family, reference, children, meetings, "
        "what is due next (OVERDUE when late)",
    )
    listing.set_defaults(handler=cmd_list)

    dump = commands.add_parser("dump", help="write a conference as JSON")
    dump.add_argument("id", type=int)
    add_output_options(dump, what="JSON file")
    dump.set_defaults(handler=cmd_dump)

    importing = commands.add_parser("import", help="add a conference from a JSON file")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument(
        "--as-copy",
        action="store_true",
        help="add the conference even if it is already here, as a separate draft",
    )
    importing.set_defaults(handler=cmd_import)

    withdraw = commands.add_parser(
        "withdraw", help="withdraw a conference created by mistake (kept, with its trail)"
    )
    withdraw.add_argument("id", type=int)
    withdraw.add_argument("--reason", required=True, help="why it is withdrawn")
    withdraw.set_defaults(handler=cmd_withdraw)

    get = commands.add_parser(
        "get", help="one field of a part of the record: its revision, then its value"
    )
    get.add_argument("entity", metavar="PART", help="conference, child, action, … (see dump)")
    get.add_argument("id", type=int)
    get.add_argument("field", metavar="FIELD")
    get.set_defaults(handler=cmd_get)

    put = commands.add_parser(
        "set",
        help="save one field; with --based-on, refused (your words kept) if changed since",
    )
    put.add_argument("entity", metavar="PART", help="conference, child, action, … (see dump)")
    put.add_argument("id", type=int)
    put.add_argument("field", metavar="FIELD")
    put.add_argument("value", metavar="VALUE", help="the new value; - reads it from stdin")
    put.add_argument(
        "--based-on",
        type=int,
        metavar="REVISION",
        help="the revision your value was written against (as printed by get)",
    )
    put.add_argument(
        "--both",
        action="store_true",
        help="if someone changed it since --based-on, keep their words and yours together",
    )
    put.set_defaults(handler=cmd_set)

    audit = commands.add_parser("audit", help="the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_commands.add_parser("verify", help="check the hash chain of a conference")
    verify.add_argument("id", type=int)
    verify.add_argument(
        "--against",
        metavar="FILE.docx",
        help="also check a document exported after sign-off against the trail here",
    )
    verify.set_defaults(handler=cmd_audit_verify)


def cmd_demo(context: CommandContext, args: argparse.Namespace) -> int:
    if args.family == "marlowe":
        from ..demo_marlowe import add_marlowe_conference

        conference_id = add_marlowe_conference(context.store, context.actor)
    else:
        conference_id = add_demo_conference(context.store, context.actor)
    print(conference_id)
    return 0


def cmd_list(context: CommandContext, args: argparse.Namespace) -> int:
    if args.cases:
        return list_cases_lines(context, args.search)
    with context.store.read() as session:
        for row in list_conferences(session, args.search):
            fields = [
                str(row.id),
                row.scheduled_at.strftime("%Y-%m-%d %H:%M"),
                row.kind.value,
                row.family_name,
                row.status.value,
            ]
            print("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    return 0


def list_cases_lines(context: CommandContext, search: str) -> int:
    from ..journey.cases import list_cases

    rules = context.settings.rules()
    with context.store.read() as session:
        for case in list_cases(session, search, rules):
            due = ""
            if case.due is not None:
                due = case.due.words + (" (OVERDUE)" if case.due.overdue else "")
            fields = [
                str(case.id),
                case.family_name,
                case.reference,
                case.children,
                f"{case.meetings} meeting{'s' if case.meetings != 1 else ''}",
                due,
            ]
            print("\t".join(f.replace("\t", " ").replace("\n", " ") for f in fields))
    return 0


def cmd_dump(context: CommandContext, args: argparse.Namespace) -> int:
    with context.store.read() as session:
        data = conference_to_dict(load_conference(session, args.id))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_output(context, args, conference_id=args.id, document="dump", data=text.encode("utf-8"))
    return 0


def cmd_import(context: CommandContext, args: argparse.Namespace) -> int:
    data = read_conference_file(Path(args.file))
    print(import_conference(context.store, actor=context.actor, data=data, as_copy=args.as_copy))
    note = lifecycle_note(data)
    if note:
        print(f"cprecorder: {note}", file=sys.stderr)
    return 0


def read_conference_file(path: Path) -> Any:
    """The file's JSON, or a sentence saying why it cannot be read."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ImportFormatError([f"{path}: this is a folder; give the JSON file in it"]) from None
    except UnicodeDecodeError:
        raise ImportFormatError([f"{path}: not UTF-8 text"]) from None
    except OSError as exc:
        raise ImportFormatError([f"{path}: cannot be read ({exc.strerror or exc})"]) from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            [f"line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})"]
        ) from None
    except RecursionError:
        raise ImportFormatError(
            [f"{path}: nested too deeply to be a conference (lists or objects inside each other)"]
        ) from None
    except ValueError:  # a number of more than 4,300 digits
        raise ImportFormatError([f"{path}: holds a number too long to be read"]) from None


def cmd_withdraw(context: CommandContext, args: argparse.Namespace) -> int:
    from ..operations import withdraw

    withdraw(context.store, actor=context.actor, conference_id=args.id, reason=args.reason)
    print(f"Conference {args.id} is withdrawn; its record and audit trail are kept.")
    return 0


def cmd_audit_verify(context: CommandContext, args: argparse.Namespace) -> int:
    fingerprint = fingerprint_of(Path(args.against)) if args.against else None
    with context.store.read() as session:
        load_conference(session, args.id)  # or a sentence: there is no such conference
        report = verify_chain(session, args.id)
        print(report.sentence())
        if fingerprint is None:
            return 0 if report.intact else 2
        check = check_fingerprint(session, args.id, *fingerprint)
    print(check.sentence)
    return 0 if report.intact and check.matches else 2


def fingerprint_of(path: Path) -> tuple[str, int]:
    """The audit head (hash, entry) a document carries, or a sentence saying why not."""
    from ..export import ENTRIES_PROPERTY, HEAD_PROPERTY
    from ..export.word import read_custom_properties

    try:
        properties = read_custom_properties(path.read_bytes())
    except FileNotFoundError:
        raise NotFoundError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise NotFoundError(f"{path} is a folder; give the Word document in it.") from None
    except OSError as exc:
        raise NotFoundError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    except ValueError:
        raise NotFoundError(f"{path} is not a Word document exported by CP Recorder.") from None
    head, entries = properties.get(HEAD_PROPERTY, ""), properties.get(ENTRIES_PROPERTY, "")
    if len(head) != 64 or not entries.isdigit():
        raise NotFoundError(
            f"{path} carries no audit fingerprint: only documents of a signed-off record carry "
            "one (a draft, or a document exported before this version, does not)."
        )
    return head, int(entries)


def cmd_get(context: CommandContext, args: argparse.Namespace) -> int:
    from ..model.registry import entity_class

    cls = entity_class(args.entity)
    with context.store.read() as session:
        obj = session.get(cls, args.id)
        if obj is None:
            raise NotFoundError(f"There is no {args.entity.replace('_', ' ')} {args.id}.")
        if args.field not in columns(cls):
            raise ValidationError(f"A {args.entity.replace('_', ' ')} has no {args.field}.")
        print(f"revision {getattr(obj, 'revision', 0)}")
        print(as_text(getattr(obj, args.field)) or "")
    return 0


def cmd_set(context: CommandContext, args: argparse.Namespace) -> int:
    """Save one field; a save based on an older revision is refused, nothing is lost:
    both versions are printed, yours is kept in a file, and the way on is said."""
    from ..operations import Change, update

    value = sys.stdin.read() if args.value == "-" else args.value

    def save(values: dict[str, Any], revision: int | None) -> Change:
        return update(
            context.store,
            actor=context.actor,
            entity=args.entity,
            entity_id=args.id,
            values=values,
            revision=revision,
        )

    try:
        change = save({args.field: value}, args.based_on)
    except EditConflictError as conflict:
        if not args.both:
            kept = keep_words(context, args, value)
            print(f"cprecorder: {conflict}", file=sys.stderr)
            print(conflict_lines(conflict, args, kept), file=sys.stderr)
            return 1
        change = save(conflict.both(), conflict.revision)
    revision = change.revisions.get((args.entity, args.id))
    print(f"Saved: {args.entity.replace('_', ' ')} {args.id}, {args.field}; revision {revision}.")
    return 0


def keep_words(context: CommandContext, args: argparse.Namespace, value: str) -> Path:
    """The words a refused save carried, in a file of their own in the data folder."""
    import datetime as dt

    from ..paths import make_private_dir

    folder = context.data_dir / "kept"
    make_private_dir(folder)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    path = folder / f"{args.entity}-{args.id}-{args.field}-{stamp}.txt"
    write_atomically(path, value.encode("utf-8"))
    return path


def conflict_lines(conflict: EditConflictError, args: argparse.Namespace, kept: Path) -> str:
    """Both versions, where yours is kept, and the commands that keep yours or both."""
    theirs = as_text(conflict.theirs.get(args.field)) or ""
    command = (
        f"cprecorder-cli set {args.entity} {args.id} {args.field} - --based-on {conflict.revision}"
    )
    return "\n".join(
        (
            f"Their words (revision {conflict.revision}):",
            indented(theirs),
            f"Your words (kept in {kept}):",
            indented(as_text(conflict.yours.get(args.field)) or ""),
            f"To keep yours:  {command} < {kept}",
            f"To put both:    {command} --both < {kept}",
            "To keep theirs: nothing to do.",
        )
    )


def indented(text: str) -> str:
    return "\n".join(f"    {line}" for line in (text or "(empty)").splitlines() or [""])
