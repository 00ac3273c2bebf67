import type { TStageScoreAnswer, TStageScoreInput } from '@casearena/contract';
import { describe, expect, it } from 'vitest';
import { queueKey, readQueued, retryDelay, ScoreOutbox, type ScoreStore, type Timers } from './score-queue.ts';

const STAGE = '00000000-0000-4000-8000-000000000001';
const A = '00000000-0000-4000-8000-0000000000a1';
const B = '00000000-0000-4000-8000-0000000000b1';

/** localStorage as the browser has it, in memory; `refuse` makes every write throw (private mode, quota). */
class MemoryStore implements ScoreStore {
  readonly map = new Map<string, string>();
  refuse = false;
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.refuse) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

/** Timers the test fires by hand; `waits` records every wait asked for. */
class ManualTimers implements Timers {
  waits: number[] = [];
  private next: (() => void) | null = null;
  setTimeout = (fn: () => void, ms: number) => {
    this.waits.push(ms);
    this.next = fn;
    return fn;
  };
  clearTimeout = (h: unknown) => {
    if (this.next === h) this.next = null;
  };
  now = () => Date.parse('2026-06-01T09:00:00.000Z');
  fire() {
    const fn = this.next;
    this.next = null;
    fn?.();
  }
  get armed() {
    return this.next !== null;
  }
}

const offline = () => Object.assign(new Error('网络连接失败'), { status: 0, code: 'NETWORK' });
const refused = (code: string, status = 409) => Object.assign(new Error(`refused ${code}`), { status, code });
const answer = (input: TStageScoreInput, replayed = false): TStageScoreAnswer => ({
  entryId: input.entryId,
  total: Object.values(input.scores).reduce((s, v) => s + v, 0),
  replayed,
  submittedAt: '2026-06-01T09:00:01.000Z',
});

/** A server whose answers the test queues: an Error is thrown, anything else answers the input. */
function server(...plan: (Error | 'ok')[]) {
  const calls: { input: TStageScoreInput; storedBefore: string | null }[] = [];
  let store: ScoreStore | null = null;
  const send = async (_stage: string, input: TStageScoreInput) => {
    calls.push({ input, storedBefore: store?.getItem(queueKey(STAGE, input.entryId)) ?? null });
    const next = plan.shift() ?? 'ok';
    if (next instanceof Error) throw next;
    return answer(input, calls.filter((c) => c.input.idempotencyKey === input.idempotencyKey).length > 1);
  };
  const watch = (s: ScoreStore) => {
    store = s;
  };
  return { calls, send, watch };
}

let keys = 0;
const makeKey = () => {
  keys += 1;
  return `key-${keys.toString().padStart(4, '0')}`;
};

function outbox(store: MemoryStore, srv: ReturnType<typeof server>, timers = new ManualTimers()) {
  srv.watch(store);
  return { box: new ScoreOutbox({ store, send: srv.send, stageId: STAGE, timers, makeKey }), timers };
}

describe('judge phone score queue (issue 11 item 3: kept on the phone, resent with one key until confirmed)', () => {
  it('writes the score to storage, pending, before the request goes out; confirmed after the answer', async () => {
    const store = new MemoryStore();
    const srv = server('ok');
    const { box } = outbox(store, srv);
    const q = box.submit(A, { overall: 88.5 });
    expect(q.state).toBe('pending');
    await box.flush();
    expect(srv.calls).toHaveLength(1);
    const before = JSON.parse(srv.calls[0]?.storedBefore ?? 'null');
    expect(before).toMatchObject({ state: 'pending', idempotencyKey: q.idempotencyKey, scores: { overall: 88.5 } });
    expect(readQueued(store, STAGE, A)).toMatchObject({ state: 'confirmed', total: 88.5, attempts: 1 });
    expect(box.pending()).toEqual([]);
  });

  it('offline: stays pending and is resent under the same key, on the timer with a growing wait, until confirmed', async () => {
    const store = new MemoryStore();
    const srv = server(offline(), offline(), offline(), 'ok');
    const { box, timers } = outbox(store, srv);
    const q = box.submit(A, { overall: 70 });
    await box.flush();
    expect(readQueued(store, STAGE, A)).toMatchObject({ state: 'pending', attempts: 1, lastError: '网络连接失败' });
    for (let i = 0; i < 3; i += 1) {
      expect(timers.armed).toBe(true);
      timers.fire();
      await box.flush();
    }
    expect(srv.calls.map((c) => c.input.idempotencyKey)).toEqual([
      q.idempotencyKey,
      q.idempotencyKey,
      q.idempotencyKey,
      q.idempotencyKey,
    ]);
    expect(timers.waits).toEqual([1_000, 2_000, 4_000]);
    expect(readQueued(store, STAGE, A)).toMatchObject({ state: 'confirmed', attempts: 4 });
    expect(timers.armed).toBe(false);
  });

  it('a pending score survives a reload: a new outbox on the same storage resends it with the stored key', async () => {
    const store = new MemoryStore();
    const first = outbox(store, server(offline()));
    const q = first.box.submit(B, { overall: 91 });
    await first.box.flush();
    first.box.stop();
    const srv = server('ok');
    const reloaded = outbox(store, srv);
    expect(reloaded.box.pending().map((p) => p.idempotencyKey)).toEqual([q.idempotencyKey]);
    await reloaded.box.flush();
    expect(srv.calls.map((c) => c.input)).toEqual([{ entryId: B, scores: { overall: 91 }, idempotencyKey: q.idempotencyKey }]);
    expect(readQueued(store, STAGE, B)?.state).toBe('confirmed');
  });

  it('the answer lost on the way back: the resend is a replay under the same key, counted once', async () => {
    const store = new MemoryStore();
    const srv = server(offline(), 'ok');
    const { box, timers } = outbox(store, srv);
    box.submit(A, { overall: 80 });
    await box.flush();
    timers.fire();
    await box.flush();
    expect(new Set(srv.calls.map((c) => c.input.idempotencyKey)).size).toBe(1);
  });

  it.each(['IDEMPOTENCY_KEY_REUSED', 'NOT_PRESENTING', 'STAGE_NOT_SCORING', 'RECUSED', 'SHEET_SUBMITTED', 'SCORE_OUT_OF_RANGE'])(
    '%s is final: resending stops, the typed scores and the refusal stay',
    async (code) => {
      const store = new MemoryStore();
      const srv = server(refused(code));
      const { box, timers } = outbox(store, srv);
      box.submit(A, { overall: 66 });
      await box.flush();
      expect(readQueued(store, STAGE, A)).toMatchObject({
        state: 'refused',
        scores: { overall: 66 },
        refusal: { code, message: `refused ${code}` },
      });
      expect(timers.armed).toBe(false);
      await box.flush();
      expect(srv.calls).toHaveLength(1);
    },
  );

  it('the server failing (503) or a session expired (401) is passing: it stays pending', async () => {
    const store = new MemoryStore();
    const srv = server(refused('DATABASE_UNAVAILABLE', 503), refused('UNAUTHENTICATED', 401), 'ok');
    const { box, timers } = outbox(store, srv);
    box.submit(A, { overall: 75 });
    await box.flush();
    expect(readQueued(store, STAGE, A)?.state).toBe('pending');
    timers.fire();
    await box.flush();
    expect(readQueued(store, STAGE, A)?.state).toBe('pending');
    timers.fire();
    await box.flush();
    expect(readQueued(store, STAGE, A)?.state).toBe('confirmed');
  });

  it('a second tap with the same scores is the same attempt; changed scores after a refusal are a new attempt', async () => {
    const store = new MemoryStore();
    const srv = server(offline(), refused('SCORE_TOO_PRECISE'), 'ok');
    const { box } = outbox(store, srv);
    const first = box.submit(A, { overall: 70.55 });
    await box.flush();
    const again = box.submit(A, { overall: 70.55 });
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
    await box.flush();
    expect(readQueued(store, STAGE, A)?.state).toBe('refused');
    const fixed = box.submit(A, { overall: 70.5 });
    expect(fixed.idempotencyKey).not.toBe(first.idempotencyKey);
    await box.flush();
    expect(srv.calls.map((c) => c.input.idempotencyKey)).toEqual([
      first.idempotencyKey,
      first.idempotencyKey,
      fixed.idempotencyKey,
    ]);
    expect(readQueued(store, STAGE, A)).toMatchObject({ state: 'confirmed', scores: { overall: 70.5 } });
  });

  it('storage refused (private mode): the tab still keeps and resends the score, and says it is not stored', async () => {
    const store = new MemoryStore();
    store.refuse = true;
    const srv = server(offline(), 'ok');
    const { box, timers } = outbox(store, srv);
    box.submit(A, { overall: 60 });
    expect(box.stored).toBe(false);
    await box.flush();
    expect(box.pending()).toHaveLength(1);
    timers.fire();
    await box.flush();
    expect(box.get(A)?.state).toBe('confirmed');
    expect(store.map.size).toBe(0);
  });

  it('retry waits double from 1 s and stop at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(retryDelay)).toEqual([1_000, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
});
