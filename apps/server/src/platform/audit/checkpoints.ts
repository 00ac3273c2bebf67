import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock/index.ts';
import type { Queryable } from '../db/client.ts';
import { auditEvents, auditHead } from './audit.tables.ts';
import { GENESIS_HASH, type VerifyResult, verifyAudit } from './audit.ts';

/**
 * Checkpoints anchor the audit chain outside the database (X-3): whoever can rewrite both audit tables (a superuser
 * who disables the triggers) still cannot rewrite what was copied out. Each checkpoint is one JSON line in an
 * append-only file; `prev` is the SHA-256 of the previous line, so the file is a chain of its own.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** ISO time from the injected clock. */
  at: string;
  prev: string;
}

/** Where a checkpoint came from when verify names it: the file and its line (1-based). */
export interface CheckpointRef extends Checkpoint {
  source: string;
  line: number;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';
export const checkpointFile = (dataDir: string) => path.join(dataDir, CHECKPOINT_FILE);

const ZCheckpoint = z.strictObject({
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  prev: z.string().regex(/^[0-9a-f]{64}$/),
});

const lineHash = (line: string) => createHash('sha256').update(line).digest('hex');

export type CheckpointFileResult =
  | { ok: true; checkpoints: CheckpointRef[]; lastLineHash: string }
  | { ok: false; source: string; line: number; reason: 'unreadable_line' | 'link_broken' };

/** Reads a checkpoint file and checks its own chain; a missing file has no checkpoints. */
export function readCheckpointFile(file: string): CheckpointFileResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, checkpoints: [], lastLineHash: GENESIS_HASH };
    throw err;
  }
  const checkpoints: CheckpointRef[] = [];
  let prev = GENESIS_HASH;
  const lines = text.split('\n');
  // A crash in the middle of an append can leave a last line without its newline; anything else is a fault.
  if (lines.at(-1) === '') lines.pop();
  for (const [i, raw] of lines.entries()) {
    let parsed: ReturnType<typeof ZCheckpoint.safeParse>;
    try {
      parsed = ZCheckpoint.safeParse(JSON.parse(raw));
    } catch {
      return { ok: false, source: file, line: i + 1, reason: 'unreadable_line' };
    }
    if (!parsed.success) return { ok: false, source: file, line: i + 1, reason: 'unreadable_line' };
    if (parsed.data.prev !== prev) return { ok: false, source: file, line: i + 1, reason: 'link_broken' };
    checkpoints.push({ ...parsed.data, source: file, line: i + 1 });
    prev = lineHash(raw);
  }
  return { ok: true, checkpoints, lastLineHash: prev };
}

export type AnchoredVerifyResult = VerifyResult | Extract<CheckpointFileResult, { ok: false }>;

/**
 * `audit verify`: the chain, checked against every checkpoint in the given files (the one under DATA_DIR, copies
 * taken off the machine, a file:// anchor) and the loose ones. A damaged checkpoint file is itself a failure, named
 * by file and line.
 */
export async function verifyAnchored(
  db: Queryable,
  files: readonly string[],
  /** Checkpoints taken from elsewhere (a log line, the HTTP anchor), given as seq and hash. */
  loose: readonly CheckpointRef[] = [],
): Promise<AnchoredVerifyResult> {
  const checkpoints: CheckpointRef[] = [...loose];
  for (const file of new Set(files.map((f) => path.resolve(f)))) {
    const read = readCheckpointFile(file);
    if (!read.ok) return read;
    checkpoints.push(...read.checkpoints);
  }
  return verifyAudit(db, { checkpoints });
}

