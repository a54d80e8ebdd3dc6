"""What the conformance tests share: the `automl` binary, an `automl emulator` process on loopback, and small
real PNG images.

Environment:
  AUTOML_BIN   the automl binary (default .build/debug/automl, relative to the package root)
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import signal
import struct
import subprocess
import threading
import zlib

import pytest

PACKAGE_ROOT = pathlib.Path(__file__).resolve().parents[2]
LISTENING_PREFIX = "automl emulator listening on "
STARTUP_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


# ---------------------------------------------------------------------------------------------------
# Images: small real PNGs, each with distinct pixels (the service merges images with equal content).


def png_bytes(width: int, height: int, seed: int, base_colour: tuple[int, int, int]) -> bytes:
    """An 8-bit RGB PNG: a base colour with a seed-dependent pattern."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            noise = (x * 7 + y * 13 + seed * 31 + (x * y * seed) % 17) % 64
            rows.extend(((base_colour[0] + noise) % 256, (base_colour[1] + noise) % 256,
                         (base_colour[2] + noise) % 256))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows))) + chunk(b"IEND", b"")


def ml_use(index: int) -> str:
    """TRAIN for the first ten images of a label, then two VALIDATION, then TEST."""
    if index < 10:
        return "TRAIN"
    return "VALIDATION" if index < 12 else "TEST"


# ---------------------------------------------------------------------------------------------------
# The binary and the emulator process.


class Emulator:
    def __init__(self, endpoint: str, gcs_root: pathlib.Path, process: subprocess.Popen, log_path: pathlib.Path):
        self.endpoint = endpoint
        self.gcs_root = gcs_root
        self.process = process
        self.log_path = log_path


def automl_binary() -> pathlib.Path:
    binary = pathlib.Path(os.environ.get("AUTOML_BIN", ".build/debug/automl"))
    if not binary.is_absolute():
        binary = PACKAGE_ROOT / binary
    if not binary.is_file():
        pytest.exit(f"automl binary {binary} not found: build it with `swift build --product automl` "
                    "or set AUTOML_BIN", returncode=2)
    return binary


def read_first_line(stream, timeout: float) -> str | None:
    """The first line of `stream`, or None when none arrives within `timeout` seconds."""
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return result[0] if result else None


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_emulator(root: pathlib.Path, *options: str, log_name: str = "backend.log",
                   timeout: float = 60) -> tuple[subprocess.Popen, str]:
    """`automl emulator` on a free loopback port with its data in ROOT/data and `gs://` in ROOT/gcs, OPTIONS added, its
    log appended to ROOT/LOG_NAME; returns the process and its URL. Raises RuntimeError (the process stopped) when it
    announces no address."""
    arguments = [str(automl_binary()), "emulator", "--port", "0", "--data-dir", str(root / "data"),
                 "--gcs-root", str(root / "gcs"), *options]
    with open(root / log_name, "ab") as log:
        process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, text=True)
    line = read_first_line(process.stdout, timeout)
    if not line or not line.startswith(LISTENING_PREFIX):
        stop(process)
        raise RuntimeError(f"the backend did not start: {line!r}")
    return process, line[len(LISTENING_PREFIX):].strip()


def processes() -> list[tuple[int, int, str]]:
    """Every process of the machine: PID, parent PID and command line."""
    found = []
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        found.append((int(entry.name), int(stat[stat.rindex(")") + 2:].split()[1]), command))
    return found


@contextlib.contextmanager
def running_emulator(root: pathlib.Path, gcs_root: pathlib.Path, node_hour_seconds: float):
    """`automl emulator` on a free loopback port with its data in ROOT/data and `gs://` in GCS_ROOT; stopped with
    SIGTERM afterwards, which it must survive cleanly. Its log is ROOT/emulator.log."""
    data_dir = root / "data"
    data_dir.mkdir(parents=True)
    gcs_root.mkdir(parents=True, exist_ok=True)
    log_path = root / "emulator.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(automl_binary()), "emulator", "--port", "0", "--data-dir", str(data_dir),
             "--gcs-root", str(gcs_root), "--node-hour-seconds", str(node_hour_seconds)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = read_first_line(process.stdout, STARTUP_TIMEOUT)
        if not line or not line.startswith(LISTENING_PREFIX):
            stop(process)
            pytest.fail(f"the emulator did not announce its address within {STARTUP_TIMEOUT} s "
                        f"(first line {line!r}); its log:\n{log_path.read_text(errors='replace')}")
        endpoint = line[len(LISTENING_PREFIX):].strip()
        assert endpoint.startswith("http://127.0.0.1:"), line
        yield Emulator(endpoint, gcs_root, process, log_path)
    finally:
        stop(process)
        process.stdout.close()
    assert process.returncode == 0, (
        f"the emulator exited with {process.returncode} after SIGTERM; its log:\n{log_path.read_text(errors='replace')}")
