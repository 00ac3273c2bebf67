import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as door from './index.ts';
import { compareRanking, type PopularityEntry, quotaOf, rankPopularity } from './popularity.ts';
import * as tables from './voting.tables.ts';

/** The popularity ranking as a pure function (issue 9 item 6, S0-11): one per hospital per theme, ties, proportion. */

const T1 = { id: '00000000-0000-4000-8000-0000000000a1', code: 'T01', title: '改善老年人就医体验' };
const T2 = { id: '00000000-0000-4000-8000-0000000000a2', code: 'T02', title: '健全急危重症救治与管理流程' };
const at = (s: string) => new Date(`2022-03-1${s}Z`);

let n = 0;
/** An entry of hospital `org` in theme T1 with a count; ids and numbers follow the order of creation. */
function entry(org: string, weight: number, extra: Partial<PopularityEntry> = {}): PopularityEntry {
  n += 1;
  const seq = String(n).padStart(4, '0');
  return {
    entryId: `00000000-0000-4000-8000-00000000${seq}`,
    number: `2022-T01-${seq}`,
    title: `案例${seq}`,
    organizationId: `org-${org}`,
    organizationName: `${org}医院`,
    themeId: T1.id,
    trackKey: null,
    weight,
    votes: weight > 0 ? 1 : 0,
    lastVoteAt: weight > 0 ? at('6T02:00:00') : null,
    ...extra,
  };
}

/** The group's rows as [number, position, outcome, reason, skippedFor's number]. */
function outcomes(rows: ReturnType<typeof rankPopularity>[number]['rows'], all: PopularityEntry[]) {
  const numberOf = (id: string | null) => all.find((e) => e.entryId === id)?.number ?? null;
  return rows.map((r) => [r.number, r.position, r.outcome, r.reason, numberOf(r.skippedFor)]);
}

