"""The full-screen app: six tabs, global keys, themes and the command palette.

Startup is designed around the first frame: this module imports neither Pydantic nor the content models at
import time. The tab bar is drawn at once; the content pack is loaded in a thread worker right after mount,
the tab on screen is built in one batch when the guide arrives, and any other tab the first time it shows.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Header, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerState

from crampguide.store import Store, StoreError, local_now
from crampguide.ui.search import GuideSearch
from crampguide.ui.themes import BEDTIME_THEME, THEME_CYCLE, setting_for_theme, theme_for_setting
from crampguide.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from crampguide.guide.models import Guide
    from crampguide.ui.tabs.base import GuideTab


@dataclass(frozen=True)
class Tab:
    id: str
    title: str
    key: str
    module: str
    cls: str


TABS: tuple[Tab, ...] = (
    Tab("causes", "Causes", "1", "crampguide.ui.tabs.causes", "CausesTab"),
    Tab("treatments", "Treatments", "2", "crampguide.ui.tabs.treatments", "TreatmentsTab"),
    Tab("triage", "Triage", "3", "crampguide.ui.tabs.triage", "TriageTab"),
    Tab("stretch", "Stretch", "4", "crampguide.ui.tabs.stretch", "StretchTab"),
    Tab("prevention", "Prevention", "5", "crampguide.ui.tabs.prevention", "PreventionTab"),
    Tab("diary", "Diary", "6", "crampguide.ui.tabs.diary", "DiaryTab"),
)

FIRST_AID_ROUTINE = "cramp-now"


@dataclass(frozen=True)
class Services:
    """What tabs need from outside themselves; passed in so tests can swap the clocks."""

    guide: Guide
    store: Store
    now: Callable[[], datetime]
    monotonic: Callable[[], float]


class CrampGuideApp(App[int]):
    CSS_PATH = "app.tcss"
    # Causes and treatments are found by their text too, not only by their titles.
    COMMANDS = App.COMMANDS | {GuideSearch}
    TITLE = "crampguide"
    SUB_TITLE = "night calf cramps"

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(tab.key, f"show_tab('{tab.id}')", tab.title, show=False, id=f"tab-{tab.id}")
            for tab in TABS
        ),
        Binding("c", "cramp_now", "Cramp now", id="cramp-now", priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        Binding("t", "cycle_theme", "Theme", id="theme"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        *,
        content_dir: Path,
        data_dir: Path,
        cache_dir: Path | None = None,
        initial_tab: str = "causes",
        start_routine: str | None = None,
        now: Callable[[], datetime] = local_now,
        monotonic: Callable[[], float] = time.monotonic,
        on_started: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.content_dir = content_dir
        self.cache_dir = cache_dir
        self.store = Store(data_dir, now)
        self.now = now
        self.monotonic = monotonic
        self.initial_tab = initial_tab
        self.pending_routine = start_routine
        self.services: Services | None = None
        self.content_problems: tuple[str, ...] = ()
        self._persist_theme = True
        self.key_overrides: dict[str, str] = {}
        self._mounted_tabs: set[str] = set()
        self._on_started = on_started

    # --- start-up -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            for tab in TABS:
                with TabPane(f"{tab.key} {tab.title}", id=tab.id):
                    # Still text, not an animated indicator: five hidden panes wait here, costing nothing.
                    yield Static("Loading the guide…", classes="loading")
        yield KeysFooter()

    def on_mount(self) -> None:
        settings = self._settings_at_start = self.store.settings()
        for theme in (BEDTIME_THEME,):
            self.register_theme(theme)
        self.apply_theme(theme_for_setting(settings.theme), persist=False)
        self.key_overrides = dict(settings.keys)
        if self.key_overrides:
            self.set_keymap(self.key_overrides)
        self._show_store_warnings()
        self.run_worker(
            self._load_guide, name="load-guide", thread=True, exclusive=True, exit_on_error=False
        )

    def _load_guide(self) -> Guide:
        """Runs in a thread. With a cache folder, a pack validated before loads without Pydantic."""
        from crampguide.guide.cache import load

        return load(self.content_dir, self.cache_dir)

    @on(Worker.StateChanged)
    async def _guide_worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "load-guide":
            return
        if event.state is WorkerState.SUCCESS:
            guide = event.worker.result
            assert guide is not None
            await self._guide_loaded(guide)
        elif event.state is WorkerState.ERROR:
            from crampguide.guide.errors import ContentError

            error = event.worker.error
            if isinstance(error, ContentError):
                self.content_problems = tuple(str(problem) for problem in error.problems)
            else:
                self.content_problems = (f"{self.content_dir}: -: -: {error}",)
            self.exit(return_code=1)

    async def _guide_loaded(self, guide: Guide) -> None:
        self.services = Services(guide, self.store, self.now, self.monotonic)
        active = self.query_one(TabbedContent).active or self.initial_tab
        # Built and focused in one batch: Textual would otherwise paint several half-built frames on the way,
        # each costing as much as the finished one.
        with self.batch_update():
            await self.action_show_tab(active)
        if self._on_started is not None:
            self.call_after_refresh(self._on_started)

        if not self._settings_at_start.disclaimer_accepted:  # read once, in on_mount
            self.show_disclaimer(first_run=True)
        if self.pending_routine is not None:
            routine, self.pending_routine = self.pending_routine, None
            self.start_routine(routine)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A click on a tab that is not built yet builds it now."""
        if event.pane.id is not None:
            self._mount_tab(event.pane.id)

    def _mount_tab(self, tab_id: str) -> AwaitMount | None:
        """Build a tab's widgets the first time it is shown: start-up pays only for the first tab."""
        if tab_id in self._mounted_tabs or self.services is None:
            return None
        self._mounted_tabs.add(tab_id)
        pane = self.query_one(f"TabPane#{tab_id}", TabPane)
        tab = next(t for t in TABS if t.id == tab_id)
        widget_class: type[GuideTab] = getattr(importlib.import_module(tab.module), tab.cls)
        pane.query(".loading").remove()
        return pane.mount(widget_class(self.services, id=f"{tab.id}-tab"))

    def tab_widget(self, tab_id: str) -> GuideTab | None:
        """The mounted widget of a tab, or None while content is still loading."""
        self._mount_tab(tab_id)
        from crampguide.ui.tabs.base import GuideTab

        found = self.query(f"#{tab_id}-tab")
        widget = found.first() if found else None
        return widget if isinstance(widget, GuideTab) else None

    # --- actions ----------------------------------------------------------------------------------

    async def action_show_tab(self, tab_id: str) -> None:
        self.query_one(TabbedContent).active = tab_id
        mounting = self._mount_tab(tab_id)
        if mounting is not None:
            await mounting
        widget = self.tab_widget(tab_id)
        if widget is not None:
            widget.focus_first()

    def action_cramp_now(self) -> None:
        """First aid wins over reading: close help or the disclaimer (unaccepted, it shows again)."""
        from crampguide.ui.screens.disclaimer import DisclaimerScreen
        from crampguide.ui.screens.help import HelpScreen

        while isinstance(self.screen, HelpScreen | DisclaimerScreen):
            self.pop_screen()
        self.start_routine(FIRST_AID_ROUTINE)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No first aid key in a form or a question: `c` may be typed there, and work would be lost.

        Such screens say so with `TAKES_LETTERS = True`; a class attribute, so this check (which Textual runs
        for every binding whenever the footer is drawn) imports nothing.
        """
        if action == "cramp_now":
            return not getattr(self.screen, "TAKES_LETTERS", False)
        return True

    def start_routine(self, routine_id: str) -> None:
        """Switch to the Stretch tab and run a routine; waits for the guide if it is still loading."""
        self.query_one(TabbedContent).active = "stretch"
        if self.services is None:
            self.pending_routine = routine_id
            return
        from crampguide.ui.tabs.stretch import StretchTab

        widget = self.tab_widget("stretch")
        if isinstance(widget, StretchTab):
            widget.start_routine(routine_id)

    def action_open_url(self, url: str) -> None:
        """Sources carry their address as this action's argument (see `ui.text.sources`)."""
        self.open_url(url)

    def action_help(self) -> None:
        from crampguide.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_disclaimer(self, *, first_run: bool = False) -> None:
        from crampguide.ui.screens.disclaimer import DisclaimerScreen

        if self.services is None:
            return

        def accepted(result: bool | None) -> None:
            if result:
                self.store.update_settings(disclaimer_accepted=True)

        self.push_screen(DisclaimerScreen(self.services.guide.disclaimer, first_run=first_run), accepted)

    def action_cycle_theme(self) -> None:
        current = setting_for_theme(self.theme)
        names = list(THEME_CYCLE)
        following = names[(names.index(current) + 1) % len(names)] if current in names else names[0]
        self.theme = theme_for_setting(following)
        self.notify(f"Theme: {following}", timeout=2)

    def apply_theme(self, theme: str, *, persist: bool) -> None:
        """Change the look; `persist=False` for the saved theme at start and the bedtime routine's look."""
        self._persist_theme = persist
        try:
            self.theme = theme
        finally:
            self._persist_theme = True

    def watch_theme(self, theme: str) -> None:
        if not self._persist_theme:
            return
        setting = setting_for_theme(theme)
        if setting is not None:
            self.store.update_settings(theme=setting)

    def _show_store_warnings(self) -> None:
        messages = self.store.pop_warnings()
        for message in messages:
            self.notify(message, title="Your data", severity="warning", timeout=15)
        with suppress(StoreError):  # shown now; if that cannot be recorded, the next start says it again
            self.store.mark_seen(messages)

    # --- command palette ----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for tab in TABS:
            yield SystemCommand(
                f"Go to {tab.title}",
                f"Open the {tab.title} tab (key {tab.key})",
                partial(self.action_show_tab, tab.id),
            )
        yield SystemCommand(
            "Cramp now: start first aid", "Run the cramp first-aid routine (key c)", self.action_cramp_now
        )
        yield SystemCommand("Show the disclaimer", "What this guide is and is not", self.show_disclaimer)
        if self.services is None:
            return
        guide = self.services.guide
        for routine in guide.routines:
            yield SystemCommand(
                f"Start routine: {routine.title}",
                routine.summary.splitlines()[0],
                partial(self.start_routine, routine.id),
                discover=False,
            )

    @property
    def guide(self) -> Guide | None:
        """The content once loaded: the palette's item search (`ui/search.py`) reads it."""
        return None if self.services is None else self.services.guide

    async def show_item(self, tab_id: str, item_id: str) -> None:
        await self.action_show_tab(tab_id)
        widget = self.tab_widget(tab_id)
        if widget is not None:
            widget.show_item(item_id)
