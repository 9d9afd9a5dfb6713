"""Themes for the room view. Projectors wash out dark greys and thin colours, so both themes are
pure black and white with the category colours of the charts (palette.py) as the only colour."""

from __future__ import annotations

from textual.theme import Theme

PROJECTOR = Theme(
    name="talarstat-projector",
    primary="#0072B2",
    secondary="#000000",
    accent="#0072B2",
    warning="#B00000",
    error="#B00000",
    success="#006B4F",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#E8E8E8",
    dark=False,
    text_alpha=1.0,
    luminosity_spread=0.1,
)

DARK = Theme(
    name="talarstat-dark",
    primary="#56B4E9",
    secondary="#FFFFFF",
    accent="#56B4E9",
    warning="#FF5A4F",
    error="#FF5A4F",
    success="#3FD6A4",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#202020",
    dark=True,
    text_alpha=1.0,
    luminosity_spread=0.1,
)

THEMES = {"projector": PROJECTOR, "dark": DARK}
