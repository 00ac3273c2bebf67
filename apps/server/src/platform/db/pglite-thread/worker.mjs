// Runs PGlite on its own thread so that the server's event loop stays free while a query computes.
// Plain JavaScript on purpose: a worker must start without any TypeScript loader (tsx, Vitest, plain node).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create({ dataDir: workerData.dataDir });
/** Open transactions by id: the PGlite transaction object and how to finish it. */
const open = new Map();

/** Functions cannot cross threads: the caller names the type OIDs to return unparsed, as drizzle asks. */
function queryOptions(options) {
  if (!options) return undefined;
  const parsers = {};
  for (const oid of options.rawOids ?? []) parsers[oid] = (value) => value;
  return { rowMode: options.rowMode, parsers };
}

function target(txId) {
  if (!txId) return db;
  const entry = open.get(txId);
  if (!entry) throw new Error(`transaction ${txId} is not open`);
  return entry.tx;
}

function serializeError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error' };
  for (const key of ['code', 'constraint', 'detail', 'hint', 'table', 'column', 'schema', 'severity', 'position']) {
    if (err && err[key] !== undefined) out[key] = err[key];
  }
  return out;
}

/**
 * Opens a PGlite transaction and holds it open until the caller sends `end`: the transaction's callback returns a
 * promise that the `end` message settles (commit) or rejects (rollback).
 */
async function begin(txId) {
  let markStarted;
  let failStart;
  const started = new Promise((resolve, reject) => {
    markStarted = resolve;
    failStart = reject;
  });
  const entry = { tx: null, commit: null, rollback: null, settled: null };
  entry.settled = db.transaction(
    (tx) =>
      new Promise((commit, rollback) => {
        entry.tx = tx;
        entry.commit = commit;
        entry.rollback = rollback;
        open.set(txId, entry);
        markStarted();
      }),
  );
  // A failure before the callback ran (BEGIN itself) fails `begin`; later ones are reported by `end`.
  entry.settled.catch((err) => failStart(err));
  await started;
}

async function end(txId, commit) {
  const entry = open.get(txId);
  if (!entry) throw new Error(`transaction ${txId} is not open`);
  if (commit) entry.commit();
  else entry.rollback(new Error('rolled back by the caller'));
  try {
    await entry.settled;
  } catch (err) {
    if (commit) throw err;
  } finally {
    open.delete(txId);
  }
}

parentPort.on('message', async (msg) => {
  try {
    let result = null;
    switch (msg.op) {
      case 'query':
        result = await target(msg.txId).query(msg.sql, msg.params, queryOptions(msg.options));
        break;
      case 'exec':
        result = await target(msg.txId).exec(msg.sql);
        break;
      case 'begin':
        await begin(msg.txId);
        break;
      case 'end':
        await end(msg.txId, msg.commit);
        break;
      case 'close':
        for (const [txId] of open) await end(txId, false).catch(() => {});
        await db.close();
        break;
      default:
        throw new Error(`unknown operation ${msg.op}`);
    }
    parentPort.postMessage({ id: msg.id, result });
  } catch (err) {
    parentPort.postMessage({ id: msg.id, error: serializeError(err) });
  }
});

parentPort.postMessage({ ready: true });
