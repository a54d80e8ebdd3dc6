"""kill -9 of the local backend and of its workers (issue 13), the short version of
Tests/Reliability/crash_runs.py: one kill during each of an import, a training, a deploy, an export and a delete,
restarting on the same folder, then one kill of the trainer and one of a prediction worker. Nothing the backend
reported is lost or made twice, every operation ends, and SQLite's integrity check passes after each kill.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Reliability"))
import crash_runs  # noqa: E402


def test_kills_at_random_points_lose_nothing_and_duplicate_nothing(tmp_path):
    random.seed(7)
    summary = crash_runs.run(tmp_path, rounds=5, worker_rounds=1)
    assert "nothing lost or duplicated" in summary
