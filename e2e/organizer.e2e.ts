import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot as fullShot, launch } from './lib/browser.ts';
import { type RunningServer, startServer } from './lib/server.ts';

/**
 * Organizers (issue 8 item 12) in Chromium on the real clock: platform staff see the create button, choose the
 * template by its call and years, get a draft whose dates start tomorrow and edit its introduction as rich text; an
 * applicant sees no button but how to become an organizer.
 */
const ADMIN = { email: 'admin@e2e.casearena.cn', password: 'Admin12345' };
const APPLICANT = { email: 'applicant@demo.casearena.cn', password: 'Demo12345' };
const STAFF = { email: 'staff@demo.casearena.cn', password: 'Demo12345' };
const soon = { timeout: 10_000 };
const slow = { timeout: 20_000 };

let server: RunningServer;
let browser: Browser | null;

beforeAll(async () => {
  process.env.DEMO_ENTRIES = '0';
  server = await startServer({ admin: ADMIN });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('邮箱或手机号').fill(account.email);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  return fullShot(page, name);
}

/** Tomorrow's date in Asia/Shanghai, as the server computes where a new call opens. */
function tomorrowInShanghai(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

describe('issue 8 item 12: organizers start a call from a named template and edit it as rich text', () => {
  it('staff: the template choice names the call and its years, the draft opens tomorrow, the introduction is rich text', async (ctx) => {
    if (!browser) return ctx.skip();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (err) => console.error('page error:', err));
    await signIn(page, STAFF);
    await page.goto(`${server.url}/organizer`);
    await page.getByTestId('campaign-create').waitFor(slow);
    await shot(page, '40-organizer-page-staff');
    await page.getByTestId('campaign-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('第七季改善医疗服务行动全国医院擂台赛（2021–2022）').waitFor(soon);
    expect(await dialog.getByRole('radio').count()).toBe(1);
    expect(await page.getByText(`${tomorrowInShanghai()} 开放申报`).count()).toBe(1);
    expect(await page.getByText('2025 年度').count()).toBe(0);
    await shot(page, '41-organizer-template-choice');
    await page.getByTestId('campaign-create-confirm').click();
    await page.waitForURL(/\/organizer\/campaigns\/[0-9a-f-]{36}$/, slow);
    const id = page.url().split('/').pop() ?? '';
    const draft = await page.evaluate(async (cid) => (await fetch(`/api/campaigns/${cid}`)).json(), id);
    expect(draft.status).toBe('draft');
    expect(draft.phases[0].startsAt).toBe(new Date(`${tomorrowInShanghai()}T00:00:00+08:00`).toISOString());

    // The introduction: a toolbar and an editable area, no raw HTML textarea.
    const editor = page.getByTestId('introduction-editor');
    await editor.waitFor(slow);
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('报名咨询：010-12345678');
    expect(await editor.locator('strong', { hasText: '报名咨询' }).count()).toBe(1);
    await shot(page, '42-organizer-introduction-editor');
    await page.close();
  });

  it('applicant: no create button, but how to become an organizer', async (ctx) => {
    if (!browser) return ctx.skip();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, APPLICANT);
    await page.goto(`${server.url}/organizer`);
    await page.getByTestId('become-organizer').waitFor(slow);
    expect(await page.getByTestId('campaign-create').count()).toBe(0);
    await page.getByText('如何成为主办方').hover();
    await page.getByText('我的账号', { exact: true }).last().waitFor(soon);
    await shot(page, '43-organizer-page-applicant');
    await page.close();
  });
});
