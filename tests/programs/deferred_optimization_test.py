#!/usr/bin/env python3
"""Runs a program with --stats and checks that the dispatcher optimised only the blocks that ran
again (start-up code runs once, as lifted), and that every block the JIT compiled was optimised.
Usage: deferred_optimization_test.py [--launcher=CMD] XISA PROGRAM (CMD: an emulator that runs a
cross-built xisa)"""
import json
import shlex
import subprocess
import sys
import tempfile


def main() -> int:
    args = sys.argv[1:]
    launcher = []
    if args and args[0].startswith("--launcher="):
        launcher = shlex.split(args.pop(0)[len("--launcher="):])
    xisa, program = args
    with tempfile.NamedTemporaryFile(suffix=".json") as stats_file:
        run = subprocess.run(launcher + [xisa, "--engine", "jit", "--stats", "--stats-file", stats_file.name,
                              "--", program], capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            print(f"{program} exited with {run.returncode}: {run.stderr}")
            return 1
        stats = json.load(open(stats_file.name))
    translated, optimized = stats["blocks_translated"], stats["blocks_optimized"]
    compiled = stats["jit"]["blocks_compiled"]
    print(f"translated {translated}, optimised {optimized} in {stats['ir_optimize_ns']} ns, "
          f"compiled {compiled}")
    problems = []
    if not 0 < optimized < translated:
        problems.append("expected some, not all, blocks optimised")
    if stats["ir_optimize_ns"] <= 0:
        problems.append("no optimisation time recorded")
    if compiled > optimized:
        problems.append("the JIT compiled blocks that were never optimised")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
