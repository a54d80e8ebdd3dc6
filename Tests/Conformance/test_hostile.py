"""Hostile requests (issue 13), the short version of Tests/Reliability/hostile.py: 1,000 malformed and hostile
requests over every route of a fresh local backend (AutoML v1, Vertex AI, storage), then idle, half-sent and slow
connections beside normal requests. Every answer must be a 4xx with the error envelope (or the framing layer's 400
for broken HTTP), never a 5xx, a hang, a crash, a dropped connection for a well-formed request, or a quoted path or
token.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root); automl-emulator is
               beside it
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

from conformance_support import automl_binary

HOSTILE = pathlib.Path(__file__).resolve().parents[1] / "Reliability" / "hostile.py"


def test_hostile_requests_get_clean_refusals_and_the_backend_serves_throughout(tmp_path):
    emulator = automl_binary().parent / "automl-emulator"
    result = subprocess.run(
        [sys.executable, str(HOSTILE), "--emulator", str(emulator), "--quick", "--quiet",
         "--json-report", str(tmp_path / "report.json")],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
