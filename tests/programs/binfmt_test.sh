#!/usr/bin/env bash
# scripts/xisa-binfmt.sh end to end: registers xisa for the foreign guests (under a test
# prefix), runs the guest hello programs directly, as a user would, and removes the entries.
# Skips (77) where binfmt_misc cannot be written (not root, no binfmt_misc in this kernel or
# container).
set -u
xisa="$1"; shift
export XISA_BINFMT_PREFIX=xisa-ctest
script="$(dirname "$0")/../../scripts/xisa-binfmt.sh"
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: binfmt_misc needs root"; exit 77; fi
if ! "$script" install "$xisa" >/dev/null 2>&1; then
  echo "SKIP: /proc/sys/fs/binfmt_misc is not writable here"
  exit 77
fi
trap '"$script" remove >/dev/null' EXIT
status=0
for program in "$@"; do
  out="$("$program" 2>&1)"
  if [ "$out" = "Hello from the guest!" ]; then
    echo "ok: $program ran through binfmt_misc"
  else
    echo "FAIL: $program printed: $out"
    status=1
  fi
done
exit $status
