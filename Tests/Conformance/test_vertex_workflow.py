"""Conformance: Google's Vertex AI GAPIC clients (google-cloud-aiplatform's aiplatform_v1, REST transport, anonymous
credentials) run the AutoML image workflow against the local backend's Vertex AI surface (issue 14, item 3):
dataset, import, training pipeline with a budget, model, evaluation and slices, endpoint, deploy, predict,
incremental training, undeploy and deletes, with the errors a user meets on the way.

Every assertion is on what the client returns. A parse error inside the client (json_format.ParseError in an
operation, "neither response nor error", an unknown Any) is a bug of the backend, never something to work around.

The tests share one backend and run in file order; fixtures build what each needs, so `-k NAME` works alone.
"""

from __future__ import annotations

import base64
import json
import struct
import time
import zlib

import pytest
import requests
from conformance_support import png_bytes, running_emulator
from google.api_core import exceptions
from google.api_core.client_options import ClientOptions
from google.api_core.future.polling import DEFAULT_POLLING
from google.auth.credentials import AnonymousCredentials
from google.cloud import aiplatform_v1 as v1
from google.protobuf import duration_pb2, json_format, struct_pb2

PROJECT = "vertex-conformance"
LOCATION = "us-central1"
PARENT = f"projects/{PROJECT}/locations/{LOCATION}"
BUCKET = "vertex-bucket"
LABELS = ("daisy", "tulip")
IMAGES_PER_LABEL = 14  # 10 training, 2 validation, 2 test
NODE_HOUR_SECONDS = 0.05
WAIT_TIMEOUT = 120.0
FAST_POLLING = DEFAULT_POLLING.with_delay(initial=0.1, multiplier=1.5, maximum=0.5).with_timeout(WAIT_TIMEOUT)

SCHEMA = "gs://google-cloud-aiplatform/schema/"
IMAGE_DATASET = SCHEMA + "dataset/metadata/image_1.0.0.yaml"
SINGLE_LABEL = SCHEMA + "dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml"
MULTI_LABEL = SCHEMA + "dataset/ioformat/image_classification_multi_label_io_format_1.0.0.yaml"
BOUNDING_BOX = SCHEMA + "dataset/ioformat/image_bounding_box_io_format_1.0.0.yaml"
CLASSIFICATION = SCHEMA + "trainingjob/definition/automl_image_classification_1.0.0.yaml"
ML_USE = "aiplatform.googleapis.com/ml_use"
TERMINAL = (v1.PipelineState.PIPELINE_STATE_SUCCEEDED, v1.PipelineState.PIPELINE_STATE_FAILED,
            v1.PipelineState.PIPELINE_STATE_CANCELLED)


def value(data) -> struct_pb2.Value:
    return json_format.ParseDict(data, struct_pb2.Value())


