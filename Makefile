# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make deck   create the environment and build the deck into output/
#   make test   create the environment and run every check and test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: deck test lint typecheck pytest bench contact-sheet clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

deck: $(STAMP)
	$(BIN)/summarydeck build

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

# after a change to the look: rebuild the picture of every slide that the README shows
contact-sheet: deck
	$(BIN)/python scripts/contact_sheet.py

bench: $(STAMP)
	$(BIN)/python bench/build_speed.py

clean:
	rm -rf $(VENV) output/*.pptx output/.cache
