import type { TPopularityGroup, TPopularityRow } from '@casearena/contract';

/** One votable entry with its count, as popularity needs it (read by popularity-model.ts, or built by a test). */
export interface PopularityEntry {
  entryId: string;
  number: string;
  title: string;
  organizationId: string;
  organizationName: string;
  themeId: string;
  trackKey: string | null;
  weight: number;
  votes: number;
  lastVoteAt: Date | null;
}

export interface PopularityInput {
  /** The themes on the ballot, in their order. */
  themes: ReadonlyArray<{ id: string; code: string; title: string }>;
  /** The campaign's tracks (empty: one group per theme). */
  tracks: ReadonlyArray<{ key: string; label: string }>;
  proportion: number;
  entries: readonly PopularityEntry[];
}

/**
 * The stated order (the same as the leaderboard's RANKING_ORDER): weighted total desc, then more votes, then the
 * earlier last vote (reached the total first; never voted last), then the entry number.
 */
export function compareRanking(a: PopularityEntry, b: PopularityEntry): number {
  if (a.weight !== b.weight) return b.weight - a.weight;
  if (a.votes !== b.votes) return b.votes - a.votes;
  const at = a.lastVoteAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bt = b.lastVoteAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

/**
 * The places "by proportion": ceil(proportion × votable). The product is rounded to 6 decimals first, so binary
 * floating point does not add a place (0.1 × 30 = 3.0000000000000004 would otherwise give 4).
 */
export function quotaOf(proportion: number, votable: number): number {
  return Math.ceil(Math.round(proportion * votable * 1e6) / 1e6);
}

const present = (e: PopularityEntry): Omit<TPopularityRow, 'position' | 'outcome' | 'reason' | 'skippedFor'> => ({
  entryId: e.entryId,
  number: e.number,
  title: e.title,
  organizationId: e.organizationId,
  organizationName: e.organizationName,
  trackKey: e.trackKey,
  weight: e.weight,
  votes: e.votes,
  lastVoteAt: e.lastVoteAt?.toISOString() ?? null,
});

/**
 * The popularity ranking (S0-11; issue 9 item 6), a pure function of the votable entries and their counts. Per theme,
 * each hospital's best-placed entry is its candidate and its other entries there are skipped (SAME_HOSPITAL), not
 * ranked and not taking a place; then per group (theme, or theme × track where the campaign has tracks) the
 * candidates in the stated order take the first ceil(proportion × votable) places, an entry without weighted votes
 * never (NO_VOTES). Entries without a track, or with a key that is no longer a track, form the theme's `track: null`
 * group, listed only when it has entries.
 */
export function rankPopularity(input: PopularityInput): TPopularityGroup[] {
  const groups: TPopularityGroup[] = [];
  const trackLabels = new Map(input.tracks.map((t) => [t.key, t.label]));
  for (const theme of input.themes) {
    const ofTheme = input.entries.filter((e) => e.themeId === theme.id).sort(compareRanking);
    const bestOf = new Map<string, string>(); // hospital → its candidate's entry id
    const skippedFor = new Map<string, string>();
    for (const e of ofTheme) {
      const best = bestOf.get(e.organizationId);
      if (best === undefined) bestOf.set(e.organizationId, e.entryId);
      else skippedFor.set(e.entryId, best);
    }
    const groupOf = (e: PopularityEntry) =>
      input.tracks.length > 0 && e.trackKey !== null && trackLabels.has(e.trackKey) ? e.trackKey : null;
    const keys: Array<string | null> = input.tracks.length > 0 ? [...input.tracks.map((t) => t.key), null] : [null];
    for (const key of keys) {
      const members = ofTheme.filter((e) => groupOf(e) === key);
      if (key === null && input.tracks.length > 0 && members.length === 0) continue;
      const quota = quotaOf(input.proportion, members.length);
      const rows: TPopularityRow[] = [];
      let position = 0;
      for (const e of members.filter((m) => !skippedFor.has(m.entryId))) {
        position += 1;
        const reason = e.weight <= 0 ? 'NO_VOTES' : position > quota ? 'BELOW_QUOTA' : null;
        rows.push({ ...present(e), position, outcome: reason ? 'not_taken' : 'taken', reason, skippedFor: null });
      }
      for (const e of members.filter((m) => skippedFor.has(m.entryId)))
        rows.push({
          ...present(e),
          position: null,
          outcome: 'skipped',
          reason: 'SAME_HOSPITAL',
          skippedFor: skippedFor.get(e.entryId) ?? null,
        });
      groups.push({
        theme: { id: theme.id, code: theme.code, title: theme.title },
        track: key === null ? null : { key, label: trackLabels.get(key) ?? key },
        votable: members.length,
        quota,
        taken: rows.filter((r) => r.outcome === 'taken').length,
        rows,
      });
    }
  }
  return groups;
}
