"""Diary tab: add through the form, edit, delete after asking, refuse bad values, and the diary rule."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TabbedContent

from crampguide.diary import Leg
from crampguide.store import Store
from crampguide.trial import Phase
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.screens.confirm import ConfirmScreen
from crampguide.ui.screens.entry_form import EntryFormScreen
from crampguide.ui.screens.plan_try import PlanTryScreen
from crampguide.ui.tabs.diary import DiaryTab
from crampguide.ui.widgets.comparisons import Block, ComparisonsPanel
from ui.pilot_steps import counted, press, settle

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]


def saved(data_dir: Path) -> list[Any]:
    """Entries read back from diary.toml through a fresh store, newest first."""
    return Store(data_dir).entries()


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


async def open_diary(app: CrampGuideApp, pilot: Pilot[Any], wait_loaded: WaitLoaded) -> DiaryTab:
    """The Diary tab of an app started on it (`make_app(initial_tab="diary")`).

    Starting there spares each test building the Causes tab and then switching, which cost more than most
    tests' own steps; the tab keys have tests of their own (test_app.py).
    """
    assert app.initial_tab == "diary"
    await wait_loaded(pilot)
    return app.query_one(DiaryTab)


async def type_into(pilot: Pilot[Any], selector: str, text: str) -> None:
    """Replace a field's text the way a user would: focus it, clear it, type."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await settle(pilot)
    field.clear()
    if text:
        await press(pilot, *text)