def resource_id(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def use_of(index: int) -> str:
    return "training" if index < 10 else "validation" if index < 12 else "test"


# ---------------------------------------------------------------------------------------------------
# The backend and the clients, exactly as reference section 9 builds them.


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    root = tmp_path_factory.mktemp("vertex")
    with running_emulator(root, root / "gcs", NODE_HOUR_SECONDS) as running:
        yield running


@pytest.fixture(scope="module")
def clients(backend):
    kw = dict(transport="rest", credentials=AnonymousCredentials(),
              client_options=ClientOptions(api_endpoint=backend.endpoint + "/vertex"))
    return dict(datasets=v1.DatasetServiceClient(**kw), pipelines=v1.PipelineServiceClient(**kw),
                models=v1.ModelServiceClient(**kw), endpoints=v1.EndpointServiceClient(**kw),
                prediction=v1.PredictionServiceClient(**kw))


@pytest.fixture(scope="module")
def bucket(backend) -> dict:
    """PNGs, a JSON Lines index with ml_use labels and a CSV index without, under gs://BUCKET/."""
    folder = backend.gcs_root / BUCKET
    (folder / "images").mkdir(parents=True)
    colours = {"daisy": (230, 220, 40), "tulip": (200, 30, 60)}
    lines, rows = [], []
    for label_index, label in enumerate(LABELS):
        for index in range(IMAGES_PER_LABEL):
            name = f"images/{label}_{index:02d}.png"
            (folder / name).write_bytes(png_bytes(32, 32, label_index * 100 + index + 1, colours[label]))
            lines.append(json.dumps({"imageGcsUri": f"gs://{BUCKET}/{name}",
                                     "classificationAnnotation": {"displayName": label},
                                     "dataItemResourceLabels": {ML_USE: use_of(index)}}))
            rows.append(f"{use_of(index)},gs://{BUCKET}/{name},{label}")
    (folder / "flowers.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "flowers.csv").write_text("\n".join(rows) + "\n")
    (folder / "one.jsonl").write_text(lines[0] + "\n")
    (folder / "bad.jsonl").write_text(lines[0] + "\n{not json\n" + json.dumps({"imageGcsUri": f"gs://{BUCKET}/nope.png",
                                      "classificationAnnotation": {"displayName": "daisy"}}) + "\n")
    return {"jsonl": f"gs://{BUCKET}/flowers.jsonl", "csv": f"gs://{BUCKET}/flowers.csv",
            "one": f"gs://{BUCKET}/one.jsonl", "bad": f"gs://{BUCKET}/bad.jsonl",
            "probe": (folder / "images/daisy_12.png").read_bytes()}


def create_dataset(clients, display_name: str) -> v1.Dataset:
    operation = clients["datasets"].create_dataset(
        parent=PARENT, dataset=v1.Dataset(display_name=display_name, metadata_schema_uri=IMAGE_DATASET))
    return operation.result()  # the client's default polling


def import_files(clients, dataset: v1.Dataset, uri: str, schema: str = SINGLE_LABEL):
    operation = clients["datasets"].import_data(
        name=dataset.name, import_configs=[v1.ImportDataConfig(gcs_source=v1.GcsSource(uris=[uri]),
                                                               import_schema_uri=schema)])
    return operation, operation.result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING)


def pipeline_request(dataset: v1.Dataset, display_name: str, definition: str = CLASSIFICATION,
                     **inputs) -> v1.TrainingPipeline:
    """A pipeline request as the SDK sends one (numbers as floats); an input given as None is left out."""
    task = {"modelType": "CLOUD", "budgetMilliNodeHours": 8000.0, "disableEarlyStopping": False, "multiLabel": False}
    task.update(inputs)
    return v1.TrainingPipeline(
        display_name=display_name, training_task_definition=definition,
        training_task_inputs=value({key: item for key, item in task.items() if item is not None}),
        input_data_config=v1.InputDataConfig(
            dataset_id=resource_id(dataset.name),
            filter_split=v1.FilterSplit(training_filter=f"labels.{ML_USE}=training",
                                        validation_filter=f"labels.{ML_USE}=validation",
                                        test_filter=f"labels.{ML_USE}=test")),
        model_to_upload=v1.Model(display_name=display_name.replace("-", "_")))


def wait_pipeline(clients, name: str) -> v1.TrainingPipeline:
    """The pipeline once it has ended, and every state it was seen in on the way."""
    deadline = time.monotonic() + WAIT_TIMEOUT
    while True:
        pipeline = clients["pipelines"].get_training_pipeline(name=name)
        if pipeline.state in TERMINAL:
            return pipeline
        assert time.monotonic() < deadline, f"pipeline {name} still {pipeline.state.name}"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def dataset(clients, bucket) -> v1.Dataset:
    created = create_dataset(clients, "flowers")
    import_files(clients, created, bucket["jsonl"])
    return clients["datasets"].get_dataset(name=created.name)


@pytest.fixture(scope="module")
def trained(clients, dataset) -> v1.TrainingPipeline:
    request = pipeline_request(dataset, "flowers-train-1")
    request.labels = {"team": "vision"}
    created = clients["pipelines"].create_training_pipeline(parent=PARENT, training_pipeline=request)
    return wait_pipeline(clients, created.name)


@pytest.fixture(scope="module")
def deployed(clients, trained):
    endpoint = clients["endpoints"].create_endpoint(
        parent=PARENT, endpoint=v1.Endpoint(display_name="flowers-ep")).result()
    operation = clients["endpoints"].deploy_model(
        endpoint=endpoint.name,
        deployed_model=v1.DeployedModel(model=trained.model_to_upload.name, display_name="flowers_m1",
                                        automatic_resources=v1.AutomaticResources(min_replica_count=1,
                                                                                  max_replica_count=1)),
        traffic_split={"0": 100})
    response = operation.result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING)
    return endpoint, response.deployed_model, operation


# ---------------------------------------------------------------------------------------------------
# Datasets and import.


def test_create_dataset_names_it_with_the_project_number(clients):
    dataset = create_dataset(clients, "numbers")
    project = dataset.name.split("/")[1]
    assert project.isdigit() and project != PROJECT
    assert dataset.metadata_schema_uri == IMAGE_DATASET
    assert dataset.labels["aiplatform.googleapis.com/dataset_metadata_schema"] == "IMAGE"
    # The number works in requests as the ID does, and names the same dataset.
    by_id = clients["datasets"].get_dataset(name=f"{PARENT}/datasets/{resource_id(dataset.name)}")
    assert by_id.name == dataset.name == clients["datasets"].get_dataset(name=dataset.name).name


