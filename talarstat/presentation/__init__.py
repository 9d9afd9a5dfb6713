"""How figures are shown: the text of numbers, shares and durations on screens and in files
(`display`), and the JSON documents of `stats`, `report` and `export` (`stats_json`).

The domain computes the figures; this package only words them, so the command line, the TUI and the
reports show the same figure the same way. Plain Python, like the domain: no Textual, no SQL, no
matplotlib.
"""
