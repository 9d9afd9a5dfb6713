"""The translator's tools: Babel extraction of message keys, and writing catalogues Babel's way.

Never imported at run time (the app reads compiled `.mo` files with the standard library's gettext);
`make translations` and `scripts/catalogue_to_po.py` use it.

Message ids are keys (`error.meeting_ended`), and the English catalogue holds the source text. The
extractor finds the keys in the code: every string literal that is a key of a group the English
catalogue knows, every key named by `tr.plural("key", n, ...)` (a plural entry), and whole families
named by a prefix: `tr.label("category", x)` or `f"cli.import.{outcome}"` stand for every
`category.*` or `cli.import.*` key. Each entry of the template carries the English text as a comment,
so a translator working on a new language in Poedit or Weblate sees what to translate.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "talarstat"
SOURCE_LANGUAGE = "en"
FLAG = "python-brace-format"
WIDTH = 76  # pybabel update's default, so that the converter and `make translations` write alike


def po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def write_catalogue(path: Path, catalog: Catalog) -> None:
    """Write as `pybabel update` does, with the python-brace-format flag restored (see `add_flags`)."""
    add_flags(catalog)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        # The template has no header (pybabel extract --omit-header): no date to change on every run.
        write_po(file, catalog, width=WIDTH, omit_header=catalog.locale is None)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def texts(message: Message) -> tuple[str, ...]:
    forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return tuple(form or "" for form in forms)


def add_flags(catalog: Catalog) -> None:
    """Mark messages with str.format placeholders `python-brace-format`.

    Babel derives the flag from the msgid, which is a key without braces here, and drops it on
    reading; so it is set from the text (the English one in the template, which has no text).
    """
    source = _source_texts(catalog)
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        shown = [text for text in texts(message) if text] or source.get(key, [])
        if any(placeholders(text) for text in shown):
            message.flags.add(FLAG)


def _source_texts(catalog: Catalog) -> dict[str, list[str]]:
    path = po_path(SOURCE_LANGUAGE)
    if catalog.locale is not None or not path.exists():
        return {}
    return {
        str(message.id[0] if isinstance(message.id, (list, tuple)) else message.id): list(texts(message))
        for message in read_catalogue(path) if message.id
    }


def add_flags_main(paths: Iterable[str]) -> None:
    """`python -m talarstat.i18n.tooling FILE.po ...`: restore the flags after `pybabel update`."""
    for name in paths:
        path = Path(name)
        catalog = read_catalogue(path)
        if catalog.obsolete:
            # A key the extractor no longer finds: gone from the code, or used in a way it cannot see.
            print(f"{path}: not found in the code, kept as #~ and not compiled: {', '.join(map(str, catalog.obsolete))}")
        write_catalogue(path, catalog)


# --- extraction -------------------------------------------------------------------------------------


def _string_prefix(node: ast.AST) -> str | None:
    """The literal text a string expression starts with: "a.b" or the head of f"a.{x}" or "a." + x."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        return _string_prefix(node.values[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _string_prefix(node.left)
    return None


def _looks_like_key(text: str) -> bool:
    return "." in text and all(part.isidentifier() and part.islower() for part in text.split("."))


def find_keys(source: str, known: Mapping[str, Any]) -> Iterator[tuple[int, str, bool]]:
    """(line, key, plural) for every key of `known` that `source` names (see the module's docstring)."""
    groups = {key.split(".", 1)[0] for key in known}

    def family(prefix: str) -> list[str]:
        return [key for key in known if key.startswith(prefix)] if prefix.split(".", 1)[0] in groups else []

    plural: set[int] = set()
    called: set[int] = set()  # first arguments of calls: a key not yet in English, e.g. tr("new.key")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        called.add(id(first))
        if not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr == "plural" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            plural.add(id(first))
            yield node.lineno, first.value, True
        elif node.func.attr == "label" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            for key in family(f"{first.value}."):
                yield node.lineno, key, False
    for node in ast.walk(tree):
        if id(node) in plural:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if text.endswith("."):
                for key in family(text):
                    yield node.lineno, key, False
            elif text in known or (id(node) in called and _looks_like_key(text) and text.split(".", 1)[0] in groups):
                yield node.lineno, text, False
        elif isinstance(node, (ast.JoinedStr, ast.BinOp)):
            prefix = _string_prefix(node)
            if prefix and prefix.endswith("."):
                for key in family(prefix):
                    yield node.lineno, key, False


def source_messages(locale_dir: Path = LOCALE_DIR) -> dict[str, tuple[str, ...]]:
    """The English catalogue: key -> text (one) or texts (singular, plural)."""
    path = po_path(SOURCE_LANGUAGE, locale_dir)
    result: dict[str, tuple[str, ...]] = {}
    for message in read_catalogue(path):
        if message.id:
            key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            result[str(key)] = texts(message)
    return result


def extract_keys(
    fileobj: IO[bytes], keywords: Iterable[str], comment_tags: Iterable[str], options: Mapping[str, Any],
) -> Iterator[tuple[int, str | None, str | tuple[str, str], list[str]]]:
    """A Babel extraction method (babel.cfg: `[talarstat.i18n.tooling:extract_keys: **.py]`)."""
    locale_dir = Path(options["locale_dir"]) if "locale_dir" in options else LOCALE_DIR
    known = source_messages(locale_dir)
    for lineno, key, called_plural in find_keys(fileobj.read().decode("utf-8"), known):
        english = known.get(key, ())
        # A key the English catalogue has as a plural stays one wherever it is named, also when the
        # call is `tr.plural(key, n)` with the key in a variable.
        plural = called_plural or len(english) > 1
        comments = [" / ".join(english)] if english else []
        if plural:
            yield lineno, "ngettext", (key, key), comments
        else:
            yield lineno, None, key, comments


if __name__ == "__main__":
    import sys

    add_flags_main(sys.argv[1:])
