import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STAFF } from './lib/accounts.ts';
import { launch, shot } from './lib/browser.ts';
import { signIn } from './lib/sign-in.ts';

/**
 * A first run as a new user meets it (issue 8 items 11 and 13), on the demo data and the real clock: the home page
 * in sections with each call's phase and next deadline (desk and phone), a finished call that says it has ended, and
 * the screener's queue reachable from the header at 1280 px with its status tabs and the server's counts.
 */
/** The demo's platform reviewer screens every call (README). */
const SCREENER = STAFF;

const soon = { timeout: 15_000 };

/** The suite's one server (lib/global-setup.ts). */
const server = { url: inject('serverUrl') };
let browser: Browser | null;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Summary {
  id: string;
  title: string;
  stage: 'upcoming' | 'running' | 'finished';
  currentPhase: string | null;
  currentPhaseLabel: string | null;
  nextDeadline: { label: string; at: string } | null;
}
async function calls(): Promise<Summary[]> {
  return ((await (await fetch(`${server.url}/api/campaigns`)).json()) as { items: Summary[] }).items;
}
/** 2026-12-20 23:59 in Beijing time, as the page prints it. */
const beijing = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('first run: the calls on the home page, a finished call, the screening queue', () => {
  it('home page: running and finished calls in their own sections, with phase and next deadline (1280 and 375)', async (ctx) => {
    if (!browser) return ctx.skip();
    await ensureOneUpcomingCall(browser);
    const items = await calls();
    const running = items.filter((c) => c.stage === 'running');
    const finished = items.filter((c) => c.stage === 'finished');
    const upcoming = items.filter((c) => c.stage === 'upcoming');
    const live = running.find((c) => c.currentPhase === 'submission');
    // The demo data: the live copy of seed-000 open for submission, the copy in its voting phase, the copy in its
    // expert preliminary review and the one past its first round that collects the 专家复评's materials (both in the
    // 专家初评 phase), and the one on the first day of its 全国总决赛 run; the 2021–22 original and the copy three
    // weeks past its final (awarded, noticed, final) have finished; plus the call opening tomorrow.
    expect([running.length, finished.length, upcoming.length]).toEqual([5, 2, 1]);
    expect(finished.map((c) => c.title).sort()).toEqual(
      ['第七季改善医疗服务行动全国医院擂台赛', '第七季改善医疗服务行动全国医院擂台赛（演示·颁奖与公示）'].sort(),
    );
    expect(running.map((c) => c.currentPhaseLabel).sort()).toEqual(
      ['案例申报', '网络投票', '专家初评', '专家初评', '全国总决赛'].sort(),
    );
    if (!live?.nextDeadline) throw new Error('the live demo call has no next deadline');
    for (const [name, viewport] of [
      ['first-run-home-1280', { width: 1280, height: 900 }],
      ['first-run-home-375', { width: 375, height: 812 }],
    ] as const) {
      const page = await browser.newPage({ viewport });
      page.on('pageerror', (err) => console.error('page error:', err));
      await page.goto(server.url);
      const runningSection = page.getByTestId('campaigns-running');
      await runningSection.getByText(live.title).waitFor(soon);
      await expect.poll(() => runningSection.locator('h3').textContent(), soon).toBe('正在进行（5）');
      await expect.poll(() => page.getByTestId('campaigns-finished').locator('h3').textContent(), soon).toBe('已结束（2）');
      await expect.poll(() => page.getByTestId('campaigns-upcoming').locator('h3').textContent(), soon).toBe('即将开始（1）');
      expect(await page.getByTestId(`campaign-item-${upcoming[0]?.id}`).isVisible()).toBe(true);
      const liveItem = page.getByTestId(`campaign-item-${live.id}`);
      expect(await liveItem.getByText(`当前阶段：${live.currentPhaseLabel}`).count()).toBe(1);
      expect(await page.getByTestId(`campaign-deadline-${live.id}`).textContent()).toBe(
        `${live.nextDeadline.label}截止 ${beijing(live.nextDeadline.at)}`,
      );
      expect(await page.getByTestId(`campaign-item-${finished[0]?.id}`).getByText('已结束', { exact: true }).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await shot(page, name);
      await page.close();
    }
  });

  it('a finished call’s page says it has ended', async (ctx) => {
    if (!browser) return ctx.skip();
    const ended = (await calls()).find((c) => c.stage === 'finished');
    if (!ended) throw new Error('the demo data should hold a finished call');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/campaigns/${ended.id}`);
    const notice = page.getByTestId('campaign-ended');
    await expect.poll(() => notice.textContent(), soon).toContain('本次征集已结束');
    // The themes are drawn with the call: once they show, a way to enter would show too.
    await page.locator('.ant-collapse-item').first().waitFor(soon);
    expect(await page.locator('[data-testid^="start-entry-"]').count()).toBe(0); // no way to enter a finished call
    await shot(page, 'first-run-campaign-ended');
    await page.close();
  });

  it('the screener reaches the queue from the header at 1280 px; tabs carry the server’s counts', async (ctx) => {
    if (!browser) return ctx.skip();
    const live = (await calls()).find((c) => c.stage === 'running' && c.currentPhase === 'submission');
    if (!live) throw new Error('no running call');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err));
    await signIn(page, server.url, SCREENER);
    // The header shows 案例初审 itself, not inside an overflow "…" menu.
    const bar = page.getByTestId('nav-bar');
    const link = bar.getByRole('link', { name: '案例初审' });
    await link.waitFor(soon);
    expect(await link.isVisible()).toBe(true);
    expect(await bar.locator('.ant-menu-overflow-item-rest:not(.ant-menu-overflow-item-rest[aria-hidden="true"])').count()).toBe(
      0,
    );
    // The welcome toast is still showing: it sits below the header and takes no click.
    await link.click();
    await page.waitForURL((u) => u.pathname === '/screening');
    const c = await openQueue(page, live.id);
    // The demo's generated entries are in every state, some overdue.
    expect([c.pending > 0, c.returned > 0, c.passed > 0, c.excluded > 0, c.overdue > 0]).toEqual([true, true, true, true, true]);
    await tabsShow(page, c);
    await shot(page, 'first-run-queue-1280');
    // 未通过: each row says 未通过 with its reason, not a return.
    const excluded = page.waitForResponse(queueAnswer(live.id, 'excluded'));
    await page.getByTestId('queue-tab-excluded').click();
    expect((await excluded).status()).toBe(200);
    const results = page.locator('[data-testid^="queue-result-"]');
    await expect.poll(() => results.count(), soon).toBe(Math.min(c.excluded, 50));
    const texts = await results.allInnerTexts();
    expect(texts.every((s) => s.startsWith('未通过'))).toBe(true);
    expect(await page.getByText('退回原因').count()).toBe(0);
    await shot(page, 'first-run-queue-excluded-1280');
    await page.close();
  });

  it('the screening queue on a phone (375 px): the five status tabs with the server’s counts in one row', async (ctx) => {
    if (!browser) return ctx.skip();
    const live = (await calls()).find((c) => c.stage === 'running' && c.currentPhase === 'submission');
    if (!live) throw new Error('no running call');
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    page.on('pageerror', (err) => console.error('page error:', err));
    await signIn(page, server.url, SCREENER);
    await page.goto(`${server.url}/screening`);
    const c = await openQueue(page, live.id);
    await tabsShow(page, c);
    await page.locator('[data-testid^="queue-read-"]').first().waitFor(soon);
    // No overflow "…" button: every tab is on screen, and nothing widens the page.
    await shot(page, 'first-run-queue-375');
    const operations = page.getByTestId('queue-tabs').locator('.ant-tabs-nav-operations');
    expect(await operations.evaluateAll((els) => els.every((e) => e.classList.contains('ant-tabs-nav-operations-hidden')))).toBe(
      true,
    );
    for (const key of TABS) {
      const box = await page.getByTestId(`queue-tab-${key}`).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await page.close();
  });
});

/**
 * The demo data has no upcoming call: platform staff make one from the template, opening tomorrow, and publish it,
 * through the API as the organizer page would. (The organizer story only makes drafts, which the public never sees.)
 */
async function ensureOneUpcomingCall(b: Browser) {
  if ((await calls()).some((c) => c.stage === 'upcoming')) return;
  const page = await b.newPage();
  await signIn(page, server.url, STAFF);
  const status = await page.evaluate(async (opensOn) => {
    const csrf = decodeURIComponent(/(?:^|;\s*)ca_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '');
    const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
    const t = (await (await fetch('/api/campaign-templates')).json()) as {
      items: { key: string }[];
      organizers: { id: string }[];
    };
    const body = JSON.stringify({ templateKey: t.items[0]?.key, organizerId: t.organizers[0]?.id, opensOn });
    const draft = await fetch('/api/campaigns', { method: 'POST', headers, body });
    if (draft.status !== 201) return `create: ${draft.status} ${await draft.text()}`;
    const { id } = (await draft.json()) as { id: string };
    const published = await fetch(`/api/campaigns/${id}/publish`, { method: 'POST', headers: { 'x-csrf-token': csrf } });
    return published.ok ? 'ok' : `publish: ${published.status} ${await published.text()}`;
  }, tomorrowInShanghai());
  expect(status).toBe('ok');
  await page.close();
}

/** Tomorrow's date in Asia/Shanghai. */
function tomorrowInShanghai(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

const TABS = ['pending', 'returned', 'passed', 'excluded', 'overdue'] as const;
type Counts = Record<(typeof TABS)[number], number>;

/** The page's own request for a queue tab (the first one the page makes is 待审). */
const queueAnswer = (campaignId: string, tab: string) => (r: import('playwright-core').Response) => {
  const u = new URL(r.url());
  return (
    r.request().method() === 'GET' &&
    u.pathname === `/api/campaigns/${campaignId}/screening-queue` &&
    (u.searchParams.get('tab') ?? 'pending') === tab
  );
};

/** From the call list at /screening into the call's queue; the counts are those the page itself was sent. */
async function openQueue(page: Page, campaignId: string): Promise<Counts> {
  const answer = page.waitForResponse(queueAnswer(campaignId, 'pending'));
  await page.getByTestId(`screening-campaign-${campaignId}`).click();
  await page.waitForURL((u) => u.pathname === `/screening/${campaignId}`);
  const res = await answer;
  if (!res.ok()) throw new Error(`screening queue: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { counts: Counts }).counts;
}

async function tabsShow(page: Page, c: Counts) {
  const labels = { pending: '待审', returned: '已退回', passed: '已通过', excluded: '未通过', overdue: '超时' };
  for (const key of TABS) {
    await expect.poll(() => page.getByTestId(`queue-tab-${key}`).textContent(), soon).toBe(`${labels[key]} ${c[key]}`);
  }
}
