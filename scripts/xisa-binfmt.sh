#!/usr/bin/env bash
# Registers xisa with the kernel's binfmt_misc for the guest ISAs foreign to this host, so that
# foreign Linux programs run directly (./prog, or from any shell or build system), as
# qemu-binfmt-conf does for qemu-user. The flag F opens xisa at registration time, so the
# registration also works inside containers and chroots that do not have xisa.
#
#   scripts/xisa-binfmt.sh print   [XISA]   the registration lines, without installing them
#   scripts/xisa-binfmt.sh install [XISA]   register (root; mounts binfmt_misc if needed)
#   scripts/xisa-binfmt.sh remove           unregister
#
# XISA defaults to build/xisa. Dynamically linked programs find their libraries through
# XISA_SYSROOT (xisa's -L). XISA_BINFMT_PREFIX (default "xisa") names the entries.
set -euo pipefail
cd "$(dirname "$0")/.."

action="${1:-print}"
xisa="$(realpath "${2:-build/xisa}")"
prefix="${XISA_BINFMT_PREFIX:-xisa}"
binfmt=/proc/sys/fs/binfmt_misc

# ELF64, little-endian, version 1, ET_EXEC or ET_DYN (the mask's \xfe), and e_machine.
elf_head='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00'
elf_mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
declare -A machine=([x86_64]='\x3e\x00' [aarch64]='\xb7\x00' [riscv64]='\xf3\x00')

guests=()
for g in x86_64 aarch64 riscv64; do
  [ "$g" = "$(uname -m)" ] || guests+=("$g")
done

line_for() {
  printf ':%s-%s:M::%s%s:%s:%s:F' "$prefix" "$1" "$elf_head" "${machine[$1]}" "$elf_mask" "$xisa"
}

case "$action" in
  print)
    for g in "${guests[@]}"; do line_for "$g"; echo; done
    ;;
  install)
    [ -x "$xisa" ] || { echo "xisa-binfmt: $xisa is not an executable" >&2; exit 1; }
    if [ ! -w "$binfmt/register" ]; then
      mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null || true
    fi
    [ -w "$binfmt/register" ] || { echo "xisa-binfmt: $binfmt/register is not writable" >&2; exit 1; }
    for g in "${guests[@]}"; do
      [ -e "$binfmt/$prefix-$g" ] && echo -1 > "$binfmt/$prefix-$g"
      line_for "$g" > "$binfmt/register"
      echo "registered $prefix-$g -> $xisa"
    done
    ;;
  remove)
    for g in "${guests[@]}"; do
      if [ -e "$binfmt/$prefix-$g" ]; then
        echo -1 > "$binfmt/$prefix-$g"
        echo "removed $prefix-$g"
      fi
    done
    ;;
  *)
    echo "usage: $0 print|install|remove [XISA]" >&2
    exit 2
    ;;
esac
