# losswatch: the two commands of the README, and a few more.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint clean system-deps

$(BIN)/python:
	$(shell command -v $(PY) || echo python3) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[all,dev]'
	touch $(STAMP)

## make run: install, sync (live, or the bundled snapshot when offline), reconcile, serve on :8000
run: $(STAMP)
	$(BIN)/losswatch sync --or-snapshot
	$(BIN)/losswatch serve --host 127.0.0.1 --port $${PORT:-8000}

## system packages for the PostgreSQL and browser tests (Debian), installed only when missing
system-deps:
	@bash scripts/system-deps.sh

## make test: the whole suite (the command .ci/run calls)
test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n 2 -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests selected"; exit 0; fi; exit $$rc

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) build *.egg-info
