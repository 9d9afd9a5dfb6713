"""Counts in messages are written the language's way (12 345 in Swedish, 12,345 in English), as the
figures are: a catalogue marks a count `{count:n}` and the translator writes the whole number given
for it; plurals still choose their form by the integer. Data (JSON, CSV, meeting files) is unchanged."""

from __future__ import annotations

import dataclasses
import json
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from rich.progress import MofNCompleteColumn, Task, TaskID
from support import BOARD, LONG_TURNS, Cli, long_meeting

from talarstat.cli.output import counted_column
from talarstat.i18n import _PLAIN_BELOW_1000, LOCALE_DIR, Translator
from talarstat.i18n.tooling import po_path, read_catalogue, texts

NBSP = "\u00a0"
BIG = {"sv": f"12{NBSP}345", "en": "12,345"}  # 12345 as each language writes it
LONG = {"sv": f"1{NBSP}234", "en": "1,234"}


def counted_placeholders(language: str) -> dict[str, tuple[tuple[str, ...], set[str]]]:
    """Every message with a `{name:n}` placeholder: its texts and the names marked as counts."""
    found = {}
    for message in read_catalogue(po_path(language)):
        if not message.id:
            continue
        forms = texts(message)
        marked = {name for text in forms for _, name, spec, _ in string.Formatter().parse(text) if name and spec == "n"}
        if marked:
            key = str(message.id[0] if isinstance(message.id, (list, tuple)) else message.id)
            found[key] = (forms, marked)
    return found


ENGLISH_COUNTS = counted_placeholders("en")


@pytest.mark.parametrize("language", sorted(_PLAIN_BELOW_1000))
def test_small_whole_numbers_are_babels_without_babel(language: str) -> None:
    """0–999 are written without loading Babel: the same text as Babel's for each of them."""
    tr = Translator(language)
    assert [tr.integer(n) for n in range(1000)] == [format_decimal(n, locale=language) for n in range(1000)]


@pytest.mark.parametrize(("language", "written"), [
    ("sv", ["0", "7", "999", f"1{NBSP}000", f"12{NBSP}345", f"1{NBSP}234{NBSP}567"]),
    ("en", ["0", "7", "999", "1,000", "12,345", "1,234,567"]),
])
def test_whole_numbers_the_languages_way(language: str, written: list[str]) -> None:
    tr = Translator(language)
    assert [tr.integer(n) for n in (0, 7, 999, 1000, 12345, 1234567)] == written
    assert [tr.integer(n) for n in (1000, 12345)] == [tr.number(1000), tr.number(12345)]  # one writer of numbers


