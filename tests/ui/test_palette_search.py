"""The command palette finds causes and treatments by what they say, and names their groups as the tabs do."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.fuzzy import Matcher
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from crampguide.guide.models import Guide
from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.search import entries, find, highlight, snippet
from crampguide.ui.widgets.item_view import ItemView
from crampguide.words import TREATMENT_GROUP_TITLES as TREATMENT_GROUPS
from ui.pilot_steps import press, settle

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]


def mentioning(guide: Guide, word: str) -> tuple[list[str], list[str], list[str]]:
    """Causes, treatments and key points whose words mention `word`, found without the search module."""

    def says(*parts: str) -> bool:
        return word in " ".join(parts).casefold()

    causes = [c.title for c in guide.causes if says(c.title, c.body, c.what_helps, c.verdict, *c.safety)]
    treatments = [
        t.title for t in guide.treatments if says(t.title, t.body, t.article_says, t.verdict, *t.safety)
    ]
    points = [k.title for k in guide.key_points if says(k.title, k.body, k.verdict, *k.safety)]
    return causes, treatments, points


async def palette_prompts(pilot: Pilot[Any], query: str) -> list[str]:
    await press(pilot, "ctrl+p")
    await settle(pilot)
    await press(pilot, *query)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    prompts: list[str] = []
    for _ in range(100):  # the palette searches in the background; wait until the list settles
        await pilot.pause(0.05)
        found = [str(option.prompt) for option in palette.query_one(CommandList).options]
        if found and found == prompts:
            break
        prompts = found
    return prompts


@pytest.mark.parametrize("size", SIZES)
async def test_magnesium_finds_the_causes_and_treatments_that_mention_it(
    make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        assert app.guide is not None
        causes, treatments, points = mentioning(app.guide, "magnesium")
        # Text, not titles: most of what mentions magnesium does not say so in its title.
        assert any("magnesium" not in title.casefold() for title in causes)
        assert causes and treatments

        listed = await palette_prompts(pilot, "magnesium")
        prompts = "\n".join(listed)
        for title in causes:
            assert f"Cause: {title}" in prompts
        for title in treatments:
            assert f"Treatment: {title}" in prompts
        # What mentions it comes before names that only share its letters.
        mentions = [any(title in prompt for title in [*causes, *treatments, *points]) for prompt in listed]
        assert mentions == sorted(mentions, reverse=True)
        assert "Vitamins and minerals" in prompts
        assert "Vitamins Minerals" not in prompts

        # Choosing a hit opens the item.
        await press(pilot, "enter")
        await settle(pilot)
        await settle(pilot)
        active = app.query_one(TabbedContent).active
        assert active in ("causes", "treatments")
        view = app.query_one(f"#{active}-tab ItemView", ItemView)
        assert view.item is not None and view.item.title in [*causes, *treatments, *points]


def test_hits_name_their_group_as_written_and_quote_the_text() -> None:
    from crampguide.guide.loader import load_guide
    from crampguide.paths import bundled_content_dir

    guide = load_guide(bundled_content_dir())
    every = entries(guide)
    treatment_groups = {entry.group for entry in every if entry.kind == "Treatment"}
    assert treatment_groups <= set(TREATMENT_GROUPS.values())
    assert "Vitamins and minerals" in treatment_groups

    found = find(every, "magnesium", lambda name: 0.0)
    in_title = [f for f in found if "magnesium" in f.entry.title.casefold()]
    in_text = [f for f in found if f not in in_title]
    assert in_title and in_text
    assert all(f.snippet is None for f in in_title)
    assert all(f.snippet and "magnesium" in f.snippet.casefold() for f in in_text)
    # The words in a title rank above the words in a text, and both above letters that only happen to match.
    assert min(f.score for f in in_title) > max(f.score for f in in_text)
    letters = find(every, "mgnsm", lambda name: 1.0 if name.startswith("Treatment: Magnesium") else 0.0)
    assert [f.entry.title for f in letters] == [
        t.title for t in guide.treatments if t.title.startswith("Magnesium")
    ]
    assert all(f.score < min(g.score for g in in_text) for f in letters)
    # Every word typed must be there; an empty query finds nothing.
    assert find(every, "magnesium zzzz", lambda name: 0.0) == []
    assert find(every, "   ", lambda name: 1.0) == []


def test_snippet_marks_where_the_text_goes_on() -> None:
    text = "one two three four five six magnesium seven eight nine ten eleven"
    assert snippet(text, "Magnesium") == "…three four five six magnesium seven eight nine ten…"
    assert snippet("magnesium here", "magnesium") == "magnesium here"
    assert snippet("nothing", "magnesium") == ""


def test_a_title_is_shown_as_written_never_as_markup() -> None:
    shown = highlight(Matcher("not"), "[b]not markup[/b]")
    assert shown.plain == "[b]not markup[/b]"
    assert shown.spans  # the letters typed are marked


async def test_a_snippet_and_a_remapped_key_in_the_palette_are_shown_as_typed(
    make_app: MakeApp, wait_loaded: WaitLoaded, tmp_path: Path, store: Store
) -> None:
    """Textual reads a hit's help as markup: "[zinc]" in a body and a key remapped to "]" must survive."""
    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "minimal_pack", pack)
    causes = pack / "causes.toml"
    causes.write_text(
        causes.read_text(encoding="utf-8").replace(
            'body = "Body of cause one."', 'body = "Body of cause one: take [zinc] daily."'
        ),
        encoding="utf-8",
    )
    store.update_settings(keys={"cramp-now": "right_square_bracket"})
    app = make_app(content_dir=pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        found = await palette_prompts(pilot, "zinc")
        assert any("take [zinc] daily" in prompt for prompt in found), found
        await press(pilot, "escape")
        await settle(pilot)
        found = await palette_prompts(pilot, "cramp now")
        assert any("(key ])" in prompt for prompt in found), found
