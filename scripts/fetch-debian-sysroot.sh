#!/usr/bin/env bash
# Builds a guest sysroot (for qemu-user's -L and xisa's guest tests) from Debian's own
# packages: resolves the dependency closure with a private apt configuration (the host's
# apt/dpkg state is never read or touched), downloads the .debs and extracts them into DEST.
#
#   scripts/fetch-debian-sysroot.sh GUEST DEST [PACKAGE...]
#
# GUEST: aarch64 (Debian 12 bookworm, arm64), riscv64 (Debian 13 trixie, riscv64),
#        x86_64 (Debian 13 trixie, amd64).
# Environment: XISA_APT_CACHE (apt lists and .debs, default ~/.cache/xisa/apt-GUEST),
#              XISA_DEBIAN_MIRROR (default http://deb.debian.org/debian),
#              XISA_SYSROOT_REFRESH=1 (rebuild even when DEST's stamp is up to date).
# Exit status: 0 ready, 2 usage, 3 the Debian archive is not reachable, 1 anything else.
set -euo pipefail

me=fetch-debian-sysroot
die() { echo "$me: $*" >&2; exit 1; }
usage() { echo "usage: $0 aarch64|riscv64|x86_64 DEST [PACKAGE...]" >&2; exit 2; }

(($# >= 2)) || usage
guest=$1
case "$guest" in
  aarch64) arch=arm64 suite=bookworm interp=/lib/ld-linux-aarch64.so.1 ;;
  riscv64) arch=riscv64 suite=trixie interp=/lib/ld-linux-riscv64-lp64d.so.1 ;;
  x86_64) arch=amd64 suite=trixie interp=/lib64/ld-linux-x86-64.so.2 ;;
  *) usage ;;
