#!/usr/bin/env bash
# Regenerate constraints.txt: the newest versions pyproject.toml's ranges allow, resolved
# in a fresh virtualenv, pinned. Run it to take upgrades on purpose, then run
# scripts/test.sh and commit both files together.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$(find_python)" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
pip_install "$work/venv/bin/python" -e ".[test,bench]"
# pyicu is _venv.sh's stand-in (pinned there); pyicu-wheels, its content, stays pinned here.
"$work/venv/bin/python" -m pip freeze --exclude-editable --all |
  grep -v -E '^(pip|setuptools|wheel)==|^pyicu @ ' | LC_ALL=C sort -f > constraints.txt
echo "constraints.txt: $(wc -l < constraints.txt) packages pinned"
