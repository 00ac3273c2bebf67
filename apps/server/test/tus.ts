import type { LightMyRequestResponse } from 'fastify';
import type { Client } from './app.ts';

/** The tus protocol version the server speaks. */
export const TUS = { 'tus-resumable': '1.0.0' };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** tus creation (POST /api/uploads) for a slot of an entry; the upload's URL is in `location`. */
export function createUpload(client: Client, m: { entryId: string; slot: string; filename: string; size: number }) {
  return client.request({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      ...TUS,
      'upload-length': String(m.size),
      'upload-metadata': `entryId ${b64(m.entryId)},slot ${b64(m.slot)},filename ${b64(m.filename)}`,
    },
  });
}

/** One tus PATCH: raw bytes at an offset. */
export function patchUpload(client: Client, url: string, bytes: Buffer, offset: number) {
  return client.request({
    method: 'PATCH',
    url,
    payload: bytes,
    headers: { ...TUS, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) },
  });
}

/** tus HEAD: where the server stands. */
export const headUpload = (client: Client, url: string) => client.request({ method: 'HEAD', url, headers: TUS });

/** The offset a tus answer reports. */
export const offsetOf = (res: LightMyRequestResponse) => Number(res.headers['upload-offset']);

/**
 * A whole file into a slot by tus, in chunks; returns the last answer (the finishing PATCH is 200 with the upload,
 * complete, and its attachment), or the first refusal.
 */
export async function uploadFile(
  client: Client,
  entryId: string,
  slot: string,
  bytes: Buffer,
  name = 'case.pptx',
  chunk = 64 * 1024,
) {
  const created = await createUpload(client, { entryId, slot, filename: name, size: bytes.length });
  if (created.statusCode !== 201) return created;
  const url = created.headers.location as string;
  let offset = 0;
  let last = created;
  while (offset < bytes.length) {
    last = await patchUpload(client, url, bytes.subarray(offset, offset + chunk), offset);
    if (last.statusCode !== 204 && last.statusCode !== 200) return last;
    offset = offsetOf(last);
  }
  return last;
}
