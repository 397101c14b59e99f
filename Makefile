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

.PHONY: tesseract setup demo lab dashboard test nbtest notebooks screenshots lint format benchmarks benchmarks-full samples clean

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

lab: setup  # JupyterLab on notebooks/: 01 quick start, 02 procurement, 03 IT licences, 04 legal, 05 calendar
	$(BIN)/jupyter lab notebooks/ --ServerApp.ip=127.0.0.1 $(AS_ROOT)

dashboard: setup  # the triage and explorer app, served on 127.0.0.1
	$(BIN)/voila notebooks/dashboard.ipynb --Voila.ip=127.0.0.1

lint: setup  # style, and the stages' direction of imports (.importlinter)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --config .importlinter

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
	CONTRACTKIT_SCREENSHOTS=notebooks/images $(BIN)/pytest -q tests/test_dashboard_browser.py \
	  tests/test_hidden_text.py -k "browser or explorer_draws_hidden"

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

samples: setup
	$(BIN)/python sample_contracts/generate.py

# Benchmarks: the commands behind every table of benchmarks/RESULTS.md, one at a time.
# `make benchmarks` regenerates all but the slow CUAD and OCR tables (about 45 minutes on a
# 2-core machine); `make benchmarks-full` adds those (about 3.5 hours more). They write
# benchmarks/out/ only and never change the package; the CUAD fold models are trained
# (about 15 minutes) only when benchmarks/out/fold_models is missing.
BENCH := $(BIN)/python benchmarks
OUT := benchmarks/out
FOLDS := $(OUT)/fold_models
STORE_RUN := $(OUT)/store_scan

$(FOLDS)/fold-4/held_out.json:
	$(BENCH)/train_clause_classifier.py --folds 5 --fold-models $(FOLDS)

benchmarks: setup $(FOLDS)/fold-4/held_out.json
	$(BENCH)/engine_agreement.py
	$(BENCH)/segmentation.py
	$(BENCH)/segmentation.py --start 5
	$(BENCH)/segmentation.py --engine pdfium
	$(BENCH)/it_types.py --cuad-fold-models $(FOLDS) --out $(OUT)/it_types_cuad_folds.json
	$(BENCH)/it_types.py --pdf --cuad-fold-models $(FOLDS) --out $(OUT)/it_types_pdf.json
	for f in 0.5 0.35 0; do \
	  $(BENCH)/it_types.py --cuad-fold-models $(FOLDS) --detector heading_cue_floor=$$f \
	    --out $(OUT)/it_types_heading_floor_$$f.json || exit 1; \
	done
	$(BENCH)/cuad_detection.py --engine pdfium --cv-models $(FOLDS)
	$(BENCH)/span_reranker.py --cv-models $(FOLDS) --fold-rankers --write-ranker
	$(BENCH)/cuad_detection.py --engine pdfium --cv-models $(FOLDS)  # now with the fold rankers
	$(BENCH)/presence_variants.py  # on the predictions the run above saved
	$(BENCH)/it_second_stage.py --cuad-fold-models $(FOLDS)
	$(BENCH)/detection_cost.py
	$(BENCH)/detection_fingerprints.py --out $(OUT)/detection_fingerprints.json  # compare with --compare
	$(BENCH)/cnn_cost.py
	$(BENCH)/attribute_accuracy.py --cv-models $(FOLDS)
	$(BENCH)/review_precision.py --cuad-fold-models $(FOLDS)
	$(BENCH)/key_dates.py --json $(OUT)/key_dates.json
	$(BENCH)/hidden_text.py
	$(BENCH)/widget_switch.py
	$(BENCH)/scan_speed.py
	$(BENCH)/profile_scan.py
	$(BENCH)/profile_scan.py --engine pdfplumber
	$(BENCH)/ocr_speed.py
	rm -rf $(STORE_RUN) && mkdir -p $(STORE_RUN)
	day=$$(date +%F); \
	for run in cold warm-1 warm-2; do \
	  /usr/bin/time -f "$$run: %e s, %M KB" $(BIN)/contractkit scan ../shared/cuad/pdf \
	    --engine pdfium --cache $(STORE_RUN)/store.sqlite --format jsonl \
	    --out $(STORE_RUN)/$$run.jsonl || exit 1; \
	done; \
	sort $(STORE_RUN)/cold.jsonl > $(STORE_RUN)/cold.sorted; \
	if [ "$$(date +%F)" = "$$day" ]; then \
	  sort $(STORE_RUN)/warm-1.jsonl | cmp $(STORE_RUN)/cold.sorted - && echo "warm = cold"; \
	else echo "the day changed: date findings are judged on another day, warm = cold not checked"; fi

benchmarks-full: benchmarks
	for f in 1 0.5 0.1 0.03; do \
	  $(BENCH)/cuad_detection.py --engine pdfium --cv-models $(FOLDS) \
	    --detector unnamed_party_factor=$$f --out $(OUT)/cuad_detection_party_factor_$$f.json \
	    || exit 1; \
	done
	$(BENCH)/cuad_detection.py --engine pdfium --cv-models $(FOLDS) \
	  --detector heading_cue_floor=0.5 --out $(OUT)/cuad_detection_heading_floor_0.5.json
	$(BENCH)/cuad_detection.py --no-classifier
	$(BENCH)/cuad_detection.py --cv-models $(FOLDS)
	$(BENCH)/train_clause_classifier.py --folds 5
	# a CNN beside the bag of words (issue 17): alone on two folds, then through the pipeline
	for f in 0 1; do \
	  $(BENCH)/clause_model_candidates.py --folds 5 --fold $$f \
	    --out $(OUT)/clause_model_candidates_fold$$f.json || exit 1; \
	done
	$(BENCH)/train_clause_classifier.py --folds 5 --architecture ensemble_small \
	  --fold-models $(OUT)/fold_models_cnn
	$(BENCH)/cuad_detection.py --engine pdfium --cv-models $(FOLDS) --detector span_ranker=false \
	  --out $(OUT)/cuad_detection_no_ranker.json
	$(BENCH)/cuad_detection.py --engine pdfium --cv-models $(OUT)/fold_models_cnn \
	  --out $(OUT)/cuad_detection_cnn.json
	$(BENCH)/span_reranker.py --cv-models $(OUT)/fold_models_cnn --fold-rankers \
	  --scored $(OUT)/cuad_detection_cnn_scored.json.gz --out $(OUT)/span_reranker_cnn.json
	$(BENCH)/cuad_detection.py --engine pdfium --cv-models $(OUT)/fold_models_cnn \
	  --out $(OUT)/cuad_detection_cnn_ranked.json
	$(BENCH)/it_types.py --cuad-fold-models $(OUT)/fold_models_cnn --out $(OUT)/it_types_cnn.json
	$(BENCH)/detection_cost.py --classifier $(OUT)/fold_models_cnn/fold-0
	$(BENCH)/ocr_agreement.py
	$(BENCH)/portfolio.py  # 5,000 contracts in /tmp/portfolio (about 1.1 GB), about an hour

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