def test_import_jsonl_counts_items_and_nests_the_operation_under_the_dataset(clients, bucket):
    created = create_dataset(clients, "jsonl")
    operation, response = import_files(clients, created, bucket["jsonl"])
    assert isinstance(response, v1.ImportDataResponse)
    assert operation.operation.name.startswith(created.name + "/operations/")
    assert operation.metadata.generic_metadata.create_time
    assert clients["datasets"].get_dataset(name=created.name).data_item_count == 2 * IMAGES_PER_LABEL


def test_import_csv_with_vertex_ml_use_words(clients, bucket):
    created = create_dataset(clients, "csv")
    import_files(clients, created, bucket["csv"])
    assert clients["datasets"].get_dataset(name=created.name).data_item_count == 2 * IMAGES_PER_LABEL


def test_import_reports_bad_lines_as_partial_failures(clients, bucket):
    created = create_dataset(clients, "partial")
    operation, _ = import_files(clients, created, bucket["bad"])
    failures = operation.metadata.generic_metadata.partial_failures
    assert len(failures) == 2, failures
    assert any("line 2" in failure.message for failure in failures)
    assert any("nope.png" in failure.message for failure in failures)
    assert clients["datasets"].get_dataset(name=created.name).data_item_count == 1


def test_import_of_another_annotation_kind_is_refused_and_keeps_the_data(clients, bucket):
    created = create_dataset(clients, "kinds")
    import_files(clients, created, bucket["one"])
    with pytest.raises(exceptions.BadRequest, match="one annotation kind per dataset"):
        import_files(clients, created, bucket["one"], schema=BOUNDING_BOX)
    assert clients["datasets"].get_dataset(name=created.name).data_item_count == 1


def test_list_datasets_with_a_display_name_filter_and_pages(clients, dataset):
    names = [d.display_name for d in clients["datasets"].list_datasets(
        request=v1.ListDatasetsRequest(parent=PARENT, page_size=1))]
    assert "flowers" in names and len(names) >= 2
    filtered = list(clients["datasets"].list_datasets(
        request=v1.ListDatasetsRequest(parent=PARENT, filter='display_name="flowers"')))
    assert [d.name for d in filtered] == [dataset.name]


# ---------------------------------------------------------------------------------------------------
# Training pipelines.


def test_pipeline_is_created_queued_and_ends_succeeded_with_a_model(clients, dataset):
    created = clients["pipelines"].create_training_pipeline(
        parent=PARENT, training_pipeline=pipeline_request(dataset, "flowers-states"))
    assert created.state == v1.PipelineState.PIPELINE_STATE_QUEUED
    seen = [created.state]
    while created.state not in TERMINAL:
        created = clients["pipelines"].get_training_pipeline(name=created.name)
        if created.state != seen[-1]:
            seen.append(created.state)
        time.sleep(0.05)
    assert created.state == v1.PipelineState.PIPELINE_STATE_SUCCEEDED, created.error
    assert v1.PipelineState.PIPELINE_STATE_RUNNING in seen
    # States only move forward: QUEUED, PENDING (the work taken up), RUNNING (the trainer started), SUCCEEDED.
    order = [v1.PipelineState.PIPELINE_STATE_QUEUED, v1.PipelineState.PIPELINE_STATE_PENDING,
             v1.PipelineState.PIPELINE_STATE_RUNNING, v1.PipelineState.PIPELINE_STATE_SUCCEEDED]
    assert [order.index(state) for state in seen] == sorted(order.index(state) for state in seen), seen
    metadata = dict(created.training_task_metadata)
    assert int(metadata["costMilliNodeHours"]) <= 8000
    assert metadata["successfulStopReason"] in ("BUDGET_REACHED", "MODEL_CONVERGED")
    assert created.model_to_upload.name.startswith(created.name.rsplit("/trainingPipelines/", 1)[0] + "/models/")
    assert created.start_time and created.end_time and created.end_time >= created.start_time


