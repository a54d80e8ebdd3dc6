#!/usr/bin/env python3
"""Hostile and malformed requests against the local backend (issue 13, deliverable 2).

The script starts its own `automl-emulator` on a fresh temporary folder, seeds a little real state with
well-formed requests (datasets, two trained models, a bucket with images, upload sessions; and on the Vertex AI
surface under /vertex/ datasets, two finished training pipelines and their models, an evaluation, endpoints with a
deployed model, operations), then sends N requests drawn from categories of hostile input against every route of
the backend (AutoML v1, Vertex AI under /vertex/v1/ and /vertex/ui/, and the Cloud Storage subset). Every answer is
classified:

  ok                   a 4xx with the error envelope (the v1 one, Vertex AI's, or Cloud Storage's on storage routes)
  accepted             a 2xx (or 206/308/499 where the storage protocol says so) for a request that may be valid
  accepted-unexpected  a 2xx for a request this script expected to be refused (listed for review, not a failure)
  malformed-400        a bare 4xx from the HTTP layer for a request whose HTTP framing is malformed (acceptable)
  closed-malformed     the connection closed without an answer, for malformed framing only (acceptable)
  unimplemented-501    501 UNIMPLEMENTED with the envelope (the service's IAM methods; counted apart)
  FAIL-5xx             any other 5xx
  FAIL-hang            no answer within --timeout
  FAIL-slow            an answer that took longer than --slow seconds (one request can hold the server)
  FAIL-dropped         the connection closed or reset without a (complete) answer to a well-formed request
  FAIL-no-envelope     a 4xx to a well-formed request without a proper error envelope
  FAIL-domain          an error envelope whose ErrorInfo names the other API: a /vertex/ path must answer with
                       domain aiplatform.googleapis.com (docs/vertex.md), a /v1/ path never with that one
  FAIL-status          a status outside 2xx/4xx/5xx that the protocol does not allow here
  FAIL-escape          an answer quoting a file outside the gs:// root (a sentinel, the database, /etc/passwd)
  FAIL-leak            an answer quoting the bearer token
  FAIL-path-leak       an answer quoting the server's own folders (its absolute paths)
  FAIL-garbage         something that is not an HTTP answer
  FAIL-setup           a normal request a case needed first (a fresh victim to delete) failed
  FAIL-crash           the backend died; the cases in flight are replayed one at a time to name the one that did it

Every --batch requests a normal request (list datasets, get the bucket) must succeed. After the main run,
three slow-client phases run side by side: --idle-connections connections that send nothing or half a
request, a request of only CRLF CRLF, and a slowloris that sends one byte per --slowloris-interval. They
expect the backend to cut header-less connections after --header-timeout and idle ones after
--idle-timeout (plus --grace), and a normal request to succeed while they are open. When the backend has
options of the same names, it is started with them set to those values (unless --emulator-arg sets them).

At the end: the backend must still be alive and serve; no operation may quote a file outside the gs:// root or
the server's absolute paths; nothing may have been written beside the root; and, last because it can wedge
the backend, listing a bucket folder that holds symlinks to itself must answer.

Usage:
  python3 Tests/Reliability/hostile.py --emulator .build/debug/automl-emulator            # 10,000 requests
  python3 Tests/Reliability/hostile.py --emulator .build/debug/automl-emulator --quick    # 1,000, < 60 s
  python3 Tests/Reliability/hostile.py --emulator ... --seed 7 --case 1234               # replay one case

Exit status: 0 when nothing failed, 1 when anything failed, 2 when the backend could not be started or seeded.
Only the Python standard library is used, and only 127.0.0.1 is contacted.
"""

import argparse
import base64
import json
import os
import random
import re
import selectors
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib
from collections import Counter, defaultdict

try:
    import resource  # to raise the open-files limit for the idle-connections phase (POSIX only)
except ImportError:  # pragma: no cover
    resource = None

# ---------------------------------------------------------------------------------------------------------------
# Constants: the backend's documented limits (docs/emulator.md) and the names the seeded state uses
# ---------------------------------------------------------------------------------------------------------------

V1_BODY_LIMIT = 1 << 20  # request bodies of the v1 routes
PREDICT_BODY_LIMIT = 32 << 20  # :predict
UPLOAD_BODY_LIMIT = 256 << 20  # /upload/storage/v1/...
PROJECT = "hostile"
LOCATION = "us-central1"
BUCKET = "hostile-bkt"
MAX_READ = 64 << 20  # the most of one answer this script keeps
# Vertex AI schema URIs (reference §3.1, §4): what an image dataset, a single-label import and an AutoML image
# classification pipeline name. They are identifiers, not objects to read: path escapes leave them alone.
VERTEX_SCHEMA = "gs://google-cloud-aiplatform/schema/"
VERTEX_IMAGE_DATASET = VERTEX_SCHEMA + "dataset/metadata/image_1.0.0.yaml"
VERTEX_SINGLE_LABEL = VERTEX_SCHEMA + "dataset/ioformat/image_classification_single_label_io_format_1.0.0.yaml"
VERTEX_MULTI_LABEL = VERTEX_SCHEMA + "dataset/ioformat/image_classification_multi_label_io_format_1.0.0.yaml"
VERTEX_BOUNDING_BOX = VERTEX_SCHEMA + "dataset/ioformat/image_bounding_box_io_format_1.0.0.yaml"
VERTEX_CLASSIFICATION = VERTEX_SCHEMA + "trainingjob/definition/automl_image_classification_1.0.0.yaml"
ML_USE = "aiplatform.googleapis.com/ml_use"
VERTEX_DOMAIN = "aiplatform.googleapis.com"  # the ErrorInfo domain of every Vertex AI error (docs/vertex.md)
V1_DOMAIN = "automl.googleapis.com"
NO_SUCH_VERTEX_ID = "1234567890123456789"  # a well-formed Vertex AI ID nothing has: a victim no setup made
LOOPBACK = "127.0.0.1"

FAILURE_PREFIX = "FAIL-"
ACCEPTABLE = ["ok", "accepted", "accepted-unexpected", "malformed-400", "closed-malformed", "unimplemented-501"]


def log(message):
    """Progress goes to standard error so that the report on standard output stays clean."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# JSON with text Python's json module cannot write (1e400, deep nesting, raw fragments)
# ---------------------------------------------------------------------------------------------------------------


class Raw:
    """A fragment written into a JSON document as it is: numbers like 1e400, nesting built as text."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return "Raw(%s)" % (self.text[:40] + ("..." if len(self.text) > 40 else ""))


def dump(value):
    """Serializes a template (dicts, lists, scalars and Raw fragments) to JSON text."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k) + ":" + dump(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v) for v in value) + "]"
    return json.dumps(value)


def json_kind(value):
    """The JSON type of a template value, so that 'wrong type' really is a different type."""
    if isinstance(value, Raw):
        return "raw"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def tree_paths(value, prefix=()):
    """Every position in a template below the root, as (path, value), in document order."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        path = prefix + (key,)
        yield path, child
        yield from tree_paths(child, path)


def with_value(value, path, new):
    """A copy of the template with the value at `path` replaced (or added, for a new dict key)."""
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    head = path[0]
    copy[head] = with_value(value[head], path[1:], new) if len(path) > 1 else new
    return copy


def objects_in(value):
    """The paths of every JSON object in a template, the root included (places to add a member)."""
    found = [()] if isinstance(value, dict) else []
    for path, child in tree_paths(value):
        if isinstance(child, dict):
            found.append(path)
    return found


def nested(depth, kind="array", inner="1"):
    """Nesting `depth` levels deep, built as text (no recursion in this script)."""
    if kind == "array":
        return "[" * depth + inner + "]" * depth
    return '{"a":' * depth + inner + "}" * depth


# ---------------------------------------------------------------------------------------------------------------
# Small helpers: percent-encoding, a PNG writer, multipart bodies
# ---------------------------------------------------------------------------------------------------------------


def pct(text):
    """Percent-encodes every byte that is not unreserved (a name becomes one path segment or query value)."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return urllib.parse.quote_from_bytes(data, safe="")


def png(width, height, rgb):
    """A solid-colour RGB PNG, written with zlib alone."""
    row = b"\x00" + bytes(rgb) * width
    raw = row * height

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def multipart(metadata, media, boundary="hostile-boundary", media_type="application/octet-stream"):
    """A multipart/related upload body: the metadata JSON, then the bytes; and its Content-Type."""
    bd = boundary.encode()
    body = (b"--" + bd + b"\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + metadata + b"\r\n--" + bd
            + b"\r\nContent-Type: " + media_type.encode() + b"\r\n\r\n" + media + b"\r\n--" + bd + b"--")
    return body, "multipart/related; boundary=" + boundary


def to_bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------------------------
# The backend: started on a temporary folder, always stopped (with any worker it left behind)
# ---------------------------------------------------------------------------------------------------------------


class SetupError(Exception):
    """The backend could not be started or seeded: exit status 2."""


class Backend:
    """One automl-emulator process on --port 0, its output in files, restartable on the same folders."""

    def __init__(self, binary, workdir, token, extra_args):
        self.binary = os.path.abspath(binary)
        self.workdir = workdir
        self.data = os.path.join(workdir, "data")
        self.gcs = os.path.join(workdir, "gcs")
        self.token = token
        self.extra_args = list(extra_args)
        self.proc = None
        self.port = None
        self.starts = 0
        self.stderr_path = None
        self.token_file = os.path.join(workdir, "tokens")
        with open(self.token_file, "w") as handle:
            handle.write(token + "\n")
        os.chmod(self.token_file, 0o600)

    def start(self, wait=60.0):
        self.starts += 1
        out_path = os.path.join(self.workdir, "emulator-%d.stdout" % self.starts)
        self.stderr_path = os.path.join(self.workdir, "emulator-%d.stderr" % self.starts)
        command = [self.binary, "--data-dir", self.data, "--gcs-root", self.gcs, "--port", "0",
                   "--node-hour-seconds", "0.01", "--deploy-seconds", "0.05", "--token-file", self.token_file]
        command += self.extra_args
        env = dict(os.environ)
        env.pop("AUTOML_EMULATOR_TOKENS", None)  # only this script's token
        with open(out_path, "wb") as out, open(self.stderr_path, "wb") as err:
            # Files, not pipes: nothing stays blocked on a pipe nobody reads. A session of its own, so Ctrl-C in
            # the terminal reaches this script (which stops it) rather than the backend directly.
            self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                         start_new_session=True, close_fds=True, env=env)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            with open(out_path, "rb") as out:
                line = out.readline()
            if line.endswith(b"\n"):
                text = line.decode("utf-8", "replace").strip()
                prefix = "automl emulator listening on http://"
                if not text.startswith(prefix):
                    raise SetupError("unexpected first line from the backend: %r" % text)
                host, _, port = text[len(prefix):].rpartition(":")
                if host != LOOPBACK:
                    raise SetupError("the backend listens on %s, not %s" % (host, LOOPBACK))
                self.port = int(port)
                return
            if self.proc.poll() is not None:
                raise SetupError("the backend exited with %s before listening:\n%s"
                                 % (self.proc.returncode, self.stderr_tail()))
            time.sleep(0.05)
        raise SetupError("the backend did not print its address within %.0f s" % wait)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def exit_description(self):
        code = self.proc.returncode if self.proc else None
        if code is None:
            return "running"
        if code < 0:
            try:
                return "killed by %s" % signal.Signals(-code).name
            except ValueError:
                return "killed by signal %d" % -code
        return "exited with status %d" % code

    def stderr_tail(self, lines=15):
        try:
            with open(self.stderr_path, "rb") as handle:
                text = handle.read()[-20000:].decode("utf-8", "replace")
            return "\n".join(text.splitlines()[-lines:])
        except (OSError, TypeError):
            return ""

    def crash_summary(self):
        """The runtime's reason and the first frame in this project's sources of the crashed thread."""
        try:
            with open(self.stderr_path, "rb") as handle:
                text = handle.read().decode("utf-8", "replace")
        except (OSError, TypeError):
            return ""
        reason = next((line.strip("* ") for line in text.splitlines()
                       if line.startswith("***") and "Backtracing" not in line), "")
        crashed = text.split(" crashed:", 1)[1] if " crashed:" in text else text
        frame = ""
        for line in crashed.splitlines():
            match = re.search(r"0x[0-9a-f]+ (.*?)(?: \+ \d+)? in \S+ at (\S+/Sources/\S+)", line)
            if match and "/.build/" not in match.group(2):
                frame = "%s at %s" % (match.group(1), match.group(2))
                break
        return "; ".join(part for part in (reason, frame) if part)

    def stop(self):
        """SIGTERM (a clean stop stops the prediction workers too), SIGKILL after 10 s, then any stray worker."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGTERM)
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # its own process group: anything left in it
            except (ProcessLookupError, PermissionError):
                pass
        self.reap_strays()

    def reap_strays(self):
        """Workers (automl-trainer) run in process groups of their own; after a crash they outlive the backend.
        They are found by this run's temporary folder in their command line, and killed by pid."""
        me = os.getpid()
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == me:
                continue
            try:
                with open("/proc/%s/cmdline" % entry, "rb") as handle:
                    cmdline = handle.read()
            except OSError:
                continue
            if self.workdir.encode() in cmdline and b"automl" in cmdline:
                try:
                    os.kill(int(entry), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass


# ---------------------------------------------------------------------------------------------------------------
# Raw HTTP over a socket: what was sent, what came back, and how the connection ended
# ---------------------------------------------------------------------------------------------------------------


class BigBody:
    """A body too large to build in memory: `size` bytes of `fill`, sent piece by piece (chunked if asked)."""

    def __init__(self, size, fill=b"a", chunked=False, prefix=b""):
        self.size = size
        self.fill = fill
        self.chunked = chunked
        self.prefix = prefix

    def pieces(self):
        piece = self.fill * (1 << 20)
        remaining = self.size
        first = self.prefix
        while remaining > 0:
            data = first + piece[: max(0, min(len(piece), remaining) - len(first))]
            first = b""
            remaining -= len(data)
            yield (b"%x\r\n" % len(data) + data + b"\r\n") if self.chunked else data
        if self.chunked:
            yield b"0\r\n\r\n"


class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


class Reply:
    """The outcome of one exchange: the answers read, or how reading stopped."""

    def __init__(self):
        self.responses = []
        self.error = None  # None, "timeout", "closed", "reset", "garbage", "connect"
        self.partial = b""  # bytes of an answer that never completed
        self.send_error = None
        self.elapsed = 0.0

    @property
    def first(self):
        return self.responses[0] if self.responses else None

    def summary(self, limit=300):
        parts = []
        for response in self.responses:
            body = response.body[:limit]
            parts.append("%d %s %s" % (response.status, response.reason, body.decode("utf-8", "replace")))
        if self.error:
            detail = " after %r" % self.partial[:120] if self.partial else ""
            parts.append("<%s%s after %.1f s>" % (self.error, detail, self.elapsed))
        if self.send_error:
            parts.append("<send: %s>" % self.send_error)
        return " | ".join(parts) or "<nothing>"


class ReadFailure(Exception):
    def __init__(self, kind, partial=b""):
        super().__init__(kind)
        self.kind = kind
        self.partial = partial


class Reader:
    """Reads HTTP/1.1 answers from a socket until a deadline."""

    def __init__(self, sock, deadline):
        self.sock = sock
        self.deadline = deadline
        self.buffer = bytearray()
        self.started = 0  # where the answer being read started in the buffer

    def _fill(self):
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise ReadFailure("timeout", bytes(self.buffer[self.started:]))
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(1 << 16)
        except socket.timeout:
            raise ReadFailure("timeout", bytes(self.buffer[self.started:]))
        except (ConnectionResetError, ConnectionAbortedError, BrokenPipeError):
            raise ReadFailure("reset", bytes(self.buffer[self.started:]))
        except OSError as error:
            raise ReadFailure("reset: %s" % error, bytes(self.buffer[self.started:]))
        if not data:
            raise ReadFailure("closed", bytes(self.buffer[self.started:]))
        self.buffer += data

    def _take(self, count):
        data = bytes(self.buffer[:count])
        del self.buffer[:count]
        return data

    def _until(self, marker, limit=1 << 20):
        while True:
            index = self.buffer.find(marker)
            if index >= 0:
                return self._take(index + len(marker))
            if len(self.buffer) > limit:
                raise ReadFailure("garbage", bytes(self.buffer[:200]))
            self._fill()

    def _exact(self, count):
        while len(self.buffer) < count:
            self._fill()
        return self._take(count)

    def response(self, head_request=False):
        self.started = 0
        while True:
            head = self._until(b"\r\n\r\n")
            lines = head[:-4].split(b"\r\n")
            parts = lines[0].split(b" ", 2)
            if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
                raise ReadFailure("garbage", head[:200])
            status = int(parts[1])
            reason = parts[2].decode("latin-1") if len(parts) > 2 else ""
            headers = []
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                headers.append((name.decode("latin-1").strip(), value.decode("latin-1").strip()))
            if 100 <= status < 200:
                continue  # 100 Continue: the real answer follows
            response = Response(status, reason, headers, b"")
            try:
                response.body = self._body(response, head_request)
            except ReadFailure as failure:
                failure.partial = head + failure.partial
                raise
            return response

    def _body(self, response, head_request):
        if head_request or response.status in (204, 304):
            return b""
        if (response.header("Transfer-Encoding") or "").lower() == "chunked":
            body = bytearray()
            while True:
                size_line = self._until(b"\r\n")
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self._until(b"\r\n")
                    return bytes(body)
                body += self._exact(size)[:MAX_READ]
                self._exact(2)
        length = response.header("Content-Length")
        if length is not None:
            count = int(length)
            if count > MAX_READ:
                raise ReadFailure("garbage", b"Content-Length %d" % count)
            return self._exact(count)
        body = bytearray()  # no length: the body ends with the connection
        try:
            while len(body) < MAX_READ:
                self._fill()
                body += self._take(len(self.buffer))
        except ReadFailure as failure:
            if failure.kind != "closed":
                raise
        return bytes(body)


def send_parts(sock, parts, half_close):
    """Sends bytes and BigBody pieces; returns the error that stopped sending, if any."""
    try:
        for part in parts:
            if isinstance(part, BigBody):
                for piece in part.pieces():
                    sock.sendall(piece)
            else:
                sock.sendall(part)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
    except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError) as error:
        return type(error).__name__
    except socket.timeout:
        return "send timed out"
    except OSError as error:
        return str(error)
    return None


def exchange(port, parts, timeout, half_close=False, responses=1, head_request=False):
    """Connects to 127.0.0.1:port, sends `parts`, reads `responses` answers (or how the connection ended)."""
    reply = Reply()
    start = time.monotonic()
    deadline = start + timeout
    try:
        sock = socket.create_connection((LOOPBACK, port), timeout=min(timeout, 10))
    except OSError as error:
        reply.error = "connect"
        reply.partial = str(error).encode()
        reply.elapsed = time.monotonic() - start
        return reply
    sender = None
    try:
        sock.settimeout(timeout)
        big = any(isinstance(p, BigBody) and p.size > (4 << 20) for p in parts)
        if big:
            # A large body is sent from a thread, so that an early answer (a refusal) is read while sending.
            result = {}
            sender = threading.Thread(target=lambda: result.update(e=send_parts(sock, parts, half_close)),
                                      daemon=True)
            sender.start()
        else:
            reply.send_error = send_parts(sock, parts, half_close)
        reader = Reader(sock, deadline)
        for _ in range(responses):
            reply.responses.append(reader.response(head_request))
        if sender is not None:
            sender.join(max(0.0, deadline - time.monotonic()))
            reply.send_error = result.get("e")
    except ReadFailure as failure:
        reply.error = failure.kind
        reply.partial = failure.partial
    finally:
        try:
            sock.close()
        except OSError:
            pass
        if sender is not None:
            sender.join(2)
    reply.elapsed = time.monotonic() - start
    return reply


def normal_request(port, token, method, path, body=None, timeout=10.0, content_type="application/json"):
    """A well-formed request; returns (status or None, body bytes, reply)."""
    headers = ["Host: %s:%d" % (LOOPBACK, port), "Authorization: Bearer " + token, "Connection: close"]
    data = b""
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers += ["Content-Type: " + content_type, "Content-Length: %d" % len(data)]
    elif method in ("POST", "PUT", "PATCH"):
        headers.append("Content-Length: 0")
    head = ("%s %s HTTP/1.1\r\n%s\r\n\r\n" % (method, path, "\r\n".join(headers))).encode()
    reply = exchange(port, [head + data], timeout, head_request=(method == "HEAD"))
    first = reply.first
    return (first.status if first else None), (first.body if first else b""), reply


# ---------------------------------------------------------------------------------------------------------------
# Seeded state: what routes with IDs can hit
# ---------------------------------------------------------------------------------------------------------------


