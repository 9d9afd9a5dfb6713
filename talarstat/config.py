"""The user's configuration file: the key map of the live screen and extra categories.

`config.toml` in the user config directory (`talarstat` under XDG_CONFIG_HOME on Linux), e.g.

    categories = ["woman", "man", "nonbinary", "unknown", "youth"]

    [keymap]
    end_turn = "space,x"        # binding id = key(s), comma-separated
    kind_reply = "r,R"

A missing file means the defaults (and no TOML parser is imported). A broken one is refused with a
line saying what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from talarstat.domain.vocabulary import (
    CATEGORIES_MAX,
    CATEGORY_KEY_MAX_LENGTH,
    DEFAULT_CATEGORIES,
    is_category_key,
)
from talarstat.errors import BadInput


@dataclass(frozen=True)
class Config:
    categories: tuple[str, ...] = DEFAULT_CATEGORIES
    keymap: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    return Path(platformdirs.user_config_dir("talarstat", appauthor=False)) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    if not path.exists():
        return Config()
    import tomllib  # only for a file: most starts have none, and the TUI's first frame waits for this

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise BadInput("error.config", path=str(path), reason=str(error)) from None
    categories = data.get("categories", list(DEFAULT_CATEGORIES))
    if (not isinstance(categories, list) or not categories or len(set(categories)) != len(categories)
            or not all(is_category_key(key) for key in categories)):
        raise BadInput("error.config", path=str(path), reason="categories: a list of unique keys [a-z][a-z0-9_]*")
    if len(categories) > CATEGORIES_MAX or any(len(key) > CATEGORY_KEY_MAX_LENGTH for key in categories):
        raise BadInput("error.config", path=str(path),
                       reason=f"categories: at most {CATEGORIES_MAX}, each key at most {CATEGORY_KEY_MAX_LENGTH} characters")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) and v for v in keymap.values()):
        raise BadInput("error.config", path=str(path), reason="keymap: binding id = \"key\"")
    return Config(categories=tuple(categories), keymap=dict(keymap))
