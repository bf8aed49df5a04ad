#!/usr/bin/env bash
# Installs the Debian packages the PostgreSQL and browser tests need, only when missing.
# Without root or apt-get it says so and the tests that need them skip with that reason.
set -u
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${need[*]} (not root or no apt-get): those tests will skip" >&2
  exit 0
fi
echo "system-deps: installing ${need[*]} from Debian" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "system-deps: apt-get install ${need[*]} failed: those tests will skip" >&2
# The Debian postgresql package starts a cluster service on install; our tests use their own.
exit 0
