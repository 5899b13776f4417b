#!/usr/bin/env python3
"""Runs a program three times with one fresh translation store (--translation-cache): the first
run lifts every block and writes the store; the second (JIT) and third (interpreter) take every
block from it. All three must print what a run without a store prints, and --stats must show
where the blocks came from (blocks_loaded).
Usage: translation_store_test.py [--launcher=CMD] XISA PROGRAM [ARGS...] (CMD: an emulator that
runs a cross-built xisa)"""
import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile


def run(launcher, xisa, store, engine, program, stats_path):
    cmd = launcher + [xisa, "--engine", engine, "--translation-cache", store, "--stats",
                      "--stats-file", stats_path, "--"] + program
    p = subprocess.run(cmd, capture_output=True, timeout=120)
    stats = json.load(open(stats_path)) if os.path.exists(stats_path) else {}
    if os.path.exists(stats_path):
        os.unlink(stats_path)
    return p.stdout + b"[status %d]" % p.returncode, stats


def main() -> int:
    args = sys.argv[1:]
    launcher = []
    if args and args[0].startswith("--launcher="):
        launcher = shlex.split(args.pop(0)[len("--launcher="):])
    xisa, program = args[0], args[1:]
    problems = []
    with tempfile.TemporaryDirectory(prefix="xisa-store-") as d:
        store = os.path.join(d, "store")
        stats_path = os.path.join(d, "stats.json")
        reference, _ = run(launcher, xisa, "off", "jit", program, stats_path)
        for n, engine in enumerate(["jit", "jit", "interp"]):
            out, stats = run(launcher, xisa, store, engine, program, stats_path)
            translated, loaded = stats.get("blocks_translated", 0), stats.get("blocks_loaded", -1)
            print(f"run {n + 1} ({engine}): {translated} blocks, {loaded} from the store, "
                  f"{stats.get('blocks_not_stored')} not stored")
            if out != reference:
                problems.append(f"run {n + 1} printed {out[-300:]!r}, not {reference[-300:]!r}")
            if translated == 0:
                problems.append(f"run {n + 1}: no blocks translated")
            if n == 0 and loaded != 0:
                problems.append("the first run found blocks in an empty store")
            if n == 0:
                not_stored = stats.get("blocks_not_stored", -1)
            # What the first run could not keep (slow-path relifts, undecodable code) is
            # lifted again; everything else comes from the store.
            elif translated - loaded != not_stored:
                problems.append(f"run {n + 1} lifted {translated - loaded} blocks, the first "
                                f"run left {not_stored} out of the store")
            if n == 0 and len(glob.glob(os.path.join(store, "*.xir"))) != 1:
                problems.append(f"the first run left {os.listdir(store)} in the store")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
