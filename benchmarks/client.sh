#!/usr/bin/env bash
# The lean `automl` client against the local server it starts, each measured side by side with its floor in one
# run (issue 11's goals; the first prompt is benchmarks/shell.sh's):
#   1. `automl --version` beside a static Swift Foundation program that prints one line        (goal: at most 2x)
#   2. one-shot `automl models` of 10 models against the running server beside curl's one GET  (goal: at most 2x)
#   3. 10,000 models listed and printed as JSON: `automl models` beside the official Python
#      client (`for m in client.list_models(...)`, printing `Model.to_json(m)`), same server      (goal: 5x faster)
#
#   bash benchmarks/client.sh [--write]      --write puts the table in docs/benchmarks.md ("Client")
#
# Knobs: RUNS (200 runs of 1 and 2), BIG_RUNS (5 runs of 3). It builds the release binaries it starts (automl,
# automl-emulator, automl-trainer: one model is trained for real and copied in the store), installs hyperfine
# and curl from Debian and the pinned Python client into .build/bench-venv when missing, and stops the servers
# it starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${RUNS:-200}
big_runs=${BIG_RUNS:-5}
write_docs=false
[ "${1:-}" = "--write" ] && write_docs=true

for tool in hyperfine curl sqlite3; do
  if ! command -v "$tool" >/dev/null; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null
  fi
done
venv=.build/bench-venv
if ! "$venv/bin/python" -c 'import google.cloud.automl_v1' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --requirement Tests/Conformance/requirements.txt
fi

