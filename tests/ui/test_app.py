"""Pilot tests of the app shell: tab keys, help, themes, first aid anywhere, the disclaimer, key remapping."""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Tab as TabWidget
from textual.widgets import TabbedContent, Tabs

from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.screens.disclaimer import DisclaimerScreen
from crampguide.ui.screens.help import HelpScreen
from crampguide.ui.search import GuideSearch
from crampguide.ui.tablist import TABS, Tab
from crampguide.ui.tabs.stretch import StretchTab
from crampguide.ui.themes import BEDTIME_THEME, THEME_CYCLE
from crampguide.ui.widgets.key_hints import KeyHints
from ui.pilot_steps import counted, press, settle

SIZE = (100, 30)
MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]


def active_tab(app: object) -> str:
    from crampguide.ui.app import CrampGuideApp

    assert isinstance(app, CrampGuideApp)
    return app.query_one(TabbedContent).active


async def test_number_keys_switch_tabs_in_order(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert active_tab(app) == "causes"
        for tab in reversed(TABS):
            await press(pilot, tab.key)
            await settle(pilot)
            assert active_tab(app) == tab.id
        # What the tab bar says, in order: each tab named with the key that opens it.
        assert [str(label.label) for label in app.query_one(Tabs).query(TabWidget)] == [
            "1 Causes",
            "2 Treatments",
            "3 Triage",
            "4 Stretch",
            "5 Prevention",
            "6 Diary",
        ]


async def test_every_tab_shows_content_not_a_loading_indicator(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        for tab in TABS:
            await press(pilot, tab.key)
            await settle(pilot)
            widget = app.tab_widget(tab.id)
            assert widget is not None, tab.id
            assert widget.children, f"{tab.id} tab is empty"
            assert not app.query(f"#{tab.id} .loading")


async def test_only_the_first_tab_is_built_at_start(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        built = [tab.id for tab in TABS if app.query(f"#{tab.id}-tab")]
        assert built == ["causes"]


async def test_on_started_runs_once_when_the_first_tab_is_on_screen(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    """The command line re-enables the garbage collector here, so it must run, and only once."""
    seen: list[bool] = []
    app = make_app(on_started=lambda: seen.append(bool(app.query("#causes-tab Tree"))))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause(0.1)
        assert seen == [True]
        for key in ("2", "1", "6"):
            await press(pilot, key)
            await settle(pilot)
        assert seen == [True]


def footer_text(app: CrampGuideApp) -> str:
    return app.query_one(KeyHints).render_line(0).text


async def test_footer_shows_the_keys_in_force_and_repaints_only_on_a_change(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    Store(data_dir).update_settings(keys={"theme": "f4"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        hints = app.query_one(KeyHints)
        assert {"Cramp now", "Help", "Theme", "Quit"} <= {hint[2] for hint in hints.hints}
        assert "f4 Theme" in footer_text(app)
        assert "^p palette" in footer_text(app)
        shown = hints.hints

        await press(pilot, "tab")  # focus moves from the tree to the item pane: the same keys are shown
        await settle(pilot)
        assert hints.hints is shown, "the footer changed though its keys did not"

        await press(pilot, "6")
        await settle(pilot)
        assert "Add entry" in footer_text(app)

        await press(pilot, "1")
        await settle(pilot)
        assert "Add entry" not in footer_text(app)
        assert "Cramp now" in footer_text(app)


async def test_clicking_a_tab_switches_to_it(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.click("#--content-tab-triage")
        await settle(pilot)
        assert active_tab(app) == "triage"


async def test_help_opens_with_question_mark_and_f1_and_lists_every_key(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        for key in ("question_mark", "f1"):
            await press(pilot, key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-keys").render())
            for tab in TABS:
                assert tab.title in text
            for description in ("Cramp now", "Theme", "Quit", "Command palette", "Pause/resume", "Restart"):
                assert description in text
            await press(pilot, "escape")
            await settle(pilot)
            assert not isinstance(app.screen, HelpScreen)


async def test_help_reaches_the_disclaimer(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "f1")
        await settle(pilot)
        await pilot.click("#show-disclaimer")
        await settle(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        assert app.screen.first_run is False


async def test_theme_key_cycles_and_the_choice_persists(
    make_app: MakeApp, wait_loaded: WaitLoaded, writes_done: WaitLoaded, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        seen = [app.theme]
        for _ in THEME_CYCLE:
            await press(pilot, "t")
            await settle(pilot)
            seen.append(app.theme)
        assert seen == [*THEME_CYCLE.values(), THEME_CYCLE["dark"]]
        await press(pilot, "t", "t")
        await writes_done(pilot)
        assert app.theme == BEDTIME_THEME.name
    assert Store(data_dir).settings().theme == "bedtime"

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert again.theme == BEDTIME_THEME.name


@pytest.mark.parametrize("tab", TABS, ids=lambda tab: tab.id)
async def test_c_starts_cramp_first_aid_from_any_tab(
    make_app: MakeApp, wait_loaded: WaitLoaded, tab: Tab
) -> None:
    app = make_app(initial_tab=tab.id)  # started there: no Causes tab built first
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert active_tab(app) == tab.id
        await press(pilot, "c")
        await settle(pilot)
        assert active_tab(app) == "stretch"
        stretch = app.tab_widget("stretch")
        assert isinstance(stretch, StretchTab)
        assert stretch.player.routine is not None and stretch.player.routine.id == "cramp-now"
        assert stretch.player.timer is not None and stretch.player.timer.state.value == "running"


async def test_disclaimer_shows_once_with_accept_focused(
    make_app: MakeApp, wait_loaded: WaitLoaded, writes_done: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        assert app.focused is not None and app.focused.id == "accept"
        await press(pilot, "enter")
        await writes_done(pilot)
        assert not isinstance(app.screen, DisclaimerScreen)
    settings = tomllib.loads((data_dir / "settings.toml").read_text())
    assert settings["disclaimer_accepted"] is True

    again = make_app(disclaimer_accepted=False)
    async with again.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert not isinstance(again.screen, DisclaimerScreen)


async def test_escape_on_first_run_disclaimer_does_not_accept_it(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        await press(pilot, "escape")
        await settle(pilot)
        assert not isinstance(app.screen, DisclaimerScreen)
    assert Store(data_dir).settings().disclaimer_accepted is False


async def test_keys_remapped_in_settings_take_effect_and_show_in_help(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    Store(data_dir).update_settings(keys={"cramp-now": "f2", "theme": "ctrl+t"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "c")
        await settle(pilot)
        assert active_tab(app) == "causes"
        await press(pilot, "f2")
        await settle(pilot)
        assert active_tab(app) == "stretch"
        before = app.theme
        await press(pilot, "ctrl+t")
        await settle(pilot)
        assert app.theme != before
        await press(pilot, "f1")
        await settle(pilot)
        text = str(app.screen.query_one("#help-keys").render())
        assert "f2" in text.lower()


async def test_command_palette_lists_tabs_items_and_routines(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for tab in TABS:
            assert f"Go to {tab.title}" in titles
        assert app.services is not None
        assert "Start routine: " + app.services.guide.routine("bedtime").title in titles
        # Causes and treatments come from their own provider, which searches their text too
        # (tests/ui/test_palette_search.py types into the palette).
        assert GuideSearch in app.COMMANDS


async def test_palette_command_opens_a_treatment(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert app.services is not None
        treatment = app.services.guide.treatments[-1]
        await app.show_item("treatments", treatment.id)
        await settle(pilot)
        assert active_tab(app) == "treatments"
        from crampguide.ui.widgets.item_view import ItemView

        view = app.query_one("#treatments-tab ItemView", ItemView)
        assert view.item is not None and view.item.id == treatment.id


async def test_broken_content_ends_the_app_with_its_problems(
    make_app: MakeApp, wait_loaded: WaitLoaded, tmp_path: Path
) -> None:
    app = make_app(content_dir=tmp_path / "no-such-pack")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):
            if app.content_problems:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert any("content directory not found" in line for line in app.content_problems)


@pytest.mark.parametrize("size", [(40, 12), (250, 80)], ids=lambda size: "{}x{}".format(*size))
async def test_tiny_and_huge_terminals_do_not_crash(
    make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        for tab in TABS:
            await press(pilot, tab.key)
            await settle(pilot)
            assert active_tab(app) == tab.id
        await press(pilot, "c")
        await settle(pilot)
        assert active_tab(app) == "stretch"


async def test_c_closes_help_and_the_first_run_disclaimer_and_starts_first_aid(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        await press(pilot, "c")
        await settle(pilot)
        assert not isinstance(app.screen, DisclaimerScreen)
        assert active_tab(app) == "stretch"
        await press(pilot, "escape", "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "c")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        stretch = app.tab_widget("stretch")
        assert isinstance(stretch, StretchTab) and stretch.player.routine is not None
        assert stretch.player.routine.id == "cramp-now"
    assert Store(data_dir).settings().disclaimer_accepted is False


async def test_c_is_not_taken_from_an_open_form(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    from crampguide.ui.screens.entry_form import EntryFormScreen

    app = make_app(initial_tab="diary")
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "a")
        await settle(pilot)
        assert isinstance(app.screen, EntryFormScreen)
        await press(pilot, "c")
        await settle(pilot)
        assert isinstance(app.screen, EntryFormScreen)
        assert active_tab(app) == "diary"


async def test_no_color_is_respected_and_the_guide_still_reads(
    make_app: MakeApp, wait_loaded: WaitLoaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert app.no_color is True
        await press(pilot, "2")
        await settle(pilot)
        from crampguide.ui.widgets.item_view import ItemView

        view = app.query_one("#treatments-tab ItemView", ItemView)
        assert view.item is not None
        # Without colour, the policy still reads as words and markers, not only as a coloured badge.
        assert any("✓ Advised" in str(badge.render()) for badge in view.query(".badge"))


async def test_a_moved_file_from_an_earlier_run_is_shown_once_then_marked_seen(
    make_app: MakeApp, wait_loaded: WaitLoaded, writes_done: WaitLoaded, data_dir: Path
) -> None:
    app = make_app()
    (data_dir / "diary.toml").write_bytes(b"version = 1\n[[entry]")
    earlier = Store(data_dir)
    assert earlier.entries() == []  # moved aside by a run that closed before anyone saw why
    (message,) = earlier.pop_warnings()
    assert Store(data_dir).pop_warnings() == [message]  # still kept for the next start
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await writes_done(pilot)
    assert Store(data_dir).pop_warnings() == []  # the app showed it, so it is not repeated


# --- text is data ---------------------------------------------------------------------------------

TRICKY_NOTES = ("cramp [/ not sure]", "woke [again]", "[@click=app.quit]x[/]", "[b]bold?[/b] \\[x]")


def shown_text(widget: Any) -> str:
    """What a widget shows, as plain text."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.content_region.reset_offset))


async def test_notes_that_look_like_markup_are_shown_as_typed(
    make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    from textual.widgets import DataTable, Input

    from crampguide.ui.screens.confirm import ConfirmScreen
    from crampguide.ui.screens.entry_form import EntryFormScreen

    for note in TRICKY_NOTES:
        store.add_entry(note=note)
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(140, 30)) as pilot:
        await wait_loaded(pilot)
        table = app.query_one("#diary-table", DataTable)
        notes = [str(table.get_cell_at((row, 5))) for row in range(table.row_count)]
        assert sorted(notes) == sorted(TRICKY_NOTES)
        assert "woke [again]" in shown_text(table)

        for row, note in enumerate(notes):
            table.move_cursor(row=row)
            await press(pilot, "e")  # the detail: the entry in its form
            await settle(pilot)
            assert isinstance(app.screen, EntryFormScreen)
            assert app.screen.query_one("#entry-note", Input).value == note
            await press(pilot, "escape")
            await settle(pilot)

            await press(pilot, "d")  # the delete question quotes the note
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            detail = app.screen.query_one("#confirm-detail")
            assert note in shown_text(detail)
            await pilot.click(detail)  # a click on text that looks like an action is only a click
            await settle(pilot)
            assert app.is_running
            await press(pilot, "n")
            await settle(pilot)
        assert table.row_count == len(TRICKY_NOTES)


async def test_a_toast_about_a_path_that_looks_like_markup_shows_it(
    make_app: MakeApp, wait_loaded: WaitLoaded, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data [" / "] [@click=app.quit]x[" / "]"
    data_dir.mkdir(parents=True)
    Store(data_dir).update_settings(disclaimer_accepted=True)
    app = make_app(data_dir=data_dir, disclaimer_accepted=False)  # the fixture would write to its own folder
    (data_dir / "diary.toml").write_text("this is [not toml")  # moved aside, with a warning naming it
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "6")
        await settle(pilot)
        for _ in range(20):  # toasts are mounted a few frames after the notification
            if app.screen.query("Toast"):
                break
            await settle(pilot)
        toasts = [shown_text(toast) for toast in app.screen.query("Toast")]
        assert toasts, "no warning was shown"
        flat = ["".join(text.replace("▌", "").split()) for text in toasts]
        assert any("data[/][@click=app.quit]x[/]" in text for text in flat), toasts
        for toast in app.screen.query("Toast"):
            await pilot.click(toast)
        assert app.is_running


async def test_help_shows_key_names_as_typed(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    Store(data_dir).update_settings(keys={"theme": "[", "cramp-now": "]"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = shown_text(app.screen.query_one("#help-keys")).splitlines()
        assert any(line.split() == ["[", "Theme"] for line in lines), lines
        assert any(line.split() == ["]", "Cramp", "now"] for line in lines), lines
        assert "Press ] at any time" in " ".join(shown_text(app.screen.query_one(".help-intro")).split())


async def test_content_titles_and_bodies_that_look_like_markup_are_shown_as_typed(
    make_app: MakeApp, wait_loaded: WaitLoaded, tmp_path: Path
) -> None:
    import shutil

    from crampguide.ui.widgets.item_view import ItemView

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "minimal_pack", pack)
    causes = (pack / "causes.toml").read_text()
    title = next(line for line in causes.splitlines() if line.startswith("title = "))
    causes = causes.replace(title, 'title = "Odd [@click=app.quit]title[/] [b]"', 1)
    (pack / "causes.toml").write_text(causes)
    app = make_app(content_dir=pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        assert app.services is not None
        cause = next(c for c in app.services.guide.causes if c.title.startswith("Odd"))
        await app.show_item("causes", cause.id)
        await settle(pilot)
        view = app.query_one("#causes-tab ItemView", ItemView)
        assert "Odd [@click=app.quit]title[/] [b]" in shown_text(view.query_one(".item-title"))
        await pilot.click(view.query_one(".item-title"))
        assert app.is_running


# --- writes that fail -----------------------------------------------------------------------------


async def test_an_unwritable_data_folder_never_crashes_and_is_reported_once(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    writes_done: WaitLoaded,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder that cannot be created (its parent is a file) fails every write, even as root."""
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app = make_app(data_dir=blocker / "data", disclaimer_accepted=False)
    said: list[tuple[str, str]] = []
    real_notify = app.notify

    def notify(message: str, **options: Any) -> None:
        said.append((options.get("title", ""), message))
        real_notify(message, **options)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        await press(pilot, "enter")  # accepting: the write fails, the app goes on
        await writes_done(pilot)
        assert not isinstance(app.screen, DisclaimerScreen)
        await press(pilot, "t")  # a theme change: kept for the session
        await writes_done(pilot)
        assert app.theme == THEME_CYCLE["light"]
        await press(pilot, "c", "m")  # first aid, then mute the bell
        await writes_done(pilot)
        await press(pilot, "escape", "5", "space")  # a tick on the Prevention checklist
        await writes_done(pilot)
        await press(pilot, "6", "a")
        await settle(pilot)
        await press(pilot, "ctrl+s")  # a diary entry
        await writes_done(pilot)
        assert app.is_running
        failures = [message for title, message in said if title == "Changes cannot be saved"]
        assert failures, said
        assert all(str(blocker) in message for message in failures)
        assert len(failures) == len(set(failures)), "the same failure was reported twice"
        settings_failures = [m for m in failures if "settings" in m or "data folder" in m]
        assert len(settings_failures) <= 1


async def test_keys_settings_that_cannot_work_are_named_once_and_defaults_kept(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store(data_dir).update_settings(
        keys={"no-such-binding": "x", "help": "ctrl+nope", "quit": "x", "cramp-now": "ctrl+q,x"}
    )
    app = make_app()
    said: list[tuple[str, str]] = []
    real_notify = app.notify

    def notify(message: str, **options: Any) -> None:
        said.append((options.get("title", ""), message))
        real_notify(message, **options)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        notices = [message for title, message in said if "[keys]" in title]
        assert len(notices) == 1, said
        for named in ("no-such-binding", "ctrl+nope", "quit"):
            assert named in notices[0]
        assert app.keymap == {"cramp-now": "ctrl+q,x"}
        assert app.key_hint("help") == "? / f1"
        assert app.key_hint("quit") == "q"
        await press(pilot, "x")
        await settle(pilot)
        assert active_tab(app) == "stretch"


@pytest.fixture
def legend_reads(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many times the Diary tab's key legend has been read so far (it stands for every tab's)."""
    from crampguide.ui.tabs.diary import DiaryTab

    reads: list[None] = []
    real_legend = DiaryTab.key_legend

    def counted_legend() -> list[Any]:
        reads.append(None)
        return real_legend()

    monkeypatch.setattr(DiaryTab, "key_legend", counted_legend)
    return lambda: len(reads)


async def test_key_hints_read_the_tabs_legends_once_and_show_the_keys_in_force(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path, legend_reads: Callable[[], int]
) -> None:
    """A hint is asked for about ten times whenever the stretch player's state changes: the tabs' legends are
    read once for all of them."""
    Store(data_dir).update_settings(keys={"diary-add": "n", "help": "f2"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert legend_reads() == 1, "the [keys] check reads every legend once"
        for _ in range(10):
            assert app.key_hint("help") == "f2"
            assert app.key_hint("quit") == "q"
            assert app.key_hint("diary-add") == "n"
            assert app.key_hint("diary-edit") == "e"
            assert app.key_hint("stretch-pause") == "space"
        assert legend_reads() == 1
        await press(pilot, "6")
        await settle(pilot)
        assert "n add · e or enter edit" in str(app.query_one("#diary-keys").render())
        with pytest.raises(KeyError):
            app.key_hint("no-such-binding")


async def test_hints_for_the_apps_own_keys_read_no_tab_legend(
    make_app: MakeApp, wait_loaded: WaitLoaded, legend_reads: Callable[[], int]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert [app.key_hint("cramp-now"), app.key_hint("tab-diary")] == ["c", "6"]
        assert legend_reads() == 0
        assert app.key_hint("diary-add") == app.key_hint("diary-add") == "a"
        assert legend_reads() == 1


# --- a dark room stays dark -----------------------------------------------------------------------


async def test_t_in_a_bedtime_routine_switches_bedtime_and_dark_and_the_users_theme_comes_back(
    make_app: MakeApp, wait_loaded: WaitLoaded, writes_done: WaitLoaded, data_dir: Path
) -> None:
    Store(data_dir).update_settings(theme="light")
    app = make_app(start_routine="bedtime", initial_tab="stretch")  # as `crampguide stretch bedtime`
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        assert app.theme == BEDTIME_THEME.name
        seen = []
        for _ in range(4):
            await press(pilot, "t")
            await settle(pilot)
            seen.append(app.theme)
        assert seen == [THEME_CYCLE["dark"], BEDTIME_THEME.name] * 2
        await press(pilot, "escape")  # the routine stops
        await writes_done(pilot)
        assert app.theme == THEME_CYCLE["light"]
    assert Store(data_dir).settings().theme == "light"


async def test_a_bedtime_theme_chosen_by_the_user_stays_after_a_routine(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    Store(data_dir).update_settings(theme="bedtime")
    app = make_app(start_routine="bedtime", initial_tab="stretch")  # as `crampguide stretch bedtime`
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "escape")
        await settle(pilot)
        assert app.theme == BEDTIME_THEME.name
        await press(pilot, "t")  # outside a routine: from bedtime on to dark, never to light
        await settle(pilot)
        assert app.theme == THEME_CYCLE["dark"]


async def test_the_palettes_theme_offers_this_apps_looks_and_saves_the_choice(
    make_app: MakeApp, wait_loaded: WaitLoaded, writes_done: WaitLoaded, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert set(app.available_themes) == set(THEME_CYCLE.values())
        app.theme = THEME_CYCLE["light"]  # what the palette's Theme command does with a choice
        await writes_done(pilot)
    assert Store(data_dir).settings().theme == "light"


def test_available_themes_is_made_once_per_registration(make_app: MakeApp) -> None:
    """Textual reads it each time it looks a theme up (hundreds of thousands of times in the test suite)."""
    app = make_app()
    first = app.available_themes
    assert app.available_themes is first
    assert set(first) == set(THEME_CYCLE.values()) - {BEDTIME_THEME.name}, "registered when the app mounts"
    app.register_theme(BEDTIME_THEME)
    assert set(app.available_themes) == set(THEME_CYCLE.values())
    assert app.available_themes is app.available_themes
    app.unregister_theme(BEDTIME_THEME.name)
    assert BEDTIME_THEME.name not in app.available_themes


def colours(svg: str) -> set[tuple[int, int, int]]:
    import re

    return {
        (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))
        for code in re.findall(r"#([0-9a-fA-F]{6})\b", svg)
    }


def glaring(colour: tuple[int, int, int]) -> bool:
    """White or near it, or a bright blue: what a dark room should never see."""
    red, green, blue = colour
    return min(colour) >= 0xD8 or (blue >= 0x90 and blue > red + 0x30 and blue > green)


@pytest.mark.parametrize("where", ["help", "disclaimer", "form", "routine"])
async def test_the_bedtime_theme_has_no_white_and_no_bright_blue(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path, where: str
) -> None:
    Store(data_dir).update_settings(theme="bedtime")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_loaded(pilot)
        keys = {"help": ["f1"], "disclaimer": [], "form": ["6", "a"], "routine": ["c", "space"]}[where]
        if where == "disclaimer":
            app.show_disclaimer(first_run=True)
        await press(pilot, *keys)
        app.report("A toast, as any other", title="Toast")
        await settle(pilot)
        bad = {colour for colour in colours(app.export_screenshot()) if glaring(colour)}
        assert not bad, sorted(f"#{r:02x}{g:02x}{b:02x}" for r, g, b in bad)


async def test_the_first_run_disclaimer_puts_the_emergency_first_and_scrolls_with_arrows(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    from textual.containers import VerticalScroll

    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_loaded(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DisclaimerScreen)
        assert "emergency" in shown_text(screen.query_one("#disclaimer-emergency")).lower()
        assert "emergency" not in shown_text(screen.query_one("#disclaimer-body")).lower()
        scroll = screen.query_one("#disclaimer-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0
        await press(pilot, "down", "down")
        await settle(pilot)
        assert scroll.scroll_y == 2
        await press(pilot, "up")
        await settle(pilot)
        assert scroll.scroll_y == 1
        assert app.focused is not None and app.focused.id == "accept"
        assert isinstance(app.screen, DisclaimerScreen)


async def test_quitting_right_after_a_change_keeps_it(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "t", "q")  # the theme is written in a thread worker; quitting waits for it
        await settle(pilot)
        assert not app.is_running
    assert Store(data_dir).settings().theme == "light"


async def test_the_palette_shows_a_routine_title_that_looks_like_markup_as_typed(
    make_app: MakeApp, wait_loaded: WaitLoaded, tmp_path: Path
) -> None:
    import shutil

    from textual.command import CommandPalette
    from textual.widgets import OptionList

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "minimal_pack", pack)
    routines = (pack / "routines.toml").read_text()
    first_routine = routines.index("[[routine]]")
    start = routines.index("\ntitle = ", first_routine) + 1
    end = routines.index("\n", start)
    odd = "Odd [b]routine[/b] [@click=app.quit]x[/]"
    (pack / "routines.toml").write_text(routines[:start] + f'title = "{odd}"' + routines[end:])
    app = make_app(content_dir=pack)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, "ctrl+p", *"Odd")
        assert isinstance(app.screen, CommandPalette)
        results = app.screen.query_one(OptionList)
        prompts: list[str] = []
        for _ in range(100):  # the palette gathers its results in a worker
            prompts = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
            if any("Start routine" in prompt for prompt in prompts):
                break
            await pilot.pause(0.02)
        assert any(f"Start routine: {odd}" in prompt for prompt in prompts), prompts
        assert app.is_running


@pytest.mark.parametrize(
    ("key", "reader"), [("5", "all_ticks"), ("6", "entries")], ids=["prevention", "diary"]
)
async def test_a_tab_reads_its_file_once_when_built_and_again_each_time_it_comes_back(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    writes_done: WaitLoaded,
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    reader: str,
) -> None:
    """Prevention reads the ticks and Diary the entries: once on building, once per return (another
    process, such as `crampguide log`, may have written meanwhile), never twice for one showing."""
    app = make_app()
    reads = counted(monkeypatch, app.store, reader)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await press(pilot, key)
        await writes_done(pilot)
        assert reads() == 1
        for shown in (2, 3):
            await press(pilot, "1")
            await writes_done(pilot)
            await press(pilot, key)
            await writes_done(pilot)
            assert reads() == shown
