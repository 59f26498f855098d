# "Who do CyberTips help?" — every task a maintainer or reader runs.
#
#   make serve   build the book and serve it on http://127.0.0.1:8000
#   make test    run every test (lint, unit, notebooks, built site in headless Chromium)
#
# Both create the virtual environment (.venv, from the pinned requirements.txt) if needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
SITE := _build/html
PORT ?= 8000

.PHONY: help venv build rebuild serve test test-unit test-notebooks test-site test-fresh-env \
        lint format notebooks bench clean clean-all

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'
	@echo "Other targets: build, lint, format, notebooks, bench, test-unit, test-notebooks,"
	@echo "               test-site, test-fresh-env, clean, clean-all"

# The environment is rebuilt whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Build the book; warnings are errors. Notebooks are executed and cached in
# _build/.jupyter_cache; a change to tipline/, data/ or the configuration re-runs them all
# (see tools/build_book.py).
build: venv
	$(PY) tools/build_book.py

# Clean build from scratch (drops the execution cache too).
rebuild: venv
	rm -rf _build
	$(PY) tools/build_book.py --fresh

serve: build
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(SITE)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Unit and property tests of the package (no built site needed).
test-unit: venv
	$(BIN)/pytest -m "not browser and not slow" -q

# Every notebook re-run in a fresh kernel; cells marked NBVAL_CHECK_OUTPUT must reproduce
# their stored output.
test-notebooks: venv
	$(BIN)/pytest --nbval-lax -p no:randomly book -q

# The built site in headless Chromium (/usr/bin/chromium): charts drawn, no console
# errors, no off-site requests, no serious axe violations, the explorer matches the model.
test-site: build
	$(BIN)/pytest -m browser -q

# A brand-new virtual environment from requirements.txt alone (as Binder builds it) runs
# every notebook top to bottom.
test-fresh-env: venv
	$(BIN)/pytest -m slow -q

test: lint test-unit test-notebooks test-site test-fresh-env

# Re-run every notebook and store the outputs of its NBVAL_CHECK_OUTPUT cells (do this
# after changing data or the model, then review the diff).
notebooks: venv
	$(PY) tools/refresh_notebooks.py book

bench: build
	$(PY) bench/bench.py

clean:
	rm -rf _build

clean-all: clean
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
