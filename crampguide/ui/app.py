"""The full-screen app: six tabs, global keys, themes, the command palette, and the app's side of `Shell`.

Startup is designed around the first frame: this module imports neither Pydantic nor the content models at
import time. The tab bar is drawn at once; the content pack is loaded in a thread worker right after mount,
the tab on screen is built in one batch when the guide arrives, and any other tab the first time it shows.
File writes run in a thread worker too, one at a time, and a failed write is reported, never raised.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import datetime
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.markup import escape
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import AwaitMount
from textual.widgets import Header, Static, TabbedContent, TabPane
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from crampguide.store import EntryNotFound, Store, StoreError, local_now
from crampguide.ui.keys import bindings_of, check_keymap, keys_in_force
from crampguide.ui.screens.letters import TakesLetters
from crampguide.ui.search import GuideSearch
from crampguide.ui.services import Services
from crampguide.ui.tablist import TABS, tab
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.themes import (
    BEDTIME,
    BEDTIME_THEME,
    DARK,
    THEME_CYCLE,
    next_theme,
    setting_for_theme,
    theme_for_setting,
)
from crampguide.ui.widgets.key_hints import KeyHints

if TYPE_CHECKING:
    from crampguide.guide.models import Guide
    from crampguide.ui.keys import Section

T = TypeVar("T")

FIRST_AID_ROUTINE = "cramp-now"

# (write, then, failed): one queued change to the user's files.
_Write = tuple[Callable[[], Any], Callable[[Any], object] | None, Callable[[Exception], object] | None]


class CrampGuideApp(App[int]):
    # Styles by area, in this order; the stretch player and picker, the footer and the bar keep theirs beside
    # them (DEFAULT_CSS).
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        f"styles/{area}.tcss"
        for area in ("base", "grouped", "dialogs", "triage", "prevention", "diary", "comparisons", "forms")
    ]
    # Causes and treatments are found by their text too, not only by their titles.
    COMMANDS = App.COMMANDS | {GuideSearch}
    TITLE = "crampguide"
    SUB_TITLE = "night calf cramps"

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(t.key, f"show_tab('{t.id}')", t.title, show=False, id=f"tab-{t.id}") for t in TABS),
        Binding("c", "cramp_now", "Cramp now", id="cramp-now", priority=True),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        Binding("t", "cycle_theme", "Theme", id="theme"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    _themes: dict[str, Theme] | None = None
    """`available_themes` once made: a class default, as Textual registers themes before `__init__` ends."""

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
        self.keymap: dict[str, str] = {}
        """The user's `[keys]` remaps in force: checked, so every one names a binding and a real key."""
        self._user_theme = DARK  # the setting the user chose; a bedtime routine's look does not change it
        self._bedtime_look = False  # a bedtime routine has switched the look to bedtime for its duration
        self._theme_from_app = False  # the app, not the user, is changing the theme right now
        self._keys_checked = False
        self._key_sections: list[Section] | None = None
        self._bindings_by_id = {b.id: b for b in bindings_of(self.BINDINGS) if b.id is not None}
        """The app's own bindings by id; every tab's and dialog's join once a hint names one of theirs."""
        self._mounted_tabs: set[str] = set()
        self._built_on_activation: set[str] = set()
        """Tabs built by `action_show_tab` whose `TabActivated` is still to come: they have just drawn."""
        self._on_started = on_started
        self._writes: deque[_Write] = deque()
        self._writes_lock = threading.Lock()
        self._writing = False
        self._reported_failures: set[str] = set()

    # --- start-up -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial=self.initial_tab, id="tabs"):
            for each in TABS:
                with TabPane(f"{each.key} {each.title}", id=each.id):
                    # Still text, not an animated indicator: five hidden panes wait here, costing nothing.
                    yield Static("Loading the guide…", classes="loading")
        yield KeyHints()

    def on_mount(self) -> None:
        settings = self._settings_at_start = self.store.settings()
        self.register_theme(BEDTIME_THEME)
        self._user_theme = settings.theme if settings.theme in THEME_CYCLE else DARK
        self._show_theme(theme_for_setting(self._user_theme))
        self.show_store_warnings()
        self.run_worker(self._load_guide, name="load-guide", thread=True, exclusive=True, exit_on_error=False)

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
        self.services = Services(guide, self.store, self.now, self.monotonic, self)
        active = self.query_one(TabbedContent).active or self.initial_tab
        # Built and focused in one batch: Textual would otherwise paint several half-built frames on the way,
        # each costing as much as the finished one.
        with self.batch_update():
            await self.action_show_tab(active)
        if self._on_started is not None:
            self.call_after_refresh(self._on_started)
        # After the first tab is on screen: checking the keys imports every tab's module.
        self.call_after_refresh(self._apply_keymap)

        if not self._settings_at_start.disclaimer_accepted:  # read once, in on_mount
            self.show_disclaimer(first_run=True)
        if self.pending_routine is not None:
            routine, self.pending_routine = self.pending_routine, None
            self.start_routine(routine)

    def _apply_keymap(self) -> None:
        """Apply the user's `[keys]`, leaving out (and naming, in one notice) any remap that cannot work.

        Runs once, after the first tab is drawn or when a tab first asks for a key hint, whichever is first.
        """
        if self._keys_checked:
            return
        self._keys_checked = True
        wanted = self.store.settings().keys
        if not wanted:
            return
        sections = self.key_sections()
        anywhere = bindings_of(self.BINDINGS)
        check = check_keymap(wanted, anywhere, [b for _, bindings in sections[1:] for b in bindings])
        self.keymap = check.keymap
        self.set_keymap(self.keymap)
        if check.problems:
            self.report(
                "Default keys kept for: " + "; ".join(check.problems) + ".",
                title="Your [keys] settings",
                severity="warning",
                timeout=15,
            )

    def key_sections(self) -> list[Section]:
        """Every binding of the app, grouped by where it works, for the key check and the Help legend.

        Built once: it imports every tab's module, and the bindings are the classes' own.
        """
        if self._key_sections is None:
            self._key_sections = self._collect_key_sections()
        return self._key_sections

    def _collect_key_sections(self) -> list[Section]:
        from crampguide.ui.screens.confirm import ConfirmScreen
        from crampguide.ui.screens.disclaimer import DisclaimerScreen
        from crampguide.ui.screens.entry_form import EntryFormScreen
        from crampguide.ui.screens.help import HelpScreen
        from crampguide.ui.screens.plan_try import PlanTryScreen

        sections: list[Section] = [("Anywhere", bindings_of(self.BINDINGS))]
        for each in TABS:
            bindings = each.load().key_legend()
            if bindings:
                sections.append((each.title, bindings))
        dialogs = [
            *HelpScreen.BINDINGS,
            *DisclaimerScreen.BINDINGS,
            *EntryFormScreen.BINDINGS,
            *PlanTryScreen.BINDINGS,
            *ConfirmScreen.BINDINGS,
        ]
        sections.append(("Dialogs", bindings_of(dialogs)))
        return sections

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab shown by a click is built now if it is not yet; a built tab is told it is back on screen.

        Textual posts this once for each change of the active tab, however it was made.
        """
        tab_id = event.pane.id
        if tab_id is None:
            return
        if tab_id in self._built_on_activation:
            self._built_on_activation.discard(tab_id)  # built for this very change: it has just drawn
            return
        if self._mount_tab(tab_id) is None:
            widget = self.tab_widget(tab_id)
            if widget is not None:
                widget.shown_again()

    def _mount_tab(self, tab_id: str) -> AwaitMount | None:
        """Build a tab's widgets the first time it is shown: start-up pays only for the first tab."""
        if tab_id in self._mounted_tabs or self.services is None:
            return None
        self._mounted_tabs.add(tab_id)
        pane = self.query_one(f"TabPane#{tab_id}", TabPane)
        pane.query(".loading").remove()
        return pane.mount(tab(tab_id).load()(self.services, id=f"{tab_id}-tab"))

    def tab_widget(self, tab_id: str) -> GuideTab | None:
        """The widget of a tab once built, else None."""
        found = self.query(f"#{tab_id}-tab")
        widget = found.first() if found else None
        return widget if isinstance(widget, GuideTab) else None

    # --- the Shell the tabs see -----------------------------------------------------------------------

    def report(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float = 3
    ) -> None:
        """Every toast of the app goes here: text from outside (paths, notes, content) is never markup."""
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def save(
        self,
        write: Callable[[], T],
        *,
        then: Callable[[T], object] | None = None,
        failed: Callable[[Exception], object] | None = None,
    ) -> None:
        """See `Shell.save`: queued, written in order by one thread worker at a time."""
        with self._writes_lock:
            self._writes.append((write, then, failed))
            if self._writing:
                return
            self._writing = True
        self.run_worker(self._write_queued, name="save", group="save", thread=True, exit_on_error=False)

    def _write_queued(self) -> None:
        """Runs in a thread until the queue is empty; results and failures go back to the event loop."""
        while True:
            with self._writes_lock:
                if not self._writes:
                    self._writing = False
                    return
                write, then, failed = self._writes.popleft()
            try:
                result = write()
            except Exception as error:  # a failed write is reported, whatever it is; it never ends the app
                self.call_from_thread(self._write_failed, error, failed)
            else:
                if then is not None:
                    self.call_from_thread(then, result)

    async def action_quit(self) -> None:
        """Quit once the changes being written are on disk (a `t` then `q` keeps the theme)."""
        for worker in list(self.workers):
            if worker.group == "save":
                with suppress(WorkerFailed, WorkerCancelled):  # a failed write was reported already
                    await worker.wait()
        self.exit()

    def _write_failed(self, error: Exception, failed: Callable[[Exception], object] | None) -> None:
        message = str(error) or type(error).__name__
        if isinstance(error, EntryNotFound | ValueError):
            self.report(message, title="Not saved", severity="warning", timeout=10)
        elif message not in self._reported_failures:
            self._reported_failures.add(message)
            if not isinstance(error, StoreError):
                message = f"Could not save your changes: {message}"
            self.report(
                f"{message}\nYour changes are kept until you quit.",
                title="Changes cannot be saved",
                severity="error",
                timeout=20,
            )
        if failed is not None:
            failed(error)

    def show_store_warnings(self) -> None:
        messages = self.store.pop_warnings()
        for message in messages:
            self.report(message, title="Your data", severity="warning", timeout=15)
        if messages:
            # Shown now; if that cannot be recorded, the next start says it again.
            self.save(lambda: self.store.mark_seen(messages))

    def key_hint(self, binding_id: str) -> str:
        """See `Shell.key_hint`. A map lookup: the stretch player asks about ten times per state change."""
        self._apply_keymap()
        return self.keys_shown(self._binding(binding_id))

    def _binding(self, binding_id: str) -> Binding:
        """Most hints name a global key, which needs no tab's module; the first other one brings them all."""
        if binding_id not in self._bindings_by_id:
            for _, bindings in self.key_sections():
                for binding in bindings:
                    if binding.id is not None:
                        self._bindings_by_id.setdefault(binding.id, binding)
        return self._bindings_by_id[binding_id]

    def keys_shown(self, binding: Binding) -> str:
        """A binding's keys in force as a person reads them: "? / f1", "^s"."""
        keys = keys_in_force(binding, self.keymap)
        return " / ".join(self.get_key_display(Binding(key, binding.action)) for key in keys)

    async def show_tab(self, tab_id: str) -> GuideTab | None:
        await self.action_show_tab(tab_id)
        return self.tab_widget(tab_id)

    # --- actions ----------------------------------------------------------------------------------

    async def action_show_tab(self, tab_id: str) -> None:
        tabs = self.query_one(TabbedContent)
        activating = tabs.active != tab_id  # a TabActivated will follow
        if activating and tab_id not in self._mounted_tabs and self.services is not None:
            # Nothing keeps focus while the new tab is built: Textual would move it from a widget in the pane
            # being hidden to the next one there, and that makes the old tab active again for a moment.
            tabs.screen.set_focus(None)
        tabs.active = tab_id
        mounting = self._mount_tab(tab_id)
        if mounting is not None:
            if activating:
                self._built_on_activation.add(tab_id)
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
        """No first aid key in a form or a question: `c` may be typed there, and work would be lost."""
        if action == "cramp_now":
            return not isinstance(self.screen, TakesLetters)
        return True

    def start_routine(self, routine_id: str) -> None:
        """Switch to the Stretch tab and run a routine; waits for the guide if it is still loading."""
        self.query_one(TabbedContent).active = "stretch"
        if self.services is None:
            self.pending_routine = routine_id
            return
        from crampguide.ui.tabs.stretch import StretchTab

        self._mount_tab("stretch")
        widget = self.tab_widget("stretch")
        if isinstance(widget, StretchTab):
            widget.start_routine(routine_id)

    def action_open_url(self, url: str) -> None:
        """Sources carry their address as this action's argument (see `ui.text.sources`)."""
        self.open_url(url)

    def action_help(self) -> None:
        from crampguide.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        legend = [
            (title, [(self.keys_shown(b), b.description) for b in bindings if b.description])
            for title, bindings in self.key_sections()
        ]
        palette = self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, ""))
        legend[0][1].append((palette, "Command palette"))

        def closed(show_disclaimer: bool | None) -> None:
            if show_disclaimer:
                self.show_disclaimer()

        self.push_screen(HelpScreen(legend, cramp_key=self.key_hint("cramp-now")), closed)

    def show_disclaimer(self, *, first_run: bool = False) -> None:
        from crampguide.ui.screens.disclaimer import DisclaimerScreen

        if self.services is None:
            return

        def accepted(result: bool | None) -> None:
            if result and first_run:
                # Accepted for this session whatever happens to the write: it is asked at start only.
                self.save(lambda: self.store.update_settings(disclaimer_accepted=True))

        self.push_screen(DisclaimerScreen(self.services.guide.disclaimer, first_run=first_run), accepted)

    # --- themes -----------------------------------------------------------------------------------

    @property
    def available_themes(self) -> dict[str, Theme]:
        """Only this app's three looks: the palette's Theme command offers these, and a choice is saved.

        Made once per registration: Textual asks for it whenever it looks a theme up, hundreds of times a
        second while the app is busy. Read it; do not change it.
        """
        if self._themes is None:
            every = super().available_themes
            self._themes = {name: every[name] for name in THEME_CYCLE.values() if name in every}
        return self._themes

    def register_theme(self, theme: Theme) -> None:
        super().register_theme(theme)
        self._themes = None

    def unregister_theme(self, theme_name: str) -> None:
        super().unregister_theme(theme_name)
        self._themes = None

    def action_cycle_theme(self) -> None:
        """`t`: dark → light → bedtime → dark. From the bedtime look it never goes to light; while a bedtime
        routine runs it switches only between bedtime and dark, and does not change the saved choice."""
        if self._bedtime_look:
            shown = DARK if setting_for_theme(self.theme) == BEDTIME else BEDTIME
            self._show_theme(theme_for_setting(shown))
        else:
            shown = next_theme(self._user_theme)
            self._choose_theme(shown)
        self.report(f"Theme: {shown}", timeout=2)

    def begin_bedtime_look(self) -> None:
        settings = self.store.settings()
        if not settings.bedtime_look:
            return
        self._bedtime_look = True
        self._show_theme(BEDTIME_THEME.name)

    def end_bedtime_look(self) -> None:
        if self._bedtime_look:
            self._bedtime_look = False
            self._show_theme(theme_for_setting(self._user_theme))

    def _show_theme(self, theme: str) -> None:
        """Change the look without it counting as the user's choice."""
        self._theme_from_app = True
        try:
            self.theme = theme
        finally:
            self._theme_from_app = False

    def _choose_theme(self, setting: str) -> None:
        """The user's choice by `t`: shown, then kept (`watch_theme` keeps only a choice made elsewhere)."""
        self._show_theme(theme_for_setting(setting))
        self._keep_theme_choice(setting)

    def watch_theme(self, theme: str) -> None:
        """A theme set from outside the app's own code (the palette's Theme command) is the user's choice."""
        setting = setting_for_theme(theme)
        if not self._theme_from_app and setting is not None:
            self._bedtime_look = False
            self._keep_theme_choice(setting)

    def _keep_theme_choice(self, setting: str) -> None:
        if setting != self._user_theme:
            self._user_theme = setting
            self.save(lambda: self.store.update_settings(theme=setting))

    # --- command palette ----------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for each in TABS:
            yield SystemCommand(
                f"Go to {each.title}",
                escape(f"Open the {each.title} tab (key {self.key_hint(f'tab-{each.id}')})"),
                partial(self.action_show_tab, each.id),
            )
        yield SystemCommand(
            "Cramp now: start first aid",
            escape(f"Run the cramp first-aid routine (key {self.key_hint('cramp-now')})"),
            self.action_cramp_now,
        )
        yield SystemCommand("Show the disclaimer", "What this guide is and is not", self.show_disclaimer)
        if self.services is None:
            return
        guide = self.services.guide
        for routine in guide.routines:
            # Textual's palette reads a system command's words as markup: content is escaped to show as typed.
            yield SystemCommand(
                f"Start routine: {escape(routine.title)}",
                escape(routine.summary.splitlines()[0]),
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
