#!/usr/bin/env bash
# Unary gRPC benchmark on loopback: our transport against plain Kestrel HTTP/2 doing the same work, a grpc-js
# server and a python3-grpcio (C-core) server. "ours" serves TestService without API keys, like the others;
# "ours+apikey" adds the x-api-key check production runs (a SHA-256 per call). h2load drives each with 100-byte
# and 10 KB messages at 1, 50 and 200 concurrent streams per connection over 4 connections. Servers take turns
# within each setting, and each setting runs ROUNDS times; the table shows each server's median round, so a busy
# neighbour on the machine weighs on all servers alike. h2load sees only HTTP statuses, so each gRPC server also
# counts the statuses it ended calls with.
# Usage: benchmarks/grpc/run.sh [seconds per run, default 5] [rounds, default 3]   Results: Markdown on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-5}
ROUNDS=${2:-3}
# SIZES, STREAMS and SERVERS (space-separated) narrow a run, e.g. SIZES=100 STREAMS=50 SERVERS="ours plain-kestrel".
read -r -a SIZES <<<"${SIZES:-100 10240}"
read -r -a STREAMS <<<"${STREAMS:-1 50 200}"
read -r -a SERVERS <<<"${SERVERS:-ours plain-kestrel ours+apikey grpc-js python-grpcio}"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ]; then tail -n 20 "$WORK"/*.log >&2 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
scripts/install-test-deps.sh >/dev/null

dotnet build tests/interop/InteropServer -c Release -v quiet -nologo >/dev/null
SERVER=tests/interop/InteropServer/bin/Release/net10.0/Onestop.Grpc.InteropServer
"$SERVER" descriptors "$WORK/descriptors.pb"
/usr/bin/python3 benchmarks/grpc/bench_tools.py bodies "$WORK/descriptors.pb" "$WORK" "${SIZES[@]}"

KEY=bench-key
KEY_SHA=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
# Each server in a process of its own. Our processes serve their status counts on the "plain" port.
"$SERVER" --Grpc:Port=50051 --Grpc:ListenAddress=127.0.0.1 --Interop:AllowAnonymous=true --PlainPort=50052 >"$WORK/ours.log" 2>&1 &
PIDS+=($!)
"$SERVER" --Grpc:Port=50057 --Grpc:ListenAddress=127.0.0.1 --PlainPort=50058 >"$WORK/plain.log" 2>&1 &
PIDS+=($!)
"$SERVER" --Grpc:Port=50055 --Grpc:ListenAddress=127.0.0.1 --Grpc:ApiKeys:0:Caller=bench \
  --Grpc:ApiKeys:0:Sha256="$KEY_SHA" "--Grpc:ApiKeys:0:Permissions:0=*" --PlainPort=50056 >"$WORK/ours-apikey.log" 2>&1 &
PIDS+=($!)
node benchmarks/grpc/node_server.js 50053 contracts/proto >"$WORK/node.log" 2>&1 &
NODE_PID=$!; PIDS+=($NODE_PID)
/usr/bin/python3 benchmarks/grpc/python_server.py 50054 "$WORK/descriptors.pb" >"$WORK/python.log" 2>&1 &
PYTHON_PID=$!; PIDS+=($PYTHON_PID)
for port in 50051 50052 50053 50054 50055 50056 50058; do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
for pid in "${PIDS[@]}"; do kill -0 "$pid" || { echo "A server did not start; its log follows." >&2; exit 1; }; done

# "OK RESET OTHER": calls the server ended with grpc-status 0, calls the client reset (h2load resets those in
# flight when it stops), calls with any other status. The grpc-js and python servers count their handler's
# answers, all OK.
status_counts() {
  case $1 in
    ours|ours+apikey) curl -s --http2-prior-knowledge "http://127.0.0.1:$([ "$1" = ours ] && echo 50052 || echo 50056)/stats/grpc-status" | /usr/bin/python3 -c \
      'import json,sys; c=json.load(sys.stdin); r=c.get("reset-by-client", 0); print(c.get("0", 0), r, sum(c.values()) - c.get("0", 0) - r)' ;;
    grpc-js) kill -USR2 "$NODE_PID"; sleep 0.3; echo "$(grep 'grpc-status 0' "$WORK/node.log" | tail -1 | awk '{print $3}') 0 0" ;;
    python-grpcio) kill -USR2 "$PYTHON_PID"; sleep 0.3; echo "$(grep 'grpc-status 0' "$WORK/python.log" | tail -1 | awk '{print $3}') 0 0" ;;
    *) echo "- - -" ;;
  esac
}

load() { # server size streams seconds log
  local url type=application/grpc body="$WORK/grpc_$2.bin" headers=(-H 'te: trailers')
  case $1 in
    ours) url=http://127.0.0.1:50051/grpc.testing.TestService/UnaryCall ;;
    ours+apikey) url=http://127.0.0.1:50055/grpc.testing.TestService/UnaryCall; headers+=(-H "x-api-key: $KEY") ;;
    plain-kestrel) url=http://127.0.0.1:50058/plain/unary; type=application/x-protobuf; body="$WORK/plain_$2.bin"; headers=() ;;
    grpc-js) url=http://127.0.0.1:50053/grpc.testing.TestService/UnaryCall ;;
    python-grpcio) url=http://127.0.0.1:50054/grpc.testing.TestService/UnaryCall ;;
  esac
  h2load -c 4 -m "$3" -t 1 -D "$4" -d "$body" -H "content-type: $type" "${headers[@]}" --log-file "$5" "$url"
}

measure() { # server size streams -> one line: rps p50 p99 succeeded statuses
  local ok0 reset0 other0 ok1 reset1 other1 rps succeeded failed p50 p99 statuses="n/a (not gRPC)"
  read -r ok0 reset0 other0 < <(status_counts "$1")
  rm -f "$WORK/run.log"
  load "$1" "$2" "$3" "$DURATION" "$WORK/run.log" >"$WORK/run.out" 2>&1 || true
  read -r ok1 reset1 other1 < <(status_counts "$1")
  read -r rps succeeded failed < <(/usr/bin/python3 benchmarks/grpc/bench_tools.py rate "$WORK/run.out")
  read -r p50 p99 < <(/usr/bin/python3 benchmarks/grpc/bench_tools.py latency "$WORK/run.log")
  [ "$ok0" != - ] && statuses="$((ok1 - ok0)) / $((reset1 - reset0)) / $((other1 - other0))"
  [ "$failed" != 0 ] && succeeded="$succeeded ($failed failed)"
  echo "$rps|$p50|$p99|$succeeded|$statuses"
}

for server in "${SERVERS[@]}"; do
  for size in "${SIZES[@]}"; do load "$server" "$size" 50 3 /dev/null >/dev/null 2>&1 || true; done   # warm-up
done

echo "| server | message | streams/conn | req/s | p50 ms | p99 ms | h2load succeeded | server: OK / reset at stop / other |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for size in "${SIZES[@]}"; do
  for streams in "${STREAMS[@]}"; do
    for server in "${SERVERS[@]}"; do : >"$WORK/rounds.$server"; done
    for _ in $(seq "$ROUNDS"); do
      for server in "${SERVERS[@]}"; do measure "$server" "$size" "$streams" >>"$WORK/rounds.$server"; done
    done
    for server in "${SERVERS[@]}"; do
      median=$(sort -t'|' -k1,1n "$WORK/rounds.$server" | sed -n "$(( (ROUNDS + 1) / 2 ))p")
      IFS='|' read -r rps p50 p99 succeeded statuses <<<"$median"
      echo "| $server | $size B | $streams | $rps | $p50 | $p99 | $succeeded | $statuses |"
    done
  done
done
for port in 50052 50056; do
  echo "grpc-status counts of the server with stats on port $port: $(curl -s --http2-prior-knowledge http://127.0.0.1:$port/stats/grpc-status)" >&2
done
