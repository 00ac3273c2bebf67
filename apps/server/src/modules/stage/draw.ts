import { createHash, randomBytes } from 'node:crypto';

/** A new draw seed: 32 random bytes as 64 lowercase hex characters (stored in stages.draw_seed and shown). */
export function newDrawSeed(): string {
  return randomBytes(32).toString('hex');
}

/** The presenting order: entry ids sorted by hex SHA-256 of `${seed}:${entryId}` ascending. */
export function drawOrder(seed: string, entryIds: readonly string[]): string[] {
  const keyed = entryIds.map((id) => ({ id, key: createHash('sha256').update(`${seed}:${id}`).digest('hex') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.id);
}
