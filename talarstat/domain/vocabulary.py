"""The fixed words of the product contract (PRODUCT.md): kinds, roles and the default categories.

These are stable English identifiers used in data (JSON, CSV, the database); what the user reads
comes from the translation layer.
"""

import re

MEETING_KINDS: tuple[str, ...] = ("board", "annual", "member", "congress", "council", "committee", "other")
TURN_KINDS: tuple[str, ...] = ("speech", "reply", "point_of_order", "information", "presentation")
ROLES: tuple[str, ...] = ("member", "chair", "presenter", "guest")
DEFAULT_CATEGORIES: tuple[str, ...] = ("woman", "man", "nonbinary", "unknown")

DEFAULT_TURN_KIND = "speech"
DEFAULT_ROLE = "member"
CHAIR = "chair"

CATEGORY_KEY = re.compile(r"[a-z][a-z0-9_]*")
SPEAKER_TOKEN_MAX_LENGTH = 32

# Limits of FORMAT.md, so that no input can stall or poison a database.
TEXT_MAX_LENGTH = 500
MAX_CATEGORIES = 32
CATEGORY_KEY_MAX_LENGTH = 32
COUNT_LIMIT = 1_000_000  # counts, positions and seconds are below this
MAX_TURNS = 100_000
MAX_REQUESTS = 100_000
FIRST_YEAR, LAST_YEAR = 1900, 2200


def is_category_key(key: object) -> bool:
    return isinstance(key, str) and CATEGORY_KEY.fullmatch(key) is not None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def has_control_characters(text: str) -> bool:
    """Tabs, newlines, ESC and the like: in a title they break tables or drive the terminal."""
    return _CONTROL.search(text) is not None


def is_storable_text(text: str) -> bool:
    """No NUL and no unpaired surrogate: what both SQLite and PostgreSQL store as UTF-8 text."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

# Formats the charts are written in (`--format`); the reports always include a PDF.
CHART_FORMATS = ("png", "svg", "pdf")
