import { randomUUID } from 'node:crypto';
import { PUBLIC_SEARCH_COUNT_CAP } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { publishedCampaign } from '../../../test/entries.ts';
import { buildUser } from '../../../test/factories.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { organizations, searchGrams, searchText } from '../orgs/index.ts';
import { entries } from './entries.tables.ts';
import { entrySearchColumns } from './entry-search.ts';
import { forgetGramFrequencies, invalidatePublicEntries, setPublicCacheTtl, setPublicCountTtl } from './public-cache.ts';
import { setPublicProbeRows } from './public-entries.ts';
import { buildPublicTermIndex, indexedListingCount, indexedTermCount, setPublicTermIndex } from './public-term-index.ts';

/**
 * The public search at more matches than it counts (S0-14: voters find an entry by name or number). Entries are
 * written straight into the table, as many as the cap needs, filled the way the server fills them.
 */
let t: TestApp;
let base: string;
let staff: Client;
let t01: string;
let t02: string;
let pending: string;
let pendingLater: string;
let campaignId: string;
const anon = () => new Client(t.app);
const numbers = (body: { items: Array<{ number: string }> }) => body.items.map((e) => e.number);
const num = (theme: string, n: number) => `2022-${theme}-${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  // The database's ways first; the term index, which counts a first request in memory, has its own cases below.
  setPublicTermIndex({ on: false });
  t = await startTestApp();
  t.clock.set('2022-03-11T07:00:00.000Z'); // during submission
  const setup = await publishedCampaign(t);
  staff = setup.staff;
  const campaign = setup.campaign;
  campaignId = campaign.id;
  base = `/api/campaigns/${campaign.id}/entries`;
  const theme = (code: string) => campaign.themes.find((th) => th.code === code)?.id ?? '';
  t01 = theme('T01');
  t02 = theme('T02');
  const author = await buildUser(t);
  const at = new Date('2022-03-01T02:00:00.000Z');
  const rows: Array<typeof entries.$inferInsert> = [];
  const orgs: Array<typeof organizations.$inferInsert> = [];
  const add = (themeId: string, title: string, status: 'passed' | 'submitted', number: string) => {
    const name = `检索测试医院${orgs.length + 1}号`;
    const organizationId = randomUUID();
    orgs.push({
      id: organizationId,
      name,
      aliases: [],
      kind: 'general_hospital',
      searchText: searchText([name]),
      searchGrams: searchGrams([name]),
      createdAt: at,
      updatedAt: at,
    });
    const id = randomUUID();
    rows.push({
      id,
      campaignId: campaign.id,
      themeId,
      organizationId,
      authorId: author.id,
      title,
      status,
      number,
      consentAt: at,
      submittedAt: at,
      dueAt: at,
      createdAt: at,
      updatedAt: at,
      ...entrySearchColumns({ title, number, organizationName: name }),
    });
    return id;
  };
  // T01: exactly the cap of passed 日间手术 entries, 30 passed 胸痛 ones, 40 日间手术 ones not passed (never listed).
  for (let i = 1; i <= PUBLIC_SEARCH_COUNT_CAP; i += 1) add(t01, `日间手术全流程管理${i}`, 'passed', num('T01', i));
  for (let i = 1; i <= 30; i += 1) add(t01, `急性胸痛绿色通道${i}`, 'passed', num('T01', 2000 + i));
  for (let i = 1; i <= 40; i += 1) add(t01, `日间手术未通过${i}`, 'submitted', num('T01', 3000 + i));
  // T02: one more passed 日间手术 entry (the campaign now has one over the cap) and one waiting for screening.
  add(t02, '日间手术中心建设', 'passed', num('T02', 1));
  pending = add(t02, '日间手术随访实践', 'submitted', num('T02', 2));
  pendingLater = add(t02, '日间手术随访二期', 'submitted', num('T02', 4));
  // A title holding the text of a search token's prefix (the index adds 'c:<campaign>:passed' to every entry's keys).
  add(t02, 'QC:质控小组持续改进', 'passed', num('T02', 3));
  for (let i = 0; i < orgs.length; i += 500) await t.app.ctx.db.insert(organizations).values(orgs.slice(i, i + 500));
  for (let i = 0; i < rows.length; i += 500) await t.app.ctx.db.insert(entries).values(rows.slice(i, i + 500));
}, 300_000); // 1,074 entries written, on a machine shared with other test runs
afterAll(() => t.close());

describe('S0-14 public search counts up to the cap', () => {
  it('more matches than the cap: total is the cap, totalCapped says so, pages stay in number order', async () => {
    const first = (await anon().get(`${base}?q=${encodeURIComponent('日间手术')}&pageSize=20`)).json();
    expect([first.total, first.totalCapped]).toEqual([1000, true]);
    expect(numbers(first)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', i + 1)));
    // A later page of the same search: the count is known, the page walks the number order.
    const third = (await anon().get(`${base}?q=${encodeURIComponent('日间手术')}&page=3&pageSize=20`)).json();
    expect([third.total, third.totalCapped, third.page]).toEqual([1000, true, 3]);
    expect(numbers(third)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', 41 + i)));
    // The last matches by number lie past the cap and are still reachable with a narrower search.
    const late = (await anon().get(`${base}?q=${encodeURIComponent('日间手术全流程管理999')}`)).json();
    expect([late.total, late.totalCapped, numbers(late)]).toEqual([1, false, [num('T01', 999)]]);
  });

  it('exactly the cap is an exact count: one theme holds 1,000 of the matches', async () => {
    const body = (await anon().get(`${base}?themeId=${t01}&q=${encodeURIComponent('日间手术')}&page=50`)).json();
    expect([body.total, body.totalCapped]).toEqual([1000, false]);
    expect(numbers(body)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', 981 + i)));
    // The count now known, a page near the end walks the theme's number order instead: the same entries.
    const before = (await anon().get(`${base}?themeId=${t01}&q=${encodeURIComponent('日间手术')}&page=49`)).json();
    expect([before.total, before.totalCapped]).toEqual([1000, false]);
    expect(numbers(before)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', 961 + i)));
  });

  it('fewer matches: the exact count, and a page past the last match is empty but keeps the count', async () => {
    const body = (await anon().get(`${base}?q=${encodeURIComponent('胸痛')}&pageSize=20`)).json();
    expect([body.total, body.totalCapped]).toEqual([30, false]);
    expect(numbers(body)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', 2001 + i)));
    const past = (await anon().get(`${base}?q=${encodeURIComponent('胸痛')}&page=3&pageSize=20`)).json();
    expect([past.items, past.total, past.totalCapped]).toEqual([[], 30, false]);
    const none = (await anon().get(`${base}?q=${encodeURIComponent('不存在的案例')}`)).json();
    expect([none.items, none.total, none.totalCapped]).toEqual([[], 0, false]);
  });

  it('a theme listing is counted exactly, without a cap', async () => {
    const body = (await anon().get(`${base}?themeId=${t01}&page=52&pageSize=20`)).json();
    expect([body.total, body.totalCapped]).toEqual([1030, false]);
    expect(numbers(body)).toEqual(Array.from({ length: 10 }, (_, i) => num('T01', 2021 + i)));
  });

  it('an entry passing is counted at once: the kept count is dropped with the pages', async () => {
    const url = `${base}?themeId=${t02}&q=${encodeURIComponent('日间手术')}`;
    const before = (await anon().get(url)).json();
    expect([before.total, numbers(before)]).toEqual([1, [num('T02', 1)]]);
    const passed = await staff.post(`/api/entries/${pending}/screening`, { decision: 'pass' });
    expect([passed.statusCode, passed.json().status]).toEqual([200, 'passed']);
    const after = (await anon().get(url)).json();
    expect([after.total, numbers(after)]).toEqual([2, [num('T02', 1), num('T02', 2)]]);
  });
});

/**
 * A search's first request walks at most a probe's worth of entries in number order before it asks the bigram
 * index with the scope's token (public-entries.ts). A probe of one or fifty entries sends these first requests down
 * the index statement's paths, which at the real size (5,000) only a campaign that large reaches. Every request
 * here is a first one: neither pages nor counts are kept.
 */
describe('S0-14 public search through the index of bigrams and scope tokens (first requests)', () => {
  const get = async (query: string) => (await anon().get(`${base}?${query}`)).json();
  const term = (q: string) => `q=${encodeURIComponent(q)}`;
  beforeAll(() => {
    setPublicCacheTtl(0);
    setPublicCountTtl(0);
  });
  afterAll(() => {
    setPublicProbeRows(5_000);
    setPublicCacheTtl(5_000);
    setPublicCountTtl(30_000);
  });

  it('a common term past the probe: the page from the walk, the capped count from the index', async () => {
    setPublicProbeRows(50);
    const body = await get(`${term('日间手术')}&pageSize=20`);
    expect([body.total, body.totalCapped]).toEqual([1000, true]);
    expect(numbers(body)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', i + 1)));
  });

  it('a term the probe did not reach: the page and the exact count from the index', async () => {
    setPublicProbeRows(50); // the first 50 passed entries by number are all 日间手术
    const body = await get(`${term('胸痛')}&page=2&pageSize=20`);
    expect([body.total, body.totalCapped]).toEqual([30, false]);
    expect(numbers(body)).toEqual(Array.from({ length: 10 }, (_, i) => num('T01', 2021 + i)));
  });

  it('a page past the capped matches the probe found walks the number order to it', async () => {
    // Page 51 lies past the 1,001st match: T01's 1,000 come first, then T02's (both passed by now).
    for (const rows of [50, 5_000]) {
      setPublicProbeRows(rows);
      const body = await get(`${term('日间手术')}&page=51&pageSize=20`);
      expect([rows, body.total, body.totalCapped, numbers(body)]).toEqual([rows, 1000, true, [num('T02', 1), num('T02', 2)]]);
    }
  });

  it('a theme filter and a term through the index: exactly the passed matches of that theme', async () => {
    setPublicProbeRows(1);
    const inT02 = await get(`themeId=${t02}&${term('日间手术')}`);
    expect([inT02.total, inT02.totalCapped, numbers(inT02)]).toEqual([2, false, [num('T02', 1), num('T02', 2)]]);
    const inT01 = await get(`themeId=${t01}&${term('胸痛')}&pageSize=50`);
    expect([inT01.total, numbers(inT01)]).toEqual([30, Array.from({ length: 30 }, (_, i) => num('T01', 2001 + i))]);
    // T01's 日间手术 entries waiting for screening have the bigrams but not the passed token.
    const waiting = await get(`themeId=${t01}&${term('未通过')}`);
    expect([waiting.total, waiting.items]).toEqual([0, []]);
    const elsewhere = await get(`themeId=${t02}&${term('胸痛')}`);
    expect([elsewhere.total, elsewhere.items]).toEqual([0, []]);
  });

  it('a term that reads like a token is searched as text, never matched against the tokens', async () => {
    for (const rows of [1, 5_000]) {
      setPublicProbeRows(rows);
      const prefix = await get(term('QC:'));
      expect([rows, prefix.total, numbers(prefix)]).toEqual([rows, 1, [num('T02', 3)]]);
      // 'c:' is in QC:'s text; the tokens' texts are in no entry's text.
      const expected: Array<[string, string, string[]]> = [
        ['', 'c:', [num('T02', 3)]],
        ['', 't:', []],
        ['', `c:${campaignId}:passed`, []],
        [`themeId=${t02}&`, `t:${t02}:passed`, []],
      ];
      for (const [theme, token, found] of expected) {
        const body = await get(`${theme}${term(token)}`);
        expect([rows, token, body.total, numbers(body)]).toEqual([rows, token, found.length, found]);
      }
    }
  });

  it('with statistics a term whose rarest bigram is uncommon skips the walk: the same answers', async () => {
    // Never analyzed, every first request above probed; now 胸痛 (30 of 1,073) and QC: go to the index at once,
    // 日间手术 (in nearly all) still walks.
    await t.app.ctx.db.execute(sql`analyze entries`);
    forgetGramFrequencies();
    setPublicProbeRows(5_000);
    const rare = await get(`${term('胸痛')}&page=2&pageSize=20`);
    expect([rare.total, rare.totalCapped, numbers(rare)]).toEqual([
      30,
      false,
      Array.from({ length: 10 }, (_, i) => num('T01', 2021 + i)),
    ]);
    const inT01 = await get(`themeId=${t01}&${term('胸痛')}&pageSize=50`);
    expect([inT01.total, numbers(inT01)]).toEqual([30, Array.from({ length: 30 }, (_, i) => num('T01', 2001 + i))]);
    const prefix = await get(term('QC:'));
    expect([prefix.total, numbers(prefix)]).toEqual([1, [num('T02', 3)]]);
    const common = await get(`${term('日间手术')}&page=51&pageSize=20`);
    expect([common.total, common.totalCapped, numbers(common)]).toEqual([1000, true, [num('T02', 1), num('T02', 2)]]);
  });
});

/**
 * With the campaign's term index built (public-term-index.ts) a search's first request counts in memory: the
 * same entries the database counts (compared term by term below), dropped with the pages when an entry joins or
 * leaves the public set. Every request here is a first one: neither pages nor counts are kept.
 */
describe('S0-14 public search counts from the term index (first requests)', () => {
  const get = async (query: string) => (await anon().get(`${base}?${query}`)).json();
  const term = (q: string) => `q=${encodeURIComponent(q)}`;
  const db = () => t.app.ctx.db;
  /** What the database counts: passed entries of the campaign (or theme) whose search text holds the term. */
  const counted = async (q: string, themeId?: string) => {
    const result = (await db().execute(sql`
      select count(*)::int as n from entries where campaign_id = ${campaignId} and status = 'passed'
        and (${themeId ?? null}::uuid is null or theme_id = ${themeId ?? null}::uuid) and strpos(search_text, ${q}) > 0
    `)) as unknown as { rows: Array<{ n: number }> };
    const n = Number(result.rows[0]?.n);
    return n > PUBLIC_SEARCH_COUNT_CAP ? { total: PUBLIC_SEARCH_COUNT_CAP, capped: true } : { total: n, capped: false };
  };
  beforeAll(async () => {
    setPublicCacheTtl(0);
    setPublicCountTtl(0);
    setPublicProbeRows(5_000);
    setPublicTermIndex({ on: true, minRebuildMs: 0 });
    await buildPublicTermIndex(db(), campaignId);
  });
  afterAll(() => {
    setPublicTermIndex({ on: false });
    setPublicCacheTtl(5_000);
    setPublicCountTtl(30_000);
  });

  it('counts exactly what the database counts, over the cap only when more, in the campaign and in each theme', async () => {
    const terms = [
      '日间手术', // 1,002 passed in the campaign (over the cap), exactly 1,000 in T01
      '日间',
      '手术全流程',
      '全流程管理999',
      '管理1', // 1, 10-19, 100-199, 1000: 112
      '胸痛',
      '急性胸痛绿色通道1', // 1, 10-19, 20-29: 21
      '未通过', // only entries waiting for screening
      'qc:',
      'c:',
      't:',
      `c:${campaignId}:passed`,
      `t:${t02}:passed`,
      '检索测试医院1', // hospitals' names
      `号\u00012022-t01-00`, // across the hospital's name and the number of one entry's search text, as strpos
      't01-000',
      '不存在的案例',
    ];
    for (const q of terms) {
      for (const themeId of [undefined, t01, t02]) {
        const expected = await counted(q, themeId);
        expect([q, themeId, indexedTermCount(db(), campaignId, themeId, q)]).toEqual([q, themeId, expected]);
      }
    }
    // Among them over the cap and exactly at it, so both sides of the cap are compared.
    expect(await counted('日间手术')).toEqual({ total: 1000, capped: true });
    expect(await counted('日间手术', t01)).toEqual({ total: 1000, capped: false });
    // A single character, a lone surrogate or a character outside the BMP is left to the database.
    expect(indexedTermCount(db(), campaignId, undefined, '胸')).toBeUndefined();
    expect(indexedTermCount(db(), campaignId, undefined, '胸\ud800')).toBeUndefined();
    expect(indexedTermCount(db(), campaignId, undefined, '𠀀医院')).toBeUndefined();
    // The listing counts it holds too, exact and without a cap.
    for (const themeId of [undefined, t01, t02, randomUUID()]) {
      const result = (await db().execute(sql`
        select count(*)::int as n from entries where campaign_id = ${campaignId} and status = 'passed'
          and (${themeId ?? null}::uuid is null or theme_id = ${themeId ?? null}::uuid)
      `)) as unknown as { rows: Array<{ n: number }> };
      expect([themeId, indexedListingCount(db(), campaignId, themeId)]).toEqual([themeId, Number(result.rows[0]?.n)]);
    }
  });

  it('the route answers a first request from it: the capped count, the exact count at the cap, a listing, the pages', async () => {
    const first = await get(`${term('日间手术')}&pageSize=20`);
    expect([first.total, first.totalCapped]).toEqual([1000, true]);
    expect(numbers(first)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', i + 1)));
    const atCap = await get(`themeId=${t01}&${term('日间手术')}&page=50`);
    expect([atCap.total, atCap.totalCapped]).toEqual([1000, false]);
    expect(numbers(atCap)).toEqual(Array.from({ length: 20 }, (_, i) => num('T01', 981 + i)));
    const listing = await get(`themeId=${t01}&page=52&pageSize=20`);
    expect([listing.total, listing.totalCapped, numbers(listing)]).toEqual([
      1030,
      false,
      Array.from({ length: 10 }, (_, i) => num('T01', 2021 + i)),
    ]);
    const under = await get(`${term('胸痛')}&page=2&pageSize=20`);
    expect([under.total, under.totalCapped, numbers(under)]).toEqual([
      30,
      false,
      Array.from({ length: 10 }, (_, i) => num('T01', 2021 + i)),
    ]);
  });

  it('an entry passing is counted and shown at once, before the index is built again and after', async () => {
    const url = `themeId=${t02}&${term('日间手术')}`;
    const before = await get(url);
    expect([before.total, numbers(before)]).toEqual([2, [num('T02', 1), num('T02', 2)]]);
    const passed = await staff.post(`/api/entries/${pendingLater}/screening`, { decision: 'pass' });
    expect([passed.statusCode, passed.json().status]).toEqual([200, 'passed']);
    // The pass dropped the index (its generation): this request took the database's way and started a build.
    expect(indexedTermCount(db(), campaignId, t02, '日间手术')).toBeUndefined();
    const after = await get(url);
    expect([after.total, numbers(after)]).toEqual([3, [num('T02', 1), num('T02', 2), num('T02', 4)]]);
    await buildPublicTermIndex(db(), campaignId);
    expect(indexedTermCount(db(), campaignId, t02, '日间手术')).toEqual({ total: 3, capped: false });
    const rebuilt = await get(url);
    expect([rebuilt.total, numbers(rebuilt)]).toEqual([3, [num('T02', 1), num('T02', 2), num('T02', 4)]]);
  });

  it('an entry leaving the public set is neither counted nor shown once its campaign is invalidated', async () => {
    // No writer moves an entry out of passed today; the table is changed directly and the writers' hook called.
    // T01 holds exactly the cap of 日间手术 entries: with that count known the page walks the theme's number order,
    // so the count shown is the index's.
    const leaving = num('T01', 5);
    const setStatus = (status: string) =>
      db().execute(sql`update entries set status = ${status} where campaign_id = ${campaignId} and number = ${leaving}`);
    const url = `themeId=${t01}&${term('日间手术')}&pageSize=20`;
    const without = [1, 2, 3, 4, ...Array.from({ length: 16 }, (_, i) => i + 6)].map((n) => num('T01', n));
    expect([(await get(url)).total, numbers(await get(url))[4]]).toEqual([1000, leaving]);
    await setStatus('excluded');
    // Behind the writers' back the index still says 1,000 (it is what counts here); the page comes from the table.
    const unseen = await get(url);
    expect([unseen.total, unseen.totalCapped, numbers(unseen)]).toEqual([1000, false, without]);
    invalidatePublicEntries(campaignId);
    const dropped = await get(url);
    expect([dropped.total, dropped.totalCapped, numbers(dropped)]).toEqual([999, false, without]);
    await buildPublicTermIndex(db(), campaignId);
    expect(indexedTermCount(db(), campaignId, t01, '日间手术')).toEqual({ total: 999, capped: false });
    const rebuilt = await get(url);
    expect([rebuilt.total, rebuilt.totalCapped, numbers(rebuilt)]).toEqual([999, false, without]);
    await setStatus('passed');
    invalidatePublicEntries(campaignId);
    expect((await get(url)).total).toBe(1000);
    await buildPublicTermIndex(db(), campaignId);
    expect((await get(url)).total).toBe(1000);
  });

  it('an index built while an entry changed is never used: it carries the generation read before its rows', async () => {
    await buildPublicTermIndex(db(), campaignId);
    expect(indexedTermCount(db(), campaignId, undefined, '胸痛')).toEqual({ total: 30, capped: false });
    invalidatePublicEntries(campaignId);
    expect(indexedTermCount(db(), campaignId, undefined, '胸痛')).toBeUndefined();
    // An entry passes while the build reads the rows (its writer's hook runs between the two).
    const racing = {
      execute: (query: Parameters<Queryable['execute']>[0]) => {
        invalidatePublicEntries(campaignId);
        return db().execute(query);
      },
    } as unknown as Queryable;
    await buildPublicTermIndex(racing, campaignId);
    expect(indexedTermCount(db(), campaignId, undefined, '胸痛')).toBeUndefined();
    await buildPublicTermIndex(db(), campaignId);
    expect(indexedTermCount(db(), campaignId, undefined, '胸痛')).toEqual({ total: 30, capped: false });
  });
});
