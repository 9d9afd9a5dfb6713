"""Large buttons, one per category, in the shared colours: a click starts a turn like its key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self, cast

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Button

from talarstat.palette import category_colour, text_colour_on

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


class CategoryButton(Button):
    """A category's button. Marking it speaking draws an outline over it, never around it, so its size
    stays; yet Textual lays out the whole screen whenever an outline comes or goes, a frame's work
    at every key. While it is marked, a layout is not asked for.

    Textual matches the whole stylesheet against a widget whose classes change, compares the styles
    for an animation, and sets every rule again, each asking for a repaint: 1-2 ms a key for the two
    buttons, between the key and its frame. A button's rules are kept by the classes and states of
    it and its ancestors (a rule may name any of them) while the stylesheet is the same one, and
    only the rules that differ are set (the button has no transition to animate)."""

    _marking = False
    # The stylesheet's rules (compared by identity: Textual makes them anew when the stylesheet or the
    # theme changes) and the button's rules worked out under them.
    _rules_of: object = None
    _kept_rules: dict[tuple[object, ...], RulesMap]

    def mark_speaking(self, speaking: bool) -> None:
        if speaking == self.has_class("-speaking"):
            return
        self._marking = True
        try:
            self.set_class(speaking, "-speaking", update=False)
            self._restyle()
        finally:
            self._marking = False

    def _restyle(self) -> None:
        stylesheet = self.app.stylesheet
        if self._rules_of is not stylesheet.rules_map:
            self._rules_of, self._kept_rules = stylesheet.rules_map, {}
        key = tuple((node.classes, node._pseudo_classes_cache_key) for node in self.ancestors_with_self)
        rules = self._kept_rules.get(key)
        base = self.styles.base
        if rules is None:
            stylesheet.apply(self, animate=False)  # worked out by Textual, and put in place
            self._kept_rules[key] = cast("RulesMap", dict(base._rules))
            return
        current = base._rules
        for name in current.keys() | rules.keys():
            value = rules.get(name)
            if current.get(name) != value:
                setattr(base, name, value)
        self.notify_style_update()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._marking, recompose=recompose)


class CategoryButtons(Horizontal):
    DEFAULT_CSS = """
    CategoryButtons { height: 3; }
    CategoryButtons Button { width: 1fr; min-width: 8; height: 3; border: none; text-style: bold; margin: 0 1 0 0; }
    CategoryButtons Button.-speaking { outline: heavy $foreground; text-style: bold underline; }
    CategoryButtons.-requesting Button { text-style: bold reverse; }
    """

    @dataclass
    class Pressed(Message):
        category: str

    def __init__(self, categories: tuple[str, ...], labels: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.categories = categories
        self.labels = labels

    def compose(self) -> ComposeResult:
        for index, category in enumerate(self.categories):
            key = f"{index + 1} " if index < 9 else ""
            button = CategoryButton(Content(f"{key}{self.labels[category]}"), id=f"category-{category}", compact=True)
            fill = category_colour(category, self.categories)
            button.styles.background = fill
            button.styles.color = text_colour_on(fill)
            button.can_focus = False  # keys go to the screen, not to a focused button
            yield button

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Pressed(event.button.id.removeprefix("category-")))

    def show_speaking(self, speaking: str | None) -> None:
        """Outline the category holding the floor. A class, not a new label: changing a label lays
        out the whole screen again, which costs the secretary a frame."""
        for category in self.categories:
            self.query_one(f"#category-{category}", CategoryButton).mark_speaking(category == speaking)
