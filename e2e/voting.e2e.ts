import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APPLICANT } from './lib/accounts.ts';
import { beijingMinute } from './lib/beijing-time.ts';
import { answer, launch, SCREENSHOTS, shot } from './lib/browser.ts';
import { signIn as signInAt } from './lib/sign-in.ts';

/**
 * Public voting (issue 9 item 7) in Chromium on a 375 px phone, on the real clock, in the demo data's call whose
 * public voting phase runs now (simulated votes on the two days before, none today). The demo applicant (a
 * certified institution) finds an entry by its number from the campaign's voting page, votes +50, and a second try
 * from another tab is refused as "already voted today"; a signed-out browser with the entry page and the theme's
 * leaderboard open before the vote sees the count move live (the stream, no reload, no poll); the demo doctor (a
 * certified medical professional) then adds +15. No other story votes, so the counts move only by these votes.
 */
const VOTING_CALL = '第七季改善医疗服务行动全国医院擂台赛（演示·网络投票进行中）';
const DOCTOR = { email: 'doctor@demo.casearena.cn', password: 'Demo12345' };
const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** Pages load their code on demand and the server writes through an embedded database: allow for both. */
const soon = { timeout: 10_000 };
const slow = { timeout: 20_000 };

/** The suite's one server (lib/global-setup.ts). */
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

async function context(b: Browser, options: typeof PHONE | typeof DESKTOP): Promise<BrowserContext> {
  const c = await b.newContext(options);
  contexts.push(c);
  return c;
}

async function page(c: BrowserContext, name: string): Promise<Page> {
  const p = await c.newPage();
  p.on('pageerror', (err) => console.error(`${name} page error:`, err));
  return p;
}

