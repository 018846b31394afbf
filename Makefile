# Two commands do all the set-up on a fresh machine:
#   make portal   build the demo portal from content/ into output/
#   make test     install everything the tests need and run them
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TEST_EXTRAS := $(VENV)/.test-extras

.PHONY: portal test test-fast system clean

# The portal needs only the package and its own dependencies (no Playwright, no Frictionless).
$(BIN)/gongshi: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

# The tests add their extras (pytest, ruff, Playwright, axe, Frictionless ...).
$(TEST_EXTRAS): $(BIN)/gongshi
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

portal: $(BIN)/gongshi
	$(BIN)/gongshi build

# Debian packages the tests use: Chromium (browser tests), CJK fonts (screenshots),
# zbarimg (decodes QR codes), a Java runtime (the Nu HTML Checker).
APT_PACKAGES := chromium fonts-noto-cjk zbar-tools default-jre-headless
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

system:
	@command -v chromium >/dev/null && command -v zbarimg >/dev/null && command -v java >/dev/null || { \
	  echo "Installing Debian packages for the tests: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; }

test: $(TEST_EXTRAS) system
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# The loop while you work: no browser, no whole-site property runs; under a minute on 2 cores.
test-fast: $(TEST_EXTRAS)
	$(BIN)/ruff check .
	$(BIN)/pytest -q -m "not slow and not browser"

clean:
	rm -rf output internal .pytest_cache .ruff_cache
