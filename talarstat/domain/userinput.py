"""Values the user typed (command line options, form fields), each mistake a BadInput with a clear message.

Every function takes `field`, the name the user knows the value by: the command line passes its
option (`--from`), a form the label of its field (`Från`). The message names it and says what is
wrong with the value; the domain knows no option names.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from talarstat.domain.queue import ORDERS
from talarstat.domain.timefmt import parse_date
from talarstat.domain.vocabulary import (
    CHART_FORMATS,
    COUNT_LIMIT,
    ROLES,
    TEXT_MAX_LENGTH,
    TURN_KINDS,
    YEAR_MAX,
    YEAR_MIN,
    is_category_key,
    is_storable_text,
)
from talarstat.errors import BadInput

# "19.00" is how a Swede writes a time; "19:00" how the rest do. Both mean the same.
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")
_COUNT = re.compile(r"[0-9]+")  # ASCII digits only: str.isdigit() also takes "²", which int() refuses


def has_control_characters(value: str) -> bool:
    """C0 and C1 controls and DEL (tab, newline and ESC among them): never part of a one-line text."""
    return any(unicodedata.category(character) == "Cc" for character in value)


def text(value: str | None, field: str, *, most: int = TEXT_MAX_LENGTH) -> str | None:
    """A one-line text (title, district, body, agenda item, token) within FORMAT.md's limits, stripped."""
    if value is None:
        return None
    value = value.strip()
    if has_control_characters(value) or not is_storable_text(value):
        raise BadInput("error.control_character", field=field)
    if len(value) > most:
        raise BadInput("error.text_too_long", field=field, most=most, length=len(value))
    return value


def count(value: str, field: str) -> int:
    """A head count as typed: a whole number from 0 below FORMAT.md's limit."""
    value = value.strip()
    if _COUNT.fullmatch(value) is None or len(value) > len(str(COUNT_LIMIT)) or int(value) >= COUNT_LIMIT:
        raise BadInput("error.count_range", field=field, value=value[:40], most=COUNT_LIMIT - 1)
    return int(value)


def date(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        day = parse_date(value)
    except ValueError:
        raise BadInput("error.bad_date", option=field, value=value[:40]) from None
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise BadInput("error.year_range", option=field, value=value, least=YEAR_MIN, most=YEAR_MAX)
    return day


def clock(value: str | None, field: str) -> dt.time | None:
    if value is None:
        return None
    match = _CLOCK.fullmatch(value)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise BadInput("error.bad_clock", option=field, value=value)
    return dt.time(int(match[1]), int(match[2]))


def choice(value: str | None, field: str, allowed: tuple[str, ...]) -> str | None:
    """One key of `allowed`."""
    if value is not None and value not in allowed:
        raise BadInput("error.bad_choice", option=field, value=value, allowed=", ".join(allowed))
    return value


def choices(value: str | None, field: str, allowed: tuple[str, ...]) -> list[str] | None:
    """A comma-separated list of keys, each one of `allowed`."""
    if value is None:
        return None
    keys = [part.strip() for part in value.split(",") if part.strip()]
    if not keys:
        raise BadInput("error.empty_list", option=field)
    for key in keys:
        choice(key, field, allowed)
    return keys


def chart_formats(value: str | None, field: str) -> tuple[str, ...]:
    """`png,svg`: the asked formats in their usual order; all of them when not asked."""
    asked = choices(value, field, CHART_FORMATS)
    return CHART_FORMATS if asked is None else tuple(key for key in CHART_FORMATS if key in asked)


def turn_kinds(value: str | None, field: str) -> list[str] | None:
    return choices(value, field, TURN_KINDS)


def roles(value: str | None, field: str) -> list[str] | None:
    return choices(value, field, ROLES)


def attendance(value: str | None, field: str, categories: tuple[str, ...]) -> dict[str, int] | None:
    """`woman=9,man=7`: head counts for some of the categories (the rest are 0)."""
    if value is None:
        return None
    counts = dict.fromkeys(categories, 0)
    for part in value.split(","):
        key, equals, number = part.strip().partition("=")
        key = key.strip()
        if not equals or not is_category_key(key):
            raise BadInput("error.bad_attendance", option=field, value=part.strip())
        choice(key, field, categories)
        if _COUNT.fullmatch(number.strip()) is None:
            raise BadInput("error.bad_count", option=field, value=part.strip())
        counts[key] = count(number, field)
    return counts


def queue_order(value: str | None, field: str) -> str | None:
    """How the speaker list is ordered (QUEUE.md)."""
    return choice(value, field, ORDERS)


def time_limits(value: str | None, field: str) -> dict[str, int] | None:
    """`speech=180,reply=60`: whole seconds per turn kind."""
    if value is None:
        return None
    limits: dict[str, int] = {}
    for part in value.split(","):
        kind, equals, seconds = (piece.strip() for piece in part.partition("="))
        if not equals or not kind:
            raise BadInput("error.bad_limit_item", option=field, value=part.strip())
        choice(kind, field, TURN_KINDS)
        # ASCII digits only ("²" passes str.isdigit), and few enough that int() is instant.
        if not (seconds.isascii() and seconds.isdigit()) or len(seconds) > 7 or not 0 < int(seconds) < COUNT_LIMIT:
            raise BadInput("error.bad_limit", option=field, kind=kind)
        limits[kind] = int(seconds)
    return {kind: limits[kind] for kind in TURN_KINDS if kind in limits}
