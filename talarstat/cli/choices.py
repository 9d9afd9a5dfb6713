"""The choices of the command line as enums, so that `--help` and shell completion list them.

Their values are the stable English keys of docs/file-format.md; the words a person reads come from the
translation layer.
"""

from __future__ import annotations

import enum

from talarstat.domain.vocabulary import CHART_FORMATS, CSV_DIALECT_NAMES, MEETING_KINDS, ROLES, TURN_KINDS
from talarstat.i18n import LANGUAGES


class _Choice(str, enum.Enum):
    def __str__(self) -> str:
        return str(self.value)


MeetingKind = _Choice("MeetingKind", {key: key for key in MEETING_KINDS})  # type: ignore[misc]
Language = _Choice("Language", {key: key for key in LANGUAGES})  # type: ignore[misc]
CsvDialectName = _Choice("CsvDialectName", {key.replace("-", "_"): key for key in CSV_DIALECT_NAMES})  # type: ignore[misc]


def value_of(choice: enum.Enum | None) -> str | None:
    return None if choice is None else str(choice.value)


def _complete_list(allowed: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """Completion for a comma-separated list (`--format png,svg`): the next key after the last comma."""

    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",")
        taken = set(done.split(",")) if done else set()
        prefix = f"{done}," if done else ""
        return [prefix + key for key in allowed if key.startswith(last) and key not in taken]

    return complete


complete_formats = _complete_list(CHART_FORMATS)
complete_kinds = _complete_list(TURN_KINDS)
complete_roles = _complete_list(ROLES)
