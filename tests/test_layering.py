"""The layering of docs/development.md: the domain is pure; only the TUI imports Textual; matplotlib is lazy.

import-linter (run by `make test`) enforces the contracts in pyproject.toml; this test keeps them
honest even when someone runs pytest alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "talarstat"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def roots(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def test_domain_is_pure_python() -> None:
    for path in (PACKAGE / "domain").rglob("*.py"):
        forbidden = roots(imported_modules(path)) & {"textual", "sqlalchemy", "sqlmodel", "alembic", "matplotlib", "typer"}
        assert not forbidden, f"{path} imports {forbidden}"
        assert not any(m.startswith(("talarstat.store", "talarstat.cli")) for m in imported_modules(path)), path


def test_only_the_tui_imports_textual() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "tui" in path.relative_to(PACKAGE).parts:
            continue
        assert "textual" not in roots(imported_modules(path)), path


def test_matplotlib_is_never_imported_at_module_level_outside_charts() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "charts" in path.relative_to(PACKAGE).parts:
            continue
        assert "matplotlib" not in roots(top_level_imports(path)), path


def test_charts_take_plain_data() -> None:
    for path in (PACKAGE / "charts").rglob("*.py"):
        modules = imported_modules(path)
        assert not any(m.startswith(("talarstat.store", "talarstat.i18n", "talarstat.cli", "talarstat.tui")) for m in modules), path
        assert not roots(modules) & {"sqlalchemy", "sqlmodel", "textual"}, path


def test_the_tui_and_the_cli_reach_matplotlib_only_when_asked() -> None:
    """The recording screen must start without matplotlib: nothing there imports reports or charts at the top."""
    for part in ("tui", "cli"):
        for path in (PACKAGE / part).rglob("*.py"):
            assert not any(m.startswith(("talarstat.reports", "talarstat.charts")) for m in top_level_imports(path)), path
