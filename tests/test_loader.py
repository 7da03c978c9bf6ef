"""The loader: valid packs load; a bad pack gives `FILE: ITEM: FIELD: message`, never a traceback."""

from __future__ import annotations

import dataclasses
import os
import shutil
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from conftest import RunCli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crampguide.guide import models
from crampguide.guide.errors import ContentError, Problem
from crampguide.guide.files import CONTENT_FILES
from crampguide.guide.loader import load_guide
from crampguide.guide.models import Guide
from crampguide.paths import bundled_content_dir

FIXTURE_PACK = Path(__file__).resolve().parent / "fixtures" / "minimal_pack"


# --- valid packs -------------------------------------------------------------------------------


def test_minimal_pack_loads(minimal_pack: Path) -> None:
    guide = load_guide(minimal_pack)
    assert isinstance(guide, Guide)
    assert guide.triage.root == "q-chest"
    assert guide.routine("routine-bedtime").bedtime
    assert guide.rule("rule-one").title == "Rule one"


def test_bundled_pack_loads() -> None:
    directory = bundled_content_dir()
    try:
        guide = load_guide(directory)
    except ContentError as error:
        pytest.fail(f"bundled content at {directory} does not load:\n{error}")
    assert guide.sources and guide.causes and guide.treatments and guide.triage.questions


def test_bundled_pack_has_every_content_file() -> None:
    present = {path.name for path in bundled_content_dir().glob("*.toml")}
    assert set(CONTENT_FILES) <= present


# --- one case per kind of error ----------------------------------------------------------------


def read_toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def edit(name: str, change: Callable[[dict[str, Any]], object]) -> Callable[[Path], Path]:
    """A mutation that loads one file of the pack, changes its data and writes it back."""

    def mutate(pack: Path) -> Path:
        data = read_toml(pack / name)
        change(data)
        (pack / name).write_text(tomli_w.dumps(data), encoding="utf-8")
        return pack

    return mutate


def write(name: str, content: bytes) -> Callable[[Path], Path]:
    def mutate(pack: Path) -> Path:
        (pack / name).write_bytes(content)
        return pack

    return mutate


def delete(name: str) -> Callable[[Path], Path]:
    def mutate(pack: Path) -> Path:
        (pack / name).unlink()
        return pack

    return mutate


def unreadable_as_directory(pack: Path) -> Path:
    """Root reads any file, so a directory in the file's place is what makes reading fail for everyone."""
    (pack / "causes.toml").unlink()
    (pack / "causes.toml").mkdir()
    return pack


def make_fifo(pack: Path) -> Path:
    """A named pipe would block a plain read for ever."""
    (pack / "causes.toml").unlink()
    os.mkfifo(pack / "causes.toml")
    return pack


def link_to_dev_zero(pack: Path) -> Path:
    """An endless file: read whole, it would fill memory."""
    (pack / "causes.toml").unlink()
    (pack / "causes.toml").symlink_to("/dev/zero")
    return pack


def huge_file(pack: Path) -> Path:
    """Larger than any content file should be; sparse, so the test costs no disk."""
    with open(pack / "causes.toml", "r+b") as file:
        file.truncate(64 * 1024 * 1024)
    return pack


def missing_directory(pack: Path) -> Path:
    return pack.parent / "no-such-pack"


def file_instead_of_directory(pack: Path) -> Path:
    return pack / "causes.toml"


