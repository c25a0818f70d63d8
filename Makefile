# make demo   - install into .venv, run the validator and the statistics, then the
#               baselines' leaderboard
# make test   - install with test extras, lint, check formatting, run the tests
# make browser - install Debian's chromium for the browser tests, if missing and root
# make screenshots - regenerate docs/img/*.png (the README's views, headless chromium)
# make clean  - remove the venv, build output and caches
#
# The install stamps live inside .venv, so removing .venv also forces a reinstall.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --no-input

.PHONY: demo test lint clean browser screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-install: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	touch $@ $(VENV)/.stamp-install

demo: $(VENV)/.stamp-install
	$(BIN)/wiregold validate
	$(BIN)/wiregold stats
	$(BIN)/wiregold leaderboard

lint: $(VENV)/.stamp-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint browser
	$(BIN)/python -m pytest -q

# Never fails: without a browser the browser tests skip and say why.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make browser: installing Debian's chromium for the browser tests"; \
	  (timeout 900 apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	   timeout 900 apt-get install -y -qq chromium) >/dev/null 2>&1 \
	  || echo "make browser: could not install chromium; the browser tests will be skipped"; \
	else echo "make browser: no chromium and not root; the browser tests will be skipped"; fi

screenshots: $(VENV)/.stamp-install browser
	$(BIN)/python -m wiregold.render.screenshots --out-dir docs/img

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
