# Two commands for a new user: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# `make test` runs the browser tests too (tests/browser: the app under uvicorn, headless Chromium).
.PHONY: .env run test check lint typecheck imports migrations-check pytest bench soak fuzz lock install clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

# The browser tests drive Debian's Chromium (a test tool's own browser download does not work
# here). Installed once when missing; nothing is done or printed when it is there.
CHROMIUM ?= /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

$(CHROMIUM):
	@echo "installing Chromium for the browser tests (apt-get install chromium)"
	@$(SUDO) apt-get update -qq
	@DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null

install: $(STAMP) $(CHROMIUM)

# Random server secrets, made once and kept out of git: one keys the hash of API keys, the other
# the event chain and its checkpoints (which go to a file beside the database, not in it).
# Run every time, so an .env made before a setting existed gets it; an existing value is kept.
SECRET = $$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(32))')
.env:
	@touch .env
	@grep -q '^FLRISK_API_KEY_SECRET=' .env || { printf 'FLRISK_API_KEY_SECRET=%s\n' "$(SECRET)" >> .env; echo "wrote a new FLRISK_API_KEY_SECRET to .env"; }
	@grep -q '^FLRISK_CHAIN_SECRET=' .env || { printf 'FLRISK_CHAIN_SECRET=%s\n' "$(SECRET)" >> .env; echo "wrote a new FLRISK_CHAIN_SECRET to .env"; }
	@grep -q '^FLRISK_CHAIN_CHECKPOINTS=' .env || printf 'FLRISK_CHAIN_CHECKPOINTS=data/chain-checkpoints.jsonl\n' >> .env

run: install .env
	$(BIN)/flrisk db upgrade
	$(BIN)/flrisk risk-data load
	@$(BIN)/flrisk first-run
	$(BIN)/flrisk serve

test: install check pytest

check: lint typecheck imports migrations-check

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy api ingest models migrations risk_data screening

imports:
	$(BIN)/lint-imports

# `alembic check` on a scratch SQLite database migrated to head.
migrations-check:
	@rm -rf .migrations-check && mkdir -p .migrations-check
	DATABASE_URL=sqlite:///.migrations-check/check.db $(BIN)/flrisk db upgrade
	DATABASE_URL=sqlite:///.migrations-check/check.db $(BIN)/flrisk db check
	@rm -rf .migrations-check

pytest:
	$(BIN)/pytest -n 2 --dist loadgroup -q

bench: install
	$(BIN)/python -m bench

# Imports through uvicorn (3 workers) and an RQ worker on PostgreSQL (TEST_DATABASE_URL) while
# a private Redis restarts and the database is cut; checks the registry afterwards.
soak: install
	$(BIN)/python -m bench.soak

fuzz: install
	FLRISK_FUZZ_EXAMPLES=2000 $(BIN)/pytest -q tests/contract

# Re-resolve the pinned dependency set after changing pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
