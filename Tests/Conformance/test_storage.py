"""Conformance: the official Cloud Storage client (google-cloud-storage, pinned in requirements.txt) against the
local backend's Cloud Storage routes (issue 12): small and large (resumable) uploads, listing with prefixes and
delimiters, downloads (whole and ranged), deletes, bucket get and create, errors; then a dataset imported from
objects it uploaded trains.

Anonymous credentials and `api_endpoint` on loopback, as shared/reference/gcs-json-api.md describes.
"""

from __future__ import annotations

import os
import time

import pytest
from conformance_support import ml_use, png_bytes, running_emulator
from google.api_core import exceptions
from google.api_core.client_options import ClientOptions
from google.auth.credentials import AnonymousCredentials
from google.cloud import automl_v1, storage

BUCKET = "storage-conformance"
PARENT = "projects/storage-project/locations/us-central1"

# The client's background bucket-metadata lookups are harmless but make request counts vary; turn them off.
os.environ.setdefault("DISABLE_GCS_PYTHON_CLIENT_OTEL_BUCKET_METADATA", "true")


@pytest.fixture(scope="module")
def emulator(tmp_path_factory):
    root = tmp_path_factory.mktemp("storage")
    with running_emulator(root, root / "gcs", 0.05) as running:
        yield running


@pytest.fixture(scope="module")
def client(emulator) -> storage.Client:
    return storage.Client(project="storage-project", credentials=AnonymousCredentials(),
                          client_options=ClientOptions(api_endpoint=emulator.endpoint))


@pytest.fixture(scope="module")
def bucket(client) -> storage.Bucket:
    return client.create_bucket(BUCKET)


def test_bucket_get_create_and_conflict(client, bucket):
    assert client.get_bucket(BUCKET).name == BUCKET
    assert bucket.exists()
    with pytest.raises(exceptions.Conflict):
        client.create_bucket(BUCKET)
    with pytest.raises(exceptions.NotFound):
        client.get_bucket("no-such-bucket")
    with pytest.raises(exceptions.BadRequest):
        client.create_bucket("Bad_Name")


def test_small_upload_download_and_metadata(bucket):
    blob = bucket.blob("dir/a b+ü.txt")
    blob.upload_from_string("hello world")  # multipart, with a crc32c the server checks
    fetched = bucket.get_blob("dir/a b+ü.txt")
    assert fetched.size == 11
    assert fetched.crc32c == "yZRlqg=="
    assert fetched.md5_hash == "XrY7u+Ae7tCTyyK7j1rNww=="
    assert fetched.content_type == "text/plain"
    assert fetched.generation > 0 and fetched.time_created is not None
    assert fetched.download_as_bytes() == b"hello world"
    assert fetched.download_as_bytes(start=6) == b"world"
    assert fetched.download_as_bytes(start=0, end=4) == b"hello"


def test_large_resumable_upload(bucket, tmp_path):
    data = os.urandom(9 * 1024 * 1024 + 5)  # above the 8 MiB multipart limit: resumable
    path = tmp_path / "large.bin"
    path.write_bytes(data)
    blob = bucket.blob("large/one-put.bin")
    blob.upload_from_filename(str(path))
    assert bucket.get_blob("large/one-put.bin").size == len(data)
    chunked = bucket.blob("large/chunked.bin", chunk_size=256 * 1024 * 4)  # 1 MiB chunks: many PUTs and 308s
    chunked.upload_from_filename(str(path))
    assert chunked.download_as_bytes() == data
    assert bucket.blob("large/one-put.bin").download_as_bytes() == data


def test_listing_with_prefixes_delimiters_and_pages(client, bucket):
    for name in ["list/a.txt", "list/b.txt", "list/sub/c.txt", "list/sub/deeper/d.txt", "list/z/e.txt"]:
        bucket.blob(name).upload_from_string(name)
    names = [blob.name for blob in client.list_blobs(BUCKET, prefix="list/")]
    assert names == ["list/a.txt", "list/b.txt", "list/sub/c.txt", "list/sub/deeper/d.txt", "list/z/e.txt"]
    iterator = client.list_blobs(BUCKET, prefix="list/", delimiter="/")
    shallow = [blob.name for blob in iterator]
    assert shallow == ["list/a.txt", "list/b.txt"]
    assert iterator.prefixes == {"list/sub/", "list/z/"}
    paged = client.list_blobs(BUCKET, prefix="list/", page_size=2)
    assert [blob.name for blob in paged] == names
    assert [blob.name for blob in client.list_blobs(BUCKET, prefix="list/", max_results=3)] == names[:3]


def test_delete_and_not_found(bucket):
    bucket.blob("gone.txt").upload_from_string("x")
    bucket.blob("gone.txt").delete()
    assert bucket.get_blob("gone.txt") is None
    with pytest.raises(exceptions.NotFound):
        bucket.blob("gone.txt").delete()
    with pytest.raises(exceptions.NotFound):
        bucket.blob("gone.txt").download_as_bytes()


def test_names_that_would_leave_the_root_are_refused(bucket):
    for name in ["../outside.txt", "a/../../b.txt", "a//b.txt", "trailing/"]:
        with pytest.raises(exceptions.BadRequest):
            bucket.blob(name).upload_from_string("x")


def test_a_dataset_imported_from_uploaded_objects_trains(emulator, bucket):
    colours = {"daisy": (230, 220, 40), "tulip": (200, 30, 60)}
    rows = []
    for label_index, (label, colour) in enumerate(colours.items()):
        for index in range(14):
            name = f"flowers/{label}_{index:02d}.png"
            bucket.blob(name).upload_from_string(png_bytes(32, 32, label_index * 100 + index + 1, colour),
                                                 content_type="image/png")
            rows.append(f"{ml_use(index)},gs://{BUCKET}/{name},{label}")
    bucket.blob("flowers/all.csv").upload_from_string("\n".join(rows) + "\n", content_type="text/csv")

    automl = automl_v1.AutoMlClient(transport="rest", credentials=AnonymousCredentials(),
                                    client_options=ClientOptions(api_endpoint=emulator.endpoint))
    dataset = automl.create_dataset(parent=PARENT, dataset=automl_v1.Dataset(
        display_name="uploaded", image_classification_dataset_metadata=automl_v1.ImageClassificationDatasetMetadata(
            classification_type=automl_v1.ClassificationType.MULTICLASS))).result(timeout=60)
    automl.import_data(name=dataset.name, input_config=automl_v1.InputConfig(
        gcs_source=automl_v1.GcsSource(input_uris=[f"gs://{BUCKET}/flowers/all.csv"]))).result(timeout=60)
    assert automl.get_dataset(name=dataset.name).example_count == 28
    started = time.monotonic()
    model = automl.create_model(parent=PARENT, model=automl_v1.Model(
        display_name="from_uploads", dataset_id=dataset.name.rsplit("/", 1)[-1],
        image_classification_model_metadata=automl_v1.ImageClassificationModelMetadata(
            train_budget_milli_node_hours=8000))).result(timeout=120)
    assert model.display_name == "from_uploads"
    assert time.monotonic() - started < 120
    evaluations = list(automl.list_model_evaluations(parent=model.name, filter=""))
    assert len(evaluations) == 3
