#!/usr/bin/env python3
"""Benchmark runner: per guest and program, native vs qemu-user vs xisa, side by side, one run.

Builds bench/programs/*.c natively and for each guest with the Debian cross compilers (-static
-O2), times each run (best of --repeat), checks that every xisa run prints what qemu-user (or, without it, the native build) prints, and
prints time and ratios (xisa/native, xisa/qemu) with geometric means per guest and engine.
This is a benchmark, not a test: it never fails on speed.
"""
import argparse
import math
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Guest: compiler, its extra flags, the qemu-user command. x86_64-v3 is the same x86-64 guest
# built for x86-64-v3 (AVX2, FMA, BMI1/2): its native column runs that same build on the host.
GUESTS = {
    "riscv64": ("riscv64-linux-gnu-gcc", [], ["qemu-riscv64"]),
    "aarch64": ("aarch64-linux-gnu-gcc", [], ["qemu-aarch64"]),
    "x86_64": ("gcc", [], ["qemu-x86_64"]),
    "x86_64-v3": ("gcc", ["-march=x86-64-v3"], ["qemu-x86_64", "-cpu", "max"]),
    # RISC-V with and without V from the same compiler (GCC 12 does not vectorise for RVV):
    # riscv64-rvv against riscv64-clang is the vector extension's speed-up.
    "riscv64-clang": ("clang-14", ["--target=riscv64-linux-gnu", "-march=rv64gc", "-O3"],
                      ["qemu-riscv64"]),
    "riscv64-rvv": ("clang-14", ["--target=riscv64-linux-gnu", "-march=rv64gcv", "-O3",
                                    "-mllvm", "-riscv-v-vector-bits-min=128"],
                    ["qemu-riscv64", "-cpu", "rv64,v=true,vlen=128,elen=64,vext_spec=v1.0"]),
    # The same build at VLEN 256 (xisa --rvv-vlen 256, helper path only: ADR 0010). A fourth
    # field: xisa's own options for the guest.
    "riscv64-rvv256": ("clang-14", ["--target=riscv64-linux-gnu", "-march=rv64gcv", "-O3",
                                       "-mllvm", "-riscv-v-vector-bits-min=128"],
                       ["qemu-riscv64", "-cpu", "rv64,v=true,vlen=256,elen=64,vext_spec=v1.0"],
                       ["--rvv-vlen=256"]),
}
# Work sizes (argv[1]) at scale 1.0, picked so native runs take tens of milliseconds.
PROGRAMS = {
    "int_hash": 20_000_000,
    "array_walk": 4_000_000,
    "float_nbody": 400_000,
    "sort_search": 400_000,
    "dispatch_interp": 30_000_000,
    "libc_strings": 400_000,
    "syscall_dense": 100_000,
    "futex_pingpong": 20_000,
    "atomic_contended": 1_000_000,
    "crc32_table": 20_000_000,
    "sha256_rounds": 200_000,
    "matmul_double": 150,
    "dsp_mac": 20_000_000,
    "vector_loops": 3_000,
    "vector_fp": 2_000,
}


def build(out_dir, name, compiler, flags=()):
    src = os.path.join(HERE, "programs", name + ".c")
    exe = os.path.join(out_dir, name)
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(src):
        subprocess.run([compiler, "-static", "-O2", *flags, "-o", exe, src, "-lm"], check=True)
    return exe


def timed(cmd, repeat):
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            return None, None
        best, out = min(best, dt), p.stdout
    return best, out


def geomean(xs):
    xs = [x for x in xs if x]
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else None


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--xisa", default=os.path.join(HERE, "..", "build", "xisa"))
    ap.add_argument("--host-runner", default="",
                    help="run xisa under this command, e.g. 'qemu-aarch64' for the xisa of "
                         "scripts/cross-build.sh aarch64 (compare its engines with each other)")
    ap.add_argument("--guests", default="riscv64")
    ap.add_argument("--engines", default="interp")
    ap.add_argument("--programs", default=",".join(PROGRAMS))
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every work size")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--work-dir", default="/tmp/xisa-bench")
    args = ap.parse_args()

    engines = args.engines.split(",")
    header = f"{'guest':8} {'program':16} {'native s':>9} {'qemu s':>9}"
    for e in engines:
        header += f" {e + ' s':>10} {e + '/nat':>9} {e + '/qemu':>10}"
    print(header)
    for guest in args.guests.split(","):
        cc, flags, qemu_cmd, *xisa_options = GUESTS[guest]
        xisa_args = xisa_options[0] if xisa_options else []
        native_flags = flags if cc == "gcc" else []
        native_dir = os.path.join(args.work_dir, "native" + "".join(native_flags))
        os.makedirs(native_dir, exist_ok=True)
        if not shutil.which(cc):
            print(f"{guest}: {cc} not installed, skipped")
            continue
        gdir = os.path.join(args.work_dir, guest)
        os.makedirs(gdir, exist_ok=True)
        ratios = {e: ([], []) for e in engines}
        for name in args.programs.split(","):
            size = str(max(1, int(PROGRAMS[name] * args.scale)))
            native_t, native_out = timed([build(native_dir, name, "gcc", native_flags), size],
                                         args.repeat)
            exe = build(gdir, name, cc, flags)
            qemu_t, qemu_out = (timed([*qemu_cmd, exe, size], args.repeat)
                                if shutil.which(qemu_cmd[0]) else (None, None))
            # The guest binary's own output is the reference: compilers for other ISAs may
            # contract a*b+c into one fused op, so the native build can print other last digits.
            reference = qemu_out if qemu_out is not None else native_out
            row = f"{guest:8} {name:16} {native_t:9.3f} {qemu_t or float('nan'):9.3f}"
            for e in engines:
                # kvm must not be timed on the JIT it falls back to: no fallback, and a FAIL
                # where KVM cannot run (the stderr says why).
                extra = ["--no-kvm-fallback"] if e == "kvm" else []
                t, out = timed([*args.host_runner.split(), args.xisa, "--engine", e, *extra,
                                *xisa_args, exe, size], args.repeat)
                if t is None or out != reference:
                    row += f" {'FAIL':>10} {'':>9} {'':>10}"
                    continue
                rn, rq = t / native_t, (t / qemu_t if qemu_t else None)
                ratios[e][0].append(rn)
                ratios[e][1].append(rq)
                row += f" {t:10.3f} {rn:9.2f} {rq or float('nan'):10.2f}"
            print(row, flush=True)
        for e in engines:
            gn, gq = geomean(ratios[e][0]), geomean(ratios[e][1])
            if gn:
                print(f"{guest:8} {'geomean ' + e:16} {'':9} {'':9} {'':10} {gn:9.2f} "
                      f"{gq or float('nan'):10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
