"""kill -9 of the local backend at random points, restarting on the same folder, round after round.

One data folder lives through every round, as a user's does. Each round sends one kind of work — an import, a
training, a deploy, an export or a delete — kills the backend with SIGKILL at a random moment while that work is in
flight, checks the SQLite file (`PRAGMA integrity_check`, `foreign_key_check`), restarts the backend on the same
folder, waits for every operation to end, and compares what the backend holds with a ledger of what it answered:

- nothing lost: every resource and operation the backend reported exists; every operation ends done, with a
  response or an error; a finished import holds exactly its images (none twice); a finished training made exactly
  one model, a failed one none; a finished deploy left the model deployed; a finished export wrote its CSV;
- nothing duplicated: one dataset per create, one model per training (a create whose answer the kill cut off made
  one or none);
- no worker outlives its backend (an orphaned trainer would write into the folder beside the restarted one).

Then the workers: an `automl-trainer` killed mid-training ends its operation with an error and makes no model while
the backend serves on; a prediction worker killed between predictions is replaced and the next prediction answers.

    python3 Tests/Reliability/crash_runs.py --rounds 50 --worker-rounds 5    # the long run (docs/reliability.md)
    python3 Tests/Reliability/crash_runs.py --rounds 5 --worker-rounds 1     # what `make test` runs

It needs the built `automl` (AUTOML_BIN, default .build/debug/automl) with `automl-trainer` beside it.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import pathlib
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Conformance"))
from conformance_support import png_bytes, processes, start_emulator  # noqa: E402

LOCATION = "projects/crash/locations/us-central1"
LABELS = {"daisy": (230, 230, 40), "tulip": (200, 30, 60)}
PER_LABEL = 12
IMAGES = PER_LABEL * len(LABELS)
# How long after sending a round's request the kill may come, to begin with: about as long as that work takes here.
# Each round then shortens its phase's window when the kill came after the work had ended, and lengthens it when it
# came before the answer, so kills keep landing in all three places on a fast or a slow machine.
WINDOWS = {"import": 0.5, "train": 4.0, "deploy": 1.2, "export": 0.3, "delete": 0.3}
PHASES = list(WINDOWS)


class Failure(Exception):
    pass


# ---------------------------------------------------------------------------------------------------
# The backend and HTTP.


class Backend:
    def __init__(self, root: pathlib.Path):
        self.root = root
        self.process: subprocess.Popen | None = None
        self.endpoint = ""
        self.starts = 0

    def start(self) -> None:
        try:
            self.process, self.endpoint = start_emulator(
                self.root, "--node-hour-seconds", "0.25", "--deploy-seconds", "1")
        except RuntimeError as error:
            raise Failure(f"{error} (after {self.starts} starts)") from None
        self.starts += 1

    def resumed(self) -> int:
        """How many operations the backend has carried on at its starts (it logs each)."""
        return (self.root / "backend.log").read_text(errors="replace").count("resuming operation")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process:
            self.process.wait()
            self.process.stdout.close()

    def stop(self) -> int:
        assert self.process
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            status = -9
        self.process.stdout.close()
        return status

    def call(self, method: str, path: str, body: dict | None = None, timeout: float = 60) -> dict:
        """The JSON answer; raises Failure for an HTTP error and ConnectionError when the backend is gone."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.endpoint + "/v1/" + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                return json.loads(reply.read() or b"{}")
        except urllib.error.HTTPError as error:
            raise Failure(f"{method} {path}: {error.code} {error.read()[:300]!r}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise ConnectionError(str(error)) from None

    def wait(self, operation: str, seconds: float = 180) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            answer = self.call("GET", operation)
            if answer.get("done"):
                return answer
            time.sleep(0.1)
        raise Failure(f"{operation} did not end within {seconds} s")

    def listing(self, collection: str) -> list[dict]:
        items, token = [], ""
        while True:
            answer = self.call("GET", f"{LOCATION}/{collection}?pageSize=100" + (f"&pageToken={token}" if token else ""))
            items += answer.get("model" if collection == "models" else collection, [])  # v1's ListModels says "model"
            token = answer.get("nextPageToken", "")
            if not token:
                return items

    def children(self) -> list[tuple[int, str]]:
        """The backend's child processes (workers): PID and command line."""
        return [(pid, command) for pid, parent, command in processes() if self.process and parent == self.process.pid]


def check_database(root: pathlib.Path) -> None:
    connection = sqlite3.connect(root / "data" / "automl.sqlite", timeout=30)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        keys = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    if integrity != [("ok",)] or keys:
        raise Failure(f"SQLite integrity check: {integrity[:5]}, foreign keys: {keys[:5]}")


def no_orphans(root: pathlib.Path, spared: int | None) -> None:
    """No process but the live backend names the data folder (workers get it in their arguments)."""
    folder = str(root / "data")
    deadline = time.monotonic() + 15
    while True:
        left = [(pid, command) for pid, _, command in processes()
                if folder in command and pid != spared and pid != os.getpid()]
        if not left:
            return
        if time.monotonic() > deadline:
            for pid, _ in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            raise Failure(f"processes outlived their backend: {left}")
        time.sleep(0.2)


# ---------------------------------------------------------------------------------------------------
# What the backend answered, and what it must hold.


class Ledger:
    def __init__(self):
        self.operations: dict[str, str] = {}  # operation name -> what it does
        self.datasets: dict[str, str] = {}  # dataset name -> display name
        self.maybe: dict[str, str] = {}  # display name -> kind, for creates whose answer the kill cut off
        self.deleted: set[str] = set()  # resource names whose delete was sent (done or cut off)
        self.verified: set[str] = set()  # operations whose outcome was checked (later work may change what they made)
        self.counter = 0

    def display(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"


def settle(backend: Backend, ledger: Ledger) -> dict[str, dict]:
    """Waits for every operation to end; returns the ended ones by name, each checked."""
    ended = {}
    for name, what in ledger.operations.items():
        try:
            operation = backend.wait(name)
        except Failure as failure:
            raise Failure(f"{what}: {failure}") from None
        if "error" not in operation and "response" not in operation:
            raise Failure(f"{what} ({name}) is done with neither a response nor an error: {operation}")
        ended[name] = operation
    return ended


def verify(backend: Backend, ledger: Ledger, ended: dict[str, dict]) -> None:
    datasets = backend.listing("datasets")
    models = backend.listing("models")
    by_display: dict[str, list[dict]] = {}
    for resource in datasets + models:
        by_display.setdefault(resource["displayName"], []).append(resource)
    for display, found in by_display.items():
        if len(found) > 1:
            raise Failure(f"{len(found)} resources named {display}: nothing may be made twice")
    dataset_names = {d["name"] for d in datasets}
    for name, display in ledger.datasets.items():
        if name not in dataset_names and name not in ledger.deleted:
            raise Failure(f"dataset {display} ({name}) was lost")
    model_names = {m["name"]: m for m in models}
    for name, operation in ended.items():
        if name in ledger.verified:
            continue
        ledger.verified.add(name)
        what = ledger.operations[name]
        failed = "error" in operation
        kind, _, subject = what.partition(" ")
        if kind == "import":
            dataset = next((d for d in datasets if d["name"] == subject), None)
            if dataset is None and subject not in ledger.deleted:
                raise Failure(f"{what}: the dataset is gone")
            count = int((dataset or {}).get("exampleCount", 0))
            if dataset and not failed and count != IMAGES:
                raise Failure(f"{what} succeeded but the dataset holds {count} images, not {IMAGES}")
        elif kind == "train":
            made = by_display.get(subject, [])
            if failed and made:
                raise Failure(f"{what} failed ({operation['error']}) yet made {made[0]['name']}")
            if not failed:
                model = operation["response"].get("name", "")
                if model not in model_names and model not in ledger.deleted:
                    raise Failure(f"{what} made {model}, which was lost")
        elif kind in ("deploy", "undeploy") and not failed and subject in model_names and subject not in ledger.deleted:
            expected = "DEPLOYED" if kind == "deploy" else "UNDEPLOYED"
            if model_names[subject].get("deploymentState") != expected:
                raise Failure(f"{what} succeeded but the model is {model_names[subject].get('deploymentState')}")
        elif kind == "export" and not failed:
            prefix = backend.root / "gcs" / "exports" / subject.rsplit("/", 1)[-1]
            csvs = list(prefix.glob("*/image_classification_1.csv"))
            if not csvs:
                raise Failure(f"{what} succeeded but wrote no CSV under {prefix}")
        elif kind == "delete" and not failed and (subject in dataset_names or subject in model_names):
            raise Failure(f"{what} succeeded but the resource is still there")
    # A create the kill cut off made one resource or none; from now on it is known.
    for display in list(ledger.maybe):
        for resource in by_display.get(display, []):
            if resource["name"].split("/")[-2] == "datasets":
                ledger.datasets[resource["name"]] = display
        del ledger.maybe[display]
    for dataset in datasets:
        if dataset["name"] not in ledger.datasets:
            raise Failure(f"dataset {dataset['displayName']} ({dataset['name']}) was never asked for")


# ---------------------------------------------------------------------------------------------------
# The work of each round.


def start_operation(backend: Backend, ledger: Ledger, what: str, method: str, path: str, body: dict | None,
                    display: str | None = None) -> str | None:
    """Sends a request that starts an operation; records it when the answer arrives. None when the kill cut it."""
    try:
        operation = backend.call(method, path, body)
    except ConnectionError:
        if display:
            ledger.maybe[display] = what
        return None
    ledger.operations[operation["name"]] = what
    return operation["name"]


def create_dataset(backend: Backend, ledger: Ledger) -> str:
    display = ledger.display("flowers")
    body = {"displayName": display, "imageClassificationDatasetMetadata": {"classificationType": "MULTICLASS"}}
    name = start_operation(backend, ledger, f"create {display}", "POST", f"{LOCATION}/datasets", body)
    dataset = backend.wait(name)["response"]
    ledger.datasets[dataset["name"]] = display
    return dataset["name"]


def import_images(backend: Backend, ledger: Ledger, dataset: str) -> str | None:
    body = {"inputConfig": {"gcsSource": {"inputUris": ["gs://data/import.csv"]}}}
    return start_operation(backend, ledger, f"import {dataset}", "POST", f"{dataset}:importData", body)


def train(backend: Backend, ledger: Ledger, dataset: str) -> str | None:
    display = ledger.display("model")
    body = {"displayName": display, "datasetId": dataset.rsplit("/", 1)[-1],
            "imageClassificationModelMetadata": {"trainBudgetMilliNodeHours": "8000"}}
    return start_operation(backend, ledger, f"train {display}", "POST", f"{LOCATION}/models", body, display)


def ready_dataset(backend: Backend, ledger: Ledger) -> str:
    """A dataset with every image, made when there is none."""
    for dataset in backend.listing("datasets"):
        if int(dataset.get("exampleCount", 0)) == IMAGES and dataset["name"] not in ledger.deleted:
            return dataset["name"]
    dataset = create_dataset(backend, ledger)
    backend.wait(import_images(backend, ledger, dataset))
    return dataset


def ready_model(backend: Backend, ledger: Ledger, fresh: bool = False) -> str:
    """A trained model (a new one when FRESH), trained without a kill when there is none."""
    models = [m for m in backend.listing("models") if m["name"] not in ledger.deleted]
    if models and not fresh:
        return random.choice(models)["name"]
    operation = backend.wait(train(backend, ledger, ready_dataset(backend, ledger)))
    if "error" in operation:
        raise Failure(f"a training without a kill failed: {operation['error']}")
    return operation["response"]["name"]


def send_round_work(phase: str, backend: Backend, ledger: Ledger) -> None:
    """Prepares what the phase needs (no kill yet), then returns a function that sends the work."""
    if phase == "import":
        dataset = create_dataset(backend, ledger)
        return lambda: import_images(backend, ledger, dataset)
    if phase == "train":
        dataset = ready_dataset(backend, ledger)
        return lambda: train(backend, ledger, dataset)
    if phase == "deploy":
        model = ready_model(backend, ledger)
        state = backend.call("GET", model).get("deploymentState")
        verb = "undeploy" if state == "DEPLOYED" else "deploy"
        body = {} if verb == "undeploy" else {"imageClassificationModelDeploymentMetadata": {"nodeCount": "1"}}
        return lambda: start_operation(backend, ledger, f"{verb} {model}", "POST", f"{model}:{verb}", body)
    if phase == "export":
        dataset = ready_dataset(backend, ledger)
        prefix = f"gs://exports/{dataset.rsplit('/', 1)[-1]}/"
        body = {"outputConfig": {"gcsDestination": {"outputUriPrefix": prefix}}}
        return lambda: start_operation(backend, ledger, f"export {dataset}", "POST", f"{dataset}:exportData", body)
    if phase == "delete":
        subject = ready_model(backend, ledger, fresh=True) if random.random() < 0.5 else create_dataset(backend, ledger)

        def delete():
            ledger.deleted.add(subject)
            return start_operation(backend, ledger, f"delete {subject}", "DELETE", subject, None)
        return delete
    raise ValueError(phase)


def backend_round(phase: str, window: float, backend: Backend, ledger: Ledger) -> tuple[float, str]:
    """One kill during PHASE's work, at a random moment within WINDOW seconds of sending it; returns the moment and
    where it landed: before the answer, while the operation ran (the restarted backend carried it on), or after the
    operation had ended."""
    send = send_round_work(phase, backend, ledger)
    known = len(ledger.operations)
    delay = random.uniform(0, window)
    raised: list[BaseException] = []

    def sending() -> None:
        try:
            send()
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            raised.append(error)

    sender = threading.Thread(target=sending)
    sender.start()
    time.sleep(delay)
    backend.kill()
    sender.join()
    if raised:
        raise Failure(f"the round's request failed: {raised[0]}")
    no_orphans(backend.root, None)
    check_database(backend.root)
    resumed = backend.resumed()
    backend.start()
    verify(backend, ledger, settle(backend, ledger))
    if len(ledger.operations) == known:
        return delay, "before the answer"
    return delay, "while it ran" if backend.resumed() > resumed else "after it ended"


def trainer_round(backend: Backend, ledger: Ledger) -> str:
    """kill -9 of the trainer mid-training: the operation ends with an error, no model, the backend serves on."""
    dataset = ready_dataset(backend, ledger)
    name = train(backend, ledger, dataset)
    display = ledger.operations[name].split(" ", 1)[1]
    deadline = time.monotonic() + 60
    while not (workers := [pid for pid, command in backend.children() if " train " in f"{command} "]):
        if time.monotonic() > deadline:
            raise Failure("no trainer worker appeared")
        time.sleep(0.05)
    time.sleep(random.uniform(0.2, 2.0))
    for pid in workers:
        if pid in [child for child, _ in backend.children()]:  # still the backend's trainer, not a reused PID
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    operation = backend.wait(name)
    if "error" not in operation:
        # It finished before the kill landed; that is no test of a crash, but not a failure either.
        return "finished before the kill"
    if any(m["displayName"] == display for m in backend.listing("models")):
        raise Failure(f"the killed training {display} made a model")
    check_database(backend.root)
    verify(backend, ledger, settle(backend, ledger))
    return operation["error"].get("message", "")[:120]


def prediction_round(backend: Backend, ledger: Ledger, image: bytes) -> str:
    """kill -9 of a prediction worker between predictions: the next prediction is answered."""
    model = ready_model(backend, ledger)
    if backend.call("GET", model).get("deploymentState") != "DEPLOYED":
        name = start_operation(backend, ledger, f"deploy {model}", "POST", f"{model}:deploy",
                               {"imageClassificationModelDeploymentMetadata": {"nodeCount": "1"}})
        if "error" in backend.wait(name):
            raise Failure(f"deploying {model} failed")
    body = {"payload": {"image": {"imageBytes": base64.b64encode(image).decode()}}}
    first = backend.call("POST", f"{model}:predict", body)
    workers = [pid for pid, command in backend.children() if " serve " in f"{command} "]
    if not workers:
        raise Failure("no prediction worker after a prediction")
    for pid in workers:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    time.sleep(random.uniform(0, 0.5))
    second = backend.call("POST", f"{model}:predict", body)
    if first.get("payload") != second.get("payload"):
        raise Failure(f"the replaced worker answers differently: {first} / {second}")
    return f"{len(workers)} worker(s) replaced"


# ---------------------------------------------------------------------------------------------------


def write_images(gcs_root: pathlib.Path) -> bytes:
    folder = gcs_root / "data"
    folder.mkdir(parents=True)
    rows = []
    for label_index, (label, colour) in enumerate(LABELS.items()):
        for index in range(PER_LABEL):
            image = png_bytes(32, 32, seed=label_index * 100 + index, base_colour=colour)
            (folder / f"{label}-{index}.png").write_bytes(image)
            split = "TRAIN" if index < 8 else "VALIDATION" if index < 10 else "TEST"
            rows.append(f"{split},gs://data/{label}-{index}.png,{label}")
    (folder / "import.csv").write_text("\n".join(rows) + "\n")
    (gcs_root / "exports").mkdir()
    return image


def run(root: pathlib.Path, rounds: int, worker_rounds: int, say=lambda line: None) -> str:
    """Every round in ROOT; returns the summary line, or raises Failure with the backend log's last lines."""
    image = write_images(root / "gcs")
    (root / "data").mkdir()
    backend = Backend(root)
    ledger = Ledger()
    counts = {"backend": 0, "trainer": 0, "prediction": 0}
    landed: dict[str, int] = {}
    windows = dict(WINDOWS)
    try:
        backend.start()
        for index in range(rounds):
            phase = PHASES[index % len(PHASES)]
            delay, where = backend_round(phase, windows[phase], backend, ledger)
            windows[phase] *= {"after it ended": 0.7, "before the answer": 1.4}.get(where, 1.0)
            counts["backend"] += 1
            landed[where] = landed.get(where, 0) + 1
            say(f"kill {index + 1}: during {phase}, {delay:.2f} s after sending, {where}: ok")
        for index in range(worker_rounds):
            say(f"trainer kill {index + 1}: ok ({trainer_round(backend, ledger)})")
            counts["trainer"] += 1
            say(f"prediction worker kill {index + 1}: ok ({prediction_round(backend, ledger, image)})")
            counts["prediction"] += 1
        status = backend.stop()
        if status != 0:
            raise Failure(f"the backend exited with {status} after SIGTERM")
        check_database(root)
    except Failure as failure:
        log = (root / "backend.log").read_text(errors="replace").splitlines()
        raise Failure(f"after {counts}: {failure}\n" + "\n".join(log[-15:])) from None
    finally:
        backend.kill()  # a no-op after the clean stop; otherwise nothing outlives the run
    where = ", ".join(f"{count} {place}" for place, count in sorted(landed.items()))
    return (f"{counts['backend']} kills of the backend during import, training, deploy, export and delete ({where}), "
            f"{counts['trainer']} of the trainer, "
            f"{counts['prediction']} of prediction workers: nothing lost or duplicated, all "
            f"{len(ledger.operations)} operations ended, integrity checks ok")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=50, help="kills of the backend, spread over the phases")
    parser.add_argument("--worker-rounds", type=int, default=5, help="kills of the trainer, and of prediction workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args()
    random.seed(options.seed)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="automl-crashes-") as temporary:
        try:
            summary = run(pathlib.Path(temporary), options.rounds, options.worker_rounds,
                          say=(lambda line: None) if options.quiet else (lambda line: print(line, flush=True)))
        except Failure as failure:
            print(f"FAILED {failure}", file=sys.stderr)
            return 1
    print(f"{summary} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
