"""Which agenda item (pane) shows each part of the record.

Shared by the chair's review (links to fields) and the window (Ctrl+F, reopening
where work stopped), so the two never disagree. Plain data: no Qt.
"""

from __future__ import annotations

#: The agenda item (pane) that shows each kind of item.
ENTITY_PANE: dict[str, str] = {
    "child": "family",
    "person": "family",
    "worry": "worries",
    "danger_statement": "danger",
    "danger_score": "danger",
    "safety_score": "safety_scale",
    "child_decision": "decision",
    "agency_view": "decision",
    "dissent": "decision",
    "agency_view_child": "decision",
    "dissent_child": "decision",
    "plan_item": "plan",
    "timeline_item": "plan",
    "plan_network_member": "plan_network",
    "plan_rule": "plan_rules",
    "demonstration_method": "demonstrating",
    "action": "actions",
    "core_group_member": "core_group",
    "core_group_meeting": "core_group",
    "professionals_only_note": "professionals_only",
    "childrens_plan": "childrens_plan",
    "child_relationship": "family",
}

#: Fields held on the conference itself, by the pane that shows them.
CONFERENCE_FIELD_PANE: dict[str, str] = {
    "pre_meeting_notes": "before",
    "interpreter_language": "before",
    "equality_notes": "before",
    "observers": "before",
    "inquorate_reason": "family",
    "reason_for_conference": "worries",
    "parents_views": "involvement",
    "parents_disagreement": "involvement",
    "childrens_version_made": "demonstrating",
    "childrens_version_shared": "demonstrating",
    "childrens_version_made_with": "demonstrating",
    "childrens_version_shared_on": "demonstrating",
    "strategy_discussion_on": "before",
    "review_conference_on": "core_group",
    "plan_changes": "since_last",
    "chair_summary": "summary",
    "decision_statement": "summary",
}
