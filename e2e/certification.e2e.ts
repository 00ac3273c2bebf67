import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN } from './lib/accounts.ts';
import { answer, launch, shot } from './lib/browser.ts';
import { signIn as signInAt } from './lib/sign-in.ts';

const APPLICANT = { email: 'wang.fang@e2e.casearena.cn', name: '王芳', password: 'Wang12345' };

/** The suite's one server (lib/global-setup.ts). */
const server = { url: inject('serverUrl') };
let browser: Browser | null;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signIn = (page: Page, email: string, password: string) => signInAt(page, server.url, { email, password }, { landing: '/' });

describe('story: register, request institution certification, an administrator approves, the user sees it', () => {
  it('walks the whole path in Chromium', async (ctx) => {
    if (!browser) return ctx.skip();
    const applicant = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    await applicant.goto(`${server.url}/register`);
    await applicant.getByLabel('邮箱', { exact: true }).fill(APPLICANT.email);
    await applicant.getByLabel('姓名').fill(APPLICANT.name);
    await applicant.getByLabel('密码', { exact: true }).fill(APPLICANT.password);
    await applicant.getByLabel('确认密码').fill(APPLICANT.password);
    await shot(applicant, '01-register');
    await applicant.getByTestId('register-submit').click();
    await applicant.waitForURL(`${server.url}/certification`);

    // Before certification the new applicant belongs nowhere: 我的案例 says so and links to joining, and the account
    // page offers the certification request (the profile has no organization field to pick).
    await applicant.goto(`${server.url}/entries`);
    await expect
      .poll(() => applicant.getByTestId('needs-organization').textContent(), { timeout: 20_000 })
      .toContain('申报案例需要先加入所在机构');
    await shot(applicant, '01b-entries-needs-organization');
    // On the live call's page each theme offers 先加入机构再申报 (to the account page) instead of 申报案例.
    const calls = (await (await fetch(`${server.url}/api/campaigns`)).json()) as {
      items: { id: string; stage: string; currentPhase: string | null }[];
    };
    const live = calls.items.find((c) => c.stage === 'running' && c.currentPhase === 'submission');
    if (!live) throw new Error('the demo data should hold a running call');
    await applicant.goto(`${server.url}/campaigns/${live.id}`);
    const join = applicant.getByTestId('start-entry-T01-join');
    await expect.poll(() => join.textContent(), { timeout: 20_000 }).toBe('先加入机构再申报');
    expect(await join.getAttribute('href')).toBe('/account');
    expect(await applicant.locator('[data-testid^="start-entry-"]:not([data-testid$="-join"])').count()).toBe(0);
    await shot(applicant, '01c-campaign-join-to-start');
    await applicant.goto(`${server.url}/account`);
    await applicant.getByTestId('request-membership').waitFor({ timeout: 20_000 });
    expect(await applicant.getByTestId('profile-org-picker').count()).toBe(0);
    await applicant.getByTestId('request-membership').click();
    await applicant.waitForURL(`${server.url}/certification`);

    await applicant.getByTestId('org-picker').click();
    await applicant.keyboard.type('许昌市中心');
    await applicant.locator('.ant-select-item-option', { hasText: '许昌市中心医院' }).click();
    await applicant.getByLabel('补充说明').fill('医务处代为申请');
    await applicant.getByTestId('cert-file').setInputFiles({
      name: '医疗机构执业许可证.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await applicant.getByTestId('cert-submit').click();
    const mine = applicant.locator('[data-testid^="cert-status-"]');
    await expect.poll(() => mine.first().textContent()).toBe('待审核');
    await shot(applicant, '02-certification-pending');
    const certId = ((await mine.first().getAttribute('data-testid')) ?? '').replace('cert-status-', '');

    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, ADMIN.email, ADMIN.password);
    // Straight to the page: at 1280 px the admin's menu may fold items into its overflow menu.
    await admin.goto(`${server.url}/admin/certifications`);
    const approved = answer(admin, 'POST', `/api/admin/certifications/${certId}/approve`);
    await admin.getByTestId(`cert-approve-${certId}`).click();
    await approved;
    await expect.poll(() => admin.getByText('已通过').first().isVisible()).toBe(true);
    await admin.getByText('全部').click();
    await expect.poll(() => admin.getByTestId(`cert-status-${certId}`).textContent()).toBe('已通过');
    await shot(admin, '03-admin-approved');

    await applicant.reload();
    await expect.poll(() => applicant.getByTestId(`cert-status-${certId}`).textContent()).toBe('已通过');
    await applicant.goto(`${server.url}/account`);
    await expect.poll(() => applicant.getByTestId('certification-level').textContent()).toBe('机构认证');
    // The approval made them a member. The hospital already has an administrator (the demo applicant, its first
    // certified representative), so they join as a plain member: they see their colleagues but do not invite.
    await expect.poll(() => applicant.getByTestId('my-organization-name').textContent()).toBe('许昌市中心医院');
    await expect.poll(() => applicant.getByTestId('my-organization').getByText('成员', { exact: true }).isVisible()).toBe(true);
    const members = applicant.getByTestId('org-members');
    await expect.poll(() => members.getByText('李医生').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => members.getByText('只有机构管理员可以邀请或移除成员。').isVisible()).toBe(true);
    expect(await applicant.getByTestId('invite-identifier').count()).toBe(0);
    await shot(applicant, '04-account-certified');

    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(phone, APPLICANT.email, APPLICANT.password);
    await phone.goto(`${server.url}/certification`);
    await expect.poll(() => phone.getByTestId(`cert-status-${certId}`).textContent()).toBe('已通过');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await shot(phone, '05-phone-certification');
  });

  it('switches the interface to English and back', async (ctx) => {
    if (!browser) return ctx.skip();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/login`);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toBe('Sign in');
    await page.getByLabel('Email or mobile number').fill(APPLICANT.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong-password1');
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login');
    await page.getByTestId('login-submit').click();
    expect((await refused).status()).toBe(401);
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong account or password');
    await shot(page, '06-login-error-en');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toBe('登 录');
  });

  it('shows the seed-000 call on the home page and its landing page with the ten themes (S0-3)', async (ctx) => {
    if (!browser) return ctx.skip();
    for (const [width, name] of [
      [1280, '07-campaign-landing'],
      [375, '08-campaign-landing-phone'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(server.url);
      // The finished 2021–22 original (a call made from its template, opening tomorrow, may carry the same title).
      await page
        .getByTestId('campaigns-finished')
        .getByRole('link', { name: '第七季改善医疗服务行动全国医院擂台赛', exact: true })
        .click();
      await expect.poll(() => page.locator('.ant-collapse-item').count()).toBe(10);
      // The organizer's introduction and the PPT template to download (S0-4).
      await expect.poll(() => page.getByTestId('campaign-introduction').textContent()).toContain('改善医疗服务');
      await expect.poll(() => page.getByTestId('campaign-download').textContent()).toContain('案例PPT模板');
      await page.getByRole('button', { name: 'T04 推进“三位一体”智慧医院建设' }).click();
      await expect
        .poll(() =>
          page
            .getByText(/智慧医疗、智慧服务、智慧管理/)
            .first()
            .isVisible(),
        )
        .toBe(true);
      expect(await page.getByText('2021/12/01 – 2022/03/15').count()).toBe(1);
      await expect.poll(() => page.getByText('2022-T01-0001').first().isVisible()).toBe(true);
      await page.getByTestId('entry-search-input').locator('input').fill('胸痛');
      await page.getByTestId('entry-search-input').locator('input').press('Enter');
      await expect.poll(() => page.getByText('胸痛中心“120—急诊—导管室”一体化救治').first().isVisible()).toBe(true);
      await expect.poll(() => page.getByText('2022-T01-0001').count()).toBe(0);
      await shot(page, name);
      await page.close();
    }
  });
});
