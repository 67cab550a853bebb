"""Render every Word export of the demo conference to PNG pages for a look.

    .venv/bin/python scripts/render.py docs/rendered      (``make render``)

Adds the demo conference and the Marlowe case (three children, one unborn) to a
temporary store, exports the professionals' record, the family's version, the
plan summary and each child's plan of each as .docx into the folder (the
Marlowe case's as marlowe-*), converts each with LibreOffice to PDF (git-ignored) and with
pdftoppm to PNG pages at 60 dpi. The .docx files and the PNGs are kept.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.demo_marlowe import add_marlowe_conference
from cprecorder.export import DocumentKind, export_document
from cprecorder.model import Conference, Role
from cprecorder.queries import load_conference
from cprecorder.store import Store

#: File stems in docs/rendered, so the committed pictures keep their names.
STEMS = {
    DocumentKind.RECORD: "record-professionals",
    DocumentKind.FAMILY: "record-family",
    DocumentKind.SUMMARY: "plan-summary",
}


def export_all(folder: Path) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        store = Store.open_sqlite(Path(scratch) / "render.sqlite3")
        try:
            actor = Actor(name="Render script", role=Role.OTHER, os_user="render")
            for prefix, add in (("", add_demo_conference), ("marlowe-", add_marlowe_conference)):
                conference_id = add(store, actor)
                with store.read() as session:
                    conference = load_conference(session, conference_id)
                written += export_conference(conference, folder, prefix)
        finally:
            store.close()
    return written


def export_conference(conference: Conference, folder: Path, prefix: str) -> list[Path]:
    written = [
        export_document(conference, kind, folder / f"{prefix}{stem}.docx")
        for kind, stem in STEMS.items()
    ]
    for child in conference.children:
        if child.unborn:
            continue  # an unborn child has no children's plan
        stem = f"{prefix}childrens-plan-{child.first_name.lower() or child.id}"
        written.append(
            export_document(
                conference, DocumentKind.CHILDREN, folder / f"{stem}.docx", child_id=child.id
            )
        )
    return written


def to_pages(docx: Path) -> list[Path]:
    folder = docx.parent
    with tempfile.TemporaryDirectory() as profile:
        # A private LibreOffice profile: no clash with a running office, no prompts.
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    pdf = docx.with_suffix(".pdf")
    for old in folder.glob(f"{docx.stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(folder / docx.stem)],
        check=True,
        timeout=180,
    )
    return sorted(folder.glob(f"{docx.stem}-*.png"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: render.py FOLDER", file=sys.stderr)
        return 2
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"render.py: {tool} is not installed (make system-deps)", file=sys.stderr)
            return 1
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    for docx in export_all(folder):
        pages = to_pages(docx)
        print(f"{docx}\t{len(pages)} page(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
