"""Family and network: the children, everyone invited, and who is here today.

Three parts, in the order the chair goes through them: the children (one
compact card each); the family, network and professionals, with how each
family member relates to each child; and the attendance table, with the live
quoracy indicator and the reports that are late or missing.

The quoracy indicator and report marks are worked out from what is on screen
(the loaded record is kept in step with each change as it is typed), so they
change the moment attendance does, before the autosave.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ... import operations as op
from ...dates import long_date
from ...export.wording import child_first_name
from ...model import (
    Attendance,
    Child,
    Conference,
    Household,
    JoinedBy,
    Person,
    PersonKind,
)
from ...rules.quoracy import Quoracy, check_quoracy
from ...rules.timescales import check_dates, due_dates
from ..widgets.fields import Bound, CheckField, ChoiceField, DateField, LineField, TextField
from ..widgets.item_list import ItemList
from ..widgets.labels import Announcement, Caption
from .base import people_choices
from .operation_fields import FirstWordsLine, OperationPane

ATTENDANCE_CHOICES = [
    (a.label, a)
    for a in (
        Attendance.INVITED,
        Attendance.PRESENT,
        Attendance.APOLOGIES,
        Attendance.REPORT_ONLY,
        Attendance.DID_NOT_ATTEND,
        Attendance.NOT_INVITED,
    )
]
HOUSEHOLD_CHOICES = [(h.label, h) for h in Household]
JOINED_CHOICES = [(j.label, j) for j in JoinedBy]
#: Spelled out here: ``PersonKind.FAMILY.label`` collides with ``ActionFor.FAMILY`` in
#: the model's label table (both are the string "family") and reads "Family and network".
KIND_WORDS = {
    PersonKind.FAMILY: "Family",
    PersonKind.NETWORK: "Network",
    PersonKind.PROFESSIONAL: "Professional",
}
FAMILY_KINDS = [(KIND_WORDS[PersonKind.FAMILY], PersonKind.FAMILY), ("Network", PersonKind.NETWORK)]
ALL_KINDS = [(words, kind) for kind, words in KIND_WORDS.items()]

#: The button that adds a child (other panes send the cursor to it by this name).
ADD_A_CHILD = "Add a child"


def quoracy_words(result: Quoracy) -> str:
    """The indicator's one line: quorate with the agencies, or why not."""
    if result.quorate:
        return "Quorate: " + ", ".join(result.agencies)
    if result.agencies:
        return f"Not quorate: only one agency besides children's social care ({result.agencies[0]})"
    return "Not quorate: no agency besides children's social care is present"


def chip(check: CheckField, words: str) -> None:
    """A tick box drawn as a chip that fills, with a tick, when ticked (see the theme):
    the style's own tick box stays tiny at any zoom on a shared screen."""
    check.setProperty("chip", True)

    def show(ticked: bool) -> None:
        check.setText(f"✓ {words}" if ticked else words)

    show(check.isChecked())
    check.toggled.connect(show)


def captioned(caption: str, widget: QWidget, placed: QWidget | None = None) -> QWidget:
    """A small caption above a field, as on a paper form; the caption is its label.

    ``placed`` is what goes in the layout, when it is more than the field (a date and
    the place where a date that cannot be read is said).
    """
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    label = Caption(caption)
    label.setObjectName("fieldCaption")
    label.setBuddy(widget)
    box.addWidget(label)
    box.addWidget(placed or widget)
    return holder


