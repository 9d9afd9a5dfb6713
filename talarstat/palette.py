"""Category colours, the same in the TUI and the charts.

Okabe, M. & Ito, K. (2008), "Color Universal Design (CUD): how to make figures and presentations
that are friendly to colorblind people", https://jfly.uni-koeln.de/color/ — eight colours that stay
distinct under the common forms of colour blindness.
"""

from __future__ import annotations

import functools

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

_DEFAULTS = {
    "woman": OKABE_ITO["orange"],
    "man": OKABE_ITO["blue"],
    "nonbinary": OKABE_ITO["bluish_green"],
    "unknown": OKABE_ITO["reddish_purple"],
}
# Further categories an installation adds take the remaining colours in turn.
_SPARE = (OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"], OKABE_ITO["black"])
# Text that stays readable on each fill.
_DARK_TEXT_ON = {OKABE_ITO["orange"], OKABE_ITO["sky_blue"], OKABE_ITO["yellow"], OKABE_ITO["bluish_green"]}


def category_colour(category: str, categories: tuple[str, ...]) -> str:
    return _colours(categories).get(category, OKABE_ITO["black"])


@functools.lru_cache(maxsize=64)
def _colours(categories: tuple[str, ...]) -> dict[str, str]:
    """Every category's colour, worked out once per list (asked per category, per chart, per row)."""
    extras = [key for key in categories if key not in _DEFAULTS]
    spare = {key: _SPARE[index % len(_SPARE)] for index, key in enumerate(extras)}
    return {**spare, **_DEFAULTS}


def text_colour_on(fill: str) -> str:
    return "#000000" if fill in _DARK_TEXT_ON else "#FFFFFF"