/** "1,234" as the card prints it (zh-CN digits grouping) → 1234. */
const figure = async (p: Page, testId: string): Promise<number> =>
  Number(((await p.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, ''));

/** Where `shot` puts a picture of that name (for a picture of one element rather than the whole page). */
function shotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

const noSideScroll = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function votingCall(): Promise<{ id: string }> {
  const res = await fetch(`${server.url}/api/campaigns`);
  const body = (await res.json()) as { items: { id: string; title: string; currentPhase: string | null }[] };
  const call = body.items.find((c) => c.title === VOTING_CALL);
  if (!call) throw new Error(`the demo data should hold the call "${VOTING_CALL}"`);
  return call;
}

interface PublicEntry {
  id: string;
  number: string;
  title: string;
  theme: { id: string; code: string };
}

/** One of the call's passed entries, from the public list the pages use (the voting page then finds it by number). */
async function someEntry(campaignId: string): Promise<PublicEntry> {
  const res = await fetch(`${server.url}/api/campaigns/${campaignId}/entries?pageSize=20`);
  const body = (await res.json()) as { items: PublicEntry[]; total: number };
  expect(body.total).toBeGreaterThan(0);
  const entry = body.items[3] ?? body.items[0];
  if (!entry) throw new Error('the voting call should list passed entries');
  return entry;
}

describe('S0-14 story: find an entry by number on a phone, vote +50 once a day, another browser sees it live', () => {
  it('S0-14: a certified institution votes +50, is refused "already voted today", a signed-out browser sees the count move live; a certified professional adds +15', async (ctx) => {
    if (!browser) return ctx.skip();
    const call = await votingCall();
    const entry = await someEntry(call.id);
    const entryPath = `/campaigns/${call.id}/entries/${entry.id}`;

    // The other browser, signed out, with the entry page and the theme's leaderboard open before the vote; both
    // wait until their stream is live (from then on neither polls: a new figure can only come from the stream).
    const watcher = await context(browser, DESKTOP);
    const watchEntry = await page(watcher, 'watcher entry');
    await watchEntry.goto(`${server.url}${entryPath}`);
    await expect.poll(() => watchEntry.getByTestId('public-entry-title').textContent(), slow).toBe(entry.title);
    await expect.poll(() => watchEntry.getByTestId('vote-sign-in').isVisible(), slow).toBe(true);
    await expect.poll(() => watchEntry.getByTestId('vote-live').isVisible(), slow).toBe(true);
    const watchBoard = await page(watcher, 'watcher leaderboard');
    await watchBoard.goto(`${server.url}/campaigns/${call.id}/vote?theme=${entry.theme.id}`);
    await expect.poll(() => watchBoard.getByTestId(`leaderboard-weight-${entry.id}`).isVisible(), slow).toBe(true);
    await expect.poll(() => watchBoard.getByTestId('leaderboard-live').isVisible(), slow).toBe(true);
    const reloads: string[] = [];
    const noteReload = (r: Response) => {
      const pathname = new URL(r.url()).pathname;
      if (pathname.endsWith('/vote-card') || pathname.endsWith('/leaderboard')) reloads.push(pathname);
    };
    watchEntry.on('response', noteReload);
    watchBoard.on('response', noteReload);

    // The phone: sign in, open the voting page from the campaign page's link, find the entry by its number.
    const phoneContext = await context(browser, PHONE);
    const phone = await page(phoneContext, 'phone');
    await signInAt(phone, server.url, APPLICANT);
    await phone.goto(`${server.url}/campaigns/${call.id}`);
    await phone.getByTestId('public-voting-link').click(soon);
    await phone.waitForURL(`${server.url}/campaigns/${call.id}/vote`);
    await expect.poll(() => phone.getByTestId('vote-stage').getAttribute('data-stage'), slow).toBe('open');
    await expect.poll(() => phone.getByTestId('vote-weights').textContent(), soon).toContain('认证医疗机构每票 +50');
    const searchBox = phone.getByTestId('vote-search-input').locator('input');
    await searchBox.fill(entry.number);
    await searchBox.press('Enter');
    const result = phone.getByTestId(`vote-search-result-${entry.id}`);
    await expect.poll(() => result.isVisible(), slow).toBe(true);
    await expect.poll(() => result.textContent()).toContain(entry.number);
    expect(await phone.locator('[data-testid^="vote-search-result-"]').count()).toBe(1);
    expect(await noSideScroll(phone)).toBe(0);
    await shot(phone, 'voting-01-phone-search-by-number');
    await result.click();
    await phone.waitForURL(`${server.url}${entryPath}`);
    await expect.poll(() => phone.getByTestId('public-entry-title').textContent(), slow).toBe(entry.title);
    const button = phone.getByTestId('vote-button');
    await expect.poll(() => button.textContent(), slow).toContain('+50');
    // Its own stream too (the doctor's vote later reaches this page that way).
    await expect.poll(() => phone.getByTestId('vote-live').isVisible(), slow).toBe(true);
    const before = await figure(phone, 'vote-count');
    expect(await figure(watchEntry, 'vote-count')).toBe(before);
    expect(await figure(watchBoard, `leaderboard-weight-${entry.id}`)).toBe(before);

    // A second tab of the same phone, opened before the vote: it still offers the button (a stale page).
    const secondTab = await page(phoneContext, 'second tab');
    await secondTab.goto(`${server.url}${entryPath}`);
    await expect.poll(() => secondTab.getByTestId('vote-button').textContent(), slow).toContain('+50');
    await expect.poll(() => secondTab.getByTestId('vote-live').isVisible(), slow).toBe(true);

    // The vote: "+50", the count up by exactly 50, and the card now says when the next vote opens.
    const cast = answer(phone, 'POST', `/api/entries/${entry.id}/votes`);
    await button.click();
    const receipt = (await (await cast).json()) as {
      weight: number;
      count: { weight: number };
      nextVoteAt: string;
      replayed: boolean;
    };
    expect(receipt.weight).toBe(50);
    expect(receipt.replayed).toBe(false);
    expect(receipt.count.weight).toBe(before + 50);
    const next = beijingMinute(receipt.nextVoteAt);
    expect(next).toMatch(/ 00:00$/);
    await expect.poll(() => phone.getByTestId('vote-plus').textContent(), soon).toBe('+50');
    await expect.poll(() => phone.getByTestId('vote-success').textContent(), soon).toBe('投票成功，+50');
    await expect.poll(() => figure(phone, 'vote-count'), soon).toBe(before + 50);
    const refusal = phone.getByTestId('vote-refusal');
    await expect.poll(() => refusal.getAttribute('data-code'), soon).toBe('ALREADY_VOTED_TODAY');
    expect(await refusal.textContent()).toBe(`您今天已为该案例投过票，${next}（北京时间）后可再次投票`);
    expect(await button.count()).toBe(0);
    expect(await noSideScroll(phone)).toBe(0);
    // The "+50" floats up and fades out (1.4 s): held 0.5 s into its flight, where it is fully shown, for the
    // picture; then the page at rest.
    const shown = await phone.getByTestId('vote-plus').evaluate((el) => {
      const flight = el.getAnimations()[0];
      if (!flight) return 'no animation';
      flight.pause();
      flight.currentTime = 500;
      return getComputedStyle(el).opacity;
    });
    expect(shown).toBe('1');
    await phone.getByTestId('vote-card').screenshot({ path: shotPath('voting-02-phone-plus-50-flying'), animations: 'allow' });
    await shot(phone, 'voting-02-phone-voted-plus-50');

    // The signed-out browser: the new figure on the entry page and on the leaderboard, from the stream.
    await expect.poll(() => figure(watchEntry, 'vote-count'), soon).toBe(before + 50);
    await expect.poll(() => figure(watchBoard, `leaderboard-weight-${entry.id}`), soon).toBe(before + 50);
    expect(await watchEntry.getByTestId('vote-live').isVisible()).toBe(true);
    expect(reloads).toEqual([]);
    await shot(watchEntry, 'voting-03-other-browser-live-count');
    await shot(watchBoard, 'voting-04-other-browser-live-leaderboard');

    // A second try from the stale tab: the server refuses it, the tab says why and when, the count does not move.
    await expect.poll(() => figure(secondTab, 'vote-count'), soon).toBe(before + 50);
    const again = secondTab.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/entries/${entry.id}/votes`,
    );
    await secondTab.getByTestId('vote-button').click();
    const refused = await again;
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ALREADY_VOTED_TODAY');
    // The reloaded card says why and when, once: the server's same sentence is not repeated as a warning.
    const secondRefusal = secondTab.getByTestId('vote-refusal');
    await expect.poll(() => secondRefusal.getAttribute('data-code'), soon).toBe('ALREADY_VOTED_TODAY');
    expect(await secondRefusal.textContent()).toBe(`您今天已为该案例投过票，${next}（北京时间）后可再次投票`);
    expect(await secondTab.getByTestId('vote-error').count()).toBe(0);
    expect(await secondTab.getByTestId('vote-button').count()).toBe(0);
    expect(await figure(secondTab, 'vote-count')).toBe(before + 50);
    await shot(secondTab, 'voting-05-phone-already-voted-today');

    // The doctor, a certified medical professional, on their own phone: +15 on the same entry, seen live again.
    const doctorContext = await context(browser, PHONE);
    const doctor = await page(doctorContext, 'doctor');
    await signInAt(doctor, server.url, DOCTOR);
    await doctor.goto(`${server.url}${entryPath}`);
    const doctorButton = doctor.getByTestId('vote-button');
    await expect.poll(() => doctorButton.textContent(), slow).toContain('+15');
    expect(await figure(doctor, 'vote-count')).toBe(before + 50);
    const doctorCast = answer(doctor, 'POST', `/api/entries/${entry.id}/votes`);
    await doctorButton.click();
    expect(((await (await doctorCast).json()) as { weight: number }).weight).toBe(15);
    await expect.poll(() => doctor.getByTestId('vote-success').textContent(), soon).toBe('投票成功，+15');
    await expect.poll(() => figure(doctor, 'vote-count'), soon).toBe(before + 65);
    await expect.poll(() => figure(watchEntry, 'vote-count'), soon).toBe(before + 65);
    await expect.poll(() => figure(watchBoard, `leaderboard-weight-${entry.id}`), soon).toBe(before + 65);
    await expect.poll(() => figure(phone, 'vote-count'), soon).toBe(before + 65);
    expect(reloads).toEqual([]);
    await shot(doctor, 'voting-06-phone-doctor-plus-15');
  });
});
