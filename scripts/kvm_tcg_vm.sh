#!/usr/bin/env bash
# Runs a command in a QEMU TCG virtual machine whose CPU emulates AMD SVM, so that its kernel
# has a working /dev/kvm: the way to exercise xisa's KVM engine on a machine without KVM (no
# hardware virtualisation, no nested KVM). Slow (the KVM guest runs on an emulated SVM), so
# meant for focused tests, not the suite.
#
#   scripts/kvm_tcg_vm.sh 'cd /work/kvm/build && ./xisa --engine kvm tests/programs/x86_64/hello'
#
# The VM sees the host's / read-only (9p) with tmpfs on /tmp, devtmpfs on /dev; the command runs
# there as root and its output and exit status come back here. KVM_TCG_VM_WRITABLE=DIR shares
# that one directory writable at the same path (a build tree, for ctest). Needs the Debian packages
# qemu-system-x86, linux-image-amd64 and busybox-static.
set -euo pipefail
cmd="${1:?usage: kvm_tcg_vm.sh COMMAND}"
kernel=$(ls /boot/vmlinuz-* | sort -V | tail -1)
kver=${kernel#/boot/vmlinuz-}
mods=/lib/modules/$kver
work=$(mktemp -d /tmp/kvm_tcg_vm.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/initrd/bin" "$work/initrd/mods" "$work/io"
cp /bin/busybox "$work/initrd/bin/busybox"
for m in kernel/virt/lib/irqbypass kernel/drivers/crypto/ccp/ccp kernel/arch/x86/kvm/kvm \
         kernel/arch/x86/kvm/kvm-amd kernel/drivers/virtio/virtio_ring kernel/drivers/virtio/virtio \
         kernel/drivers/virtio/virtio_pci_legacy_dev kernel/drivers/virtio/virtio_pci_modern_dev \
         kernel/drivers/virtio/virtio_pci kernel/fs/netfs/netfs kernel/fs/fscache/fscache \
         kernel/net/9p/9pnet kernel/net/9p/9pnet_virtio kernel/fs/9p/9p; do
  f=$(ls "$mods/$m.ko"* | head -1)
  case "$f" in
    *.xz) xz -dc "$f" >"$work/initrd/mods/$(basename "$m").ko" ;;
    *.zst) zstd -qdc "$f" >"$work/initrd/mods/$(basename "$m").ko" ;;
    *) cp "$f" "$work/initrd/mods/$(basename "$m").ko" ;;
  esac
done
cat >"$work/initrd/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc 2>/dev/null || { mkdir -p /proc; mount -t proc proc /proc; }
mkdir -p /sys /dev /root /io; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in irqbypass ccp kvm kvm-amd virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev \
         virtio_pci netfs fscache 9pnet 9pnet_virtio 9p; do insmod /mods/$m.ko 2>/dev/null; done
mount -t 9p -o trans=virtio,version=9p2000.L,ro hostroot /root
mount -t 9p -o trans=virtio,version=9p2000.L io /io
mount -t proc proc /root/proc; mount -t sysfs sys /root/sys; mount -t devtmpfs dev /root/dev
mount -t tmpfs tmp /root/tmp; mkdir -p /root/tmp/io; mount --bind /io /root/tmp/io
[ -s /io/rwpath ] && mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 rw "/root$(cat /io/rwpath)"
chroot /root /bin/sh -c "$(cat /io/cmd)" >/io/out 2>&1
echo $? >/io/rc
poweroff -f
INIT
chmod +x "$work/initrd/init"
(cd "$work/initrd" && find . | cpio -o -H newc 2>/dev/null | gzip -1 >"$work/initrd.gz")
printf '%s\n' "$cmd" >"$work/io/cmd"
rw_share=()
if [ -n "${KVM_TCG_VM_WRITABLE:-}" ]; then
  rw=$(realpath "$KVM_TCG_VM_WRITABLE")
  printf '%s' "$rw" >"$work/io/rwpath"
  rw_share=(-virtfs "local,path=$rw,mount_tag=rw,security_model=none")
fi
timeout "${KVM_TCG_VM_TIMEOUT:-1200}" qemu-system-x86_64 -accel tcg,thread=multi -cpu EPYC,+svm,+npt,phys-bits=48 \
  -smp "${KVM_TCG_VM_CPUS:-2}" -m 3G -nographic -no-reboot -kernel "$kernel" -initrd "$work/initrd.gz" \
  -append "console=ttyS0 quiet panic=-1 rdinit=/init" \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on \
  -virtfs local,path="$work/io",mount_tag=io,security_model=none "${rw_share[@]}" \
  >"$work/console" 2>&1 || true
cat "$work/io/out" 2>/dev/null || { echo "kvm_tcg_vm: no output; console:"; tail -30 "$work/console"; }
exit "$(cat "$work/io/rc" 2>/dev/null || echo 125)"
