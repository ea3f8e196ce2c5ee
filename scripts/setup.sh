#!/usr/bin/env bash
# Installs what the tests and the demo need on a fresh Debian machine (as root), then npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
need=()
for cmd in dockerd:docker.io docker-registry:docker-registry busybox:busybox-static htpasswd:apache2-utils \
           mkfs.ext4:e2fsprogs losetup:mount openssl:openssl nix-instantiate:nix-bin systemd-analyze:systemd promtool:prometheus; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || need+=("${cmd#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
# the system-containerd host (test/integration/system-containerd.test.ts) runs on Debian sid's
# Docker and containerd 2, fetched into .engines/ (nothing installed)
bash scripts/engines.sh sid >/dev/null
