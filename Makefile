# The whole quick start: `make run` and `make test`. Each creates .venv on first use and
# reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test screenshots bench translations clean compiled

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/.installed $@

# Byte-compiled as pip compiles an installed package: an editable install is not, and where
# PYTHONDONTWRITEBYTECODE is set every start would compile talarstat's modules again (15-20 ms).
compiled: $(BIN)/.installed
	$(BIN)/python -m compileall -q talarstat

run: compiled
	$(BIN)/talarstat

test: $(BIN)/.installed-test
	$(BIN)/lint-imports
	$(BIN)/ruff check talarstat tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m "not serial"
	$(BIN)/python -m pytest -m serial

# Every measure of issue 11 against its floor (../shared/bench), printed as ratios; the databases
# it needs are built once and kept under $TMPDIR/talarstat-bench. PostgreSQL too when
# TALARSTAT_TEST_PG_URL is set. BENCH_ARGS=--help lists the options.
bench: compiled
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

screenshots: $(BIN)/.installed
	$(BIN)/python scripts/export_screenshots.py --lang sv
	$(BIN)/python scripts/export_screenshots.py --lang en

# The gettext catalogues (talarstat/i18n/locale; docs/development.md, "Translations"): extract the
# keys the code uses into the template, update every language's .po from it, restore the
# python-brace-format flags Babel drops, compile the .mo files the app reads.
LOCALES := talarstat/i18n/locale
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F talarstat/i18n/babel.cfg --omit-header --sort-output --no-location -o $(LOCALES)/talarstat.pot talarstat
	$(BIN)/pybabel update -D talarstat -i $(LOCALES)/talarstat.pot -d $(LOCALES) --no-fuzzy-matching --ignore-pot-creation-date
	$(BIN)/python -m talarstat.i18n.tooling $(LOCALES)/talarstat.pot $(LOCALES)/*/LC_MESSAGES/talarstat.po
	$(BIN)/pybabel compile -D talarstat -d $(LOCALES) --statistics

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
