# One command builds the site, one runs the tests. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material's end-of-life notice (May 2027) is left on: see the README's "The engine".

.PHONY: site test serve check lint bench clean browser-deps

# Exact versions with their hashes from requirements.txt (the lock, made from pyproject.toml by pip-compile:
# its header gives the command); then the project itself, built with the locked setuptools.
$(STAMP): pyproject.toml requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator check
	$(BIN)/mkdocs build --strict

# --dirty: a save rebuilds the pages whose Markdown changed and what shows them (generator/mkdocs/live.py), not every page.
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dirty

check: $(STAMP)
	$(BIN)/python -m generator check

# Debian's Chromium and a Japanese font for the browser tests (never a downloaded browser).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi ipa; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-ipafont-gothic >/dev/null; \
	fi

test: lint browser-deps
	$(BIN)/python -m pytest -p no:cacheprovider

# Lint and type-check with the versions pinned in pyproject.toml (the same tools run from pre-commit).
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

# Synthetic briefings at S, M and L in a temporary folder; prints the table and keeps it in bench/results.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run --out bench/results.md

clean:
	rm -rf site build .pytest_cache
