"""Transcripts reproduce (issue 10): a session typed into the interactive shell under tmux against one local
backend over HTTP records a transcript, with resource IDs typed in every form (bare, --flag=ID, quoted, a full
resource name, reached through $last); `automl -f` replays it against a fresh backend; the official Python
client then reads both backends, and their datasets, models, evaluations and operations, by display name and
kind, are the same.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
import time
import uuid

import pytest
from conformance_support import automl_binary, ml_use, png_bytes, running_emulator
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import automl_v1

PROJECT = "replay-project"
PARENT = f"projects/{PROJECT}/locations/us-central1"
BUCKET = "replay-bucket"
NODE_HOUR_SECONDS = 0.05
COMMAND_TIMEOUT = 90.0

pytestmark = pytest.mark.skipif(not pathlib.Path("/usr/bin/tmux").exists(), reason="needs tmux (make test installs it)")


class Tmux:
    """A command in a detached tmux session on a server socket of its own, driven by keystrokes."""

    def __init__(self, command: str, environment: dict[str, str]):
        self.socket = f"automl-replay-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in sorted(environment.items()))
        self._tmux("new-session", "-d", "-s", "main", "-x", "200", "-y", "50",
                   f"export {exports}; {command}; echo EXIT=$?; sleep 60")

    def _tmux(self, *arguments: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *arguments], check=True,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True).stdout

    def type_line(self, text: str) -> None:
        self._tmux("send-keys", "-t", "main", "-l", text)
        self._tmux("send-keys", "-t", "main", "Enter")

    def press(self, key: str) -> None:
        self._tmux("send-keys", "-t", "main", key)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main")

    def wait_for(self, text: str, timeout: float = COMMAND_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            time.sleep(0.05)
        pytest.fail(f"the screen never showed {text!r}; it shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], stdin=subprocess.DEVNULL, capture_output=True)


def client_for(endpoint: str) -> automl_v1.AutoMlClient:
    return automl_v1.AutoMlClient(transport="rest", credentials=AnonymousCredentials(),
                                  client_options=ClientOptions(api_endpoint=endpoint))


def resource_id(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def operation_kind(operation) -> str:
    metadata = automl_v1.OperationMetadata.pb(automl_v1.OperationMetadata())
    assert operation.metadata.Unpack(metadata), operation.metadata.type_url
    return metadata.WhichOneof("details")


def state(client: automl_v1.AutoMlClient) -> dict:
    """What a backend holds, by display name and kind (IDs differ between backends)."""
    datasets = list(client.list_datasets(parent=PARENT))
    names = {dataset.name: dataset.display_name for dataset in datasets}
    models = list(client.list_models(parent=PARENT))
    evaluations = {
        model.display_name: sorted(evaluation.display_name or "(all)"
                                   for evaluation in client.list_model_evaluations(parent=model.name, filter=""))
        for model in models}
    operations = client.transport.operations_client.list_operations(PARENT, filter_="")
    return {
        "datasets": sorted((dataset.display_name, "detection" if "image_object_detection_dataset_metadata" in dataset
                            else "classification", dataset.example_count) for dataset in datasets),
        "models": sorted((model.display_name, names[f"{PARENT}/datasets/{model.dataset_id}"],
                          automl_v1.Model.DeploymentState(model.deployment_state).name) for model in models),
        "evaluations": evaluations,
        "operations": sorted((operation_kind(operation), operation.done, operation.error.code)
                             for operation in operations),
    }


def write_images(gcs_root: pathlib.Path) -> str:
    folder = gcs_root / BUCKET
    (folder / "images").mkdir(parents=True)
    rows = []
    for label_index, (label, colour) in enumerate({"daisy": (230, 220, 40), "tulip": (200, 30, 60)}.items()):
        for index in range(14):
            name = f"images/{label}_{index:02d}.png"
            (folder / name).write_bytes(png_bytes(32, 32, label_index * 100 + index + 1, colour))
            rows.append(f"{ml_use(index)},gs://{BUCKET}/{name},{label}")
    (folder / "all.csv").write_text("\n".join(rows) + "\n")
    return f"gs://{BUCKET}/all.csv"


def commands_in(transcript: pathlib.Path) -> list[str]:
    """The transcript's commands so far (its comment lines left out)."""
    if not transcript.exists():
        return []
    return [line for line in transcript.read_text().splitlines() if line and not line.startswith("#")]


