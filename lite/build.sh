#!/usr/bin/env bash
# `make lite`: build the course as a static JupyterLite site in _output/ (no server, no CDN).
# Makes its own build environment .venv-lite from requirements-lite.txt the first time.
# Extra arguments go to lite/build.py (e.g. --if-stale, --output DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=.venv-lite
if [ ! -f "$VENV/.installed" ] || [ requirements-lite.txt -nt "$VENV/.installed" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-lite.txt
  touch "$VENV/.installed"
fi
exec "$VENV/bin/python" lite/build.py "$@"
