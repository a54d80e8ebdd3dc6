#!/usr/bin/env bash
# The long reliability runs of issue 13 (docs/reliability.md), outside CI: each prints its own summary, and the
# script exits non-zero when any of them failed. Under 30 minutes on 2 cores.
#
#   bash Tests/Reliability/run.sh            # everything
#   bash Tests/Reliability/run.sh faults     # one part: faults, hostile, crashes
#
# The long fuzz run (10 minutes per target, two at a time: about 40 minutes) is a script of its own:
#   bash Tests/Fuzz/run.sh --seconds 600
#
# It builds what it starts (debug builds, as the tests use) and installs nothing but what the conformance tests
# install (their virtual environment, for the Python client).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
swift="${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}"

for product in automl automl-emulator automl-trainer; do
  "$swift" build --product "$product" </dev/null >&2 || exit 2
done
bin="$("$swift" build --show-bin-path)"
export AUTOML_BIN="$bin/automl"

parts=("${@:-faults hostile crashes}")
status=0
for part in ${parts[*]}; do
  echo "== $part" >&2
  case "$part" in
    faults)
      # 20 runs of the seed transcript under 20% 503, 10% 429, 5% dropped connections (before and after handling)
      # and 200 ms latency; the goal is at least 19 that end in the fault-free state.
      python3 "$here/fault_runs.py" --runs 20 || status=1
      ;;
    hostile)
      # 10,000 hostile requests over every route, then the slow-client phases.
      python3 "$here/hostile.py" --emulator "$bin/automl-emulator" || status=1
      ;;
    crashes)
      # 50 kills of the backend during import, training, deploy, export and delete, then 5 of the trainer and 5 of
      # prediction workers, on one data folder.
      python3 "$here/crash_runs.py" --rounds 50 --worker-rounds 5 --quiet || status=1
      ;;
    *)
      echo "unknown part $part (faults, hostile, crashes)" >&2
      status=2
      ;;
  esac
done
exit "$status"
