"""Reports a board can print (issue 12), checked by what they draw: table headers that do not
collide, head counts and durations that read as such, plain words with a legend, every term-report
page A4, a legend clear of the subtitle, no line through unrelated meetings, calendar ticks, and
times on a short meeting's axis."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from support import BOARD, EXAMPLES, Cli
from test_report_and_sync import meeting_file

from talarstat.charts import meeting as meeting_charts
from talarstat.charts import term as term_charts
from talarstat.charts.meeting_page import header_lines, report_page
from talarstat.domain.figures import TurnFilter
from talarstat.domain.meetingfile import parse_bytes
from talarstat.domain.term import Term
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.reports import meeting_data, term_data
from talarstat.reports.meeting_data import meeting_figures_for_export
from talarstat.store.database import Database
from talarstat.store.meetings import MeetingQuery
from talarstat.store.statistics import term_statistics
from talarstat.store.transfer import store_meeting

EN, SV = Translator("en"), Translator("sv")
A4 = {(595.44, 841.68), (841.68, 595.44)}
SCOPE = term_data.Scope(filters={}, turn_filter=TurnFilter(), suppress=True)


def _drawn(figure: Figure) -> RendererAgg:
    """Lay the figure out and return the renderer that measures its text."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def _overlap(a: Bbox, b: Bbox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _page(tr: Translator) -> Figure:
    data = meeting_figures_for_export(parse_bytes(BOARD.read_bytes()), turn_filter=TurnFilter(), now=0)
    return report_page(meeting_data.report_page(data, tr))


@pytest.mark.parametrize("tr", [SV, EN], ids=["sv", "en"])
def test_report_table_cells_never_collide(tr: Translator) -> None:
    figure = _page(tr)
    renderer = _drawn(figure)
    table = figure.axes[1]
    rows: dict[float, list[Text]] = {}
    for text in table.texts:
        rows.setdefault(round(text.get_position()[1], 4), []).append(text)
    assert len(rows) == 6  # the header, four categories, the total
    for cells in rows.values():
        for a, b in itertools.combinations(cells, 2):
            # At least a few points apart, not merely not touching.
            apart = not _overlap(a.get_window_extent(renderer).padded(3), b.get_window_extent(renderer).padded(3))
            assert apart, (a.get_text(), b.get_text())


def test_report_page_prints_head_counts_and_durations_as_such_in_plain_words() -> None:
    page = meeting_data.report_page(
        meeting_figures_for_export(parse_bytes(BOARD.read_bytes()), turn_filter=TurnFilter(), now=0), SV)
    woman, man = page.table.rows[0], page.table.rows[1]
    assert woman[1:3] == ("13", "28 min 13 s") and man[2] == "53 min 29 s"
    assert page.table.rows[-1][2] == "1 h 26 min"
    cells = [cell for row in page.table.rows for cell in row]
    assert not [cell for cell in cells if re.fullmatch(r"\d+:\d\d(:\d\d)?", cell)], "durations read as clock times"
    assert not [cell for cell in cells if re.fullmatch(r"\d+,0", cell)], "whole head counts with a decimal"
    assert (display.headcount(14.0, SV), display.headcount(13.1, SV), display.headcount(None, SV)) == ("14", "13,1", "–")
    assert any(line.startswith("Mötets längd 1 h 40 min") for line in page.heading_lines)
    words = " ".join([*page.table.header, *page.heading_lines, *page.notes, *page.verdicts])
    assert "repr.kvot" not in words and not re.search(r"\bslag\b", words)
    assert page.table.header[-1] == "kvot"
    assert "Kvot = andel av taltiden delad med andel av de närvarande" in page.notes[0]
    drawn = " ".join(text.get_text() for text in _page(SV).findobj(Text))
    assert "Kvot = andel av taltiden" in drawn and "repr.kvot" not in drawn


