"""The children's plan: the plan in a child's words and pictures, addressed to them.

The words come from the child's ``ChildrensPlan``. Where a part is still empty,
:func:`suggested_childrens_plan` offers words built from the facts of the plan the
conference agreed (the safety network named as the child knows them, the social
worker's visits, the dates), written to the child; the adults' sentences are
never copied in. The window pre-fills its pane with the same suggestions, and
:func:`plan_written` tells a plan someone rewrote for the child from one that
still holds only those words, so it is never sent unnoticed. An unborn child has
no children's plan. Nothing here reads professionals-only notes or confidential
worries.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace

from ..language.family_words import FamilyWordList, default_family_words
from ..model import Child, Conference, Person, PersonKind, PlanSection
from .blocks import Block, Content, Heading, Notice, PageBreak, Pictures, Title, Tone
from .pictures import PICTURES
from .wording import People, capitalised, footer_line, joined, long_date, weekday_date

log = logging.getLogger(__name__)

#: The parts of a children's plan, in order: field, heading, picture, box colour
#: (the picture's own background, so each part has a colour of its own).
PARTS: tuple[tuple[str, str, str, str], ...] = (
    ("worries", "Why the grown-ups are worried", "house", "FFEBD2"),
    ("safety_people", "My safety people", "people", "DDF2EC"),
    ("what_will_happen", "What will happen", "calendar", "E8E4F8"),
    ("if_unsafe", "If I feel unsafe", "phone", "DCEEFB"),
    ("who_to_talk_to", "Who I can talk to", "heart", "FDE2E4"),
)

FIELDS = (*(part[0] for part in PARTS), "pictures")

DEFAULT_PICTURES = "house,sun,heart"

CHILDLINE = "You can ring Childline on 0800 1111 at any time. It is free."


def first_name(child: Child) -> str:
    if child.first_name:
        return child.first_name
    return "the baby" if child.unborn else "you"


def has_a_childrens_plan(child: Child) -> bool:
    """A children's plan is written for a child who is born: never to "Baby" before birth."""
    return not child.unborn


#: The parts a person writes in words (pictures are chosen, not written).
WORDED_PARTS = tuple(part[0] for part in PARTS)


def prefilled_words(words: dict[str, str]) -> str:
    """What a plan was started with, kept so a plan nobody rewrote can be told apart."""
    return json.dumps({k: words.get(k, "") for k in WORDED_PARTS}, ensure_ascii=False)


def words_to_start_with(conference: Conference, child: Child) -> dict[str, str]:
    """The words a new plan for this child starts with, part by part (no pictures)."""
    suggested = _suggestions(conference, child)
    return {part: suggested[part] for part in WORDED_PARTS}


def plan_written(child: Child) -> bool:
    """Whether someone wrote this child's plan, rather than leaving the words it started with."""
    plan = child.childrens_plan
    if plan is None:
        return False
    try:
        started: object = json.loads(plan.prefilled) if plan.prefilled else {}
    except ValueError:
        started = {}
    if not isinstance(started, dict) or not started:
        return any(getattr(plan, key).strip() for key in WORDED_PARTS)
    return any(
        getattr(plan, key).strip()
        and getattr(plan, key).strip() != str(started.get(key, "")).strip()
        for key in WORDED_PARTS
    )


def suggested_childrens_plan(conference: Conference, child: Child) -> dict[str, str]:
    """The words for each part of this child's plan: theirs where written, else suggested.

    Keys are the ``ChildrensPlan`` fields (worries, safety_people, what_will_happen,
    if_unsafe, who_to_talk_to, pictures).
    """
    written = child.childrens_plan
    suggested = _suggestions(conference, child)
    result: dict[str, str] = {}
    for key in FIELDS:
        own = getattr(written, key, "") if written is not None else ""
        result[key] = own.strip() if own and own.strip() else suggested[key]
    return result