class Context:
    """IDs of the seeded resources and the secrets an escape would reveal."""

    def __init__(self):
        self.project = PROJECT
        self.location = LOCATION
        self.bucket = BUCKET
        self.dataset = None  # with images of two labels; the trained models' dataset
        self.empty_dataset = None  # no images: a valid CreateModel on it fails its precondition, trains nothing
        self.model = None  # trained and deployed; Predict, export, batchPredict, evaluations
        self.deploy_model = None  # trained; deploy and undeploy flip it
        self.operation = None  # a done operation
        self.spec = None  # an annotation spec of `dataset`
        self.evaluation = None  # a model evaluation of `model`
        # Vertex AI (docs/vertex.md): decimal IDs, and names that carry the project's number.
        self.project_number = None  # what the Vertex AI surface calls PROJECT in the names it returns
        self.vx_dataset = None  # imported (two labels, ml_use on every image); the pipelines' and exports' dataset
        self.vx_import_dataset = None  # the import route's target, so that odd imports leave vx_dataset as it is
        self.vx_empty_dataset = None  # no images: a valid CreateTrainingPipeline on it fails its precondition
        self.vx_pipeline = None  # succeeded; made vx_model
        self.vx_model = None  # deployed on vx_endpoint; predict, export, evaluations
        self.vx_deploy_model = None  # trained; DeployModel puts it on vx_deploy_endpoint (never on vx_endpoint)
        self.vx_endpoint = None  # serves vx_model
        self.vx_deploy_endpoint = None  # where the deploy route deploys vx_deploy_model
        self.vx_spec = None  # an annotation spec of vx_dataset
        self.vx_evaluation = None  # the evaluation of vx_model
        self.vx_slice = None  # a slice of that evaluation
        self.vx_operation = None  # done, under datasets/vx_dataset (its CreateDataset)
        self.vx_endpoint_operation = None  # done, under endpoints/vx_endpoint (its DeployModel)
        self.vx_model_operation = None  # done, under models/vx_model (an ExportModel)
        self.vx_location_operation = None  # done, at the location (a DeleteDataset)
        self.object = "img/red0.png"  # an object GET routes read
        self.image = png(16, 16, (200, 30, 30))
        self.secret = "HOSTILE-SECRET-%016x" % random.SystemRandom().getrandbits(64)
        self.token = None
        self.workdir = None  # the run's temporary folder: data, gs:// root, sentinels

    def values(self):
        """Placeholder values for path templates, percent-encoded as one path segment each."""
        return {
            "p": pct(self.project), "l": pct(self.location), "ds": self.dataset,
            "ds_victim": "ICN0000000000000000000", "m": self.model, "m_deploy": self.deploy_model,
            "m_victim": "ICN1111111111111111111", "spec": self.spec, "ev": self.evaluation, "op": self.operation,
            "op_victim": "ICN2222222222222222222", "bkt": self.bucket, "obj": pct(self.object),
            "obj_victim": pct("h/victim.txt"), "upload": "no-session", "upload_victim": "no-session",
            # Vertex AI. The victims' defaults (a setup fills them) are IDs nothing has.
            "pn": self.project_number, "vds": self.vx_dataset, "vds_import": self.vx_import_dataset,
            "vds_victim": NO_SUCH_VERTEX_ID, "vspec": self.vx_spec, "vpl": self.vx_pipeline,
            "vpl_run": NO_SUCH_VERTEX_ID, "vpl_victim": NO_SUCH_VERTEX_ID, "vm": self.vx_model,
            "vm_victim": NO_SUCH_VERTEX_ID, "vev": self.vx_evaluation, "vsl": self.vx_slice, "ve": self.vx_endpoint,
            "ve_deploy": self.vx_deploy_endpoint, "ve_victim": NO_SUCH_VERTEX_ID, "ve_undeploy": NO_SUCH_VERTEX_ID,
            "vop": self.vx_operation, "vop_ep": self.vx_endpoint_operation, "vop_m": self.vx_model_operation,
            "vop_loc": self.vx_location_operation, "vop_ds": self.vx_dataset, "vop_victim": NO_SUCH_VERTEX_ID,
        }

    def markers(self):
        """Byte strings that must never appear in an answer, worst first: files outside the gs:// root, the token,
        the server's own folders (issue 13: answers must not quote the server's absolute paths)."""
        return {
            "FAIL-escape": [self.secret.encode(), b"SQLite format 3\x00", b"root:x:0:0:"],
            "FAIL-leak": [self.token.encode()],
            "FAIL-path-leak": [self.workdir.encode()],
        }


