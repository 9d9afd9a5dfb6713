"""The command line as Typer programs behave (issue 12): --version, shell completion, choices listed,
no type labels, help all in the user's language, plurals, progress bars on a terminal only, and
tables that fit the terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import ANNUAL, BOARD, EXAMPLES, Cli

from talarstat import __version__
from talarstat.cli.choices import CsvDialectName, Language, MeetingKind
from talarstat.domain.vocabulary import CSV_DIALECT_NAMES, MEETING_KINDS
from talarstat.i18n import LANGUAGES

COMMANDS = [[], ["new"], ["meetings"], ["stats"], ["export"], ["report"], ["sync"], ["dump"], ["import"], ["purge"],
            ["delete"], ["demo"], ["record"], ["queue"], ["screen"], ["serve"], ["db"], ["db", "path"], ["db", "upgrade"],
            ["db", "check"]]
SCRIPT = Path(sys.executable).parent / "talarstat"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "TALARSTAT_LANG": "en", **(env or {})})


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert (result.code, result.out, result.err) == (0, f"talarstat {__version__}\n", "")


def test_shell_completion_is_on_and_lists_the_choices() -> None:
    assert "--install-completion" in _run("--help").stdout
    # Typer detects the shell from the parent process: run it from bash (make runs tests under sh).
    in_bash = subprocess.run(["bash", "-c", f"'{SCRIPT}' --show-completion; exit $?"], capture_output=True, text=True,
                             timeout=60, env={**os.environ, "TALARSTAT_LANG": "en"})
    assert "_TALARSTAT_COMPLETE" in in_bash.stdout
    kinds = _run(env={"_TALARSTAT_COMPLETE": "complete_bash", "COMP_WORDS": "talarstat new --kind ", "COMP_CWORD": "3"})
    assert kinds.stdout.split() == ["board", "annual", "member", "congress", "council", "committee", "other"]
    formats = _run(env={"_TALARSTAT_COMPLETE": "complete_bash", "COMP_WORDS": "talarstat export x --format png,",
                        "COMP_CWORD": "4"})
    assert formats.stdout.split() == ["png,svg", "png,pdf"]
    commands = _run(env={"_TALARSTAT_COMPLETE": "complete_bash", "COMP_WORDS": "talarstat de", "COMP_CWORD": "1"})
    assert commands.stdout.split() == ["delete", "demo"]
    # zsh shows each option's help: a shared one's too (cli.options), in the user's language.
    described = _run(env={"TALARSTAT_LANG": "sv", "_TALARSTAT_COMPLETE": "complete_zsh",
                          "_TYPER_COMPLETE_ARGS": "talarstat stats x --"})
    assert '"--json":"Skriv JSON."' in described.stdout and '"--include-chair":"Räkna även ordförandens inlägg."' in described.stdout


def test_choice_enums_are_the_vocabularys_keys() -> None:
    assert [kind.value for kind in MeetingKind] == list(MEETING_KINDS)
    assert [language.value for language in Language] == list(LANGUAGES)
    assert [dialect.value for dialect in CsvDialectName] == list(CSV_DIALECT_NAMES)


def test_choices_are_listed_in_help(cli: Cli) -> None:
    assert "--kind <board|annual|member|congress|council|committee|other>" in cli("new", "--help").out
    report = cli("report", "--help").out
    assert "--csv-dialect <standard|excel-sv>" in report and "--lang <sv|en>" in report
    assert "--kind <board|annual|member|congress|council|committee|other>" in report
    assert "--csv-dialect <standard|excel-sv>" in cli("export", "--help").out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "talarstat")
def test_help_has_no_type_labels_and_is_all_swedish_in_swedish(command: list[str], cli: Cli) -> None:
    english = cli(*command, "--help")
    assert english.code == 0 and english.out.startswith(f"Usage: talarstat {' '.join(command)}".rstrip())
    swedish = cli("--lang", "sv", *command, "--help")
    assert swedish.code == 0 and swedish.out.startswith("Användning: talarstat")
    for text in (english.out, swedish.out):
        for label in ("<bool>", "<str>", "<int>", "<path>", "<float>"):
            assert label not in text
        assert not re.search(r"\bhelp\.[a-z_]+\.", text)  # no message key left untranslated (cli.options)
    for english_word in ("Usage", "Options", "Commands", "Arguments", "Show this message", "[required]", "[default",
                         "COMMAND", "[OPTIONS]", "Install completion", "Show completion"):
        assert english_word not in swedish.out, english_word
    assert "Visa den här hjälpen och avsluta." in swedish.out and "Flaggor:" in swedish.out


def test_bad_choice_reads_as_before(sqlite_path: str, cli: Cli) -> None:
    refused = cli("--lang", "sv", "--db", sqlite_path, "report", "--kind", "fest")
    assert (refused.code, refused.err.strip()) == (
        2, "talarstat: --kind: fest är inte en av board, annual, member, congress, council, committee, other")


def test_plurals(sqlite_path: str, cli: Cli) -> None:
    assert cli("--db", sqlite_path, "import", BOARD).code == 0
    assert cli("--db", sqlite_path, "meetings").out.rstrip().endswith("\n1 meeting")
    assert cli("--lang", "sv", "--db", sqlite_path, "meetings").out.rstrip().endswith("\n1 möte")
    assert cli("--lang", "sv", "--db", sqlite_path, "report").out.startswith("1 möte\n")
    assert cli("--db", sqlite_path, "report").out.startswith("1 meeting\n")
    assert cli("--db", sqlite_path, "import", ANNUAL).code == 0
    assert cli("--lang", "sv", "--db", sqlite_path, "meetings").out.rstrip().endswith("\n2 möten")
    assert cli("--db", sqlite_path, "report").out.startswith("2 meetings pooled\n")
    # One speaker token: the annual meeting's tokens all but one dropped by hand.
    from talarstat.store.database import Database

    database = Database.open(sqlite_path)
    try:
        with database.transaction() as session:
            from sqlalchemy import text

            session.connection().execute(text("UPDATE turn SET speaker = NULL WHERE speaker IS NOT NULL AND id NOT IN "
                                              "(SELECT id FROM turn WHERE speaker IS NOT NULL LIMIT 1)"))
    finally:
        database.dispose()
    assert "Removed 1 speaker token from" in cli("--db", sqlite_path, "purge", "bdaa").out
    assert "Removed 0 speaker tokens from" in cli("--db", sqlite_path, "purge", "bdaa").out


def _with_terminal_stderr(args: list[str], env: dict[str, str]) -> tuple[int, str, str]:
    """Run with stderr on a pseudo-terminal (as in a shell) and stdout piped."""
    master, slave = pty.openpty()
    process = subprocess.Popen([str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=slave, text=True,
                               env={**os.environ, **env})
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out = process.stdout.read() if process.stdout else ""
    code = process.wait(timeout=120)
    os.close(master)
    return code, out, seen.decode("utf-8", "replace")


def test_long_work_shows_a_progress_bar_on_a_terminal_and_is_quiet_when_piped(tmp_path: Path, cli: Cli) -> None:
    db = str(tmp_path / "p.db")
    env = {"TALARSTAT_LANG": "en", "TALARSTAT_DB": db, "COLUMNS": "100"}
    code, out, terminal = _with_terminal_stderr(["import", *map(str, EXAMPLES)], env)
    assert code == 0 and "imported cb33c310" in out
    assert "Importing meetings" in terminal and "2/2" in terminal
    code, out, terminal = _with_terminal_stderr(["report", "-o", str(tmp_path / "term")], env)
    assert code == 0 and "Drawing the term's charts and report" in terminal and "6/6" in terminal
    code, out, terminal = _with_terminal_stderr(["sync", "--to", str(tmp_path / "central.db")], env)
    assert code == 0 and "Copying meetings" in terminal
    # Piped (as in these in-process runs, and in scripts): nothing but the result.
    piped = cli("--db", db, "export", "cb33", "-o", tmp_path / "export", "--format", "png")
    assert piped.code == 0 and piped.err == "" and piped.out.count("\n") == 1
    again = cli("--db", str(tmp_path / "q.db"), "import", *EXAMPLES)
    assert again.err == "" and again.out.count("\n") == 3  # two files and the summary line


def test_tables_fit_80_columns_and_never_hide_the_open_marker(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(BOARD.read_text(encoding="utf-8"))
    document.update(ended_at=None, title="Distriktsstyrelsens extra sammanträde om budget, val och verksamhetsplan 2027")
    open_file = tmp_path / "open.json"
    open_file.write_text(json.dumps(document), encoding="utf-8")
    db = str(tmp_path / "t.db")
    assert cli("--db", db, "import", open_file, ANNUAL).code == 0
    monkeypatch.setenv("COLUMNS", "80")
    for language, marker in (("en", "open"), ("sv", "pågår")):
        listed = cli("--lang", language, "--db", db, "meetings").out
        lines = listed.splitlines()
        assert all(len(line) <= 80 for line in lines), listed
        row = next(line for line in lines if line.startswith("cb33c310"))
        assert marker in row and "Distriktsstyrelse" in row
    for args in (["stats", "cb33"], ["report"]):
        lines = cli("--db", db, *args).out.splitlines()
        table = lines[next(i for i, line in enumerate(lines) if line.startswith("category")):][:7]
        assert table[-1].startswith("total") and all(len(line) <= 80 for line in table), "\n".join(table)
