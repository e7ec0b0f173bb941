#!/usr/bin/env bash
# `make test`: start the real services the tests need, run every tier, stop them.
#
# Installs what the machine lacks (Chromium for the review console's browser test
# and the reviewer-page screenshot), resolves Kafka from Maven Central and builds
# the S3 and KMS servers with `go install` (all cached by the deploy scripts), then
# runs pytest over unit, flow, integration
# and e2e tests. pytest's "no tests collected" (exit 5) is a failure here: a
# run that tests nothing must not pass silently.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing chromium (review console browser test, reviewer page screenshot)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: chromium could not be installed; the browser tests will skip" >&2
fi

# The embedded default config names the demo hash list, and the e2e, deploy and
# bench tests use the demo data: generate it as `make demo` would (same seed).
if [ ! -f demo-data/hashlists/known.csv ]; then
  .venv/bin/tipline generate --out demo-data --seed 7 --sessions 160 >&2
fi

started=()
stop_services() {
  for svc in "${started[@]}"; do bash "deploy/$svc.sh" stop >/dev/null 2>&1 || true; done
}
trap stop_services EXIT

for svc in kafka s3 kms; do
  was_running=0
  bash "deploy/$svc.sh" status >/dev/null 2>&1 && was_running=1
  bash "deploy/$svc.sh" start >/dev/null
  [ "$was_running" = 1 ] || started+=("$svc")
done

set +e
.venv/bin/pytest -q -p no:cacheprovider "$@" tests
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
fi
exit "$rc"
