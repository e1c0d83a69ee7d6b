#!/usr/bin/env bash
# Installs Debian's redis-server (started on a loopback port by the queue tests,
# test/cli/queue.test.ts) when it is missing; quiet when present.
set -euo pipefail
REDIS="${REDIS_SERVER_PATH:-redis-server}"
if command -v "$REDIS" >/dev/null 2>&1; then exit 0; fi
echo "redis-server not found; installing Debian's redis-server package" >&2
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
