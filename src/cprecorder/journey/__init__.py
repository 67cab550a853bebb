"""A family's journey: the case, its meetings in time order, and what carries between them.

Plain Python over the record model (never Qt): the window, the command line and
the exports all read the journey from here.
"""

from .carry import carry_forward
from .facts import CaseFacts, ChildAt, MeetingFacts, case_facts, meetings_of_cases
from .journey import (
    ChildOutcome,
    ChildPlan,
    Journey,
    JourneyEntry,
    journey_of,
    load_journey,
)
from .looking_back import LookingBack, looking_back
from .meetings import case_of
from .outcome import Outcome, outcome, outcome_words
from .scores import (
    Chart,
    LastTime,
    LastTimes,
    ScoreHistory,
    last_scores,
    last_times,
    score_history,
)
from .since import CarriedAction, FinishedAt, SinceLast, since_last

__all__ = [
    "CarriedAction",
    "CaseFacts",
    "Chart",
    "ChildAt",
    "ChildOutcome",
    "ChildPlan",
    "FinishedAt",
    "Journey",
    "JourneyEntry",
    "LastTime",
    "LastTimes",
    "LookingBack",
    "MeetingFacts",
    "Outcome",
    "ScoreHistory",
    "SinceLast",
    "carry_forward",
    "case_facts",
    "case_of",
    "journey_of",
    "last_scores",
    "last_times",
    "load_journey",
    "looking_back",
    "meetings_of_cases",
    "outcome",
    "outcome_words",
    "score_history",
    "since_last",
]
