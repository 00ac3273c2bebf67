// Opens one ZIP archive at a time off the server's event loop (see guard.ts for the limits and the pool).
// Plain JavaScript on purpose: a worker must start without any TypeScript loader (tsx, Vitest, plain node).
import { parentPort } from 'node:worker_threads';
import yauzl from 'yauzl';

/** A refusal the caller turns into ARCHIVE_TOO_LARGE; `name` is the archive part at fault, cut to a printable length. */
class Refusal extends Error {
  constructor(rule, limit, found, name) {
    super(rule);
    this.refusal = { rule, limit, found, ...(name === undefined ? {} : { name: printable(name) }) };
  }
}

function printable(name) {
  const clean = [...String(name)].filter((c) => c >= ' ' && c !== '\u007f').join('');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

/** Step 1, before a byte is inflated: the central directory's declared counts, sizes and ratios. */
function checkDeclared(zipfile, entries, archiveBytes, limits) {
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxPartBytes) throw new Refusal('part', limits.maxPartBytes, e.uncompressedSize, e.fileName);
    total += e.uncompressedSize;
    if (total > limits.maxTotalBytes) throw new Refusal('total', limits.maxTotalBytes, sumDeclared(entries));
    // Media is already compressed and XML rarely packs past 20:1; a large part far beyond that is a bomb.
    if (e.uncompressedSize >= limits.ratioFromBytes) {
      const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
      if (ratio > limits.maxRatio) throw new Refusal('ratio', limits.maxRatio, Math.round(ratio), e.fileName);
    }
  }
  if (total >= limits.ratioFromBytes && total / Math.max(1, archiveBytes) > limits.maxRatio)
    throw new Refusal('ratio', limits.maxRatio, Math.round(total / archiveBytes));
  if (zipfile.entryCount !== entries.length) throw new Error('the entry count does not match the central directory');
}

const sumDeclared = (entries) => entries.reduce((sum, e) => sum + e.uncompressedSize, 0);

/**
 * Step 2: inflates each part as a stream and counts the bytes that really come out, because declared sizes can lie.
 * A part that yields more than it declared stops at once (yauzl checks too; the count here does not rely on it).
 * Parts the caller asked for are kept (at most `maxKeptBytes` in all); the others are only counted.
 */
async function inflate(zipfile, entries, keep, limits) {
  const parts = [];
  let kept = 0;
  let total = 0;
  for (const e of entries) {
    if (e.fileName.endsWith('/')) continue;
    const wanted = keep.some((re) => re.test(e.fileName));
    if (!wanted && !limits.verifyAll) continue;
    if (!e.canDecodeFileData()) throw new Error(`unsupported compression or encryption in ${e.fileName}`);
    const stream = await zipfile.openReadStreamPromise(e);
    const chunks = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += chunk.length;
        total += chunk.length;
        if (size > e.uncompressedSize) throw new Refusal('mismatch', e.uncompressedSize, e.uncompressedSize + 1, e.fileName);
        if (total > limits.maxTotalBytes) throw new Refusal('total', limits.maxTotalBytes, total);
        if (wanted) {
          kept += chunk.length;
          if (kept > limits.maxKeptBytes) throw new Refusal('total', limits.maxKeptBytes, kept);
          chunks.push(chunk);
        }
      }
    } catch (err) {
      stream.destroy();
      if (err instanceof Refusal) throw err;
      if (/too many bytes/.test(String(err?.message)))
        throw new Refusal('mismatch', e.uncompressedSize, e.uncompressedSize + 1, e.fileName);
      throw err;
    }
    // A fresh buffer per part: Buffer.concat may hand out a slice of the shared pool, which must not be transferred.
    if (wanted) {
      const data = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        data.set(chunk, at);
        at += chunk.length;
      }
      parts.push([e.fileName, data]);
    }
  }
  return parts;
}

async function inspect({ buffer, keep, limits }) {
  const archive = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const zipfile = await yauzl.fromBufferPromise(archive, { lazyEntries: true, validateEntrySizes: true });
  if (zipfile.entryCount > limits.maxEntries) throw new Refusal('entries', limits.maxEntries, zipfile.entryCount);
  const entries = [];
  for await (const entry of zipfile.eachEntry()) {
    entries.push(entry);
    if (entries.length > limits.maxEntries) throw new Refusal('entries', limits.maxEntries, entries.length);
  }
  checkDeclared(zipfile, entries, archive.length, limits);
  const parts = await inflate(
    zipfile,
    entries,
    keep.map((source) => new RegExp(source)),
    limits,
  );
  return {
    entries: entries.map((e) => ({ name: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize })),
    parts,
  };
}

parentPort.on('message', async (job) => {
  try {
    const result = await inspect(job);
    parentPort.postMessage(
      { id: job.id, ok: true, ...result },
      result.parts.map(([, data]) => data.buffer),
    );
  } catch (err) {
    if (err instanceof Refusal) parentPort.postMessage({ id: job.id, ok: false, refusal: err.refusal });
    else parentPort.postMessage({ id: job.id, ok: false, corrupt: String(err?.message ?? err) });
  }
});
