"""Values the user typed (command line options, form fields), each mistake a BadInput with a clear message."""

from __future__ import annotations

import datetime as dt
import re

from talarstat.domain.queue import ORDERS
from talarstat.domain.timefmt import parse_date
from talarstat.domain.vocabulary import (
    CHART_FORMATS,
    COUNT_LIMIT,
    MEETING_KINDS,
    ROLES,
    TURN_KINDS,
    is_category_key,
)
from talarstat.errors import BadInput

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")


def date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise BadInput("error.bad_date", option=option, value=value) from None


def clock(value: str | None, option: str) -> dt.time | None:
    if value is None:
        return None
    match = _CLOCK.fullmatch(value)
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise BadInput("error.bad_clock", option=option, value=value)
    return dt.time(int(match[1]), int(match[2]))


def meeting_kind(value: str | None) -> str | None:
    if value is not None and value not in MEETING_KINDS:
        raise BadInput("error.bad_choice", option="--kind", value=value, allowed=", ".join(MEETING_KINDS))
    return value


def choices(value: str | None, option: str, allowed: tuple[str, ...]) -> list[str] | None:
    """A comma-separated list of keys, each one of `allowed`."""
    if value is None:
        return None
    keys = [part.strip() for part in value.split(",") if part.strip()]
    if not keys:
        raise BadInput("error.empty_list", option=option)
    for key in keys:
        if key not in allowed:
            raise BadInput("error.bad_choice", option=option, value=key, allowed=", ".join(allowed))
    return keys


def chart_formats(value: str | None) -> tuple[str, ...]:
    """`--format png,svg`: the asked formats in their usual order; all of them when not asked."""
    asked = choices(value, "--format", CHART_FORMATS)
    return CHART_FORMATS if asked is None else tuple(key for key in CHART_FORMATS if key in asked)


def turn_kinds(value: str | None) -> list[str] | None:
    return choices(value, "--kinds", TURN_KINDS)


def roles(value: str | None) -> list[str] | None:
    return choices(value, "--roles", ROLES)


def attendance(value: str | None, categories: tuple[str, ...]) -> dict[str, int] | None:
    """`woman=9,man=7`: head counts for some of the categories (the rest are 0)."""
    if value is None:
        return None
    counts = {category: 0 for category in categories}
    for part in value.split(","):
        key, equals, number = part.strip().partition("=")
        key = key.strip()
        if not equals or not is_category_key(key):
            raise BadInput("error.bad_attendance", value=part.strip())
        if key not in categories:
            raise BadInput("error.bad_choice", option="--attendance", value=key, allowed=", ".join(categories))
        if not number.strip().isdigit():
            raise BadInput("error.bad_count", value=part.strip())
        counts[key] = int(number)
    return counts


def queue_order(value: str | None) -> str | None:
    """`--order`: how the speaker list is ordered (QUEUE.md)."""
    if value is not None and value not in ORDERS:
        raise BadInput("error.bad_choice", option="--order", value=value, allowed=", ".join(ORDERS))
    return value


def time_limits(value: str | None) -> dict[str, int] | None:
    """`--limit speech=180,reply=60`: whole seconds per turn kind."""
    if value is None:
        return None
    limits: dict[str, int] = {}
    for part in value.split(","):
        kind, equals, seconds = (piece.strip() for piece in part.partition("="))
        if not equals or not kind:
            raise BadInput("error.bad_limit_item", value=part.strip())
        if kind not in TURN_KINDS:
            raise BadInput("error.bad_choice", option="--limit", value=kind, allowed=", ".join(TURN_KINDS))
        # ASCII digits only ("²" passes str.isdigit), and few enough that int() is instant.
        if not (seconds.isascii() and seconds.isdigit()) or len(seconds) > 7 or not 0 < int(seconds) < COUNT_LIMIT:
            raise BadInput("error.bad_limit", kind=kind)
        limits[kind] = int(seconds)
    return {kind: limits[kind] for kind in TURN_KINDS if kind in limits}
