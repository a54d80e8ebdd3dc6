"""Secrets end to end: distinctive tokens configured, every command run with `--log-http`, a transcript recorded,
an interactive history filled (in tmux), errors caused and crashes made; then every file under the test's folders and
every captured stream (standard output and error of each run, the terminal's whole scrollback, the backends' logs) is
searched for the tokens, and the files the shell and the backend write are checked to be 0600 in 0700 folders.

The tokens: the local server's own (random, read from its address file, the one file that must hold it), a bearer
token given to `automl` through GOOGLE_OAUTH_ACCESS_TOKEN for a backend started with `--token`, and a wrong one that
gets a 401. The crashes: the shell killed with SIGSEGV while it waits (Swift's crash report goes to the terminal),
and the local server killed with SIGSEGV (its report goes to its log), then started again by the next command.

    python3 Tests/Reliability/secrets_sweep.py            # prints what it searched
    (Tests/Conformance/test_secrets.py runs it in make test)

It needs the built `automl` (AUTOML_BIN, default .build/debug/automl) with `automl-emulator` and `automl-trainer`
beside it, and tmux.
"""

from __future__ import annotations

import json
import re
import os
import pathlib
import secrets
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Conformance"))
from conformance_support import automl_binary, processes, start_emulator, stop  # noqa: E402
from fault_runs import write_images  # noqa: E402


class Leak(Exception):
    pass


