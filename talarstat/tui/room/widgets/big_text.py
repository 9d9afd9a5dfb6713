"""The category's name in large block letters when there is room, so the hall reads who has the floor.

A 5×5 pixel font drawn with half blocks (a pixel is one column wide and half a row tall: square on
a terminal), scaled by whole numbers. Names with a character the font lacks stay ordinary text.
"""

from __future__ import annotations

_FONT = {
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "F": ("#####", "#....", "####.", "#....", "#...."),
    "G": (".####", "#....", "#..##", "#...#", ".###."),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "I": ("#####", "..#..", "..#..", "..#..", "#####"),
    "J": ("..###", "....#", "....#", "#...#", ".###."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "L": ("#....", "#....", "#....", "#....", "#####"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "O": (".###.", "#...#", "#...#", "#...#", ".###."),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "S": (".####", "#....", ".###.", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("#####", "...#.", "..#..", ".#...", "#####"),
    "Å": ("..#..", ".###.", "#...#", "#####", "#...#"),
    "Ä": ("#...#", ".###.", "#...#", "#####", "#...#"),
    "Ö": ("#...#", ".###.", "#...#", "#...#", ".###."),
    "Ü": ("#...#", ".....", "#...#", "#...#", ".###."),
    "-": (".....", ".....", "#####", ".....", "....."),
    "_": (".....", ".....", ".....", ".....", "#####"),
    " ": (".....", ".....", ".....", ".....", "....."),
    **dict(zip("0123456789", (
        (".###.", "#..##", "#.#.#", "##..#", ".###."), ("..#..", ".##..", "..#..", "..#..", ".###."),
        ("####.", "....#", ".###.", "#....", "#####"), ("####.", "....#", ".###.", "....#", "####."),
        ("#...#", "#...#", "#####", "....#", "....#"), ("#####", "#....", "####.", "....#", "####."),
        (".###.", "#....", "####.", "#...#", ".###."), ("#####", "....#", "...#.", "..#..", "..#.."),
        (".###.", "#...#", ".###.", "#...#", ".###."), (".###.", "#...#", ".####", "....#", ".###."),
    ), strict=True)),
}
GLYPH = 5
GAP = 1  # pixels between letters
_HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def can_draw(text: str) -> bool:
    return bool(text) and all(character in _FONT for character in text.upper())


def size(text: str, scale: int) -> tuple[int, int]:
    """Columns and rows the text takes at this scale."""
    pixels_across = len(text) * (GLYPH + GAP) - GAP
    return pixels_across * scale, (GLYPH * scale + 1) // 2


def block_lines(text: str, scale: int) -> list[str]:
    """The text in block letters, `scale` pixels a font pixel, two pixel rows to a line."""
    pixel_rows: list[list[bool]] = []
    for row in range(GLYPH):
        line: list[bool] = []
        for index, character in enumerate(text.upper()):
            if index:
                line.extend([False] * GAP * scale)
            for mark in _FONT[character][row]:
                line.extend([mark == "#"] * scale)
        pixel_rows.extend([line] * scale)
    if len(pixel_rows) % 2:
        pixel_rows.append([False] * len(pixel_rows[0]))
    return [
        "".join(_HALVES[(upper, lower)] for upper, lower in zip(pixel_rows[row], pixel_rows[row + 1], strict=True))
        for row in range(0, len(pixel_rows), 2)
    ]


def fitting_scale(text: str, width: int, height: int, largest: int = 6) -> int:
    """The largest scale at which the text fits the box; 0 when it does not fit even at 1."""
    for scale in range(largest, 0, -1):
        columns, rows = size(text, scale)
        if columns <= width and rows <= height:
            return scale
    return 0
