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
from crampguide.ui.app import TABS, CrampGuideApp, Tab
from crampguide.ui.screens.disclaimer import DisclaimerScreen
from crampguide.ui.screens.help import HelpScreen
from crampguide.ui.search import GuideSearch
from crampguide.ui.tabs.stretch import StretchTab
from crampguide.ui.themes import BEDTIME_THEME, THEME_CYCLE

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
            await pilot.press(tab.key)
            await pilot.pause()
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
            await pilot.press(tab.key)
            await pilot.pause()
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
            await pilot.press(key)
            await pilot.pause()
        assert seen == [True]


def footer_keys(app: CrampGuideApp) -> list[Any]:
    """The footer's key widgets (Textual does not export their class, so they are found by CSS type)."""
    return list(app.screen.query("Footer FooterKey"))


async def test_footer_follows_the_bindings_and_skips_rebuilds_that_change_nothing(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause(0.1)
        on_causes = footer_keys(app)
        assert [key.description for key in on_causes][:4] == ["Cramp now", "Help", "Theme", "Quit"]

        await pilot.press("tab")  # focus moves from the tree to the item pane: the same keys are shown
        await pilot.pause(0.1)
        assert footer_keys(app) == on_causes, "the footer was rebuilt though its keys did not change"

        await pilot.press("6")
        await pilot.pause(0.1)
        assert "Add entry" in [key.description for key in footer_keys(app)]

        await pilot.press("1")
        await pilot.pause(0.1)
        descriptions = [key.description for key in footer_keys(app)]
        assert "Add entry" not in descriptions
        assert "Cramp now" in descriptions


async def test_clicking_a_tab_switches_to_it(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.click("#--content-tab-triage")
        await pilot.pause()
        assert active_tab(app) == "triage"


async def test_help_opens_with_question_mark_and_f1_and_lists_every_key(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-keys").render())
            for tab in TABS:
                assert tab.title in text
            for description in ("Cramp now", "Theme", "Quit", "Command palette", "Pause/resume", "Restart"):
                assert description in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_help_reaches_the_disclaimer(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.click("#show-disclaimer")
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        assert app.screen.first_run is False


async def test_theme_key_cycles_and_the_choice_persists(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        seen = [app.theme]
        for _ in THEME_CYCLE:
            await pilot.press("t")
            await pilot.pause()
            seen.append(app.theme)
        assert seen == [*THEME_CYCLE.values(), THEME_CYCLE["dark"]]
        await pilot.press("t", "t")
        await pilot.pause()
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
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press(tab.key)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert active_tab(app) == "stretch"
        stretch = app.tab_widget("stretch")
        assert isinstance(stretch, StretchTab)
        assert stretch.player.routine is not None and stretch.player.routine.id == "cramp-now"
        assert stretch.player.timer is not None and stretch.player.timer.state.value == "running"


async def test_disclaimer_shows_once_with_accept_focused(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        assert app.focused is not None and app.focused.id == "accept"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DisclaimerScreen)
    settings = tomllib.loads((data_dir / "settings.toml").read_text())
    assert settings["disclaimer_accepted"] is True

    again = make_app(disclaimer_accepted=False)
    async with again.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        assert not isinstance(again.screen, DisclaimerScreen)


async def test_escape_on_first_run_disclaimer_does_not_accept_it(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, DisclaimerScreen)
    assert Store(data_dir).settings().disclaimer_accepted is False


async def test_keys_remapped_in_settings_take_effect_and_show_in_help(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    Store(data_dir).update_settings(keys={"cramp-now": "f2", "theme": "ctrl+t"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert active_tab(app) == "causes"
        await pilot.press("f2")
        await pilot.pause()
        assert active_tab(app) == "stretch"
        before = app.theme
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme != before
        await pilot.press("f1")
        await pilot.pause()
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
        await pilot.pause()
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
            await pilot.press(tab.key)
            await pilot.pause()
            assert active_tab(app) == tab.id
        await pilot.press("c")
        await pilot.pause()
        assert active_tab(app) == "stretch"


async def test_c_closes_help_and_the_first_run_disclaimer_and_starts_first_aid(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(disclaimer_accepted=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DisclaimerScreen)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, DisclaimerScreen)
        assert active_tab(app) == "stretch"
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        stretch = app.tab_widget("stretch")
        assert isinstance(stretch, StretchTab) and stretch.player.routine is not None
        assert stretch.player.routine.id == "cramp-now"
    assert Store(data_dir).settings().disclaimer_accepted is False


async def test_c_is_not_taken_from_an_open_form(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    from crampguide.ui.screens.entry_form import EntryFormScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("6", "a")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormScreen)
        await pilot.press("c")
        await pilot.pause()
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
        await pilot.press("2")
        await pilot.pause()
        from crampguide.ui.widgets.item_view import ItemView

        view = app.query_one("#treatments-tab ItemView", ItemView)
        assert view.item is not None
        # Without colour, the policy still reads as words and markers, not only as a coloured badge.
        assert any("✓ Advised" in str(badge.render()) for badge in view.query(".badge"))


async def test_a_moved_file_from_an_earlier_run_is_shown_once_then_marked_seen(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app()
    (data_dir / "diary.toml").write_bytes(b"version = 1\n[[entry]")
    earlier = Store(data_dir)
    assert earlier.entries() == []  # moved aside by a run that closed before anyone saw why
    (message,) = earlier.pop_warnings()
    assert Store(data_dir).pop_warnings() == [message]  # still kept for the next start
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
    assert Store(data_dir).pop_warnings() == []  # the app showed it, so it is not repeated
