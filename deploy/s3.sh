#!/usr/bin/env bash
# S3 server with server-enforced Object Lock for development, tests and
# benchmarks (the vault's S3 role in docs/design.md's real components).
#
#   deploy/s3.sh start    # prints S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION
#   deploy/s3.sh stop
#   deploy/s3.sh status   # exit 0 when running
#
# The server is the Versity S3 Gateway (versitygw, Apache-2.0) over a plain
# directory, built from source with the Go toolchain. MinIO itself is AGPL,
# which this workplace's package rules exclude ("under the AGPL; use something
# else"); versitygw enforces COMPLIANCE retention and legal holds the same way
# (deploy/check_s3_object_lock.py proves it). The script was deploy/minio.sh;
# the contract (docs/contract.md §5) now names it deploy/s3.sh.
#
# Only the KEY=VALUE lines go to stdout, so callers can do
# `set -a; eval "$(deploy/s3.sh start)"; set +a`.
set -euo pipefail

SERVER_MODULE="github.com/versity/versitygw"
SERVER_VERSION="v1.8.0"

CACHE_DIR="${TIPLINE_CACHE:-$HOME/.cache/tipline}/versitygw-${SERVER_VERSION}"
BIN="$CACHE_DIR/bin/versitygw"

STATE_DIR="${TIPLINE_RUN:-$PWD/.run}/s3"
DATA_DIR="$STATE_DIR/data"
VERSIONS_DIR="$STATE_DIR/versions"
PID_FILE="$STATE_DIR/server.pid"
CREDS_FILE="$STATE_DIR/credentials"
ENV_FILE="$STATE_DIR/env"
LOG_FILE="$STATE_DIR/server.log"

PORT="${S3_PORT:-9000}"
REGION="${S3_REGION:-us-east-1}"
# MinIO's liveness path, so anything written against MinIO probes it as is.
HEALTH_PATH="/minio/health/live"
START_TIMEOUT="${S3_START_TIMEOUT:-60}"
STOP_TIMEOUT="${S3_STOP_TIMEOUT:-15}"

log() { printf 's3.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

PROCESS_PATTERN="versitygw"
# shellcheck source=deploy/service-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/service-lib.sh"

# --- binary ----------------------------------------------------------------

build_server() {
    go_build_server "$SERVER_MODULE/cmd/versitygw" versitygw 2
}

# --- process ---------------------------------------------------------------


healthy() {
    # Plain bash HTTP/1.0 request: no curl or Python needed on the machine.
    local status
    status="$(
        exec 2>/dev/null
        exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
        printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$HEALTH_PATH" >&3
        head -n 1 <&3
    )" || return 1
    [[ "$status" == *" 200 "* ]]
}

ensure_credentials() {
    [[ -f "$CREDS_FILE" ]] && return 0
    # Generated once per state dir, so data written earlier stays readable.
    local random
    random="$(LC_ALL=C tr -dc 'A-Za-z0-9' < <(head -c 1024 /dev/urandom))"
    (
        umask 077
        printf 'S3_ACCESS_KEY=tipline-dev\nS3_SECRET_KEY=%s\n' "${random:0:24}" >"$CREDS_FILE"
    )
}

cred() {
    sed -n "s/^$1=//p" "$CREDS_FILE"
}

wait_ready() {
    wait_healthy "$1"
}

write_env() {
    (
        umask 077
        cat >"$ENV_FILE" <<EOF
S3_ENDPOINT=http://127.0.0.1:${PORT}
S3_ACCESS_KEY=$(cred S3_ACCESS_KEY)
S3_SECRET_KEY=$(cred S3_SECRET_KEY)
S3_REGION=${REGION}
EOF
    )
}

cmd_start() {
    reuse_running && return 0
    local pid
    port_in_use "$PORT" && die "port $PORT is taken by another process"
    build_server
    ensure_credentials
    rm -f "$ENV_FILE"
    mkdir -p "$DATA_DIR" "$VERSIONS_DIR"

    local started=$SECONDS
    # Keys go in through the environment, not argv, so ps does not show them.
    # --versioning-dir: Object Lock needs versioned buckets.
    # --keep-alive: boto3 reuses connections; without it each call reconnects.
    # setsid: the server must outlive this script and the caller's terminal;
    # 9>&-: and must not inherit (and so hold forever) the start lock.
    ROOT_ACCESS_KEY_ID="$(cred S3_ACCESS_KEY)" \
        ROOT_SECRET_ACCESS_KEY="$(cred S3_SECRET_KEY)" \
        setsid "$BIN" --port "127.0.0.1:$PORT" --region "$REGION" \
        --health "$HEALTH_PATH" --keep-alive --quiet \
        posix --versioning-dir "$VERSIONS_DIR" "$DATA_DIR" \
        >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started server pid $pid, waiting for http://127.0.0.1:$PORT$HEALTH_PATH"
    wait_ready "$pid"
    write_env
    log "ready in $((SECONDS - started))s"
    cat "$ENV_FILE"
}

describe_running() {
    echo "endpoint $(sed -n 's/^S3_ENDPOINT=//p' "$ENV_FILE" 2>/dev/null)"
}

service_main "$@"
