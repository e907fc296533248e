#!/usr/bin/env python3
"""Interleaved A/B benchmark of `matrix` on sim (the bundled sample) for two built checkouts.

    scripts/benchmark-matrix-ab.py BEFORE_ROOT AFTER_ROOT [--runs 5]

Each root is a checkout whose src/AppHost was built with `dotnet build src/AppHost -c Release`. The runs alternate
(before, after, before, after, ...) so that load from other work on a shared machine falls on both alike. Each run is
`dotnet src/AppHost/bin/Release/net10.0/PlatformValidation.AppHost.dll matrix` started in its root, output piped
(headless: no Aspire Dashboard). Printed per run: wall time, time to the line "Substrate sim ready" (every resource
started and healthy: the start-up share) and the exit code; then the medians.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

READY = "Substrate sim ready"


def run_once(root: str, timeout: float) -> tuple[float, float | None, int]:
    dll = os.path.join(root, "src/AppHost/bin/Release/net10.0/PlatformValidation.AppHost.dll")
    started = time.monotonic()
    ready = None
    proc = subprocess.Popen(["dotnet", dll, "matrix"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if ready is None and READY in line:
                ready = time.monotonic() - started
            if time.monotonic() - started > timeout:
                proc.kill()
                break
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return time.monotonic() - started, ready, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float | None, int]]] = {"before": [], "after": []}
    for i in range(args.runs):
        for name in ("before", "after"):
            load = os.getloadavg()[0]
            wall, ready, code = run_once(getattr(args, name), args.timeout)
            results[name].append((wall, ready, code))
            ready_text = f"{ready:.2f} s" if ready is not None else "-"
            print(f"run {i + 1} {name:6}: wall {wall:.2f} s, ready after {ready_text}, exit {code}, load {load:.1f}", flush=True)
    for name, runs in results.items():
        walls = [w for w, _, _ in runs]
        readies = [r for _, r, _ in runs if r is not None]
        ready_median = statistics.median(readies) if readies else float("nan")
        print(f"{name:6}: median wall {statistics.median(walls):.2f} s, median ready {ready_median:.2f} s "
              f"({ready_median / statistics.median(walls):.0%} of the wall), exits {[c for _, _, c in runs]}")
    return 0 if all(c == 0 for runs in results.values() for _, _, c in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
