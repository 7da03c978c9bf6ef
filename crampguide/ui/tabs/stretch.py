"""Stretch tab: a routine picker and a player, one shown at a time.

The picker (`stretch_picker.py`) lists the routines; the player (`stretch_player.py`) runs one. This module
only switches between them, keeps the bedtime look while a bedtime routine runs, ticks the Prevention
checklist when a routine is finished, and hands a first-aid session to the Diary tab to be logged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from crampguide.checklist import item_texts
from crampguide.routine import TimerState
from crampguide.ui.screens.entry_form import EntryValues
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.tabs.stretch_picker import RoutinePicker
from crampguide.ui.tabs.stretch_player import RoutinePlayer
from crampguide.words import TICKED_ON_CHECKLIST

if TYPE_CHECKING:
    from crampguide.ui.services import Services


class StretchTab(GuideTab):
    @classmethod
    def key_legend(cls) -> list[Binding]:
        """The player's keys: they are in force while a routine runs."""
        return [binding for binding in RoutinePlayer.BINDINGS if isinstance(binding, Binding)]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self._in_bedtime_look = False
        self._ready = False
        self._pending_routine: str | None = None

    def compose(self) -> ComposeResult:
        services = self.services
        yield RoutinePicker(services.guide, services.shell.key_hint, id="routine-picker")
        yield RoutinePlayer(
            services.guide,
            services.store,
            services.now,
            services.monotonic,
            services.shell,
            id="routine-player",
        )

    @property
    def picker(self) -> RoutinePicker:
        return self.query_one(RoutinePicker)

    @property
    def player(self) -> RoutinePlayer:
        return self.query_one(RoutinePlayer)

    def on_mount(self) -> None:
        self.player.display = False
        self._ready = True
        if self._pending_routine is not None:
            routine_id, self._pending_routine = self._pending_routine, None
            self.start_routine(routine_id)

    def focus_first(self) -> None:
        timer = self.player.timer
        if timer is not None and timer.state is not TimerState.IDLE:
            self.player.focus()
        else:
            self.picker.focus_list()

    # --- switching ---------------------------------------------------------------------------------

    def start_routine(self, routine_id: str) -> None:
        """Start a routine by id; unknown ids are refused with a notification listing the known ones."""
        if not self._ready:
            # Called at start-up (`--routine`) right after the tab was mounted: its widgets do not exist yet.
            self._pending_routine = routine_id
            return
        guide = self.services.guide
        known = [routine.id for routine in guide.routines]
        if routine_id not in known:
            known_text = ", ".join(known)
            self.services.shell.report(f"No routine '{routine_id}'. Known: {known_text}", severity="error")
            return
        routine = guide.routine(routine_id)
        self.picker.display = False
        self.player.display = True
        self._enter_bedtime_look(routine.bedtime)
        self.player.start(routine)

    @on(RoutinePicker.Chosen)
    def _chosen(self, event: RoutinePicker.Chosen) -> None:
        self.start_routine(event.routine_id)

    @on(RoutinePlayer.Stopped)
    def _stopped(self) -> None:
        self._leave_bedtime_look()
        self.player.display = False
        self.picker.display = True
        self.picker.focus_list()

    @on(RoutinePlayer.Finished)
    def _finished(self, event: RoutinePlayer.Finished) -> None:
        checklists = self.services.guide.checklists
        store, routine_id = self.services.store, event.routine_id

        def ticked(items: list[tuple[str, str]]) -> None:
            texts = item_texts(checklists, items)
            if texts:
                shown = TICKED_ON_CHECKLIST + "; ".join(texts)
                self.services.shell.report(shown, timeout=4)

        self.services.shell.save(lambda: store.tick_routine(checklists, routine_id), then=ticked)

    @on(RoutinePlayer.LogCramp)
    async def _log_cramp(self, event: RoutinePlayer.LogCramp) -> None:
        """Open the diary's entry form filled in from the session; the user checks it and saves."""
        from crampguide.ui.tabs.diary import DiaryTab

        log = event.log
        draft = EntryValues(
            when=log.when, leg=log.leg, severity=None, minutes=log.minutes, helped=log.helped, note=""
        )
        diary = await self.services.shell.show_tab("diary")
        if isinstance(diary, DiaryTab):
            diary.add_entry(draft)

    # --- bedtime look ------------------------------------------------------------------------------

    def _enter_bedtime_look(self, bedtime: bool) -> None:
        """The app keeps the user's own theme and comes back to it (see `Shell.begin_bedtime_look`)."""
        if bedtime:
            self._in_bedtime_look = True
            self.services.shell.begin_bedtime_look()

    def _leave_bedtime_look(self) -> None:
        if self._in_bedtime_look:
            self._in_bedtime_look = False
            self.services.shell.end_bedtime_look()
