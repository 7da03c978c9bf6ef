"""Prevention tab: tonight's checklists, their streaks and last 14 nights, and every prevention rule and tip.

The store is the only truth: each tick is written at once, and the lists are redrawn from the store whenever
the tab is shown, so ticks made elsewhere (finishing the bedtime routine, another window) appear. While a try
runs, a line at the top says whether tonight is a "do" or a "skip" night; `p` plans a try, `x` stops it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from crampguide import checklist as checklist_logic
from crampguide.diary import plural, short_date
from crampguide.guide.models import Checklist
from crampguide.item_groups import prevention_groups
from crampguide.labels import POLICY_MARKERS
from crampguide.store import StoreError
from crampguide.trial import Phase, Trial, tonight_line
from crampguide.ui.keys import bindings_of
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.tabs.trying import TryControls
from crampguide.ui.widgets.item_view import ItemView
from crampguide.words import PREVENTION_HEADING

if TYPE_CHECKING:
    from crampguide.ui.services import Services

# Below this width the lists and the rule pane stack instead of sitting side by side.
NARROW_WIDTH = 76

TICKED = "[✓]"
UNTICKED = "[ ]"
DAY_LETTERS = "MTWTFSS"
GRID_MARKS = {"complete": "✓", "some": "~", "none": "·"}
GRID_LEGEND = "Grid: ✓ all done, ~ some, · none. Streak: nights in a row with every item ticked."


class ChecklistList(OptionList):
    """One checklist's items for tonight; space, enter or a click asks to toggle the highlighted item."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "select", "Tick", id="prevention-tick")]

    def __init__(self, checklist: Checklist) -> None:
        super().__init__(
            *(Option(_item_prompt(item.text, False), id=item.id) for item in checklist.items),
            id=f"checklist-{checklist.id}",
            classes="checklist-items",
        )
        self.checklist = checklist

    def show_ticks(self, ticked: frozenset[str] | set[str]) -> None:
        for item in self.checklist.items:
            self.replace_option_prompt(item.id, _item_prompt(item.text, item.id in ticked))


# A finished or stopped try is still mentioned for this many nights, pointing to its result.
TRY_ENDED_NIGHTS = 7