def test_model_evaluation_and_slices(clients, trained):
    model = clients["models"].get_model(name=trained.model_to_upload.name)
    assert model.display_name == "flowers_train_1"
    assert model.training_pipeline == trained.name
    assert model.metadata["modelType"] == "CLOUD"
    assert v1.Model.DeploymentResourcesType.AUTOMATIC_RESOURCES in model.supported_deployment_resources_types
    evaluations = list(clients["models"].list_model_evaluations(parent=model.name))
    assert len(evaluations) == 1
    evaluation = evaluations[0]
    assert evaluation.metrics_schema_uri.endswith("classification_metrics_1.0.0.yaml")
    assert 0 <= evaluation.metrics["auPrc"] <= 1
    # The curve: one entry per confidence threshold, each at every prediction with the top-1 figures beside.
    curve = evaluation.metrics["confidenceMetrics"]
    assert len(curve) > 1 and all("precision" in entry or "recall" in entry for entry in curve)
    assert not any("positionThreshold" in entry for entry in curve)
    matrix = evaluation.metrics["confusionMatrix"]
    assert sorted(spec["displayName"] for spec in matrix["annotationSpecs"]) == list(LABELS)
    slices = list(clients["models"].list_model_evaluation_slices(parent=evaluation.name))
    assert sorted(s.slice_.value for s in slices) == list(LABELS)
    assert clients["models"].get_model_evaluation_slice(name=slices[0].name).name == slices[0].name
    # The confusion matrix's IDs are the dataset's annotation specs.
    dataset_name = model.name.rsplit("/models/", 1)[0] + "/datasets/" + trained.input_data_config.dataset_id
    spec = clients["datasets"].get_annotation_spec(
        name=f"{dataset_name}/annotationSpecs/{matrix['annotationSpecs'][0]['id']}")
    assert spec.display_name == matrix["annotationSpecs"][0]["displayName"]


def test_budget_out_of_range_is_invalid_argument(clients, dataset):
    with pytest.raises(exceptions.BadRequest, match="out of range for modelType CLOUD"):
        clients["pipelines"].create_training_pipeline(
            parent=PARENT, training_pipeline=pipeline_request(dataset, "too-small", budgetMilliNodeHours=500.0))


def status_of(refused) -> str:
    """The canonical code in the error JSON of a refused call (REST maps several of them to 400)."""
    return refused.value.response.json()["error"]["status"]


def test_too_few_images_per_label_is_a_failed_precondition(clients, backend, bucket):
    created = create_dataset(clients, "tiny")
    import_files(clients, created, bucket["one"])
    with pytest.raises(exceptions.BadRequest, match="at least 2") as refused:
        clients["pipelines"].create_training_pipeline(
            parent=PARENT, training_pipeline=pipeline_request(created, "tiny-train"))
    assert status_of(refused) == "FAILED_PRECONDITION"
    # Two labels, but every tulip is a TEST image: nothing to learn tulips from.
    lines = [json.dumps({"imageGcsUri": f"gs://{BUCKET}/images/{label}_{index:02d}.png",
                         "classificationAnnotation": {"displayName": label},
                         "dataItemResourceLabels": {ML_USE: "training" if label == "daisy" else "test"}})
             for label in LABELS for index in range(3)]
    (backend.gcs_root / BUCKET / "lopsided.jsonl").write_text("\n".join(lines) + "\n")
    lopsided = create_dataset(clients, "lopsided")
    import_files(clients, lopsided, f"gs://{BUCKET}/lopsided.jsonl")
    with pytest.raises(exceptions.BadRequest,
                       match="too few images per label: tulip has 3 image.*none of them in the training split") as refused:
        clients["pipelines"].create_training_pipeline(
            parent=PARENT, training_pipeline=pipeline_request(lopsided, "lopsided-train"))
    assert status_of(refused) == "FAILED_PRECONDITION"
    assert list(clients["pipelines"].list_training_pipelines(
        request=v1.ListTrainingPipelinesRequest(parent=PARENT, filter='display_name="lopsided-train"'))) == []


def test_cancel_ends_cancelled_with_code_1(clients, dataset):
    created = clients["pipelines"].create_training_pipeline(
        parent=PARENT, training_pipeline=pipeline_request(dataset, "cancelled", budgetMilliNodeHours=800000.0,
                                                          disableEarlyStopping=True))
    clients["pipelines"].cancel_training_pipeline(name=created.name)
    ended = wait_pipeline(clients, created.name)
    assert ended.state == v1.PipelineState.PIPELINE_STATE_CANCELLED
    assert ended.error.code == 1
    with pytest.raises(exceptions.BadRequest, match="has ended"):
        clients["pipelines"].cancel_training_pipeline(name=created.name)
    clients["pipelines"].delete_training_pipeline(name=created.name).result()
    with pytest.raises(exceptions.NotFound):
        clients["pipelines"].get_training_pipeline(name=created.name)


def test_list_pipelines_filters_by_state(clients, trained):
    succeeded = list(clients["pipelines"].list_training_pipelines(
        request=v1.ListTrainingPipelinesRequest(parent=PARENT, filter='state="PIPELINE_STATE_SUCCEEDED"')))
    assert trained.name in [p.name for p in succeeded]
    assert all(p.state == v1.PipelineState.PIPELINE_STATE_SUCCEEDED for p in succeeded)


def pipeline_names(clients, expression: str) -> list[str]:
    return [p.name for p in clients["pipelines"].list_training_pipelines(
        request=v1.ListTrainingPipelinesRequest(parent=PARENT, filter=expression))]


