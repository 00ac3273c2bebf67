import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/utils';
import type { Config } from '../../config.ts';
import { AppError } from '../http/errors.ts';
import { s3Storage } from './s3.ts';
import { FILE_KINDS, type FileKind, SNIFF_BYTES, sniff } from './sniff.ts';

export interface StoredBlob {
  storageKey: string;
  size: number;
  kind: FileKind;
  type: string;
  sha256: string;
}

export interface PutOptions {
  maxBytes: number;
  allowed: readonly FileKind[];
  /** Shown to the user when the type is refused, e.g. 'PDF、PNG、JPG'. */
  allowedLabel: string;
}

/**
 * Where files live: local disk under DATA_DIR/files in embedded mode, an S3-compatible bucket in cluster mode (see
 * s3.ts). Finished files go in with `put` (type sniffed, size limited and hashed while they stream) and out with
 * `open`; uploads in progress live in `uploads`, the tus data store over the same backend, so any node can resume them.
 */
export interface Storage {
  kind: 'disk' | 's3';
  put(source: Readable, options: PutOptions): Promise<StoredBlob>;
  /** A stream of a stored file; NOT_FOUND when there is none under that key. */
  open(storageKey: string): Promise<Readable>;
  remove(storageKey: string): Promise<void>;
  uploads: UploadStore;
}

/** A tus data store that can also stream a finished upload back (both the file and the S3 store can). */
export type UploadStore = DataStore & { read(id: string): Readable | Promise<Readable> };

/** Abandoned tus uploads expire a day after they were started (the client then starts again). */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;

/** A new key for a finished file: a two-character fan-out keeps directories (and S3 listings) small. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

export const validKey = (key: string) => /^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key);

const formatLimit = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`);

/**
 * Checks a stream while it flows: the type from the first bytes and the size on every chunk, so an
 * oversized or disguised upload is refused as soon as it shows itself, not after it was stored.
 */
export function guard(options: PutOptions) {
  let size = 0;
  let head = Buffer.alloc(0);
  let kind: FileKind | undefined;
  const hash = createHash('sha256');
  const transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > options.maxBytes) return done(new AppError('FILE_TOO_LARGE', { limit: formatLimit(options.maxBytes) }));
      if (kind === undefined) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= SNIFF_BYTES) {
          kind = sniff(head);
          if (!options.allowed.includes(kind))
            return done(new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: options.allowedLabel }));
        }
      }
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      if (size === 0) return done(new AppError('FILE_REQUIRED'));
      if (kind === undefined) {
        kind = sniff(head);
        if (!options.allowed.includes(kind))
          return done(new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: options.allowedLabel }));
      }
      done();
    },
  });
  return {
    transform,
    result: () => ({ size, kind: kind ?? 'unknown', type: FILE_KINDS[kind ?? 'unknown'], sha256: hash.digest('hex') }),
  };
}

export function diskStorage(root: string): Storage {
  fs.mkdirSync(root, { recursive: true });
  const fullPath = (key: string) => {
    if (!validKey(key)) throw new AppError('NOT_FOUND');
    return path.join(root, key);
  };
  const uploadsDir = path.join(root, 'uploads');
  fs.mkdirSync(uploadsDir, { recursive: true });
  return {
    kind: 'disk',
    async put(source, options) {
      const key = newStorageKey();
      const target = fullPath(key);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const partial = `${target}.part`;
      const g = guard(options);
      try {
        await pipeline(source, g.transform, fs.createWriteStream(partial));
        fs.renameSync(partial, target);
      } catch (err) {
        fs.rmSync(partial, { force: true });
        source.resume();
        throw err;
      }
      return { storageKey: key, ...g.result() };
    },
    async open(key) {
      const file = fullPath(key);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND');
      return fs.createReadStream(file);
    },
    async remove(key) {
      fs.rmSync(fullPath(key), { force: true });
    },
    uploads: new FileStore({ directory: uploadsDir, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS }),
  };
}

/** The backend the configuration asks for: S3 when a bucket is named, else local disk under DATA_DIR/files. */
export function createStorage(config: Pick<Config, 'dataDir' | 's3'>): Storage {
  return config.s3 ? s3Storage(config.s3) : diskStorage(path.join(config.dataDir, 'files'));
}
