"""The CSV tables of a meeting export: `turns.csv` (one row per stored turn) and `summary.csv` (the
METRICS.md figures per category, for the meeting and per agenda item).

Headers and keys are stable English identifiers; numbers are written unrounded, exactly as in
`stats --json`, so the two agree to the bit. A suppressed category shows `<3` instead of figures.

The files open correctly in a spreadsheet: UTF-8 with a byte order mark (Excel reads å, ä, ö right
only then), and in the `excel-sv` dialect `;` between fields and a decimal comma, as Swedish Excel
expects. Text that people typed (titles, districts, bodies) never starts a formula: a cell beginning
with `=`, `+`, `-`, `@` (or a tab or carriage return) gets a leading `'`.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from talarstat.domain.figures import CategoryFigures, Figures
from talarstat.domain.meeting import AgendaItem, Meeting
from talarstat.domain.queue_figures import QueueCategoryFigures, QueueFigures
from talarstat.domain.suppression import SHOWN_INSTEAD, suppressed_categories
from talarstat.domain.term import Group, Term
from talarstat.domain.timefmt import Instant, format_instant, format_optional

TURN_COLUMNS = ("start", "end", "seconds", "category", "kind", "role", "agenda_item", "agenda_position", "agenda_title")
FIGURE_COLUMNS = tuple(field.name for field in dataclasses.fields(CategoryFigures))
# The queue block (METRICS.md) is meeting-wide: its columns are empty on the agenda item rows.
QUEUE_COLUMNS = tuple(field.name for field in dataclasses.fields(QueueCategoryFigures))
SUMMARY_COLUMNS = ("scope", "agenda_item", "agenda_position", "agenda_title", "category", *FIGURE_COLUMNS, *QUEUE_COLUMNS)


@dataclass(frozen=True, slots=True)
class CsvDialect:
    name: str
    separator: str
    decimal_mark: str


CSV_DIALECTS = {  # keyed by vocabulary.CSV_DIALECT_NAMES
    "standard": CsvDialect("standard", ",", "."),
    "excel-sv": CsvDialect("excel-sv", ";", ","),
}
STANDARD = CSV_DIALECTS["standard"]
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]], dialect: CsvDialect = STANDARD) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=dialect.separator, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_localised(value, dialect) for value in row])
    return BOM + buffer.getvalue()


def _localised(value: object, dialect: CsvDialect) -> object:
    """A number cell (from `cell`) with the dialect's decimal mark; text as it is."""
    if isinstance(value, Number):
        return str(value).replace(".", dialect.decimal_mark)
    return value


class Number(str):
    """A cell that is a number: its decimal point follows the dialect."""

    __slots__ = ()


def cell(value: object) -> str:
    """Empty for null; floats in their shortest exact spelling (what JSON writes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return Number(repr(value))
    return str(value)


def text_cell(value: str | None) -> str:
    """Text someone typed, never read as a formula by a spreadsheet."""
    if not value:
        return ""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def turns_csv(meeting: Meeting, *, now: Instant, suppressed: frozenset[str], dialect: CsvDialect = STANDARD) -> str:
    """Every stored turn, the chair's too (the filter is for figures, not for the record).

    A suppressed category's turns keep their row, so times and totals still add up, but show `<3`
    where the category would be. A running turn has no end and counts up to now.
    """
    items = {item.id: item for item in meeting.agenda}
    rows = []
    for turn in meeting.turns:
        item = items.get(turn.agenda_item) if turn.agenda_item else None
        rows.append((
            format_instant(turn.start, meeting.offset_minutes),
            format_optional(turn.end, meeting.offset_minutes) or "",
            cell(turn.milliseconds(now) / 1000),
            SHOWN_INSTEAD if turn.category in suppressed else turn.category,
            turn.kind,
            turn.role,
            turn.agenda_item or "",
            item.position if item else "",
            text_cell(item.title) if item else "",
        ))
    return _csv(TURN_COLUMNS, rows, dialect)


def figure_cells(key: str, values: CategoryFigures, suppressed: frozenset[str]) -> list[str]:
    if key in suppressed:
        return [SHOWN_INSTEAD] * len(FIGURE_COLUMNS)
    return [cell(getattr(values, name)) for name in FIGURE_COLUMNS]


def queue_cells(key: str, queue: QueueFigures | None, suppressed: frozenset[str]) -> list[str]:
    if queue is None or key not in queue.categories:
        return [""] * len(QUEUE_COLUMNS)
    if key in suppressed:
        return [SHOWN_INSTEAD] * len(QUEUE_COLUMNS)
    return [cell(getattr(queue.categories[key], name)) for name in QUEUE_COLUMNS]


def summary_csv(
    figures: Figures, agenda: Sequence[tuple[AgendaItem, Figures]], *, suppressed: frozenset[str],
    queue: QueueFigures | None = None,
    dialect: CsvDialect = STANDARD,
) -> str:
    rows: list[list[object]] = []
    for key, values in figures.categories.items():
        rows.append(["meeting", "", "", "", key, *figure_cells(key, values, suppressed), *queue_cells(key, queue, suppressed)])
    blank = [""] * len(QUEUE_COLUMNS)
    for item, item_figures in agenda:
        for key, values in item_figures.categories.items():
            rows.append([
                "agenda_item", item.id, item.position, text_cell(item.title), key, *figure_cells(key, values, suppressed), *blank,
            ])
    return _csv(SUMMARY_COLUMNS, rows, dialect)


MEETING_COLUMNS = ("id", "title", "district", "body", "kind", "date", "category", *FIGURE_COLUMNS,
                   "overrun_minutes", "notice_lead_days")
GROUP_COLUMNS = ("scope", "name", "meetings", "category", *FIGURE_COLUMNS, "ended_on_time_share", "notice_in_time_share")


def meetings_csv(term: Term, *, suppress: bool, dialect: CsvDialect = STANDARD) -> str:
    """One row per meeting and category: the figures of `report --json`'s `meetings`, flat."""
    rows = []
    for result in term.meetings:
        meeting, figures = result.meeting, result.figures
        hidden = suppressed_categories(figures, enabled=suppress)
        for key, values in figures.categories.items():
            rows.append([
                meeting.id, text_cell(meeting.title), text_cell(meeting.district), text_cell(meeting.body), cell(meeting.kind),
                meeting.date.isoformat() if meeting.date else "", key, *figure_cells(key, values, hidden),
                cell(result.hygiene.overrun_minutes), cell(result.hygiene.notice_lead_days),
            ])
    return _csv(MEETING_COLUMNS, rows, dialect)


def groups_csv(term: Term, *, suppress: bool, dialect: CsvDialect = STANDARD) -> str:
    """The pools: all meetings, then per district, kind and body."""
    scopes: list[tuple[str, dict[str, Group]]] = [
        ("pooled", {"": term.pooled}), ("district", term.districts), ("kind", term.kinds), ("body", term.bodies),
    ]
    rows = []
    for scope, groups in scopes:
        for name, group in groups.items():
            hidden = suppressed_categories(group.figures, enabled=suppress)
            for key, values in group.figures.categories.items():
                rows.append([scope, text_cell(name), group.meetings, key, *figure_cells(key, values, hidden),
                             cell(group.ended_on_time_share), cell(group.notice_in_time_share)])
    return _csv(GROUP_COLUMNS, rows, dialect)
