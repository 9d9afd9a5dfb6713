"""The one-page meeting report (A4 portrait) for the minutes."""

from __future__ import annotations

import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.patches import Rectangle

from talarstat.charts.data import ReportPage, Table
from talarstat.charts.meeting import draw_shares, draw_timeline
from talarstat.charts.style import A4_PORTRAIT, styled, wrap


def report_page(page: ReportPage) -> Figure:
    with styled():
        figure = Figure(figsize=A4_PORTRAIT, layout=ConstrainedLayoutEngine(rect=(0.04, 0.03, 0.92, 0.94)))
        heading, table, shares, timeline, footer = figure.subplots(
            5, 1, height_ratios=(0.9, 1.5, 2.7, 1.9, 1.1)
        )
        _heading(heading, page)
        ruled_table(table, page.table)
        draw_shares(shares, page.shares)
        shares.set_title(page.shares.frame.title, loc="left", fontsize=12, fontweight="bold")
        draw_timeline(timeline, page.timeline)
        timeline.set_title(page.timeline.frame.title, loc="left", fontsize=12, fontweight="bold")
        _footer(footer, page)
    return figure


def _heading(axes: Axes, page: ReportPage) -> None:
    axes.axis("off")
    title = wrap(page.title, 52)
    axes.text(0, 1, title, fontsize=17, fontweight="bold", va="top", transform=axes.transAxes)
    below = 1 - 0.2 * (title.count("\n") + 1)
    axes.text(0, below, "\n".join(wrap(line, 100) for line in page.heading_lines), fontsize=9.5, va="top",
              transform=axes.transAxes, color="#333333", linespacing=1.4)


HEADER_WRAP = 8  # characters per header line: headers break between words rather than overlap
BOLD = 1.15  # a bold header is about this much wider than the same characters in the body


def header_lines(title: str) -> str:
    """A column header on lines of about HEADER_WRAP characters, broken only between words: a longer
    word (`attendance`, `närvaroandel`) widens its column instead of breaking in two."""
    return textwrap.fill(title, HEADER_WRAP, break_long_words=False, break_on_hyphens=False)


def column_rights(header: tuple[str, ...], table_rows: tuple[tuple[str, ...], ...]) -> list[float]:
    """Where each column ends (axes fraction): columns as wide as their widest text, the space left
    shared out evenly between them, so a long cell (`1 h 26 min`) never runs into its neighbour."""
    widths = []
    for index, title in enumerate(header):
        header_width = max(len(line) for line in header_lines(title).splitlines()) * BOLD
        widths.append(max([header_width] + [len(row[index]) for row in table_rows]) + 2)
    spare = max(0.0, 1.0 - sum(widths) / 100) / len(widths)  # about 100 characters span the page
    rights, edge = [], 0.0
    for width in widths:
        edge += width / 100 + spare if sum(widths) <= 100 else width / sum(widths)
        rights.append(edge)
    return rights


def ruled_table(axes: Axes, table: Table) -> None:
    """Figures as a plain ruled table: the first column left, numbers right, a colour key per row."""
    axes.axis("off")
    rights = column_rights(table.header, table.rows)[1:]
    rows = (table.header, *table.rows)
    step = 1 / (len(rows) + 1)
    for row_index, row in enumerate(rows):
        y = 1 - (row_index + 0.5 + (0 if row_index == 0 else 0.5)) * step
        weight = "bold" if row_index == 0 else "normal"
        colour = table.colours[row_index - 1] if 0 < row_index <= len(table.colours) else ""
        if colour:
            axes.add_patch(Rectangle((0, y - 0.3 * step), 0.012, 0.6 * step, color=colour, transform=axes.transAxes))
        axes.text(0.02, y, row[0], ha="left", va="center", fontsize=9, fontweight=weight, transform=axes.transAxes)
        for right, cell in zip(rights, row[1:], strict=False):
            text = header_lines(cell) if row_index == 0 else cell
            axes.text(right, y, text, ha="right", va="center", fontsize=9, fontweight=weight, transform=axes.transAxes,
                      linespacing=1.0)
    for y in (1 - 1.5 * step, 1 - (len(rows) + 0.5) * step):
        axes.axhline(y, color="#888888", linewidth=0.6)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)


def _footer(axes: Axes, page: ReportPage) -> None:
    axes.axis("off")
    lines = [wrap(line, 105) for line in page.verdicts + page.notes if line]
    axes.text(0, 1, "\n".join(lines), fontsize=9, va="top", transform=axes.transAxes, linespacing=1.4)
