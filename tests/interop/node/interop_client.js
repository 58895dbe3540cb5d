#!/usr/bin/env node
'use strict';
// grpc-js interop client for the Onestop gRPC transport: runs one case of grpc/grpc
// doc/interop-test-descriptions.md, or one of ours (extra_cases.js), against a running server; exits 0 if it passes.
// Usage: node interop_client.js --server_port N --test_case NAME --proto_path DIR [--proto_path DIR] [--api_key KEY]
const { grpc, Client, unary, collect, expect, expectCode, zeros, payload } = require('./support');
const extraCases = require('./extra_cases');

const { status: Code } = grpc;
const cases = {};

cases.empty_unary = async (c) => {
  const { error, response } = await unary(c.test, 'EmptyCall', {}, c.metadata());
  expect(!error && response, `EmptyCall failed: ${error}`);
};

cases.large_unary = async (c) => {
  const { error, response } = await unary(c.test, 'UnaryCall', { response_size: 314159, payload: payload(271828) }, c.metadata());
  expect(!error, `UnaryCall failed: ${error}`);
  expect(response.payload.body.equals(zeros(314159)), `payload of ${response.payload.body.length} bytes`);
};

cases.client_compressed_unary = async (c) => {
  const request = (expected) => ({ expect_compressed: { value: expected }, response_size: 314159, payload: payload(271828) });
  expectCode(await unary(c.test, 'UnaryCall', request(true), c.metadata()), Code.INVALID_ARGUMENT, 'uncompressed probe');
  const gzip = new Client(c.args, { 'grpc.default_compression_algorithm': 2 });
  const compressed = await unary(gzip.test, 'UnaryCall', request(true), c.metadata());
  expect(!compressed.error && compressed.response.payload.body.length === 314159, `compressed call: ${compressed.error}`);
  const plain = await unary(c.test, 'UnaryCall', request(false), c.metadata());
  expect(!plain.error && plain.response.payload.body.length === 314159, `uncompressed call: ${plain.error}`);
};

cases.server_compressed_unary = async (c) => {
  for (const compressed of [true, false]) {
    const request = { response_compressed: { value: compressed }, response_size: 314159, payload: payload(271828) };
    const { error, response } = await unary(c.test, 'UnaryCall', request, c.metadata());
    expect(!error && response.payload.body.equals(zeros(314159)), `response_compressed=${compressed}: ${error}`);
  }
};

cases.client_streaming = async (c) => {
  const result = await new Promise((resolve) => {
    const call = c.test.StreamingInputCall(c.metadata(), (error, response) => resolve({ error, response }));
    for (const size of [27182, 8, 1828, 45904]) call.write({ payload: payload(size) });
    call.end();
  });
  expect(!result.error && result.response.aggregated_payload_size === 74922, `aggregated: ${result.error || result.response.aggregated_payload_size}`);
};

cases.server_streaming = async (c) => {
  const sizes = [31415, 9, 2653, 58979];
  const request = { response_parameters: sizes.map((size) => ({ size })) };
  const { responses, error } = await collect(c.test.StreamingOutputCall(request, c.metadata()));
  const received = responses.map((r) => r.payload.body.length);
  expect(!error && JSON.stringify(received) === JSON.stringify(sizes), `received ${received} ${error || ''}`);
};

cases.ping_pong = async (c) => {
  const call = c.test.FullDuplexCall(c.metadata());
  const done = collect(call);
  const reader = call[Symbol.asyncIterator]();
  for (const [size, body] of [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]]) {
    call.write({ response_parameters: [{ size }], payload: payload(body) });
    const { value } = await reader.next();
    expect(value && value.payload.body.length === size, `expected a response of ${size}`);
  }
  call.end();
  const { status } = await done;
  expect(status.code === Code.OK, `status ${status.code}: ${status.details}`);
};

cases.empty_stream = async (c) => {
  const call = c.test.FullDuplexCall(c.metadata());
  call.end();
  const { responses, status } = await collect(call);
  expect(responses.length === 0 && status.code === Code.OK, `${responses.length} responses, status ${status.code}`);
};

