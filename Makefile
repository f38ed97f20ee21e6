# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean

$(BIN)/truceline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/truceline  ## set up, ingest the bundled sample into demo.db, print a summary
	rm -f demo.db
	$(BIN)/truceline ingest samples/ --db demo.db
	$(BIN)/truceline summary --db demo.db

test: $(BIN)/truceline  ## set up and run the whole test suite
	$(BIN)/pytest

bench: $(BIN)/truceline  ## throughput of truceline extract against bare spaCy, same texts, same run
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) demo.db
