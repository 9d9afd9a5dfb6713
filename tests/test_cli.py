"""The command line as a user meets it: output, exit codes, one-line errors, both languages."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support import ANNUAL, BOARD, EXAMPLES, Cli

from talarstat.store.migrate import SCHEMA_HEAD


@pytest.fixture
def with_examples(sqlite_path: str, cli: Cli) -> str:
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    return sqlite_path


def test_import_says_what_it_did_and_repeating_changes_nothing(sqlite_path: str, cli: Cli) -> None:
    first = cli("--db", sqlite_path, "import", BOARD)
    assert first.code == 0 and "imported cb33c310-55f1-4cea-ba91-10d072edba50" in first.out
    again = cli("--db", sqlite_path, "import", BOARD)
    assert again.code == 0 and "same content; nothing changed" in again.out


def test_import_conflict_and_replace(tmp_path: Path, with_examples: str, cli: Cli) -> None:
    changed = tmp_path / "changed.json"
    changed.write_bytes(BOARD.read_bytes().replace(b'"Distriktsstyrelsen, mars"', b'"Styrelsen i mars"'))
    refused = cli("--db", with_examples, "import", changed)
    assert refused.code == 2
    assert refused.err.strip() == (
        f"talarstat: {changed}: meeting cb33c310-55f1-4cea-ba91-10d072edba50 already exists with other content; "
        "use --replace to replace it"
    )
    assert cli("--db", with_examples, "import", "--replace", changed).code == 0
    assert json.loads(cli("--db", with_examples, "dump", "cb33").out)["title"] == "Styrelsen i mars"


def test_dump_gives_back_the_file(with_examples: str, cli: Cli) -> None:
    for path in EXAMPLES:
        meeting_id = json.loads(path.read_text(encoding="utf-8"))["id"]
        dumped = cli("--db", with_examples, "dump", meeting_id)
        assert dumped.code == 0
        assert json.loads(dumped.out) == json.loads(path.read_text(encoding="utf-8"))


def test_stats_json_has_the_keys_of_metrics_md(with_examples: str, cli: Cli) -> None:
    result = cli("--db", with_examples, "stats", "cb33", "--json")
    assert result.code == 0
    document = json.loads(result.out)
    assert list(document) == ["meeting", "filter", "totals", "categories", "per_capita_ratio", "within_40_60", "agenda", "hygiene", "queue"]
    assert list(document["meeting"]) == ["id", "title", "district", "body", "kind", "date", "started_at", "ended_at", "planned_end", "notice_sent"]
    assert document["filter"] == {"roles": ["member", "presenter", "guest"],
                                  "kinds": ["speech", "reply", "point_of_order", "information", "presentation"]}
    assert list(document["categories"]) == ["woman", "man", "nonbinary", "unknown"]
    assert list(document["categories"]["woman"]) == [
        "turns", "seconds", "turn_share", "time_share", "attendance", "attendance_share", "time_ratio",
        "turn_ratio", "gap_pp", "mean_turn_seconds", "speakers", "participation_rate"]
    assert list(document["agenda"][0]) == ["id", "position", "title", "totals", "categories"]
    assert list(document["hygiene"]) == ["overrun_minutes", "notice_lead_days"]


def _hand_figures(path: Path, include_chair: bool = False) -> dict[str, dict[str, float]]:
    """docs/figures.md straight from the raw file, independent of talarstat's code."""
    from datetime import datetime

    doc = json.loads(path.read_text(encoding="utf-8"))
    def when(text: str) -> float:
        return datetime.fromisoformat(text).timestamp()

    records = sorted(((when(r["at"]), r["counts"]) for r in doc["attendance"]), key=lambda r: r[0])
    turns = [t for t in doc["turns"] if include_chair or t["role"] != "chair"]
    total = sum(when(t["end"]) - when(t["start"]) for t in turns)
    out = {}
    for category in doc["categories"]:
        mine = [t for t in turns if t["category"] == category]
        seconds = sum(when(t["end"]) - when(t["start"]) for t in mine)
        presence = 0.0
        for t in turns:
            counts = ([c for at, c in records if at <= when(t["start"])] or [records[0][1]])[-1]
            presence += (when(t["end"]) - when(t["start"])) * counts.get(category, 0) / sum(counts.values())
        out[category] = {"turns": len(mine), "seconds": seconds, "time_share": seconds / total,
                         "attendance_share": presence / total}
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("include_chair", [False, True])
def test_stats_json_equals_figures_computed_by_hand(path: Path, include_chair: bool, with_examples: str, cli: Cli) -> None:
    meeting_id = json.loads(path.read_text(encoding="utf-8"))["id"]
    args = ["--db", with_examples, "stats", meeting_id, "--json"] + (["--include-chair"] if include_chair else [])
    document = json.loads(cli(*args).out)
    for category, expected in _hand_figures(path, include_chair).items():
        got = document["categories"][category]
        assert got["turns"] == expected["turns"]
        assert got["seconds"] == pytest.approx(expected["seconds"], abs=1e-6)
        assert got["time_share"] == pytest.approx(expected["time_share"])
        assert got["attendance_share"] == pytest.approx(expected["attendance_share"])
        if got["attendance_share"]:
            assert got["time_ratio"] == pytest.approx(expected["time_share"] / expected["attendance_share"])


