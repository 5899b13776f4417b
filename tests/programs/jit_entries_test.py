#!/usr/bin/env python3
"""Runs a program in the JIT with --stats and checks that it entered translated code from the
dispatcher at most --max-entries times: a hot loop that keeps leaving its code shows up there.
Usage: jit_entries_test.py [--launcher=CMD] --max-entries=N XISA PROGRAM [ARGS...] (CMD: an
emulator that runs a cross-built xisa)"""
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
    max_entries = int(args.pop(0)[len("--max-entries="):])
    xisa, program, *program_args = args
    with tempfile.NamedTemporaryFile(suffix=".json") as stats_file:
        run = subprocess.run(launcher + [xisa, "--engine", "jit", "--stats", "--stats-file",
                                         stats_file.name, "--", program, *program_args],
                             capture_output=True, text=True, timeout=240)
        if run.returncode != 0:
            print(f"{program} exited with {run.returncode}: {run.stderr}")
            return 1
        stats = json.load(open(stats_file.name))
    entries = stats["jit"]["entries"]
    print(f"{run.stdout.strip()}\njit entries: {entries} (at most {max_entries})")
    if entries > max_entries:
        print("FAIL: the program kept returning to the dispatcher")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
