import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import type { S3Config } from '../src/config.ts';
import { s3ClientConfig } from '../src/platform/storage/s3.ts';

export interface FakeS3 {
  endpoint: string;
  /** A fresh bucket on this server, as the app's S3 configuration. */
  bucket(name?: string): Promise<S3Config>;
  close(): Promise<void>;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;

interface S3rverObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, string>;
}
interface S3rverStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5: string): Promise<void>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
}

/**
 * S3 shows an object whole or not at all. s3rver 3.7 writes an object in place and answers the PUT before the file is
 * flushed, and its HEAD reports the file's size at that moment, so another node could read half an object — a tus
 * upload's incomplete part, say, and resume at the wrong offset. Here each object is written to a temporary file and
 * renamed into place once complete, before the PUT is answered.
 */
function writeObjectsWhole(store: S3rverStore) {
  store.putObject = async (object) => {
    const target = store.getResourcePath(object.bucket, object.key, 'object');
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.writing`;
    const md5 = createHash('md5');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    try {
      await pipeline(source, count, fs.createWriteStream(temporary));
      await fs.promises.rename(temporary, target);
    } finally {
      await fs.promises.rm(temporary, { force: true });
    }
    const digest = md5.digest('hex');
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
}

/**
 * A local S3-compatible server for tests and CI: s3rver (an S3 in Node, storing under a temp directory) on a random
 * loopback port. s3rver 3.7 lacks three multipart calls the tus S3 store makes — ListParts, AbortMultipartUpload and
 * ListMultipartUploads — so they are answered here from s3rver's own part files; everything else is s3rver's.
 */
export async function startFakeS3(): Promise<FakeS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-s3-'));
  const s3 = new S3rver({ directory, silent: true, resetOnClose: true, allowMismatchedSignatures: true });
  writeObjectsWhole(s3.store);
  const koa = s3.callback() as http.RequestListener;
  const uploadDir = (bucket: string, uploadId: string) =>
    path.join(s3.store.getResourcePath(bucket, undefined, 'uploads') as string, uploadId);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3.local');
    const [, bucket = '', ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    const uploadId = url.searchParams.get('uploadId');
    if (uploadId && key && (req.method === 'GET' || req.method === 'DELETE')) {
      const dir = uploadDir(bucket, uploadId);
      if (!/^[0-9a-f]+$/.test(uploadId) || !fs.existsSync(dir)) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        return res.end(xml(`<Error><Code>NoSuchUpload</Code><Message>no such upload</Message></Error>`));
      }
      if (req.method === 'DELETE') {
        fs.rmSync(dir, { recursive: true, force: true });
        res.writeHead(204);
        return res.end();
      }
      // Finished parts only: s3rver writes a part's .md5 after its bytes, so a part still arriving (or cut off when
      // its uploader was killed) has none, and S3 does not list it either. Reading it anyway crashed the server.
      const parts = fs
        .readdirSync(dir)
        .filter((n) => /^\d+$/.test(n))
        .map(Number)
        .sort((a, b) => a - b)
        .flatMap((n) => {
          const file = path.join(dir, String(n));
          try {
            const md5 = fs.readFileSync(`${file}.md5`, 'utf8');
            return [`<Part><PartNumber>${n}</PartNumber><ETag>"${md5}"</ETag><Size>${fs.statSync(file).size}</Size></Part>`];
          } catch {
            return [];
          }
        });
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(
        xml(
          `<ListPartsResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId>` +
            `<IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`,
        ),
      );
    }
    if (req.method === 'GET' && !key && url.searchParams.has('uploads')) {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(
        xml(
          `<ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`,
        ),
      );
    }
    return koa(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let n = 0;
  return {
    endpoint,
    async bucket(name = `casearena-test-${process.pid}-${++n}`) {
      const config: S3Config = {
        endpoint,
        bucket: name,
        region: 'us-east-1',
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      };
      const client = new S3Client(s3ClientConfig(config));
      await client.send(new CreateBucketCommand({ Bucket: name }));
      client.destroy();
      return config;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The S3 server a test file uses: CI's (S3_ENDPOINT, started by .ci/run for the PostgreSQL run) when set, else one of
 * its own. Either way each call to `bucket()` gives a fresh bucket, so test files never see each other's objects.
 */
export async function testS3(): Promise<FakeS3> {
  const shared = process.env.S3_ENDPOINT;
  if (!shared) return startFakeS3();
  let n = 0;
  return {
    endpoint: shared,
    async bucket(name = `casearena-test-${process.pid}-${Date.now().toString(36)}-${++n}`) {
      const config: S3Config = {
        endpoint: shared,
        bucket: name,
        region: process.env.S3_REGION ?? 'us-east-1',
        accessKeyId: process.env.S3_ACCESS_KEY_ID ?? 'S3RVER',
        secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? 'S3RVER',
        forcePathStyle: true,
      };
      const client = new S3Client(s3ClientConfig(config));
      await client.send(new CreateBucketCommand({ Bucket: name }));
      client.destroy();
      return config;
    },
    async close() {},
  };
}