def wait_operation(port, token, name, timeout=180.0, prefix="/v1/"):
    """Polls an operation until done, at the name the backend returned (Vertex AI's: prefix /vertex/v1/, a name
    nested under its resource and carrying the project number); returns its JSON."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body, _ = normal_request(port, token, "GET", prefix + name)
        if status != 200:
            raise SetupError("GET %s answered %s: %s" % (name, status, body[:300]))
        operation = json.loads(body)
        if operation.get("done"):
            if "error" in operation:
                raise SetupError("operation %s failed: %s" % (name, operation["error"]))
            return operation
        time.sleep(0.2)
    raise SetupError("operation %s did not finish within %.0f s" % (name, timeout))


def seed_call(backend, method, path, body=None, content_type="application/json", want=(200,)):
    """A well-formed request of the seeding (or of a case's setup) that must succeed; returns the JSON answer."""
    status, data, reply = normal_request(backend.port, backend.token, method, path, body, timeout=60,
                                         content_type=content_type)
    if status not in want:
        raise SetupError("seeding: %s %s answered %s" % (method, path, reply.summary()))
    return json.loads(data) if data.strip().startswith(b"{") else data


def last_id(name):
    """The last segment of a resource name: the ID routes put in their paths."""
    return name.rsplit("/", 1)[1]


def seed(backend, ctx):
    """Creates the bucket, images and CSVs, two datasets (one imported), two trained models (one deployed), the
    Vertex AI resources (seed_vertex); plants the sentinels an escape would reveal."""
    port, token = backend.port, backend.token

    def call(method, path, body=None, content_type="application/json", want=(200,)):
        return seed_call(backend, method, path, body, content_type, want)

    parent = "/v1/projects/%s/locations/%s" % (ctx.project, ctx.location)
    call("POST", "/storage/v1/b?project=" + ctx.project, {"name": ctx.bucket})
    rows = []
    for index in range(8):
        for label, colour in (("red", (220, 20, 20)), ("blue", (20, 20, 220))):
            name = "img/%s%d.png" % (label, index)
            call("POST", "/upload/storage/v1/b/%s/o?uploadType=media&name=%s" % (ctx.bucket, pct(name)),
                 png(24, 24, colour), "image/png")
            rows.append("%s,gs://%s/%s,%s" % (("TRAIN", "VALIDATION", "TEST", "TRAIN")[index % 4], ctx.bucket, name,
                                              label))
    for name, data in (("import.csv", "\n".join(rows)),
                       ("batch.csv", "\n".join("gs://%s/img/red%d.png" % (ctx.bucket, i) for i in range(2))),
                       ("notes/hello.txt", "hello")):
        call("POST", "/upload/storage/v1/b/%s/o?uploadType=media&name=%s" % (ctx.bucket, pct(name)),
             data.encode(), "text/plain")

    multiclass = {"classificationType": "MULTICLASS"}
    created = call("POST", parent + "/datasets",
                   {"displayName": "hostile", "imageClassificationDatasetMetadata": multiclass})
    ctx.operation = created["name"].rsplit("/", 1)[1]
    ctx.dataset = created["response"]["name"].rsplit("/", 1)[1]
    empty = call("POST", parent + "/datasets",
                 {"displayName": "empty", "imageClassificationDatasetMetadata": multiclass})
    ctx.empty_dataset = empty["response"]["name"].rsplit("/", 1)[1]
    imported = call("POST", "%s/datasets/%s:importData" % (parent, ctx.dataset),
                    {"inputConfig": {"gcsSource": {"inputUris": ["gs://%s/import.csv" % ctx.bucket]}}})
    wait_operation(port, token, imported["name"])

    trainings = []
    for display in ("hostile_model", "hostile_deploy"):
        operation = call("POST", parent + "/models", {
            "displayName": display, "datasetId": ctx.dataset,
            "imageClassificationModelMetadata": {"trainBudgetMilliNodeHours": "8000"}})
        trainings.append(operation["name"])
    models = [wait_operation(port, token, name)["response"]["name"].rsplit("/", 1)[1] for name in trainings]
    ctx.model, ctx.deploy_model = models
    deployed = call("POST", "%s/models/%s:deploy" % (parent, ctx.model),
                    {"imageClassificationModelDeploymentMetadata": {"nodeCount": "1"}})
    wait_operation(port, token, deployed["name"])
    evaluations = call("GET", "%s/models/%s/modelEvaluations?filter=" % (parent, ctx.model))
    for evaluation in evaluations.get("modelEvaluation", []):
        ctx.evaluation = ctx.evaluation or evaluation["name"].rsplit("/", 1)[1]
        ctx.spec = ctx.spec or evaluation.get("annotationSpecId") or None
    ctx.evaluation = ctx.evaluation or "ICN3333333333333333333"
    ctx.spec = ctx.spec or "4444444444"

    seed_vertex(backend, ctx)
    plant_sentinels(backend, ctx)


def vertex_parent(ctx):
    return "/vertex/v1/projects/%s/locations/%s" % (ctx.project, ctx.location)


def vertex_dataset_body(display):
    return {"displayName": display, "metadataSchemaUri": VERTEX_IMAGE_DATASET}


def vertex_pipeline_body(dataset, display="hostile_vx_train"):
    """An AutoML image classification pipeline at the least CLOUD budget (0.08 s at --node-hour-seconds 0.01), split
    by the ml_use labels the import gave every image (reference §3.4)."""
    return {"displayName": display, "trainingTaskDefinition": VERTEX_CLASSIFICATION,
            "trainingTaskInputs": {"modelType": "CLOUD", "budgetMilliNodeHours": 8000},
            "inputDataConfig": {"datasetId": dataset, "filterSplit": {
                "trainingFilter": "labels.%s=training" % ML_USE, "validationFilter": "labels.%s=validation" % ML_USE,
                "testFilter": "labels.%s=test" % ML_USE}},
            "modelToUpload": {"displayName": display, "labels": {"made_by": "hostile"}}}


def vertex_deploy_body(ctx, model, deployed_id=None):
    deployed = {"model": model, "automaticResources": {"minReplicaCount": 1, "maxReplicaCount": 1}}
    if deployed_id:
        deployed = dict(id=deployed_id, **deployed)
    return {"deployedModel": deployed, "trafficSplit": {"0": 100}}


def vertex_model_name(ctx, model):
    """The full model name DeployModel wants, as the backend writes it (with the project number)."""
    return "projects/%s/locations/%s/models/%s" % (ctx.project_number, ctx.location, model)


PIPELINE_ENDED = ("PIPELINE_STATE_SUCCEEDED", "PIPELINE_STATE_FAILED", "PIPELINE_STATE_CANCELLED")


def wait_pipeline(backend, name, timeout=180.0):
    """Polls a training pipeline (not an operation: CreateTrainingPipeline answers the pipeline itself) until it
    has ended; returns its JSON."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pipeline = seed_call(backend, "GET", "/vertex/v1/" + name)
        if pipeline.get("state") in PIPELINE_ENDED:
            return pipeline
        time.sleep(0.2)
    raise SetupError("training pipeline %s did not end within %.0f s" % (name, timeout))


def train_vertex_model(backend, ctx, display):
    """Creates a pipeline on vx_dataset and waits for it; returns (pipeline ID, model ID)."""
    pipeline = seed_call(backend, "POST", vertex_parent(ctx) + "/trainingPipelines",
                         vertex_pipeline_body(ctx.vx_dataset, display))
    ended = wait_pipeline(backend, pipeline["name"])
    if ended["state"] != "PIPELINE_STATE_SUCCEEDED" or "name" not in ended.get("modelToUpload", {}):
        raise SetupError("training pipeline %s ended %s: %s" % (pipeline["name"], ended["state"],
                                                               json.dumps(ended.get("error"))[:300]))
    return last_id(ended["name"]), last_id(ended["modelToUpload"]["name"])


def seed_vertex(backend, ctx):
    """The Vertex AI resources, made through the Vertex AI REST paths as Google's clients make them: an image dataset
    with a JSON Lines import (every label has training images, so pipelines on it train), two more datasets, two
    finished pipelines and their models (one deployed on an endpoint), an evaluation and a slice, an empty endpoint
    for the deploy route, and an operation under each kind of owner."""
    parent = vertex_parent(ctx)

    def call(method, path, body=None, content_type="application/json"):
        return seed_call(backend, method, path, body, content_type)

    def wait(operation):
        return wait_operation(backend.port, backend.token, operation["name"], prefix="/vertex/v1/")

    lines = []
    for index in range(8):
        for label in ("red", "blue"):
            use = ("training", "validation", "test", "training")[index % 4]
            lines.append(json.dumps({"imageGcsUri": "gs://%s/img/%s%d.png" % (ctx.bucket, label, index),
                                     "classificationAnnotation": {"displayName": label},
                                     "dataItemResourceLabels": {ML_USE: use}}))
    call("POST", "/upload/storage/v1/b/%s/o?uploadType=media&name=vertex.jsonl" % ctx.bucket,
         "\n".join(lines).encode(), "text/plain")

    created = call("POST", parent + "/datasets", vertex_dataset_body("hostile_vx"))
    if not created.get("done") or "response" not in created:
        raise SetupError("CreateDataset did not answer a done operation: %s" % json.dumps(created)[:300])
    ctx.vx_dataset = last_id(created["response"]["name"])
    ctx.vx_operation = last_id(created["name"])
    ctx.project_number = created["name"].split("/")[1]  # projects/NUMBER/locations/...
    imported = call("POST", "%s/datasets/%s:import" % (parent, ctx.vx_dataset), {"importConfigs": [
        {"gcsSource": {"uris": ["gs://%s/vertex.jsonl" % ctx.bucket]}, "importSchemaUri": VERTEX_SINGLE_LABEL}]})
    done = wait(imported)
    if done.get("metadata", {}).get("genericMetadata", {}).get("partialFailures"):
        raise SetupError("the Vertex AI import had partial failures: %s" % json.dumps(done["metadata"])[:400])
    ctx.vx_import_dataset = last_id(call("POST", parent + "/datasets", vertex_dataset_body("hostile_vx_import"))
                                    ["response"]["name"])
    ctx.vx_empty_dataset = last_id(call("POST", parent + "/datasets", vertex_dataset_body("hostile_vx_empty"))
                                   ["response"]["name"])

    ctx.vx_pipeline, ctx.vx_model = train_vertex_model(backend, ctx, "hostile_vx_model")
    _, ctx.vx_deploy_model = train_vertex_model(backend, ctx, "hostile_vx_deploy")

    evaluations = call("GET", "%s/models/%s/evaluations" % (parent, ctx.vx_model)).get("modelEvaluations", [])
    if not evaluations:
        raise SetupError("model %s has no evaluation" % ctx.vx_model)
    ctx.vx_evaluation = last_id(evaluations[0]["name"])
    specs = evaluations[0].get("metrics", {}).get("confusionMatrix", {}).get("annotationSpecs", [])
    slices = call("GET", "%s/models/%s/evaluations/%s/slices" % (parent, ctx.vx_model, ctx.vx_evaluation))
    if not specs or not slices.get("modelEvaluationSlices"):
        raise SetupError("evaluation %s has no annotation specs or no slices" % ctx.vx_evaluation)
    ctx.vx_spec = specs[0]["id"]
    ctx.vx_slice = last_id(slices["modelEvaluationSlices"][0]["name"])
    call("GET", "%s/datasets/%s/annotationSpecs/%s" % (parent, ctx.vx_dataset, ctx.vx_spec))  # the spec is real

    ctx.vx_endpoint = last_id(call("POST", parent + "/endpoints", {"displayName": "hostile_vx"})["response"]["name"])
    deployed = call("POST", "%s/endpoints/%s:deployModel" % (parent, ctx.vx_endpoint),
                    vertex_deploy_body(ctx, vertex_model_name(ctx, ctx.vx_model)))
    ctx.vx_endpoint_operation = last_id(wait(deployed)["name"])
    ctx.vx_deploy_endpoint = last_id(call("POST", parent + "/endpoints", {"displayName": "hostile_vx_deploy"})
                                     ["response"]["name"])
    exported = call("POST", "%s/models/%s:export" % (parent, ctx.vx_model), model_export_vertex_body(ctx))
    ctx.vx_model_operation = last_id(wait(exported)["name"])
    doomed = last_id(call("POST", parent + "/datasets", vertex_dataset_body("hostile_vx_doomed"))["response"]["name"])
    ctx.vx_location_operation = last_id(wait(call("DELETE", "%s/datasets/%s" % (parent, doomed)))["name"])


def plant_sentinels(backend, ctx):
    """What an escape would reveal: a secret beside the gs:// root (reached with ..), another in a folder outside it
    that symlinks point at (one inside the bucket, one that is a whole bucket), and a symlink to the data folder
    (the database's "SQLite format 3" header). None of the links forms a cycle: see symlink_loop_check."""
    outside = os.path.join(backend.workdir, "outside")
    os.makedirs(outside, exist_ok=True)
    for folder in (backend.workdir, outside):
        with open(os.path.join(folder, "secret.txt"), "w") as handle:
            handle.write(ctx.secret + "\n")
    os.symlink(outside, os.path.join(backend.gcs, ctx.bucket, "link-out"))
    os.symlink(backend.data, os.path.join(backend.gcs, ctx.bucket, "link-data"))
    os.symlink(outside, os.path.join(backend.gcs, "link-bkt"))


def fresh_dataset(backend, ctx):
    body = {"displayName": "victim", "imageClassificationDatasetMetadata": {"classificationType": "MULTICLASS"}}
    status, data, reply = normal_request(backend.port, backend.token, "POST", "/v1/projects/%s/locations/%s/datasets"
                                         % (ctx.project, ctx.location), body)
    if status != 200:
        raise SetupError("creating a victim dataset: " + reply.summary())
    return json.loads(data)["response"]["name"].rsplit("/", 1)[1]


def fresh_operation(backend, ctx):
    body = {"displayName": "victim_op", "imageClassificationDatasetMetadata": {"classificationType": "MULTICLASS"}}
    status, data, reply = normal_request(backend.port, backend.token, "POST", "/v1/projects/%s/locations/%s/datasets"
                                         % (ctx.project, ctx.location), body)
    if status != 200:
        raise SetupError("creating a victim operation: " + reply.summary())
    return json.loads(data)["name"].rsplit("/", 1)[1]


def fresh_object(backend, ctx):
    status, _, reply = normal_request(backend.port, backend.token, "POST",
                                      "/upload/storage/v1/b/%s/o?uploadType=media&name=h%%2Fvictim.txt" % ctx.bucket,
                                      b"victim", content_type="text/plain")
    if status != 200:
        raise SetupError("uploading a victim object: " + reply.summary())
    return pct("h/victim.txt")


def fresh_upload(backend, ctx):
    status, _, reply = normal_request(backend.port, backend.token, "POST",
                                      "/upload/storage/v1/b/%s/o?uploadType=resumable&name=h%%2Fresumable.bin"
                                      % ctx.bucket, {"name": "h/resumable.bin"})
    location = reply.first.header("X-GUploader-UploadID") if reply.first else None
    if status != 200 or not location:
        raise SetupError("starting a resumable upload: " + reply.summary())
    return location


def fresh_vertex_dataset(backend, ctx):
    created = seed_call(backend, "POST", vertex_parent(ctx) + "/datasets", vertex_dataset_body("victim"))
    return last_id(created["response"]["name"])


def fresh_vertex_operation(backend, ctx):
    """A done operation under a fresh dataset (its CreateDataset): fills its owner and its ID."""
    created = seed_call(backend, "POST", vertex_parent(ctx) + "/datasets", vertex_dataset_body("victim_op"))
    return {"vop_ds": last_id(created["response"]["name"]), "vop_victim": last_id(created["name"])}


def fresh_vertex_pipeline(backend, ctx):
    """A pipeline that has just been created (PENDING or RUNNING when the cancel arrives, if the trainer is slow
    enough; a cancel that comes too late is a clean FAILED_PRECONDITION)."""
    created = seed_call(backend, "POST", vertex_parent(ctx) + "/trainingPipelines",
                        vertex_pipeline_body(ctx.vx_dataset, "victim_run"))
    return last_id(created["name"])


def fresh_vertex_ended_pipeline(backend, ctx):
    """A pipeline that has ended (only those can be deleted); its model stays."""
    return train_vertex_model(backend, ctx, "victim_pipeline")[0]


def fresh_vertex_model(backend, ctx):
    """A trained model that no endpoint serves (a deployed one cannot be deleted)."""
    return train_vertex_model(backend, ctx, "victim_model")[1]


def fresh_vertex_endpoint(backend, ctx):
    created = seed_call(backend, "POST", vertex_parent(ctx) + "/endpoints", {"displayName": "victim"})
    return last_id(created["response"]["name"])


VICTIM_DEPLOYED_ID = "7"  # the deployed model ID fresh_vertex_deployment chooses, so the undeploy body can name it


def fresh_vertex_deployment(backend, ctx):
    """A fresh endpoint serving vx_deploy_model as deployed model VICTIM_DEPLOYED_ID (never vx_model: a deploy
    restarts the model's prediction workers, and the predict route uses vx_model's)."""
    endpoint = fresh_vertex_endpoint(backend, ctx)
    operation = seed_call(backend, "POST", "%s/endpoints/%s:deployModel" % (vertex_parent(ctx), endpoint),
                          vertex_deploy_body(ctx, vertex_model_name(ctx, ctx.vx_deploy_model), VICTIM_DEPLOYED_ID))
    wait_operation(backend.port, backend.token, operation["name"], prefix="/vertex/v1/")
    return endpoint


SETUPS = {"fresh_dataset": fresh_dataset, "fresh_operation": fresh_operation, "fresh_object": fresh_object,
          "fresh_upload": fresh_upload, "fresh_vertex_dataset": fresh_vertex_dataset,
          "fresh_vertex_operation": fresh_vertex_operation, "fresh_vertex_pipeline": fresh_vertex_pipeline,
          "fresh_vertex_ended_pipeline": fresh_vertex_ended_pipeline, "fresh_vertex_model": fresh_vertex_model,
          "fresh_vertex_endpoint": fresh_vertex_endpoint, "fresh_vertex_deployment": fresh_vertex_deployment}


# ---------------------------------------------------------------------------------------------------------------
# Routes: every route of the backend, with a valid request each, as templates the categories mutate
# ---------------------------------------------------------------------------------------------------------------


class Route:
    """One route: its path template, the methods that path really has, a valid query and body.

    `json` builds the valid JSON body template from the context; `raw` builds a non-JSON body (bytes, type);
    `wrap` turns JSON text into the body actually sent (multipart wraps it with the media). `setup` names a
    placeholder that a setup request fills just before sending (a fresh victim to delete, a fresh session).
    """

    def __init__(self, name, family, path, methods, query=None, json=None, raw=None, wrap=None, setup=None):
        self.name = name
        self.family = family
        self.path = path
        self.methods = methods
        self.query = query or {}
        self.json = json
        self.raw = raw
        self.wrap = wrap
        self.setup = setup or {}

    @property
    def method(self):
        return self.methods[0]

    @property
    def has_json(self):
        return self.json is not None


V1 = "/v1/projects/{p}/locations/{l}"


def dataset_body(ctx):
    return {"displayName": "made_by_hostile",
            "imageClassificationDatasetMetadata": {"classificationType": "MULTICLASS"}}


def model_body(ctx):
    return {"displayName": "hostile_train", "datasetId": ctx.empty_dataset,
            "imageClassificationModelMetadata": {"trainBudgetMilliNodeHours": "8000", "modelType": "cloud"}}


def import_body(ctx):
    return {"inputConfig": {"gcsSource": {"inputUris": ["gs://%s/import.csv" % ctx.bucket]}, "params": {}}}


def export_body(ctx):
    return {"outputConfig": {"gcsDestination": {"outputUriPrefix": "gs://%s/exports/" % ctx.bucket}}}


def deploy_body(ctx):
    return {"imageClassificationModelDeploymentMetadata": {"nodeCount": "1"}}


def model_export_body(ctx):
    return {"outputConfig": {"gcsDestination": {"outputUriPrefix": "gs://%s/model-exports/" % ctx.bucket},
                             "modelFormat": "torchscript", "params": {}}}


def predict_body(ctx):
    return {"payload": {"image": {"imageBytes": base64.b64encode(ctx.image).decode()}},
            "params": {"score_threshold": "0.5"}}


def batch_predict_body(ctx):
    return {"inputConfig": {"gcsSource": {"inputUris": ["gs://%s/batch.csv" % ctx.bucket]}},
            "outputConfig": {"gcsDestination": {"outputUriPrefix": "gs://%s/batch-out/" % ctx.bucket}},
            "params": {"score_threshold": "0.5"}}


def multipart_wrap(ctx, metadata):
    return multipart(metadata, b"hostile multipart media")


# Vertex AI: the services under /vertex/v1/, the operations also under /vertex/ui/ (Google's Python client polls
# there). Names the backend returns carry the project number ({pn}); clients send those back as they are, so the
# routes that read a seeded resource by such a name use the number, and the others the project ID.
VX = "/vertex/v1/projects/{p}/locations/{l}"
VXN = "/vertex/v1/projects/{pn}/locations/{l}"
VUI = "/vertex/ui/projects/{p}/locations/{l}"
VUIN = "/vertex/ui/projects/{pn}/locations/{l}"


def vertex_import_body(ctx):
    return {"importConfigs": [{"gcsSource": {"uris": ["gs://%s/vertex.jsonl" % ctx.bucket]},
                               "importSchemaUri": VERTEX_SINGLE_LABEL}]}


def vertex_export_body(ctx):
    return {"exportConfig": {"gcsDestination": {"outputUriPrefix": "gs://%s/vertex-exports/" % ctx.bucket}}}


def model_export_vertex_body(ctx):
    return {"outputConfig": {"exportFormatId": "torchscript",
                             "artifactDestination": {"outputUriPrefix": "gs://%s/vertex-model-exports/" % ctx.bucket}}}


def vertex_predict_body(ctx):
    return {"instances": [{"content": base64.b64encode(ctx.image).decode()}],
            "parameters": {"confidenceThreshold": 0.5}}


def vertex_routes():
    """Every Vertex AI route of the backend (docs/vertex.md, "What is served"). Destructive ones act on victims a
    setup makes (or on IDs nothing has), so the seeded resources stay for the other routes; the deploy route deploys
    vx_deploy_model to an endpoint of its own. `methods` are the path's real methods, so that wrong_methods never
    sends DELETE to a seeded resource."""
    evaluation = VX + "/models/{vm}/evaluations/{vev}"
    return [
        Route("vertex.datasets.create", "vertex", VX + "/datasets", ["POST", "GET"],
              json=lambda ctx: vertex_dataset_body("made_by_hostile")),
        Route("vertex.datasets.list", "vertex", VX + "/datasets", ["GET", "POST"],
              query={"filter": 'display_name="hostile_vx"', "pageSize": "5"}),
        Route("vertex.datasets.get", "vertex", VXN + "/datasets/{vds}", ["GET", "DELETE"]),
        Route("vertex.datasets.delete", "vertex", VX + "/datasets/{vds_victim}", ["DELETE", "GET"],
              setup={"vds_victim": "fresh_vertex_dataset"}),
        Route("vertex.datasets.import", "vertex", VX + "/datasets/{vds_import}:import", ["POST"],
              json=vertex_import_body),
        Route("vertex.datasets.export", "vertex", VX + "/datasets/{vds}:export", ["POST"], json=vertex_export_body),
        Route("vertex.annotationSpecs.get", "vertex", VX + "/datasets/{vds}/annotationSpecs/{vspec}", ["GET"]),
        # On the empty dataset: refused before anything trains (at least 2 labels with images are needed).
        Route("vertex.trainingPipelines.create", "vertex", VX + "/trainingPipelines", ["POST", "GET"],
              json=lambda ctx: vertex_pipeline_body(ctx.vx_empty_dataset)),
        Route("vertex.trainingPipelines.list", "vertex", VX + "/trainingPipelines", ["GET", "POST"],
              query={"filter": 'state="PIPELINE_STATE_SUCCEEDED"', "pageSize": "5"}),
        Route("vertex.trainingPipelines.get", "vertex", VXN + "/trainingPipelines/{vpl}", ["GET", "DELETE"]),
        Route("vertex.trainingPipelines.cancel", "vertex", VX + "/trainingPipelines/{vpl_run}:cancel", ["POST"],
              json=lambda ctx: {}, setup={"vpl_run": "fresh_vertex_pipeline"}),
        Route("vertex.trainingPipelines.delete", "vertex", VX + "/trainingPipelines/{vpl_victim}", ["DELETE", "GET"],
              setup={"vpl_victim": "fresh_vertex_ended_pipeline"}),
        Route("vertex.models.list", "vertex", VX + "/models", ["GET"],
              query={"filter": 'display_name="hostile_vx_model"', "pageSize": "5"}),
        Route("vertex.models.get", "vertex", VXN + "/models/{vm}", ["GET", "DELETE"]),
        Route("vertex.models.get.alias", "vertex", VX + "/models/{vm}@default", ["GET", "DELETE"]),
        Route("vertex.models.delete", "vertex", VX + "/models/{vm_victim}", ["DELETE", "GET"],
              setup={"vm_victim": "fresh_vertex_model"}),
        Route("vertex.models.export", "vertex", VX + "/models/{vm}:export", ["POST"], json=model_export_vertex_body),
        Route("vertex.evaluations.list", "vertex", VX + "/models/{vm}/evaluations", ["GET"], query={"pageSize": "5"}),
        Route("vertex.evaluations.get", "vertex", evaluation, ["GET"]),
        Route("vertex.slices.list", "vertex", evaluation + "/slices", ["GET"],
              query={"filter": 'slice.dimension="annotationSpec"', "pageSize": "5"}),
        Route("vertex.slices.get", "vertex", evaluation + "/slices/{vsl}", ["GET"]),
        Route("vertex.endpoints.create", "vertex", VX + "/endpoints", ["POST", "GET"],
              json=lambda ctx: {"displayName": "made_by_hostile", "labels": {"k": "v"}}),
        Route("vertex.endpoints.create.id", "vertex", VX + "/endpoints", ["POST", "GET"],
              query={"endpointId": "hostile-ep"}, json=lambda ctx: {"displayName": "made_by_hostile_id"}),
        Route("vertex.endpoints.list", "vertex", VX + "/endpoints", ["GET", "POST"],
              query={"filter": 'display_name="hostile_vx"', "pageSize": "5"}),
        Route("vertex.endpoints.get", "vertex", VXN + "/endpoints/{ve}", ["GET", "DELETE"]),
        Route("vertex.endpoints.delete", "vertex", VX + "/endpoints/{ve_victim}", ["DELETE", "GET"],
              setup={"ve_victim": "fresh_vertex_endpoint"}),
        Route("vertex.endpoints.deployModel", "vertex", VX + "/endpoints/{ve_deploy}:deployModel", ["POST"],
              json=lambda ctx: vertex_deploy_body(ctx, vertex_model_name(ctx, ctx.vx_deploy_model))),
        Route("vertex.endpoints.undeployModel", "vertex", VX + "/endpoints/{ve_undeploy}:undeployModel", ["POST"],
              json=lambda ctx: {"deployedModelId": VICTIM_DEPLOYED_ID},
              setup={"ve_undeploy": "fresh_vertex_deployment"}),
        Route("vertex.endpoints.predict", "vertex", VX + "/endpoints/{ve}:predict", ["POST"], json=vertex_predict_body),
        # The Operations mixin on each kind of owner. Lists on every owner; get, cancel and wait on seeded done
        # operations (CreateDataset under the dataset, DeployModel under the endpoint, ExportModel under the model, a
        # DeleteDataset at the location); delete on a fresh CreateDataset operation.
        Route("vertex.operations.list", "vertex", VX + "/operations", ["GET"],
              query={"filter": "done=true", "pageSize": "5"}),
        Route("vertex.operations.list.dataset", "vertex", VX + "/datasets/{vds}/operations", ["GET"],
              query={"pageSize": "5"}),
        Route("vertex.operations.list.endpoint", "vertex", VXN + "/endpoints/{ve}/operations", ["GET"]),
        Route("vertex.operations.list.model", "vertex", VX + "/models/{vm}/operations", ["GET"],
              query={"filter": "done=true"}),
        Route("vertex.operations.list.evaluation", "vertex", evaluation + "/operations", ["GET"]),
        Route("vertex.operations.list.pipeline", "vertex", VX + "/trainingPipelines/{vpl}/operations", ["GET"]),
        Route("vertex.operations.get", "vertex", VXN + "/datasets/{vds}/operations/{vop}", ["GET", "DELETE"]),
        Route("vertex.operations.get.endpoint", "vertex", VXN + "/endpoints/{ve}/operations/{vop_ep}",
              ["GET", "DELETE"]),
        Route("vertex.operations.get.model", "vertex", VXN + "/models/{vm}/operations/{vop_m}", ["GET", "DELETE"]),
        Route("vertex.operations.get.location", "vertex", VXN + "/operations/{vop_loc}", ["GET", "DELETE"]),
        Route("vertex.operations.cancel", "vertex", VX + "/datasets/{vds}/operations/{vop}:cancel", ["POST"],
              json=lambda ctx: {}),
        Route("vertex.operations.wait", "vertex", VX + "/endpoints/{ve}/operations/{vop_ep}:wait", ["POST"],
              query={"timeout": "1s"}, json=lambda ctx: {}),
        Route("vertex.operations.delete", "vertex", VX + "/datasets/{vop_ds}/operations/{vop_victim}",
              ["DELETE", "GET"], setup={"vop_victim": "fresh_vertex_operation"}),
        Route("vertex.ui.operations.list", "vertex", VUI + "/operations", ["GET"],
              query={"filter": "done=false", "pageSize": "5"}),
        Route("vertex.ui.operations.list.endpoint", "vertex", VUI + "/endpoints/{ve}/operations", ["GET"]),
        Route("vertex.ui.operations.get", "vertex", VUIN + "/datasets/{vds}/operations/{vop}", ["GET", "DELETE"]),
        Route("vertex.ui.operations.get.endpoint", "vertex", VUIN + "/endpoints/{ve}/operations/{vop_ep}",
              ["GET", "DELETE"]),
        Route("vertex.ui.operations.cancel", "vertex", VUIN + "/models/{vm}/operations/{vop_m}:cancel", ["POST"],
              json=lambda ctx: {}),
        Route("vertex.ui.operations.wait", "vertex", VUIN + "/datasets/{vds}/operations/{vop}:wait", ["POST"],
              query={"timeout": "1s"}, json=lambda ctx: {}),
        Route("vertex.ui.operations.delete", "vertex", VUI + "/datasets/{vop_ds}/operations/{vop_victim}",
              ["DELETE", "GET"], setup={"vop_victim": "fresh_vertex_operation"}),
    ]


ROUTES = [
    # AutoML v1
    Route("locations.list", "v1", "/v1/projects/{p}/locations", ["GET"]),
    Route("locations.get", "v1", V1, ["GET"]),
    Route("datasets.create", "v1", V1 + "/datasets", ["POST", "GET"], json=dataset_body),
    Route("datasets.list", "v1", V1 + "/datasets", ["GET", "POST"], query={"pageSize": "5"}),
    Route("datasets.get", "v1", V1 + "/datasets/{ds}", ["GET", "PATCH", "DELETE"]),
    Route("datasets.patch", "v1", V1 + "/datasets/{ds}", ["PATCH", "GET", "DELETE"],
          query={"updateMask": "displayName"}, json=lambda ctx: {"displayName": "hostile", "labels": {"k": "v"}}),
    Route("datasets.delete", "v1", V1 + "/datasets/{ds_victim}", ["DELETE", "GET", "PATCH"],
          setup={"ds_victim": "fresh_dataset"}),
    Route("datasets.importData", "v1", V1 + "/datasets/{ds}:importData", ["POST"], json=import_body),
    Route("datasets.exportData", "v1", V1 + "/datasets/{ds}:exportData", ["POST"], json=export_body),
    Route("annotationSpecs.get", "v1", V1 + "/datasets/{ds}/annotationSpecs/{spec}", ["GET"]),
    Route("datasets.getIamPolicy", "v1", V1 + "/datasets/{ds}:getIamPolicy", ["GET"]),
    Route("models.create", "v1", V1 + "/models", ["POST", "GET"], json=model_body),
    Route("models.list", "v1", V1 + "/models", ["GET", "POST"], query={"filter": "dataset_id={ds}", "pageSize": "5"}),
    Route("models.get", "v1", V1 + "/models/{m}", ["GET", "PATCH", "DELETE"]),
    Route("models.patch", "v1", V1 + "/models/{m_deploy}", ["PATCH", "GET", "DELETE"],
          query={"updateMask": "displayName"}, json=lambda ctx: {"displayName": "hostile_deploy"}),
    Route("models.delete", "v1", V1 + "/models/{m_victim}", ["DELETE", "GET", "PATCH"]),
    Route("models.deploy", "v1", V1 + "/models/{m_deploy}:deploy", ["POST"], json=deploy_body),
    Route("models.undeploy", "v1", V1 + "/models/{m_deploy}:undeploy", ["POST"], json=lambda ctx: {}),
    Route("models.export", "v1", V1 + "/models/{m}:export", ["POST"], json=model_export_body),
    Route("models.predict", "v1", V1 + "/models/{m}:predict", ["POST"], json=predict_body),
    Route("models.batchPredict", "v1", V1 + "/models/{m}:batchPredict", ["POST"], json=batch_predict_body),
    Route("models.setIamPolicy", "v1", V1 + "/models/{m}:setIamPolicy", ["POST"], json=lambda ctx: {"policy": {}}),
    Route("modelEvaluations.list", "v1", V1 + "/models/{m}/modelEvaluations", ["GET"], query={"filter": ""}),
    Route("modelEvaluations.get", "v1", V1 + "/models/{m}/modelEvaluations/{ev}", ["GET"]),
    Route("operations.list", "v1", V1 + "/operations", ["GET"], query={"filter": "done=true", "pageSize": "5"}),
    Route("operations.get", "v1", V1 + "/operations/{op}", ["GET", "DELETE"]),
    Route("operations.delete", "v1", V1 + "/operations/{op_victim}", ["DELETE", "GET"],
          setup={"op_victim": "fresh_operation"}),
    Route("operations.cancel", "v1", V1 + "/operations/{op}:cancel", ["POST"], json=lambda ctx: {}),
    Route("operations.wait", "v1", V1 + "/operations/{op}:wait", ["POST"], json=lambda ctx: {"timeout": "1s"}),
    # Vertex AI
    *vertex_routes(),
    # Cloud Storage
    Route("buckets.insert", "storage", "/storage/v1/b", ["POST"], query={"project": "{p}"},
          json=lambda ctx: {"name": "hostile-made"}),
    Route("buckets.get", "storage", "/storage/v1/b/{bkt}", ["GET"]),
    Route("objects.list", "storage", "/storage/v1/b/{bkt}/o", ["GET"],
          query={"prefix": "img/", "delimiter": "/", "maxResults": "5"}),
    Route("objects.get", "storage", "/storage/v1/b/{bkt}/o/{obj}", ["GET", "DELETE"]),
    Route("objects.media", "storage", "/storage/v1/b/{bkt}/o/{obj}", ["GET", "DELETE"], query={"alt": "media"}),
    Route("objects.download", "storage", "/download/storage/v1/b/{bkt}/o/{obj}", ["GET"], query={"alt": "media"}),
    Route("objects.delete", "storage", "/storage/v1/b/{bkt}/o/{obj_victim}", ["DELETE", "GET"],
          setup={"obj_victim": "fresh_object"}),
    Route("upload.media", "storage", "/upload/storage/v1/b/{bkt}/o", ["POST", "PUT", "DELETE"],
          query={"uploadType": "media", "name": "h/media.bin"}, raw=lambda ctx: (b"hostile media", "text/plain")),
    Route("upload.multipart", "storage", "/upload/storage/v1/b/{bkt}/o", ["POST", "PUT", "DELETE"],
          query={"uploadType": "multipart"}, json=lambda ctx: {"name": "h/multipart.bin", "contentType": "text/plain"},
          wrap=multipart_wrap),
    Route("upload.resumable", "storage", "/upload/storage/v1/b/{bkt}/o", ["POST", "PUT", "DELETE"],
          query={"uploadType": "resumable", "name": "h/resumable.bin"},
          json=lambda ctx: {"name": "h/resumable.bin", "contentType": "application/octet-stream"}),
    Route("upload.resumable.put", "storage", "/upload/storage/v1/b/{bkt}/o", ["PUT", "POST", "DELETE"],
          query={"uploadType": "resumable", "upload_id": "{upload}"}, raw=lambda ctx: (b"0123456789", None),
          setup={"upload": "fresh_upload"}),
    Route("upload.resumable.cancel", "storage", "/upload/storage/v1/b/{bkt}/o", ["DELETE", "POST", "PUT"],
          query={"uploadType": "resumable", "upload_id": "{upload_victim}"}, setup={"upload_victim": "fresh_upload"}),
    # The background server's own route (present with --service only; a 404 here)
    Route("control.server", "v1", "/_automl/server", ["GET"]),
]
ROUTE_BY_NAME = {route.name: route for route in ROUTES}
JSON_ROUTES = [route for route in ROUTES if route.has_json]
GCS_ROUTES = [route for route in ROUTES if route.name in (
    "datasets.importData", "datasets.exportData", "models.export", "models.batchPredict", "vertex.datasets.import",
    "vertex.datasets.export", "vertex.models.export")]
LIST_ROUTES = [route for route in ROUTES if route.name.endswith(".list") or ".list." in route.name]
OBJECT_ROUTES = [ROUTE_BY_NAME[n] for n in ("objects.get", "objects.media", "objects.download", "objects.delete")]
UPLOAD_ROUTES = [ROUTE_BY_NAME[n] for n in ("upload.media", "upload.multipart", "upload.resumable")]


# ---------------------------------------------------------------------------------------------------------------
# A case: one hostile request, how to render it on the wire, and what would be acceptable
# ---------------------------------------------------------------------------------------------------------------

AUTO = object()  # a header the renderer fills in (Host, Authorization)


class Case:
    """One request. `framing_ok` is False when the HTTP framing itself is malformed (then a bare 400 or a close is
    acceptable); `expect` is "invalid" when a 2xx would be surprising, "either" when it may well be valid."""

    def __init__(self, index, category, route, ctx):
        self.index = index
        self.category = category
        self.route = route
        self.kind = category  # a short stable label of the mutation, to group findings
        self.desc = ""
        self.method = route.method
        self.values = ctx.values()
        self.overridden = set()  # placeholders a mutation replaced (their setup is skipped)
        self.path = None  # a whole path given by the mutation, instead of route.path filled in
        self.query = [(k, v) for k, v in route.query.items()]  # (name, value) decoded; encoded when rendered
        self.raw_query = None  # the query exactly as sent, when a mutation wants bad encoding
        self.json = route.json(ctx) if route.json else None
        self.body = None  # bytes (or BigBody) exactly as sent, instead of the JSON template
        self.content_type = None
        if route.raw:
            self.body, self.content_type = route.raw(ctx)
        if route.name == "buckets.insert":
            self.json = {"name": "hostile-made-%d" % abs(index)}
        if route.name == "vertex.endpoints.create.id":
            self.query = [("endpointId", "hostile-ep-%d" % abs(index))]  # a taken ID is ALREADY_EXISTS
        self.headers = []  # extra headers, (name, value), bytes or str
        self.host = AUTO
        self.auth = AUTO
        self.auto_length = True
        self.close = True
        self.chunked = False
        self.chunk_sizes = None  # piece sizes of the chunked coding (default 4 KiB)
        self.version = "HTTP/1.1"
        self.raw = None  # the whole request as bytes, when a mutation writes it by hand
        self.half_close = False
        self.responses = 1
        self.framing_ok = True
        self.expect = "invalid"
        self.timeout = None

    def set_value(self, key, raw_value):
        self.values[key] = raw_value
        self.overridden.add(key)

    def target(self):
        path = self.path if self.path is not None else fill(self.route.path, self.values)
        query = fill(self.raw_query if self.raw_query is not None else encode_query(self.query), self.values)
        return to_bytes(path) + ((b"?" + to_bytes(query)) if query else b"")

    def body_bytes(self, ctx):
        """The body as sent, and its content type."""
        if self.body is not None:
            return self.body, self.content_type
        if self.json is None:
            return None, None
        text = self.json if isinstance(self.json, (bytes, str)) else dump(self.json)
        data = to_bytes(text)
        if self.route.wrap:
            return self.route.wrap(ctx, data)
        return data, self.content_type or "application/json"

    def render(self, port, token, ctx):
        """The request as a list of parts (bytes, BigBody)."""
        hostport = "%s:%d" % (LOOPBACK, port)
        if self.raw is not None:
            data = self.raw.replace(b"{HOSTPORT}", hostport.encode()).replace(b"{TOKEN}", token.encode())
            data = data.replace(b"{TARGET}", self.target())
            return [data]
        body, content_type = self.body_bytes(ctx)
        lines = [to_bytes(self.method) + b" " + self.target() + b" " + to_bytes(self.version)]
        names = {to_bytes(name).lower() for name, _ in self.headers if name is not None}
        if self.host is AUTO:
            lines.append(b"Host: " + hostport.encode())
        elif self.host is not None:
            lines.append(b"Host: " + to_bytes(self.host))
        if self.auth is AUTO:
            lines.append(b"Authorization: Bearer " + token.encode())
        elif self.auth is not None:
            lines.append(b"Authorization: " + to_bytes(self.auth).replace(b"{TOKEN}", token.encode()))
        if content_type and b"content-type" not in names:
            lines.append(b"Content-Type: " + to_bytes(content_type))
        size = body.size if isinstance(body, BigBody) else len(body) if body is not None else None
        if self.chunked and b"transfer-encoding" not in names:
            lines.append(b"Transfer-Encoding: chunked")
        elif self.auto_length and b"content-length" not in names:
            if size is not None:
                lines.append(b"Content-Length: %d" % size)
            elif self.method in ("POST", "PUT", "PATCH"):
                lines.append(b"Content-Length: 0")
        if self.close and b"connection" not in names:
            lines.append(b"Connection: close")
        for name, value in self.headers:
            value = to_bytes(value).replace(b"{TOKEN}", token.encode())
            lines.append(value if name is None else to_bytes(name) + b": " + value)  # None: a line as it is
        head = b"\r\n".join(lines) + b"\r\n\r\n"
        if body is None:
            return [head]
        if isinstance(body, BigBody):
            return [head, body]
        if self.chunked:
            body = chunk_encode(body, self.chunk_sizes)
        return [head + body]

    def describe(self, ctx, port=0, token="TOKEN", limit=400):
        """A short human-readable form of the request for the report."""
        parts = self.render(port, token, ctx)
        data = b"".join(p if isinstance(p, bytes) else b"<%d more body bytes>" % p.size for p in parts)
        text = data[:limit].decode("utf-8", "backslashreplace")
        return text + ("... (%d bytes in all)" % len(data) if len(data) > limit else "")


def encode_query(pairs):
    """A query string from (name, value) pairs; a value holding a {placeholder} is left for fill() to complete."""
    return "&".join(pct(k) + "=" + (v if "{" in v else pct(v)) for k, v in pairs)


def fill(template, values):
    """Fills {placeholders} with (encoded) values; text without any is returned as it is."""
    if "{" not in template:
        return template
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", value)
    return out


def chunk_encode(body, sizes=None):
    """Chunked transfer coding of `body` in pieces of the given sizes (default 4 KiB)."""
    out = bytearray()
    position = 0
    sizes = sizes or [4096]
    index = 0
    while position < len(body):
        size = sizes[index % len(sizes)]
        piece = body[position:position + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
        position += len(piece)
        index += 1
    out += b"0\r\n\r\n"
    return bytes(out)


# ---------------------------------------------------------------------------------------------------------------
# Hostile values
# ---------------------------------------------------------------------------------------------------------------

# Path segments as written on the wire (already percent-encoded or deliberately not).
BAD_SEGMENTS = [
    ("empty", "", "invalid"), ("nul", "%00", "invalid"), ("nul-inside", "a%00b", "invalid"),
    ("encoded-slash", "a%2Fb", "invalid"), ("encoded-slash-dots", "%2f..%2f..", "invalid"),
    ("bad-percent", "%zz", "invalid"), ("lone-percent", "%", "invalid"), ("short-percent", "%4", "invalid"),
    ("overlong-utf8-slash", "%C0%AF", "invalid"), ("overlong-utf8-dots", "%C0%AE%C0%AE", "invalid"),
    ("overlong-utf8-3byte", "%E0%80%AE", "invalid"), ("invalid-utf8", "%FF%FE", "invalid"),
    ("utf16-surrogate", "%ED%A0%80", "invalid"), ("noncharacter", "%EF%BF%BF", "invalid"),
    ("dotdot", "..", "invalid"), ("encoded-dotdot", "%2e%2e", "invalid"), ("dot", ".", "invalid"),
    ("star", "*", "invalid"), ("dash", "-", "either"), ("space", "%20", "invalid"), ("plus", "+", "invalid"),
    ("semicolon", "a;b=c", "invalid"), ("encoded-question", "x%3Fy%3Dz", "invalid"),
    ("encoded-hash", "%23f", "invalid"),
    ("encoded-colon-verb", "x%3AimportData", "invalid"), ("encoded-colon-deploy", "x%3Adeploy", "invalid"),
    ("crlf", "%0D%0A", "invalid"), ("lf", "%0A", "invalid"), ("tab", "%09", "invalid"),
    ("raw-utf8", "\u00e9\u4e2d", "invalid"), ("long-300", "A" * 300, "invalid"), ("long-9000", "A" * 9000, "invalid"),
    ("digits-40", "9" * 40, "invalid"), ("negative", "-1", "invalid"), ("zero", "0", "invalid"),
    ("hex", "0x10", "invalid"), ("exp", "1e400", "invalid"), ("double-encoded", "%252e%252e", "invalid"),
    ("iis-unicode", "%u002e", "invalid"), ("backslash-dots", "..%5C..%5C", "invalid"), ("backslash", "%5C", "invalid"),
    ("shell", "%24(id)", "invalid"), ("sql", "'OR'1'%3D'1", "invalid"), ("braces", "%7B%7D", "invalid"),
    ("proto", "__proto__", "invalid"), ("rtl-override", "%E2%80%AE", "invalid"), ("del", "%7F", "invalid"),
]

# Values for numeric fields and parameters: JSON text (Raw) or the string a quoted int64 would carry.
HUGE_NUMBERS = [
    (Raw("1e400"), "invalid"), (Raw("-1e400"), "invalid"), (Raw("1e-400"), "invalid"), (2 ** 70, "invalid"),
    (-2 ** 70, "invalid"), (2 ** 63, "invalid"), (2 ** 63 - 1, "either"), (-2 ** 63, "invalid"),
    (-2 ** 63 - 1, "invalid"), (2 ** 64, "invalid"), (2 ** 31, "either"), (-2 ** 31 - 1, "invalid"),
    (Raw("1" + "0" * 400), "invalid"), (Raw("1.0e2"), "either"), (1.5, "invalid"), (Raw("-0"), "either"),
    (Raw("1E+2"), "either"), ("0x10", "invalid"), ("0X7fffffff", "invalid"), ("1e3", "invalid"), ("1e400", "invalid"),
    ("9223372036854775808", "invalid"), ("-9223372036854775809", "invalid"), ("18446744073709551616", "invalid"),
    (" 5", "invalid"), ("5 ", "invalid"), ("+5", "invalid"), ("\u0663", "invalid"), ("\uff11\uff12", "invalid"),
    ("NaN", "invalid"), ("Infinity", "invalid"), ("-Infinity", "invalid"), ("0b101", "invalid"), ("0o17", "invalid"),
    ("1_000", "invalid"), ("08", "either"), ("", "invalid"), ("-", "invalid"), ("1,000", "invalid"),
    ("99999999999999999999999999999999999999", "invalid"), ("1.5", "invalid"), ("-1", "invalid"), ("0", "either"),
    ("\u2167", "invalid"), ("1\u0000", "invalid"),
]

DURATIONS = ["1e400s", "9999999999999999999s", "-1s", "0.0000000001s", "1.5.5s", "s", "1", "NaNs", "Infinitys",
             "315576000001s", "-315576000001s", "0x10s", "1m", "PT1S", "", " 1s", "1s ", "\u0661s", "1e3s",
             "9223372036854775807s", "0.9999999999s", "1.s", ".5s", "+1s"]

WRONG_VALUES = [0, 1, -1, 1.5, True, False, None, "", "x", [], [1], ["a", "b"], {}, {"a": 1}, [[[]]], [None],
                {"": ""}, [1, [2, [3]]]]
ENUM_FIELDS = {"classificationType", "modelType", "modelFormat"}  # proto3 JSON also takes an enum's number
MAP_FIELDS = {"params", "labels"}  # map<string, string>: any key is valid

UNKNOWN_KEYS = [
    ("legacy-trainBudget", "trainBudget"), ("legacy-baseModelId", "baseModelId"), ("plain", "foo"),
    ("proto-pollution", "__proto__"), ("constructor", "constructor"), ("any-type", "@type"), ("empty-key", ""),
    ("space-key", " "), ("nul-key", "\u0000"), ("trailing-space", "displayName "), ("upper-case", "DISPLAYNAME"),
    ("long-key", "k" * 10000), ("unicode-key", "\u00e9\u4e2d"), ("emoji-key", "\U0001F600"), ("ref-key", "$ref"),
    ("dotted-key", "a.b.c"), ("bracket-key", "a[0]"),
]

# Vertex AI fields that take one of a few names: route -> (path in the body, values to try, the valid ones among
# them). The pipeline's dataset is empty, so a valid model type is still refused (later, for the dataset).
VERTEX_NAMED_VALUES = {
    "vertex.datasets.create": (("metadataSchemaUri",), [
        VERTEX_SCHEMA + "dataset/metadata/text_1.0.0.yaml", VERTEX_SCHEMA + "dataset/metadata/tabular_1.0.0.yaml",
        VERTEX_SCHEMA + "dataset/metadata/video_1.0.0.yaml", VERTEX_SCHEMA + "dataset/metadata/image_9.9.9.yaml",
        VERTEX_IMAGE_DATASET.upper(), VERTEX_IMAGE_DATASET + "\u0000", "", "image", "gs://hostile-bkt/../../x.yaml",
        "file:///etc/passwd"], []),
    "vertex.datasets.import": (("importConfigs", 0, "importSchemaUri"), [
        VERTEX_MULTI_LABEL, VERTEX_BOUNDING_BOX, VERTEX_SCHEMA + "dataset/ioformat/text_classification_single_label_"
        "io_format_1.0.0.yaml", VERTEX_IMAGE_DATASET, VERTEX_SINGLE_LABEL + " ", "", "single_label",
        VERTEX_SCHEMA + "dataset/ioformat/../../../../etc/passwd"], [VERTEX_MULTI_LABEL, VERTEX_BOUNDING_BOX]),
    "vertex.trainingPipelines.create": (("trainingTaskInputs", "modelType"), [
        "FOO", "", "cloud", "CLOUD_1", "MODEL_TYPE_UNSPECIFIED", "MOBILE_TF_LOW_LATENCY_1", "MOBILE_TF_VERSATILE_1",
        "CLOUD_HIGH_ACCURACY_1", "EFFICIENTNET", "YOLO", "CLOUD\u0000", 1, 99, -1, None, [], {}],
        ["MOBILE_TF_LOW_LATENCY_1", "MOBILE_TF_VERSATILE_1", "MODEL_TYPE_UNSPECIFIED", 1, None]),
    "vertex.models.export": (("outputConfig", "exportFormatId"), [
        "tflite", "core-ml", "tf-saved-model", "tf-js", "edgetpu-tflite", "custom-trained", "TORCHSCRIPT", "",
        "torchscript\u0000", "../torchscript", 5, None], ["TORCHSCRIPT"]),
}

BAD_JSON = [
    ("empty-object-brace", b"{"), ("close-brace", b"}"), ("unterminated-key", b'{"a"'),
    ("missing-value", b'{"displayName": }'), ("single-quotes", b"{'displayName': 'x'}"),
    ("trailing-comma", b'{"displayName": "x",}'), ("array-trailing-comma", b"[1,2,]"), ("nan", b"NaN"),
    ("nan-member", b'{"displayName": NaN}'), ("infinity-member", b'{"a": Infinity}'),
    ("leading-zero", b'{"a": 01}'), ("dot-number", b'{"a": 1.}'), ("leading-dot", b'{"a": .5}'),
    ("plus-number", b'{"a": +1}'), ("hex-number", b'{"a": 0x10}'), ("comment", b"/* c */ {}"),
    ("line-comment", b"{} // c"), ("bom", b"\xef\xbb\xbf{}"), ("invalid-utf8", b'{"displayName": "\xff\xfe"}'),
    ("lone-surrogate", b'{"displayName": "\\ud800"}'), ("low-surrogate-first", b'{"displayName": "\\udc00\\ud800"}'),
    ("raw-control", b'{"displayName": "a\x01b"}'), ("raw-nul", b'{"displayName": "a\x00b"}'),
    ("raw-newline", b'{"displayName": "a\nb"}'), ("bad-escape", b'{"displayName": "\\x41"}'),
    ("short-unicode-escape", b'{"displayName": "\\u12"}'), ("tru", b'{"a": tru}'), ("nulll", b'{"a": nulll}'),
    ("two-documents", b"{}{}"), ("trailing-garbage", b"{} x"), ("trailing-nul", b"{}\x00"), ("null", b"null"),
    ("string", b'"x"'), ("number", b"123"), ("true", b"true"), ("array", b"[]"),
    ("unterminated-string", b'{"displayName": "' + b"b" * 5000), ("whitespace-only-nbsp", b"\xc2\xa0"),
    ("nuls", b"\x00" * 100), ("empty-key-object", b'{"":1}'),
    ("duplicate-keys", b'{"displayName":"a","displayName":1}'), ("unclosed-arrays", b'{"a":[[[[[[[[[['),
    ("long-number", b'{"a": ' + b"1" * 100000 + b"}"), ("minus", b'{"a": -}'), ("exponent-no-digits", b'{"a": 1e}'),
    ("exponent-sign", b'{"a": 1e+}'), ("non-string-key", b"{1: 2}"),
    ("utf16", '{"displayName": "x"}'.encode("utf-16")),
    ("utf32", "{}".encode("utf-32")), ("gzip", zlib.compress(b'{"displayName": "x"}')), ("just-colon", b":"),
    ("nested-unclosed-object", b'{"a": {"b": {"c": '), ("escaped-nul", b'{"displayName": "\\u0000"}'),
    ("many-commas", b"[" + b"," * 10000 + b"]"), ("huge-whitespace", b" " * 500000 + b"{}"),
]

# gs:// URIs and local paths that try to leave the gs:// root. {b} is the seeded bucket.
ESCAPE_URIS = [
    "gs://{b}/../../secret.txt", "gs://{b}/a/../../../secret.txt", "gs://{b}/%2e%2e/%2e%2e/secret.txt",
    "gs://{b}/..%2F..%2Fsecret.txt", "gs://../secret.txt", "gs://{b}/..\\..\\secret.txt", "gs://{b}/a\r\nb",
    "gs://{b}/a\nb", "gs://{b}/import.csv\r\n", "gs://{b}/a%0d%0ab", "gs://{b}/a\u0000b", "gs://{b}//secret.txt",
    "gs://{b}/./import.csv", "gs:///etc/passwd", "gs://", "gs://{b}", "gs://{b}/", "/etc/passwd",
    "file:///etc/passwd", "file://localhost/etc/passwd", "../../../etc/passwd", "gs://BKT/x", "gs://{b}/" + "a" * 2000,
    "gs://{b}/import.csv?x#y", "GS://{b}/import.csv", "gs://{b}/link-out/secret.txt", "gs://link-bkt/secret.txt",
    "gs://link-bkt/../data/automl.sqlite", "gs://{b}/link-data/automl.sqlite", "gs://{b}/link-out/",
    "gs://link-bkt/", "gs://{b}/link-data/", "gs://{b}/.well-known/acme-challenge/x",
    "gs://{b}/\u202etxt.csv", "gs://{b}/../gcs/{b}/import.csv", "gs://{b}/img/../../../../../../proc/self/environ",
    "gs://{b}/%00", "gs://goog-bucket/x", "gs://1.2.3.4/x", "gs://{b}/.automl-upload-x", "gs://{b}/a/./../b",
    "http://127.0.0.1/x", "gs:/{b}/import.csv", "gs:{b}/import.csv", " gs://{b}/import.csv",
]

# Object names (decoded) that try to leave the bucket's folder or that Cloud Storage refuses.
BAD_OBJECT_NAMES = [
    "", ".", "..", "../secret.txt", "../../secret.txt", "a/../../secret.txt", "a/./b", "a//b", "/abs", "a/", "\r\nx",
    "a\rb", "a\nb", "a\u0000b", "a\\..\\b", ".well-known/acme-challenge/x", ".automl-upload-x", "x" * 1025,
    "\u00e9" * 600, "link-out/secret.txt", "link-out/../secret.txt", "img/../../../secret.txt",
    "link-data/automl.sqlite", "link-out/canary-write", "link-data/canary-write", "../escape-canary",
    "../../escape-canary", "\u202e",
    " ", "a b", "#", "?", "*", "[", "\u007f", "%2e%2e/x", "img/red0.png/..", "img/red0.png/../../secret.txt",
]

LEGAL_ODD_NAMES = {" ", "a b", "#", "?", "*", "[", "\u202e", "\u007f", "%2e%2e/x"}

BAD_BUCKETS = ["", "..", ".", "UPPER", "goog-x", "my-google-bkt", "a", "ab", "a" * 64, "1.2.3.4", "a..b", "-abc",
               "abc-", "with%2Fslash", "..%2F..", "link-bkt", "%00bkt", "b\u00e9t", "a_b", "a.b", "%2e%2e"]


# ---------------------------------------------------------------------------------------------------------------
# Categories: one generator each. Every generator takes (index, ctx, rng) and returns a Case.
# ---------------------------------------------------------------------------------------------------------------


def gen_baseline(index, ctx, rng):
    """A valid request on a random route: the control group (proves the seeded routes are reachable)."""
    route = rng.choice(ROUTES)
    case = Case(index, "baseline", route, ctx)
    case.kind = "valid " + route.name
    case.expect = "either"
    if route.name == "models.create" and rng.random() < 0.1:
        case.json = with_value(case.json, ("datasetId",), ctx.dataset)  # a real training now and then
    if route.name == "vertex.trainingPipelines.create" and rng.random() < 0.1:
        case.json = with_value(case.json, ("inputDataConfig", "datasetId"), ctx.vx_dataset)
    return case


def gen_bad_json(index, ctx, rng):
    """Syntactically broken JSON bodies (and truncated or bit-flipped valid ones)."""
    route = rng.choice(JSON_ROUTES)
    case = Case(index, "bad_json", route, ctx)
    valid = to_bytes(dump(case.json))
    choice = rng.random()
    if choice < 0.2:
        cut = rng.randrange(1, max(2, len(valid)))
        case.json, case.kind = valid[:cut], "truncated"
    elif choice < 0.35:
        position = rng.randrange(len(valid))
        flipped = bytes([rng.choice(b'{}[],:"\\ \x00\xff')])
        case.json, case.kind = valid[:position] + flipped + valid[position + 1:], "byte-flipped"
        case.expect = "either"  # a flipped byte inside a string can leave valid JSON
    else:
        case.kind, case.json = rng.choice(BAD_JSON)
        if case.kind in ("null", "empty-key-object"):
            case.expect = "either"  # null is the empty message
    case.desc = "bad JSON (%s) to %s" % (case.kind, route.name)
    return case


def gen_wrong_types(index, ctx, rng):
    """A field (or the whole body) of the wrong JSON type."""
    route = rng.choice([r for r in JSON_ROUTES if r.json(ctx)])
    case = Case(index, "wrong_types", route, ctx)
    positions = list(tree_paths(case.json))
    if rng.random() < 0.15 or not positions:
        value = rng.choice([[], "x", 1, True, [case.json], [{}]])
        case.json, case.kind = value, "top-level-" + json_kind(value)
    else:
        path, original = rng.choice(positions)
        value = rng.choice([v for v in WRONG_VALUES if json_kind(v) != json_kind(original)])
        case.json = with_value(case.json, path, value)
        case.kind = "%s-for-%s" % (json_kind(value), json_kind(original))
        integer = isinstance(value, int) and not isinstance(value, bool)
        int64 = isinstance(original, str) and original.isdigit()
        if value is None or integer and (path[-1] in ENUM_FIELDS or int64):
            case.expect = "either"  # null is the default; enums and int64 may be written as JSON numbers
        case.desc = "%s=%s" % (".".join(map(str, path)), dump(value)[:60])
    if route.family == "storage":
        case.expect = "either"
    return case


def numeric_positions(template):
    """Paths of fields that hold numbers or quoted numbers (int64 fields, params like score_threshold)."""
    found = []
    for path, value in tree_paths(template or {}):
        if isinstance(value, bool):
            continue
        if isinstance(value, (int, float)) or isinstance(value, str) and value.replace(".", "", 1).isdigit():
            found.append(path)
    return found


def gen_huge_numbers(index, ctx, rng):
    """Numbers JSON and int64 cannot hold, hex and other spellings, in bodies, query parameters and headers."""
    choice = rng.random()
    if choice < 0.45:
        route = rng.choice([ROUTE_BY_NAME[n] for n in ("models.create", "models.deploy", "models.predict",
                                                       "models.batchPredict", "vertex.trainingPipelines.create",
                                                       "vertex.endpoints.deployModel", "vertex.endpoints.predict")])
        case = Case(index, "huge_numbers", route, ctx)
        value, case.expect = rng.choice(HUGE_NUMBERS)
        if route.name == "vertex.endpoints.predict":
            # parameters is a free Value: numbers as JSON numbers (or strings, which it should refuse)
            key = rng.choice(["confidenceThreshold", "maxPredictions"])
            case.json = with_value(case.json, ("parameters", key), value)
            case.kind = "parameters." + key
        elif route.name == "models.predict":
            key = rng.choice(["score_threshold", "max_bounding_box_count"])
            case.json = with_value(case.json, ("params", key), value if isinstance(value, str) else dump(value))
            case.kind = "params." + key
        elif route.name == "models.batchPredict":
            case.json = with_value(case.json, ("params", "score_threshold"), dump(value) if not isinstance(value, str)
                                   else value)
            case.kind = "batchPredict params.score_threshold"
        else:
            path = rng.choice(numeric_positions(case.json))
            case.json = with_value(case.json, path, value)
            case.kind = path[-1]
        case.desc = "%s = %s" % (case.kind, dump(value)[:60])
    elif choice < 0.55:
        route = rng.choice([ROUTE_BY_NAME[n] for n in ("operations.wait", "vertex.operations.wait",
                                                       "vertex.ui.operations.wait")])
        case = Case(index, "huge_numbers", route, ctx)
        value = rng.choice(DURATIONS)
        if route.family == "vertex":  # WaitOperation's timeout is a query parameter in Vertex AI's binding
            case.query = [("timeout", value)]
        else:
            case.json = {"timeout": value}
        case.kind, case.desc = "wait timeout", "timeout = %r" % value
    elif choice < 0.8:
        route = rng.choice([ROUTE_BY_NAME[n] for n in ("datasets.list", "models.list", "operations.list",
                                                       "objects.list", "objects.get", "objects.media",
                                                       "upload.media", "modelEvaluations.list")]
                           + [r for r in LIST_ROUTES if r.family == "vertex"])
        case = Case(index, "huge_numbers", route, ctx)
        parameter = {"objects.list": "maxResults", "objects.get": "generation", "objects.media": "generation",
                     "upload.media": "ifGenerationMatch"}.get(route.name, "pageSize")
        value, case.expect = rng.choice(HUGE_NUMBERS)
        text = value.text if isinstance(value, Raw) else str(value)
        case.query = [(k, v) for k, v in case.query if k != parameter] + [(parameter, text)]
        case.kind, case.desc = "query " + parameter, "%s=%s" % (parameter, text[:60])
        if route.family == "storage" and parameter == "maxResults":
            case.expect = "either"  # Cloud Storage clamps maxResults
    else:
        case = storage_number_headers(index, ctx, rng)
    return case


def storage_number_headers(index, ctx, rng):
    """Huge and odd numbers in Range, Content-Range and X-Upload-Content-Length."""
    big = ["9223372036854775807", "9223372036854775808", "99999999999999999999", "-1", "0x10", "1e3",
           "18446744073709551615"]
    choice = rng.random()
    if choice < 0.4:
        route = ROUTE_BY_NAME["upload.resumable.put"]
        case = Case(index, "huge_numbers", route, ctx)
        a, b = rng.choice(big), rng.choice(big)
        value = rng.choice(["bytes 0-%s/*" % a, "bytes %s-%s/*" % (a, a), "bytes 0-9/%s" % a, "bytes */%s" % a,
                            "bytes %s-%s/%s" % (a, b, a), "bytes 0-9223372036854775807/*",
                            "bytes 9223372036854775806-9223372036854775807/9223372036854775807"])
        case.headers.append(("Content-Range", value))
        case.kind, case.desc = "Content-Range numbers", "Content-Range: " + value
    elif choice < 0.7:
        route = rng.choice([ROUTE_BY_NAME["objects.media"], ROUTE_BY_NAME["objects.download"]])
        case = Case(index, "huge_numbers", route, ctx)
        a = rng.choice(big)
        value = rng.choice(["bytes=%s-" % a, "bytes=-%s" % a, "bytes=0-%s" % a, "bytes=%s-%s" % (a, a), "bytes=-0",
                            "bytes=5-1", "bytes=-9223372036854775808"])
        case.headers.append(("Range", value))
        case.kind, case.desc, case.expect = "Range numbers", "Range: " + value, "either"
    else:
        route = ROUTE_BY_NAME["upload.resumable"]
        case = Case(index, "huge_numbers", route, ctx)
        value = rng.choice(big)
        case.headers.append(("X-Upload-Content-Length", value))
        case.kind, case.desc, case.expect = "X-Upload-Content-Length", "X-Upload-Content-Length: " + value, "either"
    return case


def gen_deep_nesting(index, ctx, rng):
    """Nesting far beyond any sane depth: bodies, fields, storage JSON, filters."""
    choice = rng.random()
    if choice < 0.2:
        route = rng.choice([r for r in LIST_ROUTES if r.family in ("v1", "vertex")])
        case = Case(index, "deep_nesting", route, ctx)
        depth = rng.choice([1000, 5000, 20000])
        shape = rng.choice(["parens", "not", "and"])
        if shape == "parens":
            value = "(" * depth + "done=true" + ")" * depth
        elif shape == "not":
            value = "NOT " * depth + "done=true"
        else:
            value = " AND ".join(["done=true"] * depth)
        case.query = [(k, v) for k, v in case.query if k != "filter"] + [("filter", value)]
        case.kind, case.desc = "filter " + shape, "filter of %s nested %d deep" % (shape, depth)
        return case
    route = rng.choice(JSON_ROUTES)
    case = Case(index, "deep_nesting", route, ctx)
    depth = rng.choice([513, 600, 10000, 100000] + ([1000000] if route.family == "storage" else []))
    shape = rng.choice(["array", "object"])
    where = rng.random()
    if where < 0.4 or not list(tree_paths(case.json)):
        case.json = Raw(nested(depth, shape))
        case.kind = "top-level " + shape
    elif where < 0.8:
        path, _ = rng.choice(list(tree_paths(case.json)))
        case.json = with_value(case.json, path, Raw(nested(depth, shape)))
        case.kind = "field " + shape
    else:
        case.json = Raw("[" * depth)  # never closed
        case.kind = "unclosed"
    case.desc = "%s nested %d deep" % (case.kind, depth)
    if route.family == "storage" and case.kind.startswith("field"):
        case.expect = "either"
    return case


def gen_unknown_fields(index, ctx, rng):
    """Members that are not fields of the message, and enum values that do not exist."""
    route = rng.choice(JSON_ROUTES)
    case = Case(index, "unknown_fields", route, ctx)
    choice = rng.random()
    if choice < 0.15:
        case.json = dict(case.json) if isinstance(case.json, dict) else {}
        for number in range(rng.choice([100, 5000, 50000])):
            case.json["unknown%d" % number] = number
        case.kind = "many unknown members"
    elif choice < 0.3 and route.name in ("datasets.create", "models.create", "models.export"):
        enum_paths = {"datasets.create": ("imageClassificationDatasetMetadata", "classificationType"),
                      "models.create": ("imageClassificationModelMetadata", "modelType"),
                      "models.export": ("outputConfig", "modelFormat")}
        value = rng.choice(["FOO", "", "../..", "multiclass", 99, -1, 2 ** 40, "CLASSIFICATION_TYPE_UNSPECIFIED",
                            "tflite", "core_ml", "mobile-low-latency-1", "cloud\u0000", "\u00e9"])
        case.json = with_value(case.json, enum_paths[route.name], value)
        case.kind = "enum value"
        case.expect = "either" if value in ("mobile-low-latency-1", 99) else "invalid"
    elif choice < 0.3 and route.name in VERTEX_NAMED_VALUES:
        # Vertex AI names its kinds with strings (schema URIs, model types in a free Value, export format IDs)
        path, values, valid = VERTEX_NAMED_VALUES[route.name]
        value = rng.choice(values)
        case.json = with_value(case.json, path, value)
        case.kind = "named value " + path[-1]
        case.expect = "either" if value in valid else "invalid"
    else:
        label, key = rng.choice(UNKNOWN_KEYS)
        places = [p for p in objects_in(case.json) if not p or p[-1] not in MAP_FIELDS]
        place = rng.choice(places) if places else ()
        value = rng.choice([1, "x", None, {}, [], {"nested": True}])
        case.json = with_value(case.json, place + (key,), value)
        case.kind = "unknown member " + label
        case.desc = "member %r at %s" % (key[:30], ".".join(map(str, place)) or "body")
    if route.family == "storage":
        case.expect = "either"  # Cloud Storage ignores members it does not know
    return case


def gen_bad_names(index, ctx, rng):
    """Bad IDs, project and location names, percent-encoding and query strings."""
    choice = rng.random()
    if choice < 0.55:
        route = rng.choice([r for r in ROUTES if "{" in r.path])
        case = Case(index, "bad_names", route, ctx)
        keys = re.findall(r"\{(\w+)\}", route.path)
        key = rng.choice(keys)
        label, value, case.expect = rng.choice(BAD_SEGMENTS)
        if key in ("p", "pn", "l") and case.expect == "invalid" and label not in (
                "empty", "nul", "nul-inside", "crlf", "lf", "bad-percent", "overlong-utf8-slash", "invalid-utf8"):
            case.expect = "either"  # any project and location ID is accepted here (docs/emulator.md)
        case.set_value(key, value)
        case.kind, case.desc = "segment %s %s" % (key, label), "{%s} = %r" % (key, value[:40])
    elif choice < 0.65:
        route = rng.choice([r for r in ROUTES if any("{%s}" % k in r.path for k in ("ds", "m", "vds", "vm", "ve"))])
        case = Case(index, "bad_names", route, ctx)
        if "{ds}" in route.path:
            case.set_value("ds", rng.choice([ctx.model, ctx.operation, ctx.spec, ctx.evaluation]))
        elif "{m}" in route.path:
            case.set_value("m", rng.choice([ctx.dataset, ctx.operation, ctx.evaluation]))
        else:
            # Vertex AI IDs all look alike (19 digits): another kind's ID, or a v1 ID, must be NOT_FOUND
            key = rng.choice([k for k in ("vds", "vm", "ve") if "{%s}" % k in route.path])
            others = {"vds": [ctx.vx_model, ctx.vx_endpoint, ctx.vx_pipeline, ctx.vx_evaluation, ctx.vx_operation,
                              ctx.dataset],
                      "vm": [ctx.vx_dataset, ctx.vx_endpoint, ctx.vx_pipeline, ctx.vx_evaluation, ctx.vx_slice,
                             ctx.model],
                      "ve": [ctx.vx_dataset, ctx.vx_model, ctx.vx_pipeline, ctx.vx_endpoint_operation,
                             ctx.deploy_model]}[key]
            case.set_value(key, rng.choice(others))
        case.kind, case.desc = "ID of another kind", "an ID of another resource kind in " + route.name
    elif choice < 0.8:
        route = rng.choice([r for r in ROUTES if r.query] + UPLOAD_ROUTES)
        case = Case(index, "bad_names", route, ctx)
        name = rng.choice([k for k, _ in case.query])
        raw = rng.choice(["%zz", "%", "%00", "%C0%AF", "%FF", "%0D%0A", "a%26b%3Dc", "x" * 20000, "%2e%2e%2f",
                          "%E2%80%AE", "+++", "%2B", "\u00e9"])
        rest = encode_query([(k, v) for k, v in case.query if k != name])
        case.raw_query = (rest + "&" if rest else "") + name + "=" + raw
        case.kind, case.desc = "query value encoding", "%s=%s" % (name, raw[:40])
        case.expect = "either"
    elif choice < 0.9:
        route = rng.choice([r for r in ROUTES if r.query])
        case = Case(index, "bad_names", route, ctx)
        base = encode_query(case.query)
        shape = rng.choice(["repeat", "no-equals", "ampersands", "empty-name", "many", "semicolons", "pageToken"])
        case.raw_query = {
            "repeat": base + "&" + base, "no-equals": base + "&flag", "ampersands": "&&&" + base + "&&&",
            "empty-name": base + "&=x", "many": base + "".join("&p%d=%d" % (i, i) for i in range(5000)),
            "semicolons": base.replace("&", ";"), "pageToken": base + "&pageToken=" + rng.choice(
                ["garbage", "%00", "A" * 10000, pct(base64.b64encode(b"../../x").decode()), "====", "-1"]),
        }[shape]
        case.kind, case.desc, case.expect = "query shape " + shape, "query: " + case.raw_query[:60], "either"
        if shape == "pageToken" and route.name.endswith(".list"):
            case.expect = "invalid"  # a page token the server never issued
    else:
        route = rng.choice([ROUTE_BY_NAME[n] for n in ("buckets.get", "objects.list", "buckets.insert")])
        case = Case(index, "bad_names", route, ctx)
        bucket = rng.choice(BAD_BUCKETS)
        if route.name == "buckets.insert":
            case.json = {"name": urllib.parse.unquote(bucket)}
        else:
            case.set_value("bkt", bucket)
        case.kind, case.desc = "bucket name", "bucket %r" % bucket
        case.expect = "either" if bucket in ("a_b", "a.b") else "invalid"
    return case


def gen_path_escapes(index, ctx, rng):
    """`..`, encoded separators, symlinks and CR/LF: in gs:// URIs, object names, buckets and URL paths."""
    choice = rng.random()
    if choice < 0.4:
        route = rng.choice(GCS_ROUTES)
        case = Case(index, "path_escapes", route, ctx)
        uri = rng.choice(ESCAPE_URIS).replace("{b}", ctx.bucket)
        # Storage paths only: Vertex AI's schema URIs are gs:// too, but names compared as text, never read
        positions = [p for p, v in tree_paths(case.json) if isinstance(v, str) and v.startswith("gs://")
                     and not v.startswith(VERTEX_SCHEMA)]
        path = rng.choice(positions)
        case.json = with_value(case.json, path, uri)
        case.kind, case.desc = "gs:// URI in " + route.name, "%s = %r" % (".".join(map(str, path)), uri)
        if uri.endswith("import.csv?x#y") or uri in ("gs://%s" % ctx.bucket, "gs://%s/" % ctx.bucket):
            case.expect = "either"  # '?' and '#' are legal in object names; a bucket alone is a fine prefix
    elif choice < 0.65:
        route = rng.choice(OBJECT_ROUTES + [ROUTE_BY_NAME["upload.media"], ROUTE_BY_NAME["upload.multipart"],
                                            ROUTE_BY_NAME["upload.resumable"]])
        case = Case(index, "path_escapes", route, ctx)
        name = rng.choice(BAD_OBJECT_NAMES)
        if route in OBJECT_ROUTES:
            key = "obj_victim" if "{obj_victim}" in route.path else "obj"
            encoded = pct(name) if rng.random() < 0.7 else name.replace("\r", "%0D").replace("\n", "%0A")
            case.set_value(key, encoded)
        elif route.name == "upload.multipart":
            case.json = dict(case.json, name=name)
        else:
            case.query = [(k, v) for k, v in case.query if k != "name"] + [("name", name)]
            if route.name == "upload.resumable":
                case.json = dict(case.json, name=name)
        case.kind, case.desc = "object name in " + route.name, "object name %r" % name[:60]
        if name in LEGAL_ODD_NAMES:
            case.expect = "either"  # Cloud Storage allows these names (it only discourages them)
    elif choice < 0.82:
        route = rng.choice(ROUTES)
        case = Case(index, "path_escapes", route, ctx)
        path = fill(route.path, case.values)
        escape = rng.choice(["/../../storage/v1/b/" + ctx.bucket, "/%2e%2e/%2e%2e/", "/..%2f..%2f", "/./",
                             "//", "/%2F", "/..;/", "\\..\\", "/%5c..%5c", "/.%2e/", "/%c0%ae%c0%ae/",
                             "/../../../../../../etc/passwd", "/..%00/"])
        cut = rng.choice([i for i, c in enumerate(path) if c == "/"] + [len(path)])
        case.path = path[:cut] + escape + path[cut:].lstrip("/")
        case.kind, case.desc = "URL path escape", "path %s" % case.path[:100]
        case.expect = "either" if escape in ("/./", "//") else "invalid"
    elif choice < 0.9:
        route = rng.choice([ROUTE_BY_NAME["buckets.get"], ROUTE_BY_NAME["objects.list"]])
        case = Case(index, "path_escapes", route, ctx)
        bucket = rng.choice(["link-bkt", "..", "%2e%2e", "gcs", "%2E%2E%2Foutside"])
        case.set_value("bkt", bucket)
        case.kind, case.desc = "bucket escape", "bucket %r" % bucket
        if bucket == "link-bkt":
            case.expect = "either"  # a folder under the root is a bucket; what its link points at must stay unread
    else:
        route = rng.choice([ROUTE_BY_NAME["objects.get"], ROUTE_BY_NAME["objects.media"],
                            ROUTE_BY_NAME["objects.download"]])
        case = Case(index, "path_escapes", route, ctx)
        bucket, obj = rng.choice([("link-bkt", "secret.txt"), ("link-bkt", pct("../data/automl.sqlite")),
                                  ("..", "secret.txt"), ("%2e%2e", "secret.txt"),
                                  (ctx.bucket, pct("link-out/secret.txt")),
                                  (ctx.bucket, "link-data%2Fautoml.sqlite"), ("gcs", "secret.txt"),
                                  (ctx.bucket, "link-out"), (ctx.bucket, "link-data")])
        case.set_value("bkt", bucket)
        case.set_value("obj", obj)
        case.kind, case.desc = "symlink or bucket escape", "bucket %r object %r" % (bucket, obj)
    return case


def gen_oversized(index, ctx, rng):
    """Bodies over the limits: sent whole, announced and not sent, chunked; and near-limit bodies."""
    choice = rng.random()
    v1_posts = [r for r in ROUTES if r.family in ("v1", "vertex") and r.method == "POST"
                and not r.path.endswith(":predict")]  # the 1 MiB limit (predict has 32 MiB)
    predicts = [ROUTE_BY_NAME["models.predict"], ROUTE_BY_NAME["vertex.endpoints.predict"]]
    if choice < 0.2:
        route = rng.choice(v1_posts)
        case = Case(index, "oversized", route, ctx)
        filler = V1_BODY_LIMIT + rng.choice([1, 100, 65536])
        case.body = b'{"displayName": "' + b"a" * filler + b'"}'
        case.content_type = "application/json"
        case.kind, case.desc = "v1 body over 1 MiB", "%d-byte body" % len(case.body)
    elif choice < 0.4:
        route = rng.choice(ROUTES)
        case = Case(index, "oversized", route, ctx)
        limit = PREDICT_BODY_LIMIT if route.path.endswith(":predict") else (
            UPLOAD_BODY_LIMIT if route.path.startswith("/upload/") else V1_BODY_LIMIT)
        announced = rng.choice([limit + 1, 2 ** 31, 2 ** 40, 2 ** 62])
        case.headers.append(("Content-Length", str(announced)))
        case.body, case.content_type = b'{"displayName": "' + b"a" * 100, "application/json"
        case.auto_length = False
        case.kind, case.desc = "announced over the limit", "Content-Length: %d, 118 bytes sent" % announced
    elif choice < 0.55:
        route = rng.choice(v1_posts)
        case = Case(index, "oversized", route, ctx)
        case.body = b'{"displayName": "' + b"a" * (V1_BODY_LIMIT + 10) + b'"}'
        case.content_type = "application/json"
        case.chunked = True
        case.kind, case.desc = "chunked over 1 MiB", "chunked %d bytes" % len(case.body)
    elif choice < 0.62:
        route = rng.choice(predicts)
        case = Case(index, "oversized", route, ctx)
        prefix = b'{"payload": {"image": {"imageBytes": "' if route.family == "v1" else b'{"instances": [{"content": "'
        case.body = BigBody(PREDICT_BODY_LIMIT + 1, prefix=prefix)
        case.content_type = "application/json"
        case.kind, case.desc = "predict over 32 MiB", "%d-byte body sent whole" % (PREDICT_BODY_LIMIT + 1)
        case.timeout = 120
    elif choice < 0.67:
        route = rng.choice(predicts)
        case = Case(index, "oversized", route, ctx)
        garbage = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(1 << 16)) * 300).decode()
        if route.family == "v1":
            case.json = {"payload": {"image": {"imageBytes": garbage}}}
        else:  # over Vertex AI's 1.5 MB an instance, in one instance or in pieces of 32
            pieces = rng.choice([1, 32])
            size = len(garbage) // pieces
            case.json = {"instances": [{"content": garbage[i * size:(i + 1) * size]} for i in range(pieces)]}
        case.kind, case.desc = "predict near 32 MiB of garbage image", "%d bytes of base64" % len(garbage)
        case.timeout = 120
    elif choice < 0.77:
        route = rng.choice([r for r in ROUTES if r.method == "GET"])
        case = Case(index, "oversized", route, ctx)
        case.body, case.content_type = b"x" * (V1_BODY_LIMIT + 1), "application/octet-stream"
        case.kind, case.desc, case.expect = "GET with a body over 1 MiB", "GET with a 1 MiB + 1 body", "invalid"
    elif choice < 0.85:
        route = rng.choice(JSON_ROUTES)
        case = Case(index, "oversized", route, ctx)
        body = to_bytes(dump(case.json))
        case.body, case.content_type = body, "application/json"
        case.chunked, case.chunk_sizes = True, [1]
        case.kind, case.desc, case.expect = "one-byte chunks", "%d one-byte chunks" % len(body), "either"
    elif choice < 0.93:
        route = rng.choice([ROUTE_BY_NAME["datasets.importData"], ROUTE_BY_NAME["vertex.datasets.import"]])
        case = Case(index, "oversized", route, ctx)
        count = rng.choice([10000, 60000])
        uris = ["gs://%s/n%d.csv" % (ctx.bucket, i) for i in range(count)]
        if route.family == "v1":
            case.json = {"inputConfig": {"gcsSource": {"inputUris": uris}}}
        else:
            case.json = with_value(case.json, ("importConfigs", 0, "gcsSource", "uris"), uris)
        case.kind, case.desc, case.expect = "many URIs", "%d URIs" % count, "either"
    else:
        route = ROUTE_BY_NAME["upload.media"]
        case = Case(index, "oversized", route, ctx)
        case.body = BigBody(20 << 20, fill=b"z")
        case.content_type = "application/octet-stream"
        case.kind, case.desc, case.expect = "20 MiB upload", "a valid 20 MiB media upload", "either"
        case.timeout = 120
    return case


ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "PURGE",
               "SEARCH", "REPORT", "LOCK", "UNLOCK", "COPY", "MOVE", "LINK", "UNLINK", "QUERY"]
