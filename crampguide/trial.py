"""A try: a few weeks of doing one checklist item and weeks of leaving it out, in turn, to compare honestly.

Comparing the nights someone happened to stretch with the nights they did not mixes in why they skipped (a
late night, a bad day). A plan fixed up front, with the order of do and skip weeks drawn at random, makes the
two sides more alike; the result still uses `compare.Tally`'s words and its caution. Nights are the guide's
logical nights, plain dates, so a clock change inside a try changes nothing: every week is seven nights.

The random choice comes from an injected `random.Random`, so tests fix it; the store keeps the `Trial`.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from crampguide.checklist import DEFAULT_DAY_START_HOUR, Ticks
from crampguide.compare import CAUTION, MIN_NIGHTS, Tally, sentence, tally
from crampguide.diary import DiaryEntry, nights_with_cramps, short_date

DEFAULT_WEEKS = 4
MIN_WEEKS = 2
MAX_WEEKS = 12
DO_WEEKS = "in the do weeks"
SKIP_WEEKS = "in the skip weeks"


class Phase(StrEnum):
    DO = "do"
    SKIP = "skip"


class TrialState(StrEnum):
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"


def check_weeks(value: int) -> int:
    """Weeks must pair up, so the plan has as many do weeks as skip weeks."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not MIN_WEEKS <= value <= MAX_WEEKS
        or value % 2
    ):
        raise ValueError(
            f"a try lasts an even number of weeks from {MIN_WEEKS} to {MAX_WEEKS}, "
            f"so do and skip weeks balance; not {value!r}"
        )
    return value


@dataclass(frozen=True)
class TrialWeek:
    number: int  # from 1
    start: date
    end: date
    phase: Phase


@dataclass(frozen=True)
class Trial:
    """The plan of one try: from the night `start`, `weeks` weeks, alternating, beginning with `first`.

    `stopped` is the night it was stopped on; that night and later ones are not part of it.
    """

    checklist_id: str
    item_id: str
    start: date
    weeks: int
    first: Phase
    stopped: date | None = None

    def __post_init__(self) -> None:
        for name in ("checklist_id", "item_id"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value:
                raise ValueError(f"a try needs a {name.replace('_', ' ')}, not {value!r}")
        if not isinstance(self.start, date) or isinstance(self.start, datetime):
            raise ValueError(f"a try's start must be a date, not {self.start!r}")
        check_weeks(self.weeks)
        if not isinstance(self.first, Phase):
            object.__setattr__(self, "first", parse_phase(self.first))
        if self.stopped is not None and (
            not isinstance(self.stopped, date)
            or isinstance(self.stopped, datetime)
            or self.stopped < self.start
        ):
            raise ValueError(f"a try cannot be stopped before it starts ({self.stopped!r})")

    @property
    def end(self) -> date:
        """The plan's last night."""
        return self.start + timedelta(days=7 * self.weeks - 1)

    @property
    def nights(self) -> int:
        return 7 * self.weeks

    def plan(self) -> list[TrialWeek]:
        return [
            TrialWeek(
                number=week + 1,
                start=self.start + timedelta(days=7 * week),
                end=self.start + timedelta(days=7 * week + 6),
                phase=self._phase_of_week(week),
            )
            for week in range(self.weeks)
        ]

    def week_of(self, night: date) -> int | None:
        """The plan's week (from 1) that `night` is in, or None outside the try."""
        if not self.start <= night <= self.end or (self.stopped is not None and night >= self.stopped):
            return None
        return (night - self.start).days // 7 + 1

    def phase(self, night: date) -> Phase | None:
        week = self.week_of(night)
        return None if week is None else self._phase_of_week(week - 1)

    def state(self, tonight: date) -> TrialState:
        if self.stopped is not None:
            return TrialState.STOPPED
        return TrialState.FINISHED if tonight > self.end else TrialState.RUNNING

    def running(self, tonight: date) -> bool:
        return self.state(tonight) is TrialState.RUNNING

    def counted(self, tonight: date) -> list[date]:
        """The try's nights that are over: from its start to the night before tonight, the stop or the end."""
        last = min(self.end, tonight - timedelta(days=1))
        if self.stopped is not None:
            last = min(last, self.stopped - timedelta(days=1))
        return [self.start + timedelta(days=offset) for offset in range((last - self.start).days + 1)]

    def result(
        self, done_nights: Collection[date], cramp_nights: Collection[date], tonight: date
    ) -> TrialResult:
        """Do weeks against skip weeks, by the plan; `done_nights` are the nights the item was ticked."""
        nights = self.counted(tonight)
        do = [night for night in nights if self.phase(night) is Phase.DO]
        skip = [night for night in nights if self.phase(night) is Phase.SKIP]
        return TrialResult(
            trial=self,
            state=self.state(tonight),
            tally=tally(do, skip, cramp_nights),
            done_on_do=sum(1 for night in do if night in done_nights),
            done_on_skip=sum(1 for night in skip if night in done_nights),
        )

    def result_from_records(
        self,
        ticks: Mapping[str, Ticks],
        entries: Iterable[DiaryEntry],
        tonight: date,
        day_start_hour: int = DEFAULT_DAY_START_HOUR,
    ) -> TrialResult:
        """`result` straight from the saved ticks of every checklist and the diary."""
        by_night = ticks.get(self.checklist_id, {})
        done = {night for night, items in by_night.items() if self.item_id in items}
        return self.result(done, set(nights_with_cramps(entries, day_start_hour)), tonight)

    def _phase_of_week(self, week: int) -> Phase:
        other = Phase.SKIP if self.first is Phase.DO else Phase.DO
        return self.first if week % 2 == 0 else other


def parse_phase(value: object) -> Phase:
    try:
        return Phase(str(value))
    except ValueError:
        raise ValueError(f"a week is 'do' or 'skip', not {value!r}") from None


def plan(
    checklist_id: str, item_id: str, tonight: date, rng: random.Random, weeks: int = DEFAULT_WEEKS
) -> Trial:
    """A new try starting tonight; which kind of week comes first is drawn from `rng`."""
    return Trial(checklist_id, item_id, tonight, check_weeks(weeks), rng.choice((Phase.DO, Phase.SKIP)))


@dataclass(frozen=True)
class TrialResult:
    """A try's do weeks against its skip weeks, so far or at the end."""

    trial: Trial
    state: TrialState
    tally: Tally
    done_on_do: int  # do-week nights the item was ticked
    done_on_skip: int  # skip-week nights it was ticked anyway

    @property
    def nights(self) -> int:
        return self.tally.nights_with + self.tally.nights_without

    @property
    def final(self) -> bool:
        return self.state is TrialState.FINISHED

    def heading(self) -> str:
        total = self.trial.nights
        if self.state is TrialState.FINISHED:
            return f"Result after all {total} nights"
        if self.state is TrialState.STOPPED:
            return f"Stopped after {self.nights} of {total} nights; result so far"
        return f"So far: {self.nights} of {total} nights over"

    def lines(self) -> list[str]:
        """The result in sentences: the two counts or why not yet, how well the plan was kept, the caution."""
        t = self.tally
        lines = [sentence(t.in_words(DO_WEEKS, SKIP_WEEKS))]
        if self.nights:
            lines.append(
                f"It was ticked on {self.done_on_do} of {t.nights_with} do nights "
                f"and {self.done_on_skip} of {t.nights_without} skip nights."
            )
        if t.enough:
            lines.append(CAUTION)
        elif self.state is TrialState.RUNNING:
            lines.append(f"Each side needs {MIN_NIGHTS} nights; the plan gets there as the weeks go by.")
        return lines


# --- words --------------------------------------------------------------------------------------


def plan_lines(trial: Trial) -> list[str]:
    """The plan up front: the order drawn, then each week with its dates."""
    order = "do" if trial.first is Phase.DO else "skip"
    lines = [f"The order was drawn at random: a {order} week first."]
    lines += [
        f"Week {week.number}, {short_date(week.start)} – {short_date(week.end)}: {week.phase.value}"
        for week in trial.plan()
    ]
    return lines


def plan_summary(trial: Trial) -> str:
    """The plan on one line, for a panel with little room."""
    order = ", ".join(week.phase.value for week in trial.plan())
    return (
        f"{trial.weeks} weeks, {short_date(trial.start)} – {short_date(trial.end)}: {order} "
        "(order drawn at random)"
    )


def tonight_line(trial: Trial, item_text: str, tonight: date) -> str:
    """What the try asks of tonight, for the Prevention tab."""
    item = item_text.strip().rstrip(".")  # the item's own full stop would double the sentence's
    state = trial.state(tonight)
    if state is TrialState.STOPPED:
        return f"Your try of “{item}” was stopped."
    if state is TrialState.FINISHED:
        return f"Your try of “{item}” is over: its result is in the Diary tab."
    week = trial.week_of(tonight)
    phase = trial.phase(tonight)
    if week is None or phase is None:  # tonight before the start: only if the clock went back
        return f"Your try of “{item}” starts on the night of {short_date(trial.start)}."
    where = f"week {week} of {trial.weeks}"
    if phase is Phase.DO:
        return f"Tonight is a “do” night ({where} of your try): {item}."
    return f"Tonight is a “skip” night ({where} of your try): leave out “{item}”."
