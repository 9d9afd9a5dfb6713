"""presentation/figures.py: the figures table, women's share and the verdicts, as every view shows them."""

from __future__ import annotations

from talarstat.domain.figures import CategoryFigures, Figures
from talarstat.i18n import Translator
from talarstat.presentation import display
from talarstat.presentation import figures as presented

SV, EN = Translator("sv"), Translator("en")
PCT = "\u00a0%"  # Swedish writes a no-break space before the per cent sign (CLDR); English none


def values(turns: int, seconds: float, time_share: float | None, attendance: float | None,
           attendance_share: float | None, time_ratio: float | None) -> CategoryFigures:
    return CategoryFigures(
        turns=turns, seconds=seconds, turn_share=0.5, time_share=time_share, attendance=attendance,
        attendance_share=attendance_share, time_ratio=time_ratio, turn_ratio=None, gap_pp=None,
        mean_turn_seconds=None, speakers=None, participation_rate=None,
    )


FIGURES = Figures(turns=12, seconds=5400.0, categories={
    "woman": values(6, 3000.4, 0.5556, 13.14, 0.6, 0.926),
    "man": values(6, 2399.6, 0.4444, 8.0, 0.4, 1.111),
    "nonbinary": values(0, 0.0, 0.0, 1.0, 0.05, 0.0),
})


def test_the_table_has_a_row_per_category_and_the_total_last() -> None:
    table = presented.figures_table(FIGURES, SV, hidden=frozenset({"nonbinary"}))
    assert table.header == ("kategori", "inlägg", "taltid", "andel inlägg", "andel tid", "andel närvaro", "kvot")
    assert table.rows[0] == ("kvinna", "6", "50:00", f"50{PCT}", f"56{PCT}", f"60{PCT}", "0,93")
    assert table.rows[2] == ("icke-binär", *["<3"] * 6)
    assert table.rows[-1] == ("totalt", "12", "1:30:00", "", "", "", "")
    assert table.keys == ("woman", "man", "nonbinary", None)


def test_print_says_times_in_words_and_adds_the_head_count() -> None:
    table = presented.figures_table(FIGURES, EN, presented.PRINTED, duration=display.spoken)
    assert table.header[5] == EN("report.col.attendance")
    assert table.rows[0] == ("woman", "6", "50 min 0 s", "50%", "56%", "13.1", "60%", "0.93")
    assert table.rows[-1][2] == "1 h 30 min"


def test_the_live_cells_follow_the_live_columns() -> None:
    assert presented.category_cells(FIGURES.categories["man"], presented.LIVE, SV) == ("6", "39:59", f"44{PCT}", f"40{PCT}", "1,11")
    assert presented.category_cells(FIGURES.categories["man"], presented.LIVE, SV, hidden=True) == ("<3",) * 5


def test_women_share_is_a_dash_without_women_and_hidden_with_fewer_than_three() -> None:
    assert presented.women_share(FIGURES, SV) == (f"56{PCT}", "0,93")
    assert presented.women_share(FIGURES, SV, hidden=True) == ("<3", "<3")
    assert presented.women_share(Figures(turns=0, seconds=0.0), EN) == (display.DASH, display.DASH)
    assert presented.women_line(FIGURES, EN) == EN("cli.report.meeting_line", share="56%", ratio="0.93", turns=12)


def test_no_verdict_compares_women_with_men_when_either_is_hidden() -> None:
    verdicts = presented.balance_verdicts(FIGURES, EN)
    assert verdicts == [EN("cli.per_capita", value="0.83"),
                        EN("cli.within_40_60", value=EN("cli.yes"))]
    assert presented.balance_verdicts(FIGURES, EN, frozenset({"nonbinary"})) == verdicts
    assert presented.balance_verdicts(FIGURES, EN, frozenset({"man"})) == []


def test_counts_are_numbers_in_the_language_too() -> None:
    """A year pooled has thousands of turns: grouped as the language groups them."""
    pooled = Figures(turns=12_345, seconds=5400.0, categories={"woman": values(1234, 3000.4, 0.5556, 13.14, 0.6, 0.926)})
    assert [row[1] for row in presented.figures_table(pooled, SV).rows] == ["1\u00a0234", "12\u00a0345"]
    assert [row[1] for row in presented.figures_table(pooled, EN).rows] == ["1,234", "12,345"]
    assert presented.women_line(pooled, EN).endswith(", 12,345 turns")
