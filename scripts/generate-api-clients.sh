#!/usr/bin/env bash
# Regenerates the admin REST API's contract and its typed clients:
#   1. contracts/openapi/admin-v1.json: the OpenAPI document the host serves (a host started here on a throw-away
#      PostgreSQL cluster);
#   2. src/AdminUi/src/api/generated.ts (TypeScript, for the admin UI) and
#      tests/Host.Tests/ApiClient/AdminApiClient.g.cs (C#, for the integration tests), by the NSwag CLI from npm
#      (tools/api-clients, exact version in its package-lock.json) on the .NET 10 runtime.
# Usage: scripts/generate-api-clients.sh            (all three)
#        scripts/generate-api-clients.sh --clients  (only the clients, from the committed document)
#        scripts/generate-api-clients.sh --clients-into DIR  (the clients into DIR: the drift test compares them)
# Tests fail when any of the three differs from what this script writes (tests/Host.Tests/ApiContractTests.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
document=contracts/openapi/admin-v1.json
ts_out=src/AdminUi/src/api/generated.ts
cs_out=tests/Host.Tests/ApiClient/AdminApiClient.g.cs

mode=${1:-all}
if [ "$mode" = --clients-into ]; then
  out_dir=$2
  ts_out=$out_dir/generated.ts
  cs_out=$out_dir/AdminApiClient.g.cs
fi

if [ "$mode" = all ]; then
  echo "Building the host and reading the document it serves"
  dotnet build src/Host -c Release -v quiet -nologo >/dev/null
  pg_dir=$(mktemp -d /tmp/onestop-openapi-XXXXXX)
  host_pid=
  cleanup() {
    [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
    scripts/test-postgres.sh stop "$pg_dir"
  }
  trap cleanup EXIT
  connection=$(scripts/test-postgres.sh start "$pg_dir")
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
  rest_port=$(free_port) grpc_port=$(free_port)
  (cd src/Host && ConnectionStrings__Platform="$connection" Kestrel__Endpoints__Rest__Url="http://127.0.0.1:$rest_port" Grpc__Port="$grpc_port" \
    ASPNETCORE_ENVIRONMENT=Production Auth__SampleAccounts__Enabled=false Samples__Enabled=false \
    exec dotnet bin/Release/net10.0/Onestop.Host.dll >"$pg_dir/host.log" 2>&1) &
  host_pid=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$rest_port/health/live" >/dev/null 2>&1 && break
    kill -0 "$host_pid" 2>/dev/null || { cat "$pg_dir/host.log" >&2; echo "The host did not start" >&2; exit 1; }
    sleep 0.5
  done
  if ! curl -fsS "http://127.0.0.1:$rest_port/openapi/admin-v1.json" -o "$pg_dir/document.json"; then
    tail -n 40 "$pg_dir/host.log" >&2
    echo "The host did not serve its OpenAPI document: see its log above" >&2
    exit 1
  fi
  python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])), indent=2, ensure_ascii=False))' "$pg_dir/document.json" >"$document"
  echo "Wrote $document"
fi

if [ ! -d tools/api-clients/node_modules ]; then
  (cd tools/api-clients && npm ci --no-audit --no-fund --loglevel=error)
fi
nswag() { (cd tools/api-clients && node node_modules/nswag/bin/nswag.js "$@" /runtime:Net100) >/dev/null; }
mkdir -p "$(dirname "$ts_out")" "$(dirname "$cs_out")"
nswag run "$root/tools/api-clients/typescript.nswag" /variables:Document="$root/$document",Output="$(realpath -m "$ts_out")"
nswag run "$root/tools/api-clients/csharp.nswag" /variables:Document="$root/$document",Output="$(realpath -m "$cs_out")"
echo "Wrote $ts_out and $cs_out"
