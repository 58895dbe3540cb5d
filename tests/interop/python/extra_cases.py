"""Our cases beyond the standard interop suite: health, reflection, limits, encodings, API keys, error details."""
import os

import grpc
from google.protobuf import descriptor_pb2

from interop_support import Client, expect, fails_with

CASES = {}

SERVING, NOT_SERVING = 1, 2


def case(function):
    CASES[function.__name__] = function
    return function


def health(c, kind):
    return c.method(kind, f"/grpc.health.v1.Health/{'Check' if kind == 'unary_unary' else 'Watch'}",
                    "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse")


@case
def health_check(c):
    check, request = health(c, "unary_unary")
    expect(check(request(service="")).status == SERVING, "server not SERVING")
    expect(check(request(service="grpc.testing.TestService")).status == SERVING, "TestService not SERVING")
    fails_with(grpc.StatusCode.NOT_FOUND, lambda: check(request(service="no.such.Service")))


@case
def health_watch(c):
    expect(c.args.readiness_file, "--readiness_file is required")
    watch, request = health(c, "unary_stream")
    updates = watch(request(service=""), timeout=30)
    try:
        expect(next(updates).status == SERVING, "first status not SERVING")
        open(c.args.readiness_file, "w").close()
        expect(next(updates).status == NOT_SERVING, "not NOT_SERVING once the probe says not ready")
        os.remove(c.args.readiness_file)
        expect(next(updates).status == SERVING, "not SERVING again once ready")
    finally:
        updates.cancel()
        if os.path.exists(c.args.readiness_file):
            os.remove(c.args.readiness_file)


def reflect(c, version, **request_fields):
    package = f"grpc.reflection.{version}"
    call, request = c.method("stream_stream", f"/{package}.ServerReflection/ServerReflectionInfo",
                             f"{package}.ServerReflectionRequest", f"{package}.ServerReflectionResponse")
    return list(call(iter([request(**request_fields)])))[0]


@case
def reflection_list(c):
    expected = {"grpc.testing.TestService", "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"}
    for version in ("v1", "v1alpha"):
        listed = {s.name for s in reflect(c, version, list_services="").list_services_response.service}
        expect(expected <= listed, f"{version} listed {sorted(listed)}")


@case
def reflection_describe(c):
    for version in ("v1", "v1alpha"):
        response = reflect(c, version, file_containing_symbol="grpc.testing.TestService")
        files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in response.file_descriptor_response.file_descriptor_proto]
        names = [f.name for f in files]
        expect(names[0] == "grpc/testing/test.proto", f"{version}: files {names}")
        expect({"grpc/testing/empty.proto", "grpc/testing/messages.proto"} <= set(names), f"{version}: dependencies {names}")
        methods = {m.name for m in files[0].service[0].method}
        expect({"EmptyCall", "UnaryCall", "FullDuplexCall"} <= methods, f"{version}: methods {methods}")

    by_name = reflect(c, "v1", file_by_filename="google/rpc/status.proto").file_descriptor_response.file_descriptor_proto
    names = [descriptor_pb2.FileDescriptorProto.FromString(b).name for b in by_name]
    expect(names == ["google/rpc/status.proto", "google/protobuf/any.proto"], f"status.proto and its import: {names}")
    missing = reflect(c, "v1", file_containing_symbol="no.such.Symbol")
    expect(missing.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0], f"unknown symbol: {missing}")


@case
def oversized_message(c):
    unary = c.test("UnaryCall", "unary_unary")
    too_big = c.simple_request(payload=c.payload(4 * 1024 * 1024 + 1))
    fails_with(grpc.StatusCode.RESOURCE_EXHAUSTED, lambda: unary(too_big, metadata=c.metadata))
    expect(unary(c.simple_request(response_size=10), metadata=c.metadata).payload.body == b"\x00" * 10, "no service after")


@case
def unknown_encoding(c):
    # The C-core can compress with deflate; the server speaks gzip only, so deflate is an unknown encoding to it.
    deflating = Client(c.args, compression=grpc.Compression.Deflate)
    request = c.simple_request(response_size=10, payload=c.payload(1000))
    fails_with(grpc.StatusCode.UNIMPLEMENTED, lambda: deflating.test("UnaryCall", "unary_unary")(request, metadata=c.metadata))


@case
def api_key_missing(c):
    fails_with(grpc.StatusCode.UNAUTHENTICATED, lambda: c.test("EmptyCall", "unary_unary")(c.new("grpc.testing.Empty")))


@case
def api_key_invalid(c):
    call = c.test("EmptyCall", "unary_unary")
    fails_with(grpc.StatusCode.UNAUTHENTICATED, lambda: call(c.new("grpc.testing.Empty"), metadata=(("x-api-key", "not-a-key"),)))


@case
def api_key_not_permitted(c):
    limited = (("x-api-key", c.args.limited_api_key),)
    c.test("EmptyCall", "unary_unary")(c.new("grpc.testing.Empty"), metadata=limited)
    fails_with(grpc.StatusCode.PERMISSION_DENIED, lambda: c.test("UnaryCall", "unary_unary")(c.simple_request(), metadata=limited))


@case
def validation_error_details(c):
    fail, request = c.method("unary_unary", "/onestop.testing.v1.Faults/Fail", "onestop.testing.v1.FailRequest", "onestop.testing.v1.FailResponse")
    error = fails_with(grpc.StatusCode.INVALID_ARGUMENT, lambda: fail(request(kind="validation"), metadata=c.metadata))
    details = dict(error.trailing_metadata()).get("grpc-status-details-bin")
    expect(details is not None, "no grpc-status-details-bin trailer")
    status = c.m["google.rpc.Status"].FromString(details)
    expect(status.code == 3 and status.message == error.details(), f"status {status}")
    bad_request = c.m["google.rpc.BadRequest"]()
    packed = [d for d in status.details if d.type_url.endswith("google.rpc.BadRequest")]
    expect(packed and packed[0].Unpack(bad_request), f"no BadRequest in {status}")
    fields = {v.field: v.description for v in bad_request.field_violations}
    expect(fields.get("applicant.identity_number") == "Số định danh cá nhân phải có 12 chữ số.", f"violations {fields}")

