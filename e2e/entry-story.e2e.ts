import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APPLICANT, STAFF } from './lib/accounts.ts';
import { answer, launch, shot } from './lib/browser.ts';
import { buildPptx } from './lib/pptx.ts';
import { signIn as signInAt } from './lib/sign-in.ts';

/**
 * The entry story (issue 3) in Chromium: an applicant enters a case, the platform's screener returns it, the applicant
 * corrects and resubmits, the screener sees what changed and passes it, and the public finds it on the theme page.
 * It runs in the demo data's live call (a copy of seed-000 whose submission opened 30 days ago), on the real clock.
 */
const HOSPITAL = '许昌市中心医院';
/** Generated demo entries fill the first themes only (40 entries over ~10 hospitals): T10 is free for the story. */
const THEME = 'T10';
const TITLE = '医联体“基层检查、上级诊断”远程影像协作';
const RETURN_REASON = 'PPT 中的量化成效缺少数据来源';
const FIXED_LINE = '数据来源：医院信息中心 2021 年统计。';
/** Typed offline in a tab the phone then kills: it only survives on the device. */
const KEPT_LINE = '报告时间由 48 小时缩短至 6 小时。';

/** Pages load their code on demand and the server writes through an embedded database: allow for both. */
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

/** A date and time as the pages print it: Beijing time, 2026/12/20 23:59. */
const beijingTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

const noSideScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The call open for submission now (the demo data's live copy of seed-000). */
async function campaignId(): Promise<string> {
  const res = await fetch(`${server.url}/api/campaigns`);
  const body = (await res.json()) as { items: { id: string; currentPhase: string | null }[] };
  const id = body.items.find((c) => c.currentPhase === 'submission')?.id;
  if (!id) throw new Error('no call takes entries now: the demo data should hold a live one');
  return id;
}

describe('story: enter a case, screened and returned, corrected and resubmitted, passed and public', () => {
  it('walks the whole path in Chromium', async (ctx) => {
    if (!browser) return ctx.skip();
    const cid = await campaignId();
    const applicant = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    applicant.on('pageerror', (err) => console.error('applicant page error:', err));
    await signIn(applicant, APPLICANT);

    // The demo applicant belongs to the hospital through its approved institution certification (the seed), as its
    // first administrator; the profile has no organization field any more.
    await applicant.goto(`${server.url}/account`);
    await expect.poll(() => applicant.getByTestId('my-organization-name').textContent(), slow).toBe(HOSPITAL);
    await expect.poll(() => applicant.getByTestId('my-organization').getByText('机构管理员').isVisible(), soon).toBe(true);
    await expect.poll(() => applicant.getByTestId('invite-identifier').isVisible(), soon).toBe(true);
    expect(await applicant.getByTestId('profile-org-picker').count()).toBe(0);
    await shot(applicant, '08-account-my-organization');

    // Start an entry from the theme on the call's page.
    await applicant.goto(`${server.url}/campaigns/${cid}`);
    await applicant.getByTestId(`start-entry-${THEME}`).waitFor();
    await shot(applicant, '09-campaign-start-entry');
    await applicant.getByTestId(`start-entry-${THEME}`).click();
    await applicant.getByTestId('start-entry-title').fill(TITLE);
    await applicant.getByTestId('start-entry-confirm').click();
    await applicant.waitForURL(/\/entries\/[0-9a-f-]{36}$/);
    const entryId = applicant.url().split('/').pop() ?? '';

    // Fill the editor: summary with its live count, the form, the slides.
    await applicant
      .getByTestId('entry-summary')
      .fill('背景：基层影像诊断能力不足。做法：基层检查、上级诊断。成效：报告时间缩短。');
    await expect.poll(() => applicant.getByTestId('entry-summary-count').textContent(), soon).toMatch(/^\d+ \/ 600 字$/);
    await applicant.getByTestId('ff-department').fill('医学影像科');
    await applicant.getByTestId('ff-contact-name').fill('李医生');
    await applicant.getByTestId('ff-contact-title').fill('科主任');
    await applicant.getByTestId('ff-contact-phone').fill('13800138000');
    await applicant.getByTestId('ff-contact-email').fill('li@example.cn');
    await applicant.getByTestId('upload-input-ppt').setInputFiles({
      name: '远程影像协作.pptx',
      mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      buffer: await buildPptx(TITLE),
    });
    await expect.poll(() => applicant.getByTestId('pptx-copyright-ppt').getAttribute('data-ok'), slow).toBe('true');
    expect(await applicant.getByTestId('pptx-checks-ppt').textContent()).toContain('幻灯片 2 页');
    await expect.poll(() => applicant.getByTestId('save-status').getAttribute('data-state'), slow).toBe('saved');
    expect(await applicant.getByTestId('save-status').textContent()).toMatch(/已自动保存 \d{2}:\d{2}:\d{2}/);
    await shot(applicant, '10-entry-editor');

    // A reload keeps everything (it was saved to the server).
    await applicant.reload();
    await expect.poll(() => applicant.getByTestId('ff-department').inputValue(), soon).toBe('医学影像科');

    await applicant.getByTestId('entry-consent').click();
    await applicant.getByTestId('entry-submit').click();
    const submitted = answer(applicant, 'POST', `/api/entries/${entryId}/submit`);
    await applicant.getByTestId('entry-submit-confirm').click();
    const { screeningDueAt } = (await (await submitted).json()) as { screeningDueAt: string | null };
    if (!screeningDueAt) throw new Error('a submitted entry should say when its screening is due');
    await expect.poll(() => applicant.getByTestId(`entry-status-${entryId}`).textContent(), slow).toBe('已提交待审核');
    const number = (await applicant.getByTestId('entry-number').textContent()) ?? '';
    expect(number).toMatch(/^\d{4}-T10-\d{4}$/);
    // Issue 8 item 13: the applicant sees when screening is due, the time the server set at submission.
    await expect
      .poll(() => applicant.getByTestId(`screening-due-${entryId}`).textContent(), soon)
      .toBe(`已提交，预计 ${beijingTime(screeningDueAt)}（北京时间）前完成初审`);
    await shot(applicant, '11-entry-submitted');

    // The screener returns it with reasons.
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    staff.on('pageerror', (err) => console.error('staff page error:', err));
    await signIn(staff, STAFF);
    await staff.goto(`${server.url}/screening/${cid}`);
    await staff.getByTestId(`queue-read-${entryId}`).waitFor();
    await shot(staff, '12-screening-queue');
    await staff.getByTestId(`queue-read-${entryId}`).click();
    await expect.poll(() => staff.getByTestId('pptx-copyright-ppt').getAttribute('data-ok'), soon).toBe('true');
    await shot(staff, '12b-screening-drawer');
    await staff.getByTestId('screen-return').click();
    await staff.getByTestId('decision-reasons').fill(RETURN_REASON);
    await staff.getByTestId('decision-suggestions').fill('请在成效页注明数据来源后重新提交');
    const returned = answer(staff, 'POST', `/api/entries/${entryId}/screening`);
    await staff.getByTestId('decision-confirm').click();
    expect(((await (await returned).json()) as { status: string }).status).toBe('returned');
    await expect.poll(() => staff.getByTestId(`queue-read-${entryId}`).count(), soon).toBe(0);

    // The applicant sees the reasons and the deadline, on a desk and on a phone.
    await applicant.goto(`${server.url}/entries`);
    await expect.poll(() => applicant.getByTestId(`screening-reasons-${entryId}`).textContent(), soon).toBe(RETURN_REASON);
    expect(await applicant.getByTestId(`screening-deadline-${entryId}`).textContent()).toMatch(/北京时间/);
    await shot(applicant, '13-my-entries-returned');
    // A context of its own: the phone's storage outlives its tabs (the editor keeps unsent text there).
    const device = await browser.newContext({ viewport: { width: 375, height: 800 } });
    let phone = await device.newPage();
    await signIn(phone, APPLICANT);
    await phone.goto(`${server.url}/entries`);
    await expect.poll(() => phone.getByTestId(`screening-reasons-${entryId}`).textContent(), soon).toBe(RETURN_REASON);
    expect(await noSideScroll(phone)).toBe(0);
    await shot(phone, '14-my-entries-returned-phone');

    // The bell says so too.
    await expect.poll(() => phone.getByTestId('notification-unread').textContent(), slow).toMatch(/[1-9]/);
    await phone.getByTestId('notification-bell').click();
    await phone.getByTestId('notification-list').waitFor();
    await shot(phone, '14b-notifications-phone');
    await phone.keyboard.press('Escape');
    await phone.getByTestId('notification-list').waitFor({ state: 'hidden' });

    // Correct on the phone with the connection gone: the text stays on the device and the page says so.
    await phone.getByTestId(`entry-open-${entryId}`).first().click();
    await phone.waitForURL(`${server.url}/entries/${entryId}`);
    const summary = phone.getByTestId('entry-summary');
    const saveState = () => phone.getByTestId('save-status').getAttribute('data-state');
    await summary.waitFor();
    await device.setOffline(true);
    await summary.fill(`${await summary.inputValue()}${FIXED_LINE}`);
    await expect.poll(saveState, slow).toBe('offline');
    expect(await phone.getByTestId('save-status').textContent()).toContain('离线，已保存在本机');
    await shot(phone, '15-entry-editor-offline-phone');

    // Path 1: the connection returns while the page is open. What was typed goes to the server by itself (the page
    // retries when the browser is back online), so the entry opened again has it and nothing to restore.
    const resent = answer(phone, 'PATCH', `/api/entries/${entryId}`);
    await device.setOffline(false);
    await resent;
    await expect.poll(saveState, slow).toBe('saved');
    await phone.reload();
    await expect.poll(() => summary.inputValue(), slow).toContain(FIXED_LINE);
    expect(await phone.getByTestId('restore-accept').count()).toBe(0);

    // Path 2: offline again, and the phone kills the tab (as it does to a background tab short of memory) before the
    // connection returns: nothing more runs on that page, so the server never sees the text. Opening the entry again
    // offers what was typed, from the device.
    await device.setOffline(true);
    await summary.fill(`${await summary.inputValue()}${KEPT_LINE}`);
    await expect.poll(saveState, slow).toBe('offline');
    const crashed = phone.waitForEvent('crash');
    const cdp = await device.newCDPSession(phone);
    void cdp.send('Page.crash').catch(() => undefined); // answers never: the page is gone
    await crashed;
    await phone.close();
    await device.setOffline(false);
    phone = await device.newPage();
    const onServer = (await (await phone.request.get(`${server.url}/api/entries/${entryId}`)).json()) as { summary: string };
    expect([onServer.summary.includes(FIXED_LINE), onServer.summary.includes(KEPT_LINE)]).toEqual([true, false]);
    await phone.goto(`${server.url}/entries/${entryId}`);
    await phone.getByTestId('restore-accept').waitFor(slow);
    await shot(phone, '15a-entry-restore-offer-phone');
    const restored = answer(phone, 'PATCH', `/api/entries/${entryId}`);
    await phone.getByTestId('restore-accept').click();
    await restored;
    await expect.poll(() => phone.getByTestId('entry-summary').inputValue(), soon).toContain(`${FIXED_LINE}${KEPT_LINE}`);
    await expect.poll(() => phone.getByTestId('save-status').getAttribute('data-state'), slow).toBe('saved');
    expect(await noSideScroll(phone)).toBe(0);
    await shot(phone, '15b-entry-editor-phone');
    await phone.getByTestId('entry-consent').click();
    await phone.getByTestId('entry-submit').click();
    await phone.getByTestId('entry-submit-confirm').click();
    await expect.poll(() => phone.getByTestId(`entry-status-${entryId}`).textContent(), slow).toBe('已提交待审核');
    expect(await phone.getByTestId('entry-number').textContent()).toBe(number);

    // The screener sees a resubmission, what changed this round, and passes it.
    await staff.reload();
    await expect.poll(() => staff.getByTestId(`queue-resubmission-${entryId}`).isVisible(), soon).toBe(true);
    await staff.getByTestId(`queue-read-${entryId}`).click();
    await expect.poll(() => staff.getByTestId('changes-view').textContent(), soon).toContain(`${FIXED_LINE}${KEPT_LINE}`);
    await shot(staff, '16-screening-changes');
    await staff.getByTestId('screen-pass').click();
    const passed = answer(staff, 'POST', `/api/entries/${entryId}/screening`);
    await staff.getByTestId('screen-pass-confirm').click();
    expect(((await (await passed).json()) as { status: string }).status).toBe('passed');
    await expect.poll(() => staff.getByTestId(`queue-read-${entryId}`).count(), soon).toBe(0);

    // Two other entries in one go: select, preview the plan, apply exactly that plan.
    const rows = staff.getByTestId('screening-queue').locator('.ant-table-tbody tr.ant-table-row');
    const before = await rows.count();
    await rows.nth(0).locator('.ant-checkbox-wrapper').click();
    await rows.nth(1).locator('.ant-checkbox-wrapper').click();
    await staff.getByTestId('bulk-pass').click();
    await expect.poll(() => staff.getByTestId('bulk-preview').textContent(), soon).toContain('将修改 2 项');
    await shot(staff, '16b-bulk-preview');
    const applied = answer(staff, 'POST', /^\/api\/bulk-plans\/[0-9a-f-]{36}\/apply$/);
    await staff.getByTestId('bulk-apply').click();
    await applied;
    await expect.poll(() => rows.count(), soon).toBe(before - 2);

    // The public finds it on the theme page and opens it.
    const visitor = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await visitor.goto(`${server.url}/campaigns/${cid}`);
    await visitor.getByTestId('entry-search-input').locator('input').fill(number);
    await visitor.getByTestId('entry-search-input').locator('input').press('Enter');
    await visitor.getByTestId(`public-entry-${entryId}`).click();
    await expect.poll(() => visitor.getByTestId('public-entry-title').textContent(), soon).toBe(TITLE);
    await expect.poll(() => visitor.getByText(HOSPITAL).first().isVisible(), soon).toBe(true);
    expect(await noSideScroll(visitor)).toBe(0);
    await shot(visitor, '17-public-entry-phone');

    await applicant.goto(`${server.url}/entries`);
    await expect.poll(() => applicant.getByTestId(`entry-status-${entryId}`).first().textContent(), soon).toBe('已通过');
    await shot(applicant, '18-my-entries-passed');
  });
});
