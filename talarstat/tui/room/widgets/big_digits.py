"""Textual's `Digits`, drawn larger when there is room: on a projector the turn clock should fill its
half of the screen, not sit in three rows of it.

Each cell of the 3×3 font is a box-drawing character: a centre with arms (up, down, left, right).
Scaled by s, a cell becomes s×s cells with the same centre and its arms drawn in solid blocks to the
cell's edges, so the strokes of neighbouring cells still meet.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from rich.align import Align
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.renderables.digits import Digits as DigitsFont
from textual.widgets import Digits

_ARMS = {"LEFT": "l", "RIGHT": "r", "UP": "u", "DOWN": "d", "HORIZONTAL": "lr", "VERTICAL": "ud"}


@cache
def _arms(character: str) -> tuple[str, bool] | None:
    """The arms of a box-drawing character and whether they are heavy; None for other characters."""
    name = unicodedata.name(character, "")
    if not name.startswith("BOX DRAWINGS"):
        return None
    arms = "".join(_ARMS.get(word, "") for word in name.split())
    return arms, "HEAVY" in name


def scale_cell(character: str, scale: int) -> list[str]:
    """One font cell as `scale` rows of `scale` characters, its strokes as solid blocks: a row of
    blocks across, a column (two from scale 4) down, the width of a stroke seen from afar."""
    rows = [[" "] * scale for _ in range(scale)]
    centre = scale // 2
    thick = range(centre, min(centre + (2 if scale >= 4 else 1), scale))
    found = _arms(character)
    if character == " ":
        pass
    elif found is None:  # the colon and the point: dots on the centre line
        dots = (centre - 1, centre + 1) if character == ":" and scale >= 3 else (centre,)
        for row in dots:
            for column in thick:
                rows[row][column] = "█"
    else:
        arms = found[0]
        for column in thick:
            rows[centre][column] = "█"
        for column in range(scale):
            if (column < centre and "l" in arms) or (column > centre and "r" in arms):
                rows[centre][column] = "█"
        for row in range(scale):
            if (row < centre and "u" in arms) or (row > centre and "d" in arms):
                for column in thick:
                    rows[row][column] = "█"
    return ["".join(row) for row in rows]


def scaled_lines(value: str, style: Style, scale: int) -> list[str]:
    segments = [segment.text for segment in DigitsFont(value, style).render(style)
                if isinstance(segment, Segment) and segment.text != "\n"]
    lines: list[str] = []
    for line in segments:
        cells = [scale_cell(character, scale) for character in line]
        lines.extend("".join(cell[row] for cell in cells) for row in range(scale))
    return lines


class BigDigits(Digits):
    """`Digits` with an integer `scale`; 1 is Textual's own rendering."""

    DEFAULT_CSS = "BigDigits { width: auto; }"

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value, id=id)
        self.scale = 1

    def set_scale(self, scale: int) -> None:
        if scale != self.scale:
            self.scale = scale
            # Called from a resize, inside a layout pass: ask for one more layout after it.
            self.call_after_refresh(self.refresh, layout=True)

    def render(self) -> RenderResult:
        if self.scale == 1:
            return super().render()
        style = self.rich_style
        text = Text("\n".join(scaled_lines(self.value, style, self.scale)), style=style, no_wrap=True)
        return Align(text, "left", style=style)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return DigitsFont.get_width(self.value) * self.scale

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 3 * self.scale


