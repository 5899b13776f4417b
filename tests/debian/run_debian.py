#!/usr/bin/env python3
"""Debian's own programs under xisa, compared with qemu-user on the same sysroot.

For one guest and engine: builds (or reuses) the guest's sysroot from Debian's packages with
scripts/fetch-debian-sysroot.sh, then runs each case under `qemu-<guest> -L SYSROOT` and under
`xisa --engine E -L SYSROOT`, and compares stdout and exit status. Cases that need work still
open are listed with the issue that brings them (XFAIL); one that passes anyway is reported
(XPASS) without failing. Exits 77 (ctest: skipped) when Debian's archive cannot be reached.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FETCH = os.path.join(HERE, "..", "..", "scripts", "fetch-debian-sysroot.sh")
SKIP = 77

PYTHON_THREADS = ("import json, os, threading\n"
                  "out = []\n"
                  "def work(n): out.append(json.dumps({'n': n, 'sq': n * n}))\n"
                  "ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]\n"
                  "[t.start() for t in ts]; [t.join() for t in ts]\n"
                  "print(sorted(out)); print(os.path.basename(os.getcwd()))")

PYTHON_SUBPROCESS = ("import subprocess, sys\n"
                     "r = subprocess.run([sys.executable, '-c', 'print(6 * 7)'],"
                     " capture_output=True, text=True)\n"
                     "print(r.returncode, r.stdout.strip())")

# OpenSSL's digests and zlib's CRC: on arm64 they take the SHA and CRC32 instruction paths that
# AT_HWCAP announces, on amd64 SHA-NI.
PYTHON_HASHLIB = ("import binascii, hashlib, zlib\n"
                  "d = bytes(range(256)) * 100\n"
                  "for name in ('sha1', 'sha256', 'sha512', 'sha3_256', 'md5'):\n"
                  "    print(name, hashlib.new(name, d).hexdigest())\n"
                  "print('crc32', zlib.crc32(d), binascii.crc32(d[1:]))")

# name: argv, with {sysroot} and {dir} replaced
CASES = {
    "ls_l": ["{sysroot}/usr/bin/ls", "-l", "--time-style=+%Y", "{dir}"],
    "sort": ["{sysroot}/usr/bin/sort", "-r", "{dir}/words.txt"],
    "sha256sum": ["{sysroot}/usr/bin/sha256sum", "{dir}/words.txt"],
    "wc": ["{sysroot}/usr/bin/wc", "{dir}/words.txt"],
    "lua": ["{sysroot}/usr/bin/lua5.4", "-e",
            "local t = {} for i = 1, 10 do t[i] = i * i end print(table.concat(t, ','), "
            "string.format('%.3f', math.pi))"],
    "python_threads": ["{sysroot}/usr/bin/python3", "-c", PYTHON_THREADS],
    "python_hashlib": ["{sysroot}/usr/bin/python3", "-c", PYTHON_HASHLIB],
    "busybox_sh": ["{sysroot}/bin/busybox", "sh", "-c",
                   "x=$((6 * 7)); for i in 1 2 3; do echo $i $x; done; echo ${#x}"],
    "busybox_pipe": ["{sysroot}/bin/busybox", "sh", "-c", "echo $((1 + 2)) | cat"],
    "busybox_jobs": ["{sysroot}/bin/busybox", "sh", "-c",
                     "x=$(echo sub | tr a-z A-Z); echo \"[$x]\"; (echo subshell); "
                     "sleep 0 & wait; echo waited $?"],
    "env_exec": ["{sysroot}/usr/bin/env", "-i", "A=1", "{sysroot}/usr/bin/printenv", "A"],
    "python_subprocess": ["{sysroot}/usr/bin/python3", "-c", PYTHON_SUBPROCESS],
    "cp_r_find": ["{sysroot}/bin/busybox", "sh", "-c",
                  "cd {dir} && {sysroot}/usr/bin/mkdir copy && {sysroot}/usr/bin/cp -r sub words.txt copy/ && "
                  "{sysroot}/usr/bin/find . -name '*.txt' -o -type d -name sub | "
                  "{sysroot}/usr/bin/sort"],
}

# Cases whose child processes exec guest binaries (env, python's subprocess, a shell running
# coreutils and findutils): qemu-user cannot run those without
# binfmt_misc, so the expected output is stored here.
EXPECTED = {
    "env_exec": "1\n[status 0]",
    "python_subprocess": "0 42\n[status 0]",
    "cp_r_find": "./copy/sub\n./copy/words.txt\n./sub\n./words.txt\n[status 0]",
}

# Cases expected to fail, by name, with the issue that brings them. None today: Debian 13's
# amd64 programs run since MMX (the x86-64 baseline glibc checks) is implemented.
XFAIL = {}
XFAIL_GUEST = {}


def make_fixture(d):
    with open(os.path.join(d, "words.txt"), "w") as f:
        f.write("pear\napple\nfig\nbanana\ncherry\n")
    with open(os.path.join(d, "empty"), "w"):
        pass
    os.mkdir(os.path.join(d, "sub"))
    for name in ("words.txt", "empty", "sub"):
        os.utime(os.path.join(d, name), (1700000000, 1700000000))


def run(cmd, timeout):
    env = {"LC_ALL": "C", "TZ": "UTC", "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"}
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return "[timed out]", ""
    return (p.stdout.decode("utf-8", "replace") + "[status %d]" % p.returncode,
            p.stderr.decode("utf-8", "replace"))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--xisa", required=True)
    ap.add_argument("--guest", required=True, choices=["aarch64", "riscv64", "x86_64"])
    ap.add_argument("--engine", default="jit")
    ap.add_argument("--sysroot-dir", required=True, help="where the sysroots are kept")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--timeout", type=int, default=120)
    args = ap.parse_args()

    sysroot = os.path.join(args.sysroot_dir, args.guest)
    fetch = subprocess.run(["bash", FETCH, args.guest, sysroot], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    if fetch.returncode == 3:
        print("SKIP: Debian's archive is not reachable; no %s sysroot" % args.guest)
        return SKIP
    if fetch.returncode != 0:
        print(fetch.stdout.decode("utf-8", "replace"))
        print("FAIL: cannot build the %s sysroot" % args.guest)
        return 1

    qemu = "qemu-" + args.guest
    failed = passed = xfailed = 0
    with tempfile.TemporaryDirectory(prefix="xisa-debian-") as d:
        make_fixture(d)
        for name in args.cases.split(","):
            argv = [a.replace("{sysroot}", sysroot).replace("{dir}", d) for a in CASES[name]]
            expected = EXPECTED.get(name)
            if expected is None:
                expected, _ = run([qemu, "-L", sysroot] + argv, args.timeout)
            # A KVM run must not pass on the JIT: no fallback, and where KVM cannot run at
            # all the test is skipped, saying why.
            no_fallback = ["--no-kvm-fallback"] if args.engine == "kvm" else []
            # The guest's environment is run()'s alone: the store is named on the command line.
            store = os.environ.get("XISA_TRANSLATION_CACHE")
            store_args = ["--translation-cache", store] if store else []
            actual, err = run([args.xisa, "--engine", args.engine] + no_fallback + store_args +
                              ["-L", sysroot] + argv, args.timeout)
            unavailable = re.search(r"kvm unavailable: (.*)", err)
            if args.engine == "kvm" and unavailable:
                print("SKIP: KVM cannot run here: %s" % unavailable.group(1))
                return SKIP
            why = XFAIL.get(name) or XFAIL_GUEST.get(args.guest, {}).get(name)
            if actual == expected:
                passed += 1
                print("%s: %s" % ("XPASS" if why else "ok", name))
            elif why:
                xfailed += 1
                print("XFAIL: %s (%s)" % (name, why))
            else:
                failed += 1
                print("FAIL: %s\n--- qemu-user\n%s\n--- xisa\n%s\n--- xisa stderr\n%s" %
                      (name, expected, actual, err[-2000:]))
    print("%d passed, %d failed, %d expected failures" % (passed, failed, xfailed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
