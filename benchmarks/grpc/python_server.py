#!/usr/bin/python3
"""grpc.testing.TestService/UnaryCall on python3-grpcio (the C-core, asyncio server), the same work as the other
servers of the benchmark: answer a SimpleRequest with a payload of response_size zero bytes.
Usage: python_server.py PORT DESCRIPTOR_SET   (SIGUSR2 prints the number of calls answered OK)
"""
import asyncio
import signal
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory


def message_classes(path):
    pool = descriptor_pool.DescriptorPool()
    with open(path, "rb") as f:
        for file in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
            pool.AddSerializedFile(file.SerializeToString())
    factory = message_factory.MessageFactory(pool)
    return [factory.GetPrototype(pool.FindMessageTypeByName(f"grpc.testing.{name}")) for name in ("SimpleRequest", "SimpleResponse")]


async def main(port, descriptor_set):
    request_cls, response_cls = message_classes(descriptor_set)
    answered = 0

    async def unary_call(request, context):
        nonlocal answered
        answered += 1
        response = response_cls()
        response.payload.body = b"\x00" * request.response_size
        return response

    handler = grpc.method_handlers_generic_handler("grpc.testing.TestService", {
        "UnaryCall": grpc.unary_unary_rpc_method_handler(
            unary_call, request_deserializer=request_cls.FromString, response_serializer=lambda m: m.SerializeToString()),
    })
    server = grpc.aio.server()
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(f"127.0.0.1:{port}")
    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR2, lambda: print(f"grpc-status 0: {answered}", flush=True))
    await server.start()
    print(f"listening on {port}", flush=True)
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
