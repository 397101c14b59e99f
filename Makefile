# Everything a newcomer needs: `make demo` (or `make lab`) and `make test`.
# The first run creates .venv and installs contractkit with its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo lab test lint format benchmarks samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/contractkit demo sample_contracts

lab: setup
	$(BIN)/jupyter lab notebooks/

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

samples: setup
	$(BIN)/python sample_contracts/generate.py

benchmarks: setup
	$(BIN)/python benchmarks/engine_agreement.py
	$(BIN)/python benchmarks/segmentation.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
