"""Each child's plan as LibreOffice lays it out: no page with "Remember" alone.

Rendering takes seconds, so it runs under ``make soak`` (``CPRECORDER_SOAK=1``);
``tests/unit/test_family_outputs.py`` checks the same plans' words and that each
heading keeps with its box on every run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cprecorder.actor import Actor
from cprecorder.demo import add_demo_conference
from cprecorder.demo_marlowe import add_marlowe_conference
from cprecorder.export import DocumentKind, export_document
from cprecorder.queries import load_conference
from cprecorder.store import Store

pytestmark = [
    pytest.mark.soak,
    pytest.mark.skipif(
        not os.environ.get("CPRECORDER_SOAK"), reason="renders with LibreOffice: make soak"
    ),
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="needs LibreOffice and poppler (make system-deps)",
    ),
]


def rendered_pages(docx: Path) -> list[str]:
    """The text of each page of the document as LibreOffice lays it out."""
    profile = docx.parent / "office-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(docx.with_suffix(".pdf")), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    return [page for page in text.split("\f") if page.strip()]


def test_no_childs_plan_ends_with_remember_alone(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    """Isla's and Rory's plans, as written for them, fill two pages; Leo's, still in the
    words it was started with (longer), takes three, its last part beside "Remember"."""
    pages_of: dict[str, int] = {}
    for add in (add_demo_conference, add_marlowe_conference):
        with store.read() as session:
            conference = load_conference(session, add(store, actor))
        for child in conference.children:
            if child.unborn:
                continue
            docx = tmp_path / f"{child.first_name}.docx"
            export_document(conference, DocumentKind.CHILDREN, docx, child_id=child.id)
            pages = rendered_pages(docx)
            pages_of[child.first_name] = len(pages)
            last = pages[-1]
            assert "Remember" in last and "Who I can talk to" in last, child.first_name
    assert pages_of == {"Maisie": 2, "Leo": 3, "Isla": 2, "Rory": 2}
