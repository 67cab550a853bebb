"""Exporting a large conference record to Word, against a bare python-docx script.

The conference: 6 children, 25 people, 4 danger statements scored by everyone,
40 actions, 10 plan rules, built through the JSON form into a temporary store.
The floor writes the same headings, paragraphs and tables with plain python-docx
calls (no styles, widths, shading, header rows, fields or text cleaning), measured
in the same run. Target: the real export within 1.5 times the floor.
"""

from __future__ import annotations

import copy
import io
import tempfile
from pathlib import Path
from typing import Any

from docx import Document

from benchmarks.figure import Figure, median, time_ms
from cprecorder.actor import Actor
from cprecorder.demo import demo_conference
from cprecorder.export import DocumentKind, document_bytes
from cprecorder.export.blocks import (
    Bullets,
    Content,
    Fields,
    Heading,
    Notice,
    Paragraph,
    Scale,
    Table,
    Title,
)
from cprecorder.export.record import Audience, record_content
from cprecorder.interchange import import_conference
from cprecorder.model import Role
from cprecorder.queries import load_conference
from cprecorder.store import Store

REPEAT = 7


def large_conference() -> dict[str, Any]:
    data = demo_conference()
    c = data["conference"]
    base_child = c["children"][0]
    c["children"] = []
    for n in range(6):
        child = copy.deepcopy(base_child)
        child["first_name"] = f"Child{n + 1}"
        c["children"].append(child)
    people = []
    for n in range(25):
        kind = "family" if n < 5 else "network" if n < 9 else "professional"
        people.append(
            {
                "name": f"Person {n + 1} Example",
                "kind": kind,
                "role": "Social worker" if kind == "professional" else "Aunt",
                "agency": f"Agency {n}" if kind == "professional" else "",
                "attendance": "present",
                "joined_by": "video",
                "report_expected": kind == "professional",
                "report_received_on": None,
                "report_shared_with_family": False,
                "relationships": [
                    {"child": f"child:{k + 1}", "relationship_to_child": "Aunt"} for k in range(6)
                ]
                if kind != "professional"
                else [],
            }
        )
    c["people"] = people
    everyone = [f"person:{n + 1}" for n in range(25)]
    for child in c["children"]:
        child["lead_social_worker"] = "person:10"
    statement = c["danger_statements"][0]
    c["danger_statements"] = [
        {
            **statement,
            "scores": [
                {"person": p, "score": (i + k) % 11, "reason": f"Reason {i} for statement {k}."}
                for i, p in enumerate(everyone)
            ],
        }
        for k in range(4)
    ]
    c["safety_scores"] = [
        {"person": p, "score": i % 11, "reason": "Because.", "one_point_up": "More of the same."}
        for i, p in enumerate(everyone)
    ]
    c["actions"] = [
        {
            "what": f"Action {n + 1}: do the agreed thing and report back to the core group.",
            "owner": everyone[n % 25],
            "due_on": "2027-01-15",
            "for_whom": "family" if n % 3 == 0 else "professionals",
            "status": "open",
        }
        for n in range(40)
    ]
    rule = c["plan_rules"][0]
    c["plan_rules"] = [{**rule, "behaviour": f"Behaviour {n + 1}"} for n in range(10)]
    c["core_group_members"] = [{"person": p} for p in everyone[:12]]
    for key in ("worries", "plan_network", "agency_views", "dissents"):
        for item in c[key]:
            for link in ("person", "contributor"):
                if item.get(link):
                    item[link] = everyone[int(item[link].split(":")[1]) % 25]
    return data


def bare_python_docx(content: Content) -> bytes:
    """The floor: the same words and tables, written as plainly as python-docx allows."""
    document = Document()
    for block in content.blocks:
        if isinstance(block, Title):
            document.add_heading(block.text, 0)
        elif isinstance(block, Heading):
            document.add_heading(block.text, block.level)
        elif isinstance(block, Paragraph | Notice):
            document.add_paragraph(block.text)
        elif isinstance(block, Fields):
            for label, value in block.pairs:
                document.add_paragraph(f"{label}: {value}")
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            table = document.add_table(rows=1 + len(block.rows), cols=len(block.header))
            for row, values in zip(table.rows, [block.header, *block.rows], strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
        elif isinstance(block, Scale):
            table = document.add_table(rows=2, cols=11)
            for n, cell in enumerate(table.rows[0].cells):
                cell.text = str(n)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory() as scratch:
        store = Store.open_sqlite(Path(scratch) / "bench.sqlite3")
        try:
            actor = Actor(name="Benchmark", role=Role.OTHER, os_user="bench")
            conference_id = import_conference(store, actor=actor, data=large_conference())
            with store.read() as session:
                conference = load_conference(session, conference_id)
        finally:
            store.close()
    content = record_content(conference, Audience.PROFESSIONALS)
    # Warm both paths once (imports, template parsing caches).
    document_bytes(conference, DocumentKind.RECORD)
    bare_python_docx(content)
    ours: list[float] = []
    floor: list[float] = []
    for _ in range(REPEAT):  # interleaved, so drift in the machine hits both alike
        ours += time_ms(lambda: document_bytes(conference, DocumentKind.RECORD), 1)
        floor += time_ms(lambda: bare_python_docx(content), 1)
    return [
        Figure(
            "export_record_large",
            median(ours),
            median(floor),
            target=1.5,
            note="6 children, 25 people, 4x25 danger scores, 40 actions, 10 plan rules; "
            "floor: bare python-docx with the same paragraphs and tables",
        )
    ]
