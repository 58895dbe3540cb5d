#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine of this kind (Debian 12, root, package registries only).
# Idempotent: each step checks first and installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_packages+=("$1"); }

need_apt postgresql-15
need_apt postgresql-contrib

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi
