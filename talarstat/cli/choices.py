"""The choices of the command line as enums, so that `--help` and shell completion list them.

Their values are the stable English keys of docs/file-format.md; the words a person reads come from the
translation layer.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from talarstat.domain.vocabulary import CHART_FORMATS, ROLES, TURN_KINDS

# The members are written out, not built from the vocabulary's tuples, so that a type checker knows
# them; tests/test_cli_conventions.py checks that they are the vocabulary's keys, in its order.


class MeetingKind(enum.StrEnum):
    board = "board"
    annual = "annual"
    member = "member"
    congress = "congress"
    council = "council"
    committee = "committee"
    other = "other"


class Language(enum.StrEnum):
    sv = "sv"
    en = "en"


class CsvDialectName(enum.StrEnum):
    standard = "standard"
    excel_sv = "excel-sv"


def value_of(choice: enum.Enum | None) -> str | None:
    return None if choice is None else str(choice.value)


def _complete_list(allowed: tuple[str, ...]) -> Callable[[str], list[str]]:
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
