"""Plain text tables for the terminal (no colour: output is often piped or pasted into minutes)."""

from __future__ import annotations

from collections.abc import Sequence

from talarstat.domain.display import visible


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right_aligned: frozenset[int] | set[int] = frozenset()) -> str:
    # Cells escaped before measuring: a title with a control character (or a newline) stays one cell.
    headers = [visible(str(cell)) for cell in headers]
    rows = [[visible(str(cell)) for cell in row] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            str(cell).rjust(width) if index in right_aligned else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths))
        ).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])
