"""The translation layer: gettext catalogues with every message in every language, the same
placeholders, compiled .mo files in step with their .po files, plurals and numbers per language."""

from __future__ import annotations

import io
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from hypothesis import given, settings
from hypothesis import strategies as st

from talarstat.domain.vocabulary import DEFAULT_CATEGORIES, MEETING_KINDS, ROLES, TURN_KINDS
from talarstat.i18n import LOCALE_DIR, Translator, language_from_environment, languages
from talarstat.i18n.tooling import find_keys, placeholders, po_path, read_catalogue, source_messages, texts

ROOT = pathlib.Path(__file__).parent.parent
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/talarstat.po"))
LANGUAGES = [path.parent.parent.name for path in PO_FILES]


def catalogue(language: str) -> Catalog:
    return read_catalogue(po_path(language))


def entries(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    return {str(m.id[0] if isinstance(m.id, (list, tuple)) else m.id): texts(m) for m in catalog if m.id}


ENGLISH = entries(catalogue("en"))


def test_swedish_and_english_are_offered() -> None:
    assert {"sv", "en"} <= set(LANGUAGES)
    assert languages()[:2] == ("sv", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_in_every_language_with_the_same_placeholders(language: str) -> None:
    catalog = catalogue(language)
    assert catalog.plural_forms.startswith("nplurals=") and catalog.num_plurals >= 1
    found = entries(catalog)
    assert set(found) == set(ENGLISH), "run make translations, then translate the new keys"
    for key, english in ENGLISH.items():
        shown = found[key]
        assert all(text.strip() for text in shown), f"{language}: {key} is not translated"
        assert len(shown) == (catalog.num_plurals if len(english) > 1 else 1), f"{language}: {key}"
        wanted = set().union(*(placeholders(text) for text in english))
        for text in shown:
            assert placeholders(text) <= wanted, f"{language}: {key}: {text!r} has placeholders English lacks"
        assert set().union(*(placeholders(text) for text in shown)) == wanted, f"{language}: {key}"
    assert not any("fuzzy" in message.flags for message in catalog if message.id), "a fuzzy entry is not used"


@pytest.mark.parametrize("po", PO_FILES, ids=LANGUAGES)
def test_every_mo_is_compiled_from_its_po(po: pathlib.Path) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(po))
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), "the .mo is out of date: make translations"


def test_the_template_lists_exactly_the_keys_the_code_uses() -> None:
    """`make translations` would drop a key the extractor does not find, and add one it finds anew."""
    known = source_messages()
    found: dict[str, bool] = {}
    for path in (ROOT / "talarstat").rglob("*.py"):
        if path.name != "tooling.py":
            for _, key, plural in find_keys(path.read_text(encoding="utf-8"), known):
                found[key] = found.get(key, False) or plural
    template = entries(read_catalogue(LOCALE_DIR / "talarstat.pot"))
    assert set(found) == set(template) == set(ENGLISH)
    # Named by a literal `tr.plural("key", n)` call, or a key the English catalogue has as a plural
    # (`tr.plural(key, n)` with the key in a variable): the extractor keeps those plural.
    plural_in_template = {key for key, forms in template.items() if len(forms) > 1}
    assert {key for key, plural in found.items() if plural} <= plural_in_template
    assert plural_in_template == {key for key, forms in ENGLISH.items() if len(forms) > 1}


def test_every_data_key_has_a_label() -> None:
    for group, keys in (("category", DEFAULT_CATEGORIES), ("kind", TURN_KINDS), ("role", ROLES), ("meeting_kind", MEETING_KINDS)):
        for key in keys:
            assert f"{group}.{key}" in ENGLISH


def test_unknown_category_shows_its_key() -> None:
    assert Translator("sv").label("category", "youth") == "youth"
    assert Translator("sv").label("category", "woman") == "kvinna"


def test_a_missing_key_shows_itself() -> None:
    assert Translator("en")("no.such_key") == "no.such_key"


@pytest.mark.parametrize(("language", "counts"), [
    ("sv", ["0 möten", "1 möte", "2 möten"]),
    ("en", ["0 meetings", "1 meeting", "2 meetings"]),
])
def test_plurals_follow_the_count(language: str, counts: list[str]) -> None:
    tr = Translator(language)
    assert [tr.plural("term.meetings", n) for n in (0, 1, 2)] == counts


