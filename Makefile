# tipline — two commands for a newcomer: `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONFIG ?= config/default.toml

.PHONY: venv demo test test-unit test-faults lint mutation mutation-changed mutation-gate mutation-baseline bench services-start services-stop clean

PNG_EXT := native/pngreduce
$(STAMP): pyproject.toml constraints.txt $(PNG_EXT)/Cargo.toml $(PNG_EXT)/Cargo.lock $(PNG_EXT)/src/lib.rs
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	# The fast PNG decoder (Rust; crates pinned by Cargo.lock, build cached in
	# $(PNG_EXT)/target). Optional: without cargo, PNGs decode with Pillow.
	$(BIN)/pip install -q -c constraints.txt ./$(PNG_EXT) \
	  || echo "tipline-png not built (no Rust toolchain?): PNGs decode with Pillow, slower"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/tipline demo --config $(CONFIG)

# Starts real Kafka (KRaft), the S3 server (Object Lock) and a local KMS from deploy/, then runs every tier.
test: $(STAMP)
	bash deploy/test.sh

# The fault-injection suite alone (tests/faults/, marker "faults"): broker and
# S3 outages, full disks (tmpfs), replayed input, bad list reloads, kills.
test-faults: $(STAMP)
	bash deploy/test.sh -m faults

test-unit: $(STAMP)
	$(BIN)/pytest -q tests/unit tests/flow

# Mutation tier (tests/mutation, docs/testing.md): mutmut plants small bugs in the
# invariant modules and the unit+flow tests must notice. Writes out/mutation/score.json.
# `make mutation` runs every invariant module (nightly / on demand; RECORD=1 stores
# the baseline of each module that completed); `make mutation-changed` only those
# changed since the baseline. MUTATION_ARGS passes more options, e.g.
# MUTATION_ARGS="--keep --budget 3600" then MUTATION_ARGS="--resume /tmp/tipline-mutation-…"
# to finish a long run in several slots.
mutation: $(STAMP)
	$(BIN)/python -m tests.mutation.run_mutation $(if $(RECORD),--record) $(MUTATION_ARGS)

mutation-changed: $(STAMP)
	$(BIN)/python -m tests.mutation.run_mutation --changed --budget $${MUTATION_BUDGET:-1800}

# CI's gate: the recorded invariant modules changed since their recorded run, bounded;
# fails when the mutants checked in the budget score below fail_under (docs/testing.md).
mutation-gate: $(STAMP)
	$(BIN)/python -m tests.mutation.run_mutation --changed --gate --budget $${MUTATION_BUDGET:-600}

# The recorded score of every invariant module and their total (runs nothing).
mutation-baseline: $(STAMP)
	$(BIN)/python -m tests.mutation.run_mutation --baseline

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# End-to-end latency steps through real Kafka, then the hot-path micro-benchmarks.
bench: $(BENCH_STAMP)
	bash deploy/kafka.sh start >/dev/null
	$(BIN)/tipline bench --config config/bench.toml

services-start:
	bash deploy/kafka.sh start
	bash deploy/s3.sh start
	bash deploy/kms.sh start

services-stop:
	-bash deploy/kafka.sh stop
	-bash deploy/s3.sh stop
	-bash deploy/kms.sh stop

clean:
	rm -rf out .run
