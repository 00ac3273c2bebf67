import fs from 'node:fs';
import path from 'node:path';
import type { TPublicNotice } from '@casearena/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Clock } from '../../apps/server/src/platform/clock/index.ts';
import { getJson, launch } from './browser.ts';
import { type InProcessServer, startInProcessServer } from './in-process-server.ts';
import { signIn } from './sign-in.ts';

/** The awards stories (issue 12): the demo's national final call, its organizer and a voter, on their own server. */
export const ORGANIZER = { email: 'organizer@demo.casearena.cn', password: 'Demo12345' };
export const VOTER = { email: 'voter@demo.casearena.cn', password: 'Demo12345' };
export const FINAL_CALL = '第七季改善医疗服务行动全国医院擂台赛（演示·全国总决赛）';
export const DESKTOP = { viewport: { width: 1440, height: 900 } };
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const SHOTS = '/tmp/awards-shots';
export const DAY = 24 * 60 * 60 * 1000;
export const slow = { timeout: 30_000 };

export interface AwardsStory {
  browser: Browser | null;
  server: InProcessServer | null;
  /** The server's base URL. */
  url: string;
  /** Moves the server's wall clock on (the notice's week passes in a second); everything else runs in real time. */
  advance(ms: number): void;
  /** A new browser context (Beijing time, zh-CN) and its page, closed after the file. */
  open(options: object, name: string): Promise<Page>;
}

/**
 * Registers the file's beforeAll/afterAll: Chromium, and a server in process with the demo data on a clock the story
 * may move (the shared server cannot: its clock is the real one, and other stories read its final call).
 */
export function awardsStory(name: string): AwardsStory {
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const contexts: BrowserContext[] = [];
  const story: AwardsStory = {
    browser: null,
    server: null,
    url: '',
    advance: (ms) => {
      offset += ms;
    },
    async open(options, pageName) {
      if (!story.browser) throw new Error('no browser');
      const context = await story.browser.newContext({ ...options, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`${pageName} page error:`, err));
      return page;
    },
  };
  beforeAll(async () => {
    story.browser = await launch();
    if (!story.browser) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    story.server = await startInProcessServer({ clock, name });
    story.url = story.server.url;
  }, 240_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await story.browser?.close();
    await story.server?.close();
  });
  return story;
}

/** A full-page screenshot from the top, under SHOTS. */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(SHOTS, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** A refusal's body: its code, its message, the fields it names. */
export interface Refusal {
  error: { code: string; message: string; fields?: Array<{ path: string; code: string; message: string }> };
}

/** A POST with the page's session and CSRF cookie, answered as status and body (refusals are the point here). */
export async function post(page: Page, url: string, pathname: string, body: unknown): Promise<{ status: number; body: Refusal }> {
  let csrf = (await page.context().cookies(url)).find((c) => c.name === 'ca_csrf')?.value;
  if (!csrf) csrf = (await getJson<{ csrfToken: string }>(page, url, '/api/auth/csrf')).csrfToken;
  const res = await page.request.post(`${url}${pathname}`, {
    data: body,
    headers: { 'x-csrf-token': csrf, 'accept-language': 'zh-CN' },
  });
  return { status: res.status(), body: (await res.json()) as Refusal };
}

export const noSideScroll = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * The organizer signed in on `org`, in the final call's awards manager reached from the campaign's settings page, the
 * set still a draft there. Answers the call's id and a reader of the set's state.
 */
export async function openAwardsManager(
  org: Page,
  url: string,
): Promise<{ campaignId: string; setState: () => Promise<string | null> }> {
  await signIn(org, url, ORGANIZER);
  const campaigns = await getJson<{ items: Array<{ id: string; title: string }> }>(org, url, '/api/campaigns');
  const call = campaigns.items.find((c) => c.title === FINAL_CALL);
  if (!call) throw new Error('the demo data should hold the national final call');
  const campaignId = call.id;
  await org.goto(`${url}/organizer/campaigns/${campaignId}`);
  await org.getByTestId('campaign-awards-link').click();
  await org.waitForURL(`${url}/organizer/campaigns/${campaignId}/awards`);
  const setState = () => org.getByTestId('award-set-state').getAttribute('data-state');
  await expect.poll(setState, slow).toBe('draft');
  return { campaignId, setState };
}

/**
 * The campaign's public page during the notice, on a phone: the link to the notice with the objection deadline in
 * Beijing time, the link to the honour list, no sideways scrolling; the links' screenshot.
 */
export async function expectResultsLinks(page: Page, campaignUrl: string, campaignId: string, endsAt: string): Promise<void> {
  await page.goto(campaignUrl);
  await expect.poll(() => page.getByTestId('campaign-notice-link').isVisible(), slow).toBe(true);
  expect(await page.getByTestId('campaign-honours-link').getAttribute('href')).toBe(`/campaigns/${campaignId}/honours`);
  expect(await page.getByTestId('campaign-notice-hint').textContent()).toBe(
    `公示中公示期内可实名提出异议，截止 ${endsAt}（北京时间）`,
  );
  expect(await noSideScroll(page)).toBe(0);
  await page.getByTestId('campaign-results').screenshot({ path: path.join(SHOTS, 'awards-02-phone-campaign-results-links.png') });
}

/**
 * The campaign's public page before the awards are frozen links to neither the notice nor the honour list (the
 * organizer's draft notice is not public, the honour list is NOT_FOUND): both answers in, the page drawn, no links.
 */
export async function expectNoResultsLinks(page: Page, url: string, campaignId: string): Promise<void> {
  const publicAnswer = (part: 'notice' | 'honours') =>
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/public/campaigns/${campaignId}/${part}`);
  const bothAsked = Promise.all([publicAnswer('notice'), publicAnswer('honours')]);
  await page.goto(`${url}/campaigns/${campaignId}`);
  const [draftNotice, noHonours] = await bothAsked;
  expect(((await draftNotice.json()) as TPublicNotice).state).toBe('draft');
  expect(noHonours.status()).toBe(404);
  await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent(), slow).toContain(FINAL_CALL);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  expect(await page.getByTestId('campaign-results').count()).toBe(0);
}
