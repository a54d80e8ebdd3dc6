# automl: set-up, build, run and test on Debian with Swift 6.
#
#   make run                 install what is missing, build, run `automl` (ARGS="..." passes arguments)
#   make test                install what is missing, build the tests, run every test once, serially,
#                            then the conformance tests, then every fuzz target for 30 s
#   make fuzz                the libFuzzer targets (Tests/Fuzz/run.sh; FUZZ_FLAGS="--seconds 600 router")
#   make conformance         the official Python client (google-cloud-automl, pinned in
#                            Tests/Conformance/requirements.txt, in .build/conformance-venv) against `automl emulator`
#   make lint                swift-format (it ships with the toolchain) in lint mode, with the committed
#                            .swift-format (Tests/.swift-format lets tests force-unwrap); `make format` fixes
#   make install             a release build of `automl`, its local server `automl-emulator` and the trainer
#                            `automl-trainer` into $(PREFIX)/bin
#                            (default ~/.local/bin), the Swift runtime linked in statically; the manual page
#                            into $(PREFIX)/share/man/man1 and the bash, zsh and fish completions where each
#                            shell finds them under $(PREFIX)/share
#   make man                 docs/automl.1 and completions/ again from the command definitions
#   make build | deps | clean
#
# Every target that builds first runs `deps`, so a fresh Debian machine with a Swift 6 toolchain needs
# nothing else. `deps` asks apt only for what `dpkg` says is missing, so after the first run it is a no-op.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

# ---------------------------------------------------------------------------------------------------
# SYSTEM_PACKAGES: the Debian packages the build and the tests need. Add new ones here, nowhere else.
#   libedit-dev  line editing for the shell (the CLibEdit module map; found through pkg-config)
#   pkg-config   lets SwiftPM find libedit
#   tmux         the end-to-end tests drive the interactive shell inside tmux
#   libsqlite3-dev  the local backend's store (GRDB links the system SQLite)
#   libtorch-dev    the trainer worker `automl-trainer` (C++ over libtorch; ~660 MB installed)
#   libturbojpeg0-dev libpng-dev  JPEG and PNG decoding (import checks, training, prediction)
SYSTEM_PACKAGES := libedit-dev tmux pkg-config libsqlite3-dev libtorch-dev libturbojpeg0-dev libpng-dev
# ---------------------------------------------------------------------------------------------------

# The toolchain: `swift` on PATH, else where this kind of machine keeps it.
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)

# Extra flags for `swift build` and `swift test`, e.g. `make test TEST_FLAGS="--filter RetryTests"`.
BUILD_FLAGS ?=
TEST_FLAGS ?=

# Arguments for `make run`; with none, `automl` opens the shell on the embedded local backend.
ARGS ?=
RUN_ARGS := $(ARGS)

# Release builds (make install, the benchmarks): the Swift runtime and Foundation linked in statically, which
# makes the binaries independent of the toolchain's libraries and starts the shell about a third faster (no
# symbol lookups across a dozen Swift libraries at launch; see docs/benchmarks.md).
# Linked by lld with packed relative relocations (DT_RELR, glibc 2.36): the dynamic loader's relocation work at each
# start falls from about 5.7 million cycles to 0.7 million for automl (docs/benchmarks.md, "Client").
RELEASE_FLAGS := -c release --static-swift-stdlib --scratch-path .build-static \
  -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs
PREFIX ?= $(HOME)/.local

.PHONY: deps build run test conformance fuzz clean install lint format man