def test_stats_pinned_values_of_the_board_meeting(with_examples: str, cli: Cli) -> None:
    document = json.loads(cli("--db", with_examples, "stats", "cb33", "--json").out)
    # 45 turns, 3 of them the chair's; hygiene: ended 19:40:02.657 against 21:00 planned, notice 8 days.
    assert document["totals"] == {"turns": 42, "seconds": 5180.113}
    assert document["categories"]["woman"]["turns"] == 13 and document["categories"]["woman"]["seconds"] == 1692.596
    assert document["categories"]["unknown"]["turns"] == 0 and document["categories"]["unknown"]["time_ratio"] is None
    assert document["hygiene"] == {"overrun_minutes": pytest.approx(-(79 * 60 + 57.343) / 60), "notice_lead_days": 8}
    assert document["within_40_60"] is False
    assert document["categories"]["woman"]["speakers"] is None


def test_stats_speakers_with_tokens(with_examples: str, cli: Cli) -> None:
    document = json.loads(cli("--db", with_examples, "stats", "bdaa", "--json").out)
    turns = json.loads(ANNUAL.read_text(encoding="utf-8"))["turns"]
    women = {t["speaker"] for t in turns if t["category"] == "woman" and t["role"] != "chair"}
    assert document["categories"]["woman"]["speakers"] == len(women)


def test_stats_filters(with_examples: str, cli: Cli) -> None:
    replies = json.loads(cli("--db", with_examples, "stats", "cb33", "--json", "--kinds", "reply").out)
    assert replies["filter"]["kinds"] == ["reply"] and replies["totals"]["turns"] == 13
    chair = json.loads(cli("--db", with_examples, "stats", "cb33", "--json", "--roles", "chair").out)
    assert chair["filter"]["roles"] == ["chair"] and chair["totals"]["turns"] == 3


def test_stats_table_in_swedish(with_examples: str, cli: Cli) -> None:
    result = cli("--lang", "sv", "--db", with_examples, "stats", "cb33")
    assert result.code == 0
    assert "kvinna" in result.out and "andel tid" in result.out and "Räknas: roller ledamot" in result.out
    assert "0,52" in result.out  # decimal comma


def test_new_prints_an_id_and_lists_it(sqlite_path: str, cli: Cli) -> None:
    created = cli("--db", sqlite_path, "new", "--title", "Styrelsemöte", "--district", "Skåne", "--kind", "board",
                  "--date", "2026-11-30", "--planned-start", "18:00", "--planned-end", "21:00",
                  "--notice-sent", "2026-11-20", "--attendance", "woman=9,man=7")
    assert created.code == 0
    meeting_id = created.out.strip()
    assert len(meeting_id) == 36
    dumped = json.loads(cli("--db", sqlite_path, "dump", meeting_id).out)
    assert dumped["attendance"][0]["counts"] == {"woman": 9, "man": 7, "nonbinary": 0, "unknown": 0}
    assert dumped["planned_start"].startswith("2026-11-30T18:00:00.000")
    listed = json.loads(cli("--db", sqlite_path, "meetings", "--json").out)
    assert [m["id"] for m in listed] == [meeting_id] and listed[0]["open"] is False
    assert "Styrelsemöte" in cli("--db", sqlite_path, "meetings").out


def test_meetings_filters(with_examples: str, cli: Cli) -> None:
    def ids(*args: str) -> list[str]:
        return [m["id"][:8] for m in json.loads(cli("--db", with_examples, "meetings", "--json", *args).out)]

    assert ids() == ["bdaaff7f", "cb33c310"]
    assert ids("--district", "Västra Götaland") == ["cb33c310"]
    assert ids("--from", "2026-04-01") == ["bdaaff7f"]
    assert ids("--to", "2026-04-01") == ["cb33c310"]


