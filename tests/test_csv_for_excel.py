"""CSV that Swedish Excel opens correctly (issue 12): UTF-8 with a byte order mark, the `excel-sv`
dialect (`;` and a decimal comma) on export and report, and no formula from a typed title."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from support import BOARD, EXAMPLES, Cli

from talarstat.domain.figures import TurnFilter, agenda_figures, meeting_figures
from talarstat.domain.meetingfile import parse_bytes
from talarstat.reports.tables import CSV_DIALECTS, summary_csv, text_cell, turns_csv

BOM = "\ufeff".encode()


@pytest.fixture
def with_examples(sqlite_path: str, cli: Cli) -> str:
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    return sqlite_path


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(BOM), f"{path.name} has no byte order mark"
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8")), delimiter=delimiter))


def test_export_csv_has_a_bom_and_the_swedish_excel_dialect(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    plain, swedish = tmp_path / "plain", tmp_path / "sv"
    assert cli("--db", with_examples, "export", "cb33", "-o", plain, "--format", "png").code == 0
    result = cli("--db", with_examples, "export", "cb33", "-o", swedish, "--format", "png", "--csv-dialect", "excel-sv")
    assert result.code == 0, result.err
    assert not (plain / "meeting.json").read_bytes().startswith(BOM)  # JSON stays plain UTF-8
    standard = {row["category"]: row for row in _rows(plain / "summary.csv") if row["scope"] == "meeting"}
    excel = {row["category"]: row for row in _rows(swedish / "summary.csv", ";") if row["scope"] == "meeting"}
    stats = json.loads(cli("--db", with_examples, "stats", "cb33", "--json").out)["categories"]
    woman = excel["woman"]
    assert "," in woman["time_share"] and "." not in woman["time_share"]
    assert float(woman["time_share"].replace(",", ".")) == stats["woman"]["time_share"]
    assert float(standard["woman"]["time_share"]) == stats["woman"]["time_share"]
    assert excel["nonbinary"]["turns"] == "<3"
    turns = _rows(swedish / "turns.csv", ";")
    assert turns and "," in turns[0]["seconds"] and "Distriktsstyrelsen" not in turns[0]["seconds"]
    assert (swedish / "turns.csv").read_bytes()[len(BOM):].split(b"\n")[0].count(b";") == 8


def test_report_csv_in_the_swedish_excel_dialect(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "term"
    result = cli("--db", with_examples, "report", "-o", out, "--csv-dialect", "excel-sv")
    assert result.code == 0, result.err
    meetings = _rows(out / "meetings.csv", ";")
    board = next(row for row in meetings if row["id"].startswith("cb33") and row["category"] == "man")
    assert board["title"] == "Distriktsstyrelsen, mars"  # the comma in the title stays inside its cell
    assert "," in board["time_ratio"] and "," in board["overrun_minutes"]
    assert board["overrun_minutes"].startswith("-")  # a negative number stays a number
    assert _rows(out / "groups.csv", ";")[0]["scope"] == "pooled"


def test_bad_csv_dialect_is_refused(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    refused = cli("--db", with_examples, "report", "-o", tmp_path / "x", "--csv-dialect", "excel-fi")
    assert (refused.code, refused.err.strip()) == (2, "talarstat: --csv-dialect: excel-fi is not one of standard, excel-sv")


def test_a_tab_at_the_start_of_a_cell_is_not_a_formula_either() -> None:
    assert text_cell("\tHYPERLINK(1)") == "'\tHYPERLINK(1)"  # no meeting file holds a tab: tested alone


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_typed_text_never_becomes_a_formula(start: str) -> None:
    assert text_cell(f"{start}HYPERLINK(\"http://x\")") == f"'{start}HYPERLINK(\"http://x\")"
    assert text_cell("Budget 2027") == "Budget 2027"
    document = json.loads(BOARD.read_text(encoding="utf-8"))
    document["agenda"][0]["title"] = f"{start}cmd|' /C calc'!A0"
    meeting = parse_bytes(json.dumps(document).encode())
    figures = meeting_figures(meeting, turn_filter=TurnFilter(), now=0)
    per_item = agenda_figures(meeting, turn_filter=TurnFilter(), now=0)
    agenda = [(item, per_item[item.id]) for item in meeting.agenda]
    for dialect in CSV_DIALECTS.values():
        summary = summary_csv(figures, agenda, suppressed=frozenset(), dialect=dialect)
        rows = list(csv.reader(io.StringIO(summary.lstrip("\ufeff")), delimiter=dialect.separator))
        assert rows[5][3] == f"'{start}cmd|' /C calc'!A0"
        turns = list(csv.reader(io.StringIO(turns_csv(meeting, now=0, suppressed=frozenset(), dialect=dialect).lstrip("\ufeff")),
                                delimiter=dialect.separator))
        assert all(not cell.startswith(("=", "+", "@", "\t")) for row in turns for cell in row)


def test_report_csv_defuses_titles_districts_and_bodies(sqlite_path: str, cli: Cli, tmp_path: Path) -> None:
    document = json.loads(BOARD.read_text(encoding="utf-8"))
    document.update(title="=1+1", district="@SUM(A1)", body="+Styrelsen")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(document), encoding="utf-8")
    assert cli("--db", sqlite_path, "import", hostile).code == 0
    out = tmp_path / "term"
    assert cli("--db", sqlite_path, "report", "-o", out, "--by-district").code == 0
    row = _rows(out / "meetings.csv")[0]
    assert (row["title"], row["district"], row["body"]) == ("'=1+1", "'@SUM(A1)", "'+Styrelsen")
    names = {row["name"] for row in _rows(out / "groups.csv")}
    assert {"'@SUM(A1)", "'+Styrelsen"} <= names