MALFORMED_METHODS = ["CONNECT", "FOO", "get", "G\x00T", "A" * 100, "GET GET", "POST\t", "\u00e9"]


def gen_wrong_methods(index, ctx, rng):
    """Methods a path does not have (never DELETE on a seeded resource: only paths' own methods are real)."""
    route = rng.choice(ROUTES)
    case = Case(index, "wrong_methods", route, ctx)
    if rng.random() < 0.15:
        case.method = rng.choice(MALFORMED_METHODS)
        case.framing_ok = False
        case.kind = "malformed method"
    else:
        case.method = rng.choice([m for m in ALL_METHODS if m not in route.methods])
        case.kind = "method " + case.method
    if route.setup:
        case.overridden.update(route.setup)  # no victim needed: nothing may be deleted by a wrong method
    if rng.random() < 0.5:
        case.json = None
        case.body = None
    case.desc = "%s %s" % (case.method[:20], route.name)
    return case


# Host headers, and whether a refusal is expected (a non-loopback or unparseable name) or either answer is fine.
BAD_HOSTS = [
    ("evil.example", "invalid"), ("127.0.0.1.evil.example", "invalid"), ("localhost:abc", "invalid"),
    ("[::1", "invalid"), ("127.0.0.1:80:80", "invalid"), ("", "invalid"), (" ", "invalid"), ("LOCALHOST", "either"),
    ("127.000.000.001", "either"), ("0x7f.0.0.1", "invalid"), ("2130706433", "invalid"), ("127.1", "invalid"),
    ("[::ffff:127.0.0.1]", "either"), ("localhost.", "either"), ("127.0.0.1:" + "9" * 30, "either"),
    ("127.0.0.1\u0000", "invalid"), ("\u0661\u0662\u0667.0.0.1", "invalid"), ("127.0.0.1:\u0668\u0660", "invalid"),
    ("a" * 5000, "invalid"), ("localhost@evil", "invalid"), ("[::1]:80", "either"), ("127.255.255.254", "either"),
]


