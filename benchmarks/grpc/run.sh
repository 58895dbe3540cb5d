#!/usr/bin/env bash
# Unary gRPC benchmark on loopback: our transport against plain Kestrel HTTP/2 doing the same work, a grpc-js
# server and a python3-grpcio (C-core) server. h2load drives each with 100-byte and 10 KB messages at 1, 50
# and 200 concurrent streams per connection over 4 connections. h2load sees only HTTP statuses, so each gRPC
# server also counts the grpc-status it ended calls with, and every measured run must match it exactly.
# Usage: benchmarks/grpc/run.sh [seconds per run, default 10]   Results: a Markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
SIZES=(100 10240)
STREAMS=(1 50 200)
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
scripts/install-test-deps.sh >/dev/null

dotnet build tests/interop/InteropServer -c Release -v quiet -nologo >/dev/null
SERVER=tests/interop/InteropServer/bin/Release/net10.0/Onestop.Grpc.InteropServer
"$SERVER" descriptors "$WORK/descriptors.pb"
/usr/bin/python3 benchmarks/grpc/bench_tools.py bodies "$WORK/descriptors.pb" "$WORK" "${SIZES[@]}"

KEY=bench-key
KEY_SHA=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
"$SERVER" --Grpc:Port=50051 --Grpc:ListenAddress=127.0.0.1 --Grpc:ApiKeys:0:Caller=bench \
  --Grpc:ApiKeys:0:Sha256="$KEY_SHA" "--Grpc:ApiKeys:0:Permissions:0=*" --PlainPort=50052 >"$WORK/ours.log" 2>&1 &
PIDS+=($!)
node benchmarks/grpc/node_server.js 50053 contracts/proto >"$WORK/node.log" 2>&1 &
NODE_PID=$!; PIDS+=($NODE_PID)
/usr/bin/python3 benchmarks/grpc/python_server.py 50054 "$WORK/descriptors.pb" >"$WORK/python.log" 2>&1 &
PYTHON_PID=$!; PIDS+=($PYTHON_PID)
for port in 50051 50052 50053 50054; do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done

# The number of calls a server has ended with grpc-status 0 so far.
ok_count() {
  case $1 in
    ours) curl -s --http2-prior-knowledge http://127.0.0.1:50052/stats/grpc-status | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin).get("0", 0))' ;;
    grpc-js) kill -USR2 "$NODE_PID"; sleep 0.3; grep 'grpc-status 0' "$WORK/node.log" | tail -1 | awk '{print $3}' ;;
    python-grpcio) kill -USR2 "$PYTHON_PID"; sleep 0.3; grep 'grpc-status 0' "$WORK/python.log" | tail -1 | awk '{print $3}' ;;
    *) echo - ;;
  esac
}

load() { # server size streams seconds log
  local url headers=(-H 'te: trailers' -H "x-api-key: $KEY") body="$WORK/grpc_$2.bin"
  case $1 in
    ours) url=http://127.0.0.1:50051/grpc.testing.TestService/UnaryCall ;;
    plain-kestrel) url=http://127.0.0.1:50052/plain/unary; body="$WORK/plain_$2.bin"; headers=() ;;
    grpc-js) url=http://127.0.0.1:50053/grpc.testing.TestService/UnaryCall ;;
    python-grpcio) url=http://127.0.0.1:50054/grpc.testing.TestService/UnaryCall ;;
  esac
  local type=application/grpc; [ "$1" = plain-kestrel ] && type=application/x-protobuf
  h2load -c 4 -m "$3" -t 1 -D "$4" -d "$body" -H "content-type: $type" "${headers[@]}" --log-file "$5" "$url"
}

echo "| server | message | streams/conn | req/s | p50 ms | p99 ms | grpc-status 0 / h2load succeeded |"
echo "|---|---|---|---:|---:|---:|---|"
for size in "${SIZES[@]}"; do
  for server in ours plain-kestrel grpc-js python-grpcio; do
    load "$server" "$size" 50 3 /dev/null >/dev/null 2>&1 || true   # warm-up, not measured
    for streams in "${STREAMS[@]}"; do
      before=$(ok_count "$server")
      load "$server" "$size" "$streams" "$DURATION" "$WORK/run.log" >"$WORK/run.out" 2>&1 || true
      after=$(ok_count "$server")
      read -r rps succeeded failed < <(/usr/bin/python3 benchmarks/grpc/bench_tools.py rate "$WORK/run.out")
      read -r p50 p99 < <(/usr/bin/python3 benchmarks/grpc/bench_tools.py latency "$WORK/run.log")
      statuses="n/a (no gRPC)"
      [ "$before" != - ] && statuses="$((after - before)) / $succeeded"
      [ "$failed" != 0 ] && statuses="$statuses, $failed failed"
      echo "| $server | $size B | $streams | $rps | $p50 | $p99 | $statuses |"
    done
  done
done
