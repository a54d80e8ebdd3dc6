"""Secrets end to end (issue 13): Tests/Reliability/secrets_sweep.py in full. Distinctive tokens configured, every
command run with --log-http, a transcript, an interactive history (tmux), errors, a 401 and crashes of the shell and
of the local server; no token in any file or stream but the local server's address file, and every file the shell and
the backend write 0600 in 0700 folders.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import pathlib
import shutil
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Reliability"))
import secrets_sweep  # noqa: E402


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (make test installs it)")
def test_no_token_reaches_a_file_or_a_stream(tmp_path):
    summary = secrets_sweep.sweep(tmp_path)
    assert "no token anywhere" in summary
