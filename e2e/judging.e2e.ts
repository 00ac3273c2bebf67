import type { TMyAssignments, TRoundRanking, TSheetView } from '@casearena/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { answer, getJson, launch, shot } from './lib/browser.ts';
import { signIn } from './lib/sign-in.ts';

/**
 * Expert judging (issue 10 item 8) in Chromium: the demo judge, on a 375 px phone, scores two never-opened entries of
 * the demo call's blind preliminary round (seed 000's one 100-point criterion), loses the network mid-sheet (the typed
 * score stays on the device and is synced when the network is back), submits and sees the sheet locked; the second
 * sheet also survives a reload. The organizer, on a desktop, then sees both entries ranked with the judge's sheet
 * counted: the round's mean over the seeded sheets (read from the API before) plus the judge's.
 */
const JUDGE = { email: 'judge@demo.casearena.cn', password: 'Demo12345' };
const ORGANIZER = { email: 'organizer@demo.casearena.cn', password: 'Demo12345' };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
/** What the judge types: a first score, then the one typed offline (the one submitted), and the comment. */
const TYPED = [
  { first: 82.5, offline: 86, comment: '流程改进的数据完整，推广价值明确。' },
  { first: 71, offline: 77.5, comment: '改进措施可行，成效指标还可细化。' },
];

/** Pages load their code on demand and the server writes through an embedded database on a loaded machine. */
const slow = { timeout: 30_000 };

const server = { url: inject('serverUrl') };
let browser: Browser | null;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function open(
  b: Browser,
  options: typeof PHONE | typeof DESKTOP,
  name: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`${name} page error:`, err));
  return { context, page };
}

/** The figure as the ranking prints it (RankingGroup's `score`). */
const printed = (n: number) => String(Math.round(n * 100) / 100);

interface LocalCopy {
  base: number;
  draft: { scores: Record<string, number | null>; comment: string };
  synced: boolean;
}
const localCopy = (page: Page, assignmentId: string) =>
  page.evaluate((key) => {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as LocalCopy);
  }, `casearena.judgeSheet.${assignmentId}`);

const saveState = (page: Page) => page.getByTestId('sheet-save-state').getAttribute('data-state');

