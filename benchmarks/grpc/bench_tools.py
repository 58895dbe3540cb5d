#!/usr/bin/python3
"""Helpers of run.sh.

  bench_tools.py bodies DESCRIPTOR_SET OUT_DIR SIZE...   request bodies: gRPC-framed and plain SimpleRequests
  bench_tools.py latency H2LOAD_LOG                      "p50_ms p99_ms" of the requests h2load logged
  bench_tools.py rate H2LOAD_OUTPUT                      "requests_per_second succeeded failed"
"""
import re
import struct
import sys

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def bodies(descriptor_set, out_dir, sizes):
    pool = descriptor_pool.DescriptorPool()
    with open(descriptor_set, "rb") as f:
        for file in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
            pool.AddSerializedFile(file.SerializeToString())
    request_cls = message_factory.MessageFactory(pool).GetPrototype(pool.FindMessageTypeByName("grpc.testing.SimpleRequest"))
    for size in sizes:
        request = request_cls(response_size=int(size))
        request.payload.body = b"\x00" * int(size)
        message = request.SerializeToString()
        with open(f"{out_dir}/plain_{size}.bin", "wb") as f:
            f.write(message)
        with open(f"{out_dir}/grpc_{size}.bin", "wb") as f:
            f.write(struct.pack(">BI", 0, len(message)) + message)


def latency(log):
    # h2load --log-file: start time, HTTP status, duration (microseconds), one request a line.
    with open(log) as f:
        durations = sorted(int(line.split()[2]) for line in f if line.strip())
    if not durations:
        return "n/a n/a"
    pick = lambda q: durations[min(len(durations) - 1, int(q * len(durations)))] / 1000
    return f"{pick(0.50):.2f} {pick(0.99):.2f}"


def rate(output):
    with open(output) as f:
        text = f.read()
    per_second = re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", text)
    counts = re.search(r"requests: \d+ total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed", text)
    if not per_second or not counts:
        return "0 0 0"
    return f"{float(per_second.group(1)):.0f} {counts.group(1)} {counts.group(2)}"


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "bodies":
        bodies(rest[0], rest[1], rest[2:])
    else:
        print({"latency": latency, "rate": rate}[command](rest[0]))