def first(table: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    """Set fields on the first item of `table`."""

    def change(data: dict[str, Any]) -> None:
        data[table][0].update(values)

    return change


def drop(table: str, key: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        del data[table][0][key]

    return change


def duplicate_first(table: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data[table].append(dict(data[table][0]))

    return change


def node(node_id: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for table in ("question", "outcome"):
            for item in data[table]:
                if item["id"] == node_id:
                    item.update(values)

    return change


def add_unreachable_outcome(data: dict[str, Any]) -> None:
    data["outcome"].append({**data["outcome"][-1], "id": "out-spare"})


def first_step(**values: Any) -> Callable[[dict[str, Any]], None]:
    """Set fields on the first step of the first routine."""

    def change(data: dict[str, Any]) -> None:
        data["routine"][0]["steps"][0].update(values)

    return change


def checklist_item(**values: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["checklist"][0]["items"][0].update(values)

    return change


@dataclass(frozen=True)
class Case:
    mutate: Callable[[Path], Path]
    file: str  # "{dir}" stands for the directory given to the loader
    item: str
    fields: tuple[str, ...]
    message: str
    could_hang: bool = False
    """A broken check would wait for ever or read without end: the command line runs it in a child, timed."""


def case(
    id: str,
    mutate: Callable[[Path], Path],
    file: str,
    item: str,
    fields: str | tuple[str, ...],
    message: str,
    *,
    could_hang: bool = False,
    marks: pytest.MarkDecorator | tuple[()] = (),
) -> object:
    """One row of the table: the pack broken one way, and the problem the loader must name for it.

    `fields` is the field named, or a tuple of the wordings that count.
    """
    fields = (fields,) if isinstance(fields, str) else fields
    return pytest.param(Case(mutate, file, item, fields, message, could_hang), id=id, marks=marks)


NEEDS_DEV_ZERO = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
NEEDS_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
ESCAPES = "must not hold control characters or text-direction overrides (a terminal would obey them)"
CAUSE_LINKS = "'established', 'possible', 'unproven' or 'myth'"

# One row per case (the formatter would spread each over seven lines): id, how the pack is broken, then the
# problem expected: file ("{dir}": the folder given), item, field, message.
# fmt: off
CASES = [
    # Files and folders that cannot be read, and files that are not TOML.
    case("missing-directory", missing_directory, "{dir}", "-", "-", "not found"),
    case("not-a-directory", file_instead_of_directory, "{dir}", "-", "-", "not a directory"),
    case("missing-file", delete("causes.toml"), "causes.toml", "-", "-", "missing"),
    case("unreadable-directory", unreadable_as_directory, "causes.toml", "-", "-", "cannot read"),
    case("not-utf8", write("causes.toml", b'[[cause]]\nid = "caf\xe9"\n'),
         "causes.toml", "-", "-", "not UTF-8"),
    case("toml-syntax", write("causes.toml", b"a = 1\nb = = 2\n"),
         "causes.toml", "-", "-", "line 2, column 5"),
    case("toml-nested-too-deeply", write("causes.toml", b"a = " + b"[" * 2000 + b"]" * 2000),
         "causes.toml", "-", "-", "too deeply"),
    case("toml-nested-100000-deep", write("causes.toml", b"a = " + b"[" * 100_000 + b"]" * 100_000),
         "causes.toml", "-", "-", "too deeply"),
    case("link-to-dev-zero", link_to_dev_zero, "causes.toml", "-", "-", "not a regular file",
         could_hang=True, marks=NEEDS_DEV_ZERO),
    case("too-large", huge_file, "causes.toml", "-", "-", "too large (64.0 MiB; at most 4.0 MiB)"),
    case("not-a-regular-file", make_fifo, "causes.toml", "-", "-", "not a regular file",
         could_hang=True, marks=NEEDS_FIFO),
    # Fields of the wrong type, missing, empty or unknown.
    case("wrong-type", edit("causes.toml", first("cause", title=42)),
         "causes.toml", "cause-one", "title", "must be a string"),
    case("wrong-type-number", edit("sources.toml", first("source", year="recent")),
         "sources.toml", "src-one", "year", "whole number"),
    case("wrong-type-nested", edit("routines.toml", first_step(seconds="long")),
         "routines.toml", "routine-relief", "steps[0].seconds", "whole number"),
    case("wrong-type-table", edit("disclaimer.toml", lambda d: d.update(disclaimer="text")),
         "disclaimer.toml", "-", "disclaimer", "must be a table"),
    case("missing-field", edit("treatments.toml", drop("treatment", "body")),
         "treatments.toml", "treatment-one", "body", "missing"),
    case("empty-file", write("disclaimer.toml", b"# nothing here\n"),
         "disclaimer.toml", "-", "disclaimer", "missing"),
    case("empty-string", edit("prevention.toml", first("rule", title="   ")),
         "prevention.toml", "rule-one", "title", "empty"),
    case("empty-list", edit("causes.toml", first("cause", sources=[])),
         "causes.toml", "cause-one", "sources", "empty"),
    case("unknown-field", edit("causes.toml", first("cause", colour="red")),
         "causes.toml", "cause-one", "colour", "unknown field"),
    case("unknown-top-level-field", edit("triage.toml", lambda d: d.update(extra=1)),
         "triage.toml", "-", "extra", "unknown field"),
    # A cause is not advice: it takes a link strength, and an advice policy is refused.
    case("policy-on-a-cause", edit("causes.toml", first("cause", policy="recommend")),
         "causes.toml", "cause-one", "policy", "unknown field"),
    case("policy-on-a-key-point", edit("key_points.toml", first("point", policy="recommend")),
         "key_points.toml", "point-one", "policy", "unknown field"),
    case("cause-without-link", edit("causes.toml", drop("cause", "link")),
         "causes.toml", "cause-one", "link", "missing"),
    case("cause-link-not-a-strength", edit("causes.toml", first("cause", link="recommend")),
         "causes.toml", "cause-one", "link", CAUSE_LINKS),
    case("link-stronger-than-grade", edit("causes.toml", first("cause", link="established", grade="none")),
         "causes.toml", "cause-one", "link", "a 'established' link needs grade 'good' (got 'none')"),
    case("myth-with-good-evidence", edit("causes.toml", first("cause", link="myth", grade="good")),
         "causes.toml", "cause-one", "link", "a 'myth' link needs grade 'against' or 'none' (got 'good')"),
    # Content is printed as typed: a pack must not carry terminal escapes or text-direction overrides.
    case("escape-in-a-title", edit("treatments.toml", first("treatment", title="Stretch\x1b[2J now")),
         "treatments.toml", "treatment-one", "title", ESCAPES),
    case("bidi-override-in-a-body", edit("treatments.toml", first("treatment", body="Reads \u202ebackwards")),
         "treatments.toml", "treatment-one", "body", ESCAPES),
    # Evidence against an item rules out presenting it as advice.
    case("against-and-recommend",
         edit("treatments.toml", first("treatment", grade="against", policy="recommend")),
         "treatments.toml", "treatment-one", "policy", "an item graded 'against' cannot be 'recommend'"),
    case("against-and-caveat", edit("prevention.toml", first("rule", grade="against", policy="caveat")),
         "prevention.toml", "rule-one", "policy", "an item graded 'against' cannot be 'caveat'"),
    case("not-advised-without-a-reason", edit("treatments.toml", lambda d: d["treatment"][1].pop("safety")),
         "treatments.toml", "treatment-two", "safety", "a not-advised item needs at least one safety note"),
    # Ids, and references between items and files.
    case("bad-id", edit("causes.toml", first("cause", id="Cause One")),
         "causes.toml", "Cause One", "id", "kebab-case"),
    case("duplicate-id", edit("sources.toml", duplicate_first("source")),
         "sources.toml", "src-one", "id", "duplicate"),
    case("dangling-source", edit("causes.toml", first("cause", sources=["src-one", "no-such-source"])),
         "causes.toml", "cause-one", "sources[1]", "no-such-source"),
    case("dangling-triage-node", edit("triage.toml", node("q-frequent", yes="nowhere")),
         "triage.toml", "q-frequent", "yes", "nowhere"),
    case("dangling-triage-root", edit("triage.toml", lambda d: d.update(root="nowhere")),
         "triage.toml", "-", "root", "nowhere"),
    # The field names the answer that loops back; "yes/no" is the older, vaguer wording.
    case("cycle", edit("triage.toml", node("q-frequent", no="q-chest")),
         "triage.toml", "q-frequent", ("no", "yes/no"), "cycle"),
    case("unreachable-node", edit("triage.toml", add_unreachable_outcome),
         "triage.toml", "out-spare", "id", "not reachable"),
    case("dangling-routine-exercise", edit("routines.toml", first_step(exercise="no-such-exercise")),
         "routines.toml", "routine-relief", "steps[0].exercise", "no-such-exercise"),
    case("exercise-treatment-not-first-aid",
         edit("routines.toml", first("exercise", treatments=["treatment-two"])),
         "routines.toml", "exercise-one", "treatments[0]", "'treatment-two' is not a first-aid treatment"),
    case("dangling-checklist-rule", edit("checklists.toml", checklist_item(rule="no-such-rule")),
         "checklists.toml", "checklist-evening", "items[0].rule", "no-such-rule"),
    case("dangling-checklist-routine",
         edit("checklists.toml", lambda d: d["checklist"][0]["items"][1].update(routine="no-such-routine")),
         "checklists.toml", "checklist-evening", "items[1].routine", "no-such-routine"),
]
# fmt: on


def matching(problems: tuple[Problem, ...], case: Case, directory: Path) -> list[Problem]:
    file = case.file.replace("{dir}", str(directory))
    return [
        p
        for p in problems
        if p.file == file and p.item == case.item and p.field in case.fields and case.message in p.message
    ]


@pytest.mark.parametrize("case", CASES)
def test_loader_names_file_item_and_field(minimal_pack: Path, case: Case) -> None:
    directory = case.mutate(minimal_pack)
    with pytest.raises(ContentError) as caught:
        load_guide(directory)
    problems = caught.value.problems
    assert matching(problems, case, directory), "\n".join(map(str, problems))
    for problem in problems:
        assert problem.file and problem.item and problem.field and problem.message


@pytest.mark.parametrize("case", CASES)
def test_cli_reports_one_line_per_problem(
    minimal_pack: Path, case: Case, cli: RunCli, run_cli: RunCli
) -> None:
    directory = case.mutate(minimal_pack)
    if case.could_hang:
        result = run_cli("--content", directory, "validate", timeout=30)
    else:
        result = cli("--content", directory, "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    file = case.file.replace("{dir}", str(directory))
    prefixes = tuple(f"{file}: {case.item}: {field_name}: " for field_name in case.fields)
    hits = [line for line in lines if line.startswith(prefixes)]
    assert hits, result.stderr
    assert any(case.message in line for line in hits), result.stderr
    assert "problem(s)" in lines[-1]


def test_validate_argument_same_as_content_option(minimal_pack: Path, cli: RunCli) -> None:
    edit("causes.toml", first("cause", colour="red"))(minimal_pack)
    positional = cli("validate", minimal_pack)
    option = cli("--content", minimal_pack, "validate")
    assert positional.returncode == option.returncode == 1
    assert positional.stderr == option.stderr
    assert "causes.toml: cause-one: colour: unknown field" in positional.stderr


def test_bad_entry_is_not_also_an_empty_array(minimal_pack: Path) -> None:
    edit("routines.toml", first_step(seconds="long"))(minimal_pack)
    with pytest.raises(ContentError) as caught:
        load_guide(minimal_pack)
    assert [str(p) for p in caught.value.problems] == [
        "routines.toml: routine-relief: steps[0].seconds: must be a whole number (got 'long')"
    ]


def test_every_problem_reported_in_one_run(minimal_pack: Path) -> None:
    edit("causes.toml", first("cause", colour="red"))(minimal_pack)
    (minimal_pack / "treatments.toml").write_bytes(b"x = \n")
    delete("disclaimer.toml")(minimal_pack)
    with pytest.raises(ContentError) as caught:
        load_guide(minimal_pack)
    assert {p.file for p in caught.value.problems} == {"causes.toml", "treatments.toml", "disclaimer.toml"}


# --- nothing but ContentError, whatever the input ----------------------------------------------


def _field_names() -> list[str]:
    names: set[str] = set()
    pending: list[type[models.Strict]] = [models.Strict]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if dataclasses.is_dataclass(model):
            names.update(field.name for field in dataclasses.fields(model))
    return sorted(names)


KEYS = st.one_of(st.sampled_from(_field_names()), st.text(max_size=8))
SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["src-one", "q-chest", "out-gp", "rule-one", "exercise-one", "good", "emergency", ""]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=4)),
    max_leaves=20,
)
DOCUMENTS = st.dictionaries(KEYS, VALUES, max_size=5)
FILE_NAMES = st.sampled_from(sorted(CONTENT_FILES))


def _load_or_content_error(directory: Path) -> None:
    try:
        result = load_guide(directory)
    except ContentError as error:
        assert error.problems
        assert all(isinstance(p, Problem) for p in error.problems)
    else:
        assert isinstance(result, Guide)


def _fuzz(pack: Path, name: str, content: bytes) -> None:
    path = pack / name
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        _load_or_content_error(pack)
    finally:
        path.write_bytes(original)


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_random_bytes_give_content_errors_only(tmp_path: Path) -> None:
    pack = Path(shutil.copytree(FIXTURE_PACK, tmp_path / "pack"))

    @FUZZ
    @given(name=FILE_NAMES, content=st.binary(max_size=300))
    def check(name: str, content: bytes) -> None:
        _fuzz(pack, name, content)

    check()


def test_random_toml_gives_content_errors_only(tmp_path: Path) -> None:
    pack = Path(shutil.copytree(FIXTURE_PACK, tmp_path / "pack"))

    @FUZZ
    @given(name=FILE_NAMES, document=DOCUMENTS)
    def check(name: str, document: dict[str, Any]) -> None:
        _fuzz(pack, name, tomli_w.dumps(document).encode("utf-8"))

    check()


def test_random_changes_to_valid_files_give_content_errors_only(tmp_path: Path) -> None:
    """Random values put deep inside otherwise valid files reach the checks, not just the parser."""
    pack = Path(shutil.copytree(FIXTURE_PACK, tmp_path / "pack"))
    originals = {name: read_toml(pack / name) for name in CONTENT_FILES}

    @FUZZ
    @given(name=FILE_NAMES, data=st.data())
    def check(name: str, data: st.DataObject) -> None:
        document = tomllib.loads(tomli_w.dumps(originals[name]))  # a deep copy
        target: Any = document
        while True:
            keys = list(target) if isinstance(target, dict) else list(range(len(target)))
            key = data.draw(st.sampled_from(keys)) if keys else None
            if key is None:
                break
            child = target[key]
            if isinstance(child, dict | list) and child and data.draw(st.booleans()):
                target = child
                continue
            target[key] = data.draw(VALUES)
            break
        _fuzz(pack, name, tomli_w.dumps(document).encode("utf-8"))

    check()
