import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { AppError } from '../../platform/http/errors.ts';

/** The seal image, decoded and compressed once, ready to be placed in every PDF of a design. */
export interface PreparedSeal {
  width: number;
  height: number;
  /** The RGB samples and the alpha channel, each zlib-compressed (the PDF's FlateDecode streams). */
  rgb: Buffer;
  alpha: Buffer;
}

/** The seal upload: a PNG (sniffed from its bytes, never from the name) of at most 1 MB. */
export const SEAL_FILE = { maxBytes: 1024 * 1024, types: ['png'] as const, label: 'PNG' };

/** The largest side a seal is decoded at; a larger PNG is refused (a 1 MB PNG can hold a huge, sparse image). */
const MAX_SIDE = 2000;

/**
 * Splits a PNG into the PDF's colour and soft-mask streams. A seal is normally red on transparent; a seal on an
 * opaque white background would hide what it is stamped on, so its near-white pixels are made transparent.
 */
export function prepareSeal(png: Buffer): PreparedSeal {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: SEAL_FILE.label });
  }
  const { width, height, data } = image;
  if (width > MAX_SIDE || height > MAX_SIDE || width === 0 || height === 0)
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { allowed: SEAL_FILE.label });
  const pixels = width * height;
  const rgb = Buffer.alloc(pixels * 3);
  const alpha = Buffer.alloc(pixels);
  for (let i = 0; i < pixels; i += 1) {
    const r = data[i * 4] as number;
    const g = data[i * 4 + 1] as number;
    const b = data[i * 4 + 2] as number;
    let a = data[i * 4 + 3] as number;
    if (r > 235 && g > 235 && b > 235) a = 0;
    rgb[i * 3] = r;
    rgb[i * 3 + 1] = g;
    rgb[i * 3 + 2] = b;
    alpha[i] = a;
  }
  return { width, height, rgb: deflateSync(rgb), alpha: deflateSync(alpha) };
}

const prepared = new Map<string, PreparedSeal>();

/** A stored seal prepared once per file (files are never changed in place: a new upload is a new file). */
export async function sealOf(fileId: string, read: () => Promise<Buffer>): Promise<PreparedSeal> {
  const hit = prepared.get(fileId);
  if (hit) return hit;
  const seal = prepareSeal(await read());
  if (prepared.size > 50) prepared.clear();
  prepared.set(fileId, seal);
  return seal;
}
