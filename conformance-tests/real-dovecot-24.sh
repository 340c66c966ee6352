#!/usr/bin/env bash
# Builds Debian chroots with real Dovecot 2.4 for the differential suite's 2.4 cases
# (DifferentialSuiteTest looks for them at the paths below and skips without them):
#   trixie (Debian 13):         Dovecot 2.4.1 at /var/cache/dovelua/trixie (cases pinning 2.4.1)
#   forky (Debian testing/sid): Dovecot 2.4.5 at /var/cache/dovelua/forky  (cases pinning 2.4.5)
# Usage: real-dovecot-24.sh [trixie|forky]... (default: both). Idempotent: does nothing for a
# chroot that is already there. Never fails: when a chroot cannot be built (not root, no
# network, no debootstrap) it says so and exits 0, so CI goes on and those cases' real side is
# skipped. DOVELUA_TRIXIE_DIR / DOVELUA_FORKY_DIR name other places.
set -u

MIRROR="${DOVELUA_DEBIAN_MIRROR:-${DOVELUA_TRIXIE_MIRROR:-http://deb.debian.org/debian}}"
TIMEOUT="${DOVELUA_CHROOT_TIMEOUT:-${DOVELUA_TRIXIE_TIMEOUT:-1500}}"

say() { echo "real-dovecot-24: $*" >&2; }

mount_proc() {
  if ! mountpoint -q "$1/proc" 2>/dev/null; then
    mount -t proc proc "$1/proc" 2>/dev/null || say "could not mount $1/proc"
  fi
}

# debootstrap writes no /etc/hosts: without one, getaddrinfo("localhost") in the chroot asks DNS and
# fails, where a Debian install resolves it from the file (cases 467: lib-http's lookup of localhost).
hosts_file() {
  if [ ! -f "$1/etc/hosts" ] && [ -w "$1/etc" ]; then
    printf '127.0.0.1\tlocalhost\n' >"$1/etc/hosts"  # as this host's: one IP for lib-http
  fi
}

# build SUITE DIR: one chroot with dovecot-core, its Lua auth driver and lua-cjson.
build() {
  local suite="$1" dir="$2"
  if [ -x "$dir/usr/sbin/dovecot" ] && [ -f "$dir/.dovelua-complete" ]; then
    mount_proc "$dir"
    hosts_file "$dir"
    say "chroot already present at $dir"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    say "not root; cannot build $dir ($suite cases' real side will be skipped)"
    return 0
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null) \
        || { say "could not install debootstrap; skipping $suite"; return 0; }
    else
      say "no debootstrap and no apt-get; skipping $suite"
      return 0
    fi
  fi
  # An older debootstrap (bookworm's) has no script for a newer suite; Debian's are all the
  # sid script, so name it as the fourth argument instead of touching /usr/share/debootstrap.
  local script=""
  local scripts=/usr/share/debootstrap/scripts
  if [ ! -e "$scripts/$suite" ] && [ -e "$scripts/sid" ]; then
    script="$scripts/sid"
  fi
  # A half-built chroot from an interrupted run is thrown away and built again.
  if [ -e "$dir" ]; then
    umount "$dir/proc" 2>/dev/null || true
    rm -rf --one-file-system "$dir"
  fi
  mkdir -p "$(dirname "$dir")"
  local start=$SECONDS
  if ! timeout "$TIMEOUT" debootstrap --variant=minbase \
        --include=dovecot-core,dovecot-auth-lua,lua-cjson "$suite" "$dir" "$MIRROR" $script >"$dir.log" 2>&1; then
    say "debootstrap of $suite failed or timed out (log: $dir.log); skipping"
    umount "$dir/proc" 2>/dev/null || true
    rm -rf --one-file-system "$dir"
    return 0
  fi
  mount_proc "$dir"
  if [ ! -x "$dir/usr/sbin/dovecot" ]; then
    say "dovecot missing from $dir after debootstrap; skipping"
    return 0
  fi
  hosts_file "$dir"
  touch "$dir/.dovelua-complete"
  say "built $dir in $((SECONDS - start)) s ($(chroot "$dir" dovecot --version 2>/dev/null))"
}

suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(trixie forky)
for s in "${suites[@]}"; do
  case "$s" in
    trixie) build trixie "${DOVELUA_TRIXIE_DIR:-/var/cache/dovelua/trixie}" ;;
    forky) build forky "${DOVELUA_FORKY_DIR:-/var/cache/dovelua/forky}" ;;
    *) say "unknown suite '$s' (trixie or forky); skipping" ;;
  esac
done
exit 0
