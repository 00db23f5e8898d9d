# Koers: every target does its own set-up on a fresh Debian 12 machine with Python 3.11.
#   make run    start the app with demo data on http://127.0.0.1:8000 (SQLite; PORT=8001 for another)
#   make test   lint, migration check and the test suite (PostgreSQL + Debian's Chromium)
#               extra pytest arguments: make test PYTEST_ARGS="-k plans -x"

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
PYTEST_ARGS ?=
BENCH_ARGS ?=
SOAK_ARGS ?=
BENCH_DATABASE_URL ?=
PORT ?= 8000

.PHONY: help venv run test lint fmt bench bench-deps soak clean

help:
	@echo "make run      start Koers with demo data on http://127.0.0.1:8000"
	@echo "make test     ruff, migration check and pytest (PYTEST_ARGS=... passes arguments on)"
	@echo "make lint     ruff check, ruff format --check, mypy and the import-linter contracts"
	@echo "make fmt      sort imports and format with ruff"
	@echo "make bench    capacity and cost per page (BENCH_ARGS=\"--youths 20000 --json out.json\")"
	@echo "make soak     30 minutes of the mix at half the capacity (SOAK_ARGS=\"--minutes 3 --json soak.json\")"
	@echo "make clean    remove caches, build leftovers and collected static files (keeps .venv and data)"

# Creates .venv with Python 3.11 when it is missing or broken, and installs the project with its
# test extras whenever pyproject.toml is newer than the stamp file.
venv:
	@set -euo pipefail; \
	is311() { "$$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; }; \
	if [ -x $(BIN)/python ] && is311 $(BIN)/python; then :; else \
		py=""; \
		for c in python3.11 python3; do \
			if command -v "$$c" >/dev/null 2>&1 && is311 "$$(command -v $$c)"; then py="$$(command -v $$c)"; break; fi; \
		done; \
		if [ -z "$$py" ]; then echo "make: Python 3.11 not found (Debian 12: apt-get install python3.11)" >&2; exit 1; fi; \
		if ! "$$py" -c 'import ensurepip, venv' 2>/dev/null; then \
			echo "make: $$py cannot create a virtual environment; installing python3.11-venv"; \
			if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
			elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
			else echo "make: run as root: apt-get install python3.11-venv" >&2; exit 1; fi; \
			$$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
			$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3.11-venv; \
		fi; \
		rm -rf $(VENV); \
		echo "make: creating $(VENV) with $$py"; \
		"$$py" -m venv $(VENV); \
	fi; \
	if [ ! -f $(STAMP) ] || [ pyproject.toml -nt $(STAMP) ]; then \
		echo "make: installing Koers and its test dependencies into $(VENV)"; \
		$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test]'; \
		touch $(STAMP); \
	fi

# The settings need KOERS_SECRET_KEY unless KOERS_DEBUG=true; `make run` is the local demo, so it
# runs with KOERS_DEBUG=true unless the environment says otherwise.
run: export KOERS_DEBUG ?= true
# The links in mails (portal sign-in, notifications) point at this server.
run: export KOERS_BASE_URL ?= http://127.0.0.1:$(PORT)
run: venv
	scripts/ensure-run-deps.sh
	$(BIN)/koers migrate --noinput
	$(BIN)/koers demo --organisations 2 --youths 40 --seed 1 --if-empty
	$(BIN)/koers collectstatic --noinput -v0
	$(BIN)/koers worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(BIN)/koers serve --host 127.0.0.1 --port $(PORT)

# Runs all three checks even when one fails, and pytest last, so that its summary is the closing
# line; fails when any of them failed.
# A fixed key for the test settings (KOERS_DEBUG stays false, as in production), unless set.
test: export KOERS_SECRET_KEY ?= insecure-key-for-tests-only
test: venv
	scripts/ensure-test-deps.sh
	@status=0; \
	echo "== ruff check"; \
	$(BIN)/ruff check . || status=1; \
	echo "== mypy (strict, koers/lib)"; \
	$(BIN)/mypy || status=1; \
	echo "== import-linter (apps depend in one direction)"; \
	$(BIN)/lint-imports --no-cache || status=1; \
	echo "== makemigrations --check"; \
	scripts/with-test-postgres.sh $(BIN)/koers makemigrations --check --dry-run || status=1; \
	echo "== pytest"; \
	scripts/with-test-postgres.sh $(BIN)/python -m pytest $(PYTEST_ARGS) || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)" >&2; fi; \
	exit $$status

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

fmt: venv
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .

# The capacity of one machine (an open-loop mix of a working day, Locust) and each page's cost with
# one user, at 100,000 youths on a throw-away PostgreSQL (the demo takes ~17 minutes). Smaller and
# quicker: make bench BENCH_ARGS="--youths 20000 --json out.json" (--step-seconds 20: a quick look).
# A database kept between runs: make bench BENCH_DATABASE_URL=postgres://... (docs/benchmarks.md).
bench soak: export KOERS_SECRET_KEY ?= insecure-key-for-benchmarks-only
bench soak: export KOERS_ALLOWED_HOSTS ?= 127.0.0.1,localhost
bench: bench-deps
	$(if $(BENCH_DATABASE_URL),KOERS_TEST_DATABASE_URL='$(BENCH_DATABASE_URL)') \
		scripts/with-test-postgres.sh $(BIN)/python scripts/bench.py $(BENCH_ARGS)

bench-deps: venv
	scripts/ensure-test-deps.sh
	@if [ ! -f $(BENCH_STAMP) ] || [ pyproject.toml -nt $(BENCH_STAMP) ]; then \
		echo "make: installing the load generator (the bench extra) into $(VENV)"; \
		$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[test,bench]'; \
		touch $(BENCH_STAMP); \
	fi

# A soak, by hand (not part of `make test`): the bench's mix at 31 requests/s (half its measured
# capacity) for 30 minutes, with the memory of the app processes and the rows of the tables that
# must stay small each minute (scripts/soak.py, docs/benchmarks.md). Same data and database as the
# bench: BENCH_DATABASE_URL to reuse one. SOAK_ARGS takes the soak's options (--minutes, --rate,
# --json) and the bench's (--consultants, --workers ...); BENCH_ARGS is not read.
soak: bench-deps
	$(if $(BENCH_DATABASE_URL),KOERS_TEST_DATABASE_URL='$(BENCH_DATABASE_URL)') \
		scripts/with-test-postgres.sh $(BIN)/python scripts/soak.py $(SOAK_ARGS)

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .hypothesis .mypy_cache build dist *.egg-info staticfiles
