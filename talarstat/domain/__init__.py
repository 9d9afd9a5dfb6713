"""The pure core of talarstat: meetings, figures and the meeting file.

Nothing here imports Textual, SQL or matplotlib, so the TUI, the command line, the charts and the
reports all compute the same figures from the same code, and tests need nothing but plain data.
"""