class PreventionTab(GuideTab):
    BINDINGS: ClassVar[list[BindingType]] = [*TryControls.BINDINGS]

    @classmethod
    def key_legend(cls) -> list[Binding]:
        return [*super().key_legend(), *bindings_of(ChecklistList.BINDINGS)]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self.night: date | None = None
        self.try_controls = TryControls(self, services, random.Random(), self.refresh_from_store)

    def compose(self) -> ComposeResult:
        guide = self.services.guide
        with Horizontal(id="prevention-split", classes="split"):
            with VerticalScroll(id="prevention-lists"):
                yield Static(id="prevention-intro", classes="prevention-intro")
                yield Static(id="prevention-try")
                for checklist in guide.checklists:
                    with Vertical(classes="checklist"):
                        yield Static(id=f"heading-{checklist.id}", classes="checklist-heading")
                        yield ChecklistList(checklist)
                        yield Static(id=f"grid-{checklist.id}", classes="checklist-grid")
                yield Static(GRID_LEGEND, classes="grid-legend")
                yield Static(PREVENTION_HEADING, classes="checklist-heading")
                yield OptionList(*self._rule_options(), id="rule-list")
            yield ItemView(guide, id="prevention-rule")

    def _rule_options(self) -> list[Option]:
        options: list[Option] = []
        for heading, rules in prevention_groups(self.services.guide):
            if rules:
                options.append(Option(Content(heading).stylize("bold"), disabled=True))
                options.extend(
                    Option(Content(f"{POLICY_MARKERS[rule.policy]} {rule.title}"), id=rule.id)
                    for rule in rules
                )
        return options

    def on_mount(self) -> None:
        for option_list in self.query(OptionList):
            option_list.highlighted = _first_enabled(option_list)
        checklists = self.services.guide.checklists
        if checklists:
            self._show_rule(checklists[0].items[0].rule)
        self.refresh_from_store()

    def shown_again(self) -> None:
        self.refresh_from_store()  # ticks saved meanwhile (a finished routine, another window) appear

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "narrow")

    def focus_first(self) -> None:
        lists = self.query(ChecklistList)
        if lists:
            # The first list is near the top; scrolling to it would hide the intro above it.
            lists.first().focus(scroll_visible=False)

    def show_item(self, item_id: str) -> None:
        """Highlight a rule or a checklist item by id and show its reason."""
        for option_list in self.query(OptionList):
            try:
                index = option_list.get_option_index(item_id)
            except OptionDoesNotExist:
                continue
            option_list.highlighted = index
            option_list.focus()
            self._show_highlighted(option_list)
            return

    # --- ticking -----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, ".checklist-items")
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_list = event.option_list
        item_id = event.option.id
        if not isinstance(option_list, ChecklistList) or item_id is None:
            return
        store = self.services.store
        checklist = option_list.checklist

        def toggle() -> None:
            night = store.tonight()  # not the drawn night: a new one may have begun while the tab was open
            ticked = item_id in store.ticks(checklist.id).get(night, frozenset())
            store.set_ticked(checklist.id, item_id, not ticked, night)

        self.services.shell.save(
            toggle, then=lambda _: self.refresh_from_store(), failed=lambda _: self.refresh_from_store()
        )

    def refresh_from_store(self) -> None:
        """Redraw every checklist, streak and grid from the saved ticks."""
        store = self.services.store
        try:
            hour = store.settings().day_start_hour
            self.night = store.tonight()
            all_ticks = store.all_ticks()
            latest = store.latest_try()
        except StoreError as error:
            self.services.shell.report(str(error), title="Your data", severity="error", timeout=10)
            return
        night = self.night
        self._show_try(latest, night)
        tick_key = self.services.shell.key_hint("prevention-tick")
        self.query_one("#prevention-intro", Static).update(
            Content(
                f"Tick what you did tonight ({tick_key}, enter or a click); it is saved at once. "
                f"A night runs {hour:02d}:00 to {hour:02d}:00. "
                "Why each item helps, with sources, is shown beside it."
            )
        )
        for checklist in self.services.guide.checklists:
            ticks = all_ticks.get(checklist.id, {})
            tonight = frozenset(ticks.get(night, ()))
            self.query_one(f"#checklist-{checklist.id}", ChecklistList).show_ticks(tonight)
            done = checklist_logic.done_count(checklist, tonight)
            streak = checklist_logic.streak(checklist, ticks, night)
            self.query_one(f"#heading-{checklist.id}", Static).update(
                Content.assemble(
                    (checklist.title, "bold"),
                    "\n",
                    (
                        f"Tonight {done} of {len(checklist.items)} · streak: {plural(streak, 'night')}",
                        "$text-muted",
                    ),
                )
            )
            self.query_one(f"#grid-{checklist.id}", Static).update(grid_text(checklist, ticks, night))
        self.services.shell.show_store_warnings()

    # --- a try ------------------------------------------------------------------------------------

    def _show_try(self, latest: Trial | None, tonight: date) -> None:
        self.try_controls.latest = latest
        self.try_controls.tonight = tonight
        line = self.query_one("#prevention-try", Static)
        last = None if latest is None else (latest.stopped or latest.end + timedelta(days=1))
        shown = latest is not None and last is not None and tonight < last + timedelta(days=TRY_ENDED_NIGHTS)
        line.display = shown
        if latest is not None and shown:
            phase = latest.phase(tonight)
            line.set_class(phase is Phase.DO, "do-night")
            line.set_class(phase is Phase.SKIP, "skip-night")
            line.update(Content(tonight_line(latest, self.try_controls.item_text(latest), tonight)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_try":
            return self.try_controls.running
        return True

    def action_plan_try(self) -> None:
        self.try_controls.plan()

    def action_stop_try(self) -> None:
        self.try_controls.stop()

    # --- the reason beside the list ----------------------------------------------------------------

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.has_focus:
            self._show_highlighted(event.option_list)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, OptionList):
            self._show_highlighted(event.widget)

    def _show_highlighted(self, option_list: OptionList) -> None:
        option = option_list.highlighted_option
        if option is None or option.id is None:
            return
        if isinstance(option_list, ChecklistList):
            item = next((i for i in option_list.checklist.items if i.id == option.id), None)
            if item is not None:
                self._show_rule(item.rule)
        else:
            self._show_rule(option.id)

    def _show_rule(self, rule_id: str) -> None:
        """A checklist item's rule is checked to exist when the content loads; the rule list holds rules."""
        rule = self.services.guide.rule(rule_id)
        view = self.query_one("#prevention-rule", ItemView)
        if view.item is not rule:
            view.item = rule


def grid_text(checklist: Checklist, ticks: checklist_logic.Ticks, tonight: date) -> Content:
    """The last 14 nights as weekday letters over marks, tonight last; readable without colour."""
    days = checklist_logic.grid(checklist, ticks, tonight)
    caption = f"{short_date(days[0].night)} – {short_date(days[-1].night)}, tonight last:"
    letters = " ".join(DAY_LETTERS[day.night.weekday()] for day in days)
    marks: list[tuple[str, str] | str] = []
    for index, day in enumerate(days):
        if index:
            marks.append(" ")
        if day.complete:
            marks.append((GRID_MARKS["complete"], "bold $text-success"))
        elif day.started:
            marks.append((GRID_MARKS["some"], "$text-warning"))
        else:
            marks.append((GRID_MARKS["none"], "$text-muted"))
    return Content.assemble((caption, "$text-muted"), "\n", letters, "\n", *marks)


def _item_prompt(text: str, ticked: bool) -> Content:
    return Content.assemble((TICKED, "bold $text-success") if ticked else UNTICKED, " ", text)


def _first_enabled(option_list: OptionList) -> int | None:
    for index, option in enumerate(option_list.options):
        if not option.disabled:
            return index
    return None