class Sweep:
    # Variables of the caller's environment that would change what automl does (SWIFT_BACKTRACE could turn the crash
    # reporter off).
    cleared = ("AUTOML_ENDPOINT", "GOOGLE_OAUTH_ACCESS_TOKEN", "GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT",
               "SWIFT_BACKTRACE")

    def __init__(self, root: pathlib.Path):
        self.root = root
        self.token = "ya29.SWEEP" + secrets.token_hex(12)
        self.wrong = "ya29.WRONG" + secrets.token_hex(12)
        self.streams: dict[str, str] = {}  # what each run printed, by a name for the report
        self.runs = 0
        self.environment = dict(os.environ)
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            self.environment[name] = str(root / "xdg" / name.lower())
        self.environment["HOME"] = str(root / "home")
        for name in Sweep.cleared:
            self.environment.pop(name, None)
        self.local_tokens: set[str] = set()  # every token the local server had (a new one at each start)
        (root / "home").mkdir(parents=True)

    # -----------------------------------------------------------------------------------------------
    def automl(self, name: str, arguments: list[str], stdin: str = "", token: str | None = None,
               timeout: float = 300) -> subprocess.CompletedProcess:
        environment = dict(self.environment)
        if token:
            environment["GOOGLE_OAUTH_ACCESS_TOKEN"] = token
        logging = [] if arguments[:1] == ["emulator"] else ["--log-http"]
        result = subprocess.run([str(automl_binary()), *logging, *arguments], input=stdin, capture_output=True,
                                text=True, timeout=timeout, env=environment, cwd=self.root)
        self.streams[f"{name} stdout"] = result.stdout
        self.streams[f"{name} stderr"] = result.stderr
        self.runs += 1
        self.note_local_token()
        return result

    def workflow(self, gcs: str, image: pathlib.Path, transcript: pathlib.Path) -> str:
        """Every command of the shell, with errors among them."""
        return f"""\
set on-error continue
record {transcript}
context
dataset create flowers
dataset import gs://{gcs}/import.csv
watch
datasets
dataset get
labels
train --name m1 --budget 8 --force
watch
operations
operation get
models
model get m1
evaluations m1 --format value(name)
evaluation get $last.modelEvaluation[0].name:id --model m1
model deploy m1
watch
predict {image} --model m1
batch-predict gs://{gcs}/batch.csv --output gs://{gcs}/predictions/ --model m1
watch
model export m1 gs://{gcs}/exported/
watch
dataset export gs://{gcs}/export/
watch
download gs://{gcs}/export/ {self.root / "downloaded"}
resume --name m2 --budget 8 --model m1
watch
model undeploy m1
watch
model delete m1 --quiet
watch
train --name m3 --budget 800 --force
operation cancel
operation wait
dataset get nope
model get nope
dataset import gs://{gcs}/missing.csv
watch
use dataset nope
set format yaml
unset model
use model m2
history
record stop
"""

    # -----------------------------------------------------------------------------------------------
    def remote_backend(self) -> tuple[subprocess.Popen, str]:
        """`automl emulator --token TOKEN` on loopback, fast trainings."""
        folder = self.root / "remote"
        write_images(folder / "gcs")
        rows = (folder / "gcs" / "data" / "import.csv").read_text().splitlines()
        (folder / "gcs" / "data" / "batch.csv").write_text(
            "\n".join(row.split(",")[1] for row in rows[:4]) + "\n")
        return start_emulator(folder, "--token", self.token, "--node-hour-seconds", "0.02", "--deploy-seconds", "0.1")

    def over_http(self) -> None:
        """The whole workflow against a backend that wants the bearer token; then a wrong token."""
        process, endpoint = self.remote_backend()
        try:
            image = self.root / "remote" / "gcs" / "data" / "daisy-0.png"
            script = self.workflow("data", image, self.root / "remote-transcript.txt")
            result = self.automl("http workflow", ["--endpoint", endpoint, "--project", "sweep"], stdin=script,
                                 token=self.token)
            ok = result.stderr.count(" 200 ")
            if ok < 40:
                raise RuntimeError(f"the workflow over HTTP did too little ({ok} answers 200):\n{result.stderr[-3000:]}")
            wrong = self.automl("wrong token", ["--endpoint", endpoint, "--project", "sweep", "datasets"],
                                token=self.wrong)
            if wrong.returncode == 0 or " 401 " not in wrong.stderr:
                raise RuntimeError(f"a wrong token was not refused: {wrong.stderr}")
            # The token typed on a command line (a user pasting it) gets an error that does not repeat it.
            self.automl("typed token", ["--endpoint", endpoint, "datasets", "--token", self.token], token=self.token)
            self.automl("typed header", ["--endpoint", endpoint, "-c", f"datasets --access-token={self.token}"],
                        token=self.token)
        finally:
            stop(process)
        self.streams["remote backend stdout"] = process.stdout.read() if process.stdout else ""

    # -----------------------------------------------------------------------------------------------
    def local_folder(self) -> pathlib.Path:
        return self.root / "xdg" / "xdg_data_home" / "automl" / "local"

    def note_local_token(self) -> None:
        """Keeps the local server's current token, if it runs (each start makes a new one)."""
        for path in self.local_folder().glob("server*.json"):
            try:
                entry = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            self.local_tokens.update(
                value for key, value in entry.items() if "token" in key.lower() and isinstance(value, str))

    def local_server(self) -> None:
        """The default backend: a workflow, then a crash of the server and the command that restarts it."""
        try:
            self.local_workflow()
        finally:
            self.automl("local stop", ["emulator", "stop"])

    def local_workflow(self) -> None:
        folder = self.root / "images"
        for label in ("daisy", "tulip"):
            (folder / label).mkdir(parents=True)
            source = self.root / "remote" / "gcs" / "data"
            for index in range(12):
                shutil.copy(source / f"{label}-{index}.png", folder / label / f"{index}.png")
        script = f"""\
set on-error continue
record {self.root / "local-transcript.txt"}
dataset create flowers
dataset import {folder}/ --bucket sweep-bucket
labels
train --name m1 --budget 8 --force
operation cancel
datasets
model get nope
record stop
"""
        result = self.automl("local workflow", [], stdin=script)
        if " 200 " not in result.stderr:
            raise RuntimeError(f"the local workflow reached no server:\n{result.stderr[-3000:]}")
        if not self.local_tokens:
            raise RuntimeError("the local server's address file holds no token")
        data = self.local_folder()
        status = self.automl("local status", ["emulator", "status"])
        pid = re.search(r"pid (\d+)", status.stdout)
        if not pid:
            raise RuntimeError(f"emulator status names no pid: {status.stdout}")
        # SIGSEGV: Swift's runtime writes its crash report to the server's log; sent by kill, the signal is not a fault
        # the process meets again, so it is then killed for good, and the next command starts the server again.
        log = data / "server.log"
        os.kill(int(pid.group(1)), signal.SIGSEGV)
        deadline = time.monotonic() + 30
        while "Program crashed" not in log.read_text(errors="replace") or "Backtrace took" not in log.read_text(
                errors="replace"):
            if time.monotonic() > deadline:
                raise RuntimeError("the local server wrote no crash report")
            time.sleep(0.2)
        os.kill(int(pid.group(1)), signal.SIGKILL)
        again = self.automl("after the server crashed", ["datasets"])
        if again.returncode != 0:
            raise RuntimeError(f"the command after the crash failed: {again.stderr}")

    # -----------------------------------------------------------------------------------------------
    def interactive(self, endpoint_token: str) -> None:
        """The shell in tmux: commands into the history (one carrying the token), record, then a crash."""
        session = f"sweep-{os.getpid()}"
        # A tmux server of its own (not the user's, whose environment it would pass on), and the variables that would
        # change what automl does taken out.
        tmux = ["tmux", "-L", session]
        environment = " ".join(shlex.quote(f"{key}={value}") for key, value in self.environment.items()
                               if key.startswith("XDG_") or key == "HOME")
        unset = " ".join(f"-u {name}" for name in Sweep.cleared)
        command = (f"env {unset} {environment} TERM=xterm {shlex.quote(str(automl_binary()))} --log-http; "
                   "echo EXIT=$?; sleep 600")
        # The token in the shell's environment too (through tmux, not on the command line, which bash prints when it
        # reports the process killed), so a crash report that printed the environment would be caught.
        subprocess.run([*tmux, "new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                        "-e", f"GOOGLE_OAUTH_ACCESS_TOKEN={endpoint_token}", command], check=True)
        try:
            def screen() -> str:
                return subprocess.run([*tmux, "capture-pane", "-p", "-S", "-", "-t", session], capture_output=True,
                                      text=True).stdout

            def wait_for(text: str, seconds: float = 60) -> None:
                deadline = time.monotonic() + seconds
                while text not in screen():
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"the shell never showed {text!r}:\n{screen()[-2000:]}")
                    time.sleep(0.1)

            def type_line(line: str) -> None:
                subprocess.run([*tmux, "send-keys", "-t", session, "-l", line], check=True)
                subprocess.run([*tmux, "send-keys", "-t", session, "Enter"], check=True)

            typed = [
                f"record {self.root / 'tmux-transcript.txt'}",
                "datasets",
                f"use endpoint http://127.0.0.1:9/?access_token={endpoint_token}",
                f"datasets --token {endpoint_token}",
                f"# Authorization: Bearer {endpoint_token}",
                "use endpoint local",
                "models",
                "history",
            ]
            wait_for("automl local")
            for line in typed:
                type_line(line)
                time.sleep(0.3)
            wait_for("   2  datasets")
            self.note_local_token()  # the server this shell started has a token of its own
            # A crash: SIGSEGV makes Swift's runtime print its crash report on the terminal. Sent by kill, the signal
            # is not a fault the process meets again, and the runtime leaves the threads it stopped for the report
            # stopped: the shell is then killed for good.
            pids = subprocess.run([*tmux, "list-panes", "-t", session, "-F", "#{pane_pid}"], capture_output=True,
                                  text=True).stdout.split()
            shell = [pid for pid, parent, command in processes() if str(parent) in pids and "automl" in command]
            if not shell:
                raise RuntimeError("the shell's process was not found")
            for pid in shell:
                os.kill(pid, signal.SIGSEGV)
            wait_for("Program crashed")
            wait_for("Backtrace took")
            for pid in shell:
                os.kill(pid, signal.SIGKILL)
            wait_for("EXIT=")
            # What the user typed is on the screen because they typed it; everything else is the shell's.
            scrollback = subprocess.run([*tmux, "capture-pane", "-p", "-J", "-S", "-", "-t", session],
                                        capture_output=True, text=True).stdout
            for line in sorted(typed, key=len, reverse=True):
                scrollback = scrollback.replace(line, "")
            self.streams["tmux scrollback (without the typed lines)"] = scrollback
        finally:
            subprocess.run([*tmux, "kill-server"], capture_output=True)
            self.automl("local stop after the shell", ["emulator", "stop"])

    # -----------------------------------------------------------------------------------------------
    def search(self, tokens: list[str], allowed: set[pathlib.Path]) -> list[str]:
        """Every place a token appears: files under the root (but ALLOWED) and captured streams."""
        found = []
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and path not in allowed:
                content = path.read_bytes()
                for token in tokens:
                    if token.encode() in content:
                        found.append(f"{path.relative_to(self.root)} holds {token[:10]}…")
        for name, text in self.streams.items():
            for token in tokens:
                if token in text:
                    at = text.index(token)
                    found.append(f"{name} shows {token[:10]}…: {text[max(0, at - 600):at + 40]!r}")
        return found

    def modes(self) -> list[str]:
        """Files the shell and the local server write that others could read: all must be 0600 in 0700 folders."""
        wrong = []
        for top in (self.root / "xdg", self.root / "remote" / "data"):
            for path in [top, *top.rglob("*")]:
                if path.is_symlink():
                    continue
                mode = stat.S_IMODE(path.stat().st_mode)
                if path.is_dir() and path != top and mode != 0o700:
                    wrong.append(f"{path.relative_to(self.root)} is a folder with mode {mode:o}")
                elif path.is_file() and mode & 0o077:
                    wrong.append(f"{path.relative_to(self.root)} has mode {mode:o}")
        return wrong


def sweep(root: pathlib.Path) -> str:
    """Runs everything; returns the summary, or raises Leak listing every leak and loose mode."""
    run = Sweep(root)
    run.over_http()
    run.local_server()
    run.interactive(run.token)
    address_files = set(run.local_folder().glob("server*.json"))
    tokens = [run.token, run.wrong, *sorted(run.local_tokens)]
    leaks = run.search(tokens, allowed=address_files)
    loose = run.modes()
    files = sum(1 for path in root.rglob("*") if path.is_file())
    if leaks or loose:
        raise Leak("\n".join(leaks + loose))
    return (f"{len(tokens)} tokens (ours, a wrong one, and the local server's at each of its starts), {run.runs} runs of automl with --log-http (every command, errors, a 401, a crash of the shell "
            f"and of the local server), {files} files and {len(run.streams)} streams searched: no token anywhere "
            f"but the local server's address file; every file under the XDG folders and the backend's data folder 0600, every folder 0700")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="automl-secrets-") as temporary:
        try:
            print(sweep(pathlib.Path(temporary)))
        except Leak as leak:
            print(f"LEAKS:\n{leak}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
