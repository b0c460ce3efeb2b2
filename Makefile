# Kompaswaaier: twee opdrachten doen alles op een nieuwe machine.
#   make site   controleer de gegevens en bouw de drie versies van de site in site/
#   make test   draai alle tests
# De Makefile maakt zelf een virtuele omgeving (.venv) uit pyproject.toml en constraints.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.geinstalleerd
VERSIE ?= professionals

NODE_STAMP := node_modules/.geinstalleerd

.PHONY: help site serve test controleer bench clean systeem

help:
	@echo "make site        gegevens controleren en de site bouwen (site/)"
	@echo "make serve       voorbeeld met live herladen (VERSIE=clienten|professionals|organisaties)"
	@echo "make test        alle tests"
	@echo "make controleer  alleen de gegevens in waaiers/ controleren"
	@echo "make bench       snelheidsmetingen (benchmarks/)"

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || { PYTHON=$(PYTHON) sh .ci/systeem.sh python && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Test tools from npm (axe-core, vnu-jar, lunr for the parity test); the site itself needs no npm.
$(NODE_STAMP): package.json package-lock.json | systeem
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Debian packages for the tests, each installed on its own and only when missing (see .ci/systeem.sh):
# Chromium and its driver, Java for the Nu Html Checker, Node.js with npm (not when node is there),
# and python3-venv when there is no .venv yet and $(PYTHON) cannot make one.
SYSTEEM := $(strip chromium java node $(if $(wildcard $(BIN)/python),,python))

systeem:
	@PYTHON=$(PYTHON) sh .ci/systeem.sh $(SYSTEEM)

controleer: $(STAMP)
	$(BIN)/kompaswaaier controleer

site: $(STAMP)
	$(BIN)/kompaswaaier bouw

serve: $(STAMP)
	$(BIN)/kompaswaaier bekijk --versie $(VERSIE)

# systeem first: on a fresh machine it may have to install python3-venv before the venv is made.
test: systeem $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .site-bouw-* .pytest_cache