@pytest.mark.parametrize("expression, listed", [
    ('state="PIPELINE_STATE_SUCCEEDED" AND display_name:"flowers-tr*"', True),
    ('training_task_definition:"*automl_image_classification*"', True),
    ('training_task_definition:"*object_detection*"', False),
    ('display_name="nothing" OR display_name="flowers-train-1"', True),
    ('NOT state="PIPELINE_STATE_SUCCEEDED"', False),
    ('create_time>"2020-01-01T00:00:00Z" AND createTime<"2999-01-01T00:00:00+01:00"', True),
    ('create_time<"2020-01-01T00:00:00Z"', False),
    ('labels.team=vision', True),
    ('labels:team AND -labels.team=other', True),
])
def test_list_pipelines_takes_the_documented_filter_grammar(clients, trained, expression, listed):
    assert (trained.name in pipeline_names(clients, expression)) is listed


def test_a_filter_the_list_does_not_support_is_invalid_argument(clients):
    for expression in ('bogus="x"', 'state="SUCCEEDED"', 'display_name<"a"', '(state="PIPELINE_STATE_SUCCEEDED"'):
        with pytest.raises(exceptions.BadRequest) as refused:
            pipeline_names(clients, expression)
        assert status_of(refused) == "INVALID_ARGUMENT", expression


# ---------------------------------------------------------------------------------------------------
# Endpoints, deploy, predict.


def test_deploy_shows_on_endpoint_and_model(clients, trained, deployed):
    endpoint, deployed_model, operation = deployed
    assert operation.operation.name.startswith(endpoint.name + "/operations/")
    assert deployed_model.id and deployed_model.model == trained.model_to_upload.name
    now = clients["endpoints"].get_endpoint(name=endpoint.name)
    assert [m.id for m in now.deployed_models] == [deployed_model.id]
    assert dict(now.traffic_split) == {deployed_model.id: 100}
    model = clients["models"].get_model(name=trained.model_to_upload.name)
    assert [(r.endpoint, r.deployed_model_id) for r in model.deployed_models] == [(endpoint.name, deployed_model.id)]


def test_predict_returns_parallel_arrays(clients, bucket, deployed, trained):
    endpoint, deployed_model, _ = deployed
    response = clients["prediction"].predict(
        endpoint=endpoint.name, instances=[value({"content": base64.b64encode(bucket["probe"]).decode(),
                                                  "mimeType": "image/png"})],
        parameters=value({"confidenceThreshold": 0.0, "maxPredictions": 5}))
    assert response.deployed_model_id == deployed_model.id
    assert response.model == trained.model_to_upload.name
    prediction = dict(response.predictions[0])
    assert sorted(prediction["displayNames"]) == list(LABELS)
    assert len(prediction["ids"]) == len(prediction["confidences"]) == 2
    assert all(isinstance(i, str) and i.isdigit() for i in prediction["ids"])
    assert list(prediction["confidences"]) == sorted(prediction["confidences"], reverse=True)


def test_predict_refuses_a_uri_instead_of_bytes(clients, deployed):
    endpoint, _, _ = deployed
    with pytest.raises(exceptions.BadRequest, match="base64"):
        clients["prediction"].predict(endpoint=endpoint.name,
                                      instances=[value({"content": f"gs://{BUCKET}/images/daisy_00.png"})])


def test_delete_of_a_deployed_model_or_its_endpoint_is_refused(clients, trained, deployed):
    endpoint, _, _ = deployed
    with pytest.raises(exceptions.BadRequest, match="undeploy"):
        clients["models"].delete_model(name=trained.model_to_upload.name)
    with pytest.raises(exceptions.BadRequest, match="undeploy"):
        clients["endpoints"].delete_endpoint(name=endpoint.name)


def test_deploy_of_a_model_still_training_is_a_failed_precondition(clients, dataset, deployed):
    endpoint, _, _ = deployed
    created = clients["pipelines"].create_training_pipeline(
        parent=PARENT, training_pipeline=v1.TrainingPipeline(
            pipeline_request(dataset, "still-training", budgetMilliNodeHours=800000.0, disableEarlyStopping=True),
            model_id="still-training"))
    try:
        with pytest.raises(exceptions.BadRequest, match="does not exist yet") as refused:
            clients["endpoints"].deploy_model(
                endpoint=endpoint.name, deployed_model=v1.DeployedModel(model=f"{PARENT}/models/still-training"),
                traffic_split={"0": 100})
        assert status_of(refused) == "FAILED_PRECONDITION"
    finally:
        clients["pipelines"].cancel_training_pipeline(name=created.name)


