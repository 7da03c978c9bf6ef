"""Words the app and the line-by-line forms share."""

from __future__ import annotations

import pytest

from crampguide.words import clock_words


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (-3, "0:00"), (0.001, "0:01"), (59, "0:59"), (59.2, "1:00"), (65, "1:05"), (600, "10:00")],
)
def test_a_countdown_reads_as_minutes_and_seconds_rounded_up(seconds: float, shown: str) -> None:
    assert clock_words(seconds) == shown
