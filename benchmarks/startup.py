"""Start-up benchmark: crampguide against a bare Textual app with the same frame, on a real pseudo-terminal.

For each run it measures, from spawn:

- first frame: the tab bar ("1 Causes" ... "6 Diary") is on the emulated screen;
- content: for crampguide, the Causes tree group "General" and the first item's title, which exist only once
  the content pack has been loaded and validated (later groups, such as "Pregnancy", are below the fold on a
  30-row screen); for the bare app, the same moment as its first frame;
- peak memory: the child's VmHWM, read just before it is told to quit.

Runs are interleaved (the order swaps every run) so a busy machine slows both apps alike, and each run of
crampguide is paired with the bare run next to it: the median of those paired ratios is reported beside the
ratio of the medians, because this machine's speed drifts by ±20 % over a minute. A goal counts as met only
when both are within it. One warm-up run of
each comes first and is not counted, so a cold disk cache and the first start's content validation (later
starts read the validated-content cache) do not skew the medians. The package is byte-compiled first, as
`pip install` does, so an editable install measures what an installed copy does.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--importtime]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from pty_helpers import (  # noqa: E402
    PtyApp,
    crampguide_command,
    peak_rss_kib,
    pty_env,
    write_accepted_settings,
)

BARE_APP = REPO / "benchmarks" / "bare_app.py"
TAB_BAR = ("1 Causes", "6 Diary")
CONTENT = ("General", "What a night cramp is")
# Time after content before reading the memory high-water mark: remaining tabs mount right after the first.
SETTLE_SECONDS = 1.0

GOAL_FIRST_FRAME = 1.15
GOAL_CONTENT = 1.5
GOAL_MEMORY = 1.3


@dataclass(frozen=True)
class Run:
    first_frame: float
    content: float
    peak_kib: int


def run_crampguide(timeout: float) -> Run:
    """A bare `crampguide`, as a user types it; the data folder comes from the environment."""
    data = Path(tempfile.mkdtemp(prefix="crampguide-bench-"))
    try:
        write_accepted_settings(data)
        env = pty_env({"CRAMPGUIDE_DATA_DIR": str(data)})
        return _measure([crampguide_command()], CONTENT, timeout, env)
    finally:
        shutil.rmtree(data, ignore_errors=True)


def run_bare(timeout: float) -> Run:
    return _measure([sys.executable, BARE_APP], None, timeout, pty_env())


def byte_compile_crampguide() -> Path:
    """Compile the package the benchmark runs, as `pip install` does.

    An editable install has no `__pycache__` until a module is imported with bytecode writing on; with
    PYTHONDONTWRITEBYTECODE set (as on CI machines) every start would compile the whole app from source, a
    cost no installed copy pays and the bare app (Textual, installed compiled) never sees.
    """
    import compileall

    done = subprocess.run(
        [sys.executable, "-c", "import crampguide, pathlib; print(pathlib.Path(crampguide.__file__).parent)"],
        capture_output=True,
        text=True,
        check=True,
    )
    package = Path(done.stdout.strip())
    compileall.compile_dir(package, quiet=1)
    return package


def _measure(
    argv: list[str | Path], content: tuple[str, ...] | None, timeout: float, env: dict[str, str]
) -> Run:
    with PtyApp(argv, env=env) as app:
        first = app.wait_for(TAB_BAR, timeout=timeout)
        shown = app.wait_for(content, timeout=timeout) if content else first
        app.drain(SETTLE_SECONDS)
        peak = peak_rss_kib(app.pid)
        app.press("q")
        status = app.wait_exit(timeout=5)
        if status != 0:
            raise SystemExit(f"{argv[0]} exited with status {status}; screen was:\n{app.text()}")
    return Run(first, shown, peak)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def verdict(ratio: float, goal: float) -> str:
    return "ok" if ratio <= goal else "MISSED"


def report(guide: list[Run], bare: list[Run]) -> None:
    print(
        f"\n{'run':>4} {'crampguide first':>17} {'content':>10} {'peak':>9} | {'bare first':>11} {'peak':>9}"
    )
    for number, (g, b) in enumerate(zip(guide, bare, strict=True), start=1):
        print(
            f"{number:>4} {ms(g.first_frame):>17} {ms(g.content):>10} {g.peak_kib / 1024:>6.1f} MB"
            f" | {ms(b.first_frame):>11} {b.peak_kib / 1024:>6.1f} MB"
        )
    g_first = statistics.median(r.first_frame for r in guide)
    g_content = statistics.median(r.content for r in guide)
    g_peak = statistics.median(r.peak_kib for r in guide)
    b_first = statistics.median(r.first_frame for r in bare)
    b_peak = statistics.median(r.peak_kib for r in bare)
    print("\nmedians")
    print(f"  crampguide first frame  {ms(g_first)}")
    print(f"  crampguide content      {ms(g_content)}")
    print(f"  crampguide peak memory  {g_peak / 1024:7.1f} MB")
    print(f"  bare first frame        {ms(b_first)}")
    print(f"  bare peak memory        {b_peak / 1024:7.1f} MB")
    print("\nratios (crampguide / bare)       of medians   median of paired runs")
    pairs = list(zip(guide, bare, strict=True))
    for label, ratio, paired, goal in (
        (
            "first frame",
            g_first / b_first,
            [g.first_frame / b.first_frame for g, b in pairs],
            GOAL_FIRST_FRAME,
        ),
        (
            "content / bare first frame",
            g_content / b_first,
            [g.content / b.first_frame for g, b in pairs],
            GOAL_CONTENT,
        ),
        ("peak memory", g_peak / b_peak, [g.peak_kib / b.peak_kib for g, b in pairs], GOAL_MEMORY),
    ):
        middle = statistics.median(paired)
        met = verdict(max(ratio, middle), goal)
        print(f"  {label:<28} {ratio:5.2f}        {middle:5.2f}        goal <= {goal}  {met}")


# --- import time -----------------------------------------------------------------------------------

BARE_IMPORTS = (
    "from textual.app import App; from textual.widgets import Footer, Header, Static, TabbedContent, TabPane"
)
APP_IMPORTS = "import crampguide.cli, crampguide.commands.app, crampguide.ui.app"


@dataclass(frozen=True)
class ImportRun:
    total_us: int  # sum of the top-level imports' cumulative times
    modules: dict[str, tuple[int, int]]  # module -> (self µs, cumulative µs)


def import_times(code: str, repeats: int = 5) -> ImportRun:
    """One `python -X importtime -c code` run: the one with the median total of `repeats` runs."""
    runs: list[ImportRun] = []
    for _ in range(repeats):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
        )
        modules: dict[str, tuple[int, int]] = {}
        total = 0
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "imported package" in line:
                continue
            self_us, cumulative_us, name = line[len("import time:") :].split("|")
            module = name.strip()
            modules.setdefault(module, (int(self_us), int(cumulative_us)))
            if name[1:2] != " ":  # not indented: imported by the code itself
                total += int(cumulative_us)
        runs.append(ImportRun(total, modules))
    runs.sort(key=lambda run: run.total_us)
    return runs[len(runs) // 2]


def report_importtime(top: int) -> None:
    app = import_times(APP_IMPORTS)
    bare = import_times(BARE_IMPORTS)
    print(
        f"\nimport time (median of 5 runs): `{APP_IMPORTS}` {app.total_us / 1000:.1f} ms;"
        f" the bare app's Textual imports {bare.total_us / 1000:.1f} ms"
    )
    print(f"  top {top} by cumulative time (ms, cumulative / self):")
    for module, (self_us, cumulative) in sorted(app.modules.items(), key=lambda item: -item[1][1])[:top]:
        print(f"    {cumulative / 1000:7.1f} {self_us / 1000:6.1f}  {module}")
    extra = {m: t for m, t in app.modules.items() if m not in bare.modules}
    extra_self = sum(self_us for self_us, _ in extra.values())
    print(
        f"  modules the bare app does not import: {len(extra)}, {extra_self / 1000:.1f} ms of their own time;"
    )
    print("  the costliest of them (cumulative ms):")
    for module, (_, cumulative) in sorted(extra.items(), key=lambda item: -item[1][1])[:top]:
        print(f"    {cumulative / 1000:7.1f}  {module}")
    print('  tip: `python -X importtime -c "import crampguide.ui.app"` shows the same for any module.')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each app (default 15)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for each screen")
    parser.add_argument("--importtime", action="store_true", help="also list the slowest imports")
    parser.add_argument("--top", type=int, default=15, help="how many imports to list (default 15)")
    args = parser.parse_args()
    if not crampguide_command().exists():
        parser.error(f"{crampguide_command()} not found; run this with the venv's python")
    print(f"byte-compiled {byte_compile_crampguide()}", file=sys.stderr)

    run_crampguide(args.timeout)
    run_bare(args.timeout)
    guide: list[Run] = []
    bare: list[Run] = []
    for number in range(args.runs):
        # Swap the order every run, so neither app always runs on a machine the other just warmed up.
        if number % 2 == 0:
            guide.append(run_crampguide(args.timeout))
            bare.append(run_bare(args.timeout))
        else:
            bare.append(run_bare(args.timeout))
            guide.append(run_crampguide(args.timeout))
        print(f"run {number + 1}/{args.runs} done", file=sys.stderr)
    report(guide, bare)
    if args.importtime:
        report_importtime(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
