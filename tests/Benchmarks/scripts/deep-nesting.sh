#!/usr/bin/env bash
# Times hostile deep-nesting input (issue 12) against `validate` and the simulated API server.
#
#   tests/Benchmarks/scripts/deep-nesting.sh [RUNS]     (run from the repo root after `dotnet build src/AppHost -c Release`)
#
# For each depth (0 as the control, 100,000 and 300,000 levels of `[`…`]`: 200 KB and 600 KB) it writes a repo (one Application, one
# ConfigMap file holding the nesting) and runs
# `validate --repo` RUNS times (default 5), then starts `sim-cluster` and POSTs the same text as an
# application/yaml ConfigMap body RUNS times. Prints the median wall time of each and the answer (YAML001 / HTTP code).
set -euo pipefail
RUNS="${1:-5}"
APPHOST="dotnet src/AppHost/bin/Release/net10.0/PlatformValidation.AppHost.dll"
WORK="$(mktemp -d)"
trap 'kill "${SIM_PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
deep() { python3 -c "import sys; n=int(sys.argv[1]); sys.stdout.write('x: ' + '['*n + ']'*n + '\n')" "$1"; }

for depth in 0 100000 300000; do
  mkdir -p "$WORK/repo-$depth/apps" "$WORK/repo-$depth/deep"
  printf '%s\n' 'apiVersion: argoproj.io/v1alpha1' 'kind: Application' 'metadata: {name: deep, namespace: argocd}' 'spec:' \
    '  project: default' '  source: {repoURL: https://git.example.org/deep.git, path: deep, targetRevision: HEAD}' \
    '  destination: {server: https://kubernetes.default.svc, namespace: default}' > "$WORK/repo-$depth/apps/deep.yaml"
  { printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  '; deep "$depth"; } > "$WORK/repo-$depth/deep/deep.yaml"
  times=()
  for _ in $(seq "$RUNS"); do
    start=$(date +%s.%N)
    $APPHOST validate --repo "$WORK/repo-$depth" > "$WORK/out.txt" 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  echo "validate depth=$depth size=$(stat -c %s "$WORK/repo-$depth/deep/deep.yaml") B median=$(printf '%s\n' "${times[@]}" | median) s answer=$(grep -o 'YAML001' "$WORK/out.txt" | head -1)"
done

$APPHOST sim-cluster --kubeconfig "$WORK/kubeconfig" --port 0 > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 100); do grep -q "server:" "$WORK/kubeconfig" 2>/dev/null && break; sleep 0.2; done
SERVER=$(awk '/server:/ {print $2; exit}' "$WORK/kubeconfig")
TOKEN=$(awk '/token:/ {print $2; exit}' "$WORK/kubeconfig")
for depth in 0 100000 300000; do
  deep "$depth" > "$WORK/body-$depth.yaml"
  times=()
  for _ in $(seq "$RUNS"); do
    out=$(curl -sk -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/yaml' \
      --data-binary @"$WORK/body-$depth.yaml" "$SERVER/api/v1/namespaces/default/configmaps")
    code=${out% *}
    times+=("${out#* }")
  done
  echo "sim POST depth=$depth size=$(stat -c %s "$WORK/body-$depth.yaml") B median=$(printf '%s\n' "${times[@]}" | median) s answer=$code"
done
curl -sk -o /dev/null -w 'sim still serving: %{http_code}\n' -H "Authorization: Bearer $TOKEN" "$SERVER/version"
