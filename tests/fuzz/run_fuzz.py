#!/usr/bin/env python3
"""Runs the syscall fuzzer (syscall_fuzz.c, a guest program) under xisa and checks that xisa
survived it: the guest made every call and exited 0, xisa reported no error of its own, and
it neither crashed nor hung. The guest runs in a scratch directory of its own (its paths
never leave it: no '/' or '.' in them), which is removed afterwards.

A failure prints the command that reproduces it; FUZZ_TRACE=1 makes the guest print each call.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

# Lines of xisa's stderr that say xisa itself went wrong (not the guest).
XISA_FAILURE = re.compile(r"internal error|Assertion|AddressSanitizer|LeakSanitizer|"
                          r"runtime error|terminate called|xisa: error")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xisa", required=True)
    ap.add_argument("--launcher", default="",
                    help="command that runs xisa (qemu-user for a cross-built xisa)")
    ap.add_argument("--engine", default="interp")
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=3000)
    ap.add_argument("--timeout", type=int, default=240)
    args = ap.parse_args()

    scratch = tempfile.mkdtemp(prefix="xisa-fuzz-")
    command = shlex.split(args.launcher) + [args.xisa, "--engine", args.engine, args.binary, str(args.seed), str(args.count)]
    env = {"HOME": scratch, "TMPDIR": scratch, "LC_ALL": "C"}
    print("running (in a scratch directory):", " ".join(command))
    try:
        p = subprocess.run(command, cwd=scratch, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=args.timeout, start_new_session=True)
    except subprocess.TimeoutExpired:
        print("FAIL: xisa did not finish within %d s (hung?)" % args.timeout)
        return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    made = re.search(r"syscall_fuzz: (\d+) calls made", out)
    problems = []
    if p.returncode != 0:
        problems.append("exit status %d (a negative status is xisa dying of that signal)"
                        % p.returncode)
    if not made:
        problems.append("the guest did not report its calls (it died or lost its output)")
    bad = [line for line in err.splitlines() if XISA_FAILURE.search(line)]
    if bad:
        problems.append("xisa reported errors of its own:\n  " + "\n  ".join(bad[:10]))
    if problems:
        print("FAIL:\n" + "\n".join(problems))
        print("--- xisa stderr (last lines) ---\n" + "\n".join(err.splitlines()[-20:]))
        return 1
    print("ok: %s calls, %d distinct warnings from xisa"
          % (made.group(1), len(set(err.splitlines()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
