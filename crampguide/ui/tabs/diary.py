"""Diary tab: log cramps, see the last 8 weeks, and get told when the diary rule says to see a doctor.

The diary exists to be shown to a doctor, so the tab says how to export it. The rule and the counts come from
`crampguide.diary`; the entries are read from the store each time the tab is shown, so entries logged with
`crampguide log` in another terminal appear too. `v` swaps the entries for the comparisons ("is it working
for me?", from `crampguide.compare`) and the try (`crampguide.trial`), which `p` plans and `x` stops.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.widgets import Button, DataTable, Static

from crampguide import diary
from crampguide.compare import compare_records
from crampguide.diary import DiaryEntry, DiaryNotice, WeekCount
from crampguide.guide.models import TreatmentGroup
from crampguide.store import StoreError
from crampguide.ui.screens.confirm import ConfirmScreen
from crampguide.ui.screens.entry_form import EntryFormScreen, EntryValues, when_text
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.tabs.trying import TryControls
from crampguide.ui.widgets.comparisons import ComparisonsPanel, PanelKeys, TryView

if TYPE_CHECKING:
    from crampguide.ui.services import Services

# Below this width the chart goes under the table instead of beside it.
NARROW_WIDTH = 76
BAR = "█"

PURPOSE = (
    "Log each cramp and bring the diary to your doctor: it shows how often cramps come and what helps. "
    "For a summary to print, run `crampguide export` in a terminal (`--format csv` for a spreadsheet)."
)


class DiaryTab(GuideTab):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add entry", id="diary-add"),
        Binding("e", "edit", "Edit", id="diary-edit"),
        Binding("d", "delete", "Delete", id="diary-delete"),
        Binding("v", "toggle_compare", "Compare", id="diary-compare"),
        *TryControls.BINDINGS,
    ]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self.entries: list[DiaryEntry] = []
        self._drawn: tuple[date, int] | None = None  # tonight and the day start the entries were drawn for
        self.try_controls = TryControls(self, services, random.Random(), self.refresh_from_store)

    def compose(self) -> ComposeResult:
        yield Static(Content(PURPOSE), id="diary-purpose")
        with Horizontal(id="diary-notice"):
            yield Static(id="diary-notice-text")
            yield Button(
                "Go to Triage",
                id="diary-to-triage",
                variant="warning",
                compact=True,
                action="app.show_tab('triage')",
            )
        with Horizontal(id="diary-body"):
            with Vertical(id="diary-entries"):
                table: DataTable[str | Text] = DataTable(
                    id="diary-table", cursor_type="row", zebra_stripes=True
                )
                yield table
                yield Static(id="diary-empty", classes="hint")
                yield Static(Content(self._keys_hint()), id="diary-keys", classes="hint")
            yield Static(id="diary-chart")
        yield ComparisonsPanel(id="diary-compare")

    def on_mount(self) -> None:
        table = self.query_one("#diary-table", DataTable)
        table.add_column("When", key="when")
        table.add_column("Leg", key="leg")
        table.add_column("Severity", key="severity")
        table.add_column("Min", key="minutes")
        table.add_column("What helped", key="helped", width=24)
        table.add_column("Note", key="note")
        self.query_one("#diary-compare", ComparisonsPanel).display = False
        self.refresh_from_store()

    def shown_again(self) -> None:
        self.refresh_from_store()  # entries saved elsewhere meanwhile (another tab, `crampguide log`) appear

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "narrow")

    def focus_first(self) -> None:
        if self.comparing:
            self.query_one("#diary-compare", ComparisonsPanel).focus()
        else:
            # In a short terminal the table sits below the purpose and the notice; scrolling to it would hide
            # a notice that points to Triage.
            self.query_one("#diary-table", DataTable).focus(scroll_visible=False)

    @property
    def comparing(self) -> bool:
        """The comparisons are shown instead of the entries."""
        return bool(self.query_one("#diary-compare", ComparisonsPanel).display)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Entry keys work on the entries only; stopping a try, only while one runs."""
        if action in ("edit", "delete") and self.comparing:
            return False
        if action == "stop_try":
            return self.try_controls.running
        return True

    # --- drawing -----------------------------------------------------------------------------------

    def refresh_from_store(self, select: str | None = None) -> None:
        """Redraw the table, chart and notice from the saved diary; `select` puts the cursor on an id."""
        store = self.services.store
        table = self.query_one("#diary-table", DataTable)
        if select is None and table.row_count:
            select = self._cursor_id()
        try:
            hour = store.settings().day_start_hour
            tonight = store.tonight()
            self.entries = store.entries()
        except StoreError as error:
            self.services.shell.report(str(error), title="Your diary", severity="error", timeout=10)
            return
        self.services.shell.show_store_warnings()
        table.clear()
        titles = self._treatment_titles()
        for entry in self.entries:
            table.add_row(*self._cells(entry, titles), key=entry.id)
        if select is not None:
            index = next((i for i, e in enumerate(self.entries) if e.id == select), None)
            if index is not None:
                table.move_cursor(row=index)
        empty = self.query_one("#diary-empty", Static)
        empty.display = not self.entries
        empty.update(Content(f"No entries yet. {self._add_hint()}") if not self.entries else "")
        self.query_one("#diary-chart", Static).update(
            chart_text(diary.weekly_counts(self.entries, tonight, hour))
        )
        self._show_notice(diary.frequency_notice(self.entries, tonight, hour))
        self._drawn = (tonight, hour)
        try:
            latest = store.latest_try()
        except StoreError as error:
            self.services.shell.report(str(error), title="Your data", severity="error", timeout=10)
            return
        self.try_controls.latest = latest  # `x` stops a running try from the entries too
        self.try_controls.tonight = tonight
        self.refresh_bindings()
        if self.comparing:
            self._show_comparisons()

    def _show_comparisons(self) -> None:
        """The comparisons over the chart's weeks, and the latest try, from what is saved.

        Worked out only while the panel is shown (when `v` shows it, and at each redraw while it is): the
        entries alone need none of it.
        """
        if self._drawn is None:
            return
        tonight, hour = self._drawn
        latest = self.try_controls.latest
        try:
            ticks = self.services.store.all_ticks()
        except StoreError as error:
            self.services.shell.report(str(error), title="Your data", severity="error", timeout=10)
            return
        checklists = self.services.guide.checklists
        start = tonight - timedelta(days=7 * diary.WEEKS - 1)
        comparisons = compare_records(
            checklists, ticks, self.entries, start=start, tonight=tonight, day_start_hour=hour
        )
        shown = None
        if latest is not None:
            shown = TryView(
                trial=latest,
                item_text=self.try_controls.item_text(latest),
                result=latest.result_from_records(ticks, self.entries, tonight, hour),
                tonight=tonight,
            )
        hint = self.services.shell.key_hint
        keys = PanelKeys(plan=hint("try-plan"), stop=hint("try-stop"), back=hint("diary-compare"))
        self.query_one("#diary-compare", ComparisonsPanel).show(comparisons, start, shown, keys)

    def _cells(self, entry: DiaryEntry, titles: dict[str, str]) -> list[str | Text]:
        """Text the user or a file wrote is a rich `Text`: DataTable reads a str as markup, and measures a
        Textual `Content` cell one character wide, so either way "woke [again]" would lose its end."""
        return [
            when_text(entry.when),
            entry.leg.value if entry.leg is not None else "–",
            "–" if entry.severity is None else f"{entry.severity}/10",
            "–" if entry.minutes is None else ("<1" if entry.minutes == 0 else str(entry.minutes)),
            Text(", ".join(titles.get(h, h) for h in entry.helped) or "–"),
            Text(" ".join(entry.note.split()) or "–"),
        ]

    def _show_notice(self, notice: DiaryNotice | None) -> None:
        box = self.query_one("#diary-notice", Horizontal)
        box.display = notice is not None
        if notice is None:
            return
        box.set_class(notice.triage, "urgent")
        self.query_one("#diary-notice-text", Static).update(
            Content.assemble((f"{notice.title}. ", "bold"), notice.message)
        )

    # --- actions -----------------------------------------------------------------------------------

    def action_toggle_compare(self) -> None:
        panel = self.query_one("#diary-compare", ComparisonsPanel)
        panel.display = not panel.display
        if panel.display:
            self._show_comparisons()
        self.query_one("#diary-body").display = not panel.display
        self.query_one("#diary-purpose").display = not panel.display  # about logging; room for the panel
        self.focus_first()
        self.refresh_bindings()

    def action_plan_try(self) -> None:
        self.try_controls.plan()

    def action_stop_try(self) -> None:
        self.try_controls.stop()

    def action_add(self) -> None:
        self.add_entry()

    def add_entry(self, draft: EntryValues | None = None) -> None:
        """Open the form for a new entry, filled in from `draft` (first aid's "log this cramp") if given."""
        self.app.push_screen(
            EntryFormScreen(self._first_aid(), self.services.now(), draft=draft), self._added
        )

    def _added(self, values: EntryValues | None) -> None:
        if values is None:
            return
        store = self.services.store

        def saved(entry: DiaryEntry) -> None:
            self.services.shell.report("Saved to your diary.", timeout=3)
            self.refresh_from_store(select=entry.id)

        self.services.shell.save(lambda: store.add_entry(**vars(values)), then=saved)

    def action_edit(self) -> None:
        entry = self._cursor_entry()
        if entry is None:
            return
        self.app.push_screen(
            EntryFormScreen(self._first_aid(), self.services.now(), entry),
            lambda values: self._edited(entry, values),
        )

    def _edited(self, entry: DiaryEntry, values: EntryValues | None) -> None:
        if values is None:
            return
        changed = DiaryEntry(id=entry.id, **vars(values))
        store = self.services.store

        def saved(_: DiaryEntry) -> None:
            self.services.shell.report("Entry updated.", timeout=3)
            self.refresh_from_store(select=entry.id)

        # Deleted elsewhere meanwhile: the redraw after the failure shows it gone.
        self.services.shell.save(
            lambda: store.update_entry(changed), then=saved, failed=lambda _: self.refresh_from_store()
        )

    def action_delete(self) -> None:
        entry = self._cursor_entry()
        if entry is None:
            return
        hour = self.services.store.settings().day_start_hour
        self.app.push_screen(
            ConfirmScreen(
                "Delete this entry?",
                diary.describe(entry, hour, self._treatment_titles()),
                yes="Delete",
                no="Keep",
            ),
            lambda yes: self._deleted(entry, yes),
        )

    def _deleted(self, entry: DiaryEntry, yes: bool | None) -> None:
        if not yes:
            return
        store = self.services.store

        def deleted(_: bool) -> None:
            index = next((i for i, e in enumerate(self.entries) if e.id == entry.id), 0)
            self.refresh_from_store()
            table = self.query_one("#diary-table", DataTable)
            if table.row_count:
                table.move_cursor(row=min(index, table.row_count - 1))
            self.services.shell.report("Entry deleted.", timeout=3)

        self.services.shell.save(lambda: store.delete_entry(entry.id), then=deleted)

    @on(DataTable.RowSelected, "#diary-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # --- helpers -----------------------------------------------------------------------------------

    def _cursor_id(self) -> str | None:
        table = self.query_one("#diary-table", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value

    def _cursor_entry(self) -> DiaryEntry | None:
        entry_id = self._cursor_id()
        if entry_id is None:
            self.services.shell.report(f"No entry to choose. {self._add_hint()}")
            return None
        return next((e for e in self.entries if e.id == entry_id), None)

    def _keys_hint(self) -> str:
        hint = self.services.shell.key_hint
        return f"{hint('diary-add')} add · {hint('diary-edit')} or enter edit · {hint('diary-delete')} delete"

    def _add_hint(self) -> str:
        return f"Press {self.services.shell.key_hint('diary-add')} to add one."

    def _first_aid(self) -> list[tuple[str, str]]:
        return [
            (t.id, t.title) for t in self.services.guide.treatments if t.group is TreatmentGroup.FIRST_AID
        ]

    def _treatment_titles(self) -> dict[str, str]:
        return {t.id: t.title for t in self.services.guide.treatments}


def chart_text(weeks: list[WeekCount]) -> Content:
    """Nights with cramps per week as bars of █, one per night, with the count: readable without colour."""
    width = max((len(week.label) for week in weeks), default=0)
    parts: list[str | tuple[str, str]] = [("Nights with cramps per week", "bold")]
    for week in weeks:
        bar = BAR * week.nights
        style = "$text-warning" if week.nights >= diary.FREQUENT_NIGHTS else "$text-primary"
        parts += ["\n", f"{week.label:>{width}} ", (f"{bar:<7}", style), f" {week.nights}"]
    return Content.assemble(*parts)
