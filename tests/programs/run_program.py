#!/usr/bin/env python3
"""Runs one guest test program under xisa and checks its stdout and exit status.

The reference is, in order of preference:
  1. the same binary under qemu-user (--qemu qemu-riscv64), or natively (--native) for a guest
     that is the host's own ISA;
  2. the stored expectation tests/programs/expected/[<guest>/]<name>.out when neither can run.
An expectation file holds the program's stdout followed by one trailer line,
"[exit status N]" or "[killed by signal N]".

Regenerate the stored expectations (uses qemu or the native run, never xisa):
  tests/programs/run_program.py --regenerate ...       (one test, the arguments ctest shows), or
  XISA_REGENERATE=1 ctest -L programs -L riscv64       (every riscv64 test, from the build dir)

The engine comes from --engine, else $XISA_ENGINE, else "interp".
"""

import argparse
import difflib
import os
import re
import shlex
import signal
import subprocess
import sys

# The guest sees only this environment (under xisa, qemu and natively alike), so its output
# does not depend on who runs the test.
GUEST_ENV = {"XISA_TEST_VAR": "hello", "LC_ALL": "C", "TZ": "UTC"}


SKIP = 77  # ctest's SKIP_RETURN_CODE for these tests


def status_line(returncode):
    if returncode < 0:
        return "[killed by signal %d]" % -returncode
    return "[exit status %d]" % returncode


def run(command, timeout):
    """Returns (stdout + status trailer, stderr) of one run."""
    try:
        p = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=GUEST_ENV, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        return out + "[timed out after %ds]\n" % timeout, (e.stderr or b"").decode()
    out = p.stdout.decode("utf-8", "replace")
    if out and not out.endswith("\n"):
        out += "\n"
    return out + status_line(p.returncode) + "\n", p.stderr.decode("utf-8", "replace")


def expectation_path(args):
    per_guest = os.path.join(args.expected_dir, args.guest, args.name + ".out")
    return per_guest if os.path.exists(per_guest) else os.path.join(args.expected_dir,
                                                                    args.name + ".out")


def reference_command(args):
    if args.native:
        return [args.binary] + args.args
    if args.qemu:
        cpu = ["-cpu", args.qemu_cpu] if args.qemu_cpu else []
        return [args.qemu] + cpu + [args.binary] + args.args
    return None


def report_diff(expected, actual, expected_label):
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), fromfile=expected_label,
        tofile="xisa"))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--xisa", help="the xisa executable")
    parser.add_argument("--launcher", default="",
                        help="command that runs xisa (qemu-user for a cross-built xisa)")
    parser.add_argument("--engine", default=os.environ.get("XISA_ENGINE", "interp"))
    parser.add_argument("--guest", required=True)
    parser.add_argument("--name", required=True, help="expectation name: program[.args]")
    parser.add_argument("--binary", required=True, help="the guest program")
    parser.add_argument("--qemu", help="qemu-user executable for the guest, if installed")
    parser.add_argument("--qemu-cpu", help="qemu's -cpu, for programs built for extensions")
    parser.add_argument("--native", action="store_true", help="the guest runs natively here")
    parser.add_argument("--expected-dir", required=True)
    parser.add_argument("--expect-stderr", help="regex xisa's stderr must match (diagnostics)")
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--stored", action="store_true",
                        help="compare with the stored expectation only (qemu cannot run it)")
    parser.add_argument("--separator", action="store_true",
                        help="put xisa's '--' before the program (it must not reach the guest)")
    parser.add_argument("--regenerate", action="store_true",
                        default=os.environ.get("XISA_REGENERATE") == "1",
                        help="write the reference run's output as the stored expectation")
    parser.add_argument("--xisa-arg", action="append", default=[],
                        help="one more option for xisa (repeatable)")
    parser.add_argument("--allow-kvm-fallback", action="store_true",
                        help="--engine kvm may go on in the JIT (the fallback's own test)")
    parser.add_argument("args", nargs="*", help="the guest program's arguments (after --)")
    args = parser.parse_args()

    reference = reference_command(args)
    if args.stored and not args.native:
        reference = None
    if args.regenerate:
        if not reference:
            print("cannot regenerate %s: neither qemu nor a native run is available" % args.name)
            return 1
        out, _ = run(reference, args.timeout)
        path = os.path.join(args.expected_dir, args.name + ".out")
        if os.path.exists(os.path.join(args.expected_dir, args.guest, args.name + ".out")):
            path = os.path.join(args.expected_dir, args.guest, args.name + ".out")
        with open(path, "w") as f:
            f.write(out)
        print("wrote %s" % path)
        return 0

    if not args.xisa:
        parser.error("--xisa is required unless --regenerate")
    separator = ["--"] if args.separator else []
    xisa_args = list(args.xisa_arg)
    # These programs are short: under the default threshold (32 runs) most of their blocks
    # would only be interpreted. Compiling from a block's second run tests the JIT's code.
    if args.engine == "jit" and not any(a.startswith("--jit-compile-after") for a in xisa_args):
        xisa_args += ["--jit-compile-after", "2"]
    # The guest's environment is GUEST_ENV alone, so the store is named on the command line.
    if os.environ.get("XISA_TRANSLATION_CACHE"):
        xisa_args += ["--translation-cache", os.environ["XISA_TRANSLATION_CACHE"]]
    if args.engine == "kvm" and not args.allow_kvm_fallback:
        # A KVM test must not pass on the JIT: no fallback, and where KVM cannot run at all
        # (no /dev/kvm, no permission, no virtualisation) the test is skipped, saying why.
        xisa_args.append("--no-kvm-fallback")
    actual, actual_err = run(shlex.split(args.launcher) + [args.xisa, "--engine", args.engine] +
                             xisa_args + separator + [args.binary] + args.args, args.timeout)
    unavailable = re.search(r"kvm unavailable: (.*)", actual_err)
    if args.engine == "kvm" and not args.allow_kvm_fallback and unavailable and actual.endswith("[exit status 1]\n"):
        print("SKIP: KVM cannot run here: %s" % unavailable.group(1))
        return SKIP
    failed = False
    if reference:
        expected, _ = run(reference, args.timeout)
        label = "native" if args.native else args.qemu
        stored = expectation_path(args)
        if os.path.exists(stored) and open(stored).read() != expected:
            # Not a failure of xisa, but the stored file is stale: say so loudly.
            print("warning: %s differs from the %s run; regenerate it (see --help)" %
                  (stored, label))
    else:
        stored = expectation_path(args)
        if not os.path.exists(stored):
            print("no reference: %s is missing and no qemu/native run is possible" % stored)
            return 1
        expected = open(stored).read()
        label = stored

    if actual != expected:
        print("MISMATCH between %s and xisa (--engine %s) for %s %s" %
              (label, args.engine, args.binary, " ".join(args.args)))
        report_diff(expected, actual, label)
        failed = True
    if args.expect_stderr and not re.search(args.expect_stderr, actual_err):
        print("xisa's stderr does not match /%s/" % args.expect_stderr)
        failed = True
    if failed or os.environ.get("XISA_VERBOSE"):
        print("--- xisa stderr ---")
        sys.stdout.write(actual_err[-4000:])
    if not failed:
        print("ok: %s (%s)" % (args.name, status_line_from(actual)))
    return 1 if failed else 0


def status_line_from(output):
    lines = output.splitlines()
    return lines[-1] if lines else ""


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(main())
