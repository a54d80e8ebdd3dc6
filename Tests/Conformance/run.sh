#!/usr/bin/env bash
# Conformance tests (issue 3, item 8): the official Python client google-cloud-automl, pinned in
# requirements.txt, runs the seed workflow against `automl emulator`.
#
#   bash Tests/Conformance/run.sh [PYTEST ARGS...]      e.g. -k cancel, -x, -v
#
# Environment:
#   AUTOML_BIN   the emulator binary (default .build/debug/automl); when it is missing the script runs
#                `swift build --product automl` once, otherwise it builds nothing
#   PYTHON       the interpreter for the virtual environment (default python3, 3.11 on this machine)
#   SWIFT        the toolchain's swift (default: on PATH, else /opt/swift/usr/bin/swift)
#
# The virtual environment lives in .build/conformance-venv (ignored by git, kept between runs); the
# requirements are installed again only when requirements.txt changes. Works with no standard input.
# Exits with pytest's status.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
venv="$root/.build/conformance-venv"
requirements="$here/requirements.txt"
stamp="$venv/.requirements.sha256"

export PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

# The emulator binary: built by the caller (make test builds it); built here only when absent.
bin="${AUTOML_BIN:-.build/debug/automl}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
if [ ! -x "$bin" ]; then
  swift="${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}"
  echo "conformance: $bin is missing; running swift build --product automl" >&2
  "$swift" build --product automl </dev/null
  if [ ! -x "$bin" ]; then
    echo "conformance: $bin still does not exist after the build; set AUTOML_BIN to the emulator binary" >&2
    exit 2
  fi
fi
export AUTOML_BIN="$bin"

# The virtual environment: reused when its interpreter still runs, made again otherwise.
if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  if ! "$python" -m venv "$venv" </dev/null; then
    echo "conformance: '$python -m venv' failed (on Debian: apt-get install python3-venv)" >&2
    exit 2
  fi
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  echo "conformance: installing $(grep -c '==' "$requirements") pinned packages into $venv" >&2
  rm -f "$stamp"
  "$venv/bin/python" -m pip install --quiet --requirement "$requirements" </dev/null
  echo "$want" >"$stamp"
fi

# No cache or bytecode in the source tree; pytest's status is the script's.
status=0
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$here" "$@" </dev/null || status=$?
exit "$status"
