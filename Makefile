# The whole quick start: `make run` and `make test`. Each creates .venv on first use and
# reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test screenshots bench clean

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

run: $(BIN)/.installed
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
bench: $(BIN)/.installed
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

screenshots: $(BIN)/.installed
	$(BIN)/python scripts/export_screenshots.py --lang sv
	$(BIN)/python scripts/export_screenshots.py --lang en

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
