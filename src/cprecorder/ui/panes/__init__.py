"""One pane per agenda item; the agenda file decides which appear and in what order."""

from __future__ import annotations

from .base import Pane, PaneContext

#: Agenda item key → pane class. Filled by :func:`pane_classes` on first use.
_REGISTRY: dict[str, type[Pane]] = {}


def pane_classes() -> dict[str, type[Pane]]:
    if not _REGISTRY:
        from . import before, professionals_only, summary

        for module in (before, professionals_only, summary):
            _REGISTRY[module.PANE.key] = module.PANE
        for name in (
            "family",
            "worries",
            "involvement",
            "danger",
            "safety_scale",
            "decision",
            "plan",
            "plan_network",
            "plan_rules",
            "demonstrating",
            "actions",
            "core_group",
            "childrens_plan",
        ):
            try:
                module = __import__(f"{__name__}.{name}", fromlist=["PANE"])
            except ModuleNotFoundError:
                continue
            _REGISTRY[module.PANE.key] = module.PANE
    return _REGISTRY


__all__ = ["Pane", "PaneContext", "pane_classes"]
