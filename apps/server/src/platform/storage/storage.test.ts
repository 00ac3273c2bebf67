import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeS3, testS3 } from '../../../test/fake-s3.ts';
import { AppError } from '../http/errors.ts';
import { s3Storage } from './s3.ts';
import { diskStorage, type Storage } from './storage.ts';

let s3: FakeS3;
let dir: string;
const backends: Record<'disk' | 's3', () => Promise<Storage>> = {
  disk: async () => diskStorage(dir),
  s3: async () => s3Storage(await s3.bucket()),
};

beforeAll(async () => {
  s3 = await testS3();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casearena-storage-'));
});
afterAll(async () => {
  await s3.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = async (stream: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 0x41)]);
const options = { maxBytes: 1024 * 1024, allowed: ['pdf'] as const, allowedLabel: 'PDF' };

describe.each(['disk', 's3'] as const)('storage on %s', (kind) => {
  it('stores a stream, sniffs and hashes it, streams it back, and removes it', async () => {
    const storage = await backends[kind]();
    expect(storage.kind).toBe(kind);
    // Several small chunks, as a request body arrives.
    const blob = await storage.put(Readable.from([pdf.subarray(0, 5), pdf.subarray(5, 100_000), pdf.subarray(100_000)]), {
      ...options,
      allowed: [...options.allowed],
    });
    expect(blob).toMatchObject({ size: pdf.length, kind: 'pdf', type: 'application/pdf' });
    expect(blob.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f-]{36}$/);
    expect((await read(await storage.open(blob.storageKey))).equals(pdf)).toBe(true);
    await storage.remove(blob.storageKey);
    await expect(storage.open(blob.storageKey)).rejects.toEqual(new AppError('NOT_FOUND'));
  });

  it('refuses a disguised or oversized stream with the guard’s own error', async () => {
    const storage = await backends[kind]();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(50_000)]);
    await expect(storage.put(Readable.from([exe]), { ...options, allowed: ['pdf'] })).rejects.toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      params: { allowed: 'PDF' },
    });
    await expect(storage.put(Readable.from([pdf]), { ...options, allowed: ['pdf'], maxBytes: 1000 })).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
  });

  it('answers NOT_FOUND for a key that is not a storage key, never touching the backend', async () => {
    const storage = await backends[kind]();
    await expect(storage.open('../../etc/passwd')).rejects.toEqual(new AppError('NOT_FOUND'));
  });
});
