"""How every chart looks and is written: one font that ships with matplotlib, sizes that read when
projected, and output that is byte-identical for the same data (fixed SVG hash salt, no dates in the
metadata). The settings apply inside `styled()` only; global rcParams are never changed, but for
naming the Agg backend when nothing else has been named."""

from __future__ import annotations

import codecs
import importlib
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.typing import RcKeyType

from talarstat.charts.data import Frame

if matplotlib.get_backend(auto_select=False) is None:
    # Files only, drawn on Agg. Left unchosen, the backend is resolved the first time any code reads
    # every rcParam (`boxplot` does), and resolving it imports pyplot: a tenth of a second for nothing.
    matplotlib.use("agg")

SLIDE = (10.0, 5.625)  # 16:9, the slide at the next meeting's opening
PNG_DPI = 150

_RC: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs on every machine
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "talarstat",  # element ids from a fixed salt, not a random one
    "svg.fonttype": "path",  # text as outlines: no font needed to view it
    "pdf.fonttype": 3,
    "figure.autolayout": False,  # figures lay themselves out once (freeze_layout), never again per file
    "figure.constrained_layout.use": False,
}
# Dates the backends would write into the file unless told not to.
_METADATA = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}, "png": {"Software": None}}
# PNG: zlib's fast levels (1-3) compress a chart a quarter faster than its default (6), for files
# 3-4 % larger; the pixels are the same.
_OPTIONS: dict[str, dict[str, Any]] = {"png": {"pil_kwargs": {"compress_level": 3}}}


@contextmanager
def styled() -> Iterator[None]:
    with matplotlib.rc_context(_RC):
        yield


def wrap(text: str, width: int) -> str:
    """Long Swedish titles break into lines instead of running off the page; only a word longer than
    a whole line (a pasted URL, a title of one long word) is broken inside."""
    return "\n".join(textwrap.fill(line, width) for line in text.splitlines() or [""])


def new_figure(frame: Frame, size: tuple[float, float] = SLIDE) -> Figure:
    """A figure with the chart's title, the meeting below it and the footnote (filter, suppression)
    in a bottom margin that the constrained layout leaves free."""
    width_chars = int(size[0] * 7.2)
    footnote_lines = wrap(frame.footnote, int(size[0] * 11)).count("\n") + 1 if frame.footnote else 0
    bottom = min(0.04 + 0.028 * footnote_lines * 5.625 / size[1], 0.3)
    figure = Figure(figsize=size, layout=ConstrainedLayoutEngine(rect=(0.0, bottom, 1.0, 1.0 - bottom)))
    figure.suptitle(wrap(frame.title, width_chars), fontsize=15, fontweight="bold", x=0.01, ha="left")
    if frame.footnote:
        figure.text(0.01, 0.01, wrap(frame.footnote, int(size[0] * 11)), fontsize=9, color="#444444", va="bottom",
                    linespacing=1.3)
    return figure


def subtitle(axes: Axes, frame: Frame) -> None:
    """The meeting (title · date · body) above the plot, left-aligned under the chart's title."""
    if frame.subtitle:
        figure = axes.get_figure(root=True)
        width = figure.get_figwidth() if figure is not None else SLIDE[0]
        axes.set_title(wrap(frame.subtitle, int(width * 12)), loc="left", fontsize=11, color="#333333")


def one_plot(frame: Frame, size: tuple[float, float] = SLIDE) -> tuple[Figure, Axes]:
    """A figure with one plot (`new_figure`), the meeting's line above it (`subtitle`); inside `styled()`."""
    figure = new_figure(frame, size=size)
    axes = figure.add_subplot()
    subtitle(axes, frame)
    return figure, axes


def freeze_layout(figure: Figure) -> Figure:
    """Solve the constrained layout once and keep it: each format then only renders.

    The engine is run by itself rather than through a draw without rendering: the same positions,
    without a pass over every artist that no file needs. The engine is then removed, not set to
    "none": "none" leaves a placeholder engine, and `savefig` draws a figure that has any engine
    twice (once without rendering, to lay it out), which would double the cost of every file.
    """
    with styled():
        engine = figure.get_layout_engine()
        if engine is not None:
            engine.execute(figure)
        figure.set_layout_engine(None)  # no engine: `_RC` turns off the rcParams that would choose one
    return figure


_BACKENDS = {"png": "matplotlib.backends.backend_agg", "svg": "matplotlib.backends.backend_svg",
             "pdf": "matplotlib.backends.backend_pdf"}


def load_backends(formats: Iterable[str]) -> None:
    """Import the writers of these formats now, before workers are forked, so each worker does not
    import them again (the PDF writer pulls in fontTools: a quarter of a second), with what they
    would import on their first file: Pillow's image formats, the PDF writer's UTF-16 codec."""
    for file_format in formats:
        importlib.import_module(_BACKENDS[file_format])
        if file_format == "png":
            from PIL import Image

            Image.preinit()
        elif file_format == "pdf":
            codecs.lookup("utf-16-be")


def save(figure: Figure, path: Path, file_format: str) -> Path:
    """Write one format; the same figure gives the same bytes every time."""
    with styled():
        figure.savefig(path, format=file_format, dpi=PNG_DPI, metadata=_METADATA[file_format], **_OPTIONS.get(file_format, {}))
    return path


A4_PORTRAIT = (8.27, 11.69)
A4_LANDSCAPE = (11.69, 8.27)


def on_a4(figure: Figure) -> Figure:
    """The figure on an A4 page, landscape or portrait as its shape suits, so that every page of a
    printed report is A4. Call before the layout is frozen: the constrained layout fills the page."""
    width, height = figure.get_size_inches()
    figure.set_size_inches(A4_PORTRAIT if height > width else A4_LANDSCAPE)
    return figure


def save_pages(figures: list[Figure], path: Path) -> Path:
    """A multi-page PDF, one figure a page, with no dates in it (the same data, the same bytes)."""
    from matplotlib.backends.backend_pdf import PdfPages

    with styled(), PdfPages(path, metadata=_METADATA["pdf"]) as pdf:
        for figure in figures:
            pdf.savefig(figure)
    return path
