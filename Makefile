# Two commands do everything on a fresh machine (see README.md):
#   make book   - set up, then build _build/html/index.html and _build/pdf/book.pdf
#   make test   - set up, then run every test (units, bad data, nbval, offline build,
#                 browser, PDF)
# Overrides: make book PARAMS="end_year=2000"  DATA_DIR=path/to/data  OUT=path/to/output

SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PARAMS ?=
DATA_DIR ?=
OUT ?=

.PHONY: book test setup system notebooks bench lint lock clean geo citations manifest

book: setup
	$(PY) -m analysis.build $(foreach p,$(PARAMS),--param $(p)) $(if $(DATA_DIR),--data-dir $(DATA_DIR)) $(if $(OUT),--out $(OUT))

test: setup lint
	$(PY) -m pytest

setup: system $(STAMP)

system:
	@bash scripts/system-packages.sh

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (the book needs Python 3.11); set PYTHON=/path/to/python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Re-execute the committed chapter notebooks in place (after changing data or helpers).
notebooks: setup
	$(PY) -m analysis.build --update-notebooks

bench: setup
	$(PY) bench/build.py

# Lint the code, the tests, the scripts and the code cells of the notebooks.
lint: setup
	$(VENV)/bin/ruff check src tests bench scripts _ext chapters templates

# Regenerate the full pin set from the direct pins of pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	{ echo "# Full, exact pin set of the Python environment (pip freeze of a working install)."; \
	  echo "# Regenerate with: make lock   (after changing the direct pins in pyproject.toml)"; \
	  .venv-lock/bin/pip freeze --exclude-editable | grep -iv '^russia-japan-report'; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf _build

# Citations per page by kind of source, and facts resting only on reference-kind sources.
citations: setup
	$(PY) -m analysis.citations

# Record the data of a release: releases/$(VERSION).json (fingerprints of every cell), which
# the Edition page of later versions compares their data with.
manifest: setup
	@test -n "$(VERSION)" -a -n "$(DATE)" || { echo "usage: make manifest VERSION=x.y.z DATE=YYYY-MM-DD" >&2; exit 2; }
	$(PY) -m analysis.edition snapshot --version $(VERSION) --date $(DATE)

# Regenerate the map layers in data/geo/ from Natural Earth (npm world-atlas, pinned in
# scripts/geo/package-lock.json). Maintainers only: needs npm and the registry.
geo: setup
	$(PY) scripts/make_geo.py
