"""``cprecorder export``: write a conference to Word.

cprecorder export 1 --as family -o "Ashdown family's record.docx"
cprecorder export 1 --as children --child Maisie -o maisie.docx
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..export import (
    DEFAULT_MARKING,
    DocumentKind,
    ExportError,
    FamilyWords,
    document_bytes,
    export_notes,
)
from ..export.wording import joined
from ..journey import looking_back
from ..model import Child, Conference
from ..queries import load_conference
from .context import CommandContext, add_output_options, write_output


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write a conference as a Word document (record, family's version, "
        "children's plan or plan summary)",
    )
    export.add_argument("id", type=int, help="the conference (see 'cprecorder list')")
    export.add_argument(
        "--as",
        dest="kind",
        required=True,
        choices=[kind.value for kind in DocumentKind],
        help="record: the professionals' record; family: the family's version; "
        "children: the children's plan; summary: the plan summary letter",
    )
    export.add_argument(
        "--child",
        metavar="NAME",
        help="only this child's plan (first or full name); without it every child's "
        "plan goes into one document",
    )
    add_output_options(export, what=".docx", required=True)
    export.add_argument(
        "--marking",
        metavar="TEXT",
        default=DEFAULT_MARKING,
        help=f"protective marking at the top and bottom of every page (default: {DEFAULT_MARKING})",
    )
    export.set_defaults(handler=cmd_export)


def cmd_export(context: CommandContext, args: argparse.Namespace) -> int:
    kind = DocumentKind(args.kind)
    if args.child and kind is not DocumentKind.CHILDREN:
        raise ExportError("--child only applies to the children's plan (--as children).")
    with context.store.read() as session:
        conference = load_conference(session, args.id)
        child_id = find_child(conference, args.child).id if args.child else None
        words = FamilyWords.in_force()
        data = document_bytes(
            conference,
            kind,
            child_id=child_id,
            marking=args.marking,
            looking_back=looking_back(session, conference.id),
            words=words,
        )
        notes = export_notes(conference, kind, child_id=child_id)
    path = write_output(context, args, conference_id=args.id, document=kind.value, data=data)
    print(path)
    for note in notes:
        print(note, file=sys.stderr)
    return 0


def find_child(conference: Conference, name: str) -> Child:
    """The child whose first, full or family name matches, ignoring case and extra spaces."""
    wanted = " ".join(name.split()).casefold()

    def names_of(child: Child) -> set[str]:
        return {
            child.first_name.strip().casefold(),
            " ".join(child.name.split()).casefold(),
            " ".join(f"{child.first_name} {child.last_name}".split()).casefold()
            if child.first_name.strip()
            else "",
        } - {""}

    matches = [child for child in conference.children if wanted in names_of(child)]
    if not matches:
        matches = [
            child
            for child in conference.children
            if child.last_name.strip() and child.last_name.strip().casefold() == wanted
        ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise ExportError(
            f"{len(matches)} children are called {name.strip()!r}: "
            f"{joined([child.name for child in matches])}. Say which, by first name "
            f"(--child {_example(matches)})."
        )
    names = ", ".join(child.name for child in conference.children) or "none"
    raise ExportError(
        f"There is no child called {name!r} in this record. The children are: {names}."
    )


def _example(children: list[Child]) -> str:
    named = [child.first_name.strip() for child in children if child.first_name.strip()]
    return named[0] if named else "NAME"
