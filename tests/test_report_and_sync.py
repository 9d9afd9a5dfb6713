"""`report` (pooled, per district, filters, files) and `sync`, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from support import EXAMPLES, Cli

NORTH = "11111111-1111-4111-8111-111111111111"
SOUTH = "22222222-2222-4222-8222-222222222222"


def meeting_file(tmp_path: Path, ident: str, *, district: str, kind: str, date: str, notice: str, end: str,
                 counts: dict[str, int], turns: list[tuple[str, int, int]]) -> Path:
    """A meeting from 18:00 with constant attendance; turns as (category, start second, length seconds)."""
    def at(second: int) -> str:
        return f"{date}T{18 + second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.000+01:00"

    document = {
        "format": "talarstat.meeting", "version": 1, "id": ident, "title": f"Möte {district}", "district": district,
        "body": "Distriktsstyrelsen" if kind == "board" else "Årsmötet", "kind": kind, "date": date,
        "planned_start": at(0), "planned_end": f"{date}T19:00:00.000+01:00", "notice_sent": notice,
        "started_at": at(0), "ended_at": f"{date}T{end}.000+01:00", "categories": ["woman", "man"],
        "attendance": [{"at": at(0), "counts": counts}],
        "turns": [
            {"id": f"{ident[:-4]}{index:04d}", "category": category, "start": at(start), "end": at(start + length)}
            for index, (category, start, length) in enumerate(turns)
        ],
    }
    path = tmp_path / f"{ident}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def two_districts(tmp_path: Path) -> list[Path]:
    north = meeting_file(tmp_path, NORTH, district="Norr", kind="board", date="2026-03-10", notice="2026-02-28",
                         end="18:50:00", counts={"woman": 4, "man": 4}, turns=[("woman", 0, 60), ("man", 60, 120)])
    south = meeting_file(tmp_path, SOUTH, district="Söder", kind="annual", date="2026-09-10", notice="2026-09-07",
                         end="19:10:00", counts={"woman": 3, "man": 9}, turns=[("woman", 0, 30), ("man", 30, 90)])
    return [north, south]


def report(cli: Cli, db: str, *args: str) -> dict[str, Any]:
    result = cli("--db", db, "report", "--json", *args)
    assert result.code == 0, result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


def test_pooled_and_district_figures_equal_hand_computed_values(db_url: str, two_districts: list[Path], cli: Cli) -> None:
    assert cli("--db", db_url, "import", *two_districts).code == 0
    document = report(cli, db_url, "--by-district")
    assert [meeting["id"] for meeting in document["meetings"]] == [NORTH, SOUTH]
    pooled = document["pooled"]
    assert pooled["meetings"] == 2 and pooled["totals"] == {"turns": 4, "seconds": 300.0}
    woman, man = pooled["categories"]["woman"], pooled["categories"]["man"]
    # Pooled attendance share: Σ T_m·p_m / Σ T_m = (180·0.5 + 120·0.25) / 300 = 0.4 for women.
    assert woman["seconds"] == 90.0 and woman["time_share"] == pytest.approx(0.3)
    assert woman["attendance_share"] == pytest.approx(0.4) and man["attendance_share"] == pytest.approx(0.6)
    assert woman["time_ratio"] == pytest.approx(0.75) and man["time_ratio"] == pytest.approx(0.7 / 0.6)
    assert woman["attendance"] == pytest.approx((180 * 4 + 120 * 3) / 300)
    assert pooled["ended_on_time_share"] == 0.5  # north ended 10 min early, south 10 min late
    assert pooled["notice_in_time_share"] == 0.5  # 10 days' notice in the north, 3 in the south
    north = document["districts"]["Norr"]
    assert north["meetings"] == 1 and north["categories"]["woman"]["time_share"] == pytest.approx(60 / 180)
    assert document["districts"]["Söder"]["categories"]["man"]["attendance_share"] == pytest.approx(0.75)
    assert document["meetings"][1]["hygiene"] == {"overrun_minutes": 10.0, "notice_lead_days": 3}
    assert document["filter"]["roles"] == ["member", "presenter", "guest"]


def test_report_filters(db_url: str, two_districts: list[Path], cli: Cli) -> None:
    assert cli("--db", db_url, "import", *two_districts).code == 0
    def ids(*args: str) -> list[str]:
        return [m["id"] for m in report(cli, db_url, *args)["meetings"]]

    assert ids("--district", "Norr") == [NORTH]
    assert ids("--kind", "annual") == [SOUTH]
    assert ids("--body", "Distriktsstyrelsen") == [NORTH]
    assert ids("--from", "2026-06-01") == [SOUTH]
    assert ids("--to", "2026-03-10") == [NORTH]
    assert ids("--from", "2027-01-01") == []
    empty = report(cli, db_url, "--district", "Nowhere")
    assert empty["pooled"]["meetings"] == 0 and empty["pooled"]["totals"] == {"turns": 0, "seconds": 0.0}
    assert report(cli, db_url, "--district", "Norr")["filter"]["district"] == "Norr"


def test_report_suppresses_small_categories_unless_asked(sqlite_path: str, tmp_path: Path, cli: Cli) -> None:
    few = meeting_file(tmp_path, NORTH, district="Norr", kind="board", date="2026-03-10", notice="2026-02-28",
                       end="18:50:00", counts={"woman": 2, "man": 6}, turns=[("woman", 0, 60), ("man", 60, 120)])
    assert cli("--db", sqlite_path, "import", few).code == 0
    hidden = report(cli, sqlite_path)
    assert hidden["meetings"][0]["categories"]["woman"]["time_share"] == "<3"
    assert hidden["pooled"]["categories"]["woman"]["turns"] == "<3"
    assert hidden["pooled"]["categories"]["man"]["turns"] == 1
    # The verdicts would give the women's figures away (per_capita_ratio × the men's time_ratio).
    assert (hidden["meetings"][0]["per_capita_ratio"], hidden["meetings"][0]["within_40_60"]) == ("<3", "<3")
    shown = report(cli, sqlite_path, "--no-suppress")
    assert shown["pooled"]["categories"]["woman"]["turns"] == 1
    assert shown["meetings"][0]["within_40_60"] is False
    assert shown["meetings"][0]["per_capita_ratio"] == pytest.approx(
        shown["meetings"][0]["categories"]["woman"]["time_ratio"] / shown["meetings"][0]["categories"]["man"]["time_ratio"])


def test_report_files(sqlite_path: str, two_districts: list[Path], cli: Cli, tmp_path: Path) -> None:
    assert cli("--db", sqlite_path, "import", *two_districts, *EXAMPLES).code == 0
    out = tmp_path / "term"
    result = cli("--db", sqlite_path, "report", "-o", out, "--by-district", "--lang", "sv")
    assert result.code == 0, result.err
    names = {path.name for path in out.iterdir()}
    charts = ["1-ratio-over-time", "2-attendance-vs-time", "3-by-kind", "4-by-body", "5-districts", "6-hygiene"]
    assert names == {f"{c}.{f}" for c in charts for f in ("png", "svg")} | {"report.pdf", "meetings.csv", "groups.csv"}
    assert result.out.strip() == f"15 filer skrivna till {out}"
    pdf = (out / "report.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1 + len(charts)
    rows = list(csv.DictReader(io.StringIO((out / "meetings.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 * 2 + 2 * 4  # two meetings of two categories, the examples of four
    north = {row["category"]: row for row in rows if row["id"] == NORTH}
    assert float(north["woman"]["seconds"]) == 60.0 and north["woman"]["notice_lead_days"] == "10"
    groups = list(csv.DictReader(io.StringIO((out / "groups.csv").read_text(encoding="utf-8-sig"))))
    assert {row["scope"] for row in groups} == {"pooled", "district", "kind", "body"}
    again = tmp_path / "again"
    assert cli("--db", sqlite_path, "report", "-o", again, "--by-district", "--lang", "sv").code == 0
    for name in ("report.pdf", "1-ratio-over-time.svg", "meetings.csv"):
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--from", "2026-12-01", "--to", "2026-01-01"], 2, "talarstat: --from 2026-12-01 is after --to 2026-01-01"),
        (["--kind", "party"], 2, "talarstat: --kind: party is not one of board, annual, member, congress, council, committee, other"),
        (["--from", "1 March"], 2, "talarstat: --from: 1 March is not a date YYYY-MM-DD"),
        (["--district", "Nowhere", "-o", "{tmp}/x"], 1, "talarstat: no meetings match: nothing to draw"),
    ],
)
def test_bad_report_input(args: list[str], code: int, message: str, sqlite_path: str, cli: Cli, tmp_path: Path) -> None:
    result = cli("--db", sqlite_path, "report", *[arg.replace("{tmp}", str(tmp_path)) for arg in args])
    assert (result.code, result.err.strip()) == (code, message)


def test_report_table(sqlite_path: str, two_districts: list[Path], cli: Cli) -> None:
    assert cli("--db", sqlite_path, "import", *two_districts).code == 0
    text = cli("--db", sqlite_path, "report", "--by-district").out
    assert "2 meetings pooled" in text and "Ended on time: 50% of meetings; notice in time: 50%" in text
    assert "  Norr (1): women's share of time 33%" in text


def test_sync_copies_once_then_changes_nothing(sqlite_path: str, db_url: str, two_districts: list[Path], cli: Cli, tmp_path: Path) -> None:
    laptop = str(tmp_path / "laptop.db")
    assert cli("--db", laptop, "import", *two_districts, *EXAMPLES).code == 0
    assert cli("--db", laptop, "new", "--title", "Not yet held").code == 0
    first = cli("--db", laptop, "sync", "--to", db_url)
    assert (first.code, first.out.strip()) == (
        0, "4 added, 0 unchanged, 0 conflicting, 0 replaced (1 meetings not yet ended were not copied)")
    second = cli("--db", laptop, "sync", "--to", db_url)
    assert (second.code, second.out.strip()) == (
        0, "0 added, 4 unchanged, 0 conflicting, 0 replaced (1 meetings not yet ended were not copied)")
    assert report(cli, db_url)["pooled"]["meetings"] == 4
    assert cli("--db", db_url, "dump", NORTH).out == cli("--db", laptop, "dump", NORTH).out


def test_sync_reports_a_conflict_and_replaces_when_asked(db_url: str, two_districts: list[Path], cli: Cli, tmp_path: Path) -> None:
    laptop = str(tmp_path / "laptop.db")
    assert cli("--db", laptop, "import", two_districts[0]).code == 0
    changed = json.loads(two_districts[0].read_text(encoding="utf-8"))
    changed["title"] = "Möte Norr (ändrat)"
    other = tmp_path / "changed.json"
    other.write_text(json.dumps(changed), encoding="utf-8")
    assert cli("--db", db_url, "import", other).code == 0
    conflict = cli("--db", laptop, "sync", "--to", db_url)
    assert conflict.code == 1
    assert conflict.out.strip() == "0 added, 0 unchanged, 1 conflicting, 0 replaced"
    assert conflict.err.startswith(f"talarstat: {NORTH} (Möte Norr) exists in ")
    assert json.loads(cli("--db", db_url, "dump", NORTH).out)["title"] == "Möte Norr (ändrat)"  # untouched
    replaced = cli("--db", laptop, "sync", "--to", db_url, "--replace")
    assert (replaced.code, replaced.out.strip()) == (0, "0 added, 0 unchanged, 0 conflicting, 1 replaced")
    assert json.loads(cli("--db", db_url, "dump", NORTH).out)["title"] == "Möte Norr"


def test_sync_to_itself_is_refused(sqlite_path: str, cli: Cli) -> None:
    result = cli("--db", sqlite_path, "sync", "--to", sqlite_path)
    assert (result.code, result.err.strip()) == (2, "talarstat: --to is the same database as --db")
