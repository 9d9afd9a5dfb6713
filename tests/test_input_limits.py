"""Typed values meet FORMAT.md's limits on every path other than the file: one clear line and exit 2
for bad input, never "internal error" and exit 1; nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import Cli

from talarstat.domain import userinput as values
from talarstat.domain import vocabulary
from talarstat.domain.queue import QueueSettings, check_queue_settings
from talarstat.errors import BadInput
from talarstat.i18n import Translator


def test_the_limits_are_those_of_format_md() -> None:
    assert (vocabulary.TEXT_MAX_LENGTH, vocabulary.CATEGORIES_MAX, vocabulary.CATEGORY_KEY_MAX_LENGTH) == (500, 32, 32)
    assert (vocabulary.COUNT_LIMIT, vocabulary.TURNS_MAX, vocabulary.REQUESTS_MAX) == (1_000_000, 100_000, 100_000)
    assert (vocabulary.YEAR_MIN, vocabulary.YEAR_MAX) == (1900, 2200)


@pytest.mark.parametrize(("typed", "key"), [
    ("a" * 501, "error.text_too_long"),
    ("tab\there", "error.control_character"),
    ("esc\x1b[2J", "error.control_character"),
    ("c1\x9b", "error.control_character"),
    ("nul\x00", "error.control_character"),
    ("lone \ud800", "error.control_character"),
])
def test_text_refused(typed: str, key: str) -> None:
    with pytest.raises(BadInput) as refused:
        values.text(typed, "--title")
    assert refused.value.key == key


def test_text_accepted_up_to_the_limit() -> None:
    assert values.text("  Årsmöte [/x] ✓  ", "--title") == "Årsmöte [/x] ✓"
    assert values.text("a" * 500, "--title") == "a" * 500
    assert values.text(None, "--title") is None


@pytest.mark.parametrize("typed", ["²", "٣", "-1", "1.5", "", "999999999999999999999999", str(2**63), "1000000"])
def test_count_refused(typed: str) -> None:
    with pytest.raises(BadInput) as refused:
        values.count(typed, "woman")
    assert refused.value.key == "error.count_range"


@pytest.mark.parametrize(("typed", "key"), [("0001-01-01", "error.year_range"), ("9999-12-31", "error.year_range"),
                                            ("1899-12-31", "error.year_range"), ("2026-02-30", "error.bad_date")])
def test_dates_outside_the_years_refused(typed: str, key: str) -> None:
    with pytest.raises(BadInput) as refused:
        values.date(typed, "--date")
    assert refused.value.key == key


@pytest.mark.parametrize(("args", "line"), [
    (["new", "--title", "x", "--attendance", "woman=²"], "--attendance: woman=²: the count must be a whole number ≥ 0"),
    (["new", "--title", "x", "--attendance", "woman=99999999999999999999"], "--attendance: 99999999999999999999: give a whole number from 0 to 999,999"),
    (["new", "--title", "x", "--attendance", f"man={2**63}"], f"--attendance: {2**63}:"),
    (["new", "--title", "x", "--date", "0001-01-01", "--planned-start", "00:10"], "--date: 0001-01-01: the year must be between 1900 and 2200"),
    (["new", "--title", "x", "--date", "9999-12-31", "--planned-start", "23:50"], "--date: 9999-12-31:"),
    (["new", "--title", "x" * 501], "--title: at most 500 characters (501 given)"),
    (["new", "--title", "a\x1b[31mb"], "--title: control characters"),
    (["new", "--title", "x", "--district", "a\u0085b"], "--district: control characters"),
    (["new", "--title", "x", "--body", "b" * 10_000], "--body: at most 500 characters"),
    (["meetings", "--from", "0001-01-01"], "--from: 0001-01-01:"),
    (["report", "--to", "9999-01-01"], "--to: 9999-01-01:"),
    (["--db", "postgresql+psycopg://u:secret@127.0.0.1:abc/db", "meetings"], "the port must be a number from 1 to 65535"),
    (["--db", "postgresql+psycopg://u:secret@127.0.0.1:99999999/db", "meetings"], "the port must be a number"),
    (["sync", "--to", "postgresql+psycopg://u:secret@127.0.0.1:x/db"], "the port must be a number"),
])
def test_bad_input_is_one_line_and_exit_2(sqlite_path: str, cli: Cli, args: list[str], line: str) -> None:
    if args[0] != "--db":
        args = ["--db", sqlite_path, *args]
    result = cli(*args)
    assert result.code == 2, result.err
    assert result.err.count("\n") == 1 and line in result.err
    assert "internal error" not in result.err and "secret" not in result.err
    assert result.out == ""


def test_nothing_is_stored_and_the_database_stays_usable(sqlite_path: str, cli: Cli) -> None:
    cli("--db", sqlite_path, "new", "--title", "x", "--attendance", "woman=99999999999999999999")
    assert "No meetings." in cli("--db", sqlite_path, "meetings").out
    assert cli("--db", sqlite_path, "new", "--title", "y" * 500, "--attendance", "woman=999999").code == 0
    assert cli("--db", sqlite_path, "stats", "latest").code == 0


@pytest.mark.parametrize(("toml", "reason"), [
    ("categories = [" + ", ".join(f'"c{n}"' for n in range(33)) + "]", "at most 32"),
    ('categories = ["woman", "' + "k" * 33 + '"]', "at most 32"),
])
def test_config_limits(tmp_path: Path, cli: Cli, toml: str, reason: str) -> None:
    folder = tmp_path / "xdg-config" / "talarstat"
    folder.mkdir(parents=True)
    (folder / "config.toml").write_text(toml, encoding="utf-8")
    result = cli("--db", tmp_path / "t.db", "new", "--title", "x")
    assert result.code == 2 and reason in result.err and result.err.count("\n") == 1


@pytest.mark.parametrize("parse", [
    lambda field: values.date("2026-13-01", field),
    lambda field: values.date("1066-10-14", field),
    lambda field: values.clock("25:00", field),
    lambda field: values.count("many", field),
    lambda field: values.text("tab\there", field),
    lambda field: values.choices(" , ", field, ("a",)),
    lambda field: values.roles("pope", field),
    lambda field: values.turn_kinds("rant", field),
    lambda field: values.chart_formats("gif", field),
    lambda field: values.queue_order("loudest", field),
    lambda field: values.attendance("woman:9", field, ("woman", "man")),
    lambda field: values.attendance("youth=1", field, ("woman", "man")),
    lambda field: values.attendance("woman=-1", field, ("woman", "man")),
    lambda field: values.attendance("woman=2000000", field, ("woman", "man")),
    lambda field: values.time_limits("speech", field),
    lambda field: values.time_limits("rant=60", field),
    lambda field: values.time_limits("speech=0", field),
])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_bad_value_is_named_as_the_caller_names_its_field(parse: Callable[[str], object], language: str) -> None:
    """The domain knows no option names: the command line gives its option, a form its label."""
    tr = Translator(language)
    for field in ("--from", "Från"):
        with pytest.raises(BadInput) as refused:
            parse(field)
        message = tr(refused.value.key, **refused.value.params)
        assert message.startswith(f"{field}: "), message
        assert "--" not in message.removeprefix(field), message


@pytest.mark.parametrize("settings", [
    QueueSettings(order="random"), QueueSettings(limits={"speech": 0}), QueueSettings(limits={"rant": 60}),
])
def test_speaker_list_settings_are_refused_without_naming_an_option(settings: QueueSettings) -> None:
    """The settings dialog and a meeting file reach this check too: no `--order` or `--limit` there."""
    with pytest.raises(BadInput) as refused:
        check_queue_settings(settings, ("woman", "man"))
    for language in ("sv", "en"):
        message = Translator(language)(refused.value.key, **refused.value.params)
        assert "--" not in message, message