def test_incremental_training_from_the_model(clients, dataset, trained):
    base = resource_id(trained.model_to_upload.name)
    created = clients["pipelines"].create_training_pipeline(
        parent=PARENT, training_pipeline=pipeline_request(dataset, "flowers-train-2", baseModelId=base))
    ended = wait_pipeline(clients, created.name)
    assert ended.state == v1.PipelineState.PIPELINE_STATE_SUCCEEDED, ended.error
    assert ended.training_task_inputs["baseModelId"] == base


# ---------------------------------------------------------------------------------------------------
# Exports.


def test_export_data_writes_jsonl_that_imports_again(clients, backend, dataset):
    operation = clients["datasets"].export_data(
        name=dataset.name, export_config=v1.ExportDataConfig(
            gcs_destination=v1.GcsDestination(output_uri_prefix=f"gs://{BUCKET}/exports")))
    response = operation.result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING)
    assert operation.operation.name.startswith(dataset.name + "/operations/")
    [exported] = response.exported_files
    assert exported.startswith(operation.metadata.gcs_output_directory + "/")
    assert f"gs://{BUCKET}/exports/export-data-flowers-" in exported
    lines = [json.loads(line) for line in (backend.gcs_root / exported[len("gs://"):]).read_text().splitlines()]
    assert len(lines) == 2 * IMAGES_PER_LABEL
    assert {line["dataItemResourceLabels"][ML_USE] for line in lines} == {"training", "validation", "test"}
    again = create_dataset(clients, "reimported")
    import_files(clients, again, exported)
    assert clients["datasets"].get_dataset(name=again.name).data_item_count == 2 * IMAGES_PER_LABEL


def test_export_model_writes_its_files(clients, backend, trained):
    model = clients["models"].get_model(name=trained.model_to_upload.name)
    [listed] = model.supported_export_formats
    assert listed.id == "torchscript"
    operation = clients["models"].export_model(name=model.name, output_config=v1.ExportModelRequest.OutputConfig(
        export_format_id="torchscript",
        artifact_destination=v1.GcsDestination(output_uri_prefix=f"gs://{BUCKET}/models")))
    assert isinstance(operation.result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING), v1.ExportModelResponse)
    folder = operation.metadata.output_info.artifact_output_uri
    assert folder.startswith(f"gs://{BUCKET}/models/model-{resource_id(model.name)}/torchscript/")
    written = backend.gcs_root / folder[len("gs://"):]
    assert (written / "model.pt").stat().st_size > 0 and (written / "model.json").is_file()
    with pytest.raises(exceptions.BadRequest, match="supportedExportFormats"):
        clients["models"].export_model(name=model.name, output_config=v1.ExportModelRequest.OutputConfig(
            export_format_id="tflite", artifact_destination=v1.GcsDestination(output_uri_prefix=f"gs://{BUCKET}/m")))


# ---------------------------------------------------------------------------------------------------
# Object detection: boxes in, boxes out.


def test_object_detection_pipeline_predicts_boxes(clients, backend):
    folder = backend.gcs_root / BUCKET / "boxes"
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for index in range(12):
        left = 8 + (index % 4) * 6
        pixels = bytearray()
        for y in range(64):
            pixels.append(0)
            for x in range(64):
                inside = left <= x < left + 24 and 16 <= y < 40
                pixels.extend((220, 40, 40) if inside else ((index * 9 + x) % 64, (y * 3) % 64, 90))
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
               + chunk(b"IDAT", zlib.compress(bytes(pixels))) + chunk(b"IEND", b""))
        (folder / f"box_{index:02d}.png").write_bytes(png)
        lines.append(json.dumps({
            "imageGcsUri": f"gs://{BUCKET}/boxes/box_{index:02d}.png",
            "boundingBoxAnnotations": [{"displayName": "square", "xMin": left / 64, "xMax": (left + 24) / 64,
                                        "yMin": "0.25", "yMax": "0.625"}],
            "dataItemResourceLabels": {ML_USE: "training" if index < 8 else "validation" if index < 10 else "test"}}))
    (folder / "boxes.jsonl").write_text("\n".join(lines) + "\n")
    created = create_dataset(clients, "squares")
    import_files(clients, created, f"gs://{BUCKET}/boxes/boxes.jsonl", schema=BOUNDING_BOX)
    request = pipeline_request(created, "squares-train", SCHEMA + "trainingjob/definition/"
                               "automl_image_object_detection_1.0.0.yaml", modelType="CLOUD_HIGH_ACCURACY_1",
                               budgetMilliNodeHours=20000.0, multiLabel=None)
    ended = wait_pipeline(clients, clients["pipelines"].create_training_pipeline(
        parent=PARENT, training_pipeline=request).name)
    assert ended.state == v1.PipelineState.PIPELINE_STATE_SUCCEEDED, ended.error
    [evaluation] = clients["models"].list_model_evaluations(parent=ended.model_to_upload.name)
    assert evaluation.metrics_schema_uri.endswith("image_object_detection_metrics_1.0.0.yaml")
    assert "boundingBoxMeanAveragePrecision" in evaluation.metrics
    endpoint = clients["endpoints"].create_endpoint(parent=PARENT, endpoint=v1.Endpoint(display_name="squares")).result()
    deployed = clients["endpoints"].deploy_model(
        endpoint=endpoint.name, deployed_model=v1.DeployedModel(model=ended.model_to_upload.name),
        traffic_split={"0": 100}).result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING).deployed_model
    image = base64.b64encode((folder / "box_11.png").read_bytes()).decode()
    prediction = dict(clients["prediction"].predict(
        endpoint=endpoint.name, instances=[value({"content": image})],
        parameters=value({"confidenceThreshold": 0.0, "maxPredictions": 3})).predictions[0])
    assert 1 <= len(prediction["bboxes"]) <= 3
    assert set(prediction["displayNames"]) == {"square"}
    assert all(len(box) == 4 and box[0] <= box[1] and box[2] <= box[3] for box in prediction["bboxes"])
    clients["endpoints"].undeploy_model(endpoint=endpoint.name, deployed_model_id=deployed.id).result()


