"""The figures of a meeting, an agenda item or a pool as every view shows them: the rows of the
figures table, women's share of the time in one line, and the two balance verdicts.

The command line (`stats`, `report`), the TUI (the live balance, the summary, the term screen) and
the reports (the one-page report, the term report's cover) all build them here, so a figure reads
the same wherever it is shown. Each view picks its columns; a category with fewer than 3 present
(`hidden`) shows `<3` in every column, as docs/figures.md asks of reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from talarstat.domain.figures import MAN, WOMAN, CategoryFigures, Figures
from talarstat.domain.suppression import SHOWN_INSTEAD
from talarstat.i18n import Translator
from talarstat.presentation import display

Column = Literal["turns", "time", "turn_share", "time_share", "attendance", "attendance_share", "time_ratio"]

# What the views show of a category, after its label.
TABLE: tuple[Column, ...] = ("turns", "time", "turn_share", "time_share", "attendance_share", "time_ratio")
PRINTED: tuple[Column, ...] = ("turns", "time", "turn_share", "time_share", "attendance", "attendance_share", "time_ratio")
LIVE: tuple[Column, ...] = ("turns", "time", "time_share", "attendance_share", "time_ratio")

HEADERS: dict[Column, str] = {
    "turns": "cli.col.turns", "time": "cli.col.time", "turn_share": "cli.col.turn_share",
    "time_share": "cli.col.time_share", "attendance": "report.col.attendance",
    "attendance_share": "cli.col.attendance_share", "time_ratio": "cli.col.time_ratio",
}

Duration = Callable[[float | None], str]  # m:ss on screens (display.duration), words in print (display.spoken)


def _cell(column: Column, values: CategoryFigures, tr: Translator, duration: Duration) -> str:
    if column == "turns":
        return tr.number(values.turns)  # 1 234 turns pooled over a year, in Swedish
    if column == "time":
        return duration(values.seconds)
    if column == "attendance":
        return display.headcount(values.attendance, tr)
    if column == "time_ratio":
        return tr.number(values.time_ratio, 2)
    share: float | None = getattr(values, column)  # turn_share, time_share, attendance_share
    return tr.percent(share)


def category_cells(
    values: CategoryFigures, columns: Sequence[Column], tr: Translator, *, hidden: bool = False,
    duration: Duration = display.duration,
) -> tuple[str, ...]:
    """A category's figures in `columns`, or `<3` in each when it is hidden."""
    if hidden:
        return (SHOWN_INSTEAD,) * len(columns)
    return tuple(_cell(column, values, tr, duration) for column in columns)


def total_cells(
    figures: Figures, columns: Sequence[Column], tr: Translator, *, duration: Duration = display.duration,
) -> tuple[str, ...]:
    """The total row's figures: turns and time add up; shares and ratios are left blank."""
    return tuple(
        tr.number(figures.turns) if column == "turns" else duration(figures.seconds) if column == "time" else ""
        for column in columns
    )


@dataclass(frozen=True, slots=True)
class FiguresTable:
    """A figures table: its header, a row per category and the total last; `keys` names each row's
    category (None for the total), for a view that colours its rows."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    keys: tuple[str | None, ...]


def figures_table(
    figures: Figures, tr: Translator, columns: Sequence[Column] = TABLE, *, hidden: frozenset[str] = frozenset(),
    duration: Duration = display.duration,
) -> FiguresTable:
    """The figures per category and their total, with the header of the command line and the reports."""
    rows = [
        (tr.label("category", key), *category_cells(values, columns, tr, hidden=key in hidden, duration=duration))
        for key, values in figures.categories.items()
    ]
    rows.append((tr("cli.total"), *total_cells(figures, columns, tr, duration=duration)))
    return FiguresTable(
        header=(tr("cli.col.category"), *(tr(HEADERS[column]) for column in columns)),
        rows=tuple(rows),
        keys=(*figures.categories, None),
    )


def women_share(figures: Figures, tr: Translator, *, hidden: bool = False) -> tuple[str, str]:
    """Women's share of the speaking time and their representation ratio, as text (`–` without
    women among the categories, `<3` when too few were there to show)."""
    if hidden:
        return SHOWN_INSTEAD, SHOWN_INSTEAD
    woman = figures.categories.get(WOMAN)
    if woman is None:
        return display.DASH, display.DASH
    return tr.percent(woman.time_share), tr.number(woman.time_ratio, 2)


def women_line(figures: Figures, tr: Translator, *, hidden: bool = False) -> str:
    """`women's share of time 48%, ratio 0.93, 107 turns`: a meeting or a group on one line."""
    share, ratio = women_share(figures, tr, hidden=hidden)
    return tr("cli.report.meeting_line", share=share, ratio=ratio, turns=tr.number(figures.turns))


def balance_verdicts(figures: Figures, tr: Translator, hidden: frozenset[str] = frozenset()) -> list[str]:
    """The two meeting-wide verdicts: the per-capita ratio and the 40/60 mark. They compare women
    with men, so there are none when either is hidden (fewer than 3 present)."""
    if {WOMAN, MAN} & hidden:
        return []
    within = figures.within_40_60
    verdict = tr("cli.yes") if within else tr("cli.no") if within is not None else display.DASH
    return [
        tr("cli.per_capita", value=tr.number(figures.per_capita_ratio, 2)),
        tr("cli.within_40_60", value=verdict),
    ]