def test_a_recorded_session_replays_on_a_fresh_backend(tmp_path):
    gcs_root = tmp_path / "gcs"
    csv = write_images(gcs_root)
    home = tmp_path / "home"
    environment = {
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"), "XDG_DATA_HOME": str(home / "data"),
        "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color",
        # No pager: long results would wait in less for a q no one types (this test reads the transcript).
        "PAGER": "",
    }
    transcript = tmp_path / "session.automl"
    with running_emulator(tmp_path / "first", gcs_root, NODE_HOUR_SECONDS) as first, \
            running_emulator(tmp_path / "second", gcs_root, NODE_HOUR_SECONDS) as second:
        recorded = client_for(first.endpoint)
        shell = Tmux(f"{shlex.quote(str(automl_binary()))} --endpoint {first.endpoint} --project {PROJECT}",
                     environment)
        try:
            shell.wait_for(f"automl {first.endpoint.removeprefix('http://')}:{PROJECT}/us-central1>")

            def run(command: str) -> None:
                """Types a command and waits until the transcript has it (it is written after the command ran)."""
                count = len(commands_in(transcript))
                shell.type_line(command)
                deadline = time.monotonic() + COMMAND_TIMEOUT
                while len(commands_in(transcript)) == count:
                    if time.monotonic() > deadline:
                        pytest.fail(f"`{command}` did not finish; the screen shows:\n{shell.screen()}")
                    time.sleep(0.05)

            shell.type_line(f"record {transcript}")
            shell.wait_for("recording to")
            run("dataset create flowers")
            dataset = next(resource_id(d.name) for d in recorded.list_datasets(parent=PARENT)
                           if d.display_name == "flowers")
            run(f"use dataset {dataset}")                                  # bare
            run(f"dataset import {csv}")
            run("watch")
            run(f"models --dataset={dataset}")                             # --flag=ID
            run(f"dataset get '{dataset}'")                                # quoted
            run(f"dataset get {PARENT}/datasets/{dataset}")                # a full resource name
            run("train --budget 8 --name flowers_v1")
            run("watch")
            model = resource_id(next(iter(recorded.list_models(parent=PARENT))).name)
            training = next(resource_id(o.name) for o in
                            recorded.transport.operations_client.list_operations(PARENT, filter_="")
                            if operation_kind(o) == "create_model_details")
            run(f"model get {model}")                                      # bare
            run(f"operation get {training}")
            run("evaluations")
            run("evaluation get $last.modelEvaluation[0].name:id")         # reached through $last
            run("dataset create boxes --type detection")
            shell.type_line("record stop")
            shell.wait_for("transcript written to")
            shell.press("C-d")
            shell.wait_for("EXIT=0")
        finally:
            shell.close()

        text = transcript.read_text()
        for made in (dataset, model, training):
            assert made not in text, f"{made} is written as a variable:\n{text}"
        assert "use dataset $dataset_flowers\n" in text
        assert "models --dataset=$dataset_flowers\n" in text
        assert f"dataset get {PARENT}/datasets/" not in text
        assert "evaluation get $evaluation_flowers_v1_" in text
        assert f"use project {PROJECT}\n" in text and first.endpoint not in text.split("\n", 1)[1]

        replay = subprocess.run([str(automl_binary()), "--endpoint", second.endpoint, "-x", "-f", str(transcript)],
                                env={**os.environ, **environment}, stdin=subprocess.DEVNULL, capture_output=True,
                                text=True, timeout=300)
        assert replay.returncode == 0, f"stdout:\n{replay.stdout}\nstderr:\n{replay.stderr}"
        assert re.search(r"^\+ dataset create flowers$", replay.stdout, re.MULTILINE), replay.stdout

        expected = state(recorded)
        assert expected["models"] == [("flowers_v1", "flowers", "UNDEPLOYED")]
        assert len(expected["evaluations"]["flowers_v1"]) == 3, expected
        assert state(client_for(second.endpoint)) == expected
