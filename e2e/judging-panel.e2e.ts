import type { TAssignmentsView, TCampaignView, TPanel, TPanelSaved, TRoundsView } from '@casearena/contract';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { answer, getJson, launch, shot } from './lib/browser.ts';
import { signIn } from './lib/sign-in.ts';

/**
 * The panel tab in Chromium (issue 10 item 1): the demo organizer takes an expert off one theme of the judging demo
 * call. The save first asks to confirm, naming how many of the expert's unsubmitted assignments it ends; confirmed,
 * the server ends exactly those (submitted sheets stay) and the message repeats the figures. The expert chosen is
 * not a demo account, so the judge's own story (judging.e2e.ts) is untouched.
 */
const ORGANIZER = { email: 'organizer@demo.casearena.cn', password: 'Demo12345' };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
const CALL = '（演示·专家初评进行中）';
const EXPERT = '吴副主任医师';
const THEME = 'T04';

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

describe('issue 10: taking an expert off a theme ends their open assignments, after the organizer confirms', () => {
  it('the organizer removes an expert from one theme at 1280 px: the confirm names the count, the server ends exactly those, submitted ones stay', async (ctx) => {
    if (!browser) return ctx.skip();
    context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('organizer page error:', err));
    await signIn(page, server.url, ORGANIZER);

    const calls = await getJson<{ items: TCampaignView[] }>(page, server.url, '/api/campaigns');
    const call = calls.items.find((c) => c.title.endsWith(CALL));
    if (!call) throw new Error(`no demo call ending ${CALL}`);
    const panelAsked = answer(page, 'GET', `/api/campaigns/${call.id}/judging/panel`);
    await page.goto(`${server.url}/organizer/campaigns/${call.id}/judging`);
    const panel = (await (await panelAsked).json()) as TPanel;
    const theme = panel.themes.find((t) => t.code === THEME);
    const member = panel.members.find((m) => m.judge.name === EXPERT);
    if (!theme || !member) throw new Error(`the demo panel has no ${EXPERT} or no ${THEME}`);
    const open = member.openAssignments[theme.id] ?? 0;
    // The seeded sheets: each expert submitted every other entry of theirs, so some stay and some are ended.
    expect(open).toBeGreaterThan(0);

    // The round's assignments of this expert in this theme, before.
    const rounds = await getJson<TRoundsView>(page, server.url, `/api/campaigns/${call.id}/judging/rounds`);
    const round = rounds.rounds.find((r) => r.label === '专家初评');
    if (!round) throw new Error('the judging demo has no 专家初评 round');
    // An entry's number carries its theme's code (2026-T04-0002).
    const inTheme = (list: TAssignmentsView) =>
      list.assignments.filter((a) => a.judgeId === member.judge.id && a.number?.includes(`-${THEME}-`));
    const before = inTheme(await getJson<TAssignmentsView>(page, server.url, `/api/judging/rounds/${round.id}/assignments`));
    const submitted = before.filter((a) => a.status === 'assigned' && a.sheetStatus === 'submitted').length;
    expect(before.filter((a) => a.status === 'assigned').length).toBe(open + submitted);

    // Off the theme: the tag's remove button in the theme's judges field, then save.
    const card = page.getByTestId(`panel-theme-${THEME}`);
    await card.waitFor(slow);
    await card.locator('.ant-select-selection-item', { hasText: EXPERT }).locator('.ant-select-selection-item-remove').click();
    await page.getByTestId('panel-save').click();
    const confirm = page.getByTestId('panel-end-confirm');
    await confirm.waitFor(slow);
    expect(await confirm.textContent()).toContain(`将撤销 ${open} 项未提交的评审分配（已提交的评分保留）`);
    expect(await confirm.textContent()).toContain(`${EXPERT}：${THEME}，${open} 项`);
    await shot(page, 'judging-panel-confirm-1280');

    const saved = answer(page, 'PUT', `/api/campaigns/${call.id}/judging/panel`);
    await page.getByTestId('panel-end-ok').click();
    const body = (await (await saved).json()) as TPanelSaved;
    expect(body.ended).toEqual({ endedAssignments: open, keptSubmitted: submitted });
    await page
      .locator('.ant-message-notice', {
        hasText: `评审专家组已保存：撤销 ${open} 项未提交的评审分配，保留 ${submitted} 项已提交的评分`,
      })
      .waitFor(slow);
    await shot(page, 'judging-panel-saved-1280');

    // The server's view after: the submitted ones still assigned, the rest removed; the seat gone from the theme.
    const after = inTheme(await getJson<TAssignmentsView>(page, server.url, `/api/judging/rounds/${round.id}/assignments`));
    expect(after.filter((a) => a.status === 'assigned').map((a) => a.sheetStatus)).toEqual(
      Array.from({ length: submitted }, () => 'submitted'),
    );
    expect(after.filter((a) => a.status === 'removed')).toHaveLength(open);
    expect(body.themes.find((t) => t.id === theme.id)?.judgeIds).not.toContain(member.judge.id);
  });
});
