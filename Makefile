# Twee commando's: `make lab` start de cursus, `make test` draait alle tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
AXE_VERSION := 4.14.1
AXE_JS := $(VENV)/axe-core-$(AXE_VERSION)/package/axe.min.js
CHP_VERSION := 5.3.0
CHP := $(VENV)/configurable-http-proxy-$(CHP_VERSION)/node_modules/.bin/configurable-http-proxy
# JupyterLab refuses to run as root (containers, some servers) unless asked explicitly.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install install-test

lab: $(VENV)/.installed
	@echo ""
	@echo "De cursus start in JupyterLab. Je antwoorden worden bewaard in de map antwoorden/."
	@echo "Leerlingweergave zonder code (Voila): open eerst de link met het token hieronder en daarna"
	@echo "  http://localhost:8888/voila/render/notebooks/00_welkom.ipynb"
	@echo "  (een andere les: verander de naam van het notebook; staat in de link hieronder een ander"
	@echo "  poortnummer dan 8888, gebruik dan dat nummer)."
	@echo "Stoppen: druk hier op Ctrl+C."
	@echo ""
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00_welkom.ipynb

test: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/lint-imports
	CURSUSLIB_ANSWERS_DIR="$$(mktemp -d)" $(PY) -m pytest --nbval --nbval-current-env

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml jupyter/overrides.json jupyter/jupyter_server_config.py | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	mkdir -p $(LAB_SETTINGS) $(VENV)/etc/jupyter
	cp jupyter/overrides.json $(LAB_SETTINGS)/overrides.json
	cp jupyter/jupyter_server_config.py $(VENV)/etc/jupyter/jupyter_server_config.py
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt $(AXE_JS) $(CHP)
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

# axe-core (npm) for tests/browser/test_accessibility.py: the test injects $(AXE_JS) into the page.
$(AXE_JS): | $(PY)
	rm -rf $(VENV)/axe-core-* && mkdir -p $(dir $(@D))
	cd $(dir $(@D)) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null && tar xzf axe-core-$(AXE_VERSION).tgz
	test -f $@

# configurable-http-proxy (npm) for tests/hub/: the proxy in front of a real JupyterHub, with its own node_modules.
$(CHP): | $(PY)
	rm -rf $(VENV)/configurable-http-proxy-*
	npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/configurable-http-proxy-$(CHP_VERSION) configurable-http-proxy@$(CHP_VERSION)
	test -x $@

# De cursus als statische website (JupyterLite) in _output/; zie docs/docent.md.
.PHONY: lite
lite:
	PYTHON="$(PYTHON)" bash lite/build.sh
