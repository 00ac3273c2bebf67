import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APPLICANT, STAFF } from './lib/accounts.ts';
import { launch, shot } from './lib/browser.ts';
import { signIn as signInAt } from './lib/sign-in.ts';

/**
 * Organizers (issue 8 item 12) in Chromium on the real clock: platform staff see the create button, choose the
 * template by its call and years, get a draft whose dates start tomorrow and edit its introduction as rich text; an
 * applicant sees no button but how to become an organizer.
 */
const soon = { timeout: 10_000 };
const slow = { timeout: 20_000 };

/** The suite's one server (lib/global-setup.ts). */
const server = { url: inject('serverUrl') };
let browser: Browser | null;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signIn = (page: Page, account: { email: string; password: string }) => signInAt(page, server.url, account);

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
    const dialog = page.getByRole('dialog');
    // The templates came with the page (they decide whether the button shows at all).
    await page.getByTestId('campaign-create').click();
    await dialog.getByText('第七季改善医疗服务行动全国医院擂台赛（2021–2022）').waitFor(soon);
    await expect.poll(() => dialog.getByRole('radio').count(), soon).toBe(1);
    await expect.poll(() => dialog.getByText(`${tomorrowInShanghai()} 开放申报`).count(), soon).toBe(1);
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
    await expect.poll(() => editor.locator('strong', { hasText: '报名咨询' }).count(), soon).toBe(1);
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
    // The popover's own link, not the header's 我的账号: the screenshot must show the popover open.
    await page.locator('.ant-popover').getByRole('link', { name: '我的账号', exact: true }).waitFor(soon);
    await shot(page, '43-organizer-page-applicant');
    await page.close();
  });
});
