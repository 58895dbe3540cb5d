'use strict';
// Our cases beyond the standard interop suite: health, reflection, limits, encodings, API keys, error details.
const fs = require('fs');
const descriptor = require('protobufjs/ext/descriptor');
const { grpc, Client, unary, collect, expect, expectCode, payload } = require('./support');

const { status: Code } = grpc;
const SERVING = 1;
const NOT_SERVING = 2;
const cases = {};

cases.health_check = async (c) => {
  const health = c.service(c.packages.grpc.health.v1.Health);
  for (const service of ['', 'grpc.testing.TestService']) {
    const { error, response } = await unary(health, 'Check', { service }, new grpc.Metadata());
    expect(!error && response.status === SERVING, `Check('${service}'): ${error || response.status}`);
  }
  expectCode(await unary(health, 'Check', { service: 'no.such.Service' }, new grpc.Metadata()), Code.NOT_FOUND, 'unknown service');
};

cases.health_watch = async (c) => {
  expect(c.args.readiness_file, '--readiness_file is required');
  const health = c.service(c.packages.grpc.health.v1.Health);
  const call = health.Watch({ service: '' }, new grpc.Metadata(), { deadline: Date.now() + 30000 });
  const updates = call[Symbol.asyncIterator]();
  try {
    expect((await updates.next()).value.status === SERVING, 'first status not SERVING');
    fs.writeFileSync(c.args.readiness_file, '');
    expect((await updates.next()).value.status === NOT_SERVING, 'not NOT_SERVING once the probe says not ready');
    fs.rmSync(c.args.readiness_file);
    expect((await updates.next()).value.status === SERVING, 'not SERVING again once ready');
  } finally {
    call.on('error', () => {});
    call.cancel();
    fs.rmSync(c.args.readiness_file, { force: true });
  }
};

async function reflect(c, version, request) {
  const reflection = c.service(c.packages.grpc.reflection[version].ServerReflection);
  const call = reflection.ServerReflectionInfo(new grpc.Metadata());
  const done = collect(call);
  call.write(request);
  call.end();
  const { responses, error } = await done;
  expect(!error && responses.length === 1, `reflection ${version}: ${error}`);
  return responses[0];
}

const fileNames = (response) => response.file_descriptor_response.file_descriptor_proto.map((b) => descriptor.FileDescriptorProto.decode(b).name);

cases.reflection_list = async (c) => {
  const expected = ['grpc.testing.TestService', 'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];
  for (const version of ['v1', 'v1alpha']) {
    const listed = (await reflect(c, version, { list_services: '' })).list_services_response.service.map((s) => s.name);
    expect(expected.every((name) => listed.includes(name)), `${version} listed ${listed}`);
  }
};

cases.reflection_describe = async (c) => {
  for (const version of ['v1', 'v1alpha']) {
    const response = await reflect(c, version, { file_containing_symbol: 'grpc.testing.TestService.UnaryCall' });
    const names = fileNames(response);
    expect(names[0] === 'grpc/testing/test.proto' && names.includes('grpc/testing/messages.proto'), `${version}: files ${names}`);
    const test = descriptor.FileDescriptorProto.decode(response.file_descriptor_response.file_descriptor_proto[0]);
    expect(test.service[0].method.some((m) => m.name === 'FullDuplexCall' && m.clientStreaming && m.serverStreaming), `${version}: methods`);
  }
  const faults = fileNames(await reflect(c, 'v1', { file_containing_symbol: 'onestop.testing.v1.FailResponse' }));
  expect(JSON.stringify(faults) === JSON.stringify(['onestop/testing/v1/faults.proto', 'google/protobuf/timestamp.proto']), `faults.proto and its import: ${faults}`);
  const missing = await reflect(c, 'v1', { file_by_filename: 'no/such.proto' });
  expect(missing.error_response && missing.error_response.error_code === Code.NOT_FOUND, 'unknown file: no NOT_FOUND');
};

cases.oversized_message = async (c) => {
  const tooBig = await unary(c.test, 'UnaryCall', { payload: payload(4 * 1024 * 1024 + 1) }, c.metadata());
  expectCode(tooBig, Code.RESOURCE_EXHAUSTED, 'oversized request');
  const after = await unary(c.test, 'UnaryCall', { response_size: 10 }, c.metadata());
  expect(!after.error && after.response.payload.body.length === 10, `no service after: ${after.error}`);
};

cases.unknown_encoding = async (c) => {
  // grpc-js can compress with deflate; the server speaks gzip only, so deflate is an unknown encoding to it.
  const deflating = new Client(c.args, { 'grpc.default_compression_algorithm': 1 });
  const outcome = await unary(deflating.test, 'UnaryCall', { response_size: 10, payload: payload(1000) }, c.metadata());
  expectCode(outcome, Code.UNIMPLEMENTED, 'deflate request');
};

cases.api_key_missing = async (c) => {
  expectCode(await unary(c.test, 'EmptyCall', {}, c.metadata({}, '')), Code.UNAUTHENTICATED, 'no key');
};

cases.api_key_invalid = async (c) => {
  expectCode(await unary(c.test, 'EmptyCall', {}, c.metadata({}, 'not-a-key')), Code.UNAUTHENTICATED, 'wrong key');
};

cases.api_key_not_permitted = async (c) => {
  const limited = () => c.metadata({}, c.args.limited_api_key);
  const allowed = await unary(c.test, 'EmptyCall', {}, limited());
  expect(!allowed.error, `EmptyCall with the limited key: ${allowed.error}`);
  expectCode(await unary(c.test, 'UnaryCall', {}, limited()), Code.PERMISSION_DENIED, 'UnaryCall with the limited key');
};

cases.validation_error_details = async (c) => {
  const faults = c.service(c.packages.onestop.testing.v1.Faults);
  const outcome = await unary(faults, 'Fail', { kind: 'validation' }, c.metadata());
  expectCode(outcome, Code.INVALID_ARGUMENT, 'validation failure');
  const [details] = outcome.status.metadata.get('grpc-status-details-bin');
  expect(Buffer.isBuffer(details), 'no grpc-status-details-bin trailer');
  const status = c.types.lookupType('google.rpc.Status').decode(details);
  expect(status.code === Code.INVALID_ARGUMENT && status.message === outcome.status.details, `status ${JSON.stringify(status)}`);
  const packed = status.details.find((d) => d.type_url.endsWith('google.rpc.BadRequest'));
  expect(packed, 'no BadRequest detail');
  const violations = c.types.lookupType('google.rpc.BadRequest').decode(packed.value).field_violations;
  const identity = violations.find((v) => v.field === 'applicant.identity_number');
  expect(identity && identity.description === 'Số định danh cá nhân phải có 12 chữ số.', `violations ${JSON.stringify(violations)}`);
};

module.exports = cases;
