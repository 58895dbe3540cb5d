// Starts s3rver on loopback with one empty bucket and prints {"port": N} once it listens; stops on SIGTERM or when
// stdin closes (the test that started it ended).
import S3rver from 's3rver';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bucket = process.argv[2] ?? 'onestop-documents';
const directory = mkdtempSync(join(tmpdir(), 'onestop-s3-'));
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
const { port } = await server.run();
process.stdout.write(JSON.stringify({ port, bucket }) + '\n');

const stop = async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
