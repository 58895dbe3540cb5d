#!/usr/bin/python3
"""gRPC interop client on the C-core (Debian python3-grpcio) for the Onestop gRPC transport.

Runs one case against a running server: the cases of grpc/grpc doc/interop-test-descriptions.md, and ours
(health, reflection, limits, compression, API keys). Exits 0 when the case passes.
Usage: interop_client.py --server_port N --test_case NAME --descriptor_set FILE [--api_key KEY] ...
"""
import argparse
import sys
import time

import grpc

from interop_support import ZEROS, Client, DuplexRequests, expect, fails_with
import extra_cases

CASES = {}


def case(function):
    CASES[function.__name__] = function
    return function


@case
def empty_unary(c):
    response = c.test("EmptyCall", "unary_unary")(c.new("grpc.testing.Empty"), metadata=c.metadata)
    expect(response is not None and response.ByteSize() == 0, "expected an empty response")


@case
def large_unary(c):
    request = c.simple_request(response_size=314159, payload=c.payload(271828))
    response = c.test("UnaryCall", "unary_unary")(request, metadata=c.metadata)
    expect(response.payload.body == ZEROS * 314159, f"payload of {len(response.payload.body)} bytes")


@case
def client_compressed_unary(c):
    unary = c.test("UnaryCall", "unary_unary")

    def request(expect_compressed):
        return c.simple_request(expect_compressed=c.new("grpc.testing.BoolValue", value=expect_compressed),
                                response_size=314159, payload=c.payload(271828))

    fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: unary(request(True), metadata=c.metadata))
    compressed = unary(request(True), metadata=c.metadata, compression=grpc.Compression.Gzip)
    expect(len(compressed.payload.body) == 314159, "compressed request: wrong response size")
    plain = unary(request(False), metadata=c.metadata)
    expect(len(plain.payload.body) == 314159, "uncompressed request: wrong response size")


@case
def server_compressed_unary(c):
    unary = c.test("UnaryCall", "unary_unary")
    for compressed in (True, False):
        request = c.simple_request(response_compressed=c.new("grpc.testing.BoolValue", value=compressed),
                                   response_size=314159, payload=c.payload(271828))
        response = unary(request, metadata=c.metadata)
        expect(response.payload.body == ZEROS * 314159, f"response_compressed={compressed}: wrong payload")


@case
def client_streaming(c):
    sizes = (27182, 8, 1828, 45904)
    requests = (c.new("grpc.testing.StreamingInputCallRequest", payload=c.payload(size)) for size in sizes)
    response = c.test("StreamingInputCall", "stream_unary")(requests, metadata=c.metadata)
    expect(response.aggregated_payload_size == 74922, f"aggregated {response.aggregated_payload_size}")


@case
def server_streaming(c):
    sizes = [31415, 9, 2653, 58979]
    responses = c.test("StreamingOutputCall", "unary_stream")(c.duplex_request(sizes), metadata=c.metadata)
    received = [len(r.payload.body) for r in responses]
    expect(received == sizes, f"received sizes {received}")


@case
def ping_pong(c):
    requests = DuplexRequests()
    responses = c.test("FullDuplexCall", "stream_stream")(requests, metadata=c.metadata)
    for size, payload in ((31415, 27182), (9, 8), (2653, 1828), (58979, 45904)):
        requests.send(c.duplex_request([size], payload))
        response = next(responses)
        expect(len(response.payload.body) == size, f"expected {size}, got {len(response.payload.body)}")
    requests.close()
    expect(next(responses, None) is None, "a response after half-close")
    expect(responses.code() == grpc.StatusCode.OK, f"status {responses.code()}")


@case
def empty_stream(c):
    responses = c.test("FullDuplexCall", "stream_stream")(iter(()), metadata=c.metadata)
    expect(list(responses) == [], "expected no responses")