def _term(tmp_path: Path) -> Term:
    """Nine meetings over a year in three districts, interleaved in time."""
    database = Database.open(str(tmp_path / "term.db"))
    try:
        with database.transaction() as session:
            for index in range(9):
                district = ("Skåne", "Stockholm", "Norrbotten")[index % 3]
                path = meeting_file(tmp_path, f"{index + 1:08x}-3333-4333-8333-333333330000", district=district,
                                    kind="board", date=f"2026-{index + 2:02d}-1{index % 3}", notice="2026-01-01",
                                    end="18:50:00", counts={"woman": 4 + index % 3, "man": 5},
                                    turns=[("woman", 0, 60 + 30 * (index % 3)), ("man", 150, 120)])
                store_meeting(parse_bytes(path.read_bytes()), session=session)
        with database.transaction() as session:
            return term_statistics(MeetingQuery().for_report(), turn_filter=TurnFilter(), now=0, session=session)
    finally:
        database.dispose()


def test_every_page_of_the_term_report_is_a4(sqlite_path: str, cli: Cli, tmp_path: Path) -> None:
    assert cli("--db", sqlite_path, "import", *EXAMPLES).code == 0
    out = tmp_path / "term"
    assert cli("--db", sqlite_path, "report", "-o", out, "--by-district").code == 0
    pdf = (out / "report.pdf").read_bytes()
    boxes = [tuple(float(n) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) == 7 and set(boxes) <= A4, boxes
    meeting_out = tmp_path / "meeting"
    assert cli("--db", sqlite_path, "export", "cb33", "-o", meeting_out, "--format", "png").code == 0
    box = re.findall(rb"/MediaBox\s*\[([^\]]*)\]", (meeting_out / "report.pdf").read_bytes())
    assert [tuple(float(n) for n in b.split()[2:]) for b in box] == [(595.44, 841.68)]


def test_hygiene_legend_leaves_the_subtitle_clear(tmp_path: Path) -> None:
    figure = term_charts.hygiene_chart(term_data.hygiene_over_time(_term(tmp_path), SV, SCOPE))
    renderer = _drawn(figure)
    axes = figure.axes[0]
    legend = axes.get_legend().get_window_extent(renderer)
    wanted = axes.get_title(loc="left")
    subtitle = next(text for text in axes.findobj(Text) if text.get_text() == wanted).get_window_extent(renderer)
    assert wanted.startswith("Alla möten") and not _overlap(legend, subtitle)
    assert not _overlap(legend, axes.get_window_extent(renderer))


def test_ratio_over_time_draws_points_not_a_line_through_districts_and_calendar_ticks(tmp_path: Path) -> None:
    term = _term(tmp_path)
    assert len({result.meeting.district for result in term.meetings}) == 3
    figure = term_charts.ratio_over_time_chart(term_data.ratio_over_time(term, SV, SCOPE))
    _drawn(figure)
    top, bottom = figure.axes[0], figure.axes[1]
    for axes in (top, bottom):
        for line in axes.get_lines():
            if len(line.get_xdata()) > 2:  # data, not the parity line
                assert line.get_linestyle() == "None", line.get_label()
    assert isinstance(bottom.xaxis.get_major_locator(), AutoDateLocator)
    assert isinstance(bottom.xaxis.get_major_formatter(), ConciseDateFormatter)
    labels = [label.get_text() for label in bottom.get_xticklabels() if label.get_text()]
    assert labels and not any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", label) for label in labels)  # no odd dates
    assert "maj" in labels, labels  # months in Swedish (May)


def _short_meeting(tmp_path: Path) -> meeting_data.MeetingFigures:
    """Six minutes, 18:00 to 18:06."""
    path = meeting_file(tmp_path, "44444444-4444-4444-8444-444444440000", district="Skåne", kind="board",
                        date="2026-04-01", notice="2026-03-20", end="18:06:00", counts={"woman": 4, "man": 4},
                        turns=[("woman", 0, 60), ("man", 70, 100), ("woman", 180, 150)])
    return meeting_figures_for_export(parse_bytes(path.read_bytes()), turn_filter=TurnFilter(), now=0)


def test_a_short_meetings_timeline_has_times_on_its_axis(tmp_path: Path) -> None:
    figure = meeting_charts.timeline_chart(meeting_data.timeline(_short_meeting(tmp_path), SV))
    _drawn(figure)
    axes = figure.axes[0]
    low, high = axes.get_xlim()
    shown = [tick for tick in axes.xaxis.get_major_ticks() if low <= tick.get_loc() <= high]
    labels = [tick.label1.get_text() for tick in shown]
    assert len(labels) >= 3 and all(re.fullmatch(r"18:0\d", label) for label in labels), labels
    figure = meeting_charts.cumulative_chart(meeting_data.cumulative(_short_meeting(tmp_path), SV))
    _drawn(figure)
    axes = figure.axes[0]
    low, high = axes.get_xlim()
    assert len([loc for loc in axes.get_xticks() if low <= loc <= high]) >= 3


def _cover_lines(tmp_path: Path, women: tuple[int, int], *, suppress: bool) -> dict[str, tuple[str, ...]]:
    """The English term cover's sections for one meeting in Skåne and one in Norrbotten with these
    numbers of women present (five men each)."""
    database = Database.open(str(tmp_path / "cover.db"))
    try:
        with database.transaction() as session:
            for index, (district, present) in enumerate(zip(("Skåne", "Norrbotten"), women, strict=True)):
                path = meeting_file(tmp_path, f"{index + 1:08x}-4444-4444-8444-444444440000", district=district,
                                    kind="board", date=f"2026-0{index + 3}-10", notice="2026-01-01", end="18:50:00",
                                    counts={"woman": present, "man": 5}, turns=[("woman", 0, 200), ("man", 200, 100)])
                store_meeting(parse_bytes(path.read_bytes()), session=session)
        with database.transaction() as session:
            term = term_statistics(MeetingQuery().for_report(), turn_filter=TurnFilter(), now=0, session=session)
    finally:
        database.dispose()
    scope = term_data.Scope(filters={}, turn_filter=TurnFilter(), suppress=suppress)
    return dict(term_data.cover(term, EN, scope, by_district=True).sections)


def test_the_term_cover_gives_no_verdict_on_suppressed_women(tmp_path: Path) -> None:
    """As the text report: with fewer than 3 women present, no ratio or 40/60 verdict, `<3` for the
    district, and such a meeting counts neither way in the spread."""
    sections = _cover_lines(tmp_path, (2, 2), suppress=True)
    assert sections["Balance"] == ("Within 40–60%: 0 of 0 meetings",)
    assert sections["Per district"] == ("Norrbotten: women's share of time <3, ratio <3, 2 turns (1 meeting)",
                                        "Skåne: women's share of time <3, ratio <3, 2 turns (1 meeting)")


def test_the_term_cover_gives_verdicts_where_there_are_enough_or_when_asked(tmp_path: Path) -> None:
    (tmp_path / "shown").mkdir()
    (tmp_path / "all").mkdir()
    shown = _cover_lines(tmp_path / "shown", (2, 4), suppress=True)
    assert shown["Balance"][-1] == "Within 40–60%: 0 of 1 meetings"  # the pool has 3 women on average: shown
    assert shown["Per district"][0].startswith("Norrbotten: women's share of time 67%, ratio ")
    assert shown["Per district"][1].startswith("Skåne: women's share of time <3")
    unsuppressed = _cover_lines(tmp_path / "all", (2, 2), suppress=False)
    assert unsuppressed["Balance"][0].startswith("Speaking time per woman present relative to per man present: ")
    assert unsuppressed["Balance"][-1] == "Within 40–60%: 0 of 2 meetings"
    assert unsuppressed["Per district"][1].startswith("Skåne: women's share of time 67%")


@pytest.mark.parametrize("tr", [SV, EN], ids=["sv", "en"])
def test_column_headers_break_between_words_never_inside_one(tr: Translator) -> None:
    """`attendance share` printed as `attendan` over `ce share` before."""
    header = meeting_data.report_page(
        meeting_figures_for_export(parse_bytes(BOARD.read_bytes()), turn_filter=TurnFilter(), now=0), tr).table.header
    for title in header:
        assert header_lines(title).split() == title.split()
    assert header_lines("attendance share") == "attendance\nshare"
