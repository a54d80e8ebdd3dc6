#!/usr/bin/env bash
# The local backend's HTTP speed: GET operation and ListModels (1,000 models, one page), measured with wrk
# beside the floor — the same SwiftNIO pipeline answering the same bytes from memory (automl-bench-floor).
# Both run side by side in one run, release builds, on this machine; the ratio is what to read.
#
#   bash benchmarks/emulator-http.sh            # prints a Markdown table; add --write to update docs/benchmarks.md
#
# Goals (issue 3): p99 within 3x of the floor, and at least 5,000 GET requests/s on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
threads=${THREADS:-1}
write_docs=false
[ "${1:-}" = "--write" ] && write_docs=true

if ! command -v wrk >/dev/null; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
fi
command -v curl >/dev/null || { apt-get install -y -q curl >/dev/null; }

# Every binary it starts: automl runs automl-emulator, which runs automl-trainer for the training it does.
for product in automl automl-emulator automl-trainer automl-bench-floor; do
  swift build -c release --scratch-path .build-bench --product "$product" >&2
done
bin=$(swift build -c release --scratch-path .build-bench --show-bin-path)

work=$(mktemp -d)
cleanup() { kill "${emulator_pid:-}" "${floor_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# The emulator on a fresh data directory.
start_emulator() {
  "$bin/automl" emulator --port 0 --data-dir "$work/data" --node-hour-seconds 0.001 --deploy-seconds 0 \
    >"$work/emulator.out" 2>>"$work/emulator.err" &
  emulator_pid=$!
  for _ in $(seq 100); do grep -q listening "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's/^automl emulator listening on //p' "$work/emulator.out")
}
start_emulator
parent="v1/projects/bench/locations/us-central1"

# A dataset of generated shapes, then one model trained for real (a node hour of 1 ms: the smallest budget
# is a few epochs of the worker), copied in the store to 1,000 models: listing reads rows, not training.
"$bin/automl" emulator demo-data gs://bench-data --data-dir "$work/data" --images-per-class 10 \
  --detection-images 0 >/dev/null
dataset=$(curl -sf -X POST "$base/$parent/datasets" \
  -d '{"displayName":"bench","imageClassificationDatasetMetadata":{"classificationType":"MULTICLASS"}}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["response"]["name"].split("/")[-1])')
import_op=$(curl -sf -X POST "$base/$parent/datasets/$dataset:importData" \
  -d '{"inputConfig":{"gcsSource":{"inputUris":["gs://bench-data/classification.csv"]}}}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["name"])')
for _ in $(seq 100); do curl -sf "$base/v1/$import_op" | grep -q '"done"' && break; sleep 0.1; done
curl -sf -o /dev/null -X POST "$base/$parent/models" \
  -d "{\"displayName\":\"m0\",\"datasetId\":\"$dataset\",\"imageClassificationModelMetadata\":{\"trainBudgetMilliNodeHours\":\"8000\"}}"
for _ in $(seq 600); do
  curl -sf "$base/$parent/models" | grep -q '"name"' && break; sleep 0.2
done
kill "$emulator_pid"; wait "$emulator_pid" 2>/dev/null || true
echo "copying the model to 1,000 models..." >&2
python3 - "$work/data/automl.sqlite" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.row_factory = sqlite3.Row
row = dict(db.execute("SELECT * FROM model").fetchone())
seq = row["seq"]
for i in range(1, 1000):
    new_id = "ICN" + str(random.randrange(10**18, 9 * 10**18))
    copy = dict(row, id=new_id, seq=seq + i,
                json=row["json"].replace(row["id"], new_id).replace('"displayName":"m0"', f'"displayName":"m{i}"'))
    db.execute(f"INSERT INTO model ({','.join(copy)}) VALUES ({','.join('?' * len(copy))})", list(copy.values()))
    db.execute("INSERT INTO issued_id (id) VALUES (?)", (new_id,))
db.commit()
PY
: >"$work/emulator.out"
start_emulator
operation=$(curl -sf "$base/$parent/operations?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["operations"][0]["name"])')
get_path="/v1/$operation"
list_path="/$parent/models?pageSize=1000"
curl -sf "$base$get_path" >"$work/get.json"
curl -sf "$base$list_path" >"$work/list.json"

"$bin/automl-bench-floor" 0 "$get_path=$work/get.json" "$list_path=$work/list.json" >"$work/floor.out" &
floor_pid=$!
for _ in $(seq 100); do grep -q listening "$work/floor.out" 2>/dev/null && break; sleep 0.1; done
floor=$(sed -n 's/^automl-bench-floor listening on //p' "$work/floor.out")

# wrk's requests/s and p99 in milliseconds.
measure() {
  local output rps p99
  output=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$output")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}' <<<"$output")
  echo "$rps $p99"
}

# Interleaved, so that the machine's noise falls on both sides alike.
read -r emu_get_rps emu_get_p99 < <(measure "$base$get_path")
read -r floor_get_rps floor_get_p99 < <(measure "$floor$get_path")
read -r emu_list_rps emu_list_p99 < <(measure "$base$list_path")
read -r floor_list_rps floor_list_p99 < <(measure "$floor$list_path")

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
list_bytes=$(wc -c <"$work/list.json")
table=$(cat <<TABLE
| request | emulator req/s | floor req/s | emulator p99 (ms) | floor p99 (ms) | p99 ratio |
| --- | ---: | ---: | ---: | ---: | ---: |
| GET operation | $emu_get_rps | $floor_get_rps | $emu_get_p99 | $floor_get_p99 | $(ratio "$emu_get_p99" "$floor_get_p99") |
| ListModels, 1,000 models ($list_bytes bytes) | $emu_list_rps | $floor_list_rps | $emu_list_p99 | $floor_list_p99 | $(ratio "$emu_list_p99" "$floor_list_p99") |
TABLE
)
echo "$table"
if $write_docs; then
  python3 - "$table" "$(date -u +%Y-%m-%d)" "$duration" "$connections" "$threads" <<'PY'
import re, sys
table, day, duration, connections, threads = sys.argv[1:]
path = "docs/benchmarks.md"
text = open(path).read()
section = (f"## Local backend over HTTP\n\n<!-- emulator-http: written by benchmarks/emulator-http.sh --write -->\n"
           f"Measured {day} on this project's 2-core machine: release builds, wrk -t{threads} -c{connections} -d{duration}, "
           f"emulator and floor interleaved in one run.\n\n{table}\n<!-- /emulator-http -->\n")
pattern = re.compile(r"## Local backend over HTTP\n.*?<!-- /emulator-http -->\n", re.S)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
fi
