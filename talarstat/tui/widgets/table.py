"""A DataTable for content that changes all the time: it keeps only the renders it can still use,
and renders again only the cells whose content changed."""

from __future__ import annotations

from collections.abc import Hashable
from typing import NamedTuple, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.render import measure
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets._data_table import default_cell_formatter
from textual.widgets.data_table import CellKey, Column

CellType = TypeVar("CellType")
SegmentLines = list[list[Segment]]  # a cell's render: its lines of segments, as Textual's DataTable has it

# Cells kept per cell on screen: a row drawn in both zebra stripes (the rows move up one as the
# window of recent turns slides), and room for the cells of the last update.
KEPT_PER_VISIBLE_CELL = 3
NO_STYLE = Style()
WIDTHS_KEPT = 4096  # cells' widths kept by content: far more than a screenful, and cheap


def content_key(value: object) -> Hashable | None:
    """What a cell shows, as a key (None: a value that cannot be one, so it is not kept)."""
    if isinstance(value, Text):
        return ("text", value.plain, value.style, tuple(value.spans), value.justify, value.overflow, value.no_wrap,
                value.end, value.tab_size)
    if isinstance(value, str | int | float):
        return (type(value), value)
    return None


def under(lines: SegmentLines, style: Style) -> SegmentLines:
    """A cell's render with the row's style under it (a zebra stripe, the header's style): adding
    styles is associative, so this is the cell rendered on that style."""
    return [[Segment(text, style + own if own is not None else style, control) for text, own, control in line]
            for line in lines]


def moved(lines: SegmentLines, row_index: int, column_index: int) -> SegmentLines:
    """A cell's render as it is drawn at another place: Textual marks each segment with the cell's
    row and column (a click reads them back); the rest is the same."""
    meta = Style.from_meta({"row": row_index, "column": column_index})
    return [[Segment(text, style + meta if style is not None else meta, control) for text, style, control in line]
            for line in lines]


def moved_line(strip: Strip, row_index: int) -> Strip:
    """A line's render as it is drawn for a row at another place: its segments marked with a row
    (the cells and the filler after them) are marked with the new one."""
    meta = Style.from_meta({"row": row_index})
    return Strip([Segment(text, style + meta, control) if style is not None and "row" in style.meta
                  else Segment(text, style, control) for text, style, control in strip], strip.cell_length)


class _Render(NamedTuple):
    """What every line of one render of a table shares."""

    style: Style  # the widget's
    columns: list[Column]  # in order
    fixed_height: int  # of the header and the fixed rows, which do not scroll
    scroll_x: int
    scroll_y: int
    width: int
    cursor: Coordinate
    hover: Coordinate
    fixed_rows: int
    line_key: tuple[object, ...]  # the part of a kept line's key that is the same for every line


class LiveTable(DataTable[CellType]):
    """Textual's DataTable keys every render it caches (cells, rows, lines) by its update count, so
    an update makes all of them useless; yet its caches keep up to 10,000 cells and 1,000 lines, each
    a tree of lists, Segments and small caches. On the live screen, updated at every key and every
    second, they filled with hundreds of thousands of dead objects, and each full run of Python's
    cycle collector walked them: 40-110 ms in which no thread runs, the one that reads the keys
    included (issue 14: keys dated 50-70 ms late). Dropped when the count moves, they cost nothing:
    no render made before an update is ever used after it.

    Yet rendering every cell on screen again after each update (a cell goes through Rich's padding
    and line rendering) took 35-40 ms a key, most of the way from a key to its frame. So cells are
    also kept by what they show (content, width, cursor and hover; rendered without the row's style,
    which is put under them as they are used), a few per cell on screen, the least recently used
    dropped: after a key only the new row and the changed cells are
    rendered, and a row that moved up keeps its render, marked with its new place. Whole lines are
    kept the same way, by what their row shows and how it is drawn, as putting a line together
    from its cells costs as much again.

    What every line of one render shares (the widget's style, which Textual's `render_line` works
    out again for each line from all the ancestors' styles, the columns in order, the fixed rows'
    height) is worked out once per render: it was a third of a table's render."""

    _renders_of = -1

    def __init__(self, *args: object, selects_on_enter: bool = True, **kwargs: object) -> None:
        """Without `selects_on_enter` the table has no binding for enter: the key goes up to the
        screen's own (the live screen's call of the next speaker) in its turn among the keys typed
        before it, and the footer shows the screen's."""
        self._kept: dict[Hashable, tuple[int, int, SegmentLines]] = {}
        self._kept_lines: dict[Hashable, tuple[int, Strip]] = {}
        self._most_kept = self._most_lines = 0
        self._widths: tuple[int, ...] = ()
        # While `render_lines` runs: what its lines share (None otherwise).
        self._rendering: _Render | None = None
        self._widths_of: dict[tuple[Hashable, bool, int], int] = {}  # a cell's width by what it shows
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not selects_on_enter:
            # Textual has no public way to drop one binding of one widget; each has its own map of
            # them (DOMNode._bindings, a copy of the class's; Textual is pinned: pyproject.toml).
            self._bindings.key_to_bindings.pop("enter", None)

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._update_count != self._renders_of:
            self._renders_of = self._update_count
            super()._clear_caches()
            self._most_lines = KEPT_PER_VISIBLE_CELL * (self.size.height + 1)
            self._most_kept = self._most_lines * max(len(self.columns), 1)
        columns = self.ordered_columns
        self._widths = tuple(column.get_render_width(self) for column in columns)
        fixed_keys = (self._row_locations.get_key(index) for index in range(self.fixed_rows))
        fixed_height = sum(self.get_row_height(key) for key in fixed_keys if key is not None)
        if self.show_header:
            fixed_height += self.get_row_height(self._header_row_key)
        self._pseudo_class_state = self.get_pseudo_class_state()  # as Textual's `render_lines` sets it
        cursor, hover, by_column = self.cursor_coordinate, self.hover_coordinate, self.cursor_type == "column"
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        self._rendering = _Render(
            self.rich_style, columns, fixed_height, scroll_x, scroll_y, width, cursor, hover, self.fixed_rows,
            (self._widths, width, self.fixed_columns, cursor.column if by_column else None,
             hover.column if by_column else None, self.cursor_type, self.show_cursor, self._show_hover_cursor,
             self.cell_padding, self.zebra_stripes, self._pseudo_class_state))
        try:
            return super().render_lines(crop)
        finally:
            self._rendering = None

    def render_line(self, y: int) -> Strip:
        """Textual's `render_line`, with what the lines of a render share worked out once."""
        shared = self._rendering
        if shared is None:
            return super().render_line(y)
        if y >= shared.fixed_height:
            y += shared.scroll_y
        return self._render_line(y, shared.scroll_x, shared.scroll_x + shared.width, shared.style)

    def _update_column_widths(self, updated_cells: set[CellKey]) -> None:
        """Textual's, with each cell's width kept by what it shows. A cell that becomes narrower than
        its column (the running turn's length loses its mark) has Textual measure every cell of the
        column again, each parsed as markup: 1.5 ms a key, between the key and its frame."""
        for row_key, column_key in updated_cells:
            column = self.columns.get(column_key)
            row = self.rows.get(row_key)
            if column is None or row is None:
                continue
            wrap, height = row.height != 1, row.height
            label_width = self._measured(column.label, True, 0)
            new_width = self._measured(self._data[row_key][column_key], wrap, height)
            if new_width < column.content_width:
                widths = [self._measured(cell, wrap, height) for cell in self.get_column(column_key)]
                column.content_width = max([*widths, label_width])
            else:
                column.content_width = max(new_width, label_width)
        self._require_update_dimensions = True

    def _measured(self, value: object, wrap: bool, height: int) -> int:
        """The width Textual measures for a cell of `value` (a label, a Text, is measured as it is)."""
        key = content_key(value)
        found = self._widths_of.get((key, wrap, height)) if key is not None else None
        if found is not None:
            return found
        width = measure(self.app.console, default_cell_formatter(value, wrap=wrap, height=height), 1)
        if key is not None:
            if len(self._widths_of) >= WIDTHS_KEPT:
                self._widths_of.clear()
            self._widths_of[(key, wrap, height)] = width
        return width

    def _clear_caches(self) -> None:
        """Textual clears its caches when what a cell looks like may have changed (zebra stripes,
        padding, the header): the cells kept go too."""
        super()._clear_caches()
        self._kept.clear()
        self._kept_lines.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._kept.clear()
        self._kept_lines.clear()

    def _cell_key(self, row_index: int, column_index: int, width: int, cursor: bool, hover: bool) -> Hashable | None:
        if column_index < 0:
            return None
        column_key = self._column_locations.get_key(column_index)
        if column_key is None:
            return None
        value: object
        if row_index < 0:
            row_key, value, height = self._header_row_key, self.columns[column_key].label, self.header_height
        else:
            found = self._row_locations.get_key(row_index)
            row = self.rows.get(found) if found is not None else None
            if found is None or row is None or (row.auto_height and row.height == 0):
                return None
            row_key, value, height = found, self._data[found].get(column_key), row.height
        content = content_key(value)
        if content is None:
            return None
        fixed = row_index >= 0 and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        # Kept by row too: a render moved to another row (re-marked with it) is split into segments
        # other than a fresh one, which draws the same but exports otherwise, so whether a cell was
        # kept from another row (which depends on how many frames came between keys) showed in the
        # snapshots.
        return (row_key, column_key, content, height, width, cursor, hover, fixed,
                self._show_hover_cursor, self.show_cursor, self.cell_padding, self._pseudo_class_state)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool = False,
                     hover: bool = False) -> SegmentLines:
        key = self._cell_key(row_index, column_index, width, cursor, hover)
        if key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        kept = self._kept.pop(key, None)
        if kept is None:
            kept = (row_index, column_index, super()._render_cell(row_index, column_index, NO_STYLE, width, cursor, hover))
        elif kept[:2] != (row_index, column_index):
            kept = (row_index, column_index, moved(kept[2], row_index, column_index))
        self._kept[key] = kept  # the most recently used last
        while len(self._kept) > self._most_kept:
            del self._kept[next(iter(self._kept))]
        return under(kept[2], base_style)

    def _line_key(self, y: int, x1: int, x2: int, base_style: Style) -> tuple[Hashable, int] | None:
        shared = self._rendering
        if shared is None or (self._labelled_row_exists and self.show_row_labels):
            return None
        try:
            row_key, line_no = self._get_offsets(y)
        except LookupError:
            return None
        if row_key is self._header_row_key:
            row_index, content = -1, tuple(content_key(column.label) for column in shared.columns)
            height = self.header_height
        else:
            row, index = self.rows.get(row_key), self._row_locations.get(row_key)
            if row is None or index is None:
                return None
            row_index, height = index, row.height
            cells = self._data[row_key]
            content = tuple(content_key(cells.get(column.key)) for column in shared.columns)
        if None in content:
            return None
        cursor, hover = shared.cursor, shared.hover
        return (row_key, line_no, height, content, x1, x2, base_style, row_index == -1, row_index % 2,
                row_index < shared.fixed_rows, cursor if cursor.row == row_index else None,
                hover if hover.row == row_index else None, shared.line_key), row_index

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        found = self._line_key(y, x1, x2, base_style)
        if found is None:
            return super()._render_line(y, x1, x2, base_style)
        key, row_index = found
        kept = self._kept_lines.pop(key, None)
        if kept is None:
            kept = (row_index, super()._render_line(y, x1, x2, base_style))
        elif kept[0] != row_index:
            kept = (row_index, moved_line(kept[1], row_index))
        self._kept_lines[key] = kept  # the most recently used last
        while len(self._kept_lines) > self._most_lines:
            del self._kept_lines[next(iter(self._kept_lines))]
        return kept[1]
