/**
 * Group commit (issue 9 item 8): requests wait a few milliseconds in a queue and go to the database together, one
 * transaction for the whole batch, so a vote storm costs one commit (one WAL flush on PostgreSQL, one round trip to
 * PGlite's thread) per batch instead of per vote. A request is answered only after its batch committed: nothing is
 * acknowledged before it is durable.
 *
 * Scheduling: with no batch running, the queue goes on the next turn of the event loop (the requests that arrived in
 * this turn together): a lone vote waits for nothing. With one running and a free slot, the first request starts a
 * `windowMs` timer, so the next batch collects company instead of going one by one; the batch goes when the timer
 * fires or `maxSize` requests wait. While `concurrency` batches are running, requests keep queueing and go as the next
 * batch the moment one finishes (they have waited already), so batches grow with the load by themselves.
 */

/** One request's outcome inside a batch: a batch with one refused vote still answers the others. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface BatcherOptions {
  /** How long the first request of a batch waits for company while another batch runs (0: the next turn). */
  windowMs: number;
  /** Most requests in one batch. */
  maxSize: number;
  /** Batches running at once: 1 on PGlite (one connection); PostgreSQL's pool allows more. */
  concurrency: number;
}

export interface Batcher<I, O> {
  submit(item: I): Promise<O>;
  /** Resolves once every request queued so far has been answered (shutdown, tests). */
  drain(): Promise<void>;
}

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * `run` gets the batch's items and answers one Settled per item, in order. If it throws (the transaction failed: the
 * database went away, a deadlock retried out), every request of the batch gets that error and nothing was counted.
 */
export function createBatcher<I, O>(run: (items: I[]) => Promise<Array<Settled<O>>>, options: BatcherOptions): Batcher<I, O> {
  const queue: Array<Pending<I, O>> = [];
  let running = 0;
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Immediate | null = null;
  const idle: Array<() => void> = [];

  const schedule = () => {
    if (timer || soon || queue.length === 0 || running >= options.concurrency) return;
    if (queue.length >= options.maxSize) {
      flush();
      return;
    }
    if (running === 0) soon = setImmediate(flush);
    else timer = setTimeout(flush, options.windowMs);
  };

  function flush() {
    if (timer) clearTimeout(timer);
    if (soon) clearImmediate(soon);
    timer = null;
    soon = null;
    if (running >= options.concurrency || queue.length === 0) return;
    const batch = queue.splice(0, options.maxSize);
    running += 1;
    void execute(batch).finally(() => {
      running -= 1;
      // Whoever queued meanwhile has waited a whole batch already: no second window for them.
      if (queue.length > 0) flush();
      else if (running === 0) for (const done of idle.splice(0)) done();
    });
  }

  async function execute(batch: Array<Pending<I, O>>) {
    let results: Array<Settled<O>>;
    try {
      results = await run(batch.map((p) => p.item));
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => {
      const r = results[i];
      if (!r) p.reject(new Error('vote batch answered fewer results than requests'));
      else if (r.ok) p.resolve(r.value);
      else p.reject(r.error);
    });
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= options.maxSize && running < options.concurrency) flush();
        else schedule();
      });
    },
    drain() {
      if (queue.length === 0 && running === 0) return Promise.resolve();
      return new Promise<void>((done) => idle.push(done));
    },
  };
}
