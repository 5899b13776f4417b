"""Shared by the qemu oracle generators (tests/isa/<guest>/qemu_oracle/gen_*_oracle.py): the
value table and main() of the generated C program, and `select`, which keeps a deterministic
sample of the recorded lines of every instruction word."""
import random
import sys


def begin(out):
    """Starts the generated C program; returns the list for its run functions' names."""
    out.write("#include <stdint.h>\n#include <stdio.h>\n\n")
    return []


def write_main(out, runs, rows):
    """Writes the table of operand rows and a main() calling every run function on each."""
    arity = len(rows[0])
    out.write(f"static const uint64_t v[][{arity}] = {{")
    out.write(",".join("{" + ",".join(f"{x:#x}ull" for x in row) + "}" for row in rows))
    out.write("};\n\nint main(void) {\n  for (unsigned i = 0; i < sizeof v / sizeof v[0]; ++i) {\n")
    args = ", ".join(f"v[i][{k}]" for k in range(arity))
    for fn in runs:
        out.write(f"    {fn}({args});\n")
    out.write("  }\n  return 0;\n}\n")


def select(keep, header):
    """Prints the header lines, then up to `keep` (a count, or a function of the word giving one)
    of stdin's lines of every instruction word (the first field) as C initialisers of hexadecimal
    fields."""
    rng = random.Random(7)
    rows = [line.split() for line in sys.stdin if line.strip()]
    by_word = {}
    for r in rows:
        by_word.setdefault(r[0], []).append(r)
    for line in header:
        print(line)
    for word in sorted(by_word):
        n = keep(word) if callable(keep) else keep
        for r in rng.sample(by_word[word], min(n, len(by_word[word]))):
            print("{" + ", ".join("0x" + field for field in r) + "},")


def run(generate, keep, header, args=None):
    """The generators' command line (args, sys.argv[1:] by default): `select` (stdin to stdout,
    see select), else generate()."""
    if (sys.argv[1:] if args is None else args) == ["select"]:
        select(keep, header)
    else:
        generate()
