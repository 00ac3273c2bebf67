import { ENTRY_TRANSITIONS, type TVoteRules } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { type CampaignPhases, loadCampaignPhases } from '../campaigns/index.ts';
import { entries } from '../entries/index.ts';
import { loadVoteRules } from './vote-rules.ts';
import type { VotableEntryFacts } from './voting.policy.ts';
import { loadVotableEntry } from './voting.repo.ts';

/** What a vote is decided on besides its voter: the entry's facts, its campaign's rules and phases. */
export interface VoteFacts {
  entryId: string;
  entry: VotableEntryFacts;
  rules: TVoteRules | null;
  phases: CampaignPhases | null;
}

/**
 * How long a node keeps them (real time, not the business clock: this is a cache's age, not a deadline). Rules and
 * phases change only while the campaign is a draft, an entry's status by screening before voting; a second of delay
 * is what the hot path buys its zero queries with. The phase itself is asked with ctx.clock's now on every vote.
 */
export const VOTE_FACTS_TTL_MS = 1000;
/**
 * A passed entry is kept longer: 'passed' is a final status (ENTRY_TRANSITIONS.passed is empty: no screening, withdrawal
 * or exclusion leaves it), so its facts cannot go stale; a one-second TTL made a ballot of 1,000 entries miss on most
 * votes (one query each). Should a transition out of 'passed' ever be added, this falls back to the short TTL.
 */
export const PASSED_ENTRY_TTL_MS = ENTRY_TRANSITIONS.passed.length === 0 ? 10 * 60_000 : VOTE_FACTS_TTL_MS;
const MAX_KEYS = 50_000;
/** Most passed entries one campaign's preload brings in (a bigger ballot loads the rest one entry at a time). */
const PRELOAD_MAX = 20_000;

interface Cached<T> {
  value: Promise<T>;
  until: number;
}

interface FactsCache {
  entries: Map<string, Cached<VotableEntryFacts | null>>;
  campaigns: Map<string, Cached<{ rules: TVoteRules | null; phases: CampaignPhases | null }>>;
  /** Campaigns whose passed entries were loaded at once, until when. */
  preloaded: Map<string, number>;
}

const caches = new WeakMap<AppContext, FactsCache>();

function cacheOf(ctx: AppContext): FactsCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = { entries: new Map(), campaigns: new Map(), preloaded: new Map() };
    caches.set(ctx, cache);
  }
  return cache;
}

/** One load per key per TTL however many requests ask at once; a failed load is not kept. */
function remember<T>(
  map: Map<string, Cached<T>>,
  key: string,
  load: () => Promise<T>,
  ttlOf: (value: T) => number = () => VOTE_FACTS_TTL_MS,
): Promise<T> {
  const now = performance.now();
  const hit = map.get(key);
  if (hit && hit.until > now) return hit.value;
  const value = load();
  map.delete(key);
  const cached = { value, until: now + VOTE_FACTS_TTL_MS };
  map.set(key, cached);
  value.then(
    (v) => {
      cached.until = now + ttlOf(v);
    },
    () => {},
  );
  if (map.size > MAX_KEYS) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  value.catch(() => {
    if (map.get(key)?.value === value) map.delete(key);
  });
  return value;
}

/** The facts of a vote for `entryId`, or null when the entry is not there for the public (NOT_FOUND). */
export async function voteFactsOf(ctx: AppContext, entryId: string): Promise<VoteFacts | null> {
  const cache = cacheOf(ctx);
  const entry = await remember(
    cache.entries,
    entryId,
    () => loadVotableEntry(ctx.db, entryId),
    (facts) => (facts?.status === 'passed' ? PASSED_ENTRY_TTL_MS : VOTE_FACTS_TTL_MS),
  );
  if (!entry) return null;
  if (entry.status === 'passed') preloadBallot(ctx, cache, entry.campaignId);
  const campaign = await remember(cache.campaigns, entry.campaignId, async () => {
    const [rules, phases] = await Promise.all([
      loadVoteRules(ctx.db, entry.campaignId),
      loadCampaignPhases(ctx.db, entry.campaignId),
    ]);
    return { rules, phases };
  });
  return { entryId, entry, ...campaign };
}

/**
 * The first passed entry seen of a campaign brings in all its passed entries with one query (in the background): a
 * ballot of 1,000 entries costs one statement instead of a thousand on the first votes (on PGlite each one waited
 * behind the vote batches on the single connection). Only passed entries: any other status is asked one by one with
 * the short TTL, since it may still become 'passed'.
 */
function preloadBallot(ctx: AppContext, cache: FactsCache, campaignId: string): void {
  const now = performance.now();
  if ((cache.preloaded.get(campaignId) ?? 0) > now) return;
  cache.preloaded.set(campaignId, now + PASSED_ENTRY_TTL_MS);
  ctx.db
    .select({ id: entries.id, themeId: entries.themeId, trackKey: entries.trackKey })
    .from(entries)
    .where(and(eq(entries.campaignId, campaignId), eq(entries.status, 'passed')))
    .limit(PRELOAD_MAX)
    .then((rows) => {
      const until = performance.now() + PASSED_ENTRY_TTL_MS;
      for (const row of rows) {
        if ((cache.entries.get(row.id)?.until ?? 0) >= until) continue;
        const facts: VotableEntryFacts = { campaignId, status: 'passed', themeId: row.themeId, trackKey: row.trackKey };
        cache.entries.delete(row.id);
        cache.entries.set(row.id, { value: Promise.resolve(facts), until });
      }
      while (cache.entries.size > MAX_KEYS) {
        const oldest = cache.entries.keys().next().value;
        if (oldest === undefined) break;
        cache.entries.delete(oldest);
      }
    })
    .catch((err: unknown) => {
      // Not fatal: the entries are then loaded one by one; the next passed entry's vote tries again.
      cache.preloaded.delete(campaignId);
      ctx.log.warn({ err }, 'vote facts: ballot preload failed');
    });
}

/** For tests that change an entry or a campaign between two votes less than a second apart. */
export function forgetVoteFacts(ctx: AppContext): void {
  caches.delete(ctx);
}
