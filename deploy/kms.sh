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

go_cmd() {
    if command -v go >/dev/null; then
        command -v go
    elif [[ -x /usr/local/go/bin/go ]]; then
        echo /usr/local/go/bin/go
    else
        die "the Go toolchain is needed to build $SERVER_MODULE"
    fi
}

build_server() {
    [[ -x "$BIN" ]] && return 0
    mkdir -p "$CACHE_DIR"
    # Two test runs may start the server at once; only one should build.
    exec 8>"$CACHE_DIR/.lock"
    flock 8
    if [[ -x "$BIN" ]]; then exec 8>&-; return 0; fi

    local go started=$SECONDS
    go="$(go_cmd)"
    log "building $SERVER_MODULE@$SERVER_VERSION (first run only, ~1 min on 2 cores)"
    rm -rf "$CACHE_DIR/bin.partial"
    # GOTOOLCHAIN=local and -modcacherw: see deploy/s3.sh.
    if ! GOBIN="$CACHE_DIR/bin.partial" GOTOOLCHAIN=local GOFLAGS=-modcacherw \
        "$go" install -trimpath "$SERVER_MODULE@$SERVER_VERSION" >&2; then
        rm -rf "$CACHE_DIR/bin.partial"
        die "go install of $SERVER_MODULE@$SERVER_VERSION failed (see above)"
    fi
    mkdir -p "$CACHE_DIR/bin"
    mv "$CACHE_DIR/bin.partial/local-kms" "$BIN"
    rm -rf "$CACHE_DIR/bin.partial"
    exec 8>&-
    log "built $BIN in $((SECONDS - started))s"
}

# --- process ---------------------------------------------------------------

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

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
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -30 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE"
            die "server exited during start-up (log: $LOG_FILE)"
        fi
        healthy && return 0
        sleep 0.2
    done
    die "server not healthy after ${START_TIMEOUT}s (log: $LOG_FILE); left running as pid $pid"
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
    mkdir -p "$STATE_DIR"
    # Serialise concurrent starts so the second one finds the first's server.
    exec 9>"$STATE_DIR/.lock"
    flock 9
    local pid
    if pid="$(running_pid)"; then
        [[ -f "$ENV_FILE" ]] || { wait_ready "$pid"; write_env; }
        cat "$ENV_FILE"
        return 0
    fi
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

cmd_stop() {
    stop_service
}

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        log "running, pid $pid, endpoint $(sed -n 's/^KMS_ENDPOINT=//p' "$ENV_FILE" 2>/dev/null)"
        return 0
    fi
    log "not running"
    return 1
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
