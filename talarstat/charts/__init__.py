"""Charts drawn with matplotlib (`Figure()` and the Agg canvas, never the stateful plotting interface).

One function per chart, taking plain data (`charts.data`) with every label already translated and
returning a `Figure`; `charts.style.save` writes it byte-identically. Only this package imports
matplotlib, and nothing on the way to the recording screen imports this package.
"""
