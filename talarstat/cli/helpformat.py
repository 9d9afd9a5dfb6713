"""`--help` all in the user's language, Typer's and click's own words included.

Typer's copy of click writes "Usage:", "Options", "Commands", "Show this message and exit." in
English whatever the language. Every command of the tree gets a context whose help formatter puts
those words through the translator. Our own texts are translated already, but for the declarations
that commands share (cli.options), whose help is a message key until the command is built here.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import typer
from typer import _click  # Typer's own copy of click, whose Context and HelpFormatter write --help
from typer.core import TyperArgument, TyperOption

from talarstat.i18n import Translator

# Typer's and click's own words, and the catalogue keys that translate them.
_PHRASES = {
    "Show this message and exit.": "help.typer.help",
    "Install completion for the current shell.": "help.typer.install_completion",
    "Show completion for the current shell, to copy it or customize the installation.": "help.typer.show_completion",
    "[required]": "help.typer.required",
    "[default: ": "help.typer.default",
}
_HEADINGS = {"Options": "help.typer.options", "Commands": "help.typer.commands", "Arguments": "help.typer.arguments"}
_USAGE_WORDS = {"[OPTIONS]": "help.typer.options_word", "COMMAND": "help.typer.command_word", "[ARGS]...": "help.typer.args_word"}
# Names of values (metavars) that read as words.
_METAVARS = re.compile(r"\b(MEETING|FILE|DIR|PATH)\b")
# A help that is a message key (cli.options), not yet a text.
_MESSAGE_KEY = re.compile(r"help\.[a-z_]+(\.[a-z_]+)*")
# Typer's type labels (`<str>`, `<bool>`, `<list[path]>`); choices (`<sv|en>`) stay.
_TYPE_LABEL = re.compile(r" ?<[^<>|]*>")


def localize_help(command: _click.Command, tr: Translator) -> None:
    """Give `command` and all its subcommands a help formatter in `tr`'s language."""

    class Formatter(_click.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            words = " ".join(tr(_USAGE_WORDS[word]) if word in _USAGE_WORDS else word for word in args.split(" "))
            words = re.sub(r"\{([^{}]*)\}", r"\1", words).replace("......", "...")  # bare, as click writes it
            super().write_usage(prog, _metavars(words, tr), prefix=tr("help.typer.usage"))

        @contextmanager
        def section(self, name: str) -> Iterator[None]:
            with super().section(tr(_HEADINGS[name]) if name in _HEADINGS else name):
                yield

        def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
            rows = [(_metavars(_TYPE_LABEL.sub("", term), tr), _translated(text, tr)) for term, text in rows]
            super().write_dl(rows, col_max, col_spacing)

    class Context(_click.Context):
        formatter_class = Formatter

    def visit(node: _click.Command) -> None:
        node.context_class = Context
        for param in node.params:  # their help is what --help and shell completion show
            if isinstance(param, TyperArgument | TyperOption) and param.help and _MESSAGE_KEY.fullmatch(param.help):
                param.help = tr(param.help)
        if node.help and not node.short_help:
            node.short_help = node.help  # whole, not cut at 45 characters or at "t.ex."
        for child in getattr(node, "commands", {}).values():
            visit(child)

    visit(command)


def _metavars(text: str, tr: Translator) -> str:
    return _METAVARS.sub(lambda found: tr(f"metavar.{found[1].lower()}"), text)


def _translated(text: str, tr: Translator) -> str:
    for english, key in _PHRASES.items():
        if english in text:
            text = text.replace(english, tr(key))
    return text


def show_version(value: bool) -> None:
    """`--version`: the installed version, then exit (an eager option, before any command runs)."""
    if value:
        from talarstat import __version__

        print(f"talarstat {__version__}")
        raise typer.Exit()


def choice_message(error: Exception, tr: Translator) -> str | None:
    """A value outside an enum's choices, said as every other bad choice is:
    `--kind: party is not one of board, annual, …` (Typer's own sentence is longer and less clear)."""
    param = getattr(error, "param", None)
    if not isinstance(param, _click.Parameter):
        return None
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if not (isinstance(annotation, type) and issubclass(annotation, enum.Enum)):
        return None
    found = re.search(r"'([^']*)' is not one of", str(getattr(error, "message", error)))
    if found is None:
        return None
    allowed = ", ".join(str(member.value) for member in annotation)
    option = param.opts[0] if param.opts else param.name
    return tr("error.bad_choice", option=option, value=found[1], allowed=allowed)
