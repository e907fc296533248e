#!/usr/bin/env bash
# Runs every test of the solution, installing what the tests need when it is missing, and ends with one line
# "N passed, N failed, N skipped" counted from the TRX results. Exit code: 0 when nothing failed.
#
#   ./test.sh                  all tests
#   ./test.sh --filter EXPR    a subset (dotnet test --filter syntax)
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

# Browser tests need Debian's Chromium (Playwright cannot download its own browser here).
if ! command -v chromium >/dev/null 2>&1 && [ -z "${PV_SKIP_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1; then
  log "installing chromium (browser tests)"
  (as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium) >/tmp/pv-apt-chromium.log 2>&1 \
    || log "could not install chromium (see /tmp/pv-apt-chromium.log); browser tests will skip with the reason"
fi

# The fake-llm metrics tests validate /metrics with the Prometheus project's own Python parser (Debian package;
# PyPI is not reachable here).
# The tests run Debian's /usr/bin/python3 (a pyenv python3 on PATH does not see Debian's packages).
if ! /usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 && [ -z "${PV_SKIP_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1; then
  log "installing python3-prometheus-client (metrics tests)"
  (as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-prometheus-client) >/tmp/pv-apt-prom.log 2>&1 \
    || log "could not install python3-prometheus-client (see /tmp/pv-apt-prom.log); metrics parser tests will skip with the reason"
fi

# Container tests need a Docker engine. Start one when the daemon is installed but not running.
if [ -z "${PV_SKIP_DOCKER:-}" ]; then
  export DOCKER_API_VERSION="${DOCKER_API_VERSION:-1.41}" TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
  if ! docker info >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1; then
    log "starting dockerd (container tests)"
    (as_root dockerd >/tmp/pv-dockerd.log 2>&1 &) || true
    for _ in $(seq 1 30); do docker info >/dev/null 2>&1 && break; sleep 1; done
    docker info >/dev/null 2>&1 || log "dockerd did not start (see /tmp/pv-dockerd.log); container tests will skip with the reason"
  fi
fi

results="TestResults"
rm -rf "$results"
dotnet test PlatformValidation.sln -c Release --results-directory "$results" \
  "$@"
status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  # Count each test's own outcome (NUnit's ignored tests are NotExecuted and are not in the TRX counters).
  outcomes=$(grep -o '<UnitTestResult [^>]*>' "$trx" | grep -o ' outcome="[A-Za-z]*"' || true)
  count() { printf '%s\n' "$outcomes" | grep -c -E "\"($1)\"" || true; }
  passed=$((passed + $(count 'Passed')))
  failed=$((failed + $(count 'Failed|Error|Timeout|Aborted')))
  skipped=$((skipped + $(count 'NotExecuted|Inconclusive|Pending|NotRunnable')))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The run itself failed (build error, crashed test host): count it so CI never reads it as green.
  failed=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
