#!/usr/bin/env bash
# Single-node Apache Kafka broker (KRaft, broker+controller in one JVM) for
# development, tests and benchmarks. No Docker here, so the broker runs
# straight from its Maven Central jars.
#
#   deploy/kafka.sh start    # prints the bootstrap address, e.g. 127.0.0.1:9092
#   deploy/kafka.sh stop
#   deploy/kafka.sh status   # exit 0 when running
#
# Only the bootstrap address goes to stdout, so callers can do
# `BOOTSTRAP=$(deploy/kafka.sh start)`; progress and errors go to stderr.
set -euo pipefail

KAFKA_VERSION="4.1.2"
SCALA_VERSION="2.13"
# Kafka's own jars pull in log4j-api/-core but not the slf4j 1.x binding that
# the distribution ships; without it the broker logs nothing at all.
LOG4J_VERSION="2.25.3"

CACHE_DIR="${TIPLINE_CACHE:-$HOME/.cache/tipline}/kafka-${KAFKA_VERSION}"
LIBS_DIR="$CACHE_DIR/libs"
LIBS_MARKER="$CACHE_DIR/.complete"

STATE_DIR="${TIPLINE_RUN:-$PWD/.run}/kafka"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
PID_FILE="$STATE_DIR/kafka.pid"
ADDR_FILE="$STATE_DIR/bootstrap"
ENV_FILE="$ADDR_FILE"  # what `start` prints (service-lib.sh)
CONSOLE_LOG="$LOG_DIR/console.log"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:-512m}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
LOG_OFFSET=0

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

PROCESS_PATTERN="kafka.Kafka"
# shellcheck source=deploy/service-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/service-lib.sh"

# --- jars ------------------------------------------------------------------

resolve_jars() {
    [[ -f "$LIBS_MARKER" ]] && return 0
    mkdir -p "$CACHE_DIR"
    # Two test runs may start the broker at once; only one should download.
    exec 8>"$CACHE_DIR/.lock"
    flock 8
    if [[ -f "$LIBS_MARKER" ]]; then exec 8>&-; return 0; fi

    log "resolving Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR"
    local work
    work="$(mktemp -d)"
    # kafka-tools is not needed by the broker itself, but brings the CLI
    # classes (TopicCommand, ConsumerGroupCommand) for poking at a test broker.
    cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>tipline.dev</groupId>
  <artifactId>kafka-broker-libs</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_${SCALA_VERSION}</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-server</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-storage</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-core</artifactId><version>${LOG4J_VERSION}</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>${LOG4J_VERSION}</version></dependency>
  </dependencies>
</project>
EOF
    rm -rf "$LIBS_DIR.partial"
    # Maven's output (escape codes even with -q) goes to a file, shown on failure.
    if ! mvn -B -f "$work/pom.xml" dependency:copy-dependencies \
            -DincludeScope=runtime -DoutputDirectory="$LIBS_DIR.partial" \
            >"$CACHE_DIR/resolve.log" 2>&1; then
        tail -30 "$CACHE_DIR/resolve.log" >&2
        rm -rf "$work" "$LIBS_DIR.partial"
        die "Maven could not resolve the Kafka jars (log: $CACHE_DIR/resolve.log)"
    fi
    rm -rf "$work" "$LIBS_DIR"
    mv "$LIBS_DIR.partial" "$LIBS_DIR"
    touch "$LIBS_MARKER"
    exec 8>&-
    log "resolved $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars"
}

# --- process ---------------------------------------------------------------

write_config() {
    mkdir -p "$DATA_DIR" "$LOG_DIR"
    # Rewritten on every start so port changes apply; data survives restarts.
    cat >"$STATE_DIR/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${PORT}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${DATA_DIR}

# One node: every internal topic must make do with one replica.
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
# Tests create a consumer group and expect it to be served at once.
group.initial.rebalance.delay.ms=0
# Keep the 2-core machine free for the code under test.
num.network.threads=2
num.io.threads=2
log.retention.hours=24
EOF
    cat >"$STATE_DIR/log4j2.properties" <<EOF
status = warn
appender.file.type = RollingFile
appender.file.name = file
appender.file.fileName = ${LOG_DIR}/server.log
appender.file.filePattern = ${LOG_DIR}/server.log.%i
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
appender.file.policies.type = Policies
appender.file.policies.size.type = SizeBasedTriggeringPolicy
appender.file.policies.size.size = 50MB
appender.file.strategy.type = DefaultRolloverStrategy
appender.file.strategy.max = 2
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.kafkaclients.name = org.apache.kafka
logger.kafkaclients.level = INFO
EOF
}