describe('issue 10 story: a judge on a phone scores offline and online, the organizer sees the ranking', () => {
  it('S1-8 / X-3: two sheets typed on a phone survive losing the network (local copy, then synced), are submitted and locked; the ranking counts them', async (ctx) => {
    if (!browser) return ctx.skip();

    // The judge's entries: two never opened in the open preliminary round.
    const { context: phoneContext, page: phone } = await open(browser, PHONE, 'judge');
    await signIn(phone, server.url, JUDGE);
    const mine = await getJson<TMyAssignments>(phone, server.url, '/api/judging/me/assignments');
    const group = mine.rounds.find((r) => r.round.status === 'open' && r.round.blind);
    if (!group) throw new Error('the demo judge should have an open blind round');
    const fresh = group.items.filter((i) => i.sheet.version === 0 && i.sheet.status === 'draft').slice(0, 2);
    expect(fresh).toHaveLength(2);
    const roundId = group.round.id;

    // The organizer's ranking before: the seeded sheets of those two entries.
    const { page: desk } = await open(browser, DESKTOP, 'organizer');
    await signIn(desk, server.url, ORGANIZER);
    const before = await getJson<TRoundRanking>(desk, server.url, `/api/judging/rounds/${roundId}/ranking`);
    const rowOf = (r: TRoundRanking, entryId: string) => {
      const row = r.groups.flatMap((g) => g.rows).find((x) => x.entryId === entryId);
      if (!row) throw new Error(`entry ${entryId} is not in the ranking`);
      return row;
    };
    const seeded = fresh.map((f) => rowOf(before, f.entry.id).perJudge.map((j) => j.raw));
    expect(before.formula.method).toBe('mean');

    await phone.goto(`${server.url}/judging`);
    for (const f of fresh) {
      await expect
        .poll(() => phone.getByTestId(`assignment-card-${f.assignmentId}`).getAttribute('data-progress'), slow)
        .toBe('notStarted');
    }
    await shot(phone, 'judging-01-phone-my-entries');

    for (const [n, f] of fresh.entries()) {
      const typed = TYPED[n] as (typeof TYPED)[number];
      const id = f.assignmentId;
      await phone.getByTestId(`assignment-open-${id}`).click();
      await phone.waitForURL(`${server.url}/judging/assignments/${id}`);
      const scoreInput = phone.getByTestId('sheet-score-overall');
      await scoreInput.waitFor(slow);
      expect(await saveState(phone)).not.toBe('locked');

      // Online: the score is typed and the server confirms it.
      await scoreInput.fill(String(typed.first));
      await expect.poll(() => saveState(phone), slow).toBe('saved');
      const draft = await getJson<{ sheet: TSheetView }>(phone, server.url, `/api/judging/assignments/${id}`);
      expect(draft.sheet.scores).toEqual({ overall: typed.first });
      expect(draft.sheet.version).toBe(1);

      // The network drops mid-sheet: the new score and the comment stay on this phone.
      await phoneContext.setOffline(true);
      await scoreInput.fill(String(typed.offline));
      await phone.getByTestId('sheet-comment').fill(typed.comment);
      await expect.poll(() => saveState(phone), slow).toBe('offline');
      expect(await phone.getByTestId('sheet-save-state').textContent()).toContain('已保存在本机，联网后自动同步');
      const local = await localCopy(phone, id);
      expect(local?.synced).toBe(false);
      expect(local?.base).toBe(1);
      expect(local?.draft.scores).toEqual({ overall: typed.offline });
      expect(local?.draft.comment).toBe(typed.comment);
      await shot(phone, `judging-0${2 + 3 * n}-phone-offline-saved-on-device`);

      // Back online: synced with the server (the draft there now holds what was typed offline).
      await phoneContext.setOffline(false);
      await expect.poll(() => saveState(phone), slow).toBe('saved');
      await expect.poll(async () => (await localCopy(phone, id))?.synced, slow).toBe(true);
      const synced = await getJson<{ sheet: TSheetView }>(phone, server.url, `/api/judging/assignments/${id}`);
      expect(synced.sheet.scores).toEqual({ overall: typed.offline });
      expect(synced.sheet.comment).toBe(typed.comment);
      expect(synced.sheet.version).toBe(2);

      if (n === 1) {
        // A reload mid-sheet: the page comes back with what was typed.
        await phone.reload();
        await expect.poll(() => phone.getByTestId('sheet-score-overall').inputValue(), slow).toBe(String(typed.offline));
        expect(await phone.getByTestId('sheet-comment').inputValue()).toBe(typed.comment);
        await expect.poll(() => saveState(phone), slow).toBe('saved');
      }
      await expect.poll(() => phone.getByTestId('sheet-total').textContent(), slow).toContain(String(typed.offline));
      await shot(phone, `judging-0${3 + 3 * n}-phone-synced`);

      // Submit, confirm: locked.
      await phone.getByTestId('sheet-submit').click();
      const submitted = answer(phone, 'POST', `/api/judging/assignments/${id}/sheet/submit`);
      await phone.getByTestId('sheet-submit-confirm').click();
      await submitted;
      await phone.getByTestId('sheet-submitted').waitFor(slow);
      // Locked: the sheet says submitted, the score no longer takes input, nothing is left to save or submit.
      await expect.poll(() => phone.getByTestId('sheet-status').getAttribute('data-progress'), slow).toBe('submitted');
      await expect.poll(() => scoreInput.isDisabled(), slow).toBe(true);
      expect(await phone.getByTestId('sheet-submit').count()).toBe(0);
      expect(await phone.getByTestId('sheet-save-state').count()).toBe(0);
      await shot(phone, `judging-0${4 + 3 * n}-phone-submitted-locked`);

      await phone.goto(`${server.url}/judging`);
      await expect.poll(() => phone.getByTestId(`assignment-card-${id}`).getAttribute('data-progress'), slow).toBe('submitted');
    }
    await shot(phone, 'judging-08-phone-my-entries-after');

    // The server holds both sheets submitted, with exactly what was typed.
    for (const [n, f] of fresh.entries()) {
      const typed = TYPED[n] as (typeof TYPED)[number];
      const { sheet } = await getJson<{ sheet: TSheetView }>(phone, server.url, `/api/judging/assignments/${f.assignmentId}`);
      expect(sheet.status).toBe('submitted');
      expect(sheet.scores).toEqual({ overall: typed.offline });
      expect(sheet.comment).toBe(typed.comment);
      expect(sheet.total).toBe(typed.offline);
    }

    // The organizer: the round page's ranking tab, both entries with the judge's sheet counted (mean).
    const after = await getJson<TRoundRanking>(desk, server.url, `/api/judging/rounds/${roundId}/ranking`);
    const expected = fresh.map((_, n) => {
      const raws = [...(seeded[n] as number[]), (TYPED[n] as (typeof TYPED)[number]).offline];
      return { sheets: raws.length, mean: raws.reduce((a, b) => a + b, 0) / raws.length };
    });
    for (const [n, f] of fresh.entries()) {
      const row = rowOf(after, f.entry.id);
      const want = expected[n] as (typeof expected)[number];
      expect(row.sheets).toBe(want.sheets);
      expect(row.score).toBeCloseTo(want.mean, 9);
      expect(row.perJudge.map((j) => j.raw).sort((a, b) => a - b)).toEqual(
        [...(seeded[n] as number[]), (TYPED[n] as (typeof TYPED)[number]).offline].sort((a, b) => a - b),
      );
    }
    await desk.goto(`${server.url}/organizer/campaigns/${group.round.campaignId}/judging?tab=rounds`);
    await desk.getByTestId('round-link-preliminary').click(slow);
    await desk.waitForURL(`${server.url}/organizer/judging/rounds/${roundId}`);
    await desk.getByRole('tab', { name: '排名' }).click(slow);
    await desk.getByTestId('ranking-tab').waitFor(slow);
    for (const [n, f] of fresh.entries()) {
      const row = desk.getByTestId('ranking-row').filter({ hasText: f.entry.number ?? f.entry.id });
      await expect.poll(() => row.count(), slow).toBe(1);
      const want = expected[n] as (typeof expected)[number];
      expect(await row.getByTestId('ranking-score').textContent()).toBe(printed(want.mean));
      expect(await row.textContent()).toContain(`评分表 ${want.sheets}`);
      await row.getByRole('button', { name: '评分明细' }).click();
      const breakdown = row.getByTestId('ranking-breakdown');
      await breakdown.waitFor(slow);
      expect(await breakdown.textContent()).toContain(printed((TYPED[n] as (typeof TYPED)[number]).offline));
    }
    await shot(desk, 'judging-09-organizer-ranking');
  });
});