def test_numbers_the_languages_way() -> None:
    sv, en = Translator("sv"), Translator("en")
    assert (sv.number(0.845, 2), en.number(0.845, 2)) == ("0,84", "0.84")
    assert (sv.number(1234.5, 1), en.number(1234.5, 1)) == ("1\u00a0234,5", "1,234.5")
    assert (sv.number(0.9, 2), en.number(0.9, 2), sv.number(14.0), en.number(1234)) == ("0,90", "0.90", "14", "1,234")
    assert (sv.percent(0.4249), en.percent(0.4249)) == ("42\u00a0%", "42%")
    assert (sv.percent(0.425), sv.percent(0.435), en.percent(1.0)) == ("42\u00a0%", "44\u00a0%", "100%")  # round()
    assert sv.number(None, 2) == sv.percent(None) == "–"


def test_numbers_round_as_python_formats_the_float_not_as_its_decimal_text() -> None:
    """2.675 is stored as 2.67499999…: it shows as 2.67 in every language, as f"{2.675:.2f}" does
    (and as the figures did before Babel wrote them; Babel alone, from the text "2.675", says 2.68)."""
    assert (Translator("en").number(2.675, 2), Translator("sv").number(2.675, 2)) == ("2.67", "2,67")


FIGURE = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
SHARE = st.floats(min_value=0, max_value=20, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(value=FIGURE, digits=st.integers(0, 3), share=SHARE)
def test_english_and_swedish_write_the_rounded_figure_with_their_own_marks(value: float, digits: int, share: float) -> None:
    sv, en = Translator("sv"), Translator("en")
    english = f"{value:,.{digits}f}"
    assert en.number(value, digits) == english
    assert sv.number(value, digits) == english.replace(",", "\u00a0").replace(".", ",")
    assert en.percent(share) == f"{round(share * 100):,}%"
    assert sv.percent(share) == f"{round(share * 100):,}".replace(",", "\u00a0") + "\u00a0%"


@settings(max_examples=100, deadline=None)
@given(values=st.lists(st.one_of(FIGURE.map(lambda v: ("number", v)), SHARE.map(lambda v: ("percent", v))), max_size=40))
def test_a_remembered_figure_reads_as_a_fresh_translator_writes_it(values: list[tuple[str, float]]) -> None:
    """The translator remembers what Babel wrote for a figure; asking again, in any order, after
    other figures, gives what a new translator writes."""
    used = Translator("sv")
    for kind, value in values + values[::-1]:
        fresh = Translator("sv")
        assert (used.percent(value) == fresh.percent(value)) if kind == "percent" else \
            (used.number(value, 2) == fresh.number(value, 2))


def test_babel_loads_the_language_once_and_parses_each_pattern_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel's format_* look the locale up and parse the pattern on every call (~9 µs); a live
    screen writes tens of numbers a key, so the translator does both once and remembers what it wrote."""
    import babel
    import babel.numbers

    locales: list[tuple[Any, ...]] = []
    patterns: list[str] = []
    applied: list[Any] = []
    parse_locale, parse_pattern, apply = babel.Locale.parse, babel.numbers.parse_pattern, babel.numbers.NumberPattern.apply

    def counted_locale(*args: Any, **kwargs: Any) -> Any:
        locales.append(args)
        return parse_locale(*args, **kwargs)

    def counted_pattern(pattern: str) -> babel.numbers.NumberPattern:
        patterns.append(pattern)
        return parse_pattern(pattern)

    def counted_apply(self: babel.numbers.NumberPattern, *args: Any, **kwargs: Any) -> Any:
        applied.append(args[0])
        return apply(self, *args, **kwargs)

    monkeypatch.setattr(babel.Locale, "parse", counted_locale)
    monkeypatch.setattr(babel.numbers, "parse_pattern", counted_pattern)
    monkeypatch.setattr(babel.numbers.NumberPattern, "apply", counted_apply)
    tr = Translator("sv")
    for _ in range(3):  # a screen redrawn three times
        for value in (0.42, 0.5, 0.08, 1.0):
            tr.percent(value)
        for value in (0.84, 1.11, 2.52):
            tr.number(value, 2)
        tr.number(13.1, 1)
    assert len([args for args in locales if isinstance(args[0], str)]) == 1  # apply passes the Locale through parse
    assert len(patterns) <= 2  # the decimal pattern with two decimals, and with one (the percent one is Babel's own)
    assert len(applied) == 4 + 3 + 1  # each figure written once


@pytest.mark.parametrize(("language", "written"), [
    ("de", ("42\u00a0%", "0,85", "1.234,5")),
    ("xx", ("42%", "0.85", "1,234.5")),  # a language CLDR does not know: its neutral (root) formats
])
def test_a_new_catalogue_brings_its_languages_numbers(
        language: str, written: tuple[str, str, str], add_catalogue: AddCatalogue) -> None:
    """A German catalogue (made with the standard tools, no Python) writes German numbers: CLDR's."""
    catalog = add_catalogue.english()
    catalog.locale = "en"  # the header's language is the catalogue's business; its folder names it
    add_catalogue(language, catalog)
    tr = Translator(language)
    assert (tr.percent(0.42), tr.number(0.85, 2), tr.number(1234.5, 1)) == written


def test_babel_is_not_imported_to_translate() -> None:
    """The TUI's first frame pays for gettext only; Babel loads when a number is first formatted."""
    code = ("import sys; from talarstat.i18n import Translator, languages; tr = Translator(languages()[0]);"
            "tr('cli.yes'); tr.plural('term.meetings', 2); print('babel' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"TALARSTAT_LANG": "sv"}, "sv"),
    ({"TALARSTAT_LANG": "en", "LANG": "sv_SE.UTF-8"}, "en"),
    ({"LANG": "sv_SE.UTF-8"}, "sv"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "xx_XX.UTF-8"}, "en"),
])
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


