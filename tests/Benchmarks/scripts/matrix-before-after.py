#!/usr/bin/env python3
"""Interleaved A/B benchmark of `matrix` on sim (the bundled sample) for two built checkouts.

    tests/Benchmarks/scripts/matrix-before-after.py BEFORE_ROOT AFTER_ROOT [--runs 5]

Each root is a checkout whose src/AppHost was built with `dotnet build src/AppHost -c Release`. The runs alternate
(before, after, before, after, ...) so that load from other work on a shared machine falls on both alike. Each run is
`dotnet src/AppHost/bin/Release/net10.0/PlatformValidation.AppHost.dll matrix` started in its root, output piped
(headless: no Aspire Dashboard). Printed per run: wall time, time to the line "Substrate sim ready" (every resource
started and healthy: the start-up share), the suites' own time (the runner's "Passed in N s"), the teardown (from the end
of the suites to the summary line, which the CLI prints once everything is stopped) and the exit code; then the
medians.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

READY = "Substrate sim ready"
SUMMARY = re.compile(r"^Scenario .* in ([0-9.]+) s")


Run = tuple[float, float | None, float | None, float | None, int]


def run_once(root: str, timeout: float) -> Run:
    dll = os.path.join(root, "src/AppHost/bin/Release/net10.0/PlatformValidation.AppHost.dll")
    started = time.monotonic()
    ready = None
    suites = None
    summary = None
    proc = subprocess.Popen(["dotnet", dll, "matrix"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if ready is None and READY in line:
                ready = time.monotonic() - started
            if summary is None and (m := SUMMARY.match(line)):
                summary = time.monotonic() - started
                suites = float(m.group(1))
            if time.monotonic() - started > timeout:
                proc.kill()
                break
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return time.monotonic() - started, ready, suites, summary, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    results: dict[str, list[Run]] = {"before": [], "after": []}
    for i in range(args.runs):
        for name in ("before", "after"):
            load = os.getloadavg()[0]
            run = run_once(getattr(args, name), args.timeout)
            results[name].append(run)
            wall, ready, suites, summary, code = run
            print(f"run {i + 1} {name:6}: wall {wall:.2f} s, ready after {fmt(ready)}, suites {fmt(suites)}, "
                  f"teardown {fmt(teardown(run))}, exit {code}, load {load:.1f}", flush=True)
    for name, runs in results.items():
        wall = statistics.median([r[0] for r in runs])
        ready = median([r[1] for r in runs])
        print(f"{name:6}: median wall {wall:.2f} s, ready {fmt(ready)} ({(ready or 0) / wall:.0%} of the wall), "
              f"suites {fmt(median([r[2] for r in runs]))}, teardown {fmt(median([teardown(r) for r in runs]))}, "
              f"exits {[r[4] for r in runs]}")
    return 0 if all(r[4] == 0 for runs in results.values() for r in runs) else 1


def teardown(run: Run) -> float | None:
    _, ready, suites, summary, _ = run
    return None if ready is None or suites is None or summary is None else summary - ready - suites


def median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