def _suggestions(conference: Conference, child: Child) -> dict[str, str]:
    """Words written to the child, from the plan's facts; never the adults' sentences."""
    name = first_name(child)
    people = People(conference)
    words = default_family_words()
    safety = _safety_people(conference, child, people, words)
    worker = people.get(child.lead_social_worker_id)
    worker_words = as_the_child_knows(worker, child, words) if worker is not None else ""

    happen: list[str] = []
    if any(
        i.text.strip() for i in conference.plan_items if i.section is PlanSection.IMMEDIATE_SAFETY
    ):
        happen.append("The grown-ups have made a plan to help keep you safe at home.")
    if worker_words:
        # "Bethan, your social worker, will come": an aside closes with a comma.
        who = f"{worker_words}," if "," in worker_words else worker_words
        happen.append(f"{capitalised(who)} will come to see you and ask how you are.")
    first_meeting = next((m.meets_on for m in conference.core_group_meetings if m.meets_on), None)
    if first_meeting is not None:
        happen.append(
            f"On {weekday_date(first_meeting)} the grown-ups will meet "
            "to check how things are going."
        )
    if conference.review_conference_on is not None:
        happen.append(
            f"There will be another big meeting on {weekday_date(conference.review_conference_on)}."
        )

    talk = list(safety)
    if worker_words and worker_words not in talk:
        talk.append(worker_words)
    family = [name for name in safety if name.startswith("your ")]
    go_to = joined(family or safety, "or")
    return {
        "worries": (
            f"Some grown-ups have been worried about what happens at home, {name}. "
            "They want you to be safe and happy. It is not your fault."
        ),
        "safety_people": (
            f"Your safety people are {joined(safety)}. They will help keep you safe."
            if safety
            else ""
        ),
        "what_will_happen": "\n".join(happen),
        "if_unsafe": (
            f"If you feel scared or unsafe, go to {go_to or 'a grown-up you trust'} and tell "
            f"them. If someone is hurt or in danger, call 999. {CHILDLINE}"
        ),
        "who_to_talk_to": (
            f"You can talk to {joined(talk, 'or')}. {CHILDLINE}" if talk else CHILDLINE
        ),
        "pictures": DEFAULT_PICTURES,
    }


def as_the_child_knows(person: Person, child: Child, words: FamilyWordList) -> str:
    """ "your Mum", "your Nanna Maureen", "Hannah, your social worker", "Jason"."""
    first = person.name.strip().split(" ")[0] if person.name.strip() else ""
    if person.kind is PersonKind.PROFESSIONAL:
        called = person.known_as.strip() or first
        return words.for_role(person.role, called) or (
            f"{called} at {person.agency}" if person.agency.strip() else called
        )
    if person.known_as.strip():
        return person.known_as.strip()
    relation = next(
        (
            r.relationship_to_child
            for r in person.relationships
            if r.child_id == child.id and r.relationship_to_child.strip()
        ),
        "",
    )
    return words.for_relationship(relation, first) or first


def _safety_people(
    conference: Conference, child: Child, people: People, words: FamilyWordList
) -> list[str]:
    """The safety network as the child knows them, family first."""
    found: list[str] = []
    for member in conference.plan_network:
        person = people.get(member.person_id)
        if person is None or not person.name.strip():
            continue
        called = as_the_child_knows(person, child, words)
        if called and called not in found:
            found.append(called)
    return sorted(found, key=lambda name: not name.startswith("your "))


def picture_keys(text: str) -> tuple[str, ...]:
    """Known picture keys from the comma-separated list, in order, once each."""
    keys: list[str] = []
    for raw in text.split(","):
        key = raw.strip().lower()
        if not key or key in keys:
            continue
        if key in PICTURES:
            keys.append(key)
        else:
            log.warning("The children's plan asks for a picture %r that does not exist.", key)
    return tuple(keys)


def childrens_plan_content(conference: Conference, children: list[Child]) -> Content:
    """One plan per child; each child's plan starts on a new page."""
    names = joined(first_name(c) for c in children)
    content = Content(
        title=(
            f"{names}'s plan – {conference.family_name} family"
            if len(children) == 1
            else f"Children's plans: {names} – {conference.family_name} family"
        ),
        subject=f"Children's plan – {conference.family_name} family",
        footer=footer_line(conference),
        status="Signed off" if conference.is_signed_off else "Draft",
    )
    for index, child in enumerate(children):
        if index:
            content.add(PageBreak())
        content.add(*_one_child(conference, child))
    return content


def _one_child(conference: Conference, child: Child) -> list[Block]:
    words = suggested_childrens_plan(conference, child)
    name = first_name(child)
    blocks: list[Block] = [
        Title(f"{name}'s plan", f"Made on {long_date(conference.scheduled_at.date())}"),
        Notice(
            f"Hello {name}! This is your plan. It tells you how the grown-ups "
            "are going to help keep you safe.",
            Tone.FRIENDLY,
        ),
    ]
    chosen = picture_keys(words["pictures"])
    if chosen:
        blocks.append(Pictures(chosen))
    for field, heading, picture, colour in PARTS:
        lines = [line.strip() for line in words[field].splitlines() if line.strip()]
        if lines:
            blocks += [
                Heading(heading, 1, picture=picture),
                Notice("\n".join(lines), Tone.FRIENDLY, colour=colour),
            ]
    if isinstance(blocks[-1], Notice):
        # "Remember" never stands alone on a last page: the last part goes with it.
        blocks[-1] = replace(blocks[-1], keep_with_next=True)
    blocks += [
        Heading("Remember", 1, picture="star"),
        Notice(
            f"You are important, {name}. Everyone wants you to be safe and happy.",
            Tone.FRIENDLY,
        ),
    ]
    return blocks
