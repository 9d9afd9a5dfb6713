"""Themes for the room view. Projectors wash out dark greys and thin colours, so both themes are
pure black and white with the category colours of the charts (palette.py) as the only colour."""

from __future__ import annotations

from textual.theme import Theme


def _theme(name: str, *, dark: bool, ink: str, paper: str, panel: str, accent: str, alarm: str, good: str) -> Theme:
    """Ink on paper, one accent colour, red for an alarm and green for what is fine."""
    return Theme(
        name=name, primary=accent, secondary=ink, accent=accent, warning=alarm, error=alarm, success=good,
        foreground=ink, background=paper, surface=paper, panel=panel, dark=dark, text_alpha=1.0, luminosity_spread=0.1,
    )


PROJECTOR = _theme("talarstat-projector", dark=False, ink="#000000", paper="#FFFFFF", panel="#E8E8E8",
                   accent="#0072B2", alarm="#B00000", good="#006B4F")
DARK = _theme("talarstat-dark", dark=True, ink="#FFFFFF", paper="#000000", panel="#202020",
              accent="#56B4E9", alarm="#FF5A4F", good="#3FD6A4")

THEMES = {"projector": PROJECTOR, "dark": DARK}
