"""The live tables keep cell renders across updates (tui/widgets/table.py): what they draw must be
what Textual's DataTable draws for the same rows, the marks a click reads (row, column) included."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable

from talarstat.tui.widgets.table import LiveTable


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield LiveTable(cursor_type="row", zebra_stripes=True, id="live")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="plain")


def lines(table: DataTable[str | Text]) -> list[list[tuple[str, object, object]]]:
    return [[(segment.text, segment.style, segment.style.meta if segment.style else None) for segment in strip]
            for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))]


async def test_kept_renders_draw_what_textual_draws_as_rows_move_up() -> None:
    app = Tables()
    async with app.run_test(size=(60, 20)) as pilot:
        live, plain = app.query_one("#live", LiveTable), app.query_one("#plain", DataTable)
        app.set_focus(None)  # neither has the focus: they look alike
        for table in (live, plain):
            table.add_columns("start", "category", "length")
            for index in range(6):
                table.add_row(f"18:0{index}", Text("woman" if index % 2 else "man", style="red"), "1:00", key=str(index))
        await pilot.pause()
        assert lines(live) == lines(plain)
        for index in range(6, 12):  # the window slides: the top row goes, a row comes, the rows move up
            for table in (live, plain):
                table.remove_row(str(index - 6))
                table.update_cell(str(index - 1), list(table.columns)[2], "0:42")
                table.add_row(f"18:{index:02}", Text("man" if index % 2 else "woman", style="blue"), "0:01 ●",
                              key=str(index))
                table.move_cursor(row=table.row_count - 1, animate=False)
            await pilot.pause()
            assert lines(live) == lines(plain)
        assert live._kept and live._kept_lines  # the renders were kept, not made anew


class ShortTables(Tables):
    CSS = "DataTable { height: 8; }"  # more rows than lines: the tables scroll to the cursor


async def test_kept_renders_draw_what_textual_draws_when_scrolled_and_cells_repeat() -> None:
    """A cell's render is kept by what it shows, whatever its row (many rows show the same kind,
    role and item), and the lines of a render share the table's style and scroll offset; a cell's
    width is kept by what it shows, and columns widen and narrow as Textual's do."""
    app = ShortTables()
    async with app.run_test(size=(60, 20)) as pilot:
        live, plain = app.query_one("#live", LiveTable), app.query_one("#plain", DataTable)
        app.set_focus(None)
        for table in (live, plain):
            table.add_columns("start", "category", "kind")
            for index in range(20):
                table.add_row(f"18:{index:02}", Text("woman" if index % 3 else "man", style="red"), "speech",
                              key=str(index))
        await pilot.pause()
        assert lines(live) == lines(plain)
        for index in range(20, 26):
            for table in (live, plain):
                kind = list(table.columns)[2]
                table.remove_row(str(index - 20))
                table.update_cell(str(index - 1), kind, "reply", update_width=True)
                if index in (21, 23):  # a long cell widens its column; when it goes, the column narrows
                    table.update_cell("15", kind, "point of order" if index == 21 else "speech", update_width=True)
                table.add_row(f"18:{index:02}", Text("man", style="red"), "speech", key=str(index))
                table.move_cursor(row=table.row_count - 1, animate=False)
            await pilot.pause()
            assert live.scroll_offset.y > 0 and live.scroll_offset == plain.scroll_offset
            assert lines(live) == lines(plain)
        live.move_cursor(row=3, animate=False)
        plain.move_cursor(row=3, animate=False)
        await pilot.pause()
        assert lines(live) == lines(plain)
