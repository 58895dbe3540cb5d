'use strict';
// grpc.testing.TestService/UnaryCall on @grpc/grpc-js, the same work as the other servers of the benchmark:
// answer a SimpleRequest with a payload of response_size zero bytes. Counts the statuses it ends calls with.
// Usage: node node_server.js PORT PROTO_ROOT   (SIGUSR2 prints the counts)
const path = require('path');

const modules = path.join(__dirname, '../../tests/interop/node/node_modules');
const grpc = require(path.join(modules, '@grpc/grpc-js'));
const protoLoader = require(path.join(modules, '@grpc/proto-loader'));

const [port, protoRoot] = process.argv.slice(2);
const definition = protoLoader.loadSync('grpc/testing/test.proto', { includeDirs: [protoRoot], keepCase: true, defaults: true });
const { TestService } = grpc.loadPackageDefinition(definition).grpc.testing;
const counts = { ok: 0 };

const server = new grpc.Server();
server.addService(TestService.service, {
  UnaryCall(call, callback) {
    counts.ok += 1;
    callback(null, { payload: { body: Buffer.alloc(call.request.response_size) } });
  },
});
server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error) => {
  if (error) throw error;
  console.log(`listening on ${port}`);
});
process.on('SIGUSR2', () => console.log(`grpc-status 0: ${counts.ok}`));