java_opts() {
    printf '%s\n' "-Xmx$HEAP" "-Xms$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
        -Djava.awt.headless=true \
        "-Dlog4j2.configurationFile=$STATE_DIR/log4j2.properties" \
        "-Dkafka.logs.dir=$LOG_DIR" \
        -cp "$LIBS_DIR/*"
}

format_storage() {
    [[ -f "$DATA_DIR/meta.properties" ]] && return 0
    log "formatting KRaft storage in $DATA_DIR"
    # A Kafka Uuid is 16 random bytes in unpadded URL-safe base64. Like Kafka's
    # own Uuid.randomUuid(), never one that starts with "-": the tool would read
    # it as an option ("--cluster-id: expected one argument"), 1 start in 64.
    local cluster_id opts
    cluster_id="-"
    while [[ "$cluster_id" == -* ]]; do
        cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    mapfile -t opts < <(java_opts)
    "$JAVA" "${opts[@]}" kafka.tools.StorageTool format \
        -t "$cluster_id" -c "$STATE_DIR/server.properties" \
        >>"$CONSOLE_LOG" 2>&1 || { tail -20 "$CONSOLE_LOG" >&2; die "storage format failed"; }
}

broker_answers() {
    local py="${TIPLINE_PYTHON:-$REPO_DIR/.venv/bin/python}"
    if [[ -x "$py" ]] && "$py" -c 'import confluent_kafka' 2>/dev/null; then
        "$py" - "127.0.0.1:$PORT" <<'EOF' 2>/dev/null
import sys
from confluent_kafka.admin import AdminClient
AdminClient({"bootstrap.servers": sys.argv[1]}).list_topics(timeout=3)
EOF
    else
        # Only lines logged since this start count: the log survives restarts
        # (and may have rolled over, hence the size check).
        local log="$LOG_DIR/server.log" from=$((LOG_OFFSET + 1))
        [[ -f "$log" ]] || return 1
        (($(stat -c %s "$log") >= LOG_OFFSET)) || from=1
        tail -c "+$from" "$log" | grep 'Kafka Server started' >/dev/null
    fi
}

wait_ready() {
    local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
    while ((SECONDS < deadline)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -30 "$CONSOLE_LOG" "$LOG_DIR/server.log" >&2 2>/dev/null || true
            rm -f "$PID_FILE"
            die "broker exited during start-up (logs in $LOG_DIR)"
        fi
        if port_in_use "$PORT" && broker_answers; then
            return 0
        fi
        sleep 0.5
    done
    die "broker not ready after ${START_TIMEOUT}s (logs in $LOG_DIR); left running as pid $pid"
}

write_env() {
    echo "127.0.0.1:$PORT" >"$ADDR_FILE"
}

cmd_start() {
    reuse_running && return 0
    local pid
    command -v "$JAVA" >/dev/null || die "java not found (set JAVA_HOME)"
    for p in "$PORT" "$CONTROLLER_PORT"; do
        port_in_use "$p" && die "port $p is taken by another process"
    done
    resolve_jars
    rm -f "$ADDR_FILE"
    write_config
    format_storage

    local started=$SECONDS opts
    LOG_OFFSET="$(stat -c %s "$LOG_DIR/server.log" 2>/dev/null || echo 0)"
    mapfile -t opts < <(java_opts)
    # setsid: the broker must outlive this script and the caller's terminal.
    # 9>&-: the broker must not inherit (and so hold forever) the start lock.
    setsid "$JAVA" "${opts[@]}" kafka.Kafka "$STATE_DIR/server.properties" \
        >>"$CONSOLE_LOG" 2>&1 </dev/null 9>&- &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started broker pid $pid, waiting for 127.0.0.1:$PORT"
    wait_ready "$pid"
    write_env
    log "ready in $((SECONDS - started))s"
    cat "$ADDR_FILE"
}

describe_running() {
    echo "bootstrap $(cat "$ADDR_FILE" 2>/dev/null || echo "127.0.0.1:$PORT")"
}

service_main "$@"
