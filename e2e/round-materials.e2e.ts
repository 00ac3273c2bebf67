import type { TEntryRoundMaterials, TEntryView } from '@casearena/contract';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { answer, launch, shot } from './lib/browser.ts';
import { buildPptx } from './lib/pptx.ts';
import { signIn } from './lib/sign-in.ts';

/**
 * Round materials (issue 10, seed 002's second review) in Chromium: the demo applicant, on a desktop, opens one of
 * their cases that the demo call's frozen 专家初评 advanced, finds the draft 专家复评's own slots on the entry page
 * (the presentation PPT and an MP4 of at most 8 minutes), uploads a small valid PPTX and sees it listed as version 1,
 * the video slot still empty.
 */
const APPLICANT = { email: 'applicant@demo.casearena.cn', password: 'Demo12345' };
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const CALL = '第七季改善医疗服务行动全国医院擂台赛（演示·专家复评材料提交中）';
const CASE = '老年患者“一站式”综合服务门诊建设';
const FILE = '复评汇报.pptx';

/** Pages load their code on demand and the server writes through an embedded database on a loaded machine. */
const slow = { timeout: 30_000 };

const server = { url: inject('serverUrl') };
let browser: Browser | null;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe('issue 10 story: an advancing entry’s applicant fills the next round’s own slots while it is a draft', () => {
  it('the demo applicant uploads the 专家复评’s presentation PPT on their entry page at 1280 px and sees it listed', async (ctx) => {
    if (!browser) return ctx.skip();
    context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('applicant page error:', err));
    await signIn(page, server.url, APPLICANT);

    // 我的案例 lists the hospital's cases; the case opens its page, which asks for the rounds' materials.
    const listed = answer(page, 'GET', '/api/entries/mine');
    await page.goto(`${server.url}/entries`);
    const mine = (await (await listed).json()) as { items: TEntryView[] };
    const calls = (await (await page.request.get(`${server.url}/api/campaigns`)).json()) as {
      items: Array<{ id: string; title: string }>;
    };
    const call = calls.items.find((c) => c.title === CALL);
    const entry = mine.items.find((e) => e.title === CASE && e.campaignId === call?.id);
    if (!entry) throw new Error(`the demo applicant has no case titled ${CASE} in ${CALL}`);
    const asked = answer(page, 'GET', `/api/entries/${entry.id}/round-materials`);
    await page.getByRole('link', { name: CASE }).first().click();
    await page.waitForURL(`${server.url}/entries/${entry.id}`);
    const before = (await (await asked).json()) as TEntryRoundMaterials;
    expect(before.rounds.map((r) => [r.label, r.status, r.abilities.upload, r.slots.map((s) => [s.key, s.file])])).toEqual([
      [
        '专家复评',
        'draft',
        true,
        [
          ['presentationPpt', null],
          ['presentationVideo', null],
        ],
      ],
    ]);
    const roundId = before.rounds[0]?.roundId ?? '';

    const card = page.getByTestId('round-materials');
    await card.waitFor(slow);
    expect(await card.getByTestId(`round-materials-${roundId}`).textContent()).toContain('专家复评');
    const ppt = card.getByTestId('round-slot-presentationPpt');
    const video = card.getByTestId('round-slot-presentationVideo');
    expect(await ppt.textContent()).toContain('尚未上传');
    expect(await video.textContent()).toContain('视频时长不超过 8 分钟');

    // The file goes up, the card asks again, and the slot lists it.
    const stored = answer(page, 'POST', `/api/judging/rounds/${roundId}/entries/${entry.id}/materials/presentationPpt`);
    const refreshed = answer(page, 'GET', `/api/entries/${entry.id}/round-materials`);
    await ppt.locator('input[type=file]').setInputFiles({
      name: FILE,
      mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      buffer: await buildPptx(CASE),
    });
    const saved = (await (await stored).json()) as { name: string; version: number };
    expect([saved.name, saved.version]).toEqual([FILE, 1]);
    const after = (await (await refreshed).json()) as TEntryRoundMaterials;
    expect(after.rounds[0]?.slots.map((s) => [s.key, s.file?.name ?? null, s.file?.version ?? null])).toEqual([
      ['presentationPpt', FILE, 1],
      ['presentationVideo', null, null],
    ]);
    await expect.poll(() => ppt.textContent(), slow).toContain(`${FILE} · `);
    expect(await ppt.textContent()).toContain('第 1 版');
    expect(await ppt.getByTestId('round-upload-presentationPpt').textContent()).toContain('重新上传');
    expect(await video.textContent()).toContain('尚未上传');
    await page.getByText(`已上传：${FILE}`).waitFor(slow);
    await shot(page, 'round-materials-uploaded-1280');
  });
});
