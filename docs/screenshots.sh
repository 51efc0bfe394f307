#!/usr/bin/env bash
# Screenshots of every tab under a virtual X screen (needs xvfb and imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
Xvfb :89 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb' EXIT
sleep 1
DISPLAY=:89 QT_QPA_PLATFORM=xcb .venv/bin/python docs/screenshots.py "$@"
ls docs/screenshots
