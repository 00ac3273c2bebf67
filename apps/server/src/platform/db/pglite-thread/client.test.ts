import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteThread } from './client.ts';

let db: PgliteThread;
beforeAll(async () => {
  db = await PgliteThread.open('memory://');
  await db.exec('create table t (id int primary key, note text, at timestamptz)');
});
afterAll(() => db.close());

describe('PGlite on a worker thread', () => {
  it('answers queries in both row modes and keeps raw types the caller asks for', async () => {
    await db.query('insert into t values ($1, $2, $3)', [1, '甲', '2022-03-15T15:59:59.999Z']);
    const objects = await db.query('select id, note, at from t');
    expect(objects.rows).toEqual([{ id: 1, note: '甲', at: new Date('2022-03-15T15:59:59.999Z') }]);
    const arrays = await db.query('select id, at from t', [], { rowMode: 'array', parsers: { 1184: () => null } });
    expect(arrays.rows).toEqual([[1, '2022-03-15 15:59:59.999+00']]);
  });

  it('commits a transaction that succeeds and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('insert into t (id, note) values (2, $1)', ['committed']);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into t (id, note) values (3, $1)', ['rolled back']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const rows = await db.query('select id from t order by id');
    expect(rows.rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('reports PostgreSQL errors with their code and constraint', async () => {
    const err = await db.query('insert into t (id) values (1)').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '23505', constraint: 't_pkey' });
  });

  // Counted in events, not milliseconds: on the worker thread the main thread's timers keep firing while the query
  // is in flight; PGlite in process would run the whole query before any timer (the first event would be the answer).
  it('keeps the event loop free while a heavy query runs: a timer fires before the query answers', async () => {
    const events: string[] = [];
    let answered = false;
    const query = db.query('select count(*) from generate_series(1, 2000000) a, generate_series(1, 2) b').then((r) => {
      answered = true;
      events.push('query answered');
      return r.rows;
    });
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (answered) return resolve();
        ticks += 1;
        if (ticks === 1) events.push('timer fired');
        setTimeout(tick, 1);
      };
      setTimeout(tick, 1);
    });
    expect(await query).toEqual([{ count: 4000000 }]);
    expect(events).toEqual(['timer fired', 'query answered']);
  });

  it('fails calls instead of hanging once the worker has stopped', async () => {
    const doomed = await PgliteThread.open('memory://');
    await (doomed as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(doomed.query('select 1')).rejects.toThrow('the PGlite worker stopped');
  });
});