def test_a_small_count_loads_no_babel() -> None:
    code = ("import sys; from talarstat.i18n import Translator; tr = Translator('sv');"
            "tr.plural('term.meetings', 999); tr('tui.queue.title', count=12); tr.integer(999);"
            "print('babel' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


@pytest.mark.parametrize(("language", "counts"), [
    ("sv", ["0 möten", "1 möte", "2 möten", "999 möten", f"1{NBSP}000 möten", f"12{NBSP}345 möten", f"1{NBSP}001 möten"]),
    ("en", ["0 meetings", "1 meeting", "2 meetings", "999 meetings", "1,000 meetings", "12,345 meetings", "1,001 meetings"]),
])
def test_plurals_choose_by_the_integer_and_write_it_the_languages_way(language: str, counts: list[str]) -> None:
    tr = Translator(language)
    assert [tr.plural("term.meetings", n) for n in (0, 1, 2, 999, 1000, 12345, 1001)] == counts


@pytest.mark.parametrize("language", [path.parent.parent.name for path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/talarstat.po"))])
def test_every_language_marks_the_same_counts(language: str) -> None:
    """A count marked `{name:n}` in English is marked in every language (else it would show as 12345)."""
    assert {key: marked for key, (_, marked) in counted_placeholders(language).items()} == \
        {key: marked for key, (_, marked) in ENGLISH_COUNTS.items()}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("key", sorted(ENGLISH_COUNTS))
def test_each_counted_message_writes_small_and_large_counts(key: str, language: str) -> None:
    """Each message with a count, given 7 and 12345 for its counts: 7, and 12 345 / 12,345."""
    tr = Translator(language)
    forms, marked = ENGLISH_COUNTS[key]
    names = {name for text in forms for _, name, _, _ in string.Formatter().parse(text) if name}
    others = dict.fromkeys(names - marked, "‹x›")
    for count in (7, 12345):
        counts = dict.fromkeys(marked, count)
        plural = len(forms) > 1  # the count chooses the form
        text = tr.plural(key, counts.pop("count", count), **counts, **others) if plural else tr(key, **counts, **others)
        assert (BIG[language] if count == 12345 else "7") in text, text
        assert "12345" not in text and "{" not in text, text


def test_text_already_written_passes_through_a_count() -> None:
    """A message given text for a count (a figure written already) shows it as it is."""
    assert Translator("en")("tui.queue.title", count="–") == "Speaker list (–)"


def test_an_error_with_limits_writes_them_the_languages_way() -> None:
    sv, en = Translator("sv"), Translator("en")
    assert en("error.text_too_long", field="title", most=500, length=12345) == "title: at most 500 characters (12,345 given)"
    assert sv("error.text_too_long", field="titel", most=500, length=12345).endswith(f"(12{NBSP}345 angivna)")
    assert en("file.too_many", most=10000) == "has too many entries (at most 10,000)"
    assert sv("file.too_many", most=10000).endswith(f"10{NBSP}000)")


# The command line, with a meeting of 1,234 turns beside the board meeting's 45.

@pytest.fixture
def two_meetings(tmp_path: Path, sqlite_path: str, cli: Cli) -> str:
    assert cli("--db", sqlite_path, "import", BOARD, long_meeting(tmp_path)).code == 0
    return sqlite_path


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_meetings_listing_writes_the_turns_the_languages_way(two_meetings: str, cli: Cli, language: str) -> None:
    result = cli("--db", two_meetings, "--lang", language, "meetings")
    assert result.code == 0, result.err
    rows = {line.split()[0]: line for line in result.out.splitlines() if line[:8] in ("cb33c310", "0b0e7a3c")}
    assert f" {LONG[language]} " in rows["0b0e7a3c"] and " 45 " in rows["cb33c310"]
    assert result.out.splitlines()[-1] == {"sv": "2 möten", "en": "2 meetings"}[language]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_stats_per_item_writes_the_turns_the_languages_way(two_meetings: str, cli: Cli, language: str) -> None:
    result = cli("--db", two_meetings, "--lang", language, "stats", "0b0e")
    assert result.code == 0, result.err
    assert f": {LONG[language]} · " in result.out
    board = cli("--db", two_meetings, "--lang", language, "stats", "cb33")
    assert board.code == 0 and "1,234" not in board.out and f"1{NBSP}234" not in board.out


def test_the_data_outputs_keep_their_numbers(two_meetings: str, cli: Cli) -> None:
    """JSON and CSV stay machine-readable, whatever the language: 1234, never 1 234 or 1,234."""
    for language in ("sv", "en"):
        listed = json.loads(cli("--db", two_meetings, "--lang", language, "meetings", "--json").out)
        assert {meeting["title"]: meeting["turns"] for meeting in listed} == {"Long meeting": LONG_TURNS, "Distriktsstyrelsen, mars": 45}
        stats = json.loads(cli("--db", two_meetings, "--lang", language, "stats", "0b0e", "--json").out)
        assert stats["totals"]["turns"] == LONG_TURNS
        dumped = cli("--db", two_meetings, "--lang", language, "dump", "0b0e").out
        assert len(json.loads(dumped)["turns"]) == LONG_TURNS


def _task(completed: int, total: int | None) -> Task:
    return Task(TaskID(0), "", total, completed, _get_time=lambda: 0.0)


@pytest.mark.parametrize(("language", "shown"), [("sv", f" 1{NBSP}234/12{NBSP}345"), ("en", " 1,234/12,345")])
def test_the_progress_bar_counts_the_languages_way(language: str, shown: str) -> None:
    column = counted_column(Translator(language).integer)
    assert column.render(_task(1234, 12345)).plain == shown
    assert column.render(_task(7, 12)).plain == " 7/12"
    assert column.render(_task(3, None)).plain == "3/?"


def test_the_progress_column_is_riches_for_plain_digits() -> None:
    ours, riches = counted_column(str), MofNCompleteColumn()
    for completed, total in ((0, 5), (7, 12), (999, 1000), (3, None)):
        assert ours.render(_task(completed, total)) == riches.render(_task(completed, total))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_report_writes_meetings_per_district_the_languages_way(two_meetings: str, language: str) -> None:
    """`report --by-district`: `Västra Götaland (2): …`, and a district of 1,234 meetings as 1 234 / 1,234."""
    from talarstat.cli.commands.report import render
    from talarstat.domain.figures import TurnFilter
    from talarstat.store.database import Database
    from talarstat.store.meetings import MeetingQuery
    from talarstat.store.statistics import term_statistics

    database = Database.open(two_meetings)
    try:
        with database.transaction() as session:
            term = term_statistics(MeetingQuery().for_report(include_demo=False), turn_filter=TurnFilter(), now=0, session=session)
    finally:
        database.dispose()
    tr = Translator(language)
    assert "  Västra Götaland (2): " in render(term, TurnFilter(), tr, by_district=True)
    many = dataclasses.replace(term, districts={name: dataclasses.replace(group, meetings=1234) for name, group in term.districts.items()})
    assert f"  Västra Götaland ({LONG[language]}): " in render(many, TurnFilter(), tr, by_district=True)


@pytest.mark.parametrize(("language", "shown"), [
    ("sv", f"Begärde ordet: kvinna 7 (1\u00a0%) · man 1{NBSP}234 (99\u00a0%)"),
    ("en", "Asked for the floor: woman 7 (1%) · man 1,234 (99%)"),
])
def test_the_summary_writes_the_requests_per_category_the_languages_way(language: str, shown: str) -> None:
    from talarstat.domain.queue_figures import QueueCategoryFigures, QueueFigures, QueueTotals
    from talarstat.presentation.phrases import request_shares_line

    def asked(requests: int) -> QueueCategoryFigures:
        return QueueCategoryFigures(requests=requests, request_share=requests / 1241, request_ratio=None, granted=0, withdrawn=0,
                                    waiting=0, grant_rate=None, mean_wait_seconds=None, over_limit=None)

    queue = QueueFigures(totals=QueueTotals(requests=1241, granted=0, withdrawn=0, waiting=0),
                         categories={"woman": asked(7), "man": asked(1234)})
    assert request_shares_line(queue, Translator(language)) == shown


def test_the_csv_files_and_the_reports_json_are_the_same_in_every_language(two_meetings: str, tmp_path: Path, cli: Cli) -> None:
    """Data is not prose: an export's CSV files and `report --json` do not depend on the language
    (the turns, 1234 in all, are plain digits), only the words around them do."""
    written: dict[str, dict[str, bytes]] = {}
    for language in ("sv", "en"):
        folder = tmp_path / language
        exported = cli("--db", two_meetings, "--lang", language, "export", "0b0e", "--format", "svg", "-o", folder)
        assert exported.code == 0, exported.err
        assert exported.out.strip() == {"sv": f"9 filer skrivna till {folder}", "en": f"9 files written to {folder}"}[language]
        written[language] = {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}
        report = cli("--db", two_meetings, "--lang", language, "report", "--json")
        assert report.code == 0, report.err
        written[language]["report.json"] = report.out.encode()
    assert written["sv"] == written["en"] and set(written["en"]) == {"summary.csv", "turns.csv", "report.json"}
    assert written["en"]["turns.csv"].count(b"\n") == 1 + LONG_TURNS
    report = json.loads(written["en"]["report.json"])
    assert sorted(meeting["totals"]["turns"] for meeting in report["meetings"]) == [42, LONG_TURNS]  # the chair's 3 not counted
    assert b"1,234" not in b"".join(written["en"].values()) and "1\u00a0234".encode() not in b"".join(written["en"].values())
