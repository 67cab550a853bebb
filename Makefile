# Two commands set everything up on a fresh Debian/Ubuntu machine:
#   make run    creates .venv, installs, starts the app with the embedded store
#   make test   installs the test extras and runs the whole suite headless
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
SYSDEPS_STAMP := $(VENV)/.system-deps

export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint bench screenshots render soak system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(SYSDEPS_STAMP): scripts/install-system-deps.sh | $(BIN)/python
	bash scripts/install-system-deps.sh
	touch $@

system-deps: $(SYSDEPS_STAMP)

run: $(STAMP) $(SYSDEPS_STAMP)
	QT_QPA_PLATFORM= $(BIN)/cprecorder

test: $(TEST_STAMP) $(SYSDEPS_STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

bench: $(TEST_STAMP) $(SYSDEPS_STAMP)
	$(BIN)/python -m benchmarks

screenshots: $(TEST_STAMP) $(SYSDEPS_STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots

render: $(TEST_STAMP) $(SYSDEPS_STAMP)
	$(BIN)/python scripts/render.py docs/rendered

soak: $(TEST_STAMP) $(SYSDEPS_STAMP)
	CPRECORDER_SOAK=1 $(BIN)/python -m pytest -q -p no:cacheprovider -m soak

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
