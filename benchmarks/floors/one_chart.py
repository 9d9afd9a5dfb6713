"""The floor for `talarstat export` (../shared/bench/README.md): `Figure()`, one bar chart saved as
png, svg and pdf, as a process.  Usage: one_chart.py FOLDER"""
import sys
from pathlib import Path

from matplotlib.figure import Figure

folder = Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
figure = Figure()
axes = figure.subplots()
axes.bar(["woman", "man", "nonbinary", "unknown"], [46, 48, 4, 2])
for file_format in ("png", "svg", "pdf"):
    figure.savefig(folder / f"chart.{file_format}", format=file_format)
