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
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[test,bench]"
"$work/venv/bin/python" -m pip freeze --exclude-editable --all |
  grep -v -E '^(pip|setuptools|wheel)==' | LC_ALL=C sort -f > constraints.txt
echo "constraints.txt: $(wc -l < constraints.txt) packages pinned"
