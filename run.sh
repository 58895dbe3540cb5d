#!/usr/bin/env bash
# Runs the platform: builds it, starts its own PostgreSQL under .data/ unless ConnectionStrings__Platform is set,
# applies migrations, and prints the URLs. Ctrl+C stops the host and the embedded PostgreSQL cleanly.
set -euo pipefail
cd "$(dirname "$0")"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1 && [ -z "${ConnectionStrings__Platform:-}" ]; then
  echo "Installing PostgreSQL (the embedded database needs its server binaries)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-contrib >/dev/null
fi
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
  echo "Installing fonts-dejavu-core (PDF receipts print Vietnamese in DejaVu Serif)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null; } \
    || echo "fonts-dejavu-core could not be installed: receipts are served as HTML only" >&2
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm (the build compiles the admin UI with Vite)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
dotnet build src/Host -c Release
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
exec dotnet src/Host/bin/Release/net10.0/Onestop.Host.dll --contentRoot "$PWD/src/Host" "$@"
