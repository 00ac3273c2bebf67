import { PassThrough, type Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { S3Store } from '@tus/s3-store';
import type { S3Config } from '../../config.ts';
import { AppError } from '../http/errors.ts';
import { guard, newStorageKey, type Storage, UPLOAD_EXPIRY_MS, validKey } from './storage.ts';

/**
 * The client settings for an S3-compatible service. Checksums only where the API requires them: the SDK's default
 * (a CRC32 trailer on every streamed body, `aws-chunked`) is not understood by several S3-compatible servers, and
 * the bytes are hashed (SHA-256) by `guard` anyway.
 */
export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
  };
}

const isMissing = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Files in one bucket: finished files under `files/<key>`, tus uploads in progress at the bucket's root (the S3 store's
 * own layout: `<id>`, `<id>.info`, `<id>.part`). Every node of a cluster sees the same objects.
 */
export function s3Storage(config: S3Config): Storage {
  const clientConfig = s3ClientConfig(config);
  const client = new S3Client(clientConfig);
  const objectKey = (key: string) => {
    if (!validKey(key)) throw new AppError('NOT_FOUND');
    return `files/${key}`;
  };
  return {
    kind: 's3',
    async put(source, options) {
      const key = newStorageKey();
      const g = guard(options);
      const body = new PassThrough();
      // A refusal from the guard ends the body with an error, which aborts the multipart upload: nothing is kept.
      source.on('error', (err) => g.transform.destroy(err));
      g.transform.on('error', (err) => body.destroy(err));
      source.pipe(g.transform).pipe(body);
      const upload = new Upload({ client, params: { Bucket: config.bucket, Key: objectKey(key), Body: body } });
      try {
        await upload.done();
      } catch (err) {
        source.resume();
        await upload.abort().catch(() => undefined);
        // The guard's own refusal (type, size) is what the caller must see, not the SDK's wrapping of it.
        const cause = (g.transform.errored ?? err) as Error;
        throw cause instanceof AppError ? cause : err;
      }
      return { storageKey: key, ...g.result() };
    },
    async open(key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        if (!res.Body) throw new AppError('NOT_FOUND');
        return res.Body as Readable;
      } catch (err) {
        if (isMissing(err)) throw new AppError('NOT_FOUND');
        throw err;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
    },
    uploads: new S3Store({
      s3ClientConfig: { ...clientConfig, bucket: config.bucket },
      expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS,
      // Expiry is swept from the uploads table (modules/entries), not by object tags, which not every service has.
      useTags: false,
    }),
  };
}