def gen_header_abuse(index, ctx, rng):
    """Huge and many headers, Content-Length and Transfer-Encoding tricks, bad Host and Origin, odd bytes."""
    route = rng.choice(ROUTES)
    case = Case(index, "header_abuse", route, ctx)
    if route.setup:
        case.overridden.update(route.setup)
    shape = rng.choice(["huge-header", "big-header", "many-headers", "dup-cl-same", "dup-cl-diff", "bad-cl", "te-cl",
                        "te-tricks", "no-host", "bad-host", "two-hosts", "origin", "nul-in-value", "obs-text",
                        "space-in-name", "no-colon", "obs-fold", "bare-lf", "cr-only", "expect", "upgrade",
                        "method-override", "content-type", "connection-keepalive", "long-header-name",
                        "many-cookies", "x-forwarded"])
    case.kind = shape
    body, _ = case.body_bytes(ctx)
    body = body if isinstance(body, bytes) else b""
    if shape == "huge-header":
        case.headers.append(("X-Huge", "a" * rng.choice([100000, 1000000])))
        case.framing_ok = False  # over any sane header limit: a bare 400 or a close is fine
    elif shape == "big-header":
        case.headers.append(("X-Big", "b" * rng.choice([4000, 8000, 16000])))
    elif shape == "many-headers":
        count = rng.choice([100, 1000, 10000])
        case.headers += [("X-H%d" % i, "v") for i in range(count)]
        case.framing_ok = count <= 100
    elif shape == "dup-cl-same":
        case.auto_length = False
        case.headers += [("Content-Length", str(len(body))), ("Content-Length", str(len(body)))]
        case.framing_ok = False
    elif shape == "dup-cl-diff":
        case.auto_length = False
        case.headers += [("Content-Length", str(len(body))), ("Content-Length", str(len(body) + 5))]
        case.framing_ok, case.half_close = False, True
    elif shape == "bad-cl":
        case.auto_length = False
        value = rng.choice(["-1", "abc", "1e3", "99999999999999999999999", " 5", "+5", "0x10", "5,5", "", "\u0665"])
        case.headers.append(("Content-Length", value))
        case.framing_ok, case.half_close = False, True
        case.kind = "bad-cl %r" % value
    elif shape == "te-cl":
        case.auto_length = False
        case.headers += [("Content-Length", str(len(body) + 3)), ("Transfer-Encoding", "chunked")]
        case.body = chunk_encode(body) if body else b"0\r\n\r\n"
        case.framing_ok, case.half_close = False, True
    elif shape == "te-tricks":
        value = rng.choice(["gzip, chunked", "chunked, identity", "xchunked", "chunked\t", "identity", "CHUNKED",
                            "chunked, chunked", "compress", " chunked"])
        case.auto_length = False
        case.headers.append(("Transfer-Encoding", value))
        case.body = chunk_encode(body) if body else b"0\r\n\r\n"
        case.framing_ok, case.half_close = False, True
        case.kind = "te %r" % value
    elif shape == "no-host":
        case.host = None
    elif shape == "bad-host":
        case.host, case.expect = rng.choice(BAD_HOSTS)
        case.kind = "bad-host %r" % case.host[:30]
    elif shape == "two-hosts":
        case.host = None
        order = rng.choice([("evil.example", "127.0.0.1"), ("127.0.0.1", "evil.example")])
        case.headers += [("Host", order[0]), ("Host", order[1])]
        case.framing_ok = False  # RFC 9112: a request with two Host headers gets 400
    elif shape == "origin":
        case.headers.append(("Origin", rng.choice(["http://evil.example", "null", "http://127.0.0.1", "file://"])))
    elif shape == "nul-in-value":
        case.headers.append(("X-Nul", b"a\x00b"))
        case.framing_ok = False
    elif shape == "obs-text":
        case.headers.append(("X-Obs", b"\x80\xff\xfe caf\xc3\xa9"))
    elif shape == "space-in-name":
        case.headers.append(("X Bad", "1"))
        case.framing_ok = False
    elif shape == "no-colon":
        case.headers.append((None, b"NoColonHere"))
        case.framing_ok = False
    elif shape == "obs-fold":
        case.headers.append(("X-Fold", "a\r\n  folded"))
        case.framing_ok = False
    elif shape == "bare-lf":
        case.raw = (b"GET {TARGET} HTTP/1.1\nHost: {HOSTPORT}\nAuthorization: Bearer {TOKEN}\nConnection: close\n\n")
        case.method = "GET"
        case.framing_ok = False
    elif shape == "cr-only":
        case.headers.append(("X-CR", b"a\rb"))
        case.framing_ok = False
    elif shape == "expect":
        case.headers.append(("Expect", rng.choice(["100-continue", "garbage", "200-ok"])))
    elif shape == "upgrade":
        case.headers += [("Upgrade", rng.choice(["websocket", "h2c", "HTTP/2.0"])), ("Connection", "Upgrade")]
    elif shape == "method-override":
        case.headers += [("X-HTTP-Method-Override", "DELETE"), ("X-HTTP-Method", "DELETE")]
    elif shape == "content-type":
        case.headers.append(("Content-Type", rng.choice(["application/json; charset=utf-16", "text/plain", "garbage",
                                                         "multipart/related; boundary=", "a" * 10000,
                                                         "application/x-www-form-urlencoded"])))
    elif shape == "connection-keepalive":
        case.close = False
        case.headers.append(("Connection", rng.choice(["keep-alive", "close, keep-alive", "TE, close", "foo"])))
        case.half_close = False
    elif shape == "long-header-name":
        case.headers.append(("X-" + "N" * 20000, "v"))
        case.framing_ok = False
    elif shape == "many-cookies":
        case.headers.append(("Cookie", "; ".join("c%d=%d" % (i, i) for i in range(3000))))
    else:
        case.headers += [("X-Forwarded-For", "8.8.8.8"), ("Forwarded", "for=8.8.8.8;host=evil.example"),
                         ("X-Real-IP", "8.8.8.8")]
    # Only a missing or foreign Host, an Origin and a non-loopback Host must be refused; other abuse of an
    # otherwise valid request may be served.
    if shape not in ("no-host", "origin", "bad-host"):
        case.expect = "either"
    case.desc = case.desc or "%s on %s" % (case.kind, route.name)
    return case


