"""Core group and review: who is in the core group, when it meets, when the review is.

The dates come from the rules (working days and bank holidays of the
authority's nation): the pane proposes a first core group date, shows the
latest date allowed, and flags a date outside a limit with the rule it breaks.
Such a date is kept — the chair may have a good reason — never refused.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import operations as op
from ...dates import long_date
from ...model import Attendance, Conference, CoreGroupMeeting, Person
from ...operations import Change
from ...rules.timescales import Timescales, check_dates, due_dates
from ..widgets.fields import Bound, ChoiceBox, DateField, TextField
from ..widgets.item_list import ItemKeys, ItemList
from .base import Pane, PaneContext

#: The date checks shown in this pane, by the section they belong to.
MEETING_RULES = ("first_core_group_within_working_days", "first_core_group_before_conference")
REVIEW_RULES = ("review_within_months",)


def day_words(day: dt.date) -> str:
    """ "Tuesday 1 December 2026": the weekday matters when booking a meeting."""
    return f"{day:%A} {long_date(day)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class CoreGroupPane(Pane):
    key = "core_group"
    shows_names = frozenset({"person"})
    renames = frozenset({"person"})

    def __init__(self, context: PaneContext) -> None:
        super().__init__(context)
        # Built with the pane; until then there is nothing to show a flag in.
        self.meeting_flag: QLabel | None = None
        self.review_flag: QLabel | None = None
        self.proposal: QWidget | None = None
        self.first_date: DateField | None = None
        self.review_date: DateField | None = None
        self.use_first: QPushButton | None = None
        self.add_meeting: QPushButton | None = None

    def build(self, conference: Conference, layout: QVBoxLayout) -> None:
        due = due_dates(conference)
        self._members(conference, layout)
        self._meetings(conference, layout, due)
        self._review(conference, layout, due)
        self._show_flags()

    # -- members --------------------------------------------------------------
    def _members(self, conference: Conference, layout: QVBoxLayout) -> None:
        box = self.section(
            "Core group members",
            layout,
            "The key professionals and family members who will meet between conferences.",
        )
        members = list(conference.core_group_members)
        #: Each member's name label and remove button, to put a new name in place.
        self.member_names: dict[int, tuple[QLabel, QPushButton]] = {}
        if not members:
            empty = QLabel("No one is in the core group yet.")
            empty.setObjectName("emptyNote")
            box.addWidget(empty)
        people = {p.id: p for p in conference.people}
        for number, member in enumerate(members, start=1):
            person = people.get(member.person_id)
            label = (person.label if person else "") or "(no name yet)"
            line = QHBoxLayout()
            line.setSpacing(8)
            bullet = QLabel(f"{number}.")
            bullet.setObjectName("itemNumber")
            bullet.setMinimumWidth(24)
            bullet.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            name = QLabel(label)
            name.setWordWrap(True)
            remove = QPushButton("Remove")
            remove.setObjectName("editButton")
            remove.setAccessibleName(f"Remove {label} from the core group")
            self.member_names[member.person_id] = (name, remove)
            remove.clicked.connect(
                lambda _c=False, i=member.id: self.recorder.run(
                    op.remove_item, entity="core_group_member", entity_id=i
                )
            )
            line.addWidget(bullet)
            line.addWidget(name, 1)
            line.addWidget(remove)
            box.addLayout(line)

        in_group = {m.person_id for m in members}
        outside = [p for p in conference.people if p.id not in in_group]
        present = [p for p in outside if p.attendance is Attendance.PRESENT]
        adding = QHBoxLayout()
        adding.setSpacing(8)
        self.add_choice = ChoiceBox()
        self.add_choice.setAccessibleName("Person to add to the core group")
        for person in outside:
            self.add_choice.addItem(person.label or "(no name yet)", person.id)
        self.add_choice.setEnabled(bool(outside))
        if not outside:
            self.add_choice.addItem("Everyone is in the core group")
        add = QPushButton("&Add to the core group")
        add.setAccessibleName("Add to the core group")
        add.setObjectName("editButton")
        add.setEnabled(bool(outside))
        add.clicked.connect(self._add_chosen)
        everyone = QPushButton(
            f"Add everyone &present ({len(present)})" if present else "Add everyone &present"
        )
        everyone.setObjectName("editButton")
        everyone.setAccessibleName("Add everyone present to the core group")
        everyone.setEnabled(bool(present))
        everyone.setToolTip("Adds every person marked present who is not yet a member")
        everyone.clicked.connect(lambda: self._add_people([p.id for p in present]))
        # Long names must not widen the pane: the combo shrinks, its list shows all.
        self.add_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_choice.setMinimumContentsLength(14)
        adding.addWidget(self.add_choice, 1)
        adding.addWidget(add)
        holder = QWidget()
        holder.setLayout(adding)
        holder.setObjectName("editButton")
        box.addWidget(holder)
        box.addWidget(everyone, alignment=Qt.AlignmentFlag.AlignLeft)

    def _add_chosen(self) -> None:
        person_id = self.add_choice.currentData()
        if person_id is not None:
            self._add_people([int(person_id)])

    def _add_people(self, person_ids: list[int]) -> None:
        for person_id in person_ids:
            if self.conference is None:
                return
            self.recorder.run(
                op.add_item,
                conference_id=self.conference.id,
                entity="core_group_member",
                values={"person_id": person_id},
            )

    # -- meetings -------------------------------------------------------------
    def _meetings(self, conference: Conference, layout: QVBoxLayout, due: Timescales) -> None:
        box = self.section(
            "Core group meetings",
            layout,
            "The first meeting, then about every six weeks: at least two before the review.",
        )
        days = _plural(due.first_core_group_working_days, "working day")
        latest = QLabel(
            f"The first core group must meet by <b>{day_words(due.first_core_group_latest)}</b>"
            f" ({days} after the conference on {long_date(due.conference_on)})."
        )
        latest.setObjectName("dueNote")
        latest.setWordWrap(True)
        latest.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(latest)

        propose = QHBoxLayout()
        use = QPushButton(f"&Use {day_words(due.first_core_group_proposed)}")
        use.setObjectName("primary")
        use.setAccessibleName(
            f"Use {day_words(due.first_core_group_proposed)} for the first core group"
        )
        use.setToolTip(
            "Proposed: a week after the conference leaves room to move the meeting "
            "without going past the latest date."
        )
        use.clicked.connect(lambda: self._use_first_date(due.first_core_group_proposed))
        self.use_first = use
        hint = QLabel("for the first core group")
        hint.setObjectName("sectionHint")
        hint.setWordWrap(True)
        propose.addWidget(use)
        propose.addWidget(hint)
        propose.addStretch(1)
        self.proposal = QWidget()
        self.proposal.setObjectName("editButton")
        self.proposal.setLayout(propose)
        box.addWidget(self.proposal)

        meetings = list(conference.core_group_meetings)
        self.first_date = None

        def row(item: CoreGroupMeeting, line: QHBoxLayout) -> Bound:
            when = DateField(
                self.recorder,
                "core_group_meeting",
                item.id,
                "meets_on",
                item.meets_on,
                label="First core group date" if item is meetings[0] else "Core group date",
            )
            notes = TextField(
                self.recorder,
                "core_group_meeting",
                item.id,
                "notes",
                item.notes,
                placeholder="Where, what time, anything to bring",
                label="Core group notes",
                min_lines=1,
            )
            if item is meetings[0]:
                self.first_date = when
            self.register(when)
            line.addWidget(when.beside(), 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(self.register(notes).as_widget(), 1)
            return when  # a new meeting starts at its date

        dates = ItemList(
            self.recorder,
            conference_id=conference.id,
            entity="core_group_meeting",
            items=meetings,
            build_row=row,
            add_label="Add a core group meeting",
            empty_text="No meetings planned yet.",
        )
        # Enter at the end of a row (in the notes) adds the next meeting, too.
        for meeting in meetings:
            notes = self.fields[("core_group_meeting", meeting.id, "notes")].as_widget()
            notes.installEventFilter(ItemKeys(dates, meeting.id))
        self.add_meeting = dates.add_button
        box.addWidget(dates)
        self.meeting_flag = QLabel()
        self.meeting_flag.setObjectName("flag")
        self.meeting_flag.setWordWrap(True)
        box.addWidget(self.meeting_flag)

    def first_field(self) -> QWidget | None:
        """Where the person types next on coming to the pane: the first meeting's date, or
        with no meeting yet the proposed date (Space uses it) or the button adding one;
        not the review date at the bottom."""
        if self.first_date is not None and self.first_date.isEnabled():
            return self.first_date
        for button in (self.use_first, self.add_meeting):
            if button is not None and button.isEnabled() and button.isVisibleTo(self):
                return button
        return super().first_field()

    def _use_first_date(self, day: dt.date) -> None:
        """The proposal goes into the first meeting, as if typed there (or starts the list)."""
        if self.first_date is not None:
            self.first_date.use_date(day)
            self.recorder.flush()
            self.first_date.setFocus()
            return
        if self.conference is not None:
            self.recorder.run(
                op.add_item,
                conference_id=self.conference.id,
                entity="core_group_meeting",
                values={"meets_on": day.isoformat()},
            )

    # -- review ---------------------------------------------------------------
    def _review(self, conference: Conference, layout: QVBoxLayout, due: Timescales) -> None:
        box = self.section("Review conference", layout)
        after = {
            "review": "this review conference",
            "pre-birth": "this pre-birth conference",
            "transfer-in": "this transfer-in conference",
        }.get(due.review_counted_from, "this initial conference")
        note = QLabel(
            f"The review conference is due by <b>{day_words(due.review_due_by)}</b> "
            f"({_plural(due.review_months, 'month')} after {after})."
        )
        note.setObjectName("dueNote")
        note.setTextFormat(Qt.TextFormat.RichText)
        note.setWordWrap(True)
        box.addWidget(note)
        line = QHBoxLayout()
        line.setSpacing(12)
        review = DateField(
            self.recorder,
            "conference",
            conference.id,
            "review_conference_on",
            conference.review_conference_on,
            label="Review conference date",
        )
        self.review_date = review
        use = QPushButton(f"Use {day_words(due.review_proposed)}")
        use.setObjectName("editButton")
        use.setAccessibleName(f"Use {day_words(due.review_proposed)} for the review conference")
        use.clicked.connect(lambda: self._use_review_date(due.review_proposed))
        line.addWidget(self.label_for("Revie&w conference on", review))
        self.register(review)
        line.addWidget(review.beside())
        line.addStretch(1)
        box.addLayout(line)
        box.addWidget(use, alignment=Qt.AlignmentFlag.AlignLeft)
        self.review_flag = QLabel()
        self.review_flag.setObjectName("flag")
        self.review_flag.setWordWrap(True)
        box.addWidget(self.review_flag)

    def _use_review_date(self, day: dt.date) -> None:
        if self.review_date is not None:
            self.review_date.use_date(day)
            self.recorder.flush()
            self.review_date.setFocus()

    def rename_person(self, person: Person) -> None:
        """A member's new name, and in the list of people to add, without a rebuild."""
        super().rename_person(person)
        label = person.label or "(no name yet)"
        shown = self.member_names.get(person.id)
        if shown is not None:
            shown[0].setText(label)
            shown[1].setAccessibleName(f"Remove {label} from the core group")
        index = self.add_choice.findData(person.id)
        if index >= 0:
            self.add_choice.setItemText(index, label)

    # -- checks ---------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        """A date typed here is checked again as soon as it is saved."""
        super().on_change(change)
        if change.entity in ("core_group_meeting", "conference") and self.conference is not None:
            self._show_flags()

    def _show_flags(self) -> None:
        if (
            self.conference is None
            or self.meeting_flag is None
            or self.review_flag is None
            or self.proposal is None
        ):
            return
        flags = check_dates(self.conference)
        for label, rules in ((self.meeting_flag, MEETING_RULES), (self.review_flag, REVIEW_RULES)):
            words = [f"⚠ {f.message}" for f in flags if f.rule in rules]
            label.setText("\n".join(words))
            label.setVisible(bool(words))
        # The proposal is offered while the first core group has no date, or a date
        # that breaks a rule; once a good date is set it would only be noise.
        dated = any(m.meets_on for m in self.conference.core_group_meetings)
        offer = not dated or any(f.rule in MEETING_RULES for f in flags)
        self.proposal.setVisible(offer and not self.locked)

    def apply_lock(self) -> None:
        super().apply_lock()
        self._show_flags()  # the proposal's visibility depends on the dates too


PANE = CoreGroupPane
