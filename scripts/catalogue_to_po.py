"""Write the old Python message catalogue as gettext catalogues (the one-time conversion of issue 13).

talarstat's messages used to live in `talarstat/i18n/catalogue.py`, a dict MESSAGES of
key -> {"sv": ..., "en": ...}, with `key.one` beside `key` for the singular of a count. They now
live in gettext catalogues, one per language:

    talarstat/i18n/locale/talarstat.pot                   the template (made by `make translations`)
    talarstat/i18n/locale/<lang>/LC_MESSAGES/talarstat.po  the messages of a language (edit these)
    talarstat/i18n/locale/<lang>/LC_MESSAGES/talarstat.mo  compiled, read at run time (do not edit)

The message ids are the keys (`error.meeting_ended`); the English catalogue holds the source text;
a `key`/`key.one` pair becomes one plural entry (`ngettext`).

    .venv/bin/python scripts/catalogue_to_po.py [path/to/catalogue.py]   # then: make translations

It writes the .po files anew from catalogue.py (so running it twice changes nothing); after it,
delete catalogue.py. How to add a message or a language afterwards: docs/development.md, "Translations".
"""

from __future__ import annotations

import argparse
import datetime as dt
import runpy
import sys
from pathlib import Path

from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talarstat.i18n.tooling import DOMAIN, LOCALE_DIR, po_path, write_catalogue  # noqa: E402

DEFAULT_SOURCE = ROOT / "talarstat" / "i18n" / "catalogue.py"
SINGULAR = ".one"
CONVERTED = dt.datetime(2026, 11, 22, tzinfo=dt.UTC)  # fixed, so that running it again changes nothing


def catalogue_of(messages: dict[str, dict[str, str]], language: str) -> Catalog:
    catalog = Catalog(locale=language, domain=DOMAIN, project="talarstat", version="0.1.0",
                      copyright_holder="the talarstat authors", fuzzy=False,
                      creation_date=CONVERTED, revision_date=CONVERTED)
    for key in sorted(messages):
        if key.endswith(SINGULAR) and key.removesuffix(SINGULAR) in messages:
            continue  # the singular of the plural entry below
        text = messages[key][language]
        singular = messages.get(key + SINGULAR)
        if singular is None:
            catalog.add(key, text)
        else:
            # Swedish and English both have two forms: n == 1, and every other n.
            catalog.add((key, key), (singular[language], text))
    return catalog


def write_po_files(messages: dict[str, dict[str, str]], locale_dir: Path = LOCALE_DIR) -> list[str]:
    """One .po file per language of `messages`, written anew; the languages."""
    languages = sorted({language for entry in messages.values() for language in entry})
    for language in languages:
        write_catalogue(po_path(language, locale_dir), catalogue_of(messages, language))
    return languages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("catalogue", nargs="?", type=Path, default=DEFAULT_SOURCE)
    arguments = parser.parse_args(argv)
    messages: dict[str, dict[str, str]] = runpy.run_path(str(arguments.catalogue))["MESSAGES"]
    languages = write_po_files(messages)
    print(f"{len(messages)} messages written to {LOCALE_DIR.relative_to(ROOT)}/{{{','.join(languages)}}}/LC_MESSAGES/{DOMAIN}.po")
    return 0


if __name__ == "__main__":
    sys.exit(main())
