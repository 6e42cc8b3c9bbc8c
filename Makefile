# One environment for building, testing and reading the book.
#   make book    build the HTML book into _build/html (creates the environment first), with the
#                instructor pack in _build/html/pack/: answer key, worksheets (PDFs printed by Chromium),
#                LMS files and the whole site as a zip
#   make test    run every test (same environment), after the linter
#   make lint    ruff check and ruff format --check; make format rewrites the code as ruff formats it
#   make lab     open the chapters in JupyterLab
#   make serve   preview _build/html on http://127.0.0.1:8000
#   make answer-key  instructor answer key into _build/instructor/ (not linked from the book); needs
#                only Python: its own light environment (.venv-teach), or `pip install .` then nkbook-teach
#   make lms     the question bank for learning platforms into _build/lms/ (the same light environment):
#                Moodle XML (and a copy for a Moodle without the ordering type), GIFT, a QTI 1.2 zip
#   make worksheet-layouts  search each worksheet's layout again and record it (exercises/worksheet-layouts.json)
#   make bench   build times (cold, warm, one chapter changed, nbval, template book) and page weights
#   make lighthouse  Lighthouse performance and accessibility scores of three pages
#   make check-site  every page of the built book in headless Chromium: offline, no console error,
#                charts drawn, exercises answering, links and anchors whole, axe-core WCAG 2.1 AA
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
PORT ?= 8000
BOOK_FLAGS := -W -n --keep-going

.PHONY: env book test lint format lab serve clean lock answer-key lms check-site bench lighthouse worksheet-layouts

env: $(STAMP) $(NPM_STAMP)
	@$(BIN)/python -c "import nkbook, pathlib, sys; here = pathlib.Path('$(CURDIR)/src/nkbook').resolve(); \
	used = pathlib.Path(nkbook.__file__).resolve().parent; \
	sys.exit(0 if used == here else f'.venv runs the nkbook of another checkout ({used}), not this one ({here}). ' \
	'Remove it and make it again here: rm -rf .venv && make env')"

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# Vega, Vega-Lite and Vega-Embed are served from the book's own _static (no CDN).
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

book: env
	$(BIN)/python -m nkbook.build build . $(BOOK_FLAGS)
	@echo "The book is at file://$(CURDIR)/_build/html/index.html (or run: make serve)"

# Tests write nothing to $$HOME: IPython, Jupyter, npm and Chromium keep their files under _build/home.
TEST_HOME := $(CURDIR)/_build/home
test: env lint
	@mkdir -p $(TEST_HOME)
	HOME=$(TEST_HOME) IPYTHONDIR=$(TEST_HOME)/.ipython JUPYTER_CONFIG_DIR=$(TEST_HOME)/.jupyter \
	JUPYTER_DATA_DIR=$(TEST_HOME)/.local/share/jupyter JUPYTER_RUNTIME_DIR=$(TEST_HOME)/.local/share/jupyter/runtime \
	npm_config_cache=$(TEST_HOME)/.npm XDG_CONFIG_HOME=$(TEST_HOME)/.config XDG_CACHE_HOME=$(TEST_HOME)/.cache \
	$(BIN)/python -m pytest

# ruff (configured in pyproject.toml): lint, and the code formatted as ruff formats it.
lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: env
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-site: env
	$(BIN)/python -m pytest tests/test_site.py tests/test_browser_exercises.py

# After a change to a chapter, its exercises or the worksheets' look: search each worksheet's layout again
# from the last build's notebooks (a build prints the recorded one; tests/test_pack.py says when to).
worksheet-layouts: env
	$(BIN)/python -m nkbook.pack layouts

# Measurements, not tests: build times against a template book, page weight and drawing time.
bench: env
	$(BIN)/python benchmarks/bench.py

# Lighthouse (npm, pinned in package.json) on the introduction, the model chapter and the heaviest page.
lighthouse: book
	$(BIN)/python benchmarks/lighthouse.py

# The instructor's exports need only Python and the package's small dependencies (no Node, no
# Jupyter, no browser): their own environment, pinned to the versions requirements.lock tested.
TEACH := .venv-teach
$(TEACH)/.installed: pyproject.toml requirements.lock
	@test -x $(TEACH)/bin/python || $(PYTHON) -m venv $(TEACH)
	grep -o '^[A-Za-z0-9_.-]*==[^ ]*' requirements.lock > $(TEACH)/constraints.txt
	$(TEACH)/bin/python -m pip install --quiet -c $(TEACH)/constraints.txt -e .
	@touch $@

answer-key: $(TEACH)/.installed
	$(TEACH)/bin/nkbook-teach answer-key _build/instructor

lms: $(TEACH)/.installed
	$(TEACH)/bin/nkbook-teach lms _build/lms

lab: env
	$(BIN)/jupyter lab chapters/

serve:
	@test -f _build/html/index.html || { echo "No book yet: run 'make book' first."; exit 1; }
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html $(PORT)

# Re-pin the whole dependency tree after changing pyproject.toml.
lock:
	rm -rf /tmp/nkbook-lock && $(PYTHON) -m venv /tmp/nkbook-lock
	/tmp/nkbook-lock/bin/pip install --quiet --upgrade "pip==26.3"
	/tmp/nkbook-lock/bin/pip install --quiet ".[book,test,lab]"
	/tmp/nkbook-lock/bin/pip freeze --exclude nkbook > /tmp/nkbook-lock/frozen.txt
	/tmp/nkbook-lock/bin/python tools/hash_lock.py /tmp/nkbook-lock/frozen.txt requirements.lock

clean:
	rm -rf _build
