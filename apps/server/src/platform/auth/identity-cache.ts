import type { Actor } from '../context.ts';

/**
 * A short-lived, per-node cache of "which user does this session token belong to" and of the user's /api/me
 * view. Every authenticated request needs the first and the web app polls the second, and each costs several
 * queries; with the cache a signed-in read does no identity query at all (bench/api-me.ts measures it).
 *
 * It is only a copy: the database stays the source of truth. Writes on this node invalidate at once
 * (logout, password reset, profile or certification changes); on other nodes an entry lives at most
 * `ttlMs`, which bounds how long a session ended elsewhere can still read.
 */
export interface IdentityCache {
  actor(tokenHash: string, now: number): Actor | undefined;
  rememberActor(tokenHash: string, actor: Actor, sessionExpiresAt: Date, now: number): void;
  view<T>(userId: string, now: number): T | undefined;
  rememberView(userId: string, view: unknown, now: number): void;
  /** After any change to the user, their sessions or what /api/me shows. */
  invalidateUser(userId: string): void;
  invalidateToken(tokenHash: string): void;
}

interface ActorEntry {
  actor: Actor;
  until: number;
}

export function createIdentityCache(options: { ttlMs?: number; maxEntries?: number } = {}): IdentityCache {
  const ttl = options.ttlMs ?? 15_000;
  const max = options.maxEntries ?? 50_000;
  const actors = new Map<string, ActorEntry>();
  const views = new Map<string, { view: unknown; until: number }>();
  const tokensOf = new Map<string, Set<string>>();

  const bounded = <K, V>(map: Map<K, V>) => {
    // Maps iterate in insertion order, so the first key is the oldest: a cheap FIFO bound.
    if (map.size > max) {
      const oldest = map.keys().next().value;
      if (oldest !== undefined) map.delete(oldest);
    }
  };

  return {
    actor(tokenHash, now) {
      const hit = actors.get(tokenHash);
      if (!hit) return undefined;
      if (hit.until <= now) {
        actors.delete(tokenHash);
        return undefined;
      }
      return hit.actor;
    },
    rememberActor(tokenHash, actor, sessionExpiresAt, now) {
      actors.set(tokenHash, { actor, until: Math.min(now + ttl, sessionExpiresAt.getTime()) });
      let set = tokensOf.get(actor.id);
      if (!set) {
        set = new Set();
        tokensOf.set(actor.id, set);
      }
      set.add(tokenHash);
      bounded(actors);
      bounded(tokensOf);
    },
    view<T>(userId: string, now: number) {
      const hit = views.get(userId);
      if (!hit || hit.until <= now) return undefined;
      return hit.view as T;
    },
    rememberView(userId, view, now) {
      views.set(userId, { view, until: now + ttl });
      bounded(views);
    },
    invalidateUser(userId) {
      views.delete(userId);
      for (const token of tokensOf.get(userId) ?? []) actors.delete(token);
      tokensOf.delete(userId);
    },
    invalidateToken(tokenHash) {
      actors.delete(tokenHash);
    },
  };
}
