"""`crampguide export --format json` run as a user would, with a try in the data folder."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from conftest import RunCli

from crampguide.store import Store
from crampguide.trial import plan


def test_export_json_has_the_comparisons_and_the_try(cli: RunCli, data_dir: Path) -> None:
    store = Store(data_dir)
    now = datetime.now().astimezone()
    for days in range(1, 20):
        if days % 2:
            store.set_ticked("at-bedtime", "bedtime-stretch", True, store.tonight() - timedelta(days=days))
    store.add_entry(when=now - timedelta(days=2), severity=4)
    store.start_try(plan("at-bedtime", "bedtime-stretch", store.tonight(), random.Random(1)))

    result = cli("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "crampguide-summary"
    assert document["period"]["nights"] == 20  # from the first tick, 19 nights ago, to tonight
    assert len(document["entries"]) == 1
    stretch = next(c for c in document["comparisons"] if c["item"] == "bedtime-stretch")
    assert (stretch["nights_done"], stretch["nights_not_done"]) == (10, 9)
    assert stretch["enough"] is True
    assert document["try"]["state"] == "running"
    assert document["try"]["item"] == "bedtime-stretch"
    assert len(document["try"]["weeks"]) == 4


def test_export_json_to_a_file_without_any_data(cli: RunCli, tmp_path: Path) -> None:
    output = tmp_path / "summary.json"
    result = cli("export", "--format", "json", "--output", output)
    assert result.returncode == 0, result.stderr
    document = json.loads(output.read_text("utf-8"))
    assert document["entries"] == [] and "try" not in document
    assert all(c["nights_done"] + c["nights_not_done"] == 0 for c in document["comparisons"])
