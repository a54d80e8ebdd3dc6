#!/usr/bin/env bash
# libFuzzer over the parsers of the shell and the local backend (docs/reliability.md, "Fuzzing").
#
#   bash Tests/Fuzz/run.sh                       # every target for 30 s (what `make test` runs)
#   bash Tests/Fuzz/run.sh --seconds 600         # the long run: 10 minutes each
#   bash Tests/Fuzz/run.sh --seconds 60 router   # some targets
#
# Targets: tokenizer, expander (the shell's), json, proto (the wire's JSON reader and proto3 mapping), csv (the
# import CSV parsers), filter (list filters), router (the backend's v1 and storage routes). Each starts from its seeds
# in Tests/Fuzz/corpus/TARGET (never written to) and checks properties of what it parses (see each
# Tests/Fuzz/Sources/automl-fuzz/*Target.swift); a trap, a sanitizer report or an input that takes over 10 s is a
# finding. The inputs that caused findings are kept in $FUZZ_OUT (default .build-fuzz/findings), and the script
# exits 1 when there is one.
#
# It builds `automl-fuzz` with coverage and AddressSanitizer in .build-fuzz (AUTOML_FUZZ=1 declares the target; the
# first build takes a few minutes), and runs two targets at a time (2 cores): the long run takes about 40 minutes.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
swift="${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}"

seconds=30
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(tokenizer expander json proto csv filter router)
jobs="${FUZZ_JOBS:-2}"

AUTOML_FUZZ=1 "$swift" build --scratch-path .build-fuzz --product automl-fuzz </dev/null 2>&1 \
  | grep -v "Cannot export local symbol" >&2
[ "${PIPESTATUS[0]}" -eq 0 ] || exit 2
binary="$(AUTOML_FUZZ=1 "$swift" build --scratch-path .build-fuzz --show-bin-path)/automl-fuzz"
out="${FUZZ_OUT:-$root/.build-fuzz/findings}"
work="$(mktemp -d "${TMPDIR:-/tmp}/automl-fuzz.XXXXXX")"
# Interrupted, the fuzzers stop too, before their scratch folder goes.
trap 'cat "$work"/*.pid 2>/dev/null | xargs -r kill 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$out"

# One target: new inputs go to a scratch corpus, the repository's seeds are read only.
fuzz() {
  local target="$1"
  mkdir -p "$work/$target" "$work/tmp-$target"
  # The Swift runtime's own crash reporter would wait on a symbolizer; libFuzzer reports the crash itself.
  # detect_leaks=0: the Swift runtime's lazily made metadata looks like leaks to LeakSanitizer.
  # TMPDIR: the router target's backend keeps its folders there, removed with the rest.
  SWIFT_BACKTRACE=enable=no AUTOML_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=0 TMPDIR="$work/tmp-$target" \
    "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$out/$target-" "$work/$target" "$here/corpus/$target" >"$work/$target.log" 2>&1 &
  echo $! >"$work/$target.pid"
  wait $!
  local status=$?
  local runs
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$')"
  if [ "$status" -eq 0 ]; then
    echo "$target: ${runs:-?} inputs in ${seconds} s, no finding"
  else
    echo "$target: FINDING (exit $status); the input is in $out/$target-*"
    grep -E "property failed|Fatal error|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY" "$work/$target.log" | head -5
  fi
  return "$status"
}

status=0
running=0
for target in "${targets[@]}"; do
  if [ ! -d "$here/corpus/$target" ]; then
    echo "unknown target $target (tokenizer expander json proto csv filter router)" >&2
    exit 2
  fi
  fuzz "$target" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
exit "$status"
