# The two set-up commands: `make run` (the demo province at http://127.0.0.1:8000) and
# `make test` (lint, the layers contract and the whole suite). Needs only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# xstatic-bootstrap ships only a source archive whose setup.py needs `pkg_resources`, which the
# newest setuptools dropped: its build runs with build-constraints.txt (pip ≥ 25.3).
export PIP_BUILD_CONSTRAINT := $(CURDIR)/build-constraints.txt
PIP := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: run test lint bench constraints clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q --upgrade pip

$(VENV)/.run-deps: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e '.[test]'
	touch $@ $(VENV)/.run-deps

# Printed papers' QR codes and the remote-signing simulator use the address the demo serves on.
run: export MOTCUA_PUBLIC_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.run-deps
	$(BIN)/motcua migrate --noinput -v0
	$(BIN)/motcua seed_demo
	@# The signing plug-in simulator (a leader's computer) beside the server, stopped with it.
	$(BIN)/motcua signing_plugin >"$${MOTCUA_VAR_DIR:-var}/signing-plugin.log" 2>&1 & plugin=$$!; \
	trap 'kill $$plugin 2>/dev/null' EXIT INT TERM; \
	$(BIN)/motcua serve --addr $(HOST) --port $(PORT)

lint: $(VENV)/.test-deps
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/motcua makemigrations --check --dry-run -v0
	$(BIN)/motcua spectacular --validate --fail-on-warn --file /dev/null

test: lint
	$(BIN)/pytest $(PYTEST_ARGS)

# Benchmarks (bench/): ratios against a baseline measured in the same run; see bench/README.md.
bench: $(VENV)/.test-deps
	$(BIN)/python bench/dossier_engine.py
	$(BIN)/python bench/portal_pages.py
	$(BIN)/python bench/backoffice_pages.py
	$(BIN)/python bench/payments.py

constraints: $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -e '.[test]'
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) var/static
