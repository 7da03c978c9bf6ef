"""CPU cost of the stretch countdown: `crampguide stretch bedtime` on a pseudo-terminal, seen from outside.

Once the countdown is on screen, the child's CPU time (user + system, its children included) is sampled over a
window while this process keeps reading the terminal, so the child never blocks on output and the cost of
reading stays with the parent. Each run measures the routine and a bare Textual countdown
(`bare_countdown.py`: header, 1 Hz `Digits`, a progress bar, footer) one after the other, in alternating
order, and reports the ratio of each pair: the goal is a routine at most 1.5 times the bare countdown.
`--idle` also measures crampguide idle on the Causes tab and a bare Textual app, for context.

    .venv/bin/python benchmarks/timer_cpu.py [--seconds 10] [--runs 3] [--via-keys] [--idle]

`--via-keys` starts the routine from the Stretch tab (4, down, enter) instead of with the `stretch` command,
to measure the countdown even if the command's start-up path fails.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from pty_helpers import PtyApp, crampguide_command, write_accepted_settings  # noqa: E402

BARE_APP = REPO / "benchmarks" / "bare_app.py"
BARE_COUNTDOWN = REPO / "benchmarks" / "bare_countdown.py"
GOAL_RATIO = 1.5
# The player's "Step 1 of 8: left leg, round 1 of 3" line: it is only drawn while a routine runs.
COUNTDOWN = re.compile(r"Step \d+ of \d+")
CAUSES = ("General", "What a night cramp is")
BEDTIME = "Bedtime stretches"
# Causes stay on screen; remaining tabs mount just after, so wait for that to finish before measuring.
SETTLE_SECONDS = 2.0


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


def measure(app: PtyApp, seconds: float) -> tuple[float, str, str]:
    """CPU % of one core the child used over `seconds`, and the screen before and after."""
    process = psutil.Process(app.pid)
    before_screen = app.text()
    cpu_before, wall_before = cpu_seconds(process), time.perf_counter()
    app.drain(seconds)
    cpu_after, wall_after = cpu_seconds(process), time.perf_counter()
    return 100 * (cpu_after - cpu_before) / (wall_after - wall_before), before_screen, app.text()


def quit_app(app: PtyApp) -> None:
    app.press("q")
    status = app.wait_exit(timeout=5)
    if status != 0:
        raise SystemExit(f"exited with status {status}; screen was:\n{app.text()}")


def timer_run(seconds: float, timeout: float, *, via_keys: bool) -> float:
    data = Path(tempfile.mkdtemp(prefix="crampguide-bench-"))
    command = [] if via_keys else ["stretch", "bedtime"]
    try:
        write_accepted_settings(data)
        with PtyApp([crampguide_command(), "--data-dir", data, *command]) as app:
            if via_keys:
                app.wait_for(CAUSES, timeout=timeout)
                app.press("4")
                app.wait_for(BEDTIME, timeout=timeout)
                # The list starts on the first routine, "Cramp now"; bedtime is the next one.
                app.press("down", "enter")
            app.wait_for(lambda text: COUNTDOWN.search(text) is not None and BEDTIME in text, timeout=timeout)
            app.wait_for_change(timeout=3)  # the countdown ticks: the routine really runs
            app.drain(SETTLE_SECONDS)
            percent, before, after = measure(app, seconds)
            if before == after:
                raise SystemExit(f"the countdown did not move during the measurement; screen was:\n{after}")
            if COUNTDOWN.search(after) is None:
                raise SystemExit(f"the routine was no longer running at the end; screen was:\n{after}")
            quit_app(app)
        return percent
    finally:
        shutil.rmtree(data, ignore_errors=True)


def causes_run(seconds: float, timeout: float) -> float:
    data = Path(tempfile.mkdtemp(prefix="crampguide-bench-"))
    try:
        write_accepted_settings(data)
        with PtyApp([crampguide_command(), "--data-dir", data]) as app:
            app.wait_for(CAUSES, timeout=timeout)
            app.drain(SETTLE_SECONDS)
            percent, _, _ = measure(app, seconds)
            quit_app(app)
        return percent
    finally:
        shutil.rmtree(data, ignore_errors=True)


def bare_countdown_run(seconds: float, timeout: float) -> float:
    with PtyApp([sys.executable, BARE_COUNTDOWN]) as app:
        app.wait_for("bare countdown", timeout=timeout)
        app.wait_for_change(timeout=3)  # the countdown ticks
        app.drain(SETTLE_SECONDS)
        percent, before, after = measure(app, seconds)
        if before == after:
            raise SystemExit(f"the bare countdown did not move; screen was:\n{after}")
        quit_app(app)
    return percent


def bare_run(seconds: float, timeout: float) -> float:
    with PtyApp([sys.executable, BARE_APP]) as app:
        app.wait_for(("1 Causes", "6 Diary"), timeout=timeout)
        app.drain(SETTLE_SECONDS)
        percent, _, _ = measure(app, seconds)
        quit_app(app)
    return percent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each measurement (default 10)")
    parser.add_argument("--runs", type=int, default=3, help="pairs of measurements (default 3)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each screen")
    parser.add_argument("--via-keys", action="store_true", help="start the routine from the Stretch tab")
    parser.add_argument("--idle", action="store_true", help="also measure idle crampguide and a bare app")
    args = parser.parse_args()
    if not crampguide_command().exists():
        parser.error(f"{crampguide_command()} not found; run this with the venv's python")

    timer: list[float] = []
    countdown: list[float] = []
    causes: list[float] = []
    bare: list[float] = []
    for number in range(args.runs):
        # Alternate the order so neither side always runs on a machine warmed (or loaded) by the other.
        pair = [
            lambda: timer.append(timer_run(args.seconds, args.timeout, via_keys=args.via_keys)),
            lambda: countdown.append(bare_countdown_run(args.seconds, args.timeout)),
        ]
        for measure_one in pair if number % 2 == 0 else reversed(pair):
            measure_one()
        if args.idle:
            causes.append(causes_run(args.seconds, args.timeout))
            bare.append(bare_run(args.seconds, args.timeout))
        print(f"run {number + 1}/{args.runs} done", file=sys.stderr)

    def show(label: str, values: list[float], unit: str = "%") -> None:
        every = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {label:<36} {statistics.median(values):6.2f} {unit}   ({every})")

    print(f"\nCPU of one core over {args.seconds:g} s (median of {args.runs}; each run in brackets)")
    how = "Stretch tab, bedtime running" if args.via_keys else "stretch bedtime, countdown running"
    show(how, timer)
    show("bare Textual countdown", countdown)
    if args.idle:
        show("crampguide idle on Causes", causes)
        show("bare Textual app idle", bare)
    ratios = [t / c if c > 0 else float("inf") for t, c in zip(timer, countdown, strict=True)]
    show("ratio, run by run", ratios, "x")
    median = statistics.median(ratios)
    verdict = "ok" if median <= GOAL_RATIO else "MISSED"
    print(f"\ncountdown / bare countdown: {median:.2f}x  goal <= {GOAL_RATIO:g}x  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
