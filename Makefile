# kehoach — the two commands a newcomer needs are `make run` and `make test`.
# Everything else here is what those two are made of.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages the app needs at run time or to build its Python packages:
# libpq-dev (psycopg2), Pango and HarfBuzz's subsetter (WeasyPrint), fonts with
# every Vietnamese letter in Times New Roman's metrics, poppler-utils (PDF
# tests), gettext (compilemessages), ICU with pkg-config and g++ (PyICU, Vietnamese collation),
# LibreOffice's headless writer (the office route `make bench` compares against),
# Debian's Chromium and a UI font with every Vietnamese letter (the browser
# journeys in tests/e2e drive that binary; Playwright never downloads a browser).
DEBIAN_PACKAGES := libpq-dev libharfbuzz-subset0 fonts-liberation2 fonts-croscore poppler-utils \
	gettext libpango-1.0-0 libpangoft2-1.0-0 libicu-dev pkg-config g++ libreoffice-writer-nogui \
	chromium fonts-dejavu-core

# The second test run: PostgreSQL (pytest-django creates test_kehoach) and a
# real Celery worker on Redis.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/kehoach
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

# pytest's exit code 5 ("no tests collected") is not a failure of the build.
define pytest
	$(PY) -m pytest $(PYTEST_ARGS); rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; rc=0; fi; exit $$rc
endef

.PHONY: help setup install system-packages messages run test test-embedded test-services \
	lint format worker beat bench backup restore

help:
	@echo "make run     set everything up, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test    the whole suite: lint, import layers, migrations, pytest (SQLite, then PostgreSQL + Redis)"
	@echo "make setup   everything 'make run' does except serving (CI, scripts)"
	@echo "make worker  a Celery worker (needs REDIS_URL)    make beat   the Celery beat scheduler"
	@echo "make lint    ruff + import-linter                 make format reformat and autofix"
	@echo "make backup  database + stored files into one archive in $(BACKUP_DIR) (README \"Operating it\")"
	@echo "make restore FILE=var/backups/kehoach-….tar   restore an archive, verify it, then migrate"

## Installation ---------------------------------------------------------------

system-packages:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	command -v $(PYTHON) >/dev/null || missing="$$missing python3.11 python3.11-venv python3.11-dev"; \
	command -v gcc >/dev/null || missing="$$missing gcc"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "Missing Debian packages. Install them, then run make again:"; \
	  echo "  sudo apt-get install$$missing"; \
	  exit 1; \
	fi

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: system-packages $(VENV)/.installed node_modules/.installed

messages: install
	@if ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then $(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules; fi

setup: install messages
	@mkdir -p var/mail var/media
	$(MANAGE) migrate --noinput -v1
	@if [ "$${DEBUG:-0}" != "1" ]; then $(MANAGE) collectstatic --noinput -v0; fi

## Serving ----------------------------------------------------------------------

run: export DEBUG := 1
run: setup
	$(MANAGE) loaddemo
	@echo
	@echo "kehoach is served on http://$(HOST):$(PORT)/ — log in with one of the accounts above (Ctrl+C stops it)."
	$(MANAGE) runserver $(HOST):$(PORT)

worker: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL is not set: tasks run inside the web process and no worker is needed."; exit 1; }
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: install
	@test -n "$$REDIS_URL" || { echo "REDIS_URL is not set: periodic tasks need Redis and a worker."; exit 1; }
	@mkdir -p var
	$(VENV)/bin/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule

## Quality -------------------------------------------------------------------------

lint: install
	$(VENV)/bin/ruff check --output-format=concise .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix --output-format=concise .

test: lint messages
	env -u DATABASE_URL -u REDIS_URL $(MANAGE) makemigrations --check --dry-run
	@$(MAKE) --no-print-directory test-embedded
	@$(MAKE) --no-print-directory test-services

test-embedded:
	@echo "== pytest: embedded default (SQLite, tasks run eagerly)"
	@env -u DATABASE_URL -u REDIS_URL bash -c '$(pytest)'

test-services:
	@if $(PY) -c "import socket; [socket.create_connection(('127.0.0.1', p), 2).close() for p in (5432, 6379)]" 2>/dev/null; then \
	  echo "== pytest: PostgreSQL ($(PG_TEST_URL)) + Redis ($(REDIS_TEST_URL)) + a real Celery worker"; \
	  DATABASE_URL=$(PG_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) bash -c '$(pytest)'; \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: CI=true but PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is unreachable." >&2; \
	  exit 1; \
	else \
	  echo "NOTE: PostgreSQL or Redis is not reachable on 127.0.0.1; the PostgreSQL + Redis run was skipped (CI requires it)."; \
	fi

# Performance figures, one JSON object per line (README "Performance"); needs
# PostgreSQL on 127.0.0.1 (BENCH_PG_URL) for the server figures.
bench: install
	@env -u DATABASE_URL -u REDIS_URL $(PY) bench/run.py

## Operating ------------------------------------------------------------------------

# Backups (README "Operating it"): the database (pg_dump, or SQLite's online
# backup) and every stored file in one archive with a manifest of row counts
# and SHA-256 sums. `make restore` refuses a database that holds data unless
# FORCE=1, verifies the result, then applies migrations of newer code.
BACKUP_DIR ?= var/backups
BACKUP_KEEP ?= 14
FILE ?=
FORCE ?=

backup: install
	$(MANAGE) backup -o $(BACKUP_DIR) --keep $(BACKUP_KEEP)

restore: install
	@test -n "$(FILE)" || { echo "Name the archive: make restore FILE=$(BACKUP_DIR)/kehoach-YYYYMMDD-HHMMSS.tar"; exit 1; }
	$(MANAGE) restore "$(FILE)" $(if $(FORCE),--force)
	$(MANAGE) migrate --noinput -v1
