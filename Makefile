# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make deck   create the environment and build every variant of the deck into output/
#   make test   create the environment and run every check and test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: deck export test test-fast lint typecheck pytest bench contact-sheet clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
# bytecode for our own modules too (pip compiles only what it copies; an editable install
# copies nothing), so a fresh process skips compiling ~190 modules: compileall writes it even
# under PYTHONDONTWRITEBYTECODE=1, and __pycache__ is ignored by git
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

deck: $(STAMP)
	$(BIN)/summarydeck build --all

# PDF, one PNG per slide and a contact sheet of every variant (needs LibreOffice and poppler)
export: deck
	$(BIN)/summarydeck export --all

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

# the quick loop while working: every test but the slow ones (LibreOffice, watch processes,
# time-outs); `make test` runs everything, as CI does
test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow"

# after a change to the look: rebuild the picture of every slide that docs/qlab-deck.md shows
contact-sheet: deck
	$(BIN)/python scripts/contact_sheet.py

# the speed table of docs/performance.md (about four minutes), then where a build's time goes;
# `.venv/bin/python bench/speed.py --quick` for a one-minute try
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/build_speed.py --runs 3

# keeps output/*.backup-*.pptx: those hold someone's edits (see "Safe regeneration" in README)
clean:
	rm -rf $(VENV) $(filter-out $(wildcard output/*.backup-*.pptx),$(wildcard output/*.pptx)) \
		output/*.manifest.json output/*.review.md output/*.pdf output/*.png \
		output/*-slides output/preview output/.cache
