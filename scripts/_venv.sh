# Sourced by the scripts and the Dockerfile: make .venv with Python 3.11 and install the
# project into it.
# Usage: install_project "" | install_project "[test]"
#        pip_install PYTHON PIP-ARGUMENTS...   (any environment: the image, lock.sh's)
set -euo pipefail

find_python() {
  for candidate in "${PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)." >&2
  return 1
}

# PyICU (normality needs it, for rigour's transliteration in ownership/pure/matching.py)
# is published as source only: pip would compile it, which takes ICU's headers, a C++
# compiler and ~3 minutes. pyicu-wheels (another project's builds of PyICU's source)
# publishes the same `icu` module as wheels with ICU inside (no system ICU needed). The
# stand-in below is a distribution named `pyicu` that holds nothing and requires
# pyicu-wheels, so normality's `pyicu` requirement is met by the wheel. The stand-in's
# version is pinned here; pyicu-wheels' in constraints.txt.
# BENCHMARKS.md ("Installing") has the timings; matching gives the same keys either way.
PYICU_STAND_IN_VERSION="2.15.2+wheels"

pyicu_stand_in() {
  local dir="$1"
  cat > "$dir/pyproject.toml" <<TOML
[project]
name = "pyicu"
version = "${PYICU_STAND_IN_VERSION}"
description = "Stand-in for PyICU: its icu module comes from the pyicu-wheels wheel"
dependencies = ["pyicu-wheels"]

[build-system]
requires = ["setuptools>=77"]
build-backend = "setuptools.build_meta"

[tool.setuptools]
py-modules = []
TOML
}

# pip install, with PyICU from the wheel. PyICU compiled earlier owns the same files as
# pyicu-wheels: it goes first, or removing it afterwards would remove the wheel's module.
pip_install() {
  local python="$1"; shift
  local pip=("$python" -m pip --disable-pip-version-check)
  local installed
  installed="$("${pip[@]}" show pyicu 2>/dev/null | sed -n 's/^Version: //p')" || true
  if [ -n "$installed" ] && [ "$installed" != "$PYICU_STAND_IN_VERSION" ]; then
    "${pip[@]}" uninstall --quiet --yes pyicu
  fi
  local stand_in status=0
  stand_in="$(mktemp -d)"
  pyicu_stand_in "$stand_in"
  "${pip[@]}" install --quiet --only-binary=pyicu-wheels "$stand_in" "$@" || status=$?
  rm -rf "$stand_in"
  return "$status"
}

install_project() {
  local extras="$1"
  if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
  pip_install .venv/bin/python -c constraints.txt -e ".${extras}"
}