deps:
	@missing=(); \
	for package in $(SYSTEM_PACKAGES); do \
	  if ! dpkg -s "$$package" 2>/dev/null | grep -q '^Status: install ok installed$$'; then \
	    missing+=("$$package"); \
	  fi; \
	done; \
	if [ "$${#missing[@]}" -eq 0 ]; then \
	  echo "deps: all present ($(SYSTEM_PACKAGES))"; \
	  exit 0; \
	fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  as_root=(); \
	elif command -v sudo >/dev/null 2>&1; then \
	  as_root=(sudo); \
	else \
	  echo "deps: missing $${missing[*]}; run 'make deps' as root (sudo is not installed)" >&2; \
	  exit 1; \
	fi; \
	echo "deps: installing $${missing[*]}"; \
	"$${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	"$${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -q --no-install-recommends "$${missing[@]}"

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

run: build
	$(SWIFT) run --skip-build $(BUILD_FLAGS) automl $(RUN_ARGS)

# Serial on purpose: 2 cores, and the tests start servers. No `--parallel` (that forks one XCTest
# process per test). Exits non-zero when any test fails.
test: deps lint
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	# One test at a time (--no-parallel; about 4.5 minutes here, against 2.5 in parallel): the tests that drive the
	# built binary, tmux or a real training wait on threads of the shared pool, and beside them the socket tests that
	# time a server's answer or close were starved past their deadlines (2 runs in 5 failed so).
	$(SWIFT) test --skip-build --no-parallel $(BUILD_FLAGS) $(TEST_FLAGS)
	$(MAKE) --no-print-directory conformance
	$(MAKE) --no-print-directory fuzz

# The emulator binary of the same build configuration as BUILD_FLAGS; run.sh builds it when it is absent.
# CONFORMANCE_FLAGS go to pytest, e.g. `make conformance CONFORMANCE_FLAGS="-k cancel -v"`.
CONFORMANCE_FLAGS ?=
conformance: deps
	AUTOML_BIN="$$($(SWIFT) build --show-bin-path $(BUILD_FLAGS))/automl" SWIFT="$(SWIFT)" \
	  bash Tests/Conformance/run.sh $(CONFORMANCE_FLAGS)

# The fuzz targets are built with coverage and AddressSanitizer in .build-fuzz (a few minutes the first time).
FUZZ_FLAGS ?=
fuzz: deps
	SWIFT="$(SWIFT)" bash Tests/Fuzz/run.sh $(FUZZ_FLAGS)

install: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product automl
	$(SWIFT) build $(RELEASE_FLAGS) --product automl-emulator
	$(SWIFT) build $(RELEASE_FLAGS) --product automl-trainer
	install -d "$(PREFIX)/bin"
	bin="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)"; \
	  install -m 0755 "$$bin/automl" "$$bin/automl-emulator" "$$bin/automl-trainer" "$(PREFIX)/bin/"
	@echo "installed automl, automl-emulator and automl-trainer in $(PREFIX)/bin"
	install -d "$(PREFIX)/share/man/man1" "$(PREFIX)/share/bash-completion/completions" \
	  "$(PREFIX)/share/zsh/site-functions" "$(PREFIX)/share/fish/vendor_completions.d"
	"$(PREFIX)/bin/automl" __man > "$(PREFIX)/share/man/man1/automl.1"
	"$(PREFIX)/bin/automl" completion bash > "$(PREFIX)/share/bash-completion/completions/automl"
	"$(PREFIX)/bin/automl" completion zsh > "$(PREFIX)/share/zsh/site-functions/_automl"
	"$(PREFIX)/bin/automl" completion fish > "$(PREFIX)/share/fish/vendor_completions.d/automl.fish"
	@echo "installed the manual page in $(PREFIX)/share/man/man1 (MANPATH must include $(PREFIX)/share/man)"
	@echo "and the completions of bash, zsh and fish under $(PREFIX)/share (zsh: that site-functions in fpath)"

# The committed copies of what the command definitions make: docs/automl.1 and completions/ (tests fail when they
# differ from what the built automl prints).
man: build
	bin="$$($(SWIFT) build --show-bin-path)"; \
	  "$$bin/automl" __man > docs/automl.1; \
	  "$$bin/automl" completion bash > completions/automl.bash; \
	  "$$bin/automl" completion zsh > completions/_automl; \
	  "$$bin/automl" completion fish > completions/automl.fish

# The sources formatted as .swift-format says; `make test` fails on any difference.
FORMATTED := Sources Tests Package.swift
lint:
	$(SWIFT) format lint --strict --recursive $(FORMATTED)

format:
	$(SWIFT) format format --in-place --recursive $(FORMATTED)

clean:
	$(SWIFT) package clean
