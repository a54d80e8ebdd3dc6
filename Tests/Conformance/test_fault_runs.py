"""The seed workflow under faults (issue 13), the short version of Tests/Reliability/fault_runs.py: the piped
transcript of the seed page's workflow runs twice against a backend that answers 20% of requests 503, 10% 429
with Retry-After, drops 5% of connections (half before handling, half after, so a create's answer is lost), and
waits 200 ms before each answer. Each run exits 0 and leaves the fault-free run's final state: nothing made twice,
nothing missing.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Reliability"))
import fault_runs  # noqa: E402


def test_the_seed_transcript_completes_under_faults_with_the_fault_free_state(tmp_path):
    baseline = fault_runs.run_once(tmp_path / "baseline", None, timeout=300)
    assert baseline["status"] == 0, baseline["errors"]
    assert baseline["state"]["models"] == ["m2"], baseline["state"]
    for seed in (1, 2):
        outcome = fault_runs.run_once(tmp_path / f"run{seed}", f"{fault_runs.DEFAULT_SPEC},seed={seed}", timeout=300)
        assert outcome["status"] == 0, outcome["errors"]
        assert outcome["state"] == baseline["state"]
