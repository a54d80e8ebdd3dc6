"""kill -9 of the local backend during a Vertex AI training pipeline and during a deploy (issue 14): restarted on the
same folder, the pipeline carries on from the budget it had spent and succeeds, and the deploy ends once, with one
deployed model on the endpoint and on the model. Google's aiplatform_v1 clients read every state.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import json
import os
import signal
import time

from conformance_support import png_bytes, start_emulator, stop
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import aiplatform_v1 as v1
from google.protobuf import json_format, struct_pb2

PARENT = "projects/kill-test/locations/us-central1"
SCHEMA = "gs://google-cloud-aiplatform/schema/"
ML_USE = "labels.aiplatform.googleapis.com/ml_use"
OPTIONS = ("--node-hour-seconds", "0.5", "--deploy-seconds", "3")


def clients(url):
    kw = dict(transport="rest", credentials=AnonymousCredentials(),
              client_options=ClientOptions(api_endpoint=url + "/vertex"))
    return v1.DatasetServiceClient(**kw), v1.PipelineServiceClient(**kw), v1.EndpointServiceClient(**kw), \
        v1.ModelServiceClient(**kw)


def kill(process):
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()


def eventually(read, done, timeout=120.0):
    deadline = time.monotonic() + timeout
    value = read()
    while not done(value):
        assert time.monotonic() < deadline, f"still {value}"
        time.sleep(0.2)
        value = read()
    return value


def test_a_killed_backend_carries_on_training_and_deploys_once(tmp_path):
    images = tmp_path / "gcs" / "kill-bucket"
    images.mkdir(parents=True)
    lines = []
    for label_index, (label, colour) in enumerate((("daisy", (230, 220, 40)), ("tulip", (200, 30, 60)))):
        for index in range(12):
            (images / f"{label}_{index}.png").write_bytes(png_bytes(32, 32, label_index * 100 + index + 1, colour))
            use = "training" if index < 8 else "validation" if index < 10 else "test"
            lines.append(json.dumps({"imageGcsUri": f"gs://kill-bucket/{label}_{index}.png",
                                     "classificationAnnotation": {"displayName": label},
                                     "dataItemResourceLabels": {"aiplatform.googleapis.com/ml_use": use}}))
    (images / "flowers.jsonl").write_text("\n".join(lines) + "\n")

    process, url = start_emulator(tmp_path, *OPTIONS)
    try:
        datasets, pipelines, endpoints, models = clients(url)
        dataset = datasets.create_dataset(parent=PARENT, dataset=v1.Dataset(
            display_name="k", metadata_schema_uri=SCHEMA + "dataset/metadata/image_1.0.0.yaml")).result()
        datasets.import_data(name=dataset.name, import_configs=[v1.ImportDataConfig(
            gcs_source=v1.GcsSource(uris=["gs://kill-bucket/flowers.jsonl"]),
            import_schema_uri=SCHEMA + "dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml")]
        ).result()
        inputs = json_format.ParseDict({"modelType": "CLOUD", "budgetMilliNodeHours": 8000.0,
                                        "disableEarlyStopping": True}, struct_pb2.Value())
        created = pipelines.create_training_pipeline(parent=PARENT, training_pipeline=v1.TrainingPipeline(
            display_name="killed", training_task_definition=SCHEMA + "trainingjob/definition/"
            "automl_image_classification_1.0.0.yaml", training_task_inputs=inputs,
            input_data_config=v1.InputDataConfig(dataset_id=dataset.name.rsplit("/", 1)[1], filter_split=v1.FilterSplit(
                training_filter=f"{ML_USE}=training", validation_filter=f"{ML_USE}=validation",
                test_filter=f"{ML_USE}=test"))))
        # A QUEUED or PENDING pipeline has no trainingTaskMetadata yet (the client reads an absent Value as None).
        spent = lambda p: int(dict(p.training_task_metadata or {}).get("costMilliNodeHours", "0"))  # noqa: E731
        before = eventually(lambda: pipelines.get_training_pipeline(name=created.name), lambda p: spent(p) > 0)
        kill(process)

        process, url = start_emulator(tmp_path, *OPTIONS)
        datasets, pipelines, endpoints, models = clients(url)
        resumed = pipelines.get_training_pipeline(name=created.name)
        assert resumed.state == v1.PipelineState.PIPELINE_STATE_RUNNING
        assert spent(resumed) >= spent(before)
        ended = eventually(lambda: pipelines.get_training_pipeline(name=created.name),
                           lambda p: p.state != v1.PipelineState.PIPELINE_STATE_RUNNING)
        assert ended.state == v1.PipelineState.PIPELINE_STATE_SUCCEEDED, ended.error
        assert spent(ended) == 8000

        endpoint = endpoints.create_endpoint(parent=PARENT, endpoint=v1.Endpoint(display_name="k")).result()
        deploy = endpoints.deploy_model(endpoint=endpoint.name, deployed_model=v1.DeployedModel(
            model=ended.model_to_upload.name, id="42"), traffic_split={"0": 100})
        time.sleep(1)  # inside the 3 s deploy
        kill(process)

        process, url = start_emulator(tmp_path, *OPTIONS)
        datasets, pipelines, endpoints, models = clients(url)
        operations = datasets.transport.operations_client
        done = eventually(lambda: operations.get_operation(name=deploy.operation.name), lambda o: o.done)
        assert not done.HasField("error"), done.error
        now = endpoints.get_endpoint(name=endpoint.name)
        assert [m.id for m in now.deployed_models] == ["42"] and dict(now.traffic_split) == {"42": 100}
        assert [r.deployed_model_id for r in models.get_model(name=ended.model_to_upload.name).deployed_models] == ["42"]
    finally:
        stop(process)
        if process.stdout and not process.stdout.closed:
            process.stdout.close()