def test_purge(with_examples: str, cli: Cli) -> None:
    result = cli("--db", with_examples, "purge", "bdaa")
    assert result.code == 0 and "Removed 120 speaker tokens" in result.out
    assert all(t["speaker"] is None for t in json.loads(cli("--db", with_examples, "dump", "bdaa").out)["turns"])


def test_demo_is_marked_and_idempotent(sqlite_path: str, cli: Cli) -> None:
    first = cli("--db", sqlite_path, "demo")
    assert first.code == 0 and "Added 63 of 63 demo meetings" in first.out
    assert "Added 0 of 63" in cli("--db", sqlite_path, "demo").out
    listed = json.loads(cli("--db", sqlite_path, "meetings", "--json").out)
    assert len(listed) == 63 and all(m["demo"] for m in listed)
    assert {m["district"] for m in listed} == {"Västra Götaland", "Stockholm", "Skåne"}
    assert {m["kind"] for m in listed} >= {"board", "annual", "member", "council", "committee"}
    assert cli("--db", sqlite_path, "db", "check").code == 0


def test_db_path_upgrade_check(sqlite_path: str, cli: Cli) -> None:
    assert cli("--db", sqlite_path, "db", "path").out.strip() == sqlite_path
    assert SCHEMA_HEAD in cli("--db", sqlite_path, "db", "upgrade").out
    checked = cli("--db", sqlite_path, "db", "check")
    assert checked.code == 0 and "no problems found" in checked.out


def test_db_check_finds_a_broken_meeting(with_examples: str, cli: Cli) -> None:
    import sqlite3

    with sqlite3.connect(with_examples) as connection:  # damage behind talarstat's back
        connection.execute("UPDATE turn SET \"end\" = start - 1000 WHERE id = (SELECT id FROM turn LIMIT 1)")
    result = cli("--db", with_examples, "db", "check")
    assert result.code == 1
    assert "meeting " in result.err and "must be after start" in result.err


def test_default_database_lives_in_the_user_data_dir_owner_only(tmp_path: Path, cli: Cli) -> None:
    assert cli("import", BOARD).code == 0
    path = Path(cli("db", "path").out.strip())
    assert path.is_relative_to(tmp_path / "xdg-data")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_environment_chooses_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("TALARSTAT_DB", str(tmp_path / "env.db"))
    assert cli("db", "path").out.strip() == str(tmp_path / "env.db")


BAD_USAGE = {
    "unknown meeting": (["stats", "ffffffff"], "talarstat: no meeting ffffffff"),
    "bad reference": (["dump", "not-a-meeting"], "talarstat: not-a-meeting is neither a UUID, the start of one, nor latest"),
    "latest of nothing": (["stats", "latest"], "talarstat: there are no meetings yet"),
    "bad kind filter": (["stats", "latest", "--kinds", "rant"],
                        "talarstat: --kinds: rant is not one of speech, reply, point_of_order, information, presentation"),
    "bad role filter": (["stats", "latest", "--roles", "king"], "talarstat: --roles: king is not one of member, chair, presenter, guest"),
    "bad meeting kind": (["new", "--title", "x", "--kind", "party"],
                         "talarstat: --kind: party is not one of board, annual, member, congress, council, committee, other"),
    "bad date": (["new", "--title", "x", "--date", "30/11"], "talarstat: --date: 30/11 is not a date YYYY-MM-DD"),
    "bad clock": (["new", "--title", "x", "--planned-start", "25:00"], "talarstat: --planned-start: 25:00 is not a time HH:MM"),
    "end before start": (["new", "--title", "x", "--planned-start", "20:00", "--planned-end", "18:00"],
                         "talarstat: the planned end must be after the planned start"),
    "bad attendance": (["new", "--title", "x", "--attendance", "woman:9"],
                       "talarstat: --attendance: woman:9 should read category=count, e.g. woman=9,man=7"),
    "negative attendance": (["new", "--title", "x", "--attendance", "woman=-1"],
                            "talarstat: --attendance: woman=-1: the count must be a whole number ≥ 0"),
    "empty title": (["new", "--title", "  "], "talarstat: the meeting needs a title"),
    "bad lang": (["--lang", "fi", "meetings"], "talarstat: --lang: fi is not one of sv, en"),
    "bad db url": (["--db", "nosuch://x", "meetings"], "talarstat: nosuch://x is not a usable database URL"),
}


