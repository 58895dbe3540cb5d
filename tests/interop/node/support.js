'use strict';
// What the interop cases share: the proto definitions, clients, promise wrappers over grpc-js calls, assertions.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const PROTO_FILES = [
  'grpc/testing/test.proto', 'grpc/health/v1/health.proto', 'grpc/reflection/v1/reflection.proto',
  'grpc/reflection/v1alpha/reflection.proto', 'google/rpc/status.proto', 'google/rpc/error_details.proto',
  'onestop/testing/v1/faults.proto',
];

function loadProtos(protoPaths) {
  const definition = protoLoader.loadSync(PROTO_FILES, {
    includeDirs: protoPaths, keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true,
  });
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    for (const dir of protoPaths) {
      const candidate = path.join(dir, target);
      if (require('fs').existsSync(candidate)) return candidate;
    }
    return protobuf.util.path.resolve(origin, target);
  };
  root.loadSync(PROTO_FILES.filter((f) => f.startsWith('google/rpc/')), { keepCase: true });
  return { packages: grpc.loadPackageDefinition(definition), types: root };
}

class Client {
  constructor(args, channelOptions = {}) {
    this.args = args;
    const { packages, types } = loadProtos(args.proto_path);
    this.packages = packages;
    this.types = types;
    this.target = `${args.server_host}:${args.server_port}`;
    this.channelOptions = channelOptions;
    this.test = this.service(packages.grpc.testing.TestService);
  }

  service(constructor) {
    return new constructor(this.target, grpc.credentials.createInsecure(), this.channelOptions);
  }

  metadata(entries = {}, apiKey = this.args.api_key) {
    const metadata = new grpc.Metadata();
    if (apiKey) metadata.add('x-api-key', apiKey);
    for (const [key, value] of Object.entries(entries)) metadata.add(key, value);
    return metadata;
  }
}

// A unary call as a promise of everything a case may check: error, response, initial metadata, status.
function unary(client, method, request, metadata, options = {}) {
  return new Promise((resolve) => {
    let outcome = {};
    const call = client[method](request, metadata, options, (error, response) => {
      outcome = { ...outcome, error, response };
    });
    call.on('metadata', (initial) => { outcome.initial = initial; });
    call.on('status', (status) => resolve({ ...outcome, status }));
  });
}

// Collects a response stream: every message, then the status (or the error that ended it).
function collect(call) {
  return new Promise((resolve) => {
    const responses = [];
    let initial;
    let error;
    call.on('metadata', (m) => { initial = m; });
    call.on('data', (r) => responses.push(r));
    call.on('error', (e) => { error = e; });
    call.on('status', (status) => setImmediate(() => resolve({ responses, initial, error, status })));
  });
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectCode(outcome, code, what) {
  const actual = outcome.error ? outcome.error.code : outcome.status.code;
  expect(actual === code, `${what}: expected status ${code}, got ${actual} (${outcome.status && outcome.status.details})`);
}

const zeros = (size) => Buffer.alloc(size);
const payload = (size) => ({ body: zeros(size) });

module.exports = { grpc, Client, unary, collect, expect, expectCode, zeros, payload };
