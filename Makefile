# losswatch: the two commands of the README, and a few more.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint check clean system-deps

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
test: $(STAMP) system-deps check
	$(BIN)/python -m pytest -n 2 --dist worksteal -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests selected"; exit 0; fi; exit $$rc

## make bench-env: the benchmarks' peers (Datasette, quantulum3) in benchmarks/.venv-peers,
## never in the project's venv, and wrk (Debian) when missing
bench-env:
	@test -x benchmarks/.venv-peers/bin/python || $(shell command -v $(PY) || echo python3) -m venv benchmarks/.venv-peers
	@cmp -s benchmarks/requirements-peers.txt benchmarks/.venv-peers/.installed || { \
	  benchmarks/.venv-peers/bin/pip install -q --upgrade pip && \
	  benchmarks/.venv-peers/bin/pip install -q -r benchmarks/requirements-peers.txt && \
	  cp benchmarks/requirements-peers.txt benchmarks/.venv-peers/.installed; }
	@command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }

## make bench: every benchmark, side by side with its peer; rewrites BENCHMARKS.md (< 10 min)
bench: $(STAMP) bench-env
	$(BIN)/python benchmarks/run_all.py

## make check: formatting, lint and mypy --strict (part of make test)
check: $(STAMP)
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

lint: check

clean:
	rm -rf $(VENV) build *.egg-info
