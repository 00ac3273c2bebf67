import type { TStageScoreAnswer, TStageScoreInput } from '@casearena/contract';

/**
 * The judge's phone keeps every submitted score on the device until the server confirms it (issue 11 item 3: the
 * hall's Wi-Fi drops). A score is written to storage BEFORE the request, under an idempotency key made once per
 * attempt (one press of 提交), and resent with that same key — on load, when the browser says it is online again,
 * and on a timer with backoff — so a resend after a lost answer is answered as a replay and never counts twice.
 * A refusal that no resend can change (IDEMPOTENCY_KEY_REUSED, NOT_PRESENTING, STAGE_NOT_SCORING, RECUSED, …) stops
 * the resending; the typed scores stay, with the refusal, for the judge to see.
 *
 * This module knows nothing of the page or of fetch: the store (localStorage), the sender and the timers are given,
 * so the tests drive it in Node.
 */

export type QueuedState = 'pending' | 'confirmed' | 'refused';

export interface QueuedScore {
  stageId: string;
  entryId: string;
  scores: Record<string, number>;
  idempotencyKey: string;
  savedAt: string;
  state: QueuedState;
  /** Sends tried so far (the backoff grows with them). */
  attempts: number;
  /** The server's total once confirmed, and when (this device's clock, ms). */
  total: number | null;
  confirmedAt: number | null;
  /** Why the server refused for good (state `refused`); the message as the server put it. */
  refusal: { code: string; message: string } | null;
  /** The last passing trouble (offline, server busy), shown while it stays pending. */
  lastError: string | null;
}

/** What the queue needs of localStorage (Storage satisfies it). */
export type ScoreStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
export type SendScore = (stageId: string, input: TStageScoreInput) => Promise<TStageScoreAnswer>;

/** The shape of a refusal the API client throws (ApiError); status 0 = no answer (offline). */
interface RefusalLike {
  status: number;
  code: string;
  message: string;
}

const PREFIX = 'casearena.stageScore.';
export const queueKey = (stageId: string, entryId: string) => `${PREFIX}${stageId}.${entryId}`;

/** Resend waits: 1 s, 2 s, 4 s … never more than 10 s (a phone must not hammer a struggling server, nor wait long once the Wi-Fi is back and no online event came). */
export const RETRY_MS = [1_000, 10_000] as const;
export const retryDelay = (attempts: number) => Math.min(RETRY_MS[0] * 2 ** Math.max(0, attempts - 1), RETRY_MS[1]);

/**
 * Made once per attempt. crypto.randomUUID exists only in secure contexts; a phone on the venue's LAN may open the
 * site over plain http, where getRandomValues still works.
 */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // Insecure context: fall through.
    }
  }
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function isRefusalLike(err: unknown): err is RefusalLike {
  return typeof err === 'object' && err !== null && 'status' in err && 'code' in err;
}

/**
 * Whether a resend can still succeed: no answer (offline), the server failing or busy (5xx, 429), or a session that
 * expired (401: signed in again, the same key goes through). Every other refusal is the server's final word.
 */
export function isPassing(err: unknown): boolean {
  if (!isRefusalLike(err)) return true;
  return err.status === 0 || err.status >= 500 || err.status === 429 || err.status === 401;
}

function parse(raw: string | null): QueuedScore | null {
  if (!raw) return null;
  try {
    const q = JSON.parse(raw) as Partial<QueuedScore>;
    if (
      typeof q.stageId !== 'string' ||
      typeof q.entryId !== 'string' ||
      typeof q.idempotencyKey !== 'string' ||
      typeof q.scores !== 'object' ||
      q.scores === null ||
      (q.state !== 'pending' && q.state !== 'confirmed' && q.state !== 'refused')
    )
      return null;
    return {
      stageId: q.stageId,
      entryId: q.entryId,
      scores: q.scores,
      idempotencyKey: q.idempotencyKey,
      savedAt: typeof q.savedAt === 'string' ? q.savedAt : '',
      state: q.state,
      attempts: typeof q.attempts === 'number' ? q.attempts : 0,
      total: typeof q.total === 'number' ? q.total : null,
      confirmedAt: typeof q.confirmedAt === 'number' ? q.confirmedAt : null,
      refusal: q.refusal ?? null,
      lastError: typeof q.lastError === 'string' ? q.lastError : null,
    };
  } catch {
    return null;
  }
}

export function readQueued(store: ScoreStore, stageId: string, entryId: string): QueuedScore | null {
  try {
    return parse(store.getItem(queueKey(stageId, entryId)));
  } catch {
    return null;
  }
}

