"""Changing a label's text without laying out the whole screen again.

`Static.update` always asks for a layout of the screen, which costs the live screen a frame; the
clocks change their labels four times a second. Here an unchanged text asks for nothing, and a text
of the same width on one line only for a repaint of the label.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static


def _width(text: str | Text) -> int | None:
    """Cells across, for a text on one line; None for a text that may take more lines."""
    plain = text.plain if isinstance(text, Text) else text
    return None if "\n" in plain else cell_len(plain)


def set_text(label: Static, text: str | Text) -> None:
    old = label.content
    if type(old) is type(text) and old == text:
        return
    width = _width(text)
    # Same cells across, and room for them on one line: the label keeps its size.
    same_size = isinstance(old, str | Text) and width is not None and width == _width(old) \
        and width <= label.content_size.width
    label.update(text, layout=not same_size)
