#!/usr/bin/env bash
# Installs what the test suite needs on a fresh machine of this kind (Debian 12, root, package registries only).
# Idempotent: each step checks first and installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
need_apt() { dpkg -s "$1" >/dev/null 2>&1 || apt_packages+=("$1"); }

need_apt postgresql-15
need_apt postgresql-contrib
# PDF receipts: DejaVu Serif has every Vietnamese letter (src/Modules/Dossiers/Features/Forms/PdfFonts.cs).
need_apt fonts-dejavu-core
# gRPC interop tests: the C-core client (python3-grpcio) and Node.js for the grpc-js client.
need_apt python3-grpcio
need_apt python3-protobuf
command -v node >/dev/null 2>&1 || { need_apt nodejs; need_apt npm; }
# Admin UI: the build runs npm (src/Host/AdminUi.targets); its browser test drives Debian's chromium, never a downloaded one.
if command -v node >/dev/null 2>&1 && ! command -v npm >/dev/null 2>&1; then need_apt npm; fi
[ -x /usr/bin/chromium ] || need_apt chromium

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${apt_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# grpc-js interop client: exact versions from the committed package-lock.json.
if [ ! -d tests/interop/node/node_modules ]; then
  echo "Installing the grpc-js interop client (npm ci)"
  (cd tests/interop/node && npm ci --no-audit --no-fund --loglevel=error)
fi

# S3-compatible peer for the documents module's S3 store tests (s3rver, exact versions from package-lock.json).
if [ ! -d tests/interop/s3/node_modules ]; then
  echo "Installing the S3 test peer (npm ci)"
  (cd tests/interop/s3 && npm ci --no-audit --no-fund --loglevel=error)
fi

# The NSwag CLI that generates the admin API's typed clients: the drift test runs it (exact version from package-lock.json).
if [ ! -d tools/api-clients/node_modules ]; then
  echo "Installing the NSwag CLI (npm ci)"
  (cd tools/api-clients && npm ci --no-audit --no-fund --loglevel=error)
fi

# Admin UI browser test: playwright-core (exact version from tests/e2e/package-lock.json), no browser download.
if [ ! -d tests/e2e/node_modules ]; then
  echo "Installing the admin UI browser test's playwright-core (npm ci)"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
