#!/usr/bin/env bash
# Uploading 1,000 small images to the local backend (issue 12's goal: at least 2x curl's throughput), side by side
# in one run against the same running local server:
#   curl      one `curl --data-binary @FILE` per image to the storage upload route (uploadType=media), one by one
#   automl    `automl dataset import FOLDER --prefix P` of the same images: checked, uploaded 8 at once over pooled
#             connections (multipart, with MD5 and CRC32C), the import CSV written and uploaded, the import started
#   re-run    the same `automl dataset import` again: everything is there already, nothing is sent
# Each round uploads under a new prefix, so every round sends every file; rounds alternate which side goes first.
#
#   bash benchmarks/storage-upload.sh [--write]     --write puts the table in docs/benchmarks.md ("Storage uploads")
#
# Knobs: ROUNDS (5), IMAGES (1000). It builds the release binaries it starts (automl, automl-emulator), installs
# curl from Debian when missing, and stops the server it starts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

rounds=${ROUNDS:-5}
images=${IMAGES:-1000}
write_docs=false
[ "${1:-}" = "--write" ] && write_docs=true

if ! command -v curl >/dev/null; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl >/dev/null
fi

release=(-c release --static-swift-stdlib --scratch-path .build-static -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
for product in automl automl-emulator; do
  swift build "${release[@]}" --product "$product" >&2
done
bin=$(swift build "${release[@]}" --show-bin-path)

work=$(mktemp -d)
as_user() {
  env HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_CACHE_HOME="$work/home/cache" \
    XDG_STATE_HOME="$work/home/state" XDG_DATA_HOME="$work/home/data" AUTOML_SERVER_IDLE_STOP=10m "$@"
}
cleanup() {
  as_user "$bin/automl" emulator stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# ---- 1,000 distinct small PNGs in 10 label folders (noise, so each compresses differently: 1-3 KB) -----------
python3 - "$work/photos" "$images" <<'PY'
import os, random, struct, sys, zlib
root, count = sys.argv[1], int(sys.argv[2])
random.seed(12)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
for index in range(count):
    size = random.randint(16, 32)
    rows = b"".join(b"\0" + bytes(random.randrange(256) if random.random() < 0.3 else 128 for _ in range(size * 3))
                    for _ in range(size))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    folder = os.path.join(root, f"label{index % 10}")
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f"{index}.png"), "wb").write(png)
PY
total_bytes=$(find "$work/photos" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

as_user "$bin/automl" dataset create bench >/dev/null
as_user "$bin/automl" dataset import "$work/photos" --dataset bench --prefix warm-up >/dev/null 2>&1  # the bucket
url=$(as_user "$bin/automl" emulator status | sed -n 's/^local server: running (pid [0-9]*) at //p')
token=$(as_user "$bin/automl" emulator token)
(cd "$work/photos" && find . -type f -name '*.png' | sed 's#^\./##' | sort) >"$work/files"

curl_round() {  # curl_round PREFIX: every image, one curl at a time
  local file
  while read -r file; do
    curl -sf -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: image/png" \
      --data-binary "@$work/photos/$file" \
      "$url/upload/storage/v1/b/automl-shell/o?uploadType=media&name=$1%2F${file//\//%2F}"
  done <"$work/files"
}
automl_round() {  # automl_round PREFIX
  as_user "$bin/automl" dataset import "$work/photos" --dataset bench --prefix "$1" >/dev/null 2>"$work/automl.err" ||
    { cat "$work/automl.err" >&2; exit 1; }
}
seconds() { python3 -c 'import sys, time; start = time.perf_counter(); import subprocess; subprocess.run(sys.argv[1:], check=True); print(time.perf_counter() - start)' "$@"; }
export -f curl_round automl_round as_user
export work bin url token

: >"$work/curl.times"; : >"$work/automl.times"; : >"$work/rerun.times"
for round in $(seq 1 "$rounds"); do
  echo "round $round of $rounds..." >&2
  if [ $((round % 2)) = 1 ]; then
    seconds bash -c "curl_round curl$round" >>"$work/curl.times"
    seconds bash -c "automl_round shell$round" >>"$work/automl.times"
  else
    seconds bash -c "automl_round shell$round" >>"$work/automl.times"
    seconds bash -c "curl_round curl$round" >>"$work/curl.times"
  fi
  seconds bash -c "automl_round shell$round" >>"$work/rerun.times"
  grep -q "uploaded 0 files" "$work/automl.err" || { echo "the re-run sent files again" >&2; exit 1; }
done
stored=$(find "$work/home/data/automl/local/gcs/automl-shell/curl1" -type f | wc -l)
[ "$stored" = "$images" ] || { echo "curl stored $stored of $images images" >&2; exit 1; }

table=$(python3 - "$work" "$images" "$total_bytes" <<'PY'
import statistics, sys
work, images, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
times = {name: [float(line) for line in open(f"{work}/{name}.times")] for name in ("curl", "automl", "rerun")}
median = {name: statistics.median(values) for name, values in times.items()}
rows = [("curl, one image at a time", "curl"), ("`automl dataset import FOLDER`", "automl"),
        ("`automl dataset import FOLDER` again (nothing sent)", "rerun")]
print("| uploading %d images (%.1f MB) | median (s) | images/s | MB/s | throughput vs curl |" % (images, total / 1e6))
print("| --- | ---: | ---: | ---: | ---: |")
for label, name in rows:
    seconds = median[name]
    ratio = median["curl"] / seconds
    print(f"| {label} | {seconds:.2f} | {images / seconds:.0f} | {total / 1e6 / seconds:.2f} | {ratio:.2f}x |")
PY
)
echo "$table"
if $write_docs; then
  python3 - "$table" "$(date -u +%Y-%m-%d)" "$rounds" <<'PY'
import re, sys
table, day, rounds = sys.argv[1:]
path = "docs/benchmarks.md"
text = open(path).read()
section = (f"## Storage uploads\n\n<!-- storage-upload: written by benchmarks/storage-upload.sh --write -->\n"
           f"Measured {day} on this project's 2-core machine: release builds, medians of {rounds} rounds against one "
           f"running local server, curl and automl alternating which goes first. The automl rows are the whole "
           f"command: checking the files, listing what is there, uploading, writing the CSV and starting the "
           f"import.\n\n{table}\n<!-- /storage-upload -->\n")
pattern = re.compile(r"## Storage uploads\n.*?<!-- /storage-upload -->\n", re.S)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
fi