cases.custom_metadata = async (c) => {
  const trailing = Buffer.from([0xab, 0xab, 0xab]);
  const metadata = () => c.metadata({ 'x-grpc-test-echo-initial': 'test_initial_metadata_value', 'x-grpc-test-echo-trailing-bin': trailing });
  const check = (what, initial, status) => {
    expect(initial.get('x-grpc-test-echo-initial')[0] === 'test_initial_metadata_value', `${what}: initial metadata`);
    const echoed = status.metadata.get('x-grpc-test-echo-trailing-bin')[0];
    expect(Buffer.isBuffer(echoed) && echoed.equals(trailing), `${what}: trailing metadata ${echoed}`);
  };
  const call = await unary(c.test, 'UnaryCall', { response_size: 314159, payload: payload(271828) }, metadata());
  expect(!call.error, `unary: ${call.error}`);
  check('unary', call.initial, call.status);
  const duplex = c.test.FullDuplexCall(metadata());
  const done = collect(duplex);
  duplex.write({ response_parameters: [{ size: 314159 }], payload: payload(271828) });
  duplex.end();
  const { responses, initial, status } = await done;
  expect(responses.length === 1 && responses[0].payload.body.length === 314159, 'full duplex: wrong responses');
  check('full duplex', initial, status);
};

async function echoStatus(c, message) {
  const outcome = await unary(c.test, 'UnaryCall', { response_status: { code: 2, message } }, c.metadata());
  expectCode(outcome, Code.UNKNOWN, 'unary');
  expect(outcome.status.details === message, `unary: message ${JSON.stringify(outcome.status.details)}`);
}

cases.status_code_and_message = async (c) => {
  await echoStatus(c, 'test status message');
  const call = c.test.FullDuplexCall(c.metadata());
  const done = collect(call);
  call.write({ response_status: { code: 2, message: 'test status message' } });
  call.end();
  const { status } = await done;
  expect(status.code === Code.UNKNOWN && status.details === 'test status message', `full duplex: ${status.code} ${status.details}`);
};

cases.special_status_message = (c) => echoStatus(c, '\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1F608}\t\n');

cases.unimplemented_method = async (c) => {
  expectCode(await unary(c.test, 'UnimplementedCall', {}, c.metadata()), Code.UNIMPLEMENTED, 'UnimplementedCall');
};

cases.unimplemented_service = async (c) => {
  const service = c.service(c.packages.grpc.testing.UnimplementedService);
  expectCode(await unary(service, 'UnimplementedCall', {}, c.metadata()), Code.UNIMPLEMENTED, 'UnimplementedService');
};

cases.cancel_after_begin = async (c) => {
  const result = await new Promise((resolve) => {
    const call = c.test.StreamingInputCall(c.metadata(), (error) => resolve(error));
    call.cancel();
  });
  expect(result && result.code === Code.CANCELLED, `status ${result && result.code}`);
};

cases.cancel_after_first_response = async (c) => {
  const call = c.test.FullDuplexCall(c.metadata());
  const done = collect(call);
  call.write({ response_parameters: [{ size: 31415 }], payload: payload(27182) });
  const { value } = await call[Symbol.asyncIterator]().next();
  expect(value && value.payload.body.length === 31415, 'wrong first response');
  call.cancel();
  const { status } = await done;
  expect(status.code === Code.CANCELLED, `status ${status.code}`);
};

cases.timeout_on_sleeping_server = async (c) => {
  const call = c.test.FullDuplexCall(c.metadata(), { deadline: Date.now() + 1 });
  const done = collect(call);
  call.write({ payload: payload(27182) });
  const { status } = await done;
  expect(status.code === Code.DEADLINE_EXCEEDED, `status ${status.code}: ${status.details}`);
};

Object.assign(cases, extraCases);

function parseArguments(argv) {
  const args = { server_host: '127.0.0.1', proto_path: [], api_key: '', limited_api_key: '', readiness_file: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'proto_path') args.proto_path.push(argv[i + 1]);
    else args[name] = argv[i + 1];
  }
  return args;
}

async function main() {
  const args = parseArguments(process.argv.slice(2));
  const run = cases[args.test_case];
  if (!run) {
    console.log(`Unknown case '${args.test_case}'; known: ${Object.keys(cases).join(', ')}`);
    return 2;
  }
  const started = Date.now();
  try {
    await run(new Client(args));
  } catch (error) {
    console.log(`FAIL ${args.test_case}: ${error.stack || error}`);
    return 1;
  }
  console.log(`PASS ${args.test_case} (${Date.now() - started} ms)`);
  return 0;
}

main().then((code) => process.exit(code));
