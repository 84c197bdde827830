# Twee commando's: `make lab` start de cursus, `make test` draait alle tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
# JupyterLab refuses to run as root (containers, some servers) unless asked explicitly.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install install-test

lab: $(VENV)/.installed
	@echo ""
	@echo "De cursus start in JupyterLab. Je antwoorden worden bewaard in de map antwoorden/."
	@echo "Stoppen: druk hier op Ctrl+C."
	@echo ""
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00_welkom.ipynb

test: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests bench
	CURSUSLIB_ANSWERS_DIR="$$(mktemp -d)" $(PY) -m pytest --nbval --nbval-current-env

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt pyproject.toml jupyter/overrides.json | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	mkdir -p $(LAB_SETTINGS)
	cp jupyter/overrides.json $(LAB_SETTINGS)/overrides.json
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@
