"""A DataTable for content that changes all the time: it keeps only the renders it can still use."""

from __future__ import annotations

from typing import TypeVar

from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable

CellType = TypeVar("CellType")


class LiveTable(DataTable[CellType]):
    """Textual's DataTable keys every render it caches (cells, rows, lines) by its update count, so
    an update makes all of them useless; yet its caches keep up to 10,000 cells and 1,000 lines, each
    a tree of lists, Segments and small caches. On the live screen, updated at every key and every
    second, they filled with hundreds of thousands of dead objects, and each full run of Python's
    cycle collector walked them: 40-110 ms in which no thread runs, the one that reads the keys
    included (issue 14: keys dated 50-70 ms late). Dropped when the count moves, they cost nothing:
    no render made before an update is ever used after it."""

    _renders_of = -1

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._update_count != self._renders_of:
            self._renders_of = self._update_count
            self._clear_caches()
        return super().render_lines(crop)
