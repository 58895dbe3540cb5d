"""What the interop cases share: message classes from a descriptor set, a channel, small assertions.

Messages are built at run time from a FileDescriptorSet the caller writes (--descriptor_set), so no generated
code has to match the protobuf runtime of this machine.
"""
import queue
import threading

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

ZEROS = b"\x00"


class Messages:
    """Message classes by full name, from a FileDescriptorSet whose files come in dependency order."""

    def __init__(self, path):
        with open(path, "rb") as f:
            files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file
        self.pool = descriptor_pool.DescriptorPool()
        for file in files:
            self.pool.AddSerializedFile(file.SerializeToString())
        self.factory = message_factory.MessageFactory(self.pool)

    def __getitem__(self, full_name):
        descriptor = self.pool.FindMessageTypeByName(full_name)
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return self.factory.GetPrototype(descriptor)


class Client:
    def __init__(self, args, compression=None):
        self.args = args
        self.m = Messages(args.descriptor_set)
        target = f"{args.server_host}:{args.server_port}"
        self.channel = grpc.insecure_channel(target, compression=compression)
        self.metadata = (("x-api-key", args.api_key),) if args.api_key else ()

    def method(self, kind, path, request_type, response_type):
        request_cls, response_cls = self.m[request_type], self.m[response_type]
        factory = getattr(self.channel, kind)
        return factory(path, request_serializer=lambda msg: msg.SerializeToString(), response_deserializer=response_cls.FromString), request_cls

    def test(self, name, kind):
        request, response = {
            "EmptyCall": ("grpc.testing.Empty", "grpc.testing.Empty"),
            "UnaryCall": ("grpc.testing.SimpleRequest", "grpc.testing.SimpleResponse"),
            "UnimplementedCall": ("grpc.testing.Empty", "grpc.testing.Empty"),
            "StreamingOutputCall": ("grpc.testing.StreamingOutputCallRequest", "grpc.testing.StreamingOutputCallResponse"),
            "StreamingInputCall": ("grpc.testing.StreamingInputCallRequest", "grpc.testing.StreamingInputCallResponse"),
            "FullDuplexCall": ("grpc.testing.StreamingOutputCallRequest", "grpc.testing.StreamingOutputCallResponse"),
            "HalfDuplexCall": ("grpc.testing.StreamingOutputCallRequest", "grpc.testing.StreamingOutputCallResponse"),
        }[name]
        return self.method(kind, f"/grpc.testing.TestService/{name}", request, response)[0]

    def new(self, full_name, **fields):
        return self.m[full_name](**fields)

    def simple_request(self, **fields):
        return self.new("grpc.testing.SimpleRequest", **fields)

    def payload(self, size):
        return self.new("grpc.testing.Payload", body=ZEROS * size)

    def duplex_request(self, sizes=(), payload_size=None, **fields):
        request = self.new("grpc.testing.StreamingOutputCallRequest", **fields)
        for size in sizes:
            request.response_parameters.add(size=size)
        if payload_size is not None:
            request.payload.CopyFrom(self.payload(payload_size))
        return request


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_code(error, code):
    expect(isinstance(error, grpc.RpcError), f"expected an RpcError {code}, got {error!r}")
    expect(error.code() == code, f"expected {code}, got {error.code()}: {error.details()}")


def fails_with(code, call):
    try:
        call()
    except grpc.RpcError as error:
        expect_code(error, code)
        return error
    raise AssertionError(f"expected {code}, the call succeeded")


class DuplexRequests:
    """A request iterator the test feeds one message at a time, then closes."""

    _DONE = object()

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, message):
        self._queue.put(message)

    def close(self):
        self._queue.put(self._DONE)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._DONE:
            raise StopIteration
        return item


def take(stream, count, seconds=15):
    """The next `count` changes of a stream, read on a thread so a silent server fails the case instead of hanging it."""
    received = queue.Queue()

    def read():
        try:
            for change in stream:
                received.put(change)
        except grpc.RpcError as error:
            received.put(error)

    threading.Thread(target=read, daemon=True).start()
    changes = []
    for _ in range(count):
        try:
            item = received.get(timeout=seconds)
        except queue.Empty:
            raise AssertionError(f"only {len(changes)} of {count} changes arrived within {seconds} s")
        if isinstance(item, grpc.RpcError):
            if item.code() == grpc.StatusCode.CANCELLED:
                break
            raise item
        changes.append(item)
    return changes


def first_where(stream, predicate, seconds=15):
    """The first message of a stream that satisfies `predicate`, read on a thread so a silent server fails the case; then cancels the call."""
    received = queue.Queue()

    def read():
        try:
            for message in stream:
                if predicate(message):
                    received.put(message)
                    return
        except grpc.RpcError as error:
            received.put(error)

    threading.Thread(target=read, daemon=True).start()
    try:
        message = received.get(timeout=seconds)
    except queue.Empty:
        raise AssertionError(f"no matching message within {seconds} s")
    finally:
        stream.cancel()
    if isinstance(message, grpc.RpcError):
        raise AssertionError(f"the stream failed: {message.code()} {message.details()}")
    return message