/** Every score this device holds for the stage (any finalist). */
export function queuedOfStage(store: ScoreStore, stageId: string): QueuedScore[] {
  const found: QueuedScore[] = [];
  try {
    for (let i = 0; i < store.length; i += 1) {
      const k = store.key(i);
      if (k?.startsWith(`${PREFIX}${stageId}.`)) {
        const q = parse(store.getItem(k));
        if (q) found.push(q);
      }
    }
  } catch {
    // Storage refused: nothing kept on this device.
  }
  return found.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

/** False when the browser refuses storage (private mode, quota): the page then says the score is not kept. */
function write(store: ScoreStore, q: QueuedScore): boolean {
  try {
    store.setItem(queueKey(q.stageId, q.entryId), JSON.stringify(q));
    return true;
  } catch {
    return false;
  }
}

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface ScoreOutboxOptions {
  store: ScoreStore;
  send: SendScore;
  stageId: string;
  /** After every change of a queued score (written, confirmed, refused, failed once more). */
  onChange?: (q: QueuedScore) => void;
  timers?: Timers;
  makeKey?: () => string;
}

/** One stage's outbox on this device: submit writes then sends; flush resends whatever is still pending. */
export class ScoreOutbox {
  private readonly store: ScoreStore;
  private readonly send: SendScore;
  private readonly stageId: string;
  private readonly onChange: (q: QueuedScore) => void;
  private readonly timers: Timers;
  private readonly makeKey: () => string;
  /** Scores the store refused to keep, so this tab still resends them. */
  private readonly memory = new Map<string, QueuedScore>();
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private stopped = false;
  /** Whether the last write reached the device's storage. */
  stored = true;

  constructor(o: ScoreOutboxOptions) {
    this.store = o.store;
    this.send = o.send;
    this.stageId = o.stageId;
    this.onChange = o.onChange ?? (() => {});
    this.timers = o.timers ?? realTimers;
    this.makeKey = o.makeKey ?? newIdempotencyKey;
  }

  get(entryId: string): QueuedScore | null {
    return this.memory.get(entryId) ?? readQueued(this.store, this.stageId, entryId);
  }

  all(): QueuedScore[] {
    const byEntry = new Map(queuedOfStage(this.store, this.stageId).map((q) => [q.entryId, q]));
    for (const [entryId, q] of this.memory) byEntry.set(entryId, q);
    return [...byEntry.values()];
  }

  pending(): QueuedScore[] {
    return this.all().filter((q) => q.state === 'pending');
  }

  private save(q: QueuedScore) {
    this.stored = write(this.store, q);
    if (this.stored) this.memory.delete(q.entryId);
    else this.memory.set(q.entryId, q);
    this.onChange(q);
  }

  /**
   * A press of 提交: a new attempt with a new key, written before anything is sent, then sent. A pending attempt
   * for the finalist with the same scores is resent under its own key instead (a second tap is not a new attempt).
   */
  submit(entryId: string, scores: Record<string, number>): QueuedScore {
    const existing = this.get(entryId);
    if (existing?.state === 'pending' && sameScores(existing.scores, scores)) {
      void this.flush();
      return existing;
    }
    const q: QueuedScore = {
      stageId: this.stageId,
      entryId,
      scores: { ...scores },
      idempotencyKey: this.makeKey(),
      savedAt: new Date(this.timers.now()).toISOString(),
      state: 'pending',
      attempts: 0,
      total: null,
      confirmedAt: null,
      refusal: null,
      lastError: null,
    };
    this.save(q);
    // Sent in this flush if one is under way (after its current request), else in a new one.
    if (this.flushing) this.again = true;
    void this.flush();
    return q;
  }

  /**
   * Sends every pending score once, one after the other; what stays pending is tried again after a wait. Called
   * while a flush runs, it joins that one (an 'online' event during a send must not send twice at once).
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      do {
        this.again = false;
        for (const q of this.pending()) await this.sendOne(q);
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.flushing = null;
      this.schedule();
    });
    return this.flushing;
  }

  private async sendOne(q: QueuedScore): Promise<void> {
    const attempt = { ...q, attempts: q.attempts + 1 };
    try {
      const answer = await this.send(this.stageId, {
        entryId: q.entryId,
        scores: q.scores,
        idempotencyKey: q.idempotencyKey,
      });
      this.save({ ...attempt, state: 'confirmed', total: answer.total, confirmedAt: this.timers.now(), lastError: null });
    } catch (err) {
      if (isPassing(err)) {
        this.save({ ...attempt, lastError: err instanceof Error ? err.message : String(err) });
      } else {
        const r = err as RefusalLike;
        this.save({ ...attempt, state: 'refused', refusal: { code: r.code, message: r.message }, lastError: null });
      }
    }
  }

  private schedule() {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const pending = this.pending();
    if (pending.length === 0) return;
    const wait = retryDelay(Math.min(...pending.map((q) => q.attempts)));
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
  }

  /** A judge who keeps the typed scores after a refusal and starts over: the stored attempt is let go. */
  discard(entryId: string) {
    this.memory.delete(entryId);
    try {
      this.store.removeItem(queueKey(this.stageId, entryId));
    } catch {
      // Nothing stored.
    }
  }

  /** Resending on (again): a page that mounts, or mounts twice under React's StrictMode. */
  start() {
    this.stopped = false;
    void this.flush();
  }

  stop() {
    this.stopped = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

export function sameScores(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
