#!/usr/bin/env bash
# A local AWS KMS server for development and tests (the `kms` key provider).
#
#   deploy/kms.sh start    # prints KMS_ENDPOINT, KMS_REGION, KMS_ACCESS_KEY, KMS_SECRET_KEY
#   deploy/kms.sh stop
#   deploy/kms.sh status   # exit 0 when running
#
# The server is local-kms (github.com/nsmithuk/local-kms, MIT), built from
# source with `go install` and cached like deploy/s3.sh caches versitygw. It
# speaks the KMS JSON API (CreateKey, GenerateDataKey, Decrypt, ReEncrypt,
# aliases), keeps keys in a LevelDB under the state dir, and never hands out
# key material. It does not check request signatures, so the access key
# printed here is a placeholder boto3 needs to sign with, not a secret.
# local-kms has no bind-address option: it listens on every interface of
# this machine at KMS_PORT (a development server; never expose the port).
#
# Only the KEY=VALUE lines go to stdout, so callers can do
# `set -a; eval "$(deploy/kms.sh start)"; set +a`.
set -euo pipefail

SERVER_MODULE="github.com/nsmithuk/local-kms"
SERVER_VERSION="v0.0.0-20260228092603-2a5e92d09ab6"

CACHE_DIR="${TIPLINE_CACHE:-$HOME/.cache/tipline}/local-kms-${SERVER_VERSION}"
BIN="$CACHE_DIR/bin/local-kms"

STATE_DIR="${TIPLINE_RUN:-$PWD/.run}/kms"
DATA_DIR="$STATE_DIR/data"
PID_FILE="$STATE_DIR/server.pid"
ENV_FILE="$STATE_DIR/env"
LOG_FILE="$STATE_DIR/server.log"

PORT="${KMS_PORT:-9081}"
REGION="${KMS_REGION:-us-east-1}"
ACCOUNT_ID="${KMS_ACCOUNT_ID:-111122223333}"
START_TIMEOUT="${KMS_START_TIMEOUT:-30}"
STOP_TIMEOUT="${KMS_STOP_TIMEOUT:-15}"

log() { printf 'kms.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

PROCESS_PATTERN="local-kms"
# shellcheck source=deploy/service-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/service-lib.sh"

# --- binary ----------------------------------------------------------------

build_server() {
    go_build_server "$SERVER_MODULE" local-kms 1
}

# --- process ---------------------------------------------------------------

healthy() {
    # A real KMS call (ListKeys) in plain bash: no curl or Python needed.
    local status
    status="$(
        exec 2>/dev/null
        exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
        printf 'POST / HTTP/1.0\r\nHost: 127.0.0.1\r\nX-Amz-Target: TrentService.ListKeys\r\n' >&3
        printf 'Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}' >&3
        head -n 1 <&3
    )" || return 1
    [[ "$status" == *" 200 "* ]]
}

wait_ready() {
    wait_healthy "$1"
}

write_env() {
    (
        umask 077
        cat >"$ENV_FILE" <<EOF
KMS_ENDPOINT=http://127.0.0.1:${PORT}
KMS_REGION=${REGION}
KMS_ACCESS_KEY=local-kms
KMS_SECRET_KEY=local-kms
EOF
    )
}

cmd_start() {
    reuse_running && return 0
    local pid
    port_in_use "$PORT" && die "port $PORT is taken by another process"
    build_server
    rm -f "$ENV_FILE"
    mkdir -p "$DATA_DIR"

    local started=$SECONDS
    # KMS_SEED_PATH points at a file that does not exist: no seeded keys;
    # tests and `tipline keys rotate` create keys through the API.
    # setsid and 9>&-: see deploy/s3.sh.
    PORT="$PORT" KMS_REGION="$REGION" KMS_ACCOUNT_ID="$ACCOUNT_ID" \
        KMS_DATA_PATH="$DATA_DIR" KMS_SEED_PATH="$STATE_DIR/no-seed.yaml" \
        setsid "$BIN" >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started server pid $pid, waiting for http://127.0.0.1:$PORT (ListKeys)"
    wait_ready "$pid"
    write_env
    log "ready in $((SECONDS - started))s"
    cat "$ENV_FILE"
}

describe_running() {
    echo "endpoint $(sed -n 's/^KMS_ENDPOINT=//p' "$ENV_FILE" 2>/dev/null)"
}

service_main "$@"
