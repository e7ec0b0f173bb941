#!/bin/sh
# Start one process of a tipline Bytewax cluster inside a Kubernetes StatefulSet.
#
# Derives from the pod's stable hostname (<statefulset>-<ordinal>):
#   -i  the process id = the ordinal
#   -a  every process address, <statefulset>-<k>.<service>:<port> for k < replicas
# and puts recovery partition(s) on this pod's own volume before the first start:
# partition p lives on pod p % TIPLINE_PROCESSES (created once, never re-created).
#
# Environment (set by deploy/k8s/statefulset.yaml):
#   TIPLINE_PROCESSES            replicas of the StatefulSet (the cluster size)
#   TIPLINE_CLUSTER_SERVICE      the headless Service name (DNS subdomain)
#   TIPLINE_CLUSTER_PORT         Bytewax inter-process port (default 2101)
#   TIPLINE_RECOVERY_PARTITIONS  recovery.partitions of the config (fixed at first start)
#   TIPLINE_RECOVERY_DIR         recovery.path of the config
#   TIPLINE_CONFIG               the config file (default /etc/tipline/tipline.toml)
# Any arguments are passed on to `tipline run` (e.g. -w 2).
set -eu

config="${TIPLINE_CONFIG:-/etc/tipline/tipline.toml}"
processes="${TIPLINE_PROCESSES:?set TIPLINE_PROCESSES to the StatefulSet replicas}"
service="${TIPLINE_CLUSTER_SERVICE:?set TIPLINE_CLUSTER_SERVICE to the headless Service}"
port="${TIPLINE_CLUSTER_PORT:-2101}"
partitions="${TIPLINE_RECOVERY_PARTITIONS:-$processes}"
recovery_dir="${TIPLINE_RECOVERY_DIR:-/var/lib/tipline/recovery}"

host="$(hostname)"
ordinal="${host##*-}"
base="${host%-*}"
case "$ordinal" in
  ''|*[!0-9]*) echo "entrypoint: hostname '$host' has no StatefulSet ordinal" >&2; exit 64 ;;
esac
if [ "$ordinal" -ge "$processes" ]; then
  echo "entrypoint: ordinal $ordinal >= TIPLINE_PROCESSES=$processes" >&2; exit 64
fi

addresses=""
k=0
while [ "$k" -lt "$processes" ]; do
  addresses="${addresses:+$addresses;}${base}-${k}.${service}:${port}"
  k=$((k + 1))
done

# Recovery partitions: create this pod's share once. Bytewax finds the whole set
# across the cluster's processes; a missing or duplicated partition is an error,
# so nothing here ever re-creates a partition that exists elsewhere.
mkdir -p "$recovery_dir"
if ! ls "$recovery_dir"/part-*.sqlite3 >/dev/null 2>&1; then
  if [ -e "$recovery_dir/.initialised" ]; then
    echo "entrypoint: $recovery_dir lost its partitions; restore them (docs/deployment.md)" >&2
    exit 65
  fi
  scratch="$(mktemp -d)"
  python -m bytewax.recovery "$scratch" "$partitions"
  p=0
  while [ "$p" -lt "$partitions" ]; do
    if [ $((p % processes)) -eq "$ordinal" ]; then
      cp "$scratch/part-$p.sqlite3" "$recovery_dir/"
    fi
    p=$((p + 1))
  done
  rm -rf "$scratch"
  : > "$recovery_dir/.initialised"
fi

echo "entrypoint: process $ordinal of $processes, addresses $addresses" >&2
exec tipline run --config "$config" -a "$addresses" -i "$ordinal" "$@"
