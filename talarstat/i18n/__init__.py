"""One translation layer: every user-facing string comes from here, in the user's language.

Messages live in gettext catalogues, `locale/<lang>/LC_MESSAGES/talarstat.po`, compiled to `.mo`
files that the standard library's gettext reads at run time; Babel builds them (`make translations`)
and formats numbers (imported only when a number needs it). Message ids are keys such as
`error.meeting_ended`; the English catalogue holds the source text. A language is offered when its
catalogue translates every key. Data stays in English identifiers; only what a person reads is
translated. docs/development.md, "Translations", tells how to add a message or a language.
"""

from __future__ import annotations

import gettext
import locale
import os
import struct
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from talarstat.presentation.display import DASH

if TYPE_CHECKING:  # Babel (and decimal) are imported when a number is first written, not at start-up
    from babel.numbers import NumberPattern

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "talarstat"
SOURCE_LANGUAGE = "en"
LANGUAGE_ENV = "TALARSTAT_LANG"
_MO_MAGIC = struct.pack("<I", 0x950412DE)  # a GNU .mo file written little-endian, as Babel writes it


class Catalogue(gettext.GNUTranslations):
    """A compiled catalogue that can tell which keys it translates (to know whether it is complete)."""

    def keys(self) -> set[str]:
        # GNUTranslations keeps its messages in `_catalog`: msgid, or (msgid, form) for plurals;
        # the header's entry has the empty id.
        catalog: dict[str | tuple[str, int], str] = self._catalog  # type: ignore[attr-defined]  # stdlib keeps it private
        return {key if isinstance(key, str) else key[0] for key in catalog if key}


@cache
def load_catalogue(language: str) -> Catalogue:
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
        return Catalogue(file)


