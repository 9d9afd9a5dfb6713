"""The translation layer: both languages for every message, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from talarstat.domain.vocabulary import DEFAULT_CATEGORIES, MEETING_KINDS, ROLES, TURN_KINDS
from talarstat.i18n import Translator, language_from_environment
from talarstat.i18n.catalogue import MESSAGES


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == {"sv", "en"}
    assert entry["sv"].strip() and entry["en"].strip()
    assert placeholders(entry["sv"]) == placeholders(entry["en"])


def test_every_data_key_has_a_label() -> None:
    for group, keys in (("category", DEFAULT_CATEGORIES), ("kind", TURN_KINDS), ("role", ROLES), ("meeting_kind", MEETING_KINDS)):
        for key in keys:
            assert f"{group}.{key}" in MESSAGES


def test_unknown_category_shows_its_key() -> None:
    assert Translator("sv").label("category", "youth") == "youth"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"TALARSTAT_LANG": "sv"}, "sv"),
    ({"TALARSTAT_LANG": "en", "LANG": "sv_SE.UTF-8"}, "en"),
    ({"LANG": "sv_SE.UTF-8"}, "sv"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
])
def test_language_from_environment(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_every_message_key_used_in_the_code_exists() -> None:
    import pathlib
    import re

    used: set[str] = set()
    for path in (pathlib.Path(__file__).parent.parent / "talarstat").rglob("*.py"):
        used |= set(re.findall(r'"((?:error|cli|help|check|file)\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    missing = {key for key in used if key not in MESSAGES and not key.endswith(".")}
    assert not missing
