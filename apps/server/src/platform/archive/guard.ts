import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors.ts';

/**
 * What an archive may hold before the platform refuses it. Every archive the platform opens (pptx and docx today;
 * xlsx imports and zips of evidence later) goes through `openArchive` with these limits or tighter ones.
 */
export interface ArchiveLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Declared uncompressed bytes of all parts together, and of all bytes actually inflated. */
  maxTotalBytes: number;
  /** Declared uncompressed bytes of one part. */
  maxPartBytes: number;
  /** Uncompressed / compressed, for a part (or the whole archive) of at least `ratioFromBytes`. */
  maxRatio: number;
  ratioFromBytes: number;
  /** Inflated bytes handed back to the caller (the parts it asked for). */
  maxKeptBytes: number;
  /** Inflate every part (counting, discarding) so that a part whose declared size lies is found even if not read. */
  verifyAll: boolean;
  /** A worker that takes longer is stopped and the archive refused. */
  timeoutMs: number;
}

const MiB = 1024 * 1024;

/**
 * A 30 MB presentation full of pictures expands to well under 512 MiB; its XML packs at most ~20:1 and its media
 * not at all. A bomb needs a huge declared size (refused before inflating), a huge ratio (same), or a lie about
 * its sizes (caught while inflating, at the declared size).
 */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 512 * MiB,
  maxPartBytes: 256 * MiB,
  maxRatio: 100,
  ratioFromBytes: 8 * MiB,
  maxKeptBytes: 64 * MiB,
  verifyAll: true,
  timeoutMs: 20_000,
};

export type ArchiveRule = 'entries' | 'total' | 'part' | 'ratio' | 'mismatch' | 'time' | 'memory';

export interface ArchiveEntry {
  name: string;
  size: number;
  compressedSize: number;
}

export interface OpenedArchive {
  entries: ArchiveEntry[];
  /** The inflated parts whose names matched `keep`. */
  parts: Map<string, Buffer>;
  /** A kept part as UTF-8 text, or null when the archive has no such part. */
  text(name: string): string | null;
}

/** The bytes are not a ZIP archive yauzl can read (truncated, encrypted, unknown compression, bad names). */
export class ArchiveCorrupt extends Error {
  override name = 'ArchiveCorrupt';
}

interface Refusal {
  rule: ArchiveRule;
  limit: number;
  found: number;
  name?: string;
}

type Reply =
  | { id: number; ok: true; entries: ArchiveEntry[]; parts: Array<[string, Uint8Array]> }
  | { id: number; ok: false; refusal?: Refusal; corrupt?: string };

const BYTE_RULES = new Set<ArchiveRule>(['total', 'part', 'mismatch']);

function formatBytes(n: number): string {
  if (n >= 1024 * MiB) return `${(n / 1024 / MiB).toFixed(1)} GB`;
  if (n >= MiB) return `${Math.round(n / MiB)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** ARCHIVE_TOO_LARGE with the rule and its figures; the contract renders the reason per locale. */
export function archiveRefusal(r: Refusal): AppError {
  const show = (n: number) => (BYTE_RULES.has(r.rule) ? formatBytes(n) : r.rule === 'time' ? Math.round(n / 1000) : n);
  return new AppError('ARCHIVE_TOO_LARGE', {
    rule: r.rule,
    limit: show(r.limit),
    found: show(r.found),
    ...(r.name === undefined ? {} : { name: r.name }),
  });
}

interface Job {
  message: { buffer: Uint8Array; keep: string[]; limits: ArchiveLimits };
  timeoutMs: number;
  resolve: (reply: Reply) => void;
  reject: (err: Error) => void;
}

/**
 * A few worker threads, each opening one archive at a time; later archives wait their turn. The event loop never
 * inflates: three bombs at once cost other requests nothing (bench/archive-guard.ts measures it). A worker that
 * overruns its time or memory is terminated and replaced.
 */
class ArchivePool {
  private readonly idle: Worker[] = [];
  private running = 0;
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly size: number) {}

  run(job: Job) {
    // Back-pressure: beyond this many waiting archives a new one is refused at once rather than held in memory.
    if (this.queue.length >= MAX_QUEUED) return job.reject(new AppError('RATE_LIMITED'));
    this.queue.push(job);
    this.pump();
  }

  private pump() {
    while (this.queue.length > 0 && (this.idle.length > 0 || this.running < this.size)) {
      const job = this.queue.shift() as Job;
      const worker = this.idle.pop() ?? this.spawn();
      this.running += 1;
      this.execute(worker, job);
    }
  }

  private spawn(): Worker {
    return new Worker(new URL('./worker.mjs', import.meta.url), {
      // Inflated parts live outside the heap and are capped by the limits; the heap cap stops anything else.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
  }

  private execute(worker: Worker, job: Job) {
    const id = this.nextId++;
    worker.ref();
    let settled = false;
    const finish = (keep: boolean) => {
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      this.running -= 1;
      if (keep) {
        worker.unref();
        this.idle.push(worker);
      } else void worker.terminate();
      this.pump();
    };
    const onMessage = (reply: Reply) => {
      if (reply.id !== id || settled) return;
      finish(true);
      job.resolve(reply);
    };
    const onError = (err: Error & { code?: string }) => {
      if (settled) return;
      finish(false);
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
        job.resolve({ id, ok: false, refusal: { rule: 'memory', limit: 256, found: 256 } });
      else job.reject(err);
    };
    const onExit = (code: number) => onError(new Error(`the archive worker stopped (exit code ${code})`));
    const timer = setTimeout(() => {
      if (settled) return;
      finish(false);
      job.resolve({ id, ok: false, refusal: { rule: 'time', limit: job.timeoutMs, found: job.timeoutMs } });
    }, job.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id, ...job.message });
  }
}

/** One core stays free for requests; on a bigger machine two archives are opened side by side. */
export const ARCHIVE_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Archives that may wait for a worker; more at once get RATE_LIMITED. */
export const MAX_QUEUED = 32;
const pool = new ArchivePool(ARCHIVE_WORKERS);

/**
 * Opens a ZIP archive under limits, off the event loop. First the central directory: entry count, declared total,
 * each part's declared size and ratio are checked before anything is inflated. Then each part is inflated as a
 * stream and its real bytes counted, stopping at the declared size (declared sizes can lie). Refusals are
 * ARCHIVE_TOO_LARGE with the rule that was broken; unreadable bytes throw ArchiveCorrupt for the caller to name.
 */
export async function openArchive(
  data: Uint8Array,
  options: { keep: readonly RegExp[]; limits?: Partial<ArchiveLimits> },
): Promise<OpenedArchive> {
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits };
  const reply = await new Promise<Reply>((resolve, reject) =>
    pool.run({
      message: { buffer: data, keep: options.keep.map((re) => re.source), limits },
      timeoutMs: limits.timeoutMs,
      resolve,
      reject,
    }),
  );
  if (!reply.ok) {
    if (reply.refusal) throw archiveRefusal(reply.refusal);
    throw new ArchiveCorrupt(reply.corrupt ?? 'unreadable archive');
  }
  const parts = new Map(reply.parts.map(([name, bytes]) => [name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)]));
  return {
    entries: reply.entries,
    parts,
    text: (name) => parts.get(name)?.toString('utf8') ?? null,
  };
}