@pytest.mark.parametrize("name", sorted(BAD_USAGE))
def test_bad_usage_is_one_line_and_exit_2(name: str, sqlite_path: str, cli: Cli) -> None:
    args, message = BAD_USAGE[name]
    if args[0] != "--db":
        args = ["--db", sqlite_path, *args]
    result = cli(*args)
    assert (result.code, result.err.strip()) == (2, message)
    assert result.out == ""


@pytest.mark.parametrize("args", [["frobnicate"], ["stats"], ["meetings", "--colour"], ["new"]])
def test_parse_errors_are_one_line_and_exit_2(args: list[str], sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and result.err.startswith("talarstat: bad usage: ")


def test_unreachable_database_fails_with_exit_1(cli: Cli) -> None:
    result = cli("--db", "postgresql+psycopg://nobody:x@127.0.0.1:9/none?connect_timeout=2", "meetings")
    assert result.code == 1
    assert result.err.startswith("talarstat: the database cannot be reached: ") and len(result.err.strip().splitlines()) == 1


def test_newer_database_is_refused(sqlite_path: str, cli: Cli) -> None:
    import sqlite3

    assert cli("--db", sqlite_path, "import", BOARD).code == 0
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    result = cli("--db", sqlite_path, "meetings")
    assert result.code == 1
    assert result.err.strip() == (
        "talarstat: the database is from a newer talarstat (schema 0099_from_the_future); upgrade talarstat to open it"
    )
    assert cli("--db", sqlite_path, "db", "path").code == 0  # still says where it is


def test_help_in_both_languages(cli: Cli) -> None:
    english = cli("--help")
    assert english.code == 0 and "Gender-split speaker statistics" in english.out
    swedish = cli("--lang", "sv", "--help")
    assert "Könsuppdelad talarstatistik" in swedish.out
    for command in ("new", "meetings", "stats", "dump", "import", "demo", "purge", "db"):
        assert command in english.out


def test_installed_command_and_module_run_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "x.db").touch()
    env = {**os.environ, "TALARSTAT_DB": str(tmp_path / "x.db"), "TALARSTAT_LANG": "en"}
    script = Path(sys.executable).parent / "talarstat"
    for command in ([str(script)], [sys.executable, "-m", "talarstat"]):
        result = subprocess.run([*command, "stats", "nothing"], capture_output=True, text=True, env=env, timeout=60)
        assert result.returncode == 2
        assert result.stderr == "talarstat: nothing is neither a UUID, the start of one, nor latest\n"


def test_command_line_does_not_import_matplotlib_or_textual(tmp_path: Path) -> None:
    code = ("import sys; from talarstat.cli.main import main; main(['--db', sys.argv[1], 'meetings']); "
            "print(sorted(m for m in ('matplotlib', 'textual') if m in sys.modules))")
    (tmp_path / "x.db").touch()
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.db")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip().endswith("[]"), result.stdout + result.stderr


@pytest.mark.parametrize("args", [
    ["export", "latest", "--lang", "xx"], ["report", "--lang=xx"], ["--lang", "sv", "meetings", "--lang", "de"],
    ["meetings", "--lang", "fi"],
])
def test_a_bad_lang_anywhere_on_the_line_is_refused(args: list[str], sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, *args)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "--lang:" in result.err and "is not one of sv, en" in result.err.replace("är inte en av", "is not one of")


def test_lang_after_any_command_is_obeyed(sqlite_path: str, cli: Cli) -> None:
    assert cli("--db", sqlite_path, "meetings", "--lang", "sv").out.strip() == "Inga möten."
    assert cli("--db", sqlite_path, "meetings", "--lang=en").out.strip() == "No meetings."


def test_an_unknown_language_in_the_environment_is_refused(sqlite_path: str, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.setenv("TALARSTAT_LANG", "de")
    refused = cli("--db", sqlite_path, "meetings")
    assert (refused.code, refused.err.strip()) == (2, "talarstat: TALARSTAT_LANG: de is not one of sv, en")
    assert cli("--db", sqlite_path, "--lang", "sv", "meetings").code == 0  # --lang wins over the environment
    monkeypatch.setenv("TALARSTAT_LANG", "SV")
    assert cli("--db", sqlite_path, "meetings").out.strip() == "Inga möten."
