import type { Readable } from 'node:stream';
import { createFile, type Movie, MP4BoxBuffer } from 'mp4box';

/** A moov box describes tracks and sample tables; even a long video's stays a few MB. Larger is refused unread. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

/** Pulls bytes from a stream on demand, so that the media data can be skipped without being kept. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  async fill(n: number): Promise<boolean> {
    const parts = [this.buf];
    let have = this.buf.length;
    while (have < n && !this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else {
        parts.push(next.value);
        have += next.value.length;
      }
    }
    this.buf = parts.length === 1 ? this.buf : Buffer.concat(parts);
    return this.buf.length >= n;
  }

  peek(n: number): Buffer {
    return this.buf.subarray(0, n);
  }

  take(n: number): Buffer {
    const out = Buffer.from(this.buf.subarray(0, n));
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Discards `n` bytes, holding at most one chunk at a time. */
  async skip(n: number): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill(1))) return false;
      const step = Math.min(left, this.buf.length);
      this.buf = this.buf.subarray(step);
      left -= step;
    }
    return true;
  }

  async close() {
    await this.it.return?.();
  }
}

/**
 * Walks the top-level boxes once and keeps only ftyp and moov: the media data (mdat), however large, streams past.
 * The moov box may come before or after the media (fast-start or not).
 */
async function movieBoxes(source: AsyncIterable<Buffer> | Readable): Promise<Buffer[] | null> {
  const reader = new ByteReader((source as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
  const kept: Buffer[] = [];
  try {
    while (await reader.fill(8)) {
      const head = reader.peek(16);
      const type = head.toString('latin1', 4, 8);
      let size = head.readUInt32BE(0);
      let header = 8;
      if (size === 1) {
        if (!(await reader.fill(16))) return null;
        size = Number(reader.peek(16).readBigUInt64BE(8));
        header = 16;
      }
      // Size 0 means "to the end of the file": only the last box may say so, and the moov box must be whole.
      if (size === 0) return null;
      if (size < header) return null;
      if (type === 'ftyp' || type === 'moov') {
        if (size > MAX_MOOV_BYTES || !(await reader.fill(size))) return null;
        kept.push(reader.take(size));
        if (type === 'moov') return kept;
      } else if (!(await reader.skip(size))) return null;
    }
    return null;
  } finally {
    await reader.close();
  }
}

export interface VideoFacts {
  /** Null when the file does not say (a fragmented MP4 without an mehd box). */
  durationSeconds: number | null;
  /** The picture as shown (the track's display size, turned when the track is rotated a quarter turn). */
  width: number;
  height: number;
  codec: string | null;
}

/**
 * S0-5: the duration and picture size of an MP4, read by mp4box from the movie box alone. Returns null when the
 * file has no readable moov box or no video track.
 */
export async function readVideo(source: AsyncIterable<Buffer> | Readable): Promise<VideoFacts | null> {
  const boxes = await movieBoxes(source);
  if (!boxes) return null;
  const file = createFile();
  let movie: Movie | null = null;
  file.onReady = (info) => {
    movie = info;
  };
  file.onError = () => {
    movie = null;
  };
  let at = 0;
  try {
    for (const box of boxes) {
      const copy = box.buffer.slice(box.byteOffset, box.byteOffset + box.length);
      file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy, at));
      at += box.length;
    }
    file.flush();
  } catch {
    return null;
  }
  const info = movie as Movie | null;
  const track = info?.videoTracks[0];
  if (!info || !track || !info.timescale) return null;
  let width = track.track_width || track.video?.width || 0;
  let height = track.track_height || track.video?.height || 0;
  // A phone held upright stores a landscape picture and a 90° matrix (a = 0, b = ±1 in 16.16).
  const m = track.matrix as unknown as ArrayLike<number> | undefined;
  if (m && m[0] === 0 && Math.abs(m[1] ?? 0) === 0x10000) [width, height] = [height, width];
  if (!width || !height) return null;
  // A fragmented file states its length in mehd (num/den); with neither, the length is unknown, not zero.
  const fragments = info.fragment_duration;
  const seconds = info.duration
    ? info.duration / info.timescale
    : fragments?.num && fragments.den
      ? fragments.num / fragments.den
      : null;
  return {
    durationSeconds: seconds,
    width: Math.round(width),
    height: Math.round(height),
    codec: track.codec || null,
  };
}