def test_multi_label_import_trains_a_multi_label_model(clients, backend, bucket):
    """Every image has its flower's label and `flower`; JSON Lines and CSV (several labels on a row) alike."""
    lines, rows = [], []
    for label in LABELS:
        for index in range(IMAGES_PER_LABEL):
            uri = f"gs://{BUCKET}/images/{label}_{index:02d}.png"
            lines.append(json.dumps({
                "imageGcsUri": uri,
                "classificationAnnotations": [{"displayName": label}, {"displayName": "flower"}],
                "dataItemResourceLabels": {ML_USE: use_of(index)}}))
            rows.append(f"{use_of(index)},{uri},{label},flower")
    (backend.gcs_root / BUCKET / "multi.jsonl").write_text("\n".join(lines) + "\n")
    (backend.gcs_root / BUCKET / "multi.csv").write_text("\n".join(rows) + "\n")
    from_csv = create_dataset(clients, "flowers-multi-csv")
    import_files(clients, from_csv, f"gs://{BUCKET}/multi.csv", schema=MULTI_LABEL)
    assert clients["datasets"].get_dataset(name=from_csv.name).data_item_count == 2 * IMAGES_PER_LABEL
    [exported] = clients["datasets"].export_data(
        name=from_csv.name, export_config=v1.ExportDataConfig(
            gcs_destination=v1.GcsDestination(output_uri_prefix=f"gs://{BUCKET}/multi-exports"))
    ).result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING).exported_files
    exported_lines = [json.loads(line) for line in (backend.gcs_root / exported[len("gs://"):]).read_text().splitlines()]
    assert {tuple(sorted(a["displayName"] for a in line["classificationAnnotations"])) for line in exported_lines} == {
        ("daisy", "flower"), ("flower", "tulip")}

    created = create_dataset(clients, "flowers-multi")
    import_files(clients, created, f"gs://{BUCKET}/multi.jsonl", schema=MULTI_LABEL)
    with pytest.raises(exceptions.BadRequest, match="multiLabel to true") as refused:
        clients["pipelines"].create_training_pipeline(
            parent=PARENT, training_pipeline=pipeline_request(created, "multi-as-single"))
    assert status_of(refused) == "FAILED_PRECONDITION"
    ended = wait_pipeline(clients, clients["pipelines"].create_training_pipeline(
        parent=PARENT, training_pipeline=pipeline_request(created, "multi-train", multiLabel=True)).name)
    assert ended.state == v1.PipelineState.PIPELINE_STATE_SUCCEEDED, ended.error
    assert ended.training_task_inputs["multiLabel"] is True
    [evaluation] = clients["models"].list_model_evaluations(parent=ended.model_to_upload.name)
    slices = clients["models"].list_model_evaluation_slices(parent=evaluation.name)
    assert sorted(item.slice_.value for item in slices) == ["daisy", "flower", "tulip"]
    endpoint = clients["endpoints"].create_endpoint(parent=PARENT, endpoint=v1.Endpoint(display_name="multi")).result()
    deployed = clients["endpoints"].deploy_model(
        endpoint=endpoint.name, deployed_model=v1.DeployedModel(model=ended.model_to_upload.name),
        traffic_split={"0": 100}).result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING).deployed_model
    prediction = dict(clients["prediction"].predict(
        endpoint=endpoint.name, instances=[value({"content": base64.b64encode(bucket["probe"]).decode()})],
        parameters=value({"confidenceThreshold": 0.0, "maxPredictions": 3})).predictions[0])
    assert sorted(prediction["displayNames"]) == ["daisy", "flower", "tulip"]
    assert all(0.0 <= score <= 1.0 for score in prediction["confidences"])
    clients["endpoints"].undeploy_model(endpoint=endpoint.name, deployed_model_id=deployed.id).result()


