"""Benchmark: how long the line-by-line `crampguide read` takes, beside `crampguide --version`.

`--version` is the floor: Python starting and importing the command line. `read` adds the content models, the
validated-content cache, the text renderer and writing the text. The goal is what the issue asks: `read`
imports neither Textual nor Pydantic, so it starts from the cache (checked on every run); the two times are
printed side by side for the record.

    python benchmarks/cli_start.py [--repeat N]

The package is byte-compiled first, as `pip install` does. Each command runs N times (after one warm-up run
that fills the cache) as a user types it, output to a pipe; the best and the median wall times are printed.
Exits 1 when `read` imports Textual or Pydantic.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from startup import byte_compile_crampguide  # the same preparation as the app's start-up benchmark

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "pydantic")
PROBE = (
    "import sys; import crampguide.cli as c; c.main(['read', 'causes']);"
    f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), file=sys.stderr)"
)


def command() -> list[str]:
    """The installed console script next to this Python, else `python -m crampguide` on this checkout."""
    script = Path(sys.executable).with_name("crampguide")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crampguide"]


def timed(args: list[str], env: dict[str, str], repeat: int) -> list[float]:
    times: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    print(f"byte-compiled {byte_compile_crampguide()}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "CRAMPGUIDE_CACHE_DIR": cache, "NO_COLOR": "1"}
        base = command()
        subprocess.run(
            [*base, "read", "causes"], env=env, stdout=subprocess.DEVNULL, check=True
        )  # fill cache
        probe = subprocess.run(
            [sys.executable, "-c", PROBE],
            env=env,
            stdout=subprocess.DEVNULL,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        loaded = probe.stderr.strip().splitlines()[-1]
        version = timed([*base, "--version"], env, options.repeat)
        read = timed([*base, "read", "causes"], env, options.repeat)
    print(
        f"crampguide --version      best {min(version):6.1f} ms   median {statistics.median(version):6.1f} ms"
    )
    print(f"crampguide read causes    best {min(read):6.1f} ms   median {statistics.median(read):6.1f} ms")
    print(f"read costs {min(read) - min(version):.1f} ms more than --version (best against best)")
    print(f"heavy modules imported by read: {loaded} (goal: none)")
    ok = loaded == "[]"
    print("OK" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
