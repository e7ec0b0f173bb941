# shellcheck shell=bash
# Shared by deploy/kafka.sh and deploy/s3.sh (sourced, not run): pid-file
# handling and an orderly stop for a background service.
# Callers define log(), PID_FILE, STOP_TIMEOUT and PROCESS_PATTERN.

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