describe('S0-11 popularity ranking: at most one entry per hospital per theme, by proportion', () => {
  it('S0-11: a hospital’s lower entries are skipped, not counted: the next hospital takes the place', () => {
    const a1 = entry('甲', 500);
    const a2 = entry('甲', 400); // 甲's second entry, above 乙 by votes
    const b1 = entry('乙', 300);
    const c1 = entry('丙', 200);
    const a3 = entry('甲', 100);
    const all = [c1, a3, b1, a2, a1];
    const [group] = rankPopularity({ themes: [T1], tracks: [], proportion: 0.4, entries: all });
    // 5 votable entries × 0.4 = 2 places: 甲's best and 乙 (甲's second entry does not take the second place).
    expect(group?.votable).toBe(5);
    expect(group?.quota).toBe(2);
    expect(group?.taken).toBe(2);
    expect(outcomes(group?.rows ?? [], all)).toEqual([
      [a1.number, 1, 'taken', null, null],
      [b1.number, 2, 'taken', null, null],
      [c1.number, 3, 'not_taken', 'BELOW_QUOTA', null],
      [a2.number, null, 'skipped', 'SAME_HOSPITAL', a1.number],
      [a3.number, null, 'skipped', 'SAME_HOSPITAL', a1.number],
    ]);
  });

  it('S0-11: the rule is per theme: the same hospital is taken in two themes', () => {
    const a1 = entry('甲', 50);
    const a2 = entry('甲', 40, { themeId: T2.id });
    const b2 = entry('乙', 30, { themeId: T2.id });
    const all = [a1, a2, b2];
    const groups = rankPopularity({ themes: [T1, T2], tracks: [], proportion: 0.5, entries: all });
    expect(groups.map((g) => [g.theme.code, g.votable, g.quota, outcomes(g.rows, all)])).toEqual([
      ['T01', 1, 1, [[a1.number, 1, 'taken', null, null]]],
      [
        'T02',
        2,
        1,
        [
          [a2.number, 1, 'taken', null, null],
          [b2.number, 2, 'not_taken', 'BELOW_QUOTA', null],
        ],
      ],
    ]);
  });

  it('S0-11 ties: equal totals go to more votes, then the earlier last vote, then the entry number', () => {
    const fewerVotes = entry('甲', 100, { votes: 2, lastVoteAt: at('6T01:00:00') });
    const later = entry('乙', 100, { votes: 5, lastVoteAt: at('7T09:00:00') });
    const earlier = entry('丙', 100, { votes: 5, lastVoteAt: at('7T08:59:59') });
    const sameB = entry('丁', 100, { votes: 5, lastVoteAt: at('7T09:00:00') }); // ties `later` on all but the number
    const all = [sameB, fewerVotes, later, earlier];
    const [group] = rankPopularity({ themes: [T1], tracks: [], proportion: 0.5, entries: all });
    expect(outcomes(group?.rows ?? [], all)).toEqual([
      [earlier.number, 1, 'taken', null, null],
      [later.number, 2, 'taken', null, null],
      [sameB.number, 3, 'not_taken', 'BELOW_QUOTA', null],
      [fewerVotes.number, 4, 'not_taken', 'BELOW_QUOTA', null],
    ]);
    expect(compareRanking(later, sameB)).toBe(-1);
    expect(compareRanking(sameB, sameB)).toBe(0);
  });

  it('S0-11 ties: the hospital’s candidate is its best entry by the same order (a tie on total goes to more votes)', () => {
    const fewer = entry('甲', 60, { votes: 1 });
    const more = entry('甲', 60, { votes: 4 });
    const all = [fewer, more];
    const [group] = rankPopularity({ themes: [T1], tracks: [], proportion: 1, entries: all });
    expect(outcomes(group?.rows ?? [], all)).toEqual([
      [more.number, 1, 'taken', null, null],
      [fewer.number, null, 'skipped', 'SAME_HOSPITAL', more.number],
    ]);
  });

  it('S0-11 proportion: ceil(proportion × votable), without binary rounding adding a place', () => {
    expect([quotaOf(0.1, 30), quotaOf(0.1, 31), quotaOf(0.1, 1), quotaOf(0.1, 0), quotaOf(0, 50)]).toEqual([3, 4, 1, 0, 0]);
    expect([quotaOf(0.3, 10), quotaOf(0.07, 100), quotaOf(1, 7), quotaOf(0.15, 20), quotaOf(0.15, 21)]).toEqual([3, 7, 7, 3, 4]);
    // 11 votable entries at 10%: 2 places (1.1 rounded up); skipped entries count among the votable ones.
    const all = [entry('甲', 90), entry('甲', 80), ...Array.from({ length: 9 }, (_, i) => entry(`院${i}`, 70 - i))];
    const [group] = rankPopularity({ themes: [T1], tracks: [], proportion: 0.1, entries: all });
    expect([group?.votable, group?.quota, group?.taken]).toEqual([11, 2, 2]);
    expect(group?.rows.filter((r) => r.outcome === 'taken').map((r) => r.organizationName)).toEqual(['甲医院', '院0医院']);
  });

  it('S0-11: an entry without weighted votes is not taken, even inside the quota', () => {
    const voted = entry('甲', 1);
    const silent = entry('乙', 0);
    const all = [silent, voted];
    const [group] = rankPopularity({ themes: [T1], tracks: [], proportion: 1, entries: all });
    expect(outcomes(group?.rows ?? [], all)).toEqual([
      [voted.number, 1, 'taken', null, null],
      [silent.number, 2, 'not_taken', 'NO_VOTES', null],
    ]);
    expect(rankPopularity({ themes: [T1], tracks: [], proportion: 0.1, entries: [] })).toEqual([
      { theme: T1, track: null, votable: 0, quota: 0, taken: 0, rows: [] },
    ]);
  });

  it('S0-11 tracks: each track of a theme takes its own proportion; the hospital rule still spans the theme', () => {
    const tracks = [
      { key: 'county', label: '县域专区' },
      { key: 'city', label: '城市医院' },
    ];
    const a1 = entry('甲', 300, { trackKey: 'city' });
    const a2 = entry('甲', 200, { trackKey: 'county' }); // 甲's lower entry, in the other track: skipped there
    const b1 = entry('乙', 150, { trackKey: 'county' });
    const c1 = entry('丙', 120, { trackKey: 'county' });
    const d1 = entry('丁', 100, { trackKey: 'city' });
    const none = entry('戊', 90); // no track
    const all = [a1, a2, b1, c1, d1, none];
    const groups = rankPopularity({ themes: [T1], tracks, proportion: 0.34, entries: all });
    expect(groups.map((g) => [g.track?.key ?? null, g.votable, g.quota, g.taken, outcomes(g.rows, all)])).toEqual([
      [
        'county',
        3,
        2,
        2,
        [
          [b1.number, 1, 'taken', null, null],
          [c1.number, 2, 'taken', null, null],
          [a2.number, null, 'skipped', 'SAME_HOSPITAL', a1.number],
        ],
      ],
      [
        'city',
        2,
        1,
        1,
        [
          [a1.number, 1, 'taken', null, null],
          [d1.number, 2, 'not_taken', 'BELOW_QUOTA', null],
        ],
      ],
      [null, 1, 1, 1, [[none.number, 1, 'taken', null, null]]],
    ]);
    expect(groups[0]?.track).toEqual({ key: 'county', label: '县域专区' });
  });
});

describe('S0-11 voting never touches expert results', () => {
  it('S0-11: no vote table leaves the module (its index exports none), so judging cannot read a vote or a count', () => {
    const exported = new Set<unknown>(Object.values(door));
    expect(
      Object.entries(tables)
        .filter(([, table]) => exported.has(table))
        .map(([name]) => name),
    ).toEqual([]);
  });

  it('S0-11: the popularity read model reads the ballot (campaign, themes, passed entries, hospitals) and vote_counts only', () => {
    const source = fs.readFileSync(new URL('./popularity-model.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/import (?:type )?\{([^}]*)\} from '([^']+)'/g)].map(([, names, from]) => [
      from,
      (names ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .sort(),
    ]);
    expect(imports).toEqual([
      ['@casearena/contract', ['TPopularity']],
      ['drizzle-orm', ['and', 'asc', 'eq', 'inArray', 'sql']],
      ['../../platform/context.ts', ['AppContext']],
      ['../campaigns/index.ts', ['campaignThemes', 'campaigns']],
      ['../entries/index.ts', ['entries']],
      ['../orgs/index.ts', ['organizations']],
      ['./popularity.ts', ['rankPopularity']],
      ['./vote-rules.ts', ['loadVoteRules', 'rulesOrOff']],
      ['./voting.tables.ts', ['voteCounts']],
    ]);
  });
});