def _message_ids(language: str) -> list[bytes] | None:
    """The message ids a compiled catalogue holds, read from its table of originals without parsing
    a message (GNU gettext's .mo format: a 28-byte header giving their number and where the table is,
    then a length and an offset per id); None for a file not in that format."""
    data = (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    if data[:4] != _MO_MAGIC:  # not a little-endian .mo (Babel's): parsed instead
        return None
    count, table = struct.unpack_from("<2I", data, 8)  # the number of messages, where their ids are
    return [data[offset:offset + length] for length, offset in struct.iter_unpack("<2I", data[table:table + 8 * count])]


@cache
def languages() -> tuple[str, ...]:
    """The languages whose catalogue translates every key of the English one; Swedish first.

    At start only the ids are compared: a catalogue with exactly English's ids is complete. Any
    other (a key missing, an old one left over) is parsed and its keys compared with English's.
    """
    present = sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    if SOURCE_LANGUAGE not in present:
        return ()
    source = _message_ids(SOURCE_LANGUAGE)

    def complete(language: str) -> bool:
        if language == SOURCE_LANGUAGE or (source is not None and _message_ids(language) == source):
            return True
        return load_catalogue(SOURCE_LANGUAGE).keys() <= load_catalogue(language).keys()

    return tuple(sorted(filter(complete, present), key=lambda language: (language != "sv", language != "en", language)))


LANGUAGES: tuple[str, ...] = languages()  # as found when talarstat started (the command line's choices)


def message_keys() -> frozenset[str]:
    """Every message key (the English catalogue's), e.g. for a test that a key exists."""
    return frozenset(load_catalogue(SOURCE_LANGUAGE).keys())


def _language_of(value: str) -> str:
    """`sv_SE.UTF-8` -> `sv` if that language is offered, else English."""
    code = value.strip().lower().replace("-", "_").split(".", 1)[0].split("_", 1)[0]
    return code if code in languages() else SOURCE_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """TALARSTAT_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else English."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(LANGUAGE_ENV, "").strip().lower()
    if chosen in languages():
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:
            return _language_of(value)
    return _language_of(locale.getlocale()[0] or "")


class Translator:
    """`tr("key", name=value)` gives the message in this translator's language.

    `tr.plural("key", n, ...)` picks the form for n (`1 möte`, `2 möten`); `tr.number`,
    `tr.integer` and `tr.percent` write numbers the language's way, by CLDR's patterns for it
    (Babel, imported at the first number that needs it or at `load_numbers`): a new catalogue brings
    its language's numbers with it. A placeholder written `{count:n}` in a catalogue is a count: a
    whole number given for it is written by `tr.integer` (12 345 in Swedish, 12,345 in English).
    """

    def __init__(self, language: str) -> None:
        if language not in languages():
            raise ValueError(language)
        self.language = language
        self._catalogue = load_catalogue(language)
        self._formats: _NumberFormats | None = None  # Babel's, read at the first number (or load_numbers)
        self._written: dict[int | tuple[int, str], str] = {}  # a figure as shown -> its text

    def __reduce__(self) -> tuple[type[Translator], tuple[str]]:
        # A worker process loads the catalogue itself (GNUTranslations does not pickle).
        return Translator, (self.language,)

    def __call__(self, key: str, **params: Any) -> str:
        # A missing key is a bug; gettext shows the key, which beats crashing mid-meeting.
        text = self._catalogue.gettext(key)
        return self._fill(text, params) if params else text

    def plural(self, key: str, count: int, **params: Any) -> str:
        """The message for `count` things, in the form the language uses for that number (chosen by
        the integer); `{count:n}` writes it the language's way (`12 345 möten`)."""
        return self._fill(self._catalogue.ngettext(key, key, count), {"count": count, **params})

    def _fill(self, text: str, params: dict[str, Any]) -> str:
        if _COUNT_SPEC in text:  # a count in the message: `{name:n}` asks the translator to write it
            return text.format(**{name: _Shown(value, self) for name, value in params.items()})
        return text.format(**params)

    def label(self, group: str, key: str) -> str:
        """The label of a data key (category, kind, role, meeting kind); unknown keys show as themselves."""
        message = f"{group}.{key}"
        text = self._catalogue.gettext(message)
        return key if text == message else text

    def load_numbers(self) -> None:
        """Import Babel and read the language's number formats now rather than at the first number:
        the live screen calls it as it mounts, so no key press pays the ~25 ms (see `_numbers`)."""
        self._numbers()

    def _numbers(self) -> _NumberFormats:
        if self._formats is None:
            self._formats = _NumberFormats(self.language)
        return self._formats

    def number(self, value: float | None, digits: int = 0) -> str:
        """`value` with exactly `digits` decimals and the language's marks (0,85 / 0.85; 1 234 / 1,234).

        Rounded as Python's format rounds the float (`f"{value:.2f}"`), so a figure rounds the same
        in every language and in the JSON's consumers; Babel writes the rounded number."""
        if value is None:
            return DASH
        rounded = f"{value:.{digits}f}"
        key = (digits, rounded)
        text = self._written.get(key)
        if text is None:
            text = self._remember(key, self._numbers().decimal(rounded, digits))
        return text

    def integer(self, count: int) -> str:
        """A whole number as the language writes it: grouped by CLDR's pattern (Swedish 12 345 with a
        no-break space, English 12,345). 0–999 need no Babel in a language that writes them as plain
        digits (tests compare every one with Babel's), so a screen showing small counts never loads it."""
        if 0 <= count < 1000 and self.language in _PLAIN_BELOW_1000:
            return str(count)
        digits = str(count)
        key = (0, digits)  # as `number(count, 0)` writes it
        text = self._written.get(key)
        if text is None:
            text = self._remember(key, self._numbers().decimal(digits, 0))
        return text

    def percent(self, share: float | None) -> str:
        """A share as a whole percent, as the language writes it: 42 % in Swedish (a no-break space),
        42% in English; rounded as `round(share * 100)`."""
        if share is None:
            return DASH
        key = round(share * 100)
        text = self._written.get(key)
        if text is None:
            text = self._remember(key, self._numbers().percent(key))
        return text

    def _remember(self, key: int | tuple[int, str], text: str) -> str:
        # A screen shows the same few hundred numbers again and again (whole percents, ratios to two
        # decimals): each is written by Babel once. Bounded, for a process that runs for weeks.
        if len(self._written) >= _WRITTEN_MOST:
            self._written.clear()
        self._written[key] = text
        return text


_WRITTEN_MOST = 4096
_COUNT_SPEC = ":n}"  # `{count:n}`: str.format's spec for a number written the locale's way
# Languages whose CLDR decimal pattern writes 0–999 as the plain digits (`str(n)`): not every one
# does (Toki Pona groups 999 as 9 99), so a language is listed once a test has compared all 1,000.
_PLAIN_BELOW_1000 = frozenset({"en", "sv"})


class _Shown:
    """A message's parameter: `{name:n}` writes a whole number by the translator, any other spec (and
    any other value under `:n`, e.g. text already written) as str.format would."""

    __slots__ = ("tr", "value")

    def __init__(self, value: object, tr: Translator) -> None:
        self.value, self.tr = value, tr

    def __format__(self, spec: str) -> str:
        if spec == "n":
            value = self.value
            return self.tr.integer(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)
        return format(self.value, spec)


class _NumberFormats:
    """A language's number patterns from CLDR (through Babel), each parsed once.

    Babel's `format_decimal`/`format_percent` look the locale up and parse the pattern on every call
    (~9 µs); this loads the locale once per translator (~12 ms, and ~11 ms to import Babel the first
    time) and then only applies the parsed patterns."""

    def __init__(self, language: str) -> None:
        from babel import Locale, UnknownLocaleError

        try:
            self.locale = Locale.parse(language)
        except UnknownLocaleError:  # a catalogue named for a language CLDR lacks: its neutral formats
            self.locale = Locale("root")
        self._percent: NumberPattern = self.locale.percent_formats[None]  # parsed by Babel as it loads
        self._decimals: dict[int, NumberPattern] = {}

    def decimal(self, rounded: str, digits: int) -> str:
        """`rounded` (already `digits` decimals) in the language's decimal pattern: its grouping, its marks."""
        from decimal import Decimal

        pattern = self._decimals.get(digits)
        if pattern is None:
            from babel.numbers import parse_pattern

            pattern = self._decimals[digits] = parse_pattern(self.locale.decimal_formats[None].pattern)
            pattern.frac_prec = (digits, digits)  # exactly `digits` decimals: 0,90, not 0,9
        return str(pattern.apply(Decimal(rounded), self.locale))

    def percent(self, whole: int) -> str:
        """`whole` percent in the language's percent pattern (42 %, 42%, %42)."""
        from decimal import Decimal

        return str(self._percent.apply(Decimal(whole).scaleb(-2), self.locale))