class FamilyPane(OperationPane):
    key = "family"

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        self.name_labels: dict[int, QLabel] = {}
        self.report_marks: dict[int, QLabel] = {}
        self.build_children(conference, layout)
        self.build_people(conference, layout)
        self.build_attendance(conference, layout)
        self.update_quoracy()
        self.update_reports()

    # -- the children -----------------------------------------------------------
    def build_children(self, conference: Conference, layout: QVBoxLayout) -> None:
        section = self.section(
            "The children",
            layout,
            "Each child the conference is about. Enter in a first name adds the next child.",
        )
        professionals = people_choices(conference, professionals_only=True)

        def card(child: Child, line: QHBoxLayout) -> Bound:
            return self.child_card(child, line, professionals)

        section.addWidget(
            ItemList(
                self.recorder,
                conference_id=conference.id,
                entity="child",
                items=list(conference.children),
                build_row=card,
                add_label=ADD_A_CHILD,
                empty_text="No children added yet.",
            )
        )

    def child_card(
        self, child: Child, line: QHBoxLayout, professionals: list[tuple[str, Any]]
    ) -> Bound:
        r, cid = self.recorder, child.id
        frame = QFrame()
        frame.setObjectName("card")
        grid = QGridLayout(frame)
        grid.setContentsMargins(12, 8, 12, 12)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)

        def text(field: str, value: str, label: str, placeholder: str = "") -> LineField:
            return LineField(
                r, "child", cid, field, value, placeholder=placeholder, label=f"{label} of child"
            )

        first = text("first_name", child.first_name, "First name")
        last = text("last_name", child.last_name, "Last name")
        unborn = CheckField(r, "child", cid, "unborn", child.unborn, "Not born yet")
        unnamed = CheckField(r, "child", cid, "not_yet_named", child.not_yet_named, "Not named")
        # Short dates ("Wed 4 Mar 2027"): the card fits a 1280-pixel screen at the
        # presentation zoom.
        born = DateField(
            r, "child", cid, "date_of_birth", child.date_of_birth, label="Born on", short=True
        )
        expected = DateField(
            r, "child", cid, "expected_on", child.expected_on, label="Expected on", short=True
        )
        gender = text("gender", child.gender, "Gender", "Girl, boy, or in their words")
        ethnicity = text("ethnicity", child.ethnicity, "Ethnicity")
        language = text("language", child.language, "First language")
        needs = text("needs", child.needs, "Needs", "Health, disability, learning, care needs")
        lead = ChoiceField(
            r,
            "child",
            cid,
            "lead_social_worker_id",
            child.lead_social_worker_id,
            professionals,
            label="Lead social worker",
            blank="Not named yet",
        )
        chip(unborn, "Not born yet")
        chip(unnamed, "Not yet named")
        unnamed.setAccessibleName("Not yet named: the parents have not chosen a name")
        for field in (first, last, unborn, unnamed, born, expected, gender, ethnicity, language):
            self.register(field)
        self.register(needs)
        self.register(lead)

        # Three columns, so a card fits a 1280-pixel screen at the presentation zoom.
        grid.addWidget(captioned("First name", first), 0, 0)
        grid.addWidget(captioned("Last name", last), 0, 1)
        chips = QVBoxLayout()
        chips.setSpacing(4)
        # As wide as their words, so they read as switches, not as fields to type in.
        chips.addWidget(unborn, 0, Qt.AlignmentFlag.AlignLeft)
        chips.addWidget(unnamed, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addLayout(chips, 0, 2)
        born_box = captioned("Born on", born, born.beside())
        expected_box = captioned("Expected on", expected, expected.beside())
        dates = QHBoxLayout()
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(born_box)
        dates.addWidget(expected_box)
        grid.addLayout(dates, 1, 0)
        grid.addWidget(captioned("Gender", gender), 1, 1)
        grid.addWidget(captioned("Ethnicity", ethnicity), 1, 2)
        grid.addWidget(captioned("First language", language), 2, 0)
        grid.addWidget(captioned("Needs", needs), 2, 1, 1, 2)
        grid.addWidget(captioned("Lead social worker", lead), 3, 0, 1, 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)

        def show_dates(not_born: bool) -> None:
            born_box.setVisible(not not_born)
            expected_box.setVisible(not_born)

        show_dates(child.unborn)
        unborn.toggled.connect(show_dates)
        line.addWidget(frame, 1)
        return first

    # -- people and how they relate to each child ---------------------------------
    def build_people(self, conference: Conference, layout: QVBoxLayout) -> None:
        people = list(conference.people)
        family = self.section(
            "Family and network",
            layout,
            "Parents, carers, wider family, friends, neighbours, faith community: "
            "and how each is related to each child.",
        )
        family.addWidget(
            ItemList(
                self.recorder,
                conference_id=conference.id,
                entity="person",
                items=[p for p in people if p.kind is not PersonKind.PROFESSIONAL],
                all_items=people,
                build_row=lambda p, line: self.person_row(conference, p, line, FAMILY_KINDS),
                new_values={"kind": PersonKind.FAMILY.value},
                add_label="Add a family or network member",
                empty_text="No family or network members added yet.",
            )
        )
        professionals = self.section(
            "Professionals", layout, "Everyone invited from an agency, with their role."
        )
        professionals.addWidget(
            ItemList(
                self.recorder,
                conference_id=conference.id,
                entity="person",
                items=[p for p in people if p.kind is PersonKind.PROFESSIONAL],
                all_items=people,
                build_row=lambda p, line: self.person_row(conference, p, line, ALL_KINDS),
                new_values={"kind": PersonKind.PROFESSIONAL.value},
                add_label="Add a professional",
                empty_text="No professionals added yet.",
            )
        )

    def person_row(
        self,
        conference: Conference,
        person: Person,
        line: QHBoxLayout,
        kinds: list[tuple[str, Any]],
    ) -> Bound:
        r, pid = self.recorder, person.id
        professional = person.kind is PersonKind.PROFESSIONAL
        box = QVBoxLayout()
        box.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(8)
        name = LineField(r, "person", pid, "name", person.name, placeholder="Name", label="Name")
        kind = ChoiceField(
            r, "person", pid, "kind", person.kind, kinds, label="Family, network or professional"
        )
        role = LineField(
            r,
            "person",
            pid,
            "role",
            person.role,
            placeholder="Role, e.g. health visitor" if professional else "e.g. Mother, Uncle",
            label="Role",
        )
        kind.setMinimumContentsLength(8)
        top.addWidget(name, 3)
        top.addWidget(kind, 0)
        top.addWidget(role, 3)
        self.register(name)
        self.register(kind)
        self.register(role)
        self.follow(name, lambda text: self.on_person_edit(person, "name", text))
        self.follow(role, lambda text: self.on_person_edit(person, "role", text))
        kind.currentIndexChanged.connect(
            lambda _i: self.on_person_edit(person, "kind", PersonKind(kind.currentData()))
        )
        if professional:
            agency = LineField(
                r,
                "person",
                pid,
                "agency",
                person.agency,
                placeholder="Agency, e.g. Health visiting service",
                label="Agency",
            )
            top.addWidget(agency, 3)
            self.register(agency)
            self.follow(agency, lambda text: self.on_person_edit(person, "agency", text))
        box.addLayout(top)
        # How they relate to each child first (Tab goes there from the role), then where
        # they live and what the children call them.
        if not professional and conference.children:
            box.addLayout(self.relationship_line(conference, person))
        if not professional:
            box.addLayout(self.household_line(person))
        line.addLayout(box, 1)
        return name

    def household_line(self, person: Person) -> QHBoxLayout:
        """Where they live, and what the children call them (for the children's plan)."""
        r, pid = self.recorder, person.id
        who = person.name or "this person"
        household = ChoiceField(
            r,
            "person",
            pid,
            "household",
            person.household,
            HOUSEHOLD_CHOICES,
            label=f"Where {who} lives",
            blank="Where they live",
        )
        known_as = LineField(
            r,
            "person",
            pid,
            "known_as",
            person.known_as,
            placeholder="What the children call them, e.g. Nanna Maureen",
            label=f"What the children call {who}",
        )
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.register(household).as_widget(), 0)
        row.addWidget(self.register(known_as).as_widget(), 1)
        return row

    @staticmethod
    def follow(field: LineField, then: Callable[[str], None]) -> None:
        field.textEdited.connect(then)

    def relationship_line(self, conference: Conference, person: Person) -> QHBoxLayout:
        """One small field per child: "Mother", "Grandmother", "Stepfather"."""
        links = {link.child_id: link for link in person.relationships}
        row = QHBoxLayout()
        row.setSpacing(8)
        for child in conference.children:
            label = f"{person.name or 'This person'} is … to {child.name}"
            key = ("person", person.id, f"relationship-{child.id}")
            link = links.get(child.id)
            if link is not None:
                field: LineField = LineField(
                    self.recorder,
                    "child_relationship",
                    link.id,
                    "relationship_to_child",
                    link.relationship_to_child,
                    placeholder="Relationship",
                    label=label,
                )
                self.alias(key, field)
            else:
                field = FirstWordsLine(
                    self.recorder,
                    key,
                    partial(self.first_relationship, person, child.id),
                    placeholder="Relationship",
                    label=label,
                )
            caption = Caption(f"to {child_first_name(child)}")
            caption.setObjectName("fieldCaption")
            caption.setBuddy(field)
            row.addWidget(caption)
            row.addWidget(self.register(field).as_widget(), 1)
        return row

    def first_relationship(self, person: Person, child_id: int, words: str) -> None:
        self.recorder.run(
            op.set_relationship, person_id=person.id, child_id=child_id, relationship=words
        )

    def on_person_edit(self, person: Person, field: str, value: Any) -> None:
        """Names and quoracy follow the keyboard (the open record keeps itself in step)."""
        label = self.name_labels.get(person.id)
        if label is not None and field == "name":
            label.setText(str(value or "") or "(no name)")
        self.update_quoracy()

    # -- attendance ---------------------------------------------------------------
    def build_attendance(self, conference: Conference, layout: QVBoxLayout) -> None:
        section = self.section(
            "Attendance",
            layout,
            "Everyone invited: whether they came and how, and their report.",
        )
        self.quoracy = Announcement()
        self.quoracy.setObjectName("quoracy")
        self.quoracy.setWordWrap(True)
        self.quoracy.setAccessibleName("Quoracy")
        section.addWidget(self.quoracy)
        rule = QLabel(
            "A conference is quorate when at least two agencies besides children's social "
            "care and the chair are present."
        )
        rule.setObjectName("sectionHint")
        rule.setWordWrap(True)
        section.addWidget(rule)
        self.reason = TextField(
            self.recorder,
            "conference",
            conference.id,
            "inquorate_reason",
            conference.inquorate_reason,
            placeholder="Why the chair decided to go ahead although the conference is not quorate",
            label="The chair's reason for going ahead inquorate",
            min_lines=2,
        )
        self.reason_label = self.label_for("The chair's &reason for going ahead", self.reason)
        self.reason_label.setObjectName("subTitle")
        section.addWidget(self.reason_label)
        section.addWidget(self.register(self.reason).as_widget())

        due = due_dates(conference)
        self.due_label = QLabel(
            f"Reports were due by {long_date(due.reports_due_on)} "
            f"({due.reports_due_working_days} working days before the conference)."
        )
        self.due_label.setObjectName("sectionHint")
        self.due_label.setWordWrap(True)

        people = list(conference.people)
        if not people:
            empty = QLabel("Add the family, network and professionals above first.")
            empty.setObjectName("emptyNote")
            section.addWidget(empty)
            return
        # Three columns; a professional's report goes on a line of its own beneath, so
        # the table fits a 1280-pixel screen at the presentation zoom.
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for column, heading in enumerate(["Who", "Attendance", "How they joined"]):
            label = Caption(heading)
            label.setObjectName("gridHeading")
            grid.addWidget(label, 0, column)
        row = 1
        for person in people:
            row = self.attendance_row(grid, row, person)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        section.addLayout(grid)
        section.addWidget(self.due_label)

    def attendance_row(self, grid: QGridLayout, row: int, person: Person) -> int:
        """One person's attendance (and, for a professional, their report); the next row."""
        r, pid = self.recorder, person.id
        who = QWidget()
        stack = QVBoxLayout(who)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(0)
        name = QLabel(person.name or "(no name)")
        name.setObjectName("scorerName")
        detail = Caption(
            ", ".join(p for p in (person.role, person.agency) if p) or person.kind.label
        )
        detail.setObjectName("scorerDetail")
        detail.setWordWrap(True)
        stack.addWidget(name)
        stack.addWidget(detail)
        self.name_labels[pid] = name
        who_name = person.name or "this person"
        attendance = ChoiceField(
            r,
            "person",
            pid,
            "attendance",
            person.attendance,
            ATTENDANCE_CHOICES,
            label=f"Attendance of {who_name}",
        )
        joined = ChoiceField(
            r,
            "person",
            pid,
            "joined_by",
            person.joined_by,
            JOINED_CHOICES,
            label=f"How {who_name} joined",
            blank="—",
        )
        name.setBuddy(attendance)
        grid.addWidget(who, row, 0, Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.register(attendance).as_widget(), row, 1)
        grid.addWidget(self.register(joined).as_widget(), row, 2)

        def attended(_index: int) -> None:
            # Qt hands a vocabulary back as its plain string value.
            person.attendance = Attendance(attendance.currentData())
            self.update_quoracy()
            self.update_reports()

        attendance.currentIndexChanged.connect(attended)
        if person.kind is PersonKind.PROFESSIONAL:
            self.report_cells(grid, row + 1, person, who_name)
            return row + 2
        return row + 1

    def report_cells(self, grid: QGridLayout, row: int, person: Person, who_name: str) -> None:
        """A professional's report: expected, received when, shared with the family first."""
        r, pid = self.recorder, person.id
        expected = CheckField(
            r, "person", pid, "report_expected", person.report_expected, "Expected"
        )
        expected.setAccessibleName(f"Report expected from {who_name}")
        received = DateField(
            r,
            "person",
            pid,
            "report_received_on",
            person.report_received_on,
            label=f"Report from {who_name} received on",
            short=True,
        )
        shared = CheckField(
            r,
            "person",
            pid,
            "report_shared_with_family",
            person.report_shared_with_family,
            "With family",
        )
        shared.setAccessibleName(f"Report from {who_name} shared with the family first")
        mark = QLabel()
        mark.setObjectName("flag")
        mark.setWordWrap(True)
        self.report_marks[pid] = mark
        chip(expected, "Expected")
        chip(shared, "With family")
        # Two short lines: whether a report was expected and shared, then when it came.
        lines = QGridLayout()
        lines.setContentsMargins(0, 0, 0, 6)
        lines.setHorizontalSpacing(8)
        lines.setVerticalSpacing(4)
        caption = Caption("Report:")
        caption.setObjectName("fieldCaption")
        caption.setBuddy(expected)
        when = Caption("Received:")
        when.setObjectName("fieldCaption")
        when.setBuddy(received)
        for field in (expected, received, shared):
            self.register(field)
        lines.addWidget(caption, 0, 0)
        lines.addWidget(expected, 0, 1)
        lines.addWidget(shared, 0, 2)
        lines.addWidget(when, 1, 0)
        lines.addWidget(received.beside(), 1, 1)
        lines.addWidget(mark, 1, 2, 1, 2)
        lines.setColumnStretch(3, 1)
        grid.addLayout(lines, row, 0, 1, 3)

        def report(*_args: object) -> None:
            person.report_expected = expected.isChecked()
            person.report_received_on = received.date_value()
            self.update_reports()

        expected.toggled.connect(report)
        received.date_read.connect(report)

    def update_quoracy(self) -> None:
        if self.conference is None or not hasattr(self, "quoracy"):
            return
        result = check_quoracy(self.conference)
        self.quoracy.setText(("✓  " if result.quorate else "⚠  ") + quoracy_words(result))
        self.quoracy.setToolTip(result.sentence)
        self.quoracy.setProperty("kind", "good" if result.quorate else "bad")
        self.quoracy.style().unpolish(self.quoracy)
        self.quoracy.style().polish(self.quoracy)
        show_reason = not result.quorate or bool(self.reason.toPlainText().strip())
        self.reason.setVisible(show_reason)
        self.reason_label.setVisible(show_reason)

    def update_reports(self) -> None:
        if self.conference is None:
            return
        flags = {
            f.item_id: f
            for f in check_dates(self.conference)
            if f.item == "person" and f.rule in ("report_late", "report_missing")
        }
        for pid, mark in self.report_marks.items():
            flag = flags.get(pid)
            if flag is None:
                mark.setText("")
                mark.setToolTip("")
                continue
            person = next(p for p in self.conference.people if p.id == pid)
            if flag.rule == "report_late" and person.report_received_on is not None:
                received = person.report_received_on
                mark.setText(f"Late: {received.day} {received:%b}")  # "Late: 9 Dec"
            else:
                mark.setText("Report not received")
            mark.setToolTip(flag.message)
            mark.setAccessibleName(flag.message)


PANE = FamilyPane
