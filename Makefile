# Ressort — two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
RESSORT := $(BIN)/ressort
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL used by `make test` for its second pass, when it answers.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/ressort
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install system-deps install-dev run serve test test-sqlite test-postgres quality bench bench-workshop bench-pages bench-workshop-capacity browser-deps vendor clean

$(BIN)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

## install: venv, pinned dependencies, database migrations, official data, frameworks, demo
install: system-deps $(BIN)/.installed
	mkdir -p var
	DEBUG=$${DEBUG:-1} $(RESSORT) setup

## run: install, then serve HTTP and websockets on http://127.0.0.1:8000, and run the
## background worker (documents, digest) beside it, both until Ctrl-C
run: install
	export DEBUG=$${DEBUG:-1}; $(RESSORT) taches travailleur & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(RESSORT) runserver $(HOST):$(PORT)

## serve: the production serving model on http://127.0.0.1:8000 (after `make install`):
## PROCESSES uvicorn processes, THREADS page requests at a time in each, plus the worker
PROCESSES ?= 2
THREADS ?= 4
serve: install
	$(RESSORT) taches travailleur & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(RESSORT) servir --adresse $(HOST) --port $(PORT) --processus $(PROCESSES) --fils $(THREADS)

## system-deps: Debian's Pango and Cairo, for the PDF (WeasyPrint) and DOCX drawings (CairoSVG)
system-deps:
	@if ! /sbin/ldconfig -p | grep -q 'libpango-1.0.so' || ! /sbin/ldconfig -p | grep -q 'libcairo.so.2'; then \
	  echo "Installation de Pango et Cairo (paquets Debian) pour les documents…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libcairo2; fi

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installation de chromium (paquet Debian) pour les tests navigateur…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

install-dev: $(BIN)/.installed-dev browser-deps system-deps

## quality: lint, format check, type check of the analysis package, migrations check
quality: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(RESSORT) makemigrations --check --dry-run

# The suite runs in parallel (pytest-xdist, one database per worker) on tables built from
# the models (--nomigrations: rendering 60-odd migrations costs each worker about 30 s of
# CPU; `quality` checks that the migrations match the models), then the browser journeys,
# which drive one chromium each and stay serial, then the tests of the migrations themselves.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
PYTEST_PARALLEL = $(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile --nomigrations -m "not migrations" --ignore=tests/browser
PYTEST_BROWSER = $(BIN)/pytest -q --nomigrations tests/browser
PYTEST_MIGRATIONS = $(BIN)/pytest -q -m migrations

test-sqlite: install-dev
	@echo "== Tests sur SQLite =="
	env -u DATABASE_URL $(PYTEST_PARALLEL)
	env -u DATABASE_URL $(PYTEST_BROWSER)
	env -u DATABASE_URL $(PYTEST_MIGRATIONS)

test-postgres: install-dev
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== Tests sur PostgreSQL ($(PG_TEST_URL)) =="; \
	  DATABASE_URL=$(PG_TEST_URL) $(PYTEST_PARALLEL) && DATABASE_URL=$(PG_TEST_URL) $(PYTEST_BROWSER) \
	    && DATABASE_URL=$(PG_TEST_URL) $(PYTEST_MIGRATIONS); \
	else echo "== PostgreSQL ne répond pas à $(PG_TEST_URL) : passe PostgreSQL sautée =="; fi

## test: quality checks, then the whole suite on SQLite and (when it answers) PostgreSQL
test: quality test-sqlite test-postgres
	@echo "Suite passée sur : SQLite$$($(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close(); print(' et PostgreSQL')" 2>/dev/null)"

## bench: every benchmark of bench/, figures written as JSON under bench/results/
bench: install-dev
	$(BIN)/python -m bench

## bench-pages: the page-load benchmark alone (50 signed-in users, SQLite and PostgreSQL)
bench-pages: install-dev
	$(BIN)/python -m bench page_load

## bench-workshop: the live workshop load benchmark alone (500 participants on websockets)
bench-workshop: install-dev
	$(BIN)/python -m bench.bench_workshop_load

## bench-workshop-capacity: 500 to 2,000 participants on one and two web processes, PostgreSQL
## (DATABASE_URL, a database of its own beside it) + Redis, against pgbench (heavy: ~20 min)
bench-workshop-capacity: install-dev
	$(BIN)/python -m bench.bench_workshop_load --capacite

vendor:
	./scripts/vendor-assets.sh

clean:
	rm -rf $(VENV) var
