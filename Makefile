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
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Test tools from npm (axe-core, vnu-jar, lunr for the parity test); the site itself needs no npm.
$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Debian packages for the browser tests: Chromium and its driver, and Java for the Nu Html Checker.
systeem:
	@command -v chromium >/dev/null && command -v java >/dev/null && command -v node >/dev/null || { \
	  echo "Installeren: chromium, chromium-driver, Java, Node.js (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver default-jre-headless nodejs npm >/dev/null; }

controleer: $(STAMP)
	$(BIN)/kompaswaaier controleer

site: $(STAMP)
	$(BIN)/kompaswaaier bouw

serve: $(STAMP)
	$(BIN)/kompaswaaier bekijk --versie $(VERSIE)

test: $(STAMP) systeem $(NODE_STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .site-bouw-* .pytest_cache
