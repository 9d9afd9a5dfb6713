"""A corpus of hostile input, for every way a value reaches talarstat other than a meeting file (the
command line, the TUI's forms and prompts): markup, terminal escapes, control characters, bidi
overrides, huge and tiny values, odd numbers and extreme dates.

Each value must either be refused (exit 2 and one line, or the reason in the form) or be stored and
shown as the plain text it is; the database stays usable either way.
"""

from __future__ import annotations

# Text: titles, districts, bodies, agenda items, speaker tokens, filters, meeting references.
TEXTS: dict[str, str] = {
    "markup close": "Budget [/x]",
    "markup link": "[link=http://example.org]klicka[/link]",
    "markup bold": "[b]fet",
    "markup action": "[@click=app.quit]avsluta[/]",
    "markup escape": "\\[b] not bold",
    "ansi clear": "\x1b[2J\x1b[H",
    "ansi title": "\x1b]0;pwned\x07",
    "c1 csi": "\x9b31mröd",
    "tab": "a\tb",
    "newline": "rad ett\nrad två",
    "carriage return": "fake\rreal",
    "delete": "del\x7f",
    "nul": "nul\x00byte",
    "bidi override": "\u202eevil\u202c",
    "bidi isolate": "\u2066gömd\u2069",
    "zero width": "a\u200bb\ufeff",
    "lone surrogate": "half \ud800",
    "emoji and combining": "Ölands 🌼 e\u0301",
    "empty": "",
    "blank": "   ",
    "single": "x",
    "at the limit": "x" * 500,
    "over the limit": "y" * 501,
    "huge": "z" * 1_000_000,
    "formula": "=HYPERLINK(\"http://x\")",
    "path": "../../etc/passwd",
    "percent format": "%s %d {title} {0}",
    "sql": "'; DROP TABLE meeting; --",
}

# Head counts as typed.
COUNTS: dict[str, str] = {
    "superscript": "²",
    "arabic digits": "١٢",
    "negative": "-1",
    "float": "1.5",
    "exponent": "1e9",
    "hex": "0x10",
    "2^63": str(2**63),
    "twenty digits": "99999999999999999999",
    "limit": "1000000",
    "largest": "999999",
    "zero": "0",
    "spaces": " 7 ",
}

# Calendar dates as typed.
DATES: dict[str, str] = {
    "year 1": "0001-01-01",
    "year 9999": "9999-12-31",
    "before 1900": "1899-12-31",
    "first": "1900-01-01",
    "last": "2200-12-31",
    "after 2200": "2201-01-01",
    "no such day": "2026-02-30",
    "month 13": "2026-13-01",
    "slashes": "30/11/2026",
    "with time": "2026-03-01T18:00",
}

# Times of day as typed (HH:MM).
CLOCKS: dict[str, str] = {
    "midnight": "00:00",
    "24": "24:00",
    "minute 60": "12:60",
    "negative": "-1:00",
    "huge": "99999999999999999999:00",
    "superscript": "1²:00",
}

# A few of each for the TUI, where every case is a running app (the full corpus goes through the CLI).
TUI_TEXTS = ("markup close", "markup link", "ansi clear", "bidi override", "newline", "nul", "over the limit",
             "lone surrogate", "emoji and combining")