@case
def custom_metadata(c):
    metadata = c.metadata + (("x-grpc-test-echo-initial", "test_initial_metadata_value"),
                             ("x-grpc-test-echo-trailing-bin", b"\xab\xab\xab"))

    def check(call):
        initial, trailing = dict(call.initial_metadata()), dict(call.trailing_metadata())
        expect(initial.get("x-grpc-test-echo-initial") == "test_initial_metadata_value", f"initial metadata {initial}")
        expect(trailing.get("x-grpc-test-echo-trailing-bin") == b"\xab\xab\xab", f"trailing metadata {trailing}")

    request = c.simple_request(response_size=314159, payload=c.payload(271828))
    _, call = c.test("UnaryCall", "unary_unary").with_call(request, metadata=metadata)
    check(call)
    responses = c.test("FullDuplexCall", "stream_stream")(iter([c.duplex_request([314159], 271828)]), metadata=metadata)
    expect([len(r.payload.body) for r in responses] == [314159], "full duplex: wrong responses")
    check(responses)


def echo_status(c, code, message):
    status = c.new("grpc.testing.EchoStatus", code=code, message=message)
    error = fails_with(grpc.StatusCode.UNKNOWN,
                       lambda: c.test("UnaryCall", "unary_unary")(c.simple_request(response_status=status), metadata=c.metadata))
    expect(error.details() == message, f"unary: message {error.details()!r}")
    return status


@case
def status_code_and_message(c):
    status = echo_status(c, 2, "test status message")
    responses = c.test("FullDuplexCall", "stream_stream")(iter([c.duplex_request(response_status=status)]), metadata=c.metadata)
    error = fails_with(grpc.StatusCode.UNKNOWN, lambda: list(responses))
    expect(error.details() == "test status message", f"full duplex: message {error.details()!r}")


@case
def special_status_message(c):
    echo_status(c, 2, "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n")


@case
def unimplemented_method(c):
    fails_with(grpc.StatusCode.UNIMPLEMENTED,
               lambda: c.test("UnimplementedCall", "unary_unary")(c.new("grpc.testing.Empty"), metadata=c.metadata))


@case
def unimplemented_service(c):
    call, _ = c.method("unary_unary", "/grpc.testing.UnimplementedService/UnimplementedCall", "grpc.testing.Empty", "grpc.testing.Empty")
    fails_with(grpc.StatusCode.UNIMPLEMENTED, lambda: call(c.new("grpc.testing.Empty"), metadata=c.metadata))


@case
def cancel_after_begin(c):
    requests = DuplexRequests()
    future = c.test("StreamingInputCall", "stream_unary").future(requests, metadata=c.metadata)
    future.cancel()
    requests.close()
    expect(future.cancelled(), "the call was not cancelled")
    expect(future.code() == grpc.StatusCode.CANCELLED, f"status {future.code()}")


@case
def cancel_after_first_response(c):
    requests = DuplexRequests()
    responses = c.test("FullDuplexCall", "stream_stream")(requests, metadata=c.metadata)
    requests.send(c.duplex_request([31415], 27182))
    expect(len(next(responses).payload.body) == 31415, "wrong first response")
    responses.cancel()
    requests.close()
    expect(responses.code() == grpc.StatusCode.CANCELLED, f"status {responses.code()}")


@case
def timeout_on_sleeping_server(c):
    requests = DuplexRequests()
    responses = c.test("FullDuplexCall", "stream_stream")(requests, metadata=c.metadata, timeout=0.001)
    requests.send(c.duplex_request(payload_size=27182))
    fails_with(grpc.StatusCode.DEADLINE_EXCEEDED, lambda: list(responses))
    requests.close()


CASES.update(extra_cases.CASES)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--test_case", required=True, choices=sorted(CASES))
    parser.add_argument("--descriptor_set", required=True)
    parser.add_argument("--api_key", default="")
    parser.add_argument("--limited_api_key", default="", help="a key that may call EmptyCall only")
    parser.add_argument("--readiness_file", default="", help="while this file exists the server reports not ready")
    args = parser.parse_args()
    started = time.monotonic()
    try:
        CASES[args.test_case](Client(args))
    except Exception as error:  # report any failure as the case's failure, with its type
        print(f"FAIL {args.test_case}: {type(error).__name__}: {error}")
        return 1
    print(f"PASS {args.test_case} ({(time.monotonic() - started) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
