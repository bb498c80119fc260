# Two entry points for a newcomer: `make run` (the web UI over the seed articles) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

.PHONY: install run test bench eval
install: $(BIN)/.installed

run: install
	$(BIN)/qa serve

test: install
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

bench: install
	HF_HUB_OFFLINE=1 $(BIN)/python bench/benchmark.py

eval: install
	$(BIN)/qa eval tests/data/dev_qa.jsonl
