# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

.PHONY: demo test fuzz campaign bench train clean postgresql

$(BIN)/truceline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/truceline  ## set up, ingest the bundled sample into demo.db, print a summary
	rm -f demo.db
	$(BIN)/truceline ingest samples/ --db demo.db
	$(BIN)/truceline summary --db demo.db

# One worker per core; worksteal gives a worker that runs dry the tests queued for another, so the
# long evaluation gate (collected first, tests/conftest.py) does not hold back the tests queued
# behind it. The slowest tests are listed at the end, to see where the time goes.
test: $(BIN)/truceline $(CHROMIUM) postgresql  ## set up and run the whole test suite, on SQLite and PostgreSQL
	$(BIN)/pytest -n auto --dist worksteal --durations=15

# tests/test_browser.py drives Debian's chromium. Installed here only where it can be (root with
# apt-get, as in CI); elsewhere the browser tests skip, saying so, and fail under CI=true.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-liberation \
			|| echo "make: could not install chromium: the browser tests will say so"; \
	else \
		echo "make: $(CHROMIUM) is missing; install it (as root: apt-get install chromium) to run the browser tests"; \
	fi

# The tests start a throwaway PostgreSQL server of their own (tests/postgres.py) from Debian's
# postgresql binaries, installed here where they can be (root with apt-get, as in CI); elsewhere
# the PostgreSQL tests skip, saying so, and fail under CI=true.
postgresql:
	@if command -v pg_ctl >/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql \
			|| echo "make: could not install postgresql: the PostgreSQL tests will say so"; \
	else \
		echo "make: PostgreSQL is missing; install it (as root: apt-get install postgresql) to run the PostgreSQL tests"; \
	fi

# The event models (src/truceline/models/: sentences.onnx, minilm.joblib, events.joblib, roles.joblib) from
# data/training; reads ../shared. torch only here, pinned to its CPU build: unpinned, pip fetches
# a CUDA build of several GB.
train: $(BIN)/truceline  ## rebuild the synthetic sentences, fine-tune MiniLM and train the event models (~1 hour on 2 cores)
	$(BIN)/pip install --quiet torch==2.13.0 -e '.[train]'
	$(BIN)/python data/training/synthetic.py > data/training/synthetic.jsonl
	nice $(BIN)/python -m truceline.models.finetune
	$(BIN)/python -m truceline.models.train

fuzz: $(BIN)/truceline  ## the property tests with thousands of generated inputs each, not the suite's few dozen
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_properties.py

campaign: $(BIN)/truceline  ## 10,000 generated inputs through `truceline ingest` in batches beside a control (about an hour)
	nice -n 10 $(BIN)/python tests/campaign.py --inputs 10000 --seed 15 --log campaign.log

bench: $(BIN)/truceline  ## throughput of truceline extract against bare spaCy, same texts, same run
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) demo.db test-artifacts
