"""The conference record: the professionals' version and the family's version.

Both follow the conference's own agenda, item by item, each item written by the
section its declaration names (:mod:`cprecorder.agenda.items`). What each reader
gets is decided by :func:`cprecorder.sharing.family_may_see`: the family's version
is *built* from the items the family may see, never made by deleting
professional-only parts from the full record. Professionals-only notes and parts
marked confidential are written by one section only (``professionals_only``),
which the family may not see.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence

from ..agenda import load_agenda
from ..agenda.agenda import Agenda, AgendaFormatError
from ..agenda.items import AGENDA_ITEMS, KNOWN_ITEMS, KnownItem
from ..journey.looking_back import LookingBack
from ..journey.scores import Series
from ..journey.since import CarriedAction, SinceLast, progress_words
from ..model import (
    ActionFor,
    ActionProgress,
    Child,
    Conference,
    GoalProgress,
    Person,
    PersonKind,
    PlanSection,
)
from ..rules.authority import rules_in_force
from ..rules.categories import category_word
from ..rules.nation import NationRules
from ..rules.quoracy import check_quoracy
from ..rules.timescales import Timescales, due_dates, report_expected
from ..rules.working_days import working_days_between
from ..sharing import family_may_see
from .blocks import (
    Block,
    Bullets,
    Content,
    Fields,
    Heading,
    Image,
    Notice,
    Paragraph,
    Scale,
    ScaleMark,
    Table,
    Title,
    Tone,
)
from .chart import colour_of
from .childrens_plan import has_a_childrens_plan, plan_written
from .wording import (
    People,
    about_children,
    capitalised,
    categories,
    child_born,
    conference_heading,
    date_and_time,
    footer_line,
    joined,
    long_date,
    plan_label,
    relation_to_children,
    role_and_agency,
    weekday_date,
    yes_no,
)


class Audience(enum.Enum):
    PROFESSIONALS = "professionals"
    FAMILY = "family"


CONFIDENTIAL_WARNING = (
    "CONFIDENTIAL – PROFESSIONALS ONLY. This section must not be shared with the family "
    "or read out while they are present. It is left out of the family's version."
)


def record_content(
    conference: Conference, audience: Audience, looking_back: LookingBack | None = None
) -> Content:
    """The blocks of the record for one audience, in the conference's agenda order.

    ``looking_back`` is what the meetings before it say, for what has changed since the
    last conference and the chart of scores over time.
    """
    writer = _Sections(conference, audience, looking_back)
    version = "professionals' version" if audience is Audience.PROFESSIONALS else "family's version"
    content = Content(
        title=f"{record_title(conference)} – {conference.family_name} family",
        subject=f"{conference_heading(conference)} ({version})",
        footer=footer_line(conference),
        header_note="" if conference.is_signed_off else "DRAFT",
        status="Signed off" if conference.is_signed_off else "Draft",
    )
    content.add(*writer.front(audience))
    after_confidential = False
    for known, title in _section_order(conference):
        for_the_family = family_may_see(known.key)
        if audience is Audience.FAMILY and not for_the_family:
            continue
        body: list[Block] = getattr(writer, known.section)()
        if not body:
            continue
        if not for_the_family:
            # Its own pages, so the section is easy to find and to hold back when printing.
            content.add(Heading(f"{title} – CONFIDENTIAL", 1, page_break_before=True), *body)
            after_confidential = True
        else:
            content.add(Heading(title, 1, page_break_before=after_confidential), *body)
            after_confidential = False
    content.add(*writer.sign_off(new_page=after_confidential))
    return content


def family_item_content(
    conference: Conference, key: str, looking_back: LookingBack | None = None
) -> list[Block] | None:
    """One agenda item as the family's version shows it (its heading, then its blocks).

    ``None`` when the family may not see the item at all (:func:`family_may_see`, the
    same rule as the family's version); only the heading when nothing is recorded for
    it yet. For the shared window.
    """
    known = KNOWN_ITEMS.get(key)
    if known is None or not family_may_see(key):
        return None
    title = dict((k.key, t) for k, t in _section_order(conference)).get(key, known.title)
    body: list[Block] = getattr(
        _Sections(conference, Audience.FAMILY, looking_back), known.section
    )()
    return [Heading(title, 1), *body]


def _section_order(conference: Conference) -> list[tuple[KnownItem, str]]:
    """The conference's agenda, then any item it leaves out (only written if filled)."""
    try:
        agenda: Agenda | None = load_agenda(conference.agenda_key)
    except AgendaFormatError:
        agenda = None
    listed = [(item.key, item.title) for item in agenda.items] if agenda else []
    order = [(KNOWN_ITEMS[key], title) for key, title in listed if key in KNOWN_ITEMS]
    order += [(known, known.title) for known in AGENDA_ITEMS if known.key not in dict(listed)]
    return order


def record_title(conference: Conference) -> str:
    if conference.kind.is_conference:
        return "Child protection conference record"
    return "Core group meeting notes"


class _Sections:
    """One method per agenda item, each returning its blocks (empty: nothing recorded)."""

    def __init__(
        self,
        conference: Conference,
        audience: Audience,
        looking_back: LookingBack | None = None,
        rules: NationRules | None = None,
    ) -> None:
        self.c = conference
        self.audience = audience
        self.looking_back = looking_back
        self.rules = rules if rules is not None else rules_in_force(conference)
        self.due: Timescales = due_dates(conference, self.rules)
        self.people = People(conference)
        try:
            self.agenda: Agenda | None = load_agenda(conference.agenda_key)
        except AgendaFormatError:
            self.agenda = None

    def relation(self, person: Person) -> str:
        """``Grandmother``; ``Father of Isla``; ``Mother of Maisie; father of Leo``."""
        return relation_to_children(person, self.c)

    def about(self, child_ids: list[int]) -> str:
        """Which children an agency view or a dissent is about, in a sentence."""
        return about_children(self.c, child_ids)

    # -- around the agenda -------------------------------------------------------------

    def front(self, audience: Audience) -> list[Block]:
        c = self.c
        version = (
            "Professionals' version" if audience is Audience.PROFESSIONALS else "Family's version"
        )
        blocks: list[Block] = [
            Title(record_title(c), f"{c.family_name} family · {version}"),
        ]
        if not c.is_signed_off:
            blocks.append(
                Notice(
                    "DRAFT – this record has not yet been signed off by the chair and may change.",
                    Tone.DRAFT,
                )
            )
        blocks.append(
            Fields(
                (
                    ("Conference" if c.kind.is_conference else "Meeting", c.kind.label),
                    ("Children", joined(child.name for child in c.children)),
                    ("Date and time", date_and_time(c.scheduled_at)),
                    ("How it was held", c.how_held.label),
                    ("Chair", c.chair),
                    ("Minute-taker", c.minute_taker),
                    ("Local authority", c.authority),
                    ("Record", c.status.label),
                )
            )
        )
        if audience is Audience.PROFESSIONALS and self.has_confidential():
            blocks.append(
                Notice(
                    "This version contains a CONFIDENTIAL professionals-only section. "
                    "Send the family their own version, never this one.",
                    Tone.CONFIDENTIAL,
                )
            )
        return blocks

    def has_confidential(self) -> bool:
        return bool(self.c.professionals_only) or any(not family_may_see(w) for w in self.c.worries)

    def sign_off(self, *, new_page: bool = False) -> list[Block]:
        c = self.c
        blocks: list[Block] = [Heading("Sign-off", 1, page_break_before=new_page)]
        if c.is_signed_off:
            when = date_and_time(c.signed_off_at) if c.signed_off_at else "date not recorded"
            blocks.append(Paragraph(f"Signed off by {c.signed_off_by or 'the chair'} on {when}."))
            if c.fingerprint:
                blocks.append(
                    Paragraph(
                        f"Audit fingerprint at sign-off: {c.fingerprint}. It identifies the "
                        "record's audit trail as it stood when the chair signed it off."
                    )
                )
        else:
            blocks.append(
                Notice(
                    "DRAFT – not signed off. The chair has not yet reviewed and signed off "
                    "this record.",
                    Tone.DRAFT,
                )
            )
            if c.handed_over_at:
                blocks.append(
                    Paragraph(
                        f"Handed to the chair by {c.handed_over_by or 'the minute-taker'} on "
                        f"{date_and_time(c.handed_over_at)}."
                    )
                )
        if c.addenda:
            blocks.append(Heading("Addenda", 2))
            for addendum in c.addenda:
                blocks.append(
                    Paragraph(
                        addendum.text,
                        lead=f"{addendum.author}, {date_and_time(addendum.created_at)} "
                        f"({addendum.reason}): ",
                    )
                )
        return blocks

    # -- the agenda items ------------------------------------------------------------

    def before(self) -> list[Block]:
        c = self.c
        fields = Fields(
            (
                (self.strategy_words.capitalize(), long_date(c.strategy_discussion_on)),
                ("Chair met the parents", date_and_time(c.pre_meeting_at)),
                ("What was agreed", c.pre_meeting_notes),
                ("Interpreter", c.interpreter_language),
                ("Equality and access", c.equality_notes),
                ("Observers", c.observers),
            )
        )
        blocks: list[Block] = [fields] if any(v for _, v in fields.pairs) else []
        timing = self.initial_timing()
        if timing:
            blocks.append(Paragraph(timing))
        return blocks

    @property
    def strategy_words(self) -> str:
        """What the record calls the strategy discussion: the family's version in plain words."""
        if self.audience is Audience.FAMILY:
            return "the professionals' first meeting about the children"
        return "strategy discussion"

    def initial_timing(self) -> str:
        """Whether an initial conference met within its working days of the strategy discussion."""
        due, strategy_on = self.due, self.c.strategy_discussion_on
        if due.initial_target_on is None or strategy_on is None:
            return ""
        limit = f"{due.initial_target_working_days} working days"
        after = working_days_between(strategy_on, due.conference_on, self.rules.nation)
        days = f"{after} working day{'' if after == 1 else 's'}"
        if due.conference_on <= due.initial_target_on:
            return (
                f"The conference was held {days} after {self.the(self.strategy_words)}, "
                "within the "
                f"{limit} allowed (by {long_date(due.initial_target_on)})."
            )
        return (
            f"The conference was held {days} after {self.the(self.strategy_words)}, "
            "later than the "
            f"{limit} allowed (by {long_date(due.initial_target_on)})."
        )

    @staticmethod
    def the(words: str) -> str:
        return words if words.startswith("the ") else f"the {words}"

    def report(self, person: Person) -> str:
        """``Received 9 November, due 6 November: late; not shared with the family first``."""
        if not report_expected(person) and person.report_received_on is None:
            return ""
        due_on = self.due.reports_due_on
        received = person.report_received_on
        if received is None:
            return f"Not received (due {self.short_date(due_on)})"
        words = f"Received {self.short_date(received)}, due {self.short_date(due_on)}"
        words += ": late" if received > due_on else ": on time"
        shared = "shared" if person.report_shared_with_family else "not shared"
        return f"{words}; {shared} with the family first"

    def short_date(self, day: dt.date) -> str:
        """``9 November``, with the year only when it is not the conference's."""
        if day.year == self.due.conference_on.year:
            return f"{day.day} {day:%B}"
        return long_date(day)

    def quoracy(self) -> list[Block]:
        c = self.c
        quoracy = check_quoracy(c, self.rules)
        if quoracy.quorate:
            return [Paragraph(quoracy.sentence)]
        reason = c.inquorate_reason.strip()
        if reason:
            return [
                Paragraph(quoracy.sentence),
                Paragraph(reason, lead="The chair went ahead because: "),
            ]
        return [
            Paragraph(f"{quoracy.sentence} The chair's reason for going ahead is not recorded.")
        ]

    def family(self) -> list[Block]:
        c = self.c
        blocks: list[Block] = []
        if c.children:
            blocks += [
                Heading("The children", 2),
                trimmed(
                    Table(
                        ("Name", "Date of birth", "Gender", "Ethnicity", "Language", "Needs"),
                        tuple(
                            (
                                child.name,
                                child_born(child),
                                child.gender,
                                child.ethnicity,
                                child.language,
                                child.needs,
                            )
                            for child in c.children
                        ),
                        (3, 2.4, 1.4, 2, 1.8, 3),
                    )
                ),
            ]
        network = [p for p in c.people if p.kind is not PersonKind.PROFESSIONAL]
        if network:
            rows = []
            for person in network:
                kind = "Family" if person.kind is PersonKind.FAMILY else "Network"
                called = person.known_as.strip()
                rows.append(
                    (
                        f"{person.name} (the children say {called})" if called else person.name,
                        kind,
                        self.relation(person) or person.role,
                        person.household.label if person.household else "",
                    )
                )
            blocks += [
                Heading("Family and network", 2),
                trimmed(
                    Table(
                        ("Name", "Family or network", "Relationship", "Lives"),
                        tuple(rows),
                        (3, 2, 4.6, 2.4),
                    )
                ),
            ]
        if c.people:
            attendance = tuple(
                (
                    person.name,
                    role_and_agency(person),
                    person.attendance.label,
                    person.joined_by.label if person.joined_by else "",
                    self.report(person),
                )
                for person in c.people
            )
            blocks += [
                Heading("Attendance", 2),
                *self.quoracy(),
                trimmed(
                    Table(
                        ("Name", "Role and agency", "Attendance", "Joined by", "Report"),
                        attendance,
                        (2.6, 3.2, 1.9, 1.6, 3.6),
                    )
                ),
            ]
        return blocks

    def since(self) -> SinceLast:
        if self.looking_back is not None:
            return self.looking_back.since
        # Only the record itself: what it says of the actions and goals it carried.
        return SinceLast(
            None,
            None,
            tuple(CarriedAction(a.id) for a in self.c.actions if a.progress is not None),
            tuple(d.id for d in self.c.danger_statements if d.goal_progress is not None),
            (),
        )

    def since_last(self) -> list[Block]:
        """What has changed since the last meeting, in plain words, then the detail."""
        c = self.c
        since = self.since()
        actions = {a.id: a for a in c.actions}
        statements = {d.id: d for d in c.danger_statements}
        blocks: list[Block] = []
        before = since.previous_conference if c.kind.is_conference else since.previous_meeting
        if before is not None:
            blocks.append(
                Paragraph(
                    f"This {c.kind.label.lower()} follows the "
                    f"{before.kind.label.lower()} on {long_date(before.scheduled_at.date())}."
                )
            )
        words = progress_sentence(since, c)
        if words:
            blocks.append(Paragraph(words))
        carried = [(actions[a.action_id], a) for a in since.actions if a.action_id in actions]
        if carried:
            blocks += [
                Heading("How far each action got", 2),
                Table(
                    ("What", "Who", "Progress", "Note"),
                    tuple(
                        (
                            action.what,
                            self.people.label(action.owner_id, "Not yet agreed"),
                            carry.finished_at.words
                            if carry.finished_at is not None
                            else progress_words(action.progress),
                            carry.finished_at.note
                            if carry.finished_at is not None
                            else action.progress_note,
                        )
                        for action, carry in carried
                    ),
                    (4.5, 3.2, 1.8, 3.5),
                ),
            ]
        goals = [statements[i] for i in since.goals if i in statements]
        if goals:
            numbers = {d.id: n for n, d in enumerate(c.danger_statements, start=1)}
            blocks += [
                Heading("How far each safety goal has been reached", 2),
                Table(
                    ("Safety goal", "How far", "Note"),
                    tuple(
                        (
                            f"{numbers.get(d.id, '')}. {d.safety_goal}".strip(". "),
                            progress_words(d.goal_progress),
                            d.goal_progress_note,
                        )
                        for d in goals
                    ),
                    (5.5, 2, 4),
                ),
            ]
        if since.previous_conference is not None and c.kind.is_conference:
            held = since.core_groups
            blocks.append(Heading("Core group meetings since the last conference", 2))
            blocks.append(
                Bullets(
                    tuple(
                        f"{weekday_date(m.on)}" + (f" ({m.present} present)" if m.present else "")
                        for m in held
                    )
                )
                if held
                else Paragraph("No core group met since the last conference.")
            )
        if c.plan_changes:
            blocks.append(Paragraph(c.plan_changes, lead="Changes to the plan agreed: "))
        blocks += self.charts()
        return blocks

    def charts(self) -> list[Block]:
        """The scores over time, for a conference that follows another one."""
        if self.looking_back is None or not self.c.kind.is_conference:
            return []
        history = self.looking_back.scores
        if len(history.meetings) < 2:
            return []
        blocks: list[Block] = [Heading("Scores over time", 2)]
        for chart in history.charts():
            blocks += _chart_blocks(chart.title, chart.series, list(history.dates))
        return blocks

    def worries(self) -> list[Block]:
        c = self.c
        shared = [w for w in c.worries if family_may_see(w)]
        headings = list(self.agenda.headings) if self.agenda else []
        known = {h.key for h in headings}
        blocks: list[Block] = []
        if c.reason_for_conference:
            blocks.append(Paragraph(c.reason_for_conference, lead="Why we are meeting: "))
        groups: list[tuple[str, list[str]]] = [
            (h.title, [self.worry_line(w) for w in shared if w.heading == h.key]) for h in headings
        ]
        others = [w for w in shared if w.heading not in known]
        if others:
            groups.append(("Other", [self.worry_line(w) for w in others]))
        for title, lines in groups:
            if lines:
                blocks += [Heading(title, 2), Bullets(tuple(lines))]
        return blocks

    def worry_line(self, worry: object) -> str:
        text: str = getattr(worry, "text", "")
        who = self.people.name(getattr(worry, "contributor_id", None))
        return f"{text} ({who})" if who else text

    def involvement(self) -> list[Block]:
        c = self.c
        blocks: list[Block] = []
        for child in c.children:
            if child.unborn:
                blocks += self.unborn_involvement(child)
                continue
            part: list[Block] = []
            if child.views:
                part.append(Paragraph(child.views, quote=True))
            part.append(
                Fields(
                    (
                        ("How they took part", self.participation(child)),
                        ("Notes", child.participation_notes),
                    )
                )
            )
            if child.views or child.participation or child.participation_notes:
                blocks += [Heading(f"{child.name}'s views", 2), *part]
        blocks += self.parents_views()
        return blocks

    def participation(self, child: Child) -> str:
        """The national code for the professionals; the family reads it in plain words."""
        if child.participation is None:
            return ""
        if self.audience is Audience.FAMILY:
            return child.participation.plain_label
        return child.participation.label

    def unborn_involvement(self, child: Child) -> list[Block]:
        """An unborn child has no views to record: the expected date and the parents' plans."""
        pairs = (
            ("Expected", long_date(child.expected_on) or "Date not yet known"),
            ("The parents' plans", child.parents_plans),
            ("Notes", child.participation_notes),
        )
        return [Heading(child.name, 2), Fields(pairs)]

    def parents_views(self) -> list[Block]:
        """Each parent's or carer's own views, and whether they agree the reports are right."""
        c = self.c
        blocks: list[Block] = []
        for person in c.people:
            if person.kind is PersonKind.PROFESSIONAL:
                continue
            if not (person.views or person.agrees_reports is not None or person.disagrees_with):
                continue
            relation = self.relation(person)
            blocks.append(
                Heading(f"{person.name}'s views" + (f" ({relation})" if relation else ""), 2)
            )
            if person.views:
                blocks.append(Paragraph(person.views, quote=True))
            blocks.append(
                Fields(
                    (
                        ("Agrees the reports are factually correct", yes_no(person.agrees_reports)),
                        ("What they disagree with", person.disagrees_with),
                    )
                )
            )
        if c.parents_views or c.parents_agree_reports is not None or c.parents_disagreement:
            # Recorded for both parents together, as records made before per-parent views were.
            blocks += [
                Heading("The parents' views, together", 2),
                Paragraph(c.parents_views) if c.parents_views else Paragraph("Not recorded."),
                Fields(
                    (
                        (
                            "Parents agree the reports are factually correct",
                            yes_no(c.parents_agree_reports),
                        ),
                        ("What they disagree with", c.parents_disagreement),
                    )
                ),
            ]
        return blocks

    def scores_table(self, scores: Sequence[tuple[int | None, int | None, str]]) -> Table:
        rows = []
        for person_id, score, reason in scores:
            name, role = self.people.with_role(person_id)
            rows.append((name, role, "" if score is None else str(score), reason))
        return trimmed(
            Table(("Name", "Role and agency", "Score", "Why"), tuple(rows), (2.6, 3.6, 1.2, 5.6))
        )

    def marks(self, scores: Sequence[tuple[int | None, int | None, str]]) -> tuple[ScaleMark, ...]:
        return tuple(
            ScaleMark(score, self.people.name(person_id, "Unknown"))
            for person_id, score, _ in scores
            if score is not None
        )

    def danger(self) -> list[Block]:
        blocks: list[Block] = []
        for number, statement in enumerate(self.c.danger_statements, start=1):
            blocks += [
                Heading(f"Danger statement {number}", 2),
                Paragraph(statement.statement),
                Paragraph(statement.safety_goal, lead="Safety goal: "),
            ]
            if statement.goal_timescale:
                blocks.append(Paragraph(statement.goal_timescale, lead="For how long: "))
            scores = [(s.person_id, s.score, s.reason) for s in statement.scores]
            if scores:
                blocks += [
                    Heading(f"Scaling of danger statement {number}", 3),
                    Scale(self.marks(scores)),
                    self.scores_table(scores),
                ]
        return blocks

    def safety_scale(self) -> list[Block]:
        scores = self.c.safety_scores
        if not scores:
            return []
        marked = [s.score for s in scores if s.score is not None]
        blocks: list[Block] = [
            Paragraph(
                "Everyone scaled the children's safety from 0 (no safety) to 10 "
                "(safe enough to close the case)."
                + (f" Scores ran from {min(marked)} to {max(marked)}." if marked else "")
            ),
            Scale(self.marks([(s.person_id, s.score, s.reason) for s in scores])),
        ]
        rows = []
        for s in scores:
            name, role = self.people.with_role(s.person_id)
            score = "" if s.score is None else str(s.score)
            rows.append((name, role, score, s.reason, s.one_point_up))
        blocks.append(
            trimmed(
                Table(
                    ("Name", "Role and agency", "Score", "Why", "What would move it one point up"),
                    tuple(rows),
                    (2.4, 3, 1.1, 3.5, 3.5),
                )
            )
        )
        return blocks

    def decision(self) -> list[Block]:
        c = self.c
        blocks: list[Block] = []
        for child in c.children:
            decision = child.decision
            if decision is None:
                continue
            pairs = [("Decision", plan_label(decision.plan_type))]
            if decision.category_keys:
                pairs.append(
                    (
                        category_word(c.nation, len(decision.category_keys)),
                        categories(c, decision.category_keys),
                    )
                )
            pairs.append(("Reasons", decision.reasons))
            pairs.append(("Lead social worker", self.people.name(child.lead_social_worker_id)))
            blocks += [Heading(child.name, 2), Fields(tuple(pairs))]
        if c.agency_views:
            rows = []
            for view in c.agency_views:
                name, role = self.people.with_role(view.person_id)
                who = f"{name} ({role})" if role else name
                rows.append(
                    (
                        who,
                        capitalised(self.about(view.child_ids)),
                        plan_label(view.recommendation),
                        view.view,
                    )
                )
            blocks += [
                Heading("What each agency thought", 2),
                trimmed(
                    Table(
                        ("Agency", "About", "Recommended", "View"),
                        tuple(rows),
                        (3.6, 1.8, 2.4, 5.2),
                    )
                ),
            ]
        if c.dissents:
            blocks.append(Heading("Dissent", 2))
            for dissent in c.dissents:
                name, role = self.people.with_role(dissent.person_id)
                who = f"{name} ({role})" if role else name or "A professional"
                blocks.append(
                    Paragraph(
                        dissent.reasons,
                        lead=f"{who} disagreed with the decision for "
                        f"{self.about(dissent.child_ids)}: ",
                    )
                )
        return blocks

    def plan(self) -> list[Block]:
        c = self.c
        blocks: list[Block] = []
        immediate = tuple(i.text for i in c.plan_items if i.section is PlanSection.IMMEDIATE_SAFETY)
        bottom = tuple(i.text for i in c.plan_items if i.section is PlanSection.BOTTOM_LINE)
        if immediate:
            blocks += [Heading("Immediate safety: what happens from today", 2), Bullets(immediate)]
        if bottom:
            blocks += [Heading("Bottom lines: what must and must not happen", 2), Bullets(bottom)]
        if c.timeline:
            blocks += [
                Heading("Timeline: what needs to happen by when", 2),
                Table(
                    ("What", "By when"),
                    tuple((t.what, long_date(t.by_when) or "No date set") for t in c.timeline),
                    (4, 1.4),
                ),
            ]
        return blocks

    def plan_network(self) -> list[Block]:
        rows = []
        for member in self.c.plan_network:
            person = self.people.get(member.person_id)
            if person is None:
                rows.append(("", "", member.part))
                continue
            relation = self.relation(person)
            rows.append((person.name, relation or role_and_agency(person), member.part))
        if not rows:
            return []
        return [Table(("Name", "Who they are", "Their part in the plan"), tuple(rows), (2.5, 3, 6))]

    def plan_rules(self) -> list[Block]:
        blocks: list[Block] = []
        for rule in self.c.plan_rules:
            blocks += [
                Heading(rule.behaviour or "Plan rule", 2),
                Fields(
                    (
                        ("What is working well", rule.working_well),
                        ("Stressors and triggers", rule.triggers),
                        ("Red flags", rule.red_flags),
                        ("Who will do what", rule.contingency),
                    )
                ),
            ]
        return blocks

    def demonstrating(self) -> list[Block]:
        c = self.c
        if c.childrens_version_shared_on is not None:
            shared = f"Yes, on {long_date(c.childrens_version_shared_on)}"
        else:
            shared = yes_no(c.childrens_version_shared)
        made = yes_no(c.childrens_version_made)
        made_with = c.childrens_version_made_with.strip()
        if made_with:  # words typed are never left out, ticked or not
            made = f"Yes, with {made_with}" if c.childrens_version_made else f"{made} ({made_with})"
        blocks: list[Block] = [
            Fields(
                (
                    ("Children's version of the plan made", made),
                    ("Shared with the children", shared),
                )
            )
        ]
        if c.demonstration_methods:
            blocks += [
                Heading("How the family will show the plan working", 2),
                Bullets(
                    tuple(
                        f"{m.method.label}: {m.details}" if m.details else m.method.label
                        for m in c.demonstration_methods
                    )
                ),
            ]
        return blocks

    def actions(self) -> list[Block]:
        blocks: list[Block] = []
        for for_whom, title in (
            (ActionFor.PROFESSIONALS, "Actions for professionals"),
            (ActionFor.FAMILY, "Actions for the family and network"),
        ):
            rows = tuple(
                (
                    a.what,
                    self.people.label(a.owner_id, "Not yet agreed"),
                    long_date(a.due_on) or "No date set",
                    a.status.label,
                )
                for a in self.c.actions
                if a.for_whom is for_whom
            )
            if rows:
                blocks += [
                    Heading(title, 2),
                    Table(("What", "Who", "By when", "Status"), rows, (5.5, 4, 2.4, 1.4)),
                ]
        return blocks

    def core_group(self) -> list[Block]:
        c = self.c
        blocks: list[Block] = []
        if c.core_group_members:
            rows = []
            for member in c.core_group_members:
                name, role = self.people.with_role(member.person_id)
                rows.append((name, role))
            blocks += [
                Heading("Core group members", 2),
                Table(("Name", "Role"), tuple(rows), (1, 1.6)),
            ]
        if c.core_group_meetings:
            blocks += [
                Heading("Core group meetings", 2),
                Table(
                    ("Date", "Notes"),
                    tuple((weekday_or_unset(m.meets_on), m.notes) for m in c.core_group_meetings),
                    (1, 1.6),
                ),
            ]
        if c.review_conference_on:
            blocks.append(
                Paragraph(weekday_or_unset(c.review_conference_on), lead="Review conference: ")
            )
        return blocks

    def professionals_only(self) -> list[Block]:
        """The only section that writes professionals-only notes or confidential worries."""
        c = self.c
        notes = c.professionals_only
        confidential = [w for w in c.worries if not family_may_see(w)]
        if not notes and not confidential:
            return []
        blocks: list[Block] = [Notice(CONFIDENTIAL_WARNING, Tone.CONFIDENTIAL)]
        if notes:
            blocks.append(
                Table(
                    ("Source", "Information"),
                    tuple((n.source, n.text) for n in notes),
                    (1, 4),
                )
            )
        if confidential:
            titles = {h.key: h.title for h in self.agenda.headings} if self.agenda else {}
            blocks += [
                Heading("Confidential worries and strengths", 2),
                Table(
                    ("Heading", "Information", "From"),
                    tuple(
                        (
                            titles.get(w.heading, w.heading),
                            w.text,
                            self.people.name(w.contributor_id),
                        )
                        for w in confidential
                    ),
                    (1.4, 4, 1.4),
                ),
            ]
        blocks.append(
            Notice("End of the CONFIDENTIAL professionals-only section.", Tone.CONFIDENTIAL)
        )
        return blocks

    def summary(self) -> list[Block]:
        c = self.c
        blocks: list[Block] = []
        if c.chair_summary:
            blocks += [Heading("Summary", 2), Paragraph(c.chair_summary)]
        if c.decision_statement:
            blocks += [Heading("Decision", 2), Paragraph(c.decision_statement)]
        return blocks

    def childrens_plan(self) -> list[Block]:
        blocks: list[Block] = []
        named: list[str] = []
        for child in self.c.children:
            plan = child.childrens_plan
            if plan is None or not has_a_childrens_plan(child):
                continue
            fields = Fields(
                (
                    ("Why people are worried", plan.worries),
                    ("My safety people", plan.safety_people),
                    ("What will happen", plan.what_will_happen),
                    ("If I feel unsafe", plan.if_unsafe),
                    ("Who I can talk to", plan.who_to_talk_to),
                )
            )
            if not any(v for _, v in fields.pairs):
                continue
            name = child.first_name or child.name
            named.append(name)
            blocks += [Heading(f"{name}'s plan", 2), fields]
            if not plan_written(child):
                blocks.append(
                    Paragraph(
                        f"These are the words {name}'s plan was started with; it has not yet "
                        f"been written for {name}."
                    )
                )
        if blocks:
            blocks.insert(0, Paragraph(f"The words of the children's plan for {joined(named)}."))
        return blocks


def trimmed(table: Table) -> Table:
    """The table without columns nobody filled in (the name column always stays)."""
    keep = [0] + [
        index
        for index in range(1, len(table.header))
        if any(index < len(row) and row[index].strip() for row in table.rows)
    ]
    if len(keep) == len(table.header):
        return table
    return Table(
        tuple(table.header[i] for i in keep),
        tuple(tuple(row[i] for i in keep) for row in table.rows),
        tuple(table.widths[i] for i in keep) if table.widths else (),
    )


def progress_sentence(since: SinceLast, conference: Conference) -> str:
    """In words: "Of 4 actions carried from last time, 1 done at a core group, 2 done
    and 1 partly done."."""
    parts: list[str] = []
    actions = {a.id: a for a in conference.actions}
    carried = [a for a in since.actions if a.action_id in actions]
    if carried:
        finished = sum(1 for a in carried if a.finished_at is not None)
        asked = [actions[a.action_id].progress for a in carried if a.finished_at is None]
        counts = [
            (sum(1 for p in asked if p is kind), kind.label.lower()) for kind in ActionProgress
        ]
        said = [f"{n} {words}" for n, words in counts if n]
        if finished:
            said.insert(0, f"{finished} finished at a core group")
        total = len(carried)
        words = f"Of {total} action{'s' if total != 1 else ''} carried from last time"
        parts.append(
            f"{words}, {joined(said)}." if said else f"{words}, none has been asked about yet."
        )
    goals = [d for d in conference.danger_statements if d.id in set(since.goals)]
    if goals:
        reached = sum(1 for d in goals if d.goal_progress is GoalProgress.REACHED)
        partly = sum(1 for d in goals if d.goal_progress is GoalProgress.PARTLY)
        total = len(goals)
        parts.append(
            f"{reached} of {total} safety goal{'s' if total != 1 else ''} reached"
            + (f", {partly} partly." if partly else ".")
        )
    return " ".join(parts)


def _chart_blocks(title: str, series: Sequence[Series], dates: list[dt.date]) -> list[Block]:
    from .chart import ChartLine, chart_png

    lines = [s for s in series if s.points]
    if not lines:
        return []
    chart = [
        ChartLine(colour_of(i), tuple((p.column, p.score) for p in s.points))
        for i, s in enumerate(lines)
    ]
    shown = " → ".join(f"{d.day} {d:%b %Y}" for d in dates)
    description = f"{title} over time ({shown}): " + "; ".join(
        f"{s.label} {' → '.join(str(p.score) for p in s.points)}" for s in lines
    )
    return [
        Heading(title, 3),
        Image(chart_png(len(dates), chart), description),
        Paragraph(f"Left to right: {shown}. 0 at the bottom, 10 at the top."),
        Table(
            ("Colour", "Who", "Scores, meeting by meeting"),
            tuple(
                (
                    COLOUR_WORDS.get(colour_of(i), ""),
                    s.label,
                    " → ".join(f"{p.score} ({p.on.day} {p.on:%b})" for p in s.points),
                )
                for i, s in enumerate(lines)
            ),
            (1.6, 4.4, 5),
        ),
    ]


#: The chart's colours in words, so the legend reads without colour too.
COLOUR_WORDS = {
    "0072B2": "Blue",
    "D55E00": "Orange-red",
    "009E73": "Green",
    "CC79A7": "Pink",
    "E69F00": "Amber",
    "56B4E9": "Sky blue",
    "000000": "Black",
    "F0E442": "Yellow",
}


def weekday_or_unset(day: dt.date | None) -> str:
    return weekday_date(day) or "Date not yet set"