def table_rows(tab: DiaryTab) -> list[list[str]]:
    table = tab.query_one("#diary-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_add_an_entry_through_the_form(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        assert "crampguide export" in str(tab.query_one("#diary-purpose", Static).content)
        assert "doctor" in str(tab.query_one("#diary-purpose", Static).content)
        await press(pilot, "a")
        await writes_done(pilot)
        form = app.screen
        assert isinstance(form, EntryFormScreen)
        assert form.query_one("#entry-when", Input).value == "2026-11-25 02:30"  # defaults to now

        leg = form.query_one("#entry-leg", Select)
        leg.focus()
        await press(pilot, "enter", "down", "enter")  # open the list, move from "Not given" to Left, choose
        await writes_done(pilot)
        assert leg.value == "left"
        await type_into(pilot, "#entry-severity", "7")
        await type_into(pilot, "#entry-minutes", "3")
        helped = form.query_one("#entry-helped", SelectionList)
        helped.focus()
        await press(pilot, "down", "space")  # the second first-aid treatment
        await writes_done(pilot)
        assert str(helped.get_option_at_index(1).prompt).startswith("✓")
        await type_into(pilot, "#entry-note", "woke at two")
        await press(pilot, "enter")
        await writes_done(pilot)

        assert not isinstance(app.screen, EntryFormScreen)
        entries = saved(data_dir)
        assert len(entries) == 1
        entry = entries[0]
        assert entry.when == local("2026-11-25T02:30")
        assert (entry.leg, entry.severity, entry.minutes) == (Leg.LEFT, 7, 3)
        assert entry.helped == ("massage-calf",)
        assert entry.note == "woke at two"
        assert table_rows(tab) == [
            ["2026-11-25 02:30", "left", "7/10", "3", "Massage the calf", "woke at two"]
        ]
        assert tab.query_one("#diary-empty").display is False


async def test_entries_are_newest_first(make_app: MakeApp, wait_loaded: WaitLoaded, store: Store) -> None:
    store.add_entry(when=local("2026-11-20T23:10"), severity=4)
    store.add_entry(when=local("2026-11-24T01:00"), minutes=0)
    store.add_entry(when=local("2026-11-22T03:00"), leg="both")
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        assert [row[0] for row in table_rows(tab)] == [
            "2026-11-24 01:00",
            "2026-11-22 03:00",
            "2026-11-20 23:10",
        ]
        assert table_rows(tab)[0][3] == "<1"  # 0 minutes is under a minute
        assert table_rows(tab)[2][1:3] == ["–", "4/10"]


async def test_edit_an_entry(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, data_dir: Path
) -> None:
    original = store.add_entry(when=local("2026-11-23T23:45"), leg="right", severity=5, note="first")
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        await press(pilot, "e")
        await writes_done(pilot)
        form = app.screen
        assert isinstance(form, EntryFormScreen)
        assert form.query_one("#entry-when", Input).value == "2026-11-23 23:45"
        assert form.query_one("#entry-severity", Input).value == "5"
        assert form.query_one("#entry-leg", Select).value == "right"
        await type_into(pilot, "#entry-severity", "8")
        await type_into(pilot, "#entry-minutes", "12")
        await pilot.click("#entry-save")
        await writes_done(pilot)

        entries = saved(data_dir)
        assert len(entries) == 1
        assert entries[0].id == original.id
        assert entries[0].when == original.when  # unchanged text keeps the saved time exactly
        assert (entries[0].leg, entries[0].severity, entries[0].minutes, entries[0].note) == (
            Leg.RIGHT,
            8,
            12,
            "first",
        )
        assert table_rows(tab)[0][2:4] == ["8/10", "12"]

        await press(pilot, "enter")  # enter on a row edits it too
        await writes_done(pilot)
        assert isinstance(app.screen, EntryFormScreen)
        await press(pilot, "escape")  # and escape cancels without saving
        await writes_done(pilot)
        assert not isinstance(app.screen, EntryFormScreen)
        assert saved(data_dir)[0].severity == 8


async def test_delete_asks_first_and_no_keeps_the_entry(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, data_dir: Path
) -> None:
    store.add_entry(when=local("2026-11-23T23:45"), severity=5)
    kept = store.add_entry(when=local("2026-11-22T01:15"), severity=2)
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        await press(pilot, "d")
        await writes_done(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused is not None and app.focused.id == "confirm-no"  # a stray enter keeps it
        await press(pilot, "c")  # the first-aid key does not take the question away
        await writes_done(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "escape")
        await writes_done(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert len(saved(data_dir)) == 2

        await press(pilot, "d")
        await writes_done(pilot)
        await pilot.click("#confirm-no")
        await writes_done(pilot)
        assert len(saved(data_dir)) == 2

        await press(pilot, "d")
        await writes_done(pilot)
        await press(pilot, "y")
        await writes_done(pilot)
        assert [entry.id for entry in saved(data_dir)] == [kept.id]
        assert len(table_rows(tab)) == 1

        await press(pilot, "d")
        await writes_done(pilot)
        await pilot.click("#confirm-yes")
        await writes_done(pilot)
        assert saved(data_dir) == []
        assert tab.query_one("#diary-empty").display is True


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("#entry-severity", "11", "Severity: a whole number from 1"),
        ("#entry-severity", "0", "Severity: a whole number from 1"),
        ("#entry-minutes", "2000", "Minutes: a whole number from 0"),
        ("#entry-when", "last night", "When: give the date and time as YYYY-MM-DD HH:MM"),
        ("#entry-when", "2026-11-26 02:30", "is in the future"),
    ],
)
async def test_bad_values_show_an_error_and_save_nothing(
    writes_done: WaitLoaded,
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    data_dir: Path,
    field: str,
    value: str,
    message: str,
) -> None:
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_diary(app, pilot, wait_loaded)
        await press(pilot, "a")
        await writes_done(pilot)
        await type_into(pilot, field, value)
        await press(pilot, "enter")
        await writes_done(pilot)

        form = app.screen
        assert isinstance(form, EntryFormScreen)  # still open
        errors = form.query_one("#entry-errors", Static)
        assert errors.display
        assert message in str(errors.content)
        assert form.query_one(field, Input).has_class("-invalid")
        assert app.focused is form.query_one(field)
        assert saved(data_dir) == []


async def test_frequent_cramps_show_the_notice_and_its_button_opens_triage(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    # Three nights in each of the last two weeks (the weeks end tonight, the 24th).
    for days_ago in (0, 2, 4, 7, 9, 11):
        store.add_entry(when=local("2026-11-24T23:30") - timedelta(days=days_ago), minutes=2)
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        notice = tab.query_one("#diary-notice")
        assert notice.display
        assert not notice.has_class("urgent")
        text = str(tab.query_one("#diary-notice-text", Static).content)
        assert text.startswith("Consider seeing a doctor.")
        assert "3 or more nights a week, two weeks running" in text
        chart = str(tab.query_one("#diary-chart", Static).content).splitlines()
        assert chart[-1].split()[-2:] == ["███", "3"]  # the newest week: 18 to 24 Nov
        assert chart[-2].split()[-2:] == ["███", "3"]

        await pilot.click("#diary-to-triage")
        await writes_done(pilot)
        assert app.query_one(TabbedContent).active == "triage"


async def test_a_long_cramp_points_to_triage(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        assert not tab.query_one("#diary-notice").display
        await press(pilot, "a")
        await writes_done(pilot)
        await type_into(pilot, "#entry-minutes", "15")
        await press(pilot, "enter")
        await writes_done(pilot)
        assert len(saved(data_dir)) == 1
        notice = tab.query_one("#diary-notice")
        assert notice.display and notice.has_class("urgent")
        assert "lasted 15 minutes" in str(tab.query_one("#diary-notice-text", Static).content)
        await pilot.click("#diary-to-triage")
        await writes_done(pilot)
        assert app.query_one(TabbedContent).active == "triage"


async def test_entries_logged_elsewhere_appear_when_the_tab_is_shown(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        assert table_rows(tab) == []
        await press(pilot, "1")
        await writes_done(pilot)
        store.add_entry(when=local("2026-11-24T23:00"), severity=3)  # as `crampguide log` would
        await press(pilot, "6")
        await writes_done(pilot)
        assert len(table_rows(tab)) == 1


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_small_terminals(
    writes_done: WaitLoaded,
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    store: Store,
    data_dir: Path,
    size: tuple[int, int],
) -> None:
    store.add_entry(when=local("2026-11-24T23:00"), severity=3, minutes=20, note="a long one")
    app = make_app(initial_tab="diary")
    async with app.run_test(size=size) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        assert tab.has_class("narrow") == (size[0] < 76)
        await press(pilot, "a")
        await writes_done(pilot)
        await type_into(pilot, "#entry-severity", "6")
        await press(pilot, "enter")
        await writes_done(pilot)
        assert len(saved(data_dir)) == 2


# --- comparisons and tries ----------------------------------------------------------------------

TONIGHT = date(2026, 11, 24)  # FIXED_NOW, 02:30 on the 25th, is still the night of the 24th


class FirstChoice(random.Random):
    """Draws the first option every time: do weeks first."""

    def choice(self, seq: Any) -> Any:
        return seq[0]


def panel_text(tab: DiaryTab) -> str:
    return "\n".join(str(block.content) for block in tab.query_one(ComparisonsPanel).query(Block))


def told(app: CrampGuideApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles of the notifications the app shows from now on."""
    titles: list[str] = []
    notify = app.notify

    def record(message: str, *, title: str = "", **options: Any) -> None:
        titles.append(title)
        notify(message, title=title, **options)

    monkeypatch.setattr(app, "notify", record)
    return titles


def footer_actions(app: CrampGuideApp) -> set[str]:
    return {binding.action for (_, binding, enabled, _) in app.screen.active_bindings.values() if enabled}


async def test_v_shows_the_comparisons_in_words(
    make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    for night in range(1, 15):  # the bedtime stretch on the 7 even nights of the last 14
        if night % 2 == 0:
            store.set_ticked("at-bedtime", "bedtime-stretch", True, TONIGHT - timedelta(days=night))
    for night in (2, 3, 5, 9):
        store.add_entry(when=local(f"{TONIGHT - timedelta(days=night)}T23:30"))
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        assert not tab.query_one(ComparisonsPanel).display
        await press(pilot, "v")
        await settle(pilot)
        assert tab.query_one(ComparisonsPanel).display and not tab.query_one("#diary-body").display
        assert app.focused is tab.query_one(ComparisonsPanel)
        text = panel_text(tab)
        stretch = "• Stretch your calves and hamstrings before bed"
        assert f"{stretch}\nCramps on 1 of 7 nights with it, 3 of 7 without." in text
        assert "Too few nights to compare yet (7 more needed): so far 0 nights with it, 14 without." in text
        assert "a record like this is not proof" in text.lower()
        assert "No try yet. Press p to plan one" in text
        assert {"edit", "delete", "stop_try"}.isdisjoint(footer_actions(app))
        await press(pilot, "v")
        await settle(pilot)
        assert tab.query_one("#diary-body").display and isinstance(app.focused, DataTable)
        assert {"edit", "delete"} <= footer_actions(app)


async def test_the_comparisons_are_worked_out_only_while_they_are_shown(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    writes_done: WaitLoaded,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import crampguide.ui.tabs.diary as diary_tab

    store.add_entry(when=local(f"{TONIGHT - timedelta(days=2)}T23:30"))
    worked_out = counted(monkeypatch, diary_tab, "compare_records")
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        tab.refresh_from_store()  # what a saved entry or a try does
        await press(pilot, "1", "6")
        await writes_done(pilot)
        assert worked_out() == 0, "hidden, the panel needs nothing"
        await press(pilot, "v")
        await settle(pilot)
        assert worked_out() == 1
        assert "Too few nights to compare yet" in panel_text(tab)
        store.set_ticked("at-bedtime", "bedtime-stretch", True, TONIGHT - timedelta(days=1))
        tab.refresh_from_store()  # the data changes while the panel is shown: worked out again
        await settle(pilot)
        assert worked_out() == 2
        assert "so far 1 night with it" in panel_text(tab)
        await press(pilot, "v")
        await settle(pilot)
        tab.refresh_from_store()
        await press(pilot, "1", "6")
        await writes_done(pilot)
        assert worked_out() == 2


async def test_plan_a_try_with_the_order_shown_then_stop_it(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    writes_done: WaitLoaded,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(initial_tab="diary")
    titles = told(app, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        tab.try_controls.rng = FirstChoice()
        await press(pilot, "p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlanTryScreen)
        assert dialog.query_one("#plan-try-item", Select).value == ("at-bedtime", "bedtime-stretch")
        assert "a do week first" in str(dialog.query_one("#plan-try-plan", Static).content)
        await press(pilot, "enter")  # the start button has the focus
        await writes_done(pilot)
        (started,) = Store(data_dir).tries()
        assert (started.item_id, started.start, started.weeks, started.first) == (
            "bedtime-stretch",
            TONIGHT,
            4,
            Phase.DO,
        )
        await press(pilot, "v")
        await settle(pilot)
        text = panel_text(tab)
        assert "Your try: Stretch your calves and hamstrings before bed" in text
        assert "Tonight is a “do” night (week 1 of 4 of your try)" in text
        assert "Plan: 4 weeks, 24 Nov – 21 Dec: do, skip, do, skip (order drawn at random)" in text
        assert "So far: 0 of 28 nights over" in text
        assert "stop_try" in footer_actions(app)

        await press(pilot, "p")  # one at a time: a message, no dialog
        await settle(pilot)
        assert not isinstance(app.screen, PlanTryScreen)
        assert titles[-1] == "One try at a time"

        await press(pilot, "x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await writes_done(pilot)
        (stopped,) = Store(data_dir).tries()
        assert stopped.stopped == TONIGHT
        assert "Stopped after 0 of 28 nights; result so far" in panel_text(tab)
        assert "stop_try" not in footer_actions(app)


async def test_a_try_that_cannot_be_saved_is_reported(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    writes_done: WaitLoaded,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(initial_tab="diary")
    titles = told(app, monkeypatch)
    (data_dir / "tries.toml").mkdir(parents=True)  # a folder where the file should be
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        await press(pilot, "p")
        await settle(pilot)
        await press(pilot, "enter")
        await writes_done(pilot)
        assert not isinstance(app.screen, PlanTryScreen)
        assert (data_dir / "tries.toml").is_dir()
        assert "Changes cannot be saved" in titles
        await press(pilot, "v")  # the panel is worked out when it is shown
        await settle(pilot)
        assert "No try yet" in panel_text(tab)


async def test_the_panel_names_remapped_keys(
    make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    store.update_settings(keys={"try-plan": "f6", "diary-compare": "f7"})
    app = make_app(initial_tab="diary")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_diary(app, pilot, wait_loaded)
        await press(pilot, "f7")
        await settle(pilot)
        assert tab.comparing
        text = panel_text(tab)
        assert "No try yet. Press f6 to plan one" in text
        assert "f6 plan a try · f7 back to the entries" in text
        await press(pilot, "f6")
        await settle(pilot)
        assert isinstance(app.screen, PlanTryScreen)


async def test_a_time_the_clocks_skipped_is_saved_and_the_form_says_as_what(
    writes_done: WaitLoaded,
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """01:30 on 31 March 2024 never happened in London: the entry keeps the moment and the user is told."""
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        app = make_app(initial_tab="diary")
        told: list[str] = []
        async with app.run_test(size=(100, 30)) as pilot:
            monkeypatch.setattr(app, "notify", lambda message, **_: told.append(message))
            await open_diary(app, pilot, wait_loaded)
            await press(pilot, "a")
            await writes_done(pilot)
            await type_into(pilot, "#entry-when", "2024-03-31 01:30")
            await press(pilot, "enter")
            await writes_done(pilot)
            assert not isinstance(app.screen, EntryFormScreen)
            [entry] = saved(data_dir)
            assert entry.when.isoformat(timespec="minutes") == "2024-03-31T02:30+01:00"
            assert any(
                "did not happen here (the clocks went forward); saved as 02:30+01:00" in message
                for message in told
            ), told
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
