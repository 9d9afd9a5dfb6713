"""User text never reaches the terminal as escape sequences: a title, district or file name with ESC,
other C0/C1 controls or bidi overrides is printed with those characters shown as escapes."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from support import BOARD, Cli

from talarstat.domain.meeting import Turn
from talarstat.domain.planning import plan_meeting
from talarstat.presentation.display import visible, visible_json
from talarstat.store.database import Database
from talarstat.store.meetings import insert_meeting

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eevil\u2066\x7f"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x7f")


def _clean(text: str) -> bool:
    return not any(character in text for character in RAW)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


@pytest.mark.parametrize(("text", "shown"), [
    ("a\x1b[31mb", "a\\x1b[31mb"),
    ("tab\there", "tab\\x09here"),
    ("line\nbreak", "line\\x0abreak"),
    ("\u202eabc\u2069", "\\u202eabc\\u2069"),
    ("c1 \x9b and del \x7f", "c1 \\x9b and del \\x7f"),
    ("Västra Götaland — ok ✓", "Västra Götaland — ok ✓"),
])
def test_visible_shows_control_characters_as_escapes(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_keeps_newlines_when_asked_and_json_stays_json() -> None:
    assert visible("a\nb\x1b", keep_newlines=True) == "a\nb\\x1b"
    document = {"title": ESCAPES}
    text = visible_json(json.dumps(document, ensure_ascii=False))
    assert _clean(text) and json.loads(text) == document


@pytest.fixture
def hostile_db(sqlite_path: str) -> str:
    """A database holding a meeting whose title, district, body and agenda carry terminal escapes
    (as an older version, or another program, may have stored them)."""
    meeting = plan_meeting(title="x", now=1_790_000_000_000, day=dt.date(2026, 3, 1), agenda=("y",))
    meeting = replace(
        meeting, id=str(uuid.UUID(int=7, version=4)), title=f"T{ESCAPES}", district=f"D{ESCAPES}", body=f"B{ESCAPES}",
        agenda=(replace(meeting.agenda[0], title=f"I{ESCAPES}"),),
    )
    # A meeting that was held (reports leave out meetings without turns).
    start = 1_790_000_000_000
    turn = Turn(id=str(uuid.UUID(int=8, version=4)), category="woman", start=start, end=start + 60_000,
                agenda_item=meeting.agenda[0].id)
    meeting = replace(meeting, turns=(turn,), started_at=start, ended_at=start + 60_000)
    database = Database.open(sqlite_path)
    with database.transaction() as session:
        insert_meeting(meeting, session=session)
    database.dispose()
    return sqlite_path


@pytest.mark.parametrize("args", [
    ["meetings"], ["meetings", "--json"], ["stats", "latest"], ["stats", "latest", "--json"],
    ["report"], ["report", "--json"], ["report", "--by-district"], ["dump", "latest"],
])
def test_every_printer_shows_escapes_visibly(hostile_db: str, cli: Cli, args: list[str]) -> None:
    result = cli("--db", hostile_db, *args)
    assert result.code == 0, result.err
    assert _clean(result.out) and _clean(result.err)
    if "--json" in args or args[0] == "dump":
        assert f"T{ESCAPES}" in _strings(json.loads(result.out))  # the same data, only escaped
    else:
        assert "T\\x1b]0;pwned\\x07" in result.out


def test_dump_of_a_hostile_meeting_is_still_the_same_json(hostile_db: str, cli: Cli) -> None:
    document = json.loads(cli("--db", hostile_db, "dump", "latest").out)
    assert document["title"] == f"T{ESCAPES}"


def test_import_and_errors_show_file_names_and_input_visibly(tmp_path: Path, sqlite_path: str, cli: Cli) -> None:
    named = tmp_path / "board\x1b[2J.json"
    named.write_bytes(BOARD.read_bytes())
    imported = cli("--db", sqlite_path, "import", named)
    assert imported.code == 0 and _clean(imported.out) and "board\\x1b[2J.json" in imported.out
    missing = cli("--db", sqlite_path, "import", tmp_path / "gone\x9b.json")
    assert missing.code == 2 and _clean(missing.err) and "gone\\x9b.json" in missing.err
    unknown = cli("--db", sqlite_path, "stats", "\x1b[31mred")
    assert unknown.code == 2 and _clean(unknown.err) and "\\x1b[31mred" in unknown.err
    usage = cli("--db", sqlite_path, "meetings", "--\u202eoops")
    assert usage.code == 2 and _clean(usage.err)
