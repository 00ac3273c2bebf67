import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../http/errors.ts';
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

/** Blob storage. Embedded mode keeps files on local disk; an S3 implementation plugs in here for clusters. */
export interface Storage {
  put(source: Readable, options: PutOptions): Promise<StoredBlob>;
  open(storageKey: string): Readable;
  remove(storageKey: string): Promise<void>;
  /**
   * Resumable uploads: appends a chunk to the part file of upload `id` and returns the part's new size. The chunk
   * is refused while it streams once the part would exceed `limit` bytes (nothing of that chunk is kept), and when
   * `check` rejects the first bytes of the file.
   */
  appendPart(id: string, source: Readable, limit: number, check?: (head: Buffer) => void): Promise<number>;
  partSize(id: string): number;
  openPart(id: string): Readable;
  removePart(id: string): Promise<void>;
}

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
    if (!/^[0-9a-f/-]+$/.test(key)) throw new AppError('NOT_FOUND');
    return path.join(root, key);
  };
  const partPath = (id: string) => {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('NOT_FOUND');
    return path.join(root, 'parts', id);
  };
  return {
    async put(source, options) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
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
    open(key) {
      return fs.createReadStream(fullPath(key));
    },
    async remove(key) {
      fs.rmSync(fullPath(key), { force: true });
    },
    async appendPart(id, source, limit, check) {
      const target = partPath(id);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const start = fs.existsSync(target) ? fs.statSync(target).size : 0;
      let size = start;
      let head = start === 0 ? Buffer.alloc(0) : null;
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > limit) return done(new AppError('FILE_TOO_LARGE', { limit: formatLimit(limit) }));
          if (head && check) {
            head = Buffer.concat([head, chunk]);
            if (head.length >= SNIFF_BYTES) {
              try {
                check(head);
              } catch (err) {
                return done(err as Error);
              }
              head = null;
            }
          }
          done(null, chunk);
        },
        flush(done) {
          try {
            if (head && check && head.length > 0) check(head);
            done();
          } catch (err) {
            done(err as Error);
          }
        },
      });
      try {
        await pipeline(source, meter, fs.createWriteStream(target, { flags: 'a' }));
      } catch (err) {
        // Keep what was there before this chunk: the client resumes from the last good offset.
        if (fs.existsSync(target)) fs.truncateSync(target, start);
        source.resume();
        throw err;
      }
      return size;
    },
    partSize(id) {
      const target = partPath(id);
      return fs.existsSync(target) ? fs.statSync(target).size : 0;
    },
    openPart(id) {
      return fs.createReadStream(partPath(id));
    },
    async removePart(id) {
      fs.rmSync(partPath(id), { force: true });
    },
  };
}
