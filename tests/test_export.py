"""`talarstat export`: the files, their agreement with `stats --json`, suppression, and re-export."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import ANNUAL, BOARD, EXAMPLES, Cli

from talarstat.cli.launch import command_of

CHART_STEMS = ("1-shares", "2-timeline", "3-cumulative", "4-agenda", "5-turn-lengths")


@pytest.fixture
def with_examples(sqlite_path: str, cli: Cli) -> str:
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    return sqlite_path


def meeting_id(path: Path) -> str:
    found: str = json.loads(path.read_text(encoding="utf-8"))["id"]
    return found


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_export_writes_every_chart_in_every_format_the_report_and_tables(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("--db", with_examples, "export", meeting_id(BOARD), "-o", out)
    assert result.code == 0, result.err
    expected = {f"{stem}.{fmt}" for stem in CHART_STEMS for fmt in ("png", "svg", "pdf")}
    expected |= {"report.pdf", "turns.csv", "summary.csv", "meeting.json"}
    assert {path.name for path in out.iterdir()} == expected
    assert result.out.strip() == f"{len(expected)} files written to {out}"
    assert (out / "1-shares.png").read_bytes().startswith(b"\x89PNG")
    assert (out / "meeting.json").read_text(encoding="utf-8") == cli("--db", with_examples, "dump", meeting_id(BOARD)).out


def test_asked_formats_only_and_the_default_folder(with_examples: str, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("--db", with_examples, "export", meeting_id(BOARD), "--format", "svg").code == 0
    folder = tmp_path / "2026-03-19-distriktsstyrelsen-mars"
    names = {path.name for path in folder.iterdir()}
    assert {f"{stem}.svg" for stem in CHART_STEMS} <= names
    assert not any(name.endswith(".png") for name in names) and "report.pdf" in names


def test_report_pdf_has_one_page(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    for example in EXAMPLES:
        out = tmp_path / example.stem
        assert cli("--db", with_examples, "export", meeting_id(example), "-o", out, "--format", "png").code == 0
        pdf = (out / "report.pdf").read_bytes()
        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_re_export_is_byte_identical(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    for attempt in ("first", "second"):
        assert cli("--db", with_examples, "export", meeting_id(ANNUAL), "-o", tmp_path / attempt).code == 0
    first = sorted((tmp_path / "first").iterdir())
    assert len(first) == 19
    for path in first:
        assert path.read_bytes() == (tmp_path / "second" / path.name).read_bytes(), path.name
    svg = (tmp_path / "first" / "1-shares.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert b"/CreationDate" not in (tmp_path / "first" / "report.pdf").read_bytes()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_tables_agree_with_stats_json(example: Path, with_examples: str, cli: Cli, tmp_path: Path) -> None:
    ident = meeting_id(example)
    stats = json.loads(cli("--db", with_examples, "stats", ident, "--json").out)
    assert cli("--db", with_examples, "export", ident, "-o", tmp_path, "--format", "png", "--no-suppress").code == 0

    summary = rows(tmp_path / "summary.csv")
    whole = {row["category"]: row for row in summary if row["scope"] == "meeting"}
    assert list(whole) == list(stats["categories"])
    for key, figures in stats["categories"].items():
        for name, value in figures.items():
            cell = whole[key][name]
            assert (cell == "" if value is None else float(cell) == value), (key, name)
    for item in stats["agenda"]:
        per_item = {row["category"]: row for row in summary if row["agenda_item"] == item["id"]}
        for key, figures in item["categories"].items():
            assert int(per_item[key]["turns"]) == figures["turns"]
            assert float(per_item[key]["seconds"]) == figures["seconds"]
            assert per_item[key]["agenda_title"] == item["title"]

    turns = rows(tmp_path / "turns.csv")
    document = json.loads(example.read_text(encoding="utf-8"))
    assert len(turns) == len(document["turns"])  # one row per stored turn, the chair's too
    counted = [row for row in turns if row["role"] in stats["filter"]["roles"]]
    assert len(counted) == stats["totals"]["turns"]
    for key, figures in stats["categories"].items():
        mine = [row for row in counted if row["category"] == key]
        assert len(mine) == figures["turns"]
        assert sum(round(float(row["seconds"]) * 1000) for row in mine) == round(figures["seconds"] * 1000)
    assert list(turns[0]) == ["start", "end", "seconds", "category", "kind", "role", "agenda_item", "agenda_position",
                              "agenda_title"]


def test_a_category_of_one_or_two_present_is_suppressed(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    ident = meeting_id(BOARD)  # non-binary: 3, then 1, then 2 present (about 1.9 on average)
    assert cli("--db", with_examples, "export", ident, "-o", tmp_path / "hidden", "--format", "png").code == 0
    summary = rows(tmp_path / "hidden" / "summary.csv")
    nonbinary = [row for row in summary if row["category"] == "nonbinary"]
    assert nonbinary and all(row["turns"] == "<3" and row["seconds"] == "<3" and row["time_share"] == "<3"
                             for row in nonbinary)
    woman = next(row for row in summary if row["category"] == "woman")
    assert woman["turns"] == "13"
    turns = rows(tmp_path / "hidden" / "turns.csv")
    assert "nonbinary" not in {row["category"] for row in turns} and "<3" in {row["category"] for row in turns}

    assert cli("--db", with_examples, "export", ident, "-o", tmp_path / "shown", "--format", "png", "--no-suppress").code == 0
    shown = rows(tmp_path / "shown" / "summary.csv")
    assert "<3" not in {cell for row in shown for cell in row.values()}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "gif"], 2, "talarstat: --format: gif is not one of png, svg, pdf"),
        (["--format", ","], 2, "talarstat: --format: the list is empty"),
        (["--kinds", "song"], 2, "talarstat: --kinds: song is not one of speech, reply, point_of_order, information, presentation"),
    ],
)
def test_bad_export_options(args: list[str], code: int, message: str, with_examples: str, cli: Cli, tmp_path: Path) -> None:
    result = cli("--db", with_examples, "export", meeting_id(BOARD), "-o", tmp_path / "out", *args)
    assert (result.code, result.err.strip()) == (code, message)
    assert not (tmp_path / "out").exists()


def test_unknown_meeting_and_unwritable_folder(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    result = cli("--db", with_examples, "export", "ffffffff")
    assert (result.code, result.err.strip()) == (2, "talarstat: no meeting ffffffff")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = cli("--db", with_examples, "export", meeting_id(BOARD), "-o", blocker)
    assert (result.code, result.err.strip()) == (1, f"talarstat: could not write {blocker}: File exists")


def test_export_in_swedish_after_the_command(with_examples: str, cli: Cli, tmp_path: Path) -> None:
    result = cli("--db", with_examples, "export", meeting_id(BOARD), "-o", tmp_path, "--format", "svg", "--lang", "sv")
    assert (result.code, result.out.strip()) == (0, f"9 filer skrivna till {tmp_path}")


def test_the_program_draws_in_a_process_forked_at_start_up(with_examples: str, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`talarstat export` as a program forks its drawing process before the command line loads
    (cli.launch): the same files as drawn in-process, and a drawing failure reported like any other."""
    program = [sys.executable, "-m", "talarstat", "--db", with_examples, "export", meeting_id(ANNUAL)]
    done = subprocess.run([*program, "-o", tmp_path / "program"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (0, "")
    assert cli("--db", with_examples, "export", meeting_id(ANNUAL), "-o", tmp_path / "in-process").code == 0
    drawn = sorted(path.name for path in (tmp_path / "program").iterdir())
    assert drawn == sorted(path.name for path in (tmp_path / "in-process").iterdir()) and len(drawn) == 19
    for name in drawn:
        assert (tmp_path / "program" / name).read_bytes() == (tmp_path / "in-process" / name).read_bytes(), name

    blocked = tmp_path / "blocked"
    (blocked / "2-timeline.svg").mkdir(parents=True)  # a folder where a chart is to be written
    done = subprocess.run([*program, "-o", blocked], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr.strip()) == (1, f"talarstat: could not write {blocked / '2-timeline.svg'}: Is a directory")
    assert not [path.name for path in blocked.iterdir() if path.name.endswith(".partial")]


def test_the_command_a_line_names() -> None:
    assert command_of(["--db", "x.db", "--lang=sv", "export", "latest", "--help-me"]) == "export"
    assert command_of(["--db=x.db", "report", "-o", "out"]) == "report"
    assert command_of(["export", "latest", "--help"]) is None  # help only: nothing to draw
    assert command_of(["--version"]) is None
    assert command_of(["--db", "x.db"]) is None
