"""The detail pane for a cause, treatment or prevention rule: safety first, then what it is, then sources."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from crampguide.guide.models import Advice, Cause, Guide, KeyPoint, Policy, PreventionRule, Treatment
from crampguide.labels import GRADE_LABELS, standing
from crampguide.ui.text import labelled, prose, sources

Item = Cause | Treatment | PreventionRule | KeyPoint


class ItemView(VerticalScroll):
    """Shows one item. Safety notes and a "Not advised" banner come before the body.

    Advice shows its policy; a cause shows how sure its link to cramps is instead, and a key point, a plain
    statement, shows only its grade.
    """

    item: reactive[Item | None] = reactive(None, recompose=True)

    def __init__(self, guide: Guide, item: Item | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="item-view")
        self.guide = guide
        self.can_focus = True
        self.set_reactive(ItemView.item, item)  # composed once with it, not composed empty and again

    def compose(self) -> ComposeResult:
        item = self.item
        if item is None:
            yield Static("Choose an item on the left.", classes="hint")
            return
        yield Static(Content(item.title), classes="item-title")
        with Vertical(classes="badges"):
            # What the item is first (what to do, or how sure the link is), then how good the evidence is.
            what = standing(item)
            if what is not None:
                kind = f"policy-{item.policy.value}" if isinstance(item, Advice) else ""
                kind = f"link-{item.link.value}" if isinstance(item, Cause) else kind
                yield Static(Content(what), classes=f"badge {kind}")
            yield Static(Content(GRADE_LABELS[item.grade]), classes=f"badge grade-{item.grade.value}")
        not_advised = isinstance(item, Advice) and item.policy is Policy.NOT_ADVISED
        if not_advised:
            yield Static(Content(f"✗ Not advised. {item.safety[0]}"), classes="not-advised")
        for note in item.safety[1:] if not_advised else item.safety:
            yield Static(Content(f"⚠ {note}"), classes="safety")
        if isinstance(item, Treatment):
            yield Static(labelled("What the article says:", item.article_says), classes="article-says")
        yield Static(prose(item.body), classes="body")
        if isinstance(item, Cause):
            yield Static(labelled("What helps:", item.what_helps), classes="what-helps")
        yield Static(Content(f"Evidence: {item.verdict}"), classes="verdict")
        yield Static(sources(self.guide, item.sources), classes="sources")