# ---------------------------------------------------------------------------------------------------
# Operations through the client's own operations client (the /ui/ bindings).


def test_operations_client_reads_nested_operations(clients, dataset):
    ops = clients["datasets"].transport.operations_client
    listed = list(ops.list_operations(name=dataset.name, filter_=""))
    kinds = {o.metadata.type_url.rsplit(".", 1)[-1] for o in listed}
    assert {"CreateDatasetOperationMetadata", "ImportDataOperationMetadata"} <= kinds
    assert all(o.name.startswith(dataset.name + "/operations/") for o in listed)
    again = ops.get_operation(name=listed[0].name)
    assert again.done and again.name == listed[0].name
    ops.delete_operation(name=listed[0].name)
    with pytest.raises(exceptions.NotFound):
        ops.get_operation(name=listed[0].name)


def test_operations_of_every_owner_through_the_service_clients(clients, trained, deployed):
    """The service clients' operation methods (the /ui/ bindings) on an operation of each owner: the endpoint (the
    deploy), the model (an export), the location (a delete); lists under a pipeline and an evaluation."""
    endpoint, _, deploy = deployed
    models = clients["models"]
    export = models.export_model(name=trained.model_to_upload.name, output_config=v1.ExportModelRequest.OutputConfig(
        export_format_id="torchscript", artifact_destination=v1.GcsDestination(output_uri_prefix=f"gs://{BUCKET}/ops")))
    export.result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING)
    scratch = create_dataset(clients, "scratch")
    deletion = clients["datasets"].delete_dataset(name=scratch.name)
    deletion.result(timeout=WAIT_TIMEOUT, polling=FAST_POLLING)
    assert "/datasets/" not in deletion.operation.name, "a delete lives at the location"

    def every_operation(owner: str) -> list[str]:
        names, token = [], ""
        while True:
            page = models.list_operations(request={"name": owner, "page_token": token})
            names += [o.name for o in page.operations]
            token = page.next_page_token
            if not token:
                return names

    for owner, name in ((endpoint.name, deploy.operation.name), (trained.model_to_upload.name, export.operation.name),
                        (PARENT, deletion.operation.name)):
        assert name in every_operation(owner), f"{name} under {owner}"
        assert models.get_operation(request={"name": name}).done
        waited = models.wait_operation(request={"name": name, "timeout": duration_pb2.Duration(seconds=5)})
        assert waited.done and waited.name == name
        models.cancel_operation(request={"name": name})  # best effort on a done operation: no error
    assert every_operation(trained.name) == []
    [evaluation] = models.list_model_evaluations(parent=trained.model_to_upload.name)
    assert every_operation(evaluation.name) == []
    with pytest.raises(exceptions.NotFound):
        models.list_operations(request={"name": f"{PARENT}/endpoints/404"})


def test_errors_use_the_vertex_envelope(backend):
    response = requests.get(f"{backend.endpoint}/vertex/v1/{PARENT}/datasets/123", timeout=10)
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["status"] == "NOT_FOUND"
    assert error["details"][0]["domain"] == "aiplatform.googleapis.com"
    # The v1 surface does not see Vertex AI resources, nor Vertex AI the v1 ones.
    assert requests.get(f"{backend.endpoint}/v1/{PARENT}/datasets", timeout=10).json() == {}


# ---------------------------------------------------------------------------------------------------
# Undeploy and deletes: nothing is left.


def test_undeploy_and_delete_everything(clients, trained, deployed, dataset):
    endpoint, deployed_model, _ = deployed
    clients["endpoints"].undeploy_model(endpoint=endpoint.name, deployed_model_id=deployed_model.id).result()
    assert not clients["endpoints"].get_endpoint(name=endpoint.name).deployed_models
    assert not clients["models"].get_model(name=trained.model_to_upload.name).deployed_models
    clients["endpoints"].delete_endpoint(name=endpoint.name).result()
    clients["models"].delete_model(name=trained.model_to_upload.name).result()
    clients["pipelines"].delete_training_pipeline(name=trained.name).result()
    clients["datasets"].delete_dataset(name=dataset.name).result()
    for get, name in ((clients["endpoints"].get_endpoint, endpoint.name),
                      (clients["models"].get_model, trained.model_to_upload.name),
                      (clients["datasets"].get_dataset, dataset.name)):
        with pytest.raises(exceptions.NotFound):
            get(name=name)
