"""The seed workflow as a piped transcript, against `automl emulator` with faults on, run after run.

Each run starts a fresh backend (its own data folder, the same small dataset of real PNGs) with a fault spec and
its own seed, pipes the transcript below into `automl --endpoint URL`, then restarts the backend on the same folder
without faults and reads what is there: datasets, models, operations. A run passes when the transcript exits 0 and
that final state equals the fault-free run's.

    python3 Tests/Reliability/fault_runs.py --runs 20            # the long run (docs/reliability.md)
    python3 Tests/Reliability/fault_runs.py --runs 2 --quiet     # what `make test` runs (test_fault_runs.py)

It needs the built `automl` (AUTOML_BIN, default .build/debug/automl) with `automl-trainer` beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Conformance"))
from conformance_support import automl_binary, png_bytes, start_emulator, stop  # noqa: E402

# The faults: 20% 503, 10% 429 with Retry-After, 5% dropped connections before and after handling, 200 ms.
DEFAULT_SPEC = "unavailable=0.2,rate-limit=0.1,retry-after=1s,drop=0.025,drop-after=0.025,latency=200ms"

# The seed page's workflow: create and import a dataset, train with a budget and follow it, list and get operations,
# get and list models and evaluations, resume from a base model, cancel a training, delete a model.
TRANSCRIPT = """\
dataset create flowers
dataset import gs://data/import.csv
watch
train --name m1 --budget 8
watch
operations --done
operation get
models
model get m1
evaluations m1
resume --name m2 --budget 8
watch
model delete m1 --quiet
models
train --name m3 --budget 800
operation cancel
"""

LABELS = {"daisy": (230, 230, 40), "tulip": (200, 30, 60)}
PER_LABEL = 12


def write_images(gcs_root: pathlib.Path) -> None:
    """gs://data/: 12 PNGs per label and import.csv naming them with their splits."""
    folder = gcs_root / "data"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for label_index, (label, colour) in enumerate(LABELS.items()):
        for index in range(PER_LABEL):
            name = f"{label}-{index}.png"
            (folder / name).write_bytes(png_bytes(32, 32, seed=label_index * 100 + index, base_colour=colour))
            split = "TRAIN" if index < 8 else "VALIDATION" if index < 10 else "TEST"
            rows.append(f"{split},gs://data/{name},{label}")
    (folder / "import.csv").write_text("\n".join(rows) + "\n")


def start_backend(root: pathlib.Path, faults: str | None, log_name: str) -> tuple[subprocess.Popen, str]:
    options = ["--node-hour-seconds", "0.05", "--deploy-seconds", "0.1"] + (["--faults", faults] if faults else [])
    return start_emulator(root, *options, log_name=log_name, timeout=30)


def automl(root: pathlib.Path, endpoint: str, arguments: list[str], stdin: str = "", timeout: float = 600):
    """Runs automl against ENDPOINT with its own XDG folders under ROOT."""
    environment = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        environment[name] = str(root / "xdg" / name.lower())
    environment.pop("AUTOML_ENDPOINT", None)
    return subprocess.run([str(automl_binary()), "--endpoint", endpoint, "--project", "seed", *arguments],
                          input=stdin, capture_output=True, text=True, timeout=timeout, env=environment)


def final_state(root: pathlib.Path) -> dict:
    """What the backend holds, read through a fault-free backend on the same folder, without IDs or times."""
    process, endpoint = start_backend(root, None, "final.log")
    try:
        def listing(*command: str) -> list:
            result = automl(root, endpoint, ["--format", "json", *command])
            if result.returncode != 0:
                raise RuntimeError(f"{command}: {result.stderr}")
            value = json.loads(result.stdout or "[]")
            if isinstance(value, list):
                return value
            return next((items for items in value.values() if isinstance(items, list)), [])
        # The cancelled training ends on its own time: wait for it, so runs compare settled states.
        deadline = time.monotonic() + 120
        while listing("operations", "--running") and time.monotonic() < deadline:
            time.sleep(0.5)
        datasets = sorted((d["displayName"], d.get("exampleCount", 0)) for d in listing("datasets"))
        models = sorted(m["displayName"] for m in listing("models"))
        operations = listing("operations")
        kinds = sorted(
            (next((key for key in o.get("metadata", {}) if key.endswith("Details")), "?"),
             "error" if "error" in o else "done" if o.get("done") else "running")
            for o in operations)
        return {"datasets": datasets, "models": models, "operations": kinds}
    finally:
        stop(process)


def run_once(workdir: pathlib.Path, faults: str | None, timeout: float) -> dict:
    """One run; returns its outcome: exit status, seconds, final state, and the transcript's error lines."""
    workdir.mkdir(parents=True)
    write_images(workdir / "gcs")
    started = time.monotonic()
    process, endpoint = start_backend(workdir, faults, "backend.log")
    try:
        result = automl(workdir, endpoint, [], stdin=TRANSCRIPT, timeout=timeout)
    except subprocess.TimeoutExpired:
        result = subprocess.CompletedProcess([], returncode=-1, stdout="", stderr="timed out")
    finally:
        stop(process)
    seconds = time.monotonic() - started
    errors = [line for line in result.stderr.splitlines() if line.startswith(("error:", "warning:", "note: the"))]
    return {"status": result.returncode, "seconds": round(seconds, 1), "state": final_state(workdir),
            "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--faults", default=DEFAULT_SPEC)
    parser.add_argument("--timeout", type=float, default=600, help="seconds one transcript may take")
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--json", help="write the outcomes to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="automl-faults-") as temporary:
        base = pathlib.Path(temporary)
        baseline = run_once(base / "baseline", None, options.timeout)
        if baseline["status"] != 0:
            print(f"the fault-free run failed: {baseline['errors']}", file=sys.stderr)
            return 2
        outcomes = []
        for index in range(options.runs):
            outcome = run_once(base / f"run{index}", f"{options.faults},seed={index + 1}", options.timeout)
            outcome["same"] = outcome["state"] == baseline["state"]
            outcome["passed"] = outcome["status"] == 0 and outcome["same"]
            outcomes.append(outcome)
            if not options.quiet or not outcome["passed"]:
                verdict = "ok" if outcome["passed"] else "FAILED"
                print(f"run {index + 1}: {verdict} in {outcome['seconds']} s (exit {outcome['status']}, "
                      f"state {'same' if outcome['same'] else 'different'})")
                if not outcome["passed"]:
                    for line in outcome["errors"][:6]:
                        print(f"    {line}")
                    if not outcome["same"]:
                        print(f"    expected {baseline['state']}\n    got      {outcome['state']}")
        passed = sum(outcome["passed"] for outcome in outcomes)
        times = sorted(outcome["seconds"] for outcome in outcomes)
        print(f"{passed} of {len(outcomes)} runs completed with the fault-free final state "
              f"(faults {options.faults}); fault-free run {baseline['seconds']} s, faulty runs median "
              f"{times[len(times) // 2] if times else 0} s")
        if options.json:
            pathlib.Path(options.json).write_text(json.dumps({"baseline": baseline, "runs": outcomes}, indent=2))
        return 0 if passed == len(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