class AddCatalogue:
    """Compiles catalogues into a copy of the locale folder that talarstat reads for one test."""

    def __init__(self, locale_dir: pathlib.Path) -> None:
        self.locale_dir = locale_dir

    def english(self) -> Catalog:
        return read_catalogue(po_path("en", self.locale_dir))

    def __call__(self, language: str, catalog: Catalog) -> None:
        target = self.locale_dir / language / "LC_MESSAGES" / "talarstat.mo"
        target.parent.mkdir(parents=True)
        with target.open("wb") as file:
            write_mo(file, catalog)


@pytest.fixture
def add_catalogue(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AddCatalogue]:
    import talarstat.i18n as i18n

    locale_dir = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale_dir)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
    i18n.languages.cache_clear()
    i18n.load_catalogue.cache_clear()
    yield AddCatalogue(locale_dir)
    i18n.languages.cache_clear()
    i18n.load_catalogue.cache_clear()


def test_a_new_complete_catalogue_adds_a_language_and_an_incomplete_one_does_not(add_catalogue: AddCatalogue) -> None:
    # de: English's keys; da: those and an old one left over; nb: one missing; fi: one missing, one extra
    for language, missing, extra in (("de", False, False), ("da", False, True), ("nb", True, False), ("fi", True, True)):
        catalog = add_catalogue.english()
        catalog.locale = language
        if missing:
            catalog.delete("cli.yes")
        if extra:
            catalog.add("cli.zz_left_over", "left over")
        add_catalogue(language, catalog)
    assert languages() == ("sv", "en", "da", "de")
    assert language_from_environment({"LANG": "de_DE.UTF-8"}) == "de"
    assert language_from_environment({"LANG": "nb_NO.UTF-8"}) == "en"
    assert language_from_environment({"LANG": "fi_FI.UTF-8"}) == "en"
    assert Translator("de")("cli.yes") == "yes"


def test_start_up_parses_only_the_catalogue_of_the_language_in_use() -> None:
    """The others are offered when their message ids are English's, read without parsing them."""
    code = ("import talarstat.i18n as i18n; from talarstat.i18n import Translator, LANGUAGES;"
            "Translator('sv'); print(LANGUAGES[:2], i18n.load_catalogue.cache_info().currsize)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert found == ["('sv',", "'en')", "1"]


def test_the_converter_writes_the_po_files_it_was_run_on_again(tmp_path: pathlib.Path) -> None:
    """catalogue_to_po.py (the one-time conversion of catalogue.py) on the messages the .po files
    hold writes the same messages; a `key.one` beside `key` is the singular of a plural entry."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import catalogue_to_po
    finally:
        sys.path.pop(0)
    locale_dir = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale_dir)
    found = {language: entries(catalogue(language)) for language in ("sv", "en")}
    messages: dict[str, dict[str, str]] = {}
    for key, english in ENGLISH.items():
        messages[key] = {language: found[language][key][-1] for language in found}
        if len(english) > 1:
            messages[f"{key}.one"] = {language: found[language][key][0] for language in found}
    assert catalogue_to_po.write_po_files(messages, locale_dir) == ["en", "sv"]
    for language in found:
        assert entries(read_catalogue(po_path(language, locale_dir))) == found[language]


def test_every_message_key_used_in_the_code_exists() -> None:
    import re

    from talarstat.i18n import message_keys

    used: set[str] = set()
    for path in (ROOT / "talarstat").rglob("*.py"):
        used |= set(re.findall(r'"((?:error|cli|help|check|file)\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert not {key for key in used if key not in message_keys() and not key.endswith(".")}


def test_message_keys_are_the_english_ones() -> None:
    from talarstat.i18n import message_keys

    assert message_keys() == set(ENGLISH)


def test_a_translator_travels_to_a_worker_process() -> None:
    import pickle

    assert pickle.loads(pickle.dumps(Translator("sv")))("cli.yes") == "ja"
