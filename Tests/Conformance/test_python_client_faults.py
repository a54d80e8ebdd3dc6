"""The official Python client under faults (issue 13): the seed workflow with google-cloud-automl, its calls given
retry settings of its own (google.api_core's Retry on 503, 429 and dropped connections, and the same for its
operation polls), against a backend that answers 20% of requests 503, 10% 429, drops 5% of connections before
handling them and waits 200 ms before each answer. It ends in the fault-free run's state.

The stock client cannot reconcile a create whose answer is lost after the work was done (the shell can; see
test_fault_runs.py): its Retry would send the create again and make the dataset twice. So this run drops
connections only before handling (`drop`), not after (`drop-after`).

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import pathlib
import sys

import requests
from google.api_core import exceptions, retry as retries
from google.api_core.client_options import ClientOptions
from google.api_core.future.polling import DEFAULT_POLLING
from google.auth.credentials import AnonymousCredentials
from google.cloud import automl_v1

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Reliability"))
import fault_runs  # noqa: E402  (the same images and backend as the shell's fault runs)

PARENT = "projects/faults/locations/us-central1"
FAULTS = "unavailable=0.2,rate-limit=0.1,retry-after=1s,drop=0.05,latency=200ms"

# What a careful user of the Python client sets: retry what the service refused or the network lost.
RETRY = retries.Retry(
    predicate=retries.if_exception_type(
        exceptions.ServiceUnavailable, exceptions.TooManyRequests, requests.exceptions.ConnectionError),
    initial=0.2, multiplier=2, maximum=2, timeout=180)
POLLING = DEFAULT_POLLING.with_delay(initial=0.2, multiplier=1.5, maximum=1).with_timeout(180)


def workflow(endpoint: str) -> dict:
    """Create, import, train, resume, delete the first model, cancel a third training; returns the final state."""
    client = automl_v1.AutoMlClient(transport="rest", credentials=AnonymousCredentials(),
                                    client_options=ClientOptions(api_endpoint=endpoint))

    def finish(operation):
        return operation.result(timeout=180, retry=RETRY, polling=POLLING)

    dataset = finish(client.create_dataset(parent=PARENT, retry=RETRY, dataset=automl_v1.Dataset(
        display_name="flowers", image_classification_dataset_metadata=automl_v1.ImageClassificationDatasetMetadata(
            classification_type=automl_v1.ClassificationType.MULTICLASS))))
    finish(client.import_data(name=dataset.name, retry=RETRY, input_config=automl_v1.InputConfig(
        gcs_source=automl_v1.GcsSource(input_uris=["gs://data/import.csv"]))))
    dataset_id = dataset.name.rsplit("/", 1)[-1]

    def train(name: str, budget: int, base: str = ""):
        return client.create_model(parent=PARENT, retry=RETRY, model=automl_v1.Model(
            display_name=name, dataset_id=dataset_id,
            image_classification_model_metadata=automl_v1.ImageClassificationModelMetadata(
                train_budget_milli_node_hours=budget, base_model_id=base)))

    first = finish(train("m1", 8000))
    finish(train("m2", 8000, base=first.name.rsplit("/", 1)[-1]))
    finish(client.delete_model(name=first.name, retry=RETRY))
    third = train("m3", 800000)
    client.transport.operations_client.cancel_operation(third.operation.name, retry=RETRY)
    try:
        finish(third)
    except exceptions.GoogleAPICallError:
        pass  # cancelled, as asked
    models = sorted(model.display_name for model in client.list_models(request={"parent": PARENT}, retry=RETRY))
    datasets = sorted((d.display_name, d.example_count) for d in client.list_datasets(parent=PARENT, retry=RETRY))
    operations = client.transport.operations_client.list_operations(PARENT, filter_="", retry=RETRY)
    def kind(operation) -> str:
        metadata = automl_v1.OperationMetadata.deserialize(operation.metadata.value)
        return automl_v1.OperationMetadata.pb(metadata).WhichOneof("details") or "?"

    kinds = sorted((kind(o), "error" if o.error.code else "done" if o.done else "running") for o in operations)
    return {"datasets": datasets, "models": models, "operations": kinds}


def test_the_python_client_with_its_own_retries_ends_in_the_fault_free_state(tmp_path):
    states = {}
    for faults in (None, FAULTS):
        root = tmp_path / ("faults" if faults else "plain")
        fault_runs.write_images(root / "gcs")
        process, endpoint = fault_runs.start_backend(root, faults and faults + ",seed=7", "backend.log")
        try:
            states[faults] = workflow(endpoint)
        finally:
            fault_runs.stop(process)
    assert states[None]["models"] == ["m2"], states[None]
    assert ("create_model_details", "error") in states[None]["operations"], states[None]
    assert states[FAULTS] == states[None]
