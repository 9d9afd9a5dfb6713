"""Large buttons, one per category, in the shared colours: a click starts a turn like its key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

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

    Textual matches the whole stylesheet against a widget whose classes change, and compares the
    styles for an animation: 1-2 ms a key for the two buttons, between the key and its frame. A
    button's styles are kept by its classes (and state) as long as the stylesheet is the same one,
    and its rules are put in place without the animation (the button has no transition)."""

    _marking = False
    # The stylesheet's rules (compared by identity: Textual makes them anew when the stylesheet or the
    # theme changes) and the styles worked out under them, by Textual's cache key.
    _rules_of: object = None
    _styles: dict[tuple[object, ...], RulesMap]

    def mark_speaking(self, speaking: bool) -> None:
        if speaking == self.has_class("-speaking"):
            return
        self._marking = True
        try:
            self.set_class(speaking, "-speaking", update=False)
            stylesheet = self.app.stylesheet
            rules = stylesheet.rules_map
            if self._rules_of is not rules:
                self._rules_of, self._styles = rules, {}
            stylesheet.apply(self, animate=False, cache=self._styles)
        finally:
            self._marking = False

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
