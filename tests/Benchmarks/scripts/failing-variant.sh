#!/usr/bin/env bash
# Writes a copy of the bundled sample (scenarios/sample.yaml + scenarios/sample-platform) into DIR with one terminal
# sync failure in the widest profile: a Deployment the API server rejects (selector does not match the pod labels)
# appended to the kueue-tenants workload, which only the `full` profile applies. The matrix benchmark then compares
# the failing matrix with the passing one:
#   tests/Benchmarks/scripts/failing-variant.sh /tmp/pv-failing
#   dotnet run -c Release --project tests/Benchmarks -- matrix --runs 5 --scenario /tmp/pv-failing/sample.yaml
set -euo pipefail
dir=${1:?usage: failing-variant.sh DIR}
root=$(cd "$(dirname "$0")/../../.." && pwd)
rm -rf "$dir"
mkdir -p "$dir"
cp -r "$root/scenarios/sample-platform" "$dir/sample-platform"
cp "$root/scenarios/sample.yaml" "$dir/sample.yaml"
cat "$root/tests/Shared/TerminalSyncFailure.yaml" >> "$dir/sample-platform/workloads/kueue-tenants/tenants.yaml"
echo "$dir/sample.yaml"
