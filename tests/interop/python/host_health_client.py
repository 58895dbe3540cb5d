#!/usr/bin/python3
"""A load balancer's health probe on the C-core (Debian python3-grpcio): grpc.health.v1 Check of the real host.

Exits 0 when the server as a whole, and each named service, report the expected status. Usage:
  host_health_client.py --server_port N --rest_url URL --api_key KEY --descriptor_set FILE --expect SERVING|NOT_SERVING [--service NAME ...]
"""
import argparse
import sys

import grpc

from interop_support import Messages, expect


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--rest_url", required=True)
    parser.add_argument("--api_key", required=True)
    parser.add_argument("--descriptor_set", required=True)
    parser.add_argument("--expect", required=True, choices=["SERVING", "NOT_SERVING"])
    parser.add_argument("--service", action="append", default=[])
    args = parser.parse_args()
    m = Messages(args.descriptor_set)
    status = m.pool.FindEnumTypeByName("grpc.health.v1.HealthCheckResponse.ServingStatus").values_by_name[args.expect].number
    channel = grpc.insecure_channel(f"127.0.0.1:{args.server_port}")
    check = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=lambda message: message.SerializeToString(),
                                response_deserializer=m["grpc.health.v1.HealthCheckResponse"].FromString)
    for service in ["", *args.service]:
        answer = check(m["grpc.health.v1.HealthCheckRequest"](service=service), timeout=10)
        expect(answer.status == status, f"service {service!r}: status {answer.status}, expected {args.expect}")
    print(f"health {args.expect}: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