release=(-c release --static-swift-stdlib --scratch-path .build-static -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
for product in automl automl-emulator automl-trainer; do
  swift build "${release[@]}" --product "$product" >&2
done
bin=$(swift build "${release[@]}" --show-bin-path)

work=$(mktemp -d)
home_for() { echo "$work/$1"; }
as_user() {  # as_user HOME_NAME COMMAND...: a command with that home's XDG folders
  local home
  home=$(home_for "$1"); shift
  env HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/state" \
    XDG_DATA_HOME="$home/data" AUTOML_NODE_HOUR_SECONDS=0.001 AUTOML_SERVER_IDLE_STOP=10m "$@"
}
cleanup() {
  for name in seed ten many; do as_user "$name" "$bin/automl" emulator stop >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# ---- One model trained for real, then the store copied to 10 and to 10,000 models -----------------------------
echo "training one model and copying it..." >&2
seed_data="$(home_for seed)/data/automl/local"
as_user seed "$bin/automl" emulator demo-data gs://bench --data-dir "$seed_data" --images-per-class 10 \
  --detection-images 0 >/dev/null
as_user seed "$bin/automl" -c "dataset create bench; dataset import gs://bench/classification.csv; watch;
  train --budget 8 --force --name m0; watch" >/dev/null 2>&1
as_user seed "$bin/automl" emulator stop >/dev/null
copy_models() {  # copy_models HOME_NAME COUNT
  local data
  data="$(home_for "$1")/data/automl/local"
  mkdir -p "$(dirname "$data")"
  cp -r "$seed_data" "$data"
  rm -f "$data/server.json" "$data/server.log"
  "$venv/bin/python" - "$data/automl.sqlite" "$2" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.row_factory = sqlite3.Row
row = dict(db.execute("SELECT * FROM model").fetchone())
for i in range(1, int(sys.argv[2])):
    new_id = "ICN" + str(random.randrange(10**18, 9 * 10**18))
    copy = dict(row, id=new_id, seq=row["seq"] + i,
                json=row["json"].replace(row["id"], new_id).replace('"displayName":"m0"', f'"displayName":"m{i}"'))
    db.execute(f"INSERT INTO model ({','.join(copy)}) VALUES ({','.join('?' * len(copy))})", list(copy.values()))
    db.execute("INSERT INTO issued_id (id) VALUES (?)", (new_id,))
db.commit()
PY
  as_user "$1" "$bin/automl" emulator start >/dev/null
}
copy_models ten 10
copy_models many 10000
address() { as_user "$1" "$bin/automl" emulator status | sed -n 's/^local server: running (pid [0-9]*) at //p'; }
ten_url=$(address ten)
many_url=$(address many)
ten_token=$(as_user ten "$bin/automl" emulator token)
many_token=$(as_user many "$bin/automl" emulator token)
models_path="v1/projects/local/locations/us-central1/models"
[ "$(as_user many "$bin/automl" models --format 'value(name)' | wc -l)" = 10000 ] || { echo "seeding failed" >&2; exit 1; }

# ---- The floors ---------------------------------------------------------------------------------------------
cat >"$work/version.swift" <<'SWIFT'
import Foundation

FileHandle.standardOutput.write(Data("automl 0.1.0\n".utf8))
SWIFT
swiftc -O -static-stdlib "$work/version.swift" -o "$work/version-floor" >&2
cat >"$work/list.py" <<'PY'
import sys
import google.oauth2.credentials
from google.api_core.client_options import ClientOptions
from google.cloud import automl_v1

url, token = sys.argv[1], sys.argv[2]
client = automl_v1.AutoMlClient(transport="rest", credentials=google.oauth2.credentials.Credentials(token),
                                client_options=ClientOptions(api_endpoint=url))
for m in client.list_models(parent="projects/local/locations/us-central1"):
    print(automl_v1.Model.to_json(m))
PY

# hyperfine's median (seconds) of each command, interleaved by hyperfine's own order of runs.
median() { "$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$@"; }

echo "--version: $runs runs each..." >&2
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/version.json" \
  "$work/version-floor" "$bin/automl --version" >&2
echo "models (10) one-shot: $runs runs each..." >&2
as_user ten hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/ten.json" \
  "curl -s -H 'Authorization: Bearer $ten_token' $ten_url/$models_path" "$bin/automl models" >&2
echo "models (10,000) as JSON: $big_runs runs each..." >&2
as_user many hyperfine --warmup 1 --runs "$big_runs" --export-json "$work/many.json" \
  "$venv/bin/python $work/list.py $many_url $many_token > /dev/null" "$bin/automl models > /dev/null" >&2

ms() { "$venv/bin/python" -c 'import sys; print(f"{float(sys.argv[1]) * 1000:.1f}")' "$1"; }
ratio() { "$venv/bin/python" -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$1" "$2"; }
v_floor=$(median "$work/version.json" 0); v_automl=$(median "$work/version.json" 1)
t_curl=$(median "$work/ten.json" 0); t_automl=$(median "$work/ten.json" 1)
m_python=$(median "$work/many.json" 0); m_automl=$(median "$work/many.json" 1)
table=$(cat <<TABLE
| measure (median) | automl (ms) | floor (ms) | ratio | goal |
| --- | ---: | ---: | ---: | --- |
| \`automl --version\` vs a static Swift Foundation program | $(ms "$v_automl") | $(ms "$v_floor") | $(ratio "$v_automl" "$v_floor")x | at most 2x |
| one-shot \`automl models\`, 10 models, vs curl's GET | $(ms "$t_automl") | $(ms "$t_curl") | $(ratio "$t_automl" "$t_curl")x | at most 2x |
| 10,000 models as JSON: the official Python client vs \`automl models\` | $(ms "$m_automl") | $(ms "$m_python") | $(ratio "$m_python" "$m_automl")x faster | at least 5x faster |
TABLE
)
echo "$table"
if $write_docs; then
  "$venv/bin/python" - "$table" "$(date -u +%Y-%m-%d)" "$runs" "$big_runs" <<'PY'
import re, sys
table, day, runs, big_runs = sys.argv[1:]
path = "docs/benchmarks.md"
text = open(path).read()
section = (f"## Client\n\n<!-- client: written by benchmarks/client.sh --write -->\n"
           f"Measured {day} on this project's 2-core machine: release builds with the Swift runtime linked in "
           f"statically, hyperfine medians ({runs} runs of the first two, {big_runs} of the third), each pair in one "
           f"hyperfine run against the same running local server. In the last row the floor column is the Python "
           f"client.\n\n{table}\n<!-- /client -->\n")
pattern = re.compile(r"## Client\n.*?<!-- /client -->\n", re.S)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
fi
