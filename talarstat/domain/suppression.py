"""Small-cell suppression (docs/privacy.md, docs/figures.md): in reports and CSV, the figures of a category with
fewer than 3 attendees are not shown, because with one or two people present they describe persons.

The head count is the `attendance` figure of docs/figures.md (the time-weighted average), so the rule
reads the same number the report prints. A category nobody attended and nobody of it spoke has
nothing to hide and is shown as zeros; without attendance recorded there is no count to judge by.
"""

from __future__ import annotations

from talarstat.domain.figures import Figures

SMALL_CELL = 3
SHOWN_INSTEAD = "<3"


def suppressed_categories(figures: Figures, *, enabled: bool = True) -> frozenset[str]:
    if not enabled:
        return frozenset()
    return frozenset(
        category for category, values in figures.categories.items() if is_small_cell(values.attendance, values.turns)
    )


def is_small_cell(attendance: float | None, turns: int) -> bool:
    """Whether a category's figures are hidden, by its `attendance` and `turns` figures."""
    return attendance is not None and attendance < SMALL_CELL and (attendance > 0 or turns > 0)
