"""One translation layer: every user-facing string comes from here, in Swedish or English.

Messages live in `catalogue.py`, each key with both languages side by side so that neither can be
forgotten (a test checks). Data stays in English identifiers; only what a person reads is translated.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from typing import Any

from talarstat.i18n.catalogue import MESSAGES

LANGUAGES = ("sv", "en")
LANGUAGE_ENV = "TALARSTAT_LANG"


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """TALARSTAT_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(LANGUAGE_ENV, "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    system = locale.getlocale()[0] or ""
    return "sv" if system.lower().startswith("sv") else "en"


class Translator:
    """`tr("key", name=value)` gives the message in this translator's language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(language)
        self.language = language

    def __call__(self, key: str, **params: Any) -> str:
        entry = MESSAGES.get(key)
        if entry is None:
            # A missing key is a bug; showing the key beats crashing mid-meeting.
            return key
        return entry[self.language].format(**params) if params else entry[self.language]

    def plural(self, key: str, count: int, **params: Any) -> str:
        """The message for `count` things: `key.one` for exactly one (both languages say "1 möte",
        "1 meeting"), `key` itself for any other number ("2 möten", "0 meetings")."""
        chosen = f"{key}.one" if count == 1 and f"{key}.one" in MESSAGES else key
        return self(chosen, count=count, **params)

    @property
    def decimal_mark(self) -> str:
        return "," if self.language == "sv" else "."

    def label(self, group: str, key: str) -> str:
        """The label of a data key (category, kind, role, meeting kind); unknown keys show as themselves."""
        entry = MESSAGES.get(f"{group}.{key}")
        return entry[self.language] if entry else key