def gen_framing(index, ctx, rng):
    """Request lines, versions, targets, chunked coding and pipelining."""
    route = rng.choice([r for r in ROUTES if not r.setup])
    case = Case(index, "framing", route, ctx)
    case.expect = "either"  # this category is about the HTTP layer: the request itself may well be valid
    shape = rng.choice(["http09", "http10", "http10-keepalive", "http2-version", "http-bad-version", "double-space",
                        "tab-separated", "nul-in-line", "space-in-path", "raw-high-bytes", "no-leading-slash",
                        "absolute-form", "asterisk", "long-url", "leading-crlf", "chunked-valid",
                        "chunked-bad-size", "chunked-overflow", "chunked-extension", "chunked-no-crlf",
                        "chunked-trailer", "chunked-unterminated", "body-longer-than-cl", "body-shorter-than-cl",
                        "pipelined", "pipelined-garbage", "fragment"])
    case.kind = shape
    target = b"{TARGET}"
    tail = b"Host: {HOSTPORT}\r\nAuthorization: Bearer {TOKEN}\r\nConnection: close\r\n\r\n"
    method = case.method.encode()
    body, content_type = case.body_bytes(ctx)
    body = body if isinstance(body, bytes) else b""
    typed = b"Content-Type: %s\r\n" % to_bytes(content_type) if content_type else b""
    if shape == "http09":
        case.raw, case.framing_ok = b"GET " + target + b"\r\n", False
    elif shape == "http10":
        case.raw = method + b" " + target + b" HTTP/1.0\r\nHost: {HOSTPORT}\r\nAuthorization: Bearer "\
            b"{TOKEN}\r\n" + typed + b"Content-Length: %d\r\n\r\n" % len(body) + body
    elif shape == "http10-keepalive":
        case.raw = method + b" " + target + b" HTTP/1.0\r\nHost: {HOSTPORT}\r\nConnection: keep-alive\r\n"\
            b"Authorization: Bearer {TOKEN}\r\n" + typed + b"Content-Length: %d\r\n\r\n" % len(body) + body
    elif shape == "http2-version":
        case.raw, case.framing_ok = method + b" " + target + b" HTTP/2.0\r\n" + tail, False
    elif shape == "http-bad-version":
        version = rng.choice([b"HTTP/9.9", b"HTTP/1.1x", b"HTTP/1", b"http/1.1", b"HTTP/01.1", b"HTTP/1.10",
                              b"FOO/1.1"])
        case.raw, case.framing_ok = method + b" " + target + b" " + version + b"\r\n" + tail, False
        case.kind = "version %s" % version.decode()
    elif shape == "double-space":
        case.raw, case.framing_ok = method + b"  " + target + b"  HTTP/1.1\r\n" + tail, False
    elif shape == "tab-separated":
        case.raw, case.framing_ok = method + b"\t" + target + b"\tHTTP/1.1\r\n" + tail, False
    elif shape == "nul-in-line":
        case.raw, case.framing_ok = method + b" " + target + b"\x00 HTTP/1.1\r\n" + tail, False
    elif shape == "space-in-path":
        case.raw, case.framing_ok = method + b" /v1/projects/a b/locations HTTP/1.1\r\n" + tail, False
    elif shape == "raw-high-bytes":
        case.raw, case.framing_ok = method + b" /v1/projects/\xff\xfe\x80/locations HTTP/1.1\r\n" + tail, False
    elif shape == "no-leading-slash":
        case.raw, case.framing_ok = method + b" " + case.target().lstrip(b"/") + b" HTTP/1.1\r\n" + tail, False
    elif shape == "absolute-form":
        case.raw = method + b" http://evil.example" + target + b" HTTP/1.1\r\n" + tail  # allowed by RFC 9112
    elif shape == "asterisk":
        case.raw, case.framing_ok = b"OPTIONS * HTTP/1.1\r\n" + tail, True
        case.method = "OPTIONS"
    elif shape == "long-url":
        size = rng.choice([9000, 70000, 1000000])
        case.raw = method + b" " + target + b"?pad=" + b"x" * size + b" HTTP/1.1\r\n" + tail
        case.framing_ok = size <= 9000
    elif shape == "leading-crlf":
        case.raw = b"\r\n\r\n" + method + b" " + target + b" HTTP/1.1\r\n" + typed + \
            b"Content-Length: %d\r\n" % len(body) + tail + body
        case.framing_ok = False  # RFC 9112 says SHOULD ignore the empty lines; a refusal is fine too
    elif shape.startswith("chunked"):
        case.method = "POST"
        chunks = {
            "chunked-valid": chunk_encode(body or b"{}", [7]),
            "chunked-bad-size": b"zz\r\n{}\r\n0\r\n\r\n",
            "chunked-overflow": b"ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
            "chunked-extension": b"2;name=value;x=\"q\"\r\n{}\r\n0\r\n\r\n",
            "chunked-no-crlf": b"2\r\n{}0\r\n\r\n",
            "chunked-trailer": b"2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n",
            "chunked-unterminated": b"2\r\n{}\r\n",
        }[shape]
        case.raw = b"POST " + target + b" HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n"\
            + tail + chunks
        case.framing_ok = shape in ("chunked-valid", "chunked-extension", "chunked-trailer")
        case.half_close = not case.framing_ok
    elif shape == "body-longer-than-cl":
        case.raw = method + b" " + target + b" HTTP/1.1\r\n" + typed + b"Content-Length: %d\r\n" % len(body) + \
            tail + body + b"GARBAGE AFTER THE BODY\r\n\r\n"  # the first answer counts
    elif shape == "body-shorter-than-cl":
        case.raw = method + b" " + target + b" HTTP/1.1\r\n" + typed + b"Content-Length: %d\r\n" % (len(body) + 50) + \
            tail + body
        case.framing_ok, case.half_close = False, True
    elif shape == "pipelined":
        first = b"GET /v1/projects/{P}/locations/{L}/datasets HTTP/1.1\r\nHost: {HOSTPORT}\r\n" \
                b"Authorization: Bearer {TOKEN}\r\n\r\n"
        first = first.replace(b"{P}", pct(ctx.project).encode()).replace(b"{L}", pct(ctx.location).encode())
        case.raw = first + method + b" " + target + b" HTTP/1.1\r\n" + typed + \
            b"Content-Length: %d\r\n" % len(body) + tail + body
        case.responses = 2
    elif shape == "pipelined-garbage":
        case.raw = b"GET /v1/projects/p/locations/l/datasets HTTP/1.1\r\nHost: {HOSTPORT}\r\n" \
                   b"Authorization: Bearer {TOKEN}\r\n\r\nGARBAGE\r\n\r\n"
        case.framing_ok = False
    else:
        case.raw = method + b" " + target + b"#fragment HTTP/1.1\r\n" + typed + \
            b"Content-Length: %d\r\n" % len(body) + tail + body
        case.framing_ok = False
    if case.raw is not None and case.raw.startswith(b"HEAD"):
        case.method = "HEAD"
    case.desc = "%s on %s" % (shape, route.name)
    return case


def gen_storage_protocol(index, ctx, rng):
    """Ranges, Content-Range, multipart structure, upload sessions, preconditions, listing parameters."""
    shapes = ["range", "content-range", "multipart", "upload-id", "precondition", "listing", "alt", "goog-hash",
              "upload-type", "media-name", "resumable-total", "quadratic"]
    # The quadratic multipart case costs seconds of the backend's CPU each time (debug build): keep it rare.
    shape = rng.choices(shapes, [1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0.2])[0]
    if shape == "range":
        route = rng.choice([ROUTE_BY_NAME["objects.media"], ROUTE_BY_NAME["objects.download"]])
        case = Case(index, "storage_protocol", route, ctx)
        value = rng.choice(["bytes=0-0,1-1", "bytes=", "bytes=a-b", "items=0-1", "bytes=-", "bytes=10-5",
                            "bytes=999999-", "bytes=0-", "bytes=-1", "bytes = 0-1", "bytes=0-1;x", "bytes=--1",
                            "bytes=0-" + "9" * 50, "bytes=" + ",".join("%d-%d" % (i, i) for i in range(2000))])
        case.headers.append(("Range", value))
        case.kind, case.desc, case.expect = "Range", "Range: " + value[:60], "either"
    elif shape == "content-range":
        route = ROUTE_BY_NAME["upload.resumable.put"]
        case = Case(index, "storage_protocol", route, ctx)
        value = rng.choice(["bytes 0-9/10", "bytes 0-9/*", "bytes */*", "bytes */10", "bytes 5-14/15", "bytes 10-5/3",
                            "bytes -1-5/10", "bytes 0-9/5", "bytes */-1", "bytes 0-9/-1", "bytes a-b/c", "bytes",
                            "bytes 0-9", "items 0-9/10", "bytes 0-0/0", "bytes */0", "bytes 0-99/100", ""])
        case.headers.append(("Content-Range", value))
        case.kind, case.desc, case.expect = "Content-Range", "Content-Range: %r" % value, "either"
    elif shape == "multipart":
        route = ROUTE_BY_NAME["upload.multipart"]
        case = Case(index, "storage_protocol", route, ctx)
        meta = b'{"name": "h/mp.bin"}'
        related = "multipart/related; boundary=b"
        variants = {
            "no-boundary": (b"--x\r\n\r\n{}\r\n--x--", "multipart/related"),
            "empty-boundary": (b"--\r\n\r\n{}\r\n----", 'multipart/related; boundary=""'),
            "one-part": (b"--b\r\nContent-Type: application/json\r\n\r\n" + meta + b"\r\n--b--", related),
            "three-parts": (b"--b\r\n\r\n" + meta + b"\r\n--b\r\n\r\nx\r\n--b\r\n\r\ny\r\n--b--", related),
            "no-close": (b"--b\r\n\r\n" + meta + b"\r\n--b\r\n\r\nxyz", related),
            "no-part-headers-end": (b"--b\r\nContent-Type: x" + b"\r\n--b--", related),
            "metadata-not-json": (b"--b\r\n\r\nnot json\r\n--b\r\n\r\nx\r\n--b--", related),
            "metadata-array": (b"--b\r\n\r\n[]\r\n--b\r\n\r\nx\r\n--b--", related),
            "metadata-no-name": (b"--b\r\n\r\n{}\r\n--b\r\n\r\nx\r\n--b--", related),
            "bad-md5": (b'--b\r\n\r\n{"name":"h/x","md5Hash":"AAAA"}\r\n--b\r\n\r\nx\r\n--b--', related),
            "bad-crc": (b'--b\r\n\r\n{"name":"h/x","crc32c":"!!"}\r\n--b\r\n\r\nx\r\n--b--', related),
            "name-number": (b'--b\r\n\r\n{"name":5}\r\n--b\r\n\r\nx\r\n--b--', related),
            "ends-at-delimiter": (b"--b", related),
            "delimiter-then-dashes": (b"--b--", related),
            "many-parts": (b"".join(b"--b\r\n\r\nx\r\n" for _ in range(20000)) + b"--b--", related),
            "long-boundary": (b"--" + b"q" * 5000 + b"\r\n\r\n{}\r\n--" + b"q" * 5000 + b"--",
                              "multipart/related; boundary=" + "q" * 5000),
            "quoted-unclosed": (b"--b\r\n\r\n{}\r\n--b--", 'multipart/related; boundary="b'),
            "form-data": (b"--b\r\n\r\n{}\r\n--b--", "multipart/form-data; boundary=b"),
        }
        label = rng.choice(sorted(variants))
        case.body, case.content_type = variants[label]
        case.kind, case.desc = "multipart " + label, "multipart body: " + label
    elif shape == "upload-id":
        route = rng.choice([ROUTE_BY_NAME["upload.resumable.put"], ROUTE_BY_NAME["upload.resumable.cancel"]])
        case = Case(index, "storage_protocol", route, ctx)
        value = rng.choice(["", "../../secret", "%00", "A" * 5000, "..%2F..%2Fsecret", "x\u00e9", "0", "-1",
                            "../storage-uploads", "%2e%2e"])
        key = "upload" if route.name.endswith(".put") else "upload_victim"
        case.set_value(key, pct(value) if "%" not in value else value)
        case.kind, case.desc = "upload_id " + route.name, "upload_id=%r" % value[:40]
        if route.name.endswith("cancel"):
            case.expect = "invalid"
    elif shape == "precondition":
        route = rng.choice([ROUTE_BY_NAME["upload.media"], ROUTE_BY_NAME["upload.resumable"]])
        case = Case(index, "storage_protocol", route, ctx)
        name = rng.choice(["ifGenerationMatch", "ifGenerationNotMatch", "ifMetagenerationMatch"])
        value = rng.choice(["abc", "-1", str(2 ** 70), "", "0", "0x10", "1e3"])
        case.query.append((name, value))
        case.kind, case.desc, case.expect = "precondition " + name, "%s=%s" % (name, value), "either"
    elif shape == "listing":
        route = ROUTE_BY_NAME["objects.list"]
        case = Case(index, "storage_protocol", route, ctx)
        params = rng.choice([("prefix", "../"), ("prefix", "link-out/"), ("prefix", "link-data/"),
                             ("delimiter", "x" * 10000), ("delimiter", ""),
                             ("startOffset", "\uffff"), ("endOffset", ""), ("prefix", "\u0000"),
                             ("pageToken", base64.b64encode(b"\xff\xfe").decode()), ("projection", "full"),
                             ("versions", "true"), ("matchGlob", "**/*"), ("prefix", "a" * 5000)])
        case.query = [(k, v) for k, v in case.query if k != params[0]] + [params]
        case.kind, case.desc, case.expect = "listing " + params[0], "%s=%r" % (params[0], params[1][:40]), "either"
    elif shape == "alt":
        route = rng.choice([ROUTE_BY_NAME["objects.get"], ROUTE_BY_NAME["objects.download"]])
        case = Case(index, "storage_protocol", route, ctx)
        case.query = [("alt", rng.choice(["json", "media\u0000", "proto", "", "MEDIA"])),
                      ("generation", rng.choice(["", "1", "abc"]))]
        case.kind, case.desc, case.expect = "alt/generation", str(case.query), "either"
    elif shape == "goog-hash":
        route = rng.choice([ROUTE_BY_NAME["upload.resumable.put"], ROUTE_BY_NAME["upload.media"]])
        case = Case(index, "storage_protocol", route, ctx)
        value = rng.choice(["crc32c=!!!", "md5=", "md5=AAAA,crc32c=BBBB", ",".join(["md5=x"] * 5000), "garbage",
                            "crc32c=" + "A" * 10000])
        case.headers.append(("X-Goog-Hash", value))
        case.kind, case.desc, case.expect = "X-Goog-Hash", "X-Goog-Hash: " + value[:40], "either"
    elif shape == "upload-type":
        route = rng.choice(UPLOAD_ROUTES)
        case = Case(index, "storage_protocol", route, ctx)
        value = rng.choice(["", "MEDIA", "unknown", "media\u0000", "resumable ", "multipart,media"])
        case.query = [(k, v) for k, v in case.query if k != "uploadType"] + [("uploadType", value)]
        case.kind, case.desc = "uploadType", "uploadType=%r" % value
    elif shape == "media-name":
        route = ROUTE_BY_NAME["upload.media"]
        case = Case(index, "storage_protocol", route, ctx)
        case.query = [("uploadType", "media")]
        case.kind, case.desc = "media without name", "uploadType=media without name"
    elif shape == "resumable-total":
        route = ROUTE_BY_NAME["upload.resumable.put"]
        case = Case(index, "storage_protocol", route, ctx)
        case.body = b"x" * 20
        case.headers.append(("Content-Range", "bytes 0-19/10"))
        case.kind, case.desc = "more than announced", "20 bytes with Content-Range bytes 0-19/10"
    else:
        # Quadratic delimiter search: a boundary of 999 dashes and an x, a body of dashes that nearly matches at
        # every position. Well within the 256 MiB limit.
        route = ROUTE_BY_NAME["upload.multipart"]
        case = Case(index, "storage_protocol", route, ctx)
        size = 100000
        case.body = b"-" * size
        case.content_type = "multipart/related; boundary=" + "-" * 999 + "x"
        case.kind = "multipart delimiter search (quadratic)"
        case.desc = "%d-byte body of '-', boundary of 999 '-' and an 'x'" % size
    return case


