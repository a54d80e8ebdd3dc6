"""Conformance: Google's high-level Vertex AI SDK (`google.cloud.aiplatform`, REST transport, anonymous credentials,
`api_endpoint` on loopback) runs the AutoML image workflow against the local backend (issue 14, item 3):
`ImageDataset.create`, `AutoMLImageTrainingJob.run`, evaluations, `Model.deploy`, `Endpoint.predict`, incremental
training from the model, undeploy and deletes.
"""

from __future__ import annotations

import base64
import json

import pytest
from conformance_support import png_bytes, running_emulator
from google.auth.credentials import AnonymousCredentials
from google.cloud import aiplatform

PROJECT = "vertex-sdk"
LOCATION = "us-central1"
BUCKET = "vertex-sdk-bucket"
LABELS = ("daisy", "tulip")
ML_USE = "labels.aiplatform.googleapis.com/ml_use"
SPLIT = dict(training_filter_split=f"{ML_USE}=training", validation_filter_split=f"{ML_USE}=validation",
             test_filter_split=f"{ML_USE}=test")


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    root = tmp_path_factory.mktemp("vertex-sdk")
    with running_emulator(root, root / "gcs", 0.05) as running:
        folder = running.gcs_root / BUCKET / "images"
        folder.mkdir(parents=True)
        lines = []
        for label_index, (label, colour) in enumerate(zip(LABELS, ((230, 220, 40), (200, 30, 60)))):
            for index in range(14):
                (folder / f"{label}_{index:02d}.png").write_bytes(png_bytes(32, 32, label_index * 100 + index + 1, colour))
                use = "training" if index < 10 else "validation" if index < 12 else "test"
                lines.append(json.dumps({"imageGcsUri": f"gs://{BUCKET}/images/{label}_{index:02d}.png",
                                         "classificationAnnotation": {"displayName": label},
                                         "dataItemResourceLabels": {"aiplatform.googleapis.com/ml_use": use}}))
        (running.gcs_root / BUCKET / "flowers.jsonl").write_text("\n".join(lines) + "\n")
        aiplatform.init(project=PROJECT, location=LOCATION, api_endpoint=running.endpoint + "/vertex",
                        api_transport="rest", credentials=AnonymousCredentials())
        yield running


def test_sdk_workflow(backend):
    dataset = aiplatform.ImageDataset.create(
        display_name="sdk_flowers", gcs_source=f"gs://{BUCKET}/flowers.jsonl",
        import_schema_uri=aiplatform.schema.dataset.ioformat.image.single_label_classification, sync=True)
    assert dataset.resource_name.split("/")[1].isdigit()
    assert aiplatform.ImageDataset(dataset.resource_name).gca_resource.data_item_count == 28

    job = aiplatform.AutoMLImageTrainingJob(display_name="sdk-train", prediction_type="classification",
                                            model_type="CLOUD")
    model = job.run(dataset=dataset, budget_milli_node_hours=8000, model_display_name="sdk_model", sync=True, **SPLIT)
    assert job.state.name == "PIPELINE_STATE_SUCCEEDED"
    assert model.display_name == "sdk_model"
    evaluations = model.list_model_evaluations()
    assert len(evaluations) == 1 and 0 <= evaluations[0].metrics["auPrc"] <= 1

    endpoint = model.deploy(min_replica_count=1, max_replica_count=1, sync=True)
    content = base64.b64encode((backend.gcs_root / BUCKET / "images/daisy_12.png").read_bytes()).decode()
    prediction = endpoint.predict(instances=[{"content": content}],
                                  parameters={"confidenceThreshold": 0.0, "maxPredictions": 5})
    assert prediction.model_resource_name == model.resource_name
    assert sorted(prediction.predictions[0]["displayNames"]) == list(LABELS)

    again = aiplatform.AutoMLImageTrainingJob(display_name="sdk-train-2", prediction_type="classification",
                                              model_type="CLOUD", incremental_train_base_model=model)
    second = again.run(dataset=dataset, budget_milli_node_hours=8000, model_display_name="sdk_model_2", sync=True,
                       **SPLIT)
    assert again.state.name == "PIPELINE_STATE_SUCCEEDED"
    assert again.gca_resource.training_task_inputs["uptrainBaseModelId"] == model.name

    endpoint.undeploy_all(sync=True)
    endpoint.delete(sync=True)
    for resource in (second, model, again, job, dataset):
        resource.delete(sync=True)
    assert not aiplatform.Model.list() and not aiplatform.ImageDataset.list()
