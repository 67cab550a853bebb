"""The conference record as a typed SQLAlchemy model.

Every agenda item of a Child Protection Conference is a table of its own, so the
record can be checked, reviewed and exported item by item.
"""

from .assessment import DangerScore, DangerStatement, SafetyScore, WorryItem
from .audit import AuditEntry
from .base import (
    ActionFor,
    ActionProgress,
    ActionStatus,
    Attendance,
    Base,
    ConferenceKind,
    DemonstrationMethodKind,
    GoalProgress,
    Household,
    HowHeld,
    JoinedBy,
    ParticipationCode,
    PersonKind,
    PlanSection,
    PlanType,
    RecordStatus,
    Role,
)
from .case import Case
from .conference import Addendum, Conference
from .confidential import ProfessionalsOnlyNote
from .decision import (
    AgencyView,
    AgencyViewChild,
    ChildDecision,
    DecisionCategory,
    Dissent,
    DissentChild,
)
from .editing import EditingSession
from .family import NAMED_IN_AN_ACTION, Child, ChildRelationship, Person
from .operation import Operation, Scope
from .plan import (
    Action,
    ChildrensPlan,
    CoreGroupMeeting,
    CoreGroupMember,
    DemonstrationMethod,
    PlanItem,
    PlanNetworkMember,
    PlanRule,
    TimelineItem,
)

__all__ = [
    "NAMED_IN_AN_ACTION",
    "Action",
    "ActionFor",
    "ActionProgress",
    "ActionStatus",
    "Addendum",
    "AgencyView",
    "AgencyViewChild",
    "Attendance",
    "AuditEntry",
    "Base",
    "Case",
    "Child",
    "ChildDecision",
    "ChildRelationship",
    "ChildrensPlan",
    "Conference",
    "ConferenceKind",
    "CoreGroupMeeting",
    "CoreGroupMember",
    "DangerScore",
    "DangerStatement",
    "DecisionCategory",
    "DemonstrationMethod",
    "DemonstrationMethodKind",
    "Dissent",
    "DissentChild",
    "EditingSession",
    "GoalProgress",
    "Household",
    "HowHeld",
    "JoinedBy",
    "Operation",
    "ParticipationCode",
    "Person",
    "PersonKind",
    "PlanItem",
    "PlanNetworkMember",
    "PlanRule",
    "PlanSection",
    "PlanType",
    "ProfessionalsOnlyNote",
    "RecordStatus",
    "Role",
    "SafetyScore",
    "Scope",
    "TimelineItem",
    "WorryItem",
]
