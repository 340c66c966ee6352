#!/usr/bin/env bash
# Builds a Debian 13 "trixie" chroot with real Dovecot 2.4.1 for the differential suite's
# 2.4.1 cases (DifferentialSuiteTest looks for it at the path below and skips without it).
# Idempotent: does nothing when the chroot is already there. Never fails: when the chroot
# cannot be built (not root, no network, no debootstrap) it says so and exits 0, so CI goes on
# and the 2.4.1 cases' real side is skipped.
set -u

DIR="${DOVELUA_TRIXIE_DIR:-/var/cache/dovelua/trixie}"
MIRROR="${DOVELUA_TRIXIE_MIRROR:-http://deb.debian.org/debian}"
TIMEOUT="${DOVELUA_TRIXIE_TIMEOUT:-900}"

say() { echo "real-dovecot-24: $*" >&2; }

mount_proc() {
  if ! mountpoint -q "$DIR/proc" 2>/dev/null; then
    mount -t proc proc "$DIR/proc" 2>/dev/null || say "could not mount $DIR/proc"
  fi
}

if [ -x "$DIR/usr/sbin/dovecot" ] && [ -f "$DIR/.dovelua-complete" ]; then
  mount_proc
  say "chroot already present at $DIR"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  say "not root; cannot build $DIR (2.4.1 cases' real side will be skipped)"
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null) \
      || { say "could not install debootstrap; skipping"; exit 0; }
  else
    say "no debootstrap and no apt-get; skipping"
    exit 0
  fi
fi

# A half-built chroot from an interrupted run is thrown away and built again.
if [ -e "$DIR" ]; then
  umount "$DIR/proc" 2>/dev/null || true
  rm -rf --one-file-system "$DIR"
fi
mkdir -p "$(dirname "$DIR")"

if ! timeout "$TIMEOUT" debootstrap --variant=minbase \
      --include=dovecot-core,dovecot-auth-lua,lua-cjson trixie "$DIR" "$MIRROR" >"$DIR.log" 2>&1; then
  say "debootstrap failed or timed out (log: $DIR.log); skipping"
  umount "$DIR/proc" 2>/dev/null || true
  rm -rf --one-file-system "$DIR"
  exit 0
fi

# Debian's packaged instance is not started in a chroot, but make sure nothing is left running.
mount_proc
if [ ! -x "$DIR/usr/sbin/dovecot" ]; then
  say "dovecot missing from $DIR after debootstrap; skipping"
  exit 0
fi
touch "$DIR/.dovelua-complete"
say "built $DIR ($(chroot "$DIR" dovecot --version 2>/dev/null))"
exit 0
