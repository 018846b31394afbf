# Two commands do all the set-up on a fresh machine:
#   make portal   build the demo portal from content/ into output/
#   make test     install everything the tests need and run them
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: portal test lint browser clean

$(BIN)/gongshi: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

portal: $(BIN)/gongshi
	$(BIN)/gongshi build

browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -qq && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

test: $(BIN)/gongshi browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

clean:
	rm -rf output internal .pytest_cache .ruff_cache
