# Everything a newcomer needs: `make lab` (the notebooks; or `make demo` in a terminal,
# `make dashboard` for the Voilà app) and `make test`.
# The first run creates .venv and installs contractkit with its test extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NOTEBOOKS := notebooks/*.ipynb
# Strict: every cell's saved outputs are the spec; sanitize.cfg masks addresses and timings.
NBVAL := $(BIN)/pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

.PHONY: tesseract setup demo lab dashboard test nbtest notebooks screenshots lint format benchmarks samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# OCR of scanned PDFs needs the tesseract program: installed with apt-get on Debian/Ubuntu
# (sudo when not root); elsewhere the README says how, and scans stay `no_text_layer`.
TESSERACT_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu
tesseract:
	@command -v tesseract >/dev/null || { \
	  if command -v apt-get >/dev/null; then \
	    sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
	    $$sudo apt-get update -q && $$sudo apt-get install -y -q $(TESSERACT_PACKAGES) \
	      || echo "could not install Tesseract: OCR of scanned PDFs stays off"; \
	  else \
	    echo "Tesseract not found: OCR of scanned PDFs is off (macOS: brew install tesseract" \
	      "tesseract-lang; conda: conda install -c conda-forge tesseract)"; \
	  fi; }

setup: $(STAMP) tesseract

demo: setup
	$(BIN)/contractkit demo sample_contracts

# Jupyter refuses to run as root unless told; containers and CI machines often are root.
AS_ROOT = $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: setup  # JupyterLab on notebooks/: 01 quick start, 02 procurement, 03 IT licences, 04 legal
	$(BIN)/jupyter lab notebooks/ --ServerApp.ip=127.0.0.1 $(AS_ROOT)

dashboard: setup  # the triage and explorer app, served on 127.0.0.1
	$(BIN)/voila notebooks/dashboard.ipynb --Voila.ip=127.0.0.1

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Tests and notebook checks keep their results in a throwaway store, never the user's own
# (notebook 04 and the dashboard scan into the default store; contractkit.store honours
# CONTRACTKIT_STORE, and tests/conftest.py gives pytest run by hand a temporary one too).
WITH_TEST_STORE = store=$$(mktemp -d) && trap 'rm -rf "$$store"' EXIT && \
	CONTRACTKIT_STORE="$$store/results.sqlite"

test: lint
	$(WITH_TEST_STORE) $(BIN)/pytest
	$(WITH_TEST_STORE) $(NBVAL) $(NOTEBOOKS)

nbtest: setup
	$(WITH_TEST_STORE) $(NBVAL) $(NOTEBOOKS)

notebooks: setup  # re-execute and save the outputs nbtest compares against
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--NotebookClient.store_widget_state=False --NotebookClient.record_timing=False $(NOTEBOOKS)

screenshots: setup  # the README's dashboard pictures, taken by the browser test
	CONTRACTKIT_SCREENSHOTS=notebooks/images $(BIN)/pytest -q tests/test_dashboard_browser.py

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

samples: setup
	$(BIN)/python sample_contracts/generate.py

benchmarks: setup
	$(BIN)/python benchmarks/engine_agreement.py
	$(BIN)/python benchmarks/segmentation.py
	$(BIN)/python benchmarks/ocr_agreement.py
	$(BIN)/python benchmarks/it_types.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
