# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/uccn.duckdb
PORT   ?= 8501

.PHONY: run test check lint bench demo clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "). Set PYTHON=python3.11.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

$(DB): | $(VENV)/.runtime
	$(BIN)/python -m uccn_data demo --db $(DB)

## Start the dashboard on the demo store at http://localhost:8501 (builds the store if missing).
## Nothing may leave the machine: `dashboard.serve` is `streamlit` without its lookup of this
## machine's public address when a websocket is refused, and --browser.serverAddress spares the
## one at start. The container image (Dockerfile) runs the same command.
run: $(VENV)/.runtime $(DB)
	UCCN_DB=$(DB) $(BIN)/python -m dashboard.serve run dashboard/app.py --server.port $(PORT) --browser.serverAddress localhost

## (Re)build the demo store.
demo: $(VENV)/.runtime
	$(BIN)/python -m uccn_data demo --db $(DB)

## Format, lint, types on uccn_data/, then every test.
test: $(VENV)/.dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

## The quick loop: format, lint, types, then the unit and page tests without
## the browser, on every core (pytest-xdist), with a tenth of each property test's examples
## (those that fail are kept in .hypothesis/ and tried first). It leaves out the tests
## marked `processes` (they start other Python processes: the killed imports, the import
## worker's child, the command line); `make test` stays the full run, and runs them.
check: $(VENV)/.dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -m "not e2e and not processes" -n auto --dist worksteal --hypothesis-profile=quick tests/unit tests/app

lint: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Benchmarks, side by side with their baselines (not a test).
bench: $(VENV)/.dev
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
