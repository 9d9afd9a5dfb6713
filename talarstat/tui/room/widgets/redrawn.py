"""A room-view panel drawn from what it was last shown: drawn again when that changes, and when the
panel's size does (the drawings fill the box they are given)."""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.console import RenderableType
from textual.widgets import Static

from talarstat.i18n import Translator

Shown = TypeVar("Shown")


class Redrawn(Static, Generic[Shown]):
    def __init__(self, shown: Shown, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._shown = shown

    def _show(self, shown: Shown) -> None:
        if shown != self._shown:
            self._shown = shown
            self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        drawing = self.drawing(self._shown)
        if drawing is not None:
            self.update(drawing)

    def drawing(self, shown: Shown) -> RenderableType | None:
        """What to draw for `shown` in the panel's present size; None leaves the panel as it is."""
        raise NotImplementedError


class TextPanel(Redrawn[Shown | None]):
    """A panel of text in the reader's language, empty until it is first shown something."""

    DEFAULT_CSS = """
    TextPanel { height: 1fr; padding: 0 1; }
    """

    def __init__(self, tr: Translator, *, id: str | None = None) -> None:
        super().__init__(None, id=id)
        self.tr = tr