def gen_auth(index, ctx, rng):
    """Missing, wrong and malformed credentials; browser Origins with a valid token."""
    route = rng.choice(ROUTES)
    case = Case(index, "auth", route, ctx)
    if route.setup:
        case.overridden.update(route.setup)
    value = rng.choice([None, "Bearer wrong", "Bearer {TOKEN}x", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
                        "bearer {TOKEN}", "BEARER {TOKEN}", "Bearer  {TOKEN}", "Bearer {TOKEN} extra",
                        "Bearer " + "A" * 20000, "Bearer \u00e9", "Token {TOKEN}", "{TOKEN}",
                        "Bearer {TOKEN}@" + PROJECT,
                        "two"])
    if value == "two":
        case.auth = None
        order = rng.choice([("Bearer wrong", "Bearer {TOKEN}"), ("Bearer {TOKEN}", "Bearer wrong")])
        case.headers += [("Authorization", order[0]), ("Authorization", order[1])]
        case.kind, case.expect = "two Authorization headers", "either"
    else:
        case.auth = value
        case.kind = "Authorization %r" % (value or "missing")[:30]
        case.expect = "either" if value in ("bearer {TOKEN}", "BEARER {TOKEN}", "Bearer  {TOKEN}") else "invalid"
    case.desc = "%s on %s" % (case.kind, route.name)
    return case


CATEGORIES = [  # (name, weight, generator)
    ("baseline", 4, gen_baseline),
    ("bad_json", 9, gen_bad_json),
    ("wrong_types", 9, gen_wrong_types),
    ("huge_numbers", 9, gen_huge_numbers),
    ("deep_nesting", 5, gen_deep_nesting),
    ("unknown_fields", 7, gen_unknown_fields),
    ("bad_names", 10, gen_bad_names),
    ("path_escapes", 10, gen_path_escapes),
    ("oversized", 4, gen_oversized),
    ("wrong_methods", 7, gen_wrong_methods),
    ("header_abuse", 9, gen_header_abuse),
    ("framing", 8, gen_framing),
    ("storage_protocol", 9, gen_storage_protocol),
    ("auth", 4, gen_auth),
]


def make_case(seed, index, ctx):
    """Case number `index` of a run with `seed`: its own random stream, so any case can be replayed alone."""
    rng = random.Random("%s-%d" % (seed, index))
    names = [c[0] for c in CATEGORIES]
    weights = [c[1] for c in CATEGORIES]
    category = rng.choices(names, weights)[0]
    generator = dict((c[0], c[2]) for c in CATEGORIES)[category]
    case = generator(index, ctx, rng)
    case.seed = seed
    return case


# ---------------------------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------------------------


def envelope_ok(case, response):
    """The v1 error envelope {"error": {"code", "message", "status"}} (Vertex AI's has the same shape), or on
    storage routes Cloud Storage's {"error": {"code", "message", "errors": [...]}}; `code` must be the HTTP status.
    Which API's envelope it is, is domain_right's question."""
    try:
        document = json.loads(response.body)
    except ValueError:
        return False
    error = document.get("error") if isinstance(document, dict) else None
    if not isinstance(error, dict):
        return False
    if error.get("code") != response.status or not isinstance(error.get("message"), str):
        return False
    if isinstance(error.get("status"), str):
        return True
    return case.route.family == "storage" and isinstance(error.get("errors"), list)


def surface(case):
    """The API whose path the case's request names: "vertex" under /vertex/, "v1" under /v1/, None otherwise or when
    the request line is written by hand without the case's target as its path (OPTIONS *, a path with a raw space,
    the absolute form http://host/PATH, which the backend does not route)."""
    if case.raw is not None and b" {TARGET}" not in case.raw:
        return None
    path = case.target().split(b"?", 1)[0]
    return "vertex" if path.startswith(b"/vertex/") else "v1" if path.startswith(b"/v1/") else None


def domain_right(case, response):
    """Whether an error envelope (envelope_ok) is the one of the API the path belongs to: an error under /vertex/
    carries an ErrorInfo of domain aiplatform.googleapis.com, as Google's does and docs/vertex.md promises (clients
    read the reason from it), whichever layer of the backend refused the request; one under /v1/ never carries that
    domain, and its ErrorInfo (when it has one) is automl.googleapis.com's."""
    api = surface(case)
    if api is None:
        return True
    details = json.loads(response.body)["error"].get("details")
    infos = [d for d in details if isinstance(d, dict) and str(d.get("@type", "")).endswith("google.rpc.ErrorInfo")] \
        if isinstance(details, list) else []
    domains = {info.get("domain") for info in infos}
    if api == "vertex":
        return domains == {VERTEX_DOMAIN}
    return domains <= {V1_DOMAIN}


def classify_response(case, response, head_request):
    status = response.status
    storage_success = (status in (206, 308) or status == 499 and case.route.name == "upload.resumable.cancel"
                       and case.expect != "invalid" and not response.body)
    if 200 <= status < 300 or storage_success:
        return "accepted" if case.expect != "invalid" else "accepted-unexpected"
    if 400 <= status < 500:
        if head_request:
            return "ok"  # an answer to HEAD has no body
        if envelope_ok(case, response):
            return "ok" if domain_right(case, response) or not case.framing_ok else FAILURE_PREFIX + "domain"
        return "malformed-400" if not case.framing_ok else FAILURE_PREFIX + "no-envelope"
    if status == 501 and (head_request or envelope_ok(case, response)):
        return "unimplemented-501"
    if status >= 500:
        return FAILURE_PREFIX + "5xx"
    return FAILURE_PREFIX + "status"


def classify(case, reply, ctx, slow):
    """One outcome per case: the worst of its answers, or how the connection ended."""
    for outcome, markers in ctx.markers().items():
        for response in reply.responses:
            if any(marker in response.body for marker in markers):
                return outcome
    outcomes = [classify_response(case, r, case.method == "HEAD") for r in reply.responses]
    if reply.error == "timeout":
        outcomes.append(FAILURE_PREFIX + "hang")  # malformed or not, silence until the timeout is a failure
    elif reply.error == "garbage":
        outcomes.append(FAILURE_PREFIX + "garbage")  # something that is not an HTTP answer
    elif reply.error == "connect" or (reply.error and case.framing_ok):
        outcomes.append(FAILURE_PREFIX + "dropped")  # refused, closed or reset before every answer arrived
    elif reply.error and not reply.responses:
        outcomes.append("closed-malformed")  # malformed framing: closing without an answer is acceptable
    failures = [o for o in outcomes if o.startswith(FAILURE_PREFIX)]
    if failures:
        return failures[0]
    # Slowness counts for well-formed requests only: a half-sent or malformed one may rightly wait for the
    # backend's header timeout (then a 408 is the answer).
    timed_out = any(r.status == 408 for r in reply.responses)
    if reply.elapsed > slow and case.timeout is None and case.framing_ok and not timed_out:
        return FAILURE_PREFIX + "slow"
    for preferred in ("accepted-unexpected", "unimplemented-501", "malformed-400", "ok", "accepted",
                      "closed-malformed"):
        if preferred in outcomes:
            return preferred
    return FAILURE_PREFIX + "dropped"


# ---------------------------------------------------------------------------------------------------------------
# The main run: batches of cases over a few threads, a normal request between batches
# ---------------------------------------------------------------------------------------------------------------


class Results:
    """Outcomes per category, examples of failures and surprises, and the health checks."""

    def __init__(self, examples):
        self.counts = defaultdict(Counter)  # category -> outcome -> count
        self.groups = defaultdict(list)  # (outcome, category, kind) -> [(case, reply summary, request text)]
        self.group_routes = defaultdict(Counter)  # the same key -> routes (or kinds) and how often
        self.examples = examples
        self.lock = threading.Lock()
        self.health_failures = []
        self.health_checks = 0
        self.crashes = []  # (case or description, how the backend ended, the runtime's reason and frame)
        self.slow_retries = 0  # slow answers that were not slow when run again alone

    def add(self, case, outcome, reply, ctx):
        with self.lock:
            self.counts[case.category][outcome] += 1
            if (outcome.startswith(FAILURE_PREFIX) or outcome == "accepted-unexpected") and \
                    outcome != FAILURE_PREFIX + "crash":
                # Findings are grouped by the mutation, except: path leaks share one cause whatever the request,
                # and surprises are easier to read per route (a route that ignores its body accepts anything).
                if outcome == FAILURE_PREFIX + "path-leak":
                    key, detail = (outcome, "any category", "an answer quotes the server's folders"), case.route.name
                elif outcome == "accepted-unexpected":
                    key, detail = (outcome, case.category, case.route.name), case.kind
                else:
                    key, detail = (outcome, case.category, case.kind), case.route.name
                self.group_routes[key][detail] += 1
                if len(self.groups[key]) < self.examples:
                    self.groups[key].append((case, reply.summary(), case.describe(ctx)))

    def failures(self):
        total = sum(n for c in self.counts.values() for o, n in c.items() if o.startswith(FAILURE_PREFIX))
        total += len([c for c in self.crashes if not isinstance(c[0], Case)])  # crashes not tied to one case
        return total + len(self.health_failures)


def health_check(backend, ctx, timeout):
    """A normal request must still work: list datasets (v1 and Vertex AI), get the bucket. Returns an error text or
    None."""
    datasets = "/v1/projects/%s/locations/%s/datasets" % (ctx.project, ctx.location)
    for method, path, want in (("GET", datasets, b'"datasets"'),
                               ("GET", vertex_parent(ctx) + "/datasets/" + ctx.vx_dataset, b'"dataItemCount"'),
                               ("GET", "/storage/v1/b/" + ctx.bucket, b'"storage#bucket"')):
        status, body, reply = normal_request(backend.port, backend.token, method, path, timeout=timeout)
        if status != 200 or want not in body:
            return "%s %s -> %s" % (method, path, reply.summary(200))
    return None


HEAD_LIMIT = 64 << 10  # request line and headers beyond this may be refused by the HTTP layer itself


def http_layer_limits(case, parts):
    """Marks a case whose request line carries raw bytes HTTP does not allow (non-ASCII, controls, spaces in the
    target) or whose head is very large: the HTTP layer may answer those with a bare 400 or close."""
    first = parts[0] if parts and isinstance(parts[0], bytes) else b""
    end = first.find(b"\r\n\r\n")
    head = first if end < 0 else first[:end]
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    pieces = line.split(b" ")
    target = pieces[1] if len(pieces) >= 3 else line
    if any(byte < 0x21 or byte > 0x7E for byte in target) or len(head) > HEAD_LIMIT:
        case.framing_ok = False
    # A target that is neither origin-form (/...), absolute-form nor * (a path escape put at its very start, such as
    # \..\upload/...) is no request-target at all (RFC 9112 3.2), as in the framing category's no-leading-slash.
    if target and not target.startswith((b"/", b"*", b"http://", b"https://")):
        case.framing_ok = False


def run_case(case, backend, ctx, args):
    """Runs the setup a route needs, sends the case, classifies the answer."""
    for key, setup in case.route.setup.items():
        if key not in case.overridden and case.path is None:
            made = SETUPS[setup](backend, ctx)
            # A setup may fill several placeholders (an operation and its owner); a mutated one stays as it is.
            made = made if isinstance(made, dict) else {key: made}
            case.values.update((k, v) for k, v in made.items() if k == key or k not in case.overridden)
    parts = case.render(backend.port, backend.token, ctx)
    http_layer_limits(case, parts)
    reply = exchange(backend.port, parts, case.timeout or args.timeout, half_close=case.half_close,
                     responses=case.responses, head_request=(case.method == "HEAD"))
    return classify(case, reply, ctx, args.slow), reply


def run_case_safely(case, backend, ctx, args):
    """run_case, with a failed setup request (a normal request) counted as a failure of its own."""
    try:
        return run_case(case, backend, ctx, args)
    except SetupError as error:
        reply = Reply()
        reply.error = "setup"
        reply.partial = str(error).encode()
        return FAILURE_PREFIX + "setup", reply


def run_batch(cases, backend, ctx, args):
    """Sends a batch over --workers threads; returns the cases with their outcomes."""
    queue = list(reversed(cases))
    lock = threading.Lock()
    done = []

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                case = queue.pop()
            outcome, reply = run_case_safely(case, backend, ctx, args)
            with lock:
                done.append((case, outcome, reply))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done


def restart(backend):
    backend.stop()
    backend.start()


def confirm_slow(done, backend, ctx, args, results):
    """A slow answer may be the machine's fault (a training, another build): run such a case once more, alone,
    and keep the second outcome when it is not slow again."""
    confirmed = []
    for case, outcome, reply in done:
        if outcome == FAILURE_PREFIX + "slow" and backend.alive():
            again, second = run_case_safely(case, backend, ctx, args)
            if again != outcome:
                results.slow_retries += 1
                outcome, reply = again, second
        confirmed.append((case, outcome, reply))
    return confirmed


def settle_batch(cases, backend, ctx, args, results, depth=0):
    """Runs a batch and records its outcomes. When the backend dies meanwhile: the answers that arrived before
    stand; the cases in flight at the crash are replayed one at a time on a restarted backend (same folders) to
    name the one that kills it; the cases never sent run again as a batch of their own."""
    done = run_batch(cases, backend, ctx, args)
    time.sleep(0.2)  # a crash caused by the last request takes a moment to show
    if backend.alive():
        for case, outcome, reply in confirm_slow(done, backend, ctx, args, results):
            results.add(case, outcome, reply, ctx)
        return
    how, summary = backend.exit_description(), backend.crash_summary()
    log("backend %s (%s) during cases %d-%d; replaying the cases in flight" % (how, summary[:80], cases[0].index,
                                                                              cases[-1].index))
    in_flight, unsent = [], []
    for case, outcome, reply in sorted(done, key=lambda item: item[0].index):
        if reply.responses and not reply.error:
            results.add(case, outcome, reply, ctx)  # answered in full before the crash
        elif reply.error == "connect":
            unsent.append(case)
        else:
            in_flight.append(case)
    found = False
    for case in in_flight:
        if not backend.alive():
            restart(backend)
        outcome, reply = run_case_safely(case, backend, ctx, args)
        time.sleep(0.2)
        if not backend.alive():
            found = True
            results.crashes.append((case, backend.exit_description(), backend.crash_summary()))
            outcome = FAILURE_PREFIX + "crash"
        results.add(case, outcome, reply, ctx)
    if not found:
        results.crashes.append(("cases %d-%d together, but none alone" % (cases[0].index, cases[-1].index), how,
                                summary))
    if not backend.alive():
        restart(backend)
    if unsent and len(results.crashes) <= args.max_restarts and depth < 50:
        settle_batch(unsent, backend, ctx, args, results, depth + 1)


def main_run(backend, ctx, args, results):
    """N cases in batches; a health check after each; crash hunting when the backend dies."""
    total = args.requests
    started = time.monotonic()
    for first in range(0, total, args.batch):
        if len(results.crashes) > args.max_restarts:
            results.crashes.append(("more than --max-restarts crashes: stopped before case %d" % first, "", ""))
            break
        cases = [make_case(args.seed, i, ctx) for i in range(first, min(total, first + args.batch))]
        settle_batch(cases, backend, ctx, args, results)
        problem = health_check(backend, ctx, args.normal_wait)
        results.health_checks += 1
        if problem:
            results.health_failures.append("after case %d: %s" % (first + len(cases) - 1, problem))
        if not args.quiet:
            failed = sum(n for c in results.counts.values() for o, n in c.items() if o.startswith(FAILURE_PREFIX))
            log("[%5d/%d] %.0f s, %d failures so far" % (first + len(cases), total, time.monotonic() - started, failed))


def big_upload_cases(ctx, count):
    """Whole uploads just over 256 MiB (Content-Length, then chunked): expensive, so run --big-uploads times."""
    cases = []
    for number in range(count):
        route = ROUTE_BY_NAME["upload.media"]
        case = Case(-1 - number, "oversized", route, ctx)
        case.body = BigBody(UPLOAD_BODY_LIMIT + 1, fill=b"u", chunked=bool(number % 2))
        case.chunked = bool(number % 2)
        case.content_type = "application/octet-stream"
        case.kind = "upload over 256 MiB (%s)" % ("chunked" if number % 2 else "Content-Length")
        case.desc = case.kind
        case.timeout = 300
        case.seed = None
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Slow clients: many idle connections, a request of only CRLF CRLF, a slowloris; all at once, every wait bounded
# ---------------------------------------------------------------------------------------------------------------


IDLE_MODES = ["silent", "partial-line", "partial-headers", "partial-body", "keepalive-idle"]


def idle_payload(mode, port, token, ctx):
    path = ("/v1/projects/%s/locations/%s/datasets" % (ctx.project, ctx.location)).encode()
    host = b"Host: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n" % (port, token.encode())
    return {
        "silent": b"",
        "partial-line": b"GET /v1/proj",
        "partial-headers": b"GET " + path + b" HTTP/1.1\r\n" + host,
        "partial-body": b"POST " + path + b" HTTP/1.1\r\n" + host + b"Content-Length: 1000\r\n\r\n{\"displayName",
        "keepalive-idle": b"GET " + path + b" HTTP/1.1\r\n" + host + b"\r\n",
    }[mode]


class SlowConnection:
    """One connection of the slow phase: when it opened, what it sent, when and how the server ended it."""

    def __init__(self, mode, limit):
        self.mode = mode
        self.limit = limit  # seconds the server may take to close it
        self.sock = None
        self.opened = None
        self.ended = None
        self.how = None  # "closed", "reset", "answered 400 ...", "could not open: ..."
        self.received = b""


def open_slow(mode, limit, port, token, ctx):
    conn = SlowConnection(mode, limit)
    try:
        conn.sock = socket.create_connection((LOOPBACK, port), timeout=5)
        conn.opened = time.monotonic()
        payload = idle_payload(mode, port, token, ctx)
        if payload:
            conn.sock.sendall(payload)
        if mode == "keepalive-idle":
            conn.sock.settimeout(10)
            reader = Reader(conn.sock, time.monotonic() + 10)
            reader.response()  # the answer; afterwards the connection idles
            conn.opened = time.monotonic()
        conn.sock.setblocking(False)
    except (OSError, ReadFailure) as error:
        conn.how = "could not open: %s" % error
        conn.ended = time.monotonic()
        if conn.sock:
            conn.sock.close()
            conn.sock = None
    return conn


def poll_slow(connections, selector):
    """Reads what the server sent on any connection; an EOF or reset ends it."""
    for key, _ in selector.select(timeout=0.2):
        conn = key.data
        try:
            data = conn.sock.recv(65536)
        except BlockingIOError:
            continue
        except OSError as error:
            data = None
            conn.how = "reset (%s)" % type(error).__name__
        if data:
            conn.received += data
            if conn.how is None and conn.received.startswith(b"HTTP/"):
                conn.how = "answered " + conn.received.split(b"\r\n", 1)[0].decode("latin-1")
            continue
        conn.how = conn.how or "closed"
        conn.ended = time.monotonic()
        selector.unregister(conn.sock)
        conn.sock.close()
        conn.sock = None


def slowloris(port, token, ctx, interval, window, state):
    """Sends a long request one byte per `interval`; records when the server cut it off."""
    request = ("GET /v1/projects/%s/locations/%s/datasets HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" %
               (ctx.project, ctx.location, port)).encode() + b"Authorization: Bearer " + token.encode() + \
        b"\r\nX-Slow: " + b"s" * 4000 + b"\r\n\r\n"
    started = time.monotonic()
    state.update(started=started, sent=0, ended=None, how=None)
    try:
        sock = socket.create_connection((LOOPBACK, port), timeout=5)
    except OSError as error:
        state.update(how="could not open: %s" % error, ended=time.monotonic())
        return
    sock.settimeout(interval)
    try:
        while time.monotonic() - started < window and state["sent"] < len(request):
            try:
                sock.sendall(request[state["sent"]:state["sent"] + 1])
                state["sent"] += 1
            except OSError as error:
                state.update(how="send failed (%s)" % type(error).__name__, ended=time.monotonic())
                return
            try:
                data = sock.recv(4096)
                if not data:
                    state.update(how="closed", ended=time.monotonic())
                    return
                state.update(how="answered " + data.split(b"\r\n", 1)[0].decode("latin-1"), ended=time.monotonic())
                return
            except socket.timeout:
                pass  # nothing from the server: the interval has passed, send the next byte
            except OSError as error:
                state.update(how="reset (%s)" % type(error).__name__, ended=time.monotonic())
                return
    finally:
        sock.close()


