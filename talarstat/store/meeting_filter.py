"""Which meetings a list or report is about, without SQLAlchemy: store.meetings.MeetingQuery adds its
SQLAlchemy conditions, store.report_sql writes the same in its driver's SQL (`report --json` imports
neither SQLAlchemy nor the store's models)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True, slots=True)
class MeetingFilter:
    """Which meetings a list or report is about; None means any.

    District and body match whatever the case (`skåne` finds Skåne). Reports leave out demo
    meetings (`include_demo`) and meetings never held (`held_only`: no turn recorded), so their
    figures describe real meetings only; the list of meetings shows everything.
    """

    district: str | None = None
    body: str | None = None
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_demo: bool = True
    held_only: bool = False

    def for_report(self, *, include_demo: bool = False) -> Self:
        """The same filter as reports apply it: held meetings, demo ones only when asked."""
        return dataclasses.replace(self, include_demo=include_demo, held_only=True)
