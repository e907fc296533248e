#!/usr/bin/env python3
"""Corpus benchmark for `validate --repo`: runs the built AppHost on every repo checkout in a folder.

Usage: validate-corpus.py CORPUS_DIR [--runs 3] [--apphost PATH] [--limit 10]

Each direct subdirectory of CORPUS_DIR is one checkout (not committed; docs/benchmarks.md lists the repos and commits
used). Every repo is validated once to warm the disk cache, then --runs times; the script prints, per repo, the median
wall time, the median CPU time of the process and its children (user + system, from getrusage, so kubectl kustomize is
included), the exit code, the coverage line and the error/warning counts, and flags a repo slower than --limit seconds.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def run(apphost, repo):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(["dotnet", apphost, "validate", "--repo", repo], capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=10.0)
    parser.add_argument("--apphost", default=os.path.join(ROOT, "src/AppHost/bin/Release/net10.0/PlatformValidation.AppHost.dll"))
    args = parser.parse_args()
    if not os.path.isfile(args.apphost):
        print(f"error: {args.apphost} not found; build first: dotnet build -c Release src/AppHost", file=sys.stderr)
        return 2

    repos = sorted(d for d in os.listdir(args.corpus) if os.path.isdir(os.path.join(args.corpus, d)))
    if not repos:
        print(f"error: no repo checkouts under {args.corpus}", file=sys.stderr)
        return 2

    print("| repo | commit | median wall | median CPU | exit | coverage | errors / warnings |")
    print("|---|---|---:|---:|---:|---|---|")
    slow = False
    for name in repos:
        path = os.path.join(args.corpus, name)
        commit = subprocess.run(["git", "-C", path, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip() or "?"
        run(args.apphost, path)
        results = [run(args.apphost, path) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        out = results[-1][2].stdout
        coverage = next((line.strip().removeprefix("coverage: ") for line in out.splitlines() if "coverage:" in line), "-")
        verdict = next((line for line in out.splitlines() if line.startswith(("PASSED", "FAILED"))), results[-1][2].stderr.strip()[:80])
        counts = verdict.split(":", 1)[1].split(" in ")[0].strip() if ":" in verdict else verdict
        slow |= wall > args.limit
        print(f"| {name} | {commit} | {wall:.2f} s{' **slow**' if wall > args.limit else ''} | {cpu:.2f} s | {results[-1][2].returncode} | {coverage} | {counts} |")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