def slow_phase(backend, ctx, args):
    """Returns (lines of report, list of failures)."""
    lines, failures = [], []
    port, token = backend.port, backend.token
    # A connection that never sent a byte, or is between requests, is idle; one that stopped inside a request
    # (its head, or its body) is held to the header timeout.
    limits = {"silent": args.idle_timeout, "keepalive-idle": args.idle_timeout, "partial-body": args.header_timeout,
              "partial-line": args.header_timeout, "partial-headers": args.header_timeout}
    window = max(args.header_timeout, args.idle_timeout) + args.grace

    # The idle connections first: a backend with a connection cap makes room by closing the longest-waiting
    # ones, so the CRLF-only request and the slowloris, opened last, meet the header timeout rather than the cap.
    opened_at = time.monotonic()
    connections = []
    for number in range(args.idle_connections):
        mode = IDLE_MODES[number % len(IDLE_MODES)]
        connections.append(open_slow(mode, limits[mode], port, token, ctx))
    open_seconds = time.monotonic() - opened_at
    failed_to_open = [c for c in connections if c.how and c.how.startswith("could not open")]
    lines.append("opened %d idle connections in %.1f s (%d could not be opened)"
                 % (len(connections) - len(failed_to_open), open_seconds, len(failed_to_open)))
    if failed_to_open:
        lines.append("  first failure: " + failed_to_open[0].how)

    crlf = SlowConnection("crlf-only", args.header_timeout)
    try:
        crlf.sock = socket.create_connection((LOOPBACK, port), timeout=5)
        crlf.sock.sendall(b"\r\n\r\n")
        crlf.opened = time.monotonic()
        crlf.sock.setblocking(False)
    except OSError as error:
        crlf.how, crlf.ended = "could not open: %s" % error, time.monotonic()
        crlf.sock = None
    state = {}
    loris = threading.Thread(target=slowloris, args=(port, token, ctx, args.slowloris_interval, window + 2, state),
                             daemon=True)
    loris.start()

    selector = selectors.DefaultSelector()
    for conn in connections + [crlf]:
        if conn.sock is not None:
            selector.register(conn.sock, selectors.EVENT_READ, conn)

    def normal_check(label):
        started = time.monotonic()
        status, body, reply = normal_request(port, token, "GET", "/v1/projects/%s/locations/%s/datasets"
                                             % (ctx.project, ctx.location), timeout=args.normal_wait)
        took = time.monotonic() - started
        if status == 200:
            lines.append("normal request %s: 200 in %.2f s" % (label, took))
        else:
            lines.append("normal request %s: FAILED (%s)" % (label, reply.summary(120)))
            failures.append("a normal request %s with %d idle connections open, a CRLF-only request and a slowloris "
                            "failed: %s" % (label, args.idle_connections, reply.summary(120)))

    normal_check("with every slow connection open")
    deadline = time.monotonic() + window
    checked_midway = False
    while time.monotonic() < deadline:
        if not selector.get_map() and not loris.is_alive():
            break
        if not selector.get_map():
            time.sleep(0.2)
        poll_slow(connections + [crlf], selector)
        if not checked_midway and time.monotonic() > deadline - window / 2:
            normal_check("midway")
            checked_midway = True
    poll_slow(connections + [crlf], selector)
    normal_check("at the end of the wait")
    loris.join(args.slowloris_interval + 5)

    # What the server did with each kind of connection.
    by_mode = defaultdict(list)
    for conn in connections:
        by_mode[conn.mode].append(conn)
    for mode in IDLE_MODES:
        group = by_mode.get(mode, [])
        if not group:
            continue
        ended = [c for c in group if c.ended is not None and not (c.how or "").startswith("could not open")]
        in_time = [c for c in ended if c.ended - c.opened <= c.limit + args.grace]
        hows = Counter((c.how or "open").split(" (")[0] for c in group)
        lines.append("%-16s %4d connections: %4d ended by the server within %.0f s (%s)"
                     % (mode, len(group), len(in_time), group[0].limit + args.grace,
                        ", ".join("%s %d" % kv for kv in sorted(hows.items()))))
        if len(in_time) < len(group) - len([c for c in group if (c.how or "").startswith("could not open")]):
            failures.append("%d of %d '%s' connections were still open (or ended late) %.0f s after they went quiet; "
                            "expected the backend to close them after %.0f s (%s)"
                            % (len(group) - len(in_time), len(group), mode, window, group[0].limit,
                               "--header-timeout" if mode.startswith("partial") else "--idle-timeout"))
    if crlf.ended is not None and crlf.ended - crlf.opened <= crlf.limit + args.grace:
        lines.append("CRLF-only request: %s after %.1f s" % (crlf.how, crlf.ended - crlf.opened))
    else:
        lines.append("CRLF-only request: %s" % ("no answer and still open after %.0f s" % window if crlf.ended is None
                                                else "%s after %.1f s" % (crlf.how, crlf.ended - crlf.opened)))
        failures.append("a request of only CRLF CRLF got no answer and was not closed within %.0f s" % window)
    if state.get("ended") is not None and state["ended"] - state["started"] <= args.header_timeout + args.grace:
        lines.append("slowloris: %s after %.1f s and %d bytes" % (state["how"], state["ended"] - state["started"],
                                                                   state["sent"]))
    else:
        how = state.get("how") or "still open"
        lines.append("slowloris: %s; sent %d bytes over %.0f s" % (how, state.get("sent", 0),
                                                                   time.monotonic() - state.get("started", 0)))
        failures.append("a slowloris (one byte every %.1f s) was not cut off within %.0f s (sent %d header bytes)"
                        % (args.slowloris_interval, args.header_timeout + args.grace, state.get("sent", 0)))
    for conn in connections + [crlf]:
        if conn.sock is not None:
            try:
                selector.unregister(conn.sock)
            except (KeyError, ValueError):
                pass
            conn.sock.close()
    selector.close()
    return lines, failures


# ---------------------------------------------------------------------------------------------------------------
# Final checks and the report
# ---------------------------------------------------------------------------------------------------------------


def final_checks(backend, ctx, args):
    """The backend is alive and serves; no operation quotes a sentinel; nothing was written beside the gs:// root."""
    problems = []
    if not backend.alive():
        problems.append("the backend is not running at the end: %s\n%s" % (backend.exit_description(),
                                                                           backend.stderr_tail()))
        return problems
    problem = health_check(backend, ctx, args.normal_wait)
    if problem:
        problems.append("a normal request failed at the end: " + problem)
    # The seeded Vertex AI endpoint still serves its model: deploys, undeploys and deletes hit other resources only.
    status, body, reply = normal_request(backend.port, backend.token, "POST", "%s/endpoints/%s:predict"
                                         % (vertex_parent(ctx), ctx.vx_endpoint), vertex_predict_body(ctx),
                                         timeout=args.normal_wait)
    if status != 200 or b'"predictions"' not in body:
        problems.append("a Vertex AI predict on the seeded endpoint failed at the end: " + reply.summary(300))
    # Every operation (v1's, and Vertex AI's: a location-level list holds them all, nested or not) and every training
    # pipeline, page by page: partialFailures or errors must not quote a file outside the root, nor the server's
    # absolute paths.
    v1_parent = "/v1/projects/%s/locations/%s" % (ctx.project, ctx.location)
    for what, collection, member in (("operations", v1_parent + "/operations", "operations"),
                                     ("Vertex AI operations", vertex_parent(ctx) + "/operations", "operations"),
                                     ("Vertex AI training pipelines", vertex_parent(ctx) + "/trainingPipelines",
                                      "trainingPipelines")):
        problems += leaks_in_list(backend, ctx, what, collection, member)
    # Nothing written outside the gs:// root: no new file beside it or in the folder links point at, and no
    # file named like the escape attempts' targets (canary-write, escape-canary) anywhere, the data folder included.
    expected = {"data", "gcs", "secret.txt", "tokens", "outside"}  # the emulator-N.stdout/stderr logs too
    stray = [name for name in os.listdir(backend.workdir)
             if name not in expected and not name.startswith("emulator-")]
    outside = os.path.join(backend.workdir, "outside")
    stray += ["outside/" + name for name in os.listdir(outside) if name != "secret.txt"]
    for folder, _, files in os.walk(backend.data):
        stray += [os.path.relpath(os.path.join(folder, name), backend.workdir) for name in files if "canary" in name]
    if stray:
        problems.append("files appeared beside the gs:// root (an escape wrote outside it): %s" % ", ".join(stray))
    return problems


def leaks_in_list(backend, ctx, what, collection, member):
    """Pages through a list; returns problems: items that quote a sentinel (a file outside the gs:// root) or the
    server's absolute paths."""
    problems, token, escaped, leaking = [], "", set(), []
    for _ in range(500):
        path = "%s?pageSize=1000%s" % (collection, "&pageToken=" + pct(token) if token else "")
        status, body, reply = normal_request(backend.port, backend.token, "GET", path, timeout=30)
        if status != 200:
            problems.append("listing %s at the end failed: %s" % (what, reply.summary(200)))
            break
        escaped.update(marker for marker in ctx.markers()["FAIL-escape"] if marker in body)
        page = json.loads(body)
        leaking += [item for item in page.get(member, []) if ctx.workdir in json.dumps(item)]
        token = page.get("nextPageToken", "")
        if not token:
            break
    for marker in escaped:
        problems.append("one of the %s quotes %r (a file outside the gs:// root)" % (what, marker[:20]))
    if leaking:
        message = json.dumps(leaking[0].get("error") or leaking[0], ensure_ascii=True)[:400]
        problems.append("%d %s quote the server's absolute paths, e.g. %s" % (len(leaking), what, message))
    return problems


def symlink_loop_check(backend, ctx, args):
    """Last of all, since it can wedge the backend: a bucket folder holding a symlink to itself (a file put under
    the gs:// root by hand is an object too). Listing it must answer, and the backend must keep serving."""
    folder = os.path.join(backend.gcs, "loop-bkt")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "a.txt"), "w") as handle:
        handle.write("a")
    for name in ("loop", "loop2"):  # two links: the walk branches at every level
        os.symlink(folder, os.path.join(folder, name))
    lines, problems = [], []
    for path in ("/storage/v1/b/loop-bkt/o", "/storage/v1/b/loop-bkt/o?prefix=loop%2F&delimiter=%2F"):
        status, _, reply = normal_request(backend.port, backend.token, "GET", path, timeout=args.normal_wait)
        lines.append("GET %s: %s" % (path, reply.summary(100)))
        if status is None or status >= 500:
            problems.append("listing a bucket that holds two symlinks to itself (GET %s) got %s"
                            % (path, reply.summary(100)))
            break  # one request stuck in the walk is enough to show it
    problem = health_check(backend, ctx, args.normal_wait)
    lines.append("normal request afterwards: %s" % (problem or "200"))
    if problem:
        problems.append("after listing a bucket with a symlink loop, normal requests fail: " + problem)
    return lines, problems


def print_report(results, slow_lines, slow_failures, final_problems, args, ctx, timings):
    outcomes = ACCEPTABLE + sorted({o for c in results.counts.values() for o in c} - set(ACCEPTABLE))
    used = [o for o in outcomes if any(results.counts[c][o] for c in results.counts)]
    print()
    print("Hostile requests: seed %s, %d requests, %d workers, backend %s %s" % (
        args.seed, args.requests, args.workers, args.emulator, " ".join(args.backend_flags)))
    print("timings: " + ", ".join("%s %.1f s" % kv for kv in timings))
    print()
    header = "%-17s" % "category" + "".join(" %*s" % (max(6, len(o)), o) for o in used) + "  total"
    print(header)
    print("-" * len(header))
    totals = Counter()
    for name, _, _ in CATEGORIES:
        counts = results.counts.get(name)
        if not counts:
            continue
        totals.update(counts)
        print("%-17s" % name + "".join(" %*d" % (max(6, len(o)), counts[o]) for o in used) +
              "  %5d" % sum(counts.values()))
    print("-" * len(header))
    print("%-17s" % "all" + "".join(" %*d" % (max(6, len(o)), totals[o]) for o in used) +
          "  %5d" % sum(totals.values()))
    print()
    print("normal requests between batches: %d checks, %d failed" % (results.health_checks,
                                                                    len(results.health_failures)))
    for problem in results.health_failures[:args.examples]:
        print("  " + problem)
    print()
    print("slow clients (--header-timeout %.0f s, --idle-timeout %.0f s, --grace %.0f s):"
          % (args.header_timeout, args.idle_timeout, args.grace))
    for line in slow_lines:
        print("  " + line)

    def example_lines(case, summary, request):
        out = []
        if isinstance(case, Case):
            replay = ("replay: hostile.py --emulator %s --seed %s --case %d" % (args.emulator, case.seed, case.index)
                      if case.seed is not None else "replay: hostile.py --big-uploads 1 --requests 0")
            out.append("    case %d, %s, route %s: %s" % (case.index, case.category, case.route.name, case.desc[:160]))
            out.append("      request: " + request[:400].replace("\r\n", "\\r\\n ").replace("\n", "\\n"))
            out.append("      answer:  " + summary[:400].replace("\r\n", "\\r\\n ").replace("\n", "\\n"))
            out.append("      " + replay)
        return out

    failure_groups = sorted(k for k in results.groups if k[0].startswith(FAILURE_PREFIX))
    crash_kinds = len({(how, summary) for _, how, summary in results.crashes})
    print()
    if results.slow_retries:
        print("(%d slow answers were fast when run again alone: not counted)" % results.slow_retries)
    print("FAILURES (%d distinct kinds):" % (len(failure_groups) + crash_kinds + len(slow_failures)
                                             + len(final_problems) + (1 if results.health_failures else 0)))
    crash_groups = defaultdict(list)
    for case, how, summary in results.crashes:
        crash_groups[(how, summary)].append(case)
    for (how, summary), cases in crash_groups.items():
        single = [c for c in cases if isinstance(c, Case)]
        print("  FAIL-crash x%d: the backend %s: %s" % (len(cases), how, summary))
        for case in single[:args.examples]:
            for line in example_lines(case, "<the connection closed: the backend died>", case.describe(ctx)):
                print(line)
        for text in [c for c in cases if not isinstance(c, Case)][:args.examples]:
            print("    " + text)
    for key in failure_groups:
        outcome, category, kind = key
        count = sum(results.group_routes[key].values())
        routes = ", ".join("%s %d" % kv for kv in results.group_routes[key].most_common(8))
        print("  %s x%d: %s / %s (routes: %s)" % (outcome, count, category, kind, routes))
        for case, summary, request in results.groups[key]:
            for line in example_lines(case, summary, request):
                print(line)
    for failure in slow_failures:
        print("  FAIL-slow-client: " + failure)
    for problem in final_problems:
        print("  FAIL-final: " + problem)
    if results.health_failures:
        print("  FAIL-health: %d normal requests between batches failed (first above)" % len(results.health_failures))

    surprises = sorted(k for k in results.groups if k[0] == "accepted-unexpected")
    if surprises:
        print()
        print("ACCEPTED ALTHOUGH A REFUSAL WAS EXPECTED (not failures; for review), by category and route:")
        for key in surprises:
            count = sum(results.group_routes[key].values())
            kinds = ", ".join("%s %d" % kv for kv in results.group_routes[key].most_common(5))
            more = len(results.group_routes[key]) - 5
            more_text = ", %d more kinds" % more if more > 0 else ""
            print("  x%d: %s on %s (%s%s)" % (count, key[1], key[2], kinds, more_text))
            case, summary, request = results.groups[key][0]
            printable = summary[:160].encode("ascii", "backslashreplace").decode()
            print("      e.g. case %d: %s -> %s" % (case.index, case.desc[:120], printable))
    print()


def write_json_report(path, results, slow_lines, slow_failures, final_problems, args, timings):
    document = {
        "seed": args.seed, "requests": args.requests, "timings": dict(timings),
        "counts": {c: dict(o) for c, o in results.counts.items()},
        "failures": [
            {"outcome": k[0], "category": k[1], "kind": k[2], "count": sum(results.group_routes[k].values()),
             "routes": dict(results.group_routes[k]),
             "examples": [{"case": c.index, "request": r[:2000], "answer": s[:2000]} for c, s, r in v]}
            for k, v in sorted(results.groups.items()) if k[0].startswith(FAILURE_PREFIX)],
        "crashes": [{"case": c.index if isinstance(c, Case) else str(c), "how": h, "reason": t}
                    for c, h, t in results.crashes],
        "health_failures": results.health_failures, "slow_clients": slow_lines, "slow_failures": slow_failures,
        "final_problems": final_problems,
    }
    with open(path, "w") as handle:
        json.dump(document, handle, indent=2)


# ---------------------------------------------------------------------------------------------------------------
# Replaying single cases (--case)
# ---------------------------------------------------------------------------------------------------------------


def replay_cases(backend, ctx, args):
    """Runs the named cases alone and prints each exchange in full; returns the number that failed."""
    failed = 0
    for index in args.case:
        case = make_case(args.seed, index, ctx)
        outcome, reply = run_case_safely(case, backend, ctx, args)
        print("case %d (%s / %s, route %s): %s" % (index, case.category, case.kind, case.route.name, case.desc))
        print("request:")
        print("  " + case.describe(ctx, backend.port, "TOKEN", limit=3000).replace("\r\n", "\\r\\n\n  "))
        print("answer (%.2f s): %s" % (reply.elapsed, reply.summary(3000)))
        time.sleep(0.5)
        alive = backend.alive()
        if not alive:
            outcome = "%scrash: the backend %s: %s" % (FAILURE_PREFIX, backend.exit_description(),
                                                       backend.crash_summary())
        print("outcome: " + outcome)
        print()
        if outcome.startswith(FAILURE_PREFIX) or not alive:
            failed += 1
        if not alive:
            backend.stop()
            backend.start()
    return failed


# ---------------------------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------------------------


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Send malformed and hostile requests to a local automl-emulator it starts itself.",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("Usage:")[0].split("\n\n", 1)[1])
    here = os.path.dirname(os.path.abspath(__file__))
    default_binary = os.path.join(here, "..", "..", ".build", "debug", "automl-emulator")
    parser.add_argument("--emulator", default=os.path.normpath(default_binary),
                        help="the automl-emulator binary (automl-trainer must sit beside it)")
    parser.add_argument("--requests", type=int, default=None, help="hostile requests to send (default 10000)")
    parser.add_argument("--seed", default="1", help="seed of the request generator (default 1)")
    parser.add_argument("--quick", action="store_true",
                        help="the test-suite version: 1,000 requests, 200 idle connections, short waits")
    parser.add_argument("--workers", type=int, default=4, help="requests in flight at once (default 4)")
    parser.add_argument("--batch", type=int, default=200, help="requests between normal-request checks")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds to wait for an answer (10, and at least --header-timeout + --grace; quick 8)")
    parser.add_argument("--slow", type=float, default=5.0, help="an answer slower than this fails (default 5 s)")
    parser.add_argument("--normal-wait", type=float, default=5.0,
                        help="seconds a normal request may take during the run and the slow phase (default 5)")
    parser.add_argument("--idle-connections", type=int, default=None, help="idle connections to hold (2000; quick 200)")
    parser.add_argument("--header-timeout", type=float, default=None,
                        help="seconds the backend may leave a half-sent request open (10; quick 3); passed to the "
                             "backend's option of that name when it has one")
    parser.add_argument("--idle-timeout", type=float, default=None,
                        help="seconds the backend may leave an idle connection open (10; quick 3); passed on too")
    parser.add_argument("--grace", type=float, default=None, help="slack on those timeouts (5; quick 3)")
    parser.add_argument("--slowloris-interval", type=float, default=1.0, help="seconds between slowloris bytes")
    parser.add_argument("--no-slow-phase", action="store_true", help="skip the slow-client phase")
    parser.add_argument("--big-uploads", type=int, default=None,
                        help="whole uploads just over 256 MiB to send (2; quick 0)")
    parser.add_argument("--emulator-arg", action="append", default=[], metavar="ARG",
                        help="an extra argument for automl-emulator (repeatable), "
                             "e.g. --emulator-arg=--max-connections=50")
    parser.add_argument("--case", type=int, action="append", default=[],
                        help="replay only this case number of --seed, printing the exchange (repeatable)")
    parser.add_argument("--examples", type=int, default=3, help="examples shown per kind of failure")
    parser.add_argument("--max-restarts", type=int, default=100, help="crashes after which the run stops")
    parser.add_argument("--json-report", help="also write the results as JSON to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (kept anyway on failure)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    quick = args.quick
    defaults = {"requests": (10000, 1000), "timeout": (10.0, 8.0), "idle_connections": (2000, 200),
                "header_timeout": (10.0, 3.0), "idle_timeout": (10.0, 3.0), "grace": (5.0, 3.0),
                "big_uploads": (2, 0)}
    timeout_given = args.timeout is not None
    for name, (long_value, quick_value) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick_value if quick else long_value)
    if not timeout_given:  # a half-sent request may rightly wait for the header timeout before its 408
        args.timeout = max(args.timeout, args.header_timeout + args.grace)
    return args


def timeout_flags(binary, args):
    """The backend's own --header-timeout and --idle-timeout, set to what this script waits for, when the binary
    has those options (older builds do not) and --emulator-arg did not set them already."""
    try:
        helptext = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    flags = []
    for option, seconds in (("--header-timeout", args.header_timeout), ("--idle-timeout", args.idle_timeout)):
        given = any(arg == option or arg.startswith(option + "=") for arg in args.emulator_arg)
        if option in helptext and not given:
            flags.append("%s=%gs" % (option, seconds))
    return flags


def raise_file_limit(wanted):
    if resource is None:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(hard, max(soft, wanted)) if hard != resource.RLIM_INFINITY else max(soft, wanted)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def interrupt(signum, frame):
    raise KeyboardInterrupt()


def main(argv=None):
    args = parse_args(argv)
    if not os.path.isfile(args.emulator):
        print("no automl-emulator at %s (give --emulator)" % args.emulator, file=sys.stderr)
        return 2
    if not os.path.isfile(os.path.join(os.path.dirname(os.path.abspath(args.emulator)), "automl-trainer")):
        print("automl-trainer must sit beside %s" % args.emulator, file=sys.stderr)
        return 2
    raise_file_limit(args.idle_connections + 512)
    # Ctrl-C, SIGTERM and SIGHUP all end the run through the `finally` below, so the backend is always stopped.
    # (SIGINT is set explicitly: a shell starts background jobs with it ignored.)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, interrupt)

    workdir = tempfile.mkdtemp(prefix="automl-hostile-")
    token = "hostile-%032x" % random.SystemRandom().getrandbits(128)
    args.backend_flags = args.emulator_arg + timeout_flags(args.emulator, args)
    backend = Backend(args.emulator, workdir, token, args.backend_flags)
    ctx = Context()
    ctx.token = token
    ctx.workdir = workdir
    failed = True
    timings = []
    try:
        started = time.monotonic()
        try:
            backend.start()
            seed(backend, ctx)
        except SetupError as error:
            print("setup failed: %s" % error, file=sys.stderr)
            print(backend.stderr_tail(), file=sys.stderr)
            return 2
        timings.append(("start and seed", time.monotonic() - started))
        if not args.quiet:
            log("backend on port %d, data in %s; dataset %s, model %s"
                % (backend.port, workdir, ctx.dataset, ctx.model))
        if args.case:
            failures = replay_cases(backend, ctx, args)
            failed = failures > 0
            return 1 if failed else 0

        results = Results(args.examples)
        phase = time.monotonic()
        main_run(backend, ctx, args, results)
        for case in big_upload_cases(ctx, args.big_uploads):
            outcome, reply = run_case_safely(case, backend, ctx, args)
            results.add(case, outcome, reply, ctx)
        timings.append(("%d requests" % args.requests, time.monotonic() - phase))

        slow_lines, slow_failures = [], []
        if not args.no_slow_phase:
            phase = time.monotonic()
            slow_lines, slow_failures = slow_phase(backend, ctx, args)
            timings.append(("slow clients", time.monotonic() - phase))
        final_problems = final_checks(backend, ctx, args)
        loop_lines, loop_problems = symlink_loop_check(backend, ctx, args)
        slow_lines += ["", "symlink loop under the gs:// root:"] + ["  " + line for line in loop_lines]
        final_problems += loop_problems
        timings.append(("total", time.monotonic() - started))
        print_report(results, slow_lines, slow_failures, final_problems, args, ctx, timings)
        if args.json_report:
            write_json_report(args.json_report, results, slow_lines, slow_failures, final_problems, args, timings)
        count = results.failures() + len(slow_failures) + len(final_problems)
        failed = count > 0
        print("RESULT: %s (%d failures)" % ("FAIL" if failed else "PASS", count))
        return 1 if failed else 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        backend.stop()
        if failed or args.keep:
            print("backend logs and data kept in %s" % workdir, file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
