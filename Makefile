# Two commands: `make run` (set up and start the portal with demo content) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip

.PHONY: run test lint bench install install-dev clean e2e e2e-deps

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-runtime

install: $(VENV)/.installed-runtime
install-dev: $(VENV)/.installed-dev

run: install
	./scripts/run.sh

test: install-dev
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Browser tests: Debian's chromium and CJK fonts (apt, as root in CI) and axe-core (npm, pinned in
# e2e/package-lock.json). Playwright never downloads a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CHROMIUM ?= /usr/bin/chromium

e2e-deps: install-dev
	@if [ ! -x "$(CHROMIUM)" ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium fonts-noto-cjk; \
	fi
	cd e2e && npm ci --no-audit --no-fund

e2e: e2e-deps
	$(VENV)/bin/pytest -m e2e tests/e2e $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: install-dev
	@for script in benchmarks/*.py; do \
		[ -e "$$script" ] || continue; \
		echo "== $$script"; $(PY) "$$script" || exit 1; \
	done

clean:
	rm -rf $(VENV) var/ e2e/node_modules
