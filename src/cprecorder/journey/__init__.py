"""A family's journey: the case, its meetings in time order, and what carries between them.

Plain Python over the record model (never Qt): the window, the command line and
the exports all read the journey from here.
"""

from .carry import carry_forward
from .journey import ChildOutcome, Journey, JourneyEntry, journey_of, load_journey
from .meetings import case_meetings, case_of, conference_before, latest_meeting
from .outcome import Outcome, outcome, outcome_words
from .scores import (
    LastTime,
    LastTimes,
    ScoreHistory,
    last_danger_scores,
    last_safety_scores,
    last_times,
    score_history,
)
from .since import SinceLast, since_last

__all__ = [
    "ChildOutcome",
    "Journey",
    "JourneyEntry",
    "LastTime",
    "LastTimes",
    "Outcome",
    "ScoreHistory",
    "SinceLast",
    "carry_forward",
    "case_meetings",
    "case_of",
    "conference_before",
    "journey_of",
    "last_danger_scores",
    "last_safety_scores",
    "last_times",
    "latest_meeting",
    "load_journey",
    "outcome",
    "outcome_words",
    "score_history",
    "since_last",
]