/** Appends one line and forces it to disk before returning: a checkpoint is only as good as its durability. */
function appendLine(file: string, line: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** AUDIT_CHECKPOINT_MINUTES (default 5) and AUDIT_ANCHOR_URL (http(s):// receives a POST, file:// gets the line). */
export interface AnchorSettings {
  intervalMs: number;
  anchorUrl: URL | undefined;
}

const ZAnchorEnv = z.object({
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().positive().max(1440).default(5),
  AUDIT_ANCHOR_URL: z
    .url({ protocol: /^(https?|file)$/ })
    .optional()
    .transform((u) => (u ? new URL(u) : undefined)),
});

export function anchorSettings(env: NodeJS.ProcessEnv = process.env): AnchorSettings {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZAnchorEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (invalid environment):\n${lines.join('\n')}`);
  }
  return { intervalMs: parsed.data.AUDIT_CHECKPOINT_MINUTES * 60_000, anchorUrl: parsed.data.AUDIT_ANCHOR_URL };
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CheckpointerOptions {
  db: Queryable;
  clock: Clock;
  log: Log;
  /** The checkpoint file (default place: checkpointFile(DATA_DIR)). */
  file: string;
  intervalMs: number;
  anchorUrl?: URL | undefined;
  /** Also take one right away (the server: events since the last run may not be anchored if it crashed). */
  atStart?: boolean;
}

export interface Checkpointer {
  /** Writes a checkpoint if the head moved forward since the last one; returns it, or null when none was due. */
  checkpoint(): Promise<Checkpoint | null>;
  /** Stops the timer and takes a last checkpoint (clean shutdown); call before the database closes. */
  stop(): Promise<void>;
}

const MAX_UNSENT = 1000;

/**
 * The periodic writer. Every interval it reads the head; when the head moved forward onto a chain that still holds
 * the previous checkpoint's event, it appends a checkpoint to the file, logs it, and sends it to the external sink.
 * A head that went backwards or a checkpointed event that changed is logged as an error and not checkpointed:
 * the file keeps the last trustworthy anchor for `audit verify`.
 */
export function startAuditCheckpoints(options: CheckpointerOptions): Checkpointer {
  const { db, clock, log, file } = options;
  const unsent: Checkpoint[] = [];
  let running: Promise<Checkpoint | null> | null = null;

  // fetch refuses a URL with credentials: they travel as Basic authorization instead.
  const anchor = options.anchorUrl ? new URL(options.anchorUrl) : undefined;
  const authorization =
    anchor?.username && anchor.protocol !== 'file:'
      ? `Basic ${Buffer.from(`${decodeURIComponent(anchor.username)}:${decodeURIComponent(anchor.password)}`).toString('base64')}`
      : undefined;
  if (anchor) {
    anchor.username = '';
    anchor.password = '';
  }
  const send = async () => {
    const url = anchor;
    while (url && unsent.length > 0) {
      const cp = unsent[0] as Checkpoint;
      try {
        if (url.protocol === 'file:') appendLine(fileURLToPath(url), JSON.stringify(cp));
        else {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
            body: JSON.stringify(cp),
            signal: AbortSignal.timeout(10_000),
          });
          if (!res.ok) throw new Error(`anchor answered ${res.status}`);
        }
        unsent.shift();
      } catch (err) {
        // Kept and retried on the next tick; the file and the log already hold this checkpoint.
        log.error({ err, auditCheckpoint: cp }, 'audit checkpoint not delivered to AUDIT_ANCHOR_URL; will retry');
        return;
      }
    }
  };

  // The file's last line, kept while the file is unchanged, so a tick does not re-read a year of checkpoints.
  let known: { stamp: string; last: Checkpoint | undefined; lastLineHash: string } | undefined;
  const stampOf = () => {
    const st = fs.statSync(file, { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : 'none';
  };
  const fileTail = () => {
    const stamp = stampOf();
    if (known?.stamp === stamp) return known;
    const read = readCheckpointFile(file);
    if (!read.ok) return read;
    known = { stamp, last: read.checkpoints.at(-1), lastLineHash: read.lastLineHash };
    return known;
  };

  const take = async (): Promise<Checkpoint | null> => {
    const tail = fileTail();
    if ('ok' in tail) {
      log.error({ file, line: tail.line, reason: tail.reason }, 'audit checkpoint file is damaged; no checkpoint written');
      return null;
    }
    const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
    if (!head || head.seq === 0) return null;
    const last = tail.last;
    if (last) {
      if (head.seq === last.seq && head.hash === last.hash) return null;
      const [event] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(eq(auditEvents.seq, last.seq));
      if (head.seq < last.seq || event?.hash !== last.hash) {
        log.error(
          { auditCheckpoint: { seq: last.seq, hash: last.hash, at: last.at }, head: { seq: head.seq, hash: head.hash } },
          'audit chain no longer holds its last checkpoint (rewound or rewritten): run `audit verify`',
        );
        return null;
      }
    }
    const cp: Checkpoint = { seq: head.seq, hash: head.hash, at: clock.now().toISOString(), prev: tail.lastLineHash };
    const line = JSON.stringify(cp);
    appendLine(file, line);
    known = { stamp: stampOf(), last: cp, lastLineHash: lineHash(line) };
    log.info({ auditCheckpoint: { seq: cp.seq, hash: cp.hash, at: cp.at } }, 'audit checkpoint');
    if (options.anchorUrl) {
      unsent.push(cp);
      if (unsent.length > MAX_UNSENT) unsent.shift();
    }
    return cp;
  };

  // One checkpoint at a time, so two ticks never append lines with the same `prev`.
  const checkpoint = async (): Promise<Checkpoint | null> => {
    while (running) await running.catch(() => null);
    running = take();
    try {
      const cp = await running;
      await send();
      return cp;
    } finally {
      running = null;
    }
  };

  const tick = () =>
    void checkpoint().catch((err: unknown) => log.error({ err }, 'audit checkpoint failed; will retry at the next interval'));
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  if (options.atStart) tick();
  return {
    checkpoint,
    async stop() {
      clearInterval(timer);
      await checkpoint().catch((err: unknown) => log.error({ err }, 'audit checkpoint at shutdown failed'));
    },
  };
}
