#!/usr/bin/env bash
# The trainer's speed and what it buys, on release builds in one run on this machine:
#   1. training images/s of the libtorch core (amt_classifier_train_epoch, CNN width 16 depth 4, 64×64,
#      2 threads) beside the floor — a bare libtorch loop over the same network (nn::Sequential + AdamW,
#      batches by index_select from one uint8 tensor) — interleaved epoch by epoch (automl-bench-trainer);
#   2. decode images/s of aic_decode_rgb (256×256 JPEG → 64×64) beside bare TurboJPEG loops on the same files;
#   3. TEST accuracy per training budget: `automl emulator` on the demo shapes, trained over HTTP at 8, 16
#      and 24 node hours (a node hour is 5 s of wall time);
#   4. Predict latency of the 8-node-hour model once deployed on 2 nodes (2 prediction workers), with wrk over
#      loopback at 1 and 4 connections.
#
#   bash benchmarks/trainer.sh            # prints Markdown tables; add --write to update docs/benchmarks.md
#
# Goals (trainer issue): training at ≥ 0.9× the floor's images/s; Predict p99 < 20 ms at 64×64 on 2 cores.
# Knobs: EPOCHS (7), TRAIN_IMAGES (2048), DECODE_IMAGES (300), BUDGETS ("8000 16000 24000"), DURATION (10s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

epochs=${EPOCHS:-7}
train_images=${TRAIN_IMAGES:-2048}
decode_images=${DECODE_IMAGES:-300}
budgets=${BUDGETS:-"8000 16000 24000"}
duration=${DURATION:-10s}
write_docs=false
[ "${1:-}" = "--write" ] && write_docs=true

if ! command -v wrk >/dev/null; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
fi
command -v curl >/dev/null || { apt-get install -y -q curl >/dev/null; }

for product in automl automl-emulator automl-trainer automl-bench-trainer; do
  swift build -c release --scratch-path .build-bench --product "$product" >&2
done
bin=$(swift build -c release --scratch-path .build-bench --show-bin-path)

