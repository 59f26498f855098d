# "Who do CyberTips help?" — every task a maintainer or reader runs.
#
#   make serve   build the book and serve it on http://127.0.0.1:8000
#   make test    run every test (lint, unit, notebooks, built site in headless Chromium)
#
# Both create the virtual environment (.venv) if needed: `make serve` with what the book
# needs (requirements.txt), `make test` adds the test tools (requirements-dev.txt). The
# installer is uv from PyPI, with pip as the fallback (INSTALLER=pip forces pip); see
# tools/install_env.sh.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
SITE := _build/html
PORT ?= 8000
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: help venv venv-dev lab build rebuild serve test test-unit test-notebooks test-site test-html test-fresh-env \
        lint format notebooks bench clean clean-all

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'
	@echo "Other targets: build, lint, format, notebooks, bench, lab, test-unit, test-notebooks,"
	@echo "               test-site, test-html, test-fresh-env, venv, venv-dev, clean, clean-all"

# The environment is brought up to date whenever a requirements file changes.
$(VENV)/.installed: requirements.txt pyproject.toml tools/install_env.sh
	PYTHON=$(PYTHON) tools/install_env.sh $(VENV) requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	PYTHON=$(PYTHON) tools/install_env.sh $(VENV) requirements-dev.txt
	touch $@

# The book's environment (build, serve, notebooks).
venv: $(VENV)/.installed

# The book's environment plus tests and development tools.
venv-dev: $(VENV)/.installed-dev

# Work on the notebooks in JupyterLab, with the environment the book is built with.
lab: venv-dev
	$(BIN)/jupyter lab book/

# Build the book; warnings are errors. Notebooks are executed and cached in
# _build/.jupyter_cache; a change to tipline/, data/ or the configuration re-runs them all
# (see tools/build_book.py). Also writes the student notebooks and the tipline wheel to
# _build/html/notebooks/. TIPLINE_HIDE_SOLUTIONS=1 leaves solutions out (teacher's key).
build: venv
	$(PY) tools/build_book.py

# Clean build from scratch (drops the execution cache too).
rebuild: venv
	rm -rf _build
	$(PY) tools/build_book.py --fresh

# Served as a static host serves it (text files gzip-compressed), on 127.0.0.1 only.
serve: build
	$(PY) bench/gzip_server.py $(SITE) --port $(PORT)

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Unit and property tests of the package (no built site needed), on every CPU (pytest-xdist).
test-unit: venv-dev
	$(BIN)/pytest -m "not browser and not slow" -q -n auto

# Every notebook re-run in a fresh kernel; cells marked NBVAL_CHECK_OUTPUT must reproduce
# their stored output. One notebook per worker at a time (--dist loadfile), on every CPU.
test-notebooks: venv-dev
	$(BIN)/pytest --nbval-lax -p no:randomly book -q -n auto --dist loadfile

# The built site in headless Chromium (/usr/bin/chromium): charts drawn, no console
# errors, no off-site requests, no serious axe violations, the explorer matches the model.
test-site: build venv-dev $(VNU_JAR)
	$(BIN)/pytest -m browser -q

# The Nu Html Checker alone over every built page (also part of test-site). vnu.jar comes
# from npm (vnu-jar, pinned in package-lock.json; --ignore-scripts: nothing but the jar is
# fetched) and runs on the machine's Java.
$(VNU_JAR): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test-html: build venv-dev $(VNU_JAR)
	$(BIN)/pytest -m browser -q tests/test_html_valid.py

# Slow tests: a brand-new environment from requirements.txt alone runs Binder's postBuild
# (every chapter notebook, then the student edition); another with only the tipline wheel
# runs every student notebook; the configuration step builds a small book both ways. The
# two files run side by side (--dist loadfile).
test-fresh-env: venv-dev
	$(BIN)/pytest -m slow -q -n auto --dist loadfile

test: lint test-unit test-notebooks test-site test-fresh-env

# Re-run every notebook and store the outputs of its NBVAL_CHECK_OUTPUT cells (do this
# after changing data or the model, then review the diff).
notebooks: venv
	$(PY) tools/refresh_notebooks.py book

# Lighthouse from npm, pinned in bench/package-lock.json (needs Node.js and npm).
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	touch $@

bench: build venv-dev bench/node_modules/.installed
	$(PY) bench/bench.py

clean:
	rm -rf _build

clean-all: clean
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache
