#!/usr/bin/env bash
# The interactive shell's two speeds, on release builds in one run on this machine:
#   1. launch to first prompt: `automl`, the release build `make install` makes (Swift runtime linked in
#      statically), started in a pseudo-terminal (Python's pty module), timed from fork to the first appearance of
#      its prompt, then sent Ctrl-D; beside the floor — a bare Foundation program compiled here with `swiftc -O`
#      that prints the same prompt and reads a line — timed the same way, interleaved run by run (and, for
#      information, that program built with `-static-stdlib` too).
#      `automl` starts as it does by default: on the embedded local backend, which opens only when a command needs
#      it (never here), with the XDG folders in a fresh temporary folder (so no cached resources). For information:
#      the same start with 100,000 cached models and datasets, `automl --version`, and `automl __complete` (the
#      login-shell completion) on that cache, all in the same interleaved loop;
#   2. Tab at 100,000 cached IDs per kind: the completer the shell installs, with what its line reader does with
#      the answer before writing to the terminal, over a realistic mix of lines, beside a floor of one plain
#      `String.hasPrefix` scan over 100,000 IDs per Tab (automl-bench-shell); the first Tab of a session, which
#      builds the command tree, apart.
#
#   bash benchmarks/shell.sh            # prints Markdown tables; add --write to update docs/benchmarks.md
#
# Goals (shell issue): launch to first prompt within 2× of the floor; Tab p99 < 5 ms at 100,000 cached IDs.
# Knobs: RUNS (25 start-ups per variant), COUNT (100000 per kind), ROUNDS (300 per Tab line).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${RUNS:-25}
count=${COUNT:-100000}
rounds=${ROUNDS:-300}
write_docs=false
[ "${1:-}" = "--write" ] && write_docs=true

# The release build `make install` makes (the Swift runtime linked in statically), for both.
release=(-c release --static-swift-stdlib --scratch-path .build-static -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs)
for product in automl automl-bench-shell; do
  swift build "${release[@]}" --product "$product" >&2
done
bin=$(swift build "${release[@]}" --show-bin-path)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The floor of the start-up: Foundation loaded, the prompt written, one line read.
cat >"$work/floor.swift" <<'SWIFT'
import Foundation

FileHandle.standardOutput.write(Data("automl local(off):local/us-central1> ".utf8))
_ = readLine()
SWIFT
floor_bin=.build-static/automl-bench-shell-floor
swiftc -O "$work/floor.swift" -o "$floor_bin" >&2
# For information: the same program with the Swift runtime linked in statically, as automl's release build is.
swiftc -O -static-stdlib "$work/floor.swift" -o "$floor_bin-static" >&2

# ---- 2: Tab (first, so that it writes the 100,000-entry cache the start-up variant reads) -------------------
echo "Tab: $count models and $count datasets, $rounds rounds..." >&2
"$bin/automl-bench-shell" tab "$work/cache-100k" "$count" "$rounds" | tee "$work/tab.out" >&2

# ---- 1: launch to first prompt ------------------------------------------------------------------------------
echo "start-up: $runs runs per variant, interleaved..." >&2
python3 - "$bin/automl" "$floor_bin" "$work" "$runs" "$floor_bin-static" >"$work/startup.out" <<'PY'
import fcntl, os, pty, re, select, signal, struct, subprocess, sys, termios, time

automl, floor, work, runs = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], int(sys.argv[4])
floor_static = os.path.abspath(sys.argv[5])
marker = b"automl local(off):local/us-central1> "
escapes = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]")

def environment(folder, cache=None):
    os.makedirs(folder + "/home", exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": folder + "/home", "TERM": "xterm-256color",
           "LANG": "C.UTF-8"}
    for key in ("CONFIG", "DATA", "STATE"):
        env[f"XDG_{key}_HOME"] = f"{folder}/{key.lower()}"
    env["XDG_CACHE_HOME"] = cache or folder + "/cache"
    return env

def read_some(fd, deadline):
    ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.perf_counter()))
    if not ready:
        return None
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the terminal's other side is closed
        return b""

def to_prompt(argv, env):
    """Seconds from fork to the prompt on the terminal; then Ctrl-D and the exit status checked."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen, output, deadline = None, b"", started + 30
    while seen is None:
        chunk = read_some(fd, deadline)
        if not chunk:
            break
        output += chunk
        if marker in escapes.sub(b"", output):
            seen = time.perf_counter()
    if seen is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        sys.exit(f"no prompt from {argv}: {output!r}")
    # Ctrl-D, again until the terminal closes: one sent before libedit has set up the terminal can be discarded.
    for _ in range(50):
        try:
            os.write(fd, b"\x04")
        except OSError:
            break
        deadline = time.perf_counter() + 0.2
        while (chunk := read_some(fd, deadline)):
            pass
        if chunk == b"":
            break
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    if status != 0:
        sys.exit(f"{argv} exited with status {status} after Ctrl-D: {output!r}")
    return seen - started

def wall(argv, env, expect):
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or expect not in result.stdout:
        sys.exit(f"{argv}: status {result.returncode}, {result.stdout[:200]!r} {result.stderr[:200]!r}")
    return elapsed

plain = environment(work + "/startup")
cached = environment(work + "/startup-cached", cache=work + "/cache-100k")
variants = {
    "automl": lambda: to_prompt([automl], plain),
    "floor": lambda: to_prompt([floor], plain),
    "floor_static": lambda: to_prompt([floor_static], plain),
    "automl_cached": lambda: to_prompt([automl], cached),
    "version": lambda: wall([automl, "--version"], plain, b"0."),
    "complete_cached": lambda: wall([automl, "__complete", "2", "model", "get", "ICN12"], cached, b"ICN12"),
}
for run in range(runs + 1):  # the first round warms the page cache and writes the session files; not counted
    for name, measure in variants.items():
        seconds = measure()
        if run:
            print(name, f"{seconds * 1000:.2f}")
PY

# ---- Tables -----------------------------------------------------------------------------------------------
tables=$(python3 - "$work/startup.out" "$work/tab.out" "$runs" "$count" <<'PY'
import math, re, shlex, sys
startup_path, tab_path, runs, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))]

samples = {}
for line in open(startup_path):
    name, value = line.split()
    samples.setdefault(name, []).append(float(value))
p50 = {name: percentile(values, 0.5) for name, values in samples.items()}
p90 = {name: percentile(values, 0.9) for name, values in samples.items()}
rows = [
    ("automl shell, default start (local server not started; no cached resources)", "automl", True),
    ("floor: `swiftc -O` Foundation program, same prompt, `readLine()`", "floor", True),
    ("the floor built with `-static-stdlib`, as automl is (for information)", "floor_static", True),
    ("automl shell, 100,000 cached models and datasets (for information)", "automl_cached", True),
    ("`automl --version`, no terminal (for information)", "version", False),
    (f"`automl __complete 2 model get ICN12`, 100,000 cached (for information)", "complete_cached", False),
]
print("| launch, interleaved runs of each | p50 (ms) | p90 (ms) | p50 / floor p50 | p90 / floor p90 |")
print("| --- | ---: | ---: | ---: | ---: |")
for label, name, ratio in rows:
    ratios = (f"{p50[name] / p50['floor']:.2f} | {p90[name] / p90['floor']:.2f}" if ratio and name != "floor"
              else "— | —")
    print(f"| {label} | {p50[name]:.1f} | {p90[name]:.1f} | {ratios} |")
print()

def fields(line):
    return dict(word.split("=", 1) for word in shlex.split(line)[1:])

tab_lines, mix, first, cache = [], None, None, None
for line in open(tab_path):
    kind = line.split(" ", 1)[0]
    if kind == "line":
        tab_lines.append(fields(line))
    elif kind == "mix":
        mix = fields(line)
    elif kind == "first_tab":
        first = fields(line)
    elif kind == "cache":
        cache = fields(line)
print("| Tab, line (cursor at the end) | matches | candidates shown | Tab p50 (ms) | Tab p99 (ms) | Tab max (ms) "
      "| floor p50 (ms) | floor p99 (ms) | Tab p99 / floor p99 |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for row in tab_lines:
    text = row["text"].replace("|", "\\|")
    print(f"| `{text}` ({row['name']}) | {int(row['matches']):,} | {row['candidates']} | {row['tab_p50']} "
          f"| {row['tab_p99']} | {row['tab_max']} | {row['floor_p50']} | {row['floor_p99']} "
          f"| {float(row['tab_p99']) / float(row['floor_p99']):.3f} |")
print(f"| all {int(mix['samples']):,} Tabs | | | {mix['tab_p50']} | **{mix['tab_p99']}** | {mix['tab_max']} "
      f"| {mix['floor_p50']} | {mix['floor_p99']} | {float(mix['tab_p99']) / float(mix['floor_p99']):.3f} |")
print()
print(f"For information: the first Tab right after the completer is made (it waits for the command tree, which "
      f"the completer starts building on a thread of its own) took {first['ms']} ms, the same line right after "
      f"{first['second_ms']} ms; the completer alone (without the line reader's layout) has p99 "
      f"{mix['completer_p99']} ms over the mix. The cache file of {count:,} models and {count:,} datasets is "
      f"{int(cache['file_bytes']) / 1e6:.1f} MB; the shell reads it on a thread of its own after it starts "
      f"(`ResourceCache.load`, {cache['load_ms']} ms here), and a change writes it whole "
      f"({cache['save_ms']} ms); building the indexes from an unsorted listing of that size takes "
      f"{cache['index_ms']} ms.")
PY
)
echo "$tables"
refreshes=$(sed -n 's/^refreshes=\([0-9]*\).*/\1/p' "$work/tab.out")
[ "$refreshes" = 0 ] || echo "warning: the completer started $refreshes background refreshes during the Tab run" >&2

if $write_docs; then
  python3 - "$tables" "$(date -u +%Y-%m-%d)" "$runs" "$count" "$rounds" <<'PY'
import re, sys
tables, day, runs, count, rounds = sys.argv[1:]
count = int(count)
path = "docs/benchmarks.md"
text = open(path).read()
section = (f"## Shell\n\n<!-- shell: written by benchmarks/shell.sh --write -->\n"
           f"Measured {day} on this project's 2-core machine: release builds as `make install` makes them "
           f"(`--static-swift-stdlib`). Launch: each program started in a "
           f"pseudo-terminal (Python's pty module), timed from fork to the first appearance of the prompt "
           f"`automl local(off):local/us-central1> `, then sent Ctrl-D; {runs} runs of each, interleaved, after a warm-up "
           f"round; the XDG folders in a temporary folder. Tab: the completer the shell installs and the line "
           f"reader's handling of its answer (no terminal output), over {count:,} models and {count:,} datasets "
           f"cached with display names, {rounds} rounds of the six lines, each Tab followed by its floor (one "
           f"`String.hasPrefix` scan over {count:,} IDs, keeping the first 200 matches).\n\n"
           f"{tables}\n<!-- /shell -->\n")
pattern = re.compile(r"## Shell\n.*?<!-- /shell -->\n", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
fi
