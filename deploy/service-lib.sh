# shellcheck shell=bash
# Shared by deploy/kafka.sh, deploy/s3.sh and deploy/kms.sh (sourced, not
# run): pid-file handling, start locking, health waits, building a pinned Go
# server once, an orderly stop, and the start|stop|status dispatch.
# Callers define log(), die(), PID_FILE, STOP_TIMEOUT and PROCESS_PATTERN.

# Print the pid of our running service, or return 1.
running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(<"$PID_FILE")"
    # A stale pid file may name a recycled pid: check it is still our service.
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null &&
        [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$PROCESS_PATTERN"* ]]; then
        echo "$pid"
        return 0
    fi
    return 1
}

# SIGTERM, wait up to STOP_TIMEOUT seconds, then SIGKILL; fine when not running.
stop_service() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$PID_FILE"
        log "not running"
        return 0
    fi
    log "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "no exit after ${STOP_TIMEOUT}s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$PID_FILE"
    log "stopped"
}

# Answer `start` for a service that already runs: takes the start lock (held
# until the script exits, so concurrent starts serialise), then prints the
# env file and returns 0; returns 1 when nothing runs. Callers define
# STATE_DIR, ENV_FILE, wait_ready() and write_env().
reuse_running() {
    mkdir -p "$STATE_DIR"
    exec 9>"$STATE_DIR/.lock"
    flock 9
    local pid
    if pid="$(running_pid)"; then
        # Still starting (e.g. an earlier start timed out): wait, then answer.
        [[ -f "$ENV_FILE" ]] || { wait_ready "$pid"; write_env; }
        cat "$ENV_FILE"
        return 0
    fi
    return 1
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Wait until healthy() answers; die if the process exits or START_TIMEOUT passes.
# Callers define healthy(), LOG_FILE and START_TIMEOUT.
wait_healthy() {
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

go_cmd() {
    if command -v go >/dev/null; then
        command -v go
    elif [[ -x /usr/local/go/bin/go ]]; then
        echo /usr/local/go/bin/go
    else
        die "the Go toolchain is needed to build $SERVER_MODULE"
    fi
}

# Build $SERVER_MODULE@$SERVER_VERSION once into $BIN (cached in $CACHE_DIR).
#   go_build_server PACKAGE BINARY MINUTES: PACKAGE is the main package's path
#   (the module or a folder of it), BINARY the name `go install` gives it.
go_build_server() {
    local package="$1" binary="$2" minutes="$3"
    [[ -x "$BIN" ]] && return 0
    mkdir -p "$CACHE_DIR"
    # Two test runs may start the server at once; only one should build.
    exec 8>"$CACHE_DIR/.lock"
    flock 8
    if [[ -x "$BIN" ]]; then exec 8>&-; return 0; fi

    local go started=$SECONDS
    go="$(go_cmd)"
    log "building $SERVER_MODULE@$SERVER_VERSION (first run only, ~$minutes min on 2 cores)"
    rm -rf "$CACHE_DIR/bin.partial"
    # GOTOOLCHAIN=local: the pinned version builds with the machine's Go, and
    # a silent toolchain download would only hide a broken pin.
    # -modcacherw keeps the module cache deletable with a plain rm -rf.
    if ! GOBIN="$CACHE_DIR/bin.partial" GOTOOLCHAIN=local GOFLAGS=-modcacherw \
        "$go" install -trimpath "$package@$SERVER_VERSION" >&2; then
        rm -rf "$CACHE_DIR/bin.partial"
        die "go install of $SERVER_MODULE@$SERVER_VERSION failed (see above)"
    fi
    mkdir -p "$CACHE_DIR/bin"
    mv "$CACHE_DIR/bin.partial/$binary" "$BIN"
    rm -rf "$CACHE_DIR/bin.partial"
    exec 8>&-
    log "built $BIN in $((SECONDS - started))s"
}

# start|stop|status. Callers define cmd_start() and describe_running() (one
# phrase after the pid in the status line).
service_main() {
    case "${1:-}" in
        start) cmd_start ;;
        stop) stop_service ;;
        status)
            local pid
            if pid="$(running_pid)"; then
                log "running, pid $pid, $(describe_running)"
                return 0
            fi
            log "not running"
            return 1
            ;;
        *)
            echo "usage: $0 start|stop|status" >&2
            exit 2
            ;;
    esac
}