esac
[ -n "$2" ] || usage
dest=$(realpath -m -- "$2")
[ "$dest" != / ] || die "refusing to use / as DEST"
shift 2
if (($#)); then
  requested=("$@")
else
  # libpython3-stdlib (-> libpython3.x-stdlib) holds json, threading's helpers etc.;
  # python3.x-minimal alone is only the interpreter's bootstrap subset.
  requested=(busybox-static coreutils findutils lua5.4 python3-minimal libpython3-stdlib)
fi
mapfile -t requested < <(printf '%s\n' "${requested[@]}" | sort -u)

stamp_name=.xisa-sysroot-stamp
header="xisa-sysroot guest=$guest arch=$arch suite=$suite packages=${requested[*]}"

# Fast path: DEST already holds exactly this request.
stamp_current() {
  [ -z "${XISA_SYSROOT_REFRESH:-}" ] && [ -f "$dest/$stamp_name" ] &&
    [ "$(head -n1 "$dest/$stamp_name")" = "$header" ] &&
    { [ -e "$dest$interp" ] || ! grep -q '^libc6 ' "$dest/$stamp_name"; }
}
ready() { echo "sysroot $guest ready in $dest ($(($(wc -l <"$dest/$stamp_name") - 1)) packages)"; }
if stamp_current; then ready; exit 0; fi

cache=${XISA_APT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xisa/apt-$guest}
mirror=${XISA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$cache"/etc/{apt.conf.d,preferences.d,sources.list.d,trusted.gpg.d} \
  "$cache"/state/lists/partial "$cache"/cache/archives/partial "$cache"/dpkg "$cache"/log
cache=$(realpath -- "$cache")

# One run at a time per cache (parallel tests may ask for the same guest).
exec 9>"$cache/lock"
flock 9
if stamp_current; then ready; exit 0; fi

# Private apt: its own etc (so no host apt.conf.d or sources), lists, archives and an
# empty dpkg status, so the closure includes libc6 etc. whatever the host has installed.
[ -f "$cache/dpkg/status" ] || : >"$cache/dpkg/status"
echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" \
  >"$cache/etc/sources.list"
cat >"$cache/apt.conf" <<EOF
Dir::Etc "$cache/etc";
Dir::State "$cache/state";
Dir::State::status "$cache/dpkg/status";
Dir::Cache "$cache/cache";
Dir::Cache::srcpkgcache "";
Acquire::GzipIndexes "true";
Dir::Log "$cache/log";
APT::Sandbox::User "root";
Acquire::Languages "none";
Acquire::Retries "1";
Acquire::http::Timeout "20";
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
export APT_CONFIG="$cache/apt.conf"
apt=(-o "APT::Architecture=$arch" -o "APT::Architectures=$arch")
log="$cache/last.log"

# Runs apt-get quietly into $log; on failure exits 3 when the archive could not be
# reached (so tests can skip), else shows apt's output and exits 1.
run_apt() {
  local what=$1
  shift
  apt-get "${apt[@]}" "$@" >"$log" 2>&1 && return 0
  if grep -qE 'Could not (resolve|connect)|Temporary failure|timed out|[Uu]nreachable|No route to host|Connection (refused|failed|reset)|Unable to connect| 50[0-9] ' "$log"; then
    echo "$me: the Debian archive ($mirror) is not reachable" >&2
    exit 3
  fi
  cat "$log" >&2
  die "$what failed for $suite/$arch"
}

run_apt "apt-get update" update --error-on=any

# The closure: what apt would install into an empty system (Depends + Pre-Depends, one
# choice per alternative, no Recommends). "Inst NAME (VERSION RELEASE [ARCH])" lines.
run_apt "resolving ${requested[*]}" -s install "${requested[@]}"
mapfile -t closure < <(sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*\[\([^]]*\)\]).*/\1 \2 \3/p' "$log" | sort)
((${#closure[@]})) || die "apt resolved no packages for ${requested[*]}"

run_apt "downloading the packages" install --download-only -y "${requested[@]}"

# Extract into a staging directory next to DEST, then swap it in.
stage="$dest.partial"
rm -rf -- "$stage"
trap 'rm -rf -- "$stage"' EXIT
mkdir -p -- "$stage"
for line in "${closure[@]}"; do
  read -r name version parch <<<"$line"
  deb="$cache/cache/archives/${name}_${version//:/%3a}_${parch}.deb"
  [ -f "$deb" ] || die "missing download $deb"
  dpkg-deb -x "$deb" "$stage"
done

# usrmerge: bookworm packages still ship /bin, /lib...; merge them into usr/ and leave
# the top-level names as symlinks, as on an installed Debian system.
for d in bin sbin lib lib32 lib64 libx32; do
  if [ -d "$stage/$d" ] && [ ! -L "$stage/$d" ]; then
    mkdir -p "$stage/usr/$d"
    cp -a "$stage/$d/." "$stage/usr/$d/"
    rm -rf -- "${stage:?}/$d"
  fi
  case "$d" in bin | sbin | lib) mkdir -p "$stage/usr/$d" ;; esac
  if [ -d "$stage/usr/$d" ] && [ ! -e "$stage/$d" ] && [ ! -L "$stage/$d" ]; then
    ln -s "usr/$d" "$stage/$d"
  fi
done

# Absolute symlinks (e.g. /lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...) would
# resolve on the host; make them relative so they stay inside the sysroot.
while IFS= read -r -d '' link; do
  target=$(readlink -- "$link")
  ln -sfn -- "$(realpath -s -m --relative-to="$(dirname -- "$link")" "$stage$target")" "$link"
done < <(find "$stage" -type l -lname '/*' -print0)

# An empty ld.so.cache: under qemu -L a missing one falls back to the host's.
mkdir -p "$stage/etc"
[ -e "$stage/etc/ld.so.cache" ] || : >"$stage/etc/ld.so.cache"

# With libc6 in the closure, dynamic programs' PT_INTERP must resolve inside DEST.
if printf '%s\n' "${closure[@]}" | grep -q '^libc6 '; then
  [ -e "$stage$interp" ] || die "the ELF interpreter $interp is missing from the sysroot"
  case "$(realpath -- "$stage$interp")" in
    "$(realpath -- "$stage")"/*) ;;
    *) die "the ELF interpreter $interp does not resolve inside the sysroot" ;;
  esac
fi

{
  echo "$header"
  printf '%s\n' "${closure[@]}"
} >"$stage/$stamp_name"

if [ -e "$dest" ] || [ -L "$dest" ]; then
  if [ -f "$dest/$stamp_name" ]; then
    rm -rf -- "$dest"
  elif [ -d "$dest" ] && [ -z "$(ls -A -- "$dest")" ]; then
    rmdir -- "$dest"
  else
    rm -rf -- "$stage"
    die "$dest exists and is not a sysroot made by this script; not replacing it"
  fi
fi
mv -- "$stage" "$dest"
ready