work=$(mktemp -d)
cleanup() { kill "${emulator_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# OpenMP reads this when libtorch loads: idle threads sleep instead of spinning on the 2 cores.
export OMP_WAIT_POLICY=PASSIVE

# ---- 1 and 2: the core beside its floors ------------------------------------------------------------
echo "training: $train_images images, $epochs epochs per variant..." >&2
"$bin/automl-bench-trainer" train "$train_images" "$epochs" | tee "$work/train.out" >&2
mkdir "$work/jpeg"
echo "decoding: $decode_images JPEGs..." >&2
"$bin/automl-bench-trainer" decode "$work/jpeg" "$decode_images" 7 | tee "$work/decode.out" >&2

# ---- 3: TEST accuracy per budget, through the local backend over HTTP -------------------------------
"$bin/automl" emulator --port 0 --data-dir "$work/data" >"$work/emulator.out" 2>>"$work/emulator.err" &
emulator_pid=$!
for _ in $(seq 100); do grep -q listening "$work/emulator.out" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^automl emulator listening on //p' "$work/emulator.out")
[ -n "$base" ] || { echo "the emulator did not start:" >&2; cat "$work/emulator.err" >&2; exit 1; }
parent="v1/projects/bench/locations/us-central1"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# POSTs $2 to $1; prints the answer, or fails showing it.
post() {
  local answer status
  answer=$(curl -s -w '\n%{http_code}' -X POST "$base/$1" -H 'Content-Type: application/json' -d "$2")
  status=${answer##*$'\n'}
  answer=${answer%$'\n'*}
  if [ "$status" != 200 ]; then echo "POST $1 answered $status: $answer" >&2; return 1; fi
  echo "$answer"
}
# Polls an operation until done (at most $2 seconds); prints it; fails on an operation error.
wait_operation() {
  local deadline=$((SECONDS + $2)) op
  while [ $SECONDS -lt $deadline ]; do
    op=$(curl -sf "$base/v1/$1")
    if json 'd.get("done", False)' <<<"$op" | grep -q True; then
      if json '"error" in d' <<<"$op" | grep -q True; then echo "operation $1 failed: $op" >&2; return 1; fi
      echo "$op"
      return 0
    fi
    sleep 0.5
  done
  echo "operation $1 not done after $2 s" >&2
  return 1
}

# The demo shapes in a local folder, imported by absolute path (the emulator listens on loopback only).
# (Not gs:// under the data directory: `automl emulator demo-data gs://... --data-dir D` writes under the
# default data directory, not D, in this build.)
"$bin/automl" emulator demo-data "$work/demo" --detection-images 0 >"$work/demo.out"
image_count=$(sed -n 's/^classification: \([0-9]*\) images.*/\1/p' "$work/demo.out")
csv=$(sed -n 's/^classification: .*, import //p' "$work/demo.out")
dataset=$(post "$parent/datasets" \
  '{"displayName":"bench","imageClassificationDatasetMetadata":{"classificationType":"MULTICLASS"}}' |
  json 'd["response"]["name"].split("/")[-1]')
import_op=$(post "$parent/datasets/$dataset:importData" \
  "{\"inputConfig\":{\"gcsSource\":{\"inputUris\":[\"$csv\"]}}}" | json 'd["name"]')
wait_operation "$import_op" 300 >/dev/null

declare -A model_of
accuracy_rows=""
for budget in $budgets; do
  echo "training with a budget of $budget milli node hours..." >&2
  started=$SECONDS
  op=$(post "$parent/models" \
    "{\"displayName\":\"budget_$budget\",\"datasetId\":\"$dataset\",\"imageClassificationModelMetadata\":{\"trainBudgetMilliNodeHours\":\"$budget\"}}" |
    json 'd["name"]')
  model=$(wait_operation "$op" $((budget * 5 / 1000 * 3 + 120)))
  wall=$((SECONDS - started))
  model_name=$(json 'd["response"]["name"]' <<<"$model")
  model_of[$budget]=$model_name
  read -r stop_reason cost < <(json 'd["response"]["imageClassificationModelMetadata"].get("stopReason", "?"),
  d["response"]["imageClassificationModelMetadata"].get("trainCostMilliNodeHours", "?")' <<<"$model")
  # The overall evaluation is the one without annotationSpecId; accuracy is recall@1 at threshold 0.
  read -r accuracy tested < <(curl -sf "$base/v1/$model_name/modelEvaluations?filter=" | python3 -c '
import json, sys
evaluations = json.load(sys.stdin).get("modelEvaluation", [])
overall = [e for e in evaluations if not e.get("annotationSpecId")][0]
metrics = overall["classificationEvaluationMetrics"]
entry = [c for c in metrics["confidenceMetricsEntry"] if float(c.get("confidenceThreshold", 0)) == 0][0]
accuracy = 100 * float(entry["recallAt1"])
print(f"{accuracy:.1f}%", overall.get("evaluatedExampleCount", "?"))')
  accuracy_rows+="| $((budget / 1000)) | $cost | $wall | $stop_reason | $accuracy | $tested |"$'\n'
done

# ---- 4: Predict latency of the deployed 8-node-hour model -------------------------------------------
first_budget=${budgets%% *}
predict_model=${model_of[$first_budget]}
deploy_op=$(post "v1/$predict_model:deploy" '{"imageClassificationModelDeploymentMetadata":{"nodeCount":"2"}}' | json 'd["name"]')
wait_operation "$deploy_op" 120 >/dev/null
"$bin/automl" emulator demo-data "$work/small" --image-size 64 --images-per-class 1 --detection-images 0 >/dev/null
image=$(find "$work/small" -name '*.jpg' | sort | head -1)
python3 - "$image" "$work/predict.json" <<'PY'
import base64, json, sys
data = open(sys.argv[1], "rb").read()
json.dump({"payload": {"image": {"imageBytes": base64.b64encode(data).decode()}}}, open(sys.argv[2], "w"))
PY
curl -sf -X POST "$base/v1/$predict_model:predict" -H 'Content-Type: application/json' \
  --data-binary @"$work/predict.json" | json '"payload" in d' | grep -q True ||
  { echo "Predict did not answer a payload" >&2; exit 1; }
cat >"$work/predict.lua" <<LUA
local file = io.open("$work/predict.json", "rb")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
LUA
# wrk's requests/s, p50 and p99 in milliseconds, and the count of non-2xx answers and socket errors.
measure() {
  local output
  output=$(wrk -t1 -c"$1" -d"$duration" --latency -s "$work/predict.lua" "$base/v1/$predict_model:predict")
  echo "$output" >&2
  awk '
    function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms/, "", v); return v }
                     if (v ~ /s$/) { sub(/s/, "", v); return v * 1000 } return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad += $NF }
    /Socket errors/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%s %.2f %.2f %d\n", rps, p50, p99, bad }' <<<"$output"
}
predict_rows=""
for connections in 1 4; do
  read -r rps p50 p99 bad < <(measure "$connections")
  predict_rows+="| $connections | $rps | $p50 | $p99 | $bad |"$'\n'
done

# ---- Tables -----------------------------------------------------------------------------------------
tables=$(python3 - "$work/train.out" "$work/decode.out" <<'PY'
import re, sys
def summaries(path):
    rows = {}
    for line in open(path):
        if line.startswith("summary "):
            words = line.split()
            fields = dict(w.split("=", 1) for w in words[3:])
            rows[(words[2], fields.get("batch"), fields.get("augment"))] = fields
    return rows
train = summaries(sys.argv[1])
print("| batch | core images/s | floor images/s | core / floor | core, full augmentation, images/s |")
print("| ---: | ---: | ---: | ---: | ---: |")
for batch in ("32", "64"):
    core, floor, aug = (train[(v, batch, a)] for v, a in (("core", "none"), ("floor", "none"), ("core", "full")))
    ratio = float(core["median"]) / float(floor["median"])
    print(f"| {batch} | {core['median']} (best {core['best']}) | {floor['median']} (best {floor['best']}) "
          f"| {ratio:.2f} | {aug['median']} (best {aug['best']}) |")
print()
decode = summaries(sys.argv[2])
mean_bytes = next(l.split("mean_bytes=")[1].strip() for l in open(sys.argv[2]) if l.startswith("files "))
names = {"codec_64": "aic_decode_rgb → 64×64", "turbojpeg_full": "tjDecompress2, full 256×256 (floor)",
         "turbojpeg_quarter": "tjDecompress2 at 1/4 scale, 64×64 (for information)"}
codec = float(decode[("codec_64", None, None)]["median"])
print(f"| decoder (256×256 JPEG, mean {mean_bytes} bytes, 1 thread) | images/s | relative to aic_decode_rgb |")
print("| --- | ---: | ---: |")
for key, label in names.items():
    row = decode[(key, None, None)]
    print(f"| {label} | {row['median']} (best {row['best']}) | {float(row['median']) / codec:.2f} |")
PY
)
tables+=$'\n\n'"| budget (node hours) | trainCostMilliNodeHours | wall time (s) | stopReason | TEST accuracy | TEST images |"
tables+=$'\n'"| ---: | ---: | ---: | --- | ---: | ---: |"$'\n'"${accuracy_rows%$'\n'}"
tables+=$'\n\n'"| Predict, 64×64 JPEG, connections | requests/s | p50 (ms) | p99 (ms) | errors |"
tables+=$'\n'"| ---: | ---: | ---: | ---: | ---: |"$'\n'"${predict_rows%$'\n'}"
echo "$tables"

if $write_docs; then
  python3 - "$tables" "$(date -u +%Y-%m-%d)" "$train_images" "$epochs" "$decode_images" "$image_count" "$duration" <<'PY'
import re, sys
tables, day, train_images, epochs, decode_images, image_count, duration = sys.argv[1:]
path = "docs/benchmarks.md"
text = open(path).read()
section = (f"## Trainer\n\n<!-- trainer: written by benchmarks/trainer.sh --write -->\n"
           f"Measured {day} on this project's 2-core machine: release builds, 2 torch threads, OMP_WAIT_POLICY=PASSIVE. "
           f"Training: {train_images} synthetic 64×64 images, CNN width 16 depth 4, no augmentation unless said, "
           f"core and floor interleaved epoch by epoch, median (best) of {epochs} epochs each after a warm-up epoch. "
           f"Decoding: {decode_images} generated JPEGs, the three decoders interleaved, median (best) of 7 rounds. "
           f"Accuracy: `automl emulator` (a node hour is 5 s) on `demo-data` ({image_count} images of 4 shapes, "
           f"96×96, one in ten TEST), one training per budget, one after another. Predict: the smallest budget's "
           f"model deployed on 2 nodes (2 prediction workers), wrk -t1 -d{duration} over loopback.\n\n{tables}\n<!-- /trainer -->\n")
pattern = re.compile(r"## Trainer\n.*?<!-- /trainer -->\n", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
fi
