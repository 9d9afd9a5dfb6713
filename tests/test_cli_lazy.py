"""The command line imports only the command it runs (issue 11): cli.main lists every command by
name, module and help (COMMANDS), and that list is what the modules define."""

from __future__ import annotations

import subprocess
import sys

import pytest

from talarstat.cli.main import COMMANDS, command_module
from talarstat.i18n import LANGUAGES, Translator


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_of_commands_is_what_the_modules_define(language: str) -> None:
    tr = Translator(language)
    defined: dict[str, str] = {}
    for module in dict.fromkeys(module for _, module, _ in COMMANDS):
        for name, command in command_module(module, tr).items():
            defined[name] = module
            listed = next(key for listed_name, _, key in COMMANDS if listed_name == name)
            assert command.help == tr(listed), name
    assert defined == {name: module for name, module, _ in COMMANDS}


def _modules_after(*args: str) -> set[str]:
    code = ("import sys; from talarstat.cli.main import main; main(sys.argv[1:]); "
            "print(*sorted(sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60)
    return set(done.stderr.split())


def test_help_imports_no_command_and_no_database_library() -> None:
    loaded = _modules_after("--help")
    assert not {name for name in loaded if name.startswith("talarstat.cli.commands.")}
    assert "sqlalchemy" not in loaded and "sqlmodel" not in loaded


def test_a_command_imports_its_own_module_only() -> None:
    loaded = _modules_after("queue", "--help")
    assert {name for name in loaded if name.startswith("talarstat.cli.commands.")} == {"talarstat.cli.commands.queue"}
