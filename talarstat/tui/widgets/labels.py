"""Changing a label's text without laying out the whole screen again.

`Static.update` always asks for a layout of the screen, which costs the live screen a frame; the
clocks change their labels four times a second. Here an unchanged text asks for nothing, and a text
on one line that keeps the label's size (the same width, or any width that fits a label whose width
the stylesheet sets) only for a repaint of the label.
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
    width, old_width = _width(text), _width(old) if isinstance(old, str | Text) else None
    # One line before and after, with room for it: the label keeps its size if its width is its text's
    # and that is the same, or if its width does not follow its text (`width: 1fr`, `width: 44`).
    fixed_width = label.styles.width is not None and not label.styles.width.is_auto
    same_size = width is not None and old_width is not None and width <= label.content_size.width \
        and (width == old_width or fixed_width)
    label.update(text, layout=not same_size)
