"""The six tabs, in order, with their keys. Each tab's class is imported when it is first needed.

Start-up pays only for the tab on screen, so a tab names its class through a small loader function rather
than an import at the top; the loader's return type is the class, so nothing is looked up by a string.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crampguide.ui.tabs.base import GuideTab


@dataclass(frozen=True)
class Tab:
    id: str
    title: str
    key: str
    load: Callable[[], type[GuideTab]]


def _causes() -> type[GuideTab]:
    from crampguide.ui.tabs.causes import CausesTab

    return CausesTab


def _treatments() -> type[GuideTab]:
    from crampguide.ui.tabs.treatments import TreatmentsTab

    return TreatmentsTab


def _triage() -> type[GuideTab]:
    from crampguide.ui.tabs.triage import TriageTab

    return TriageTab


def _stretch() -> type[GuideTab]:
    from crampguide.ui.tabs.stretch import StretchTab

    return StretchTab


def _prevention() -> type[GuideTab]:
    from crampguide.ui.tabs.prevention import PreventionTab

    return PreventionTab


def _diary() -> type[GuideTab]:
    from crampguide.ui.tabs.diary import DiaryTab

    return DiaryTab


TABS: tuple[Tab, ...] = (
    Tab("causes", "Causes", "1", _causes),
    Tab("treatments", "Treatments", "2", _treatments),
    Tab("triage", "Triage", "3", _triage),
    Tab("stretch", "Stretch", "4", _stretch),
    Tab("prevention", "Prevention", "5", _prevention),
    Tab("diary", "Diary", "6", _diary),
)


def tab(tab_id: str) -> Tab:
    """The tab with this id; KeyError for an unknown one."""
    for candidate in TABS:
        if candidate.id == tab_id:
            return candidate
    raise KeyError(tab_id)
