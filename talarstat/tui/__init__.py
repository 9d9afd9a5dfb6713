"""The Textual TUI: the live recording screen and the screens around it.

Only this package imports Textual; it imports nothing of matplotlib at module level.
"""
