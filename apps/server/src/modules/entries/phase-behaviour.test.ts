import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, organizerMember } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { campaigns } from '../campaigns/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// Submission and screening on 1–10 March 2022 (Shanghai), then a voting phase without screening.
const PHASES = [
  { key: 'submission', label: '案例申报', start: '2022-03-01', end: '2022-03-10', capabilities: ['canSubmit', 'canScreen'] },
  { key: 'voting', label: '网络投票', start: '2022-03-11', end: '2022-03-20', capabilities: ['canVote'] },
];

/** A call set up by its manager on 28 February (sessions last 14 days) from the template, with `patch` applied, then published. */
async function campaign(patch: object = {}) {
  t.clock.set('2022-02-28T02:00:00.000Z');
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const { client: manager } = await organizerMember(t, organizer.id, 'manager');
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, { phases: PHASES, ...patch });
  expect(saved.statusCode, saved.body).toBe(200);
  const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return { manager, campaign: published.json() as { id: string; themes: Array<{ id: string }> } };
}

async function submittedEntry(campaignId: string, themeId: string, title: string) {
  const org = await buildOrganization(t);
  const { client } = await applicantOf(t, org.id);
  const entry = (await client.post(`/api/campaigns/${campaignId}/entries`, { themeId, title })).json();
  const version = await completeEntry(client, entry.id);
  const done = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
  expect(done.statusCode, done.body).toBe(200);
  return done.json() as { id: string; dueAt?: string; screeningDueAt?: string };
}

describe('issue 8 item 5: screening only while a canScreen phase runs (X-2, S0-8)', () => {
  it('X-2 a single decision at 23:59:59 on the last screening day is taken; at 00:00 the next day WRONG_PHASE', async () => {
    const { manager, campaign: c } = await campaign();
    t.clock.set('2022-03-08T02:00:00.000Z');
    const first = await submittedEntry(c.id, c.themes[0]?.id as string, '急诊一站式服务');
    const second = await submittedEntry(c.id, c.themes[1]?.id as string, '门诊预约分时段');
    t.clock.set('2022-03-10T15:59:59.000Z'); // 10 March 23:59:59 in Shanghai
    const taken = await manager.post(`/api/entries/${first.id}/screening`, { decision: 'pass' });
    expect([taken.statusCode, taken.json().status]).toEqual([200, 'passed']);
    t.clock.set('2022-03-10T16:00:00.000Z'); // 11 March 00:00: voting, which does not screen
    const refused = await manager.post(`/api/entries/${second.id}/screening`, { decision: 'pass' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'WRONG_PHASE']);
    expect((await manager.get(`/api/entries/${second.id}`)).json().status).toBe('submitted');
  });

  it('X-4 bulk: planned outside the phase every item is skipped as WRONG_PHASE; planned inside, applied after → PLAN_STALE', async () => {
    const { manager, campaign: c } = await campaign();
    t.clock.set('2022-03-08T02:00:00.000Z');
    const a = await submittedEntry(c.id, c.themes[0]?.id as string, '日间手术中心');
    const b = await submittedEntry(c.id, c.themes[1]?.id as string, '智慧药房');
    t.clock.set('2022-03-10T15:59:59.000Z');
    const inside = (
      await manager.post(`/api/campaigns/${c.id}/bulk-plans`, { entryIds: [a.id, b.id], decision: { decision: 'pass' } })
    ).json();
    expect(inside.items.map((i: { skip: string | null }) => i.skip)).toEqual([null, null]);
    t.clock.set('2022-03-10T16:00:00.000Z');
    const stale = await manager.post(`/api/bulk-plans/${inside.id}/apply`);
    expect([stale.statusCode, stale.json().error.code, stale.json().error.params]).toEqual([409, 'PLAN_STALE', { count: 2 }]);
    const outside = (
      await manager.post(`/api/campaigns/${c.id}/bulk-plans`, { entryIds: [a.id, b.id], decision: { decision: 'pass' } })
    ).json();
    expect(outside.items.map((i: { skip: string | null }) => i.skip)).toEqual(['WRONG_PHASE', 'WRONG_PHASE']);
    expect([outside.willChange, outside.willSkip]).toEqual([0, 2]);
  });
});

describe('issue 8 item 5: S0-6 one entry per organization per theme follows the organizer’s switch', () => {
  async function twoInOneTheme(onePerOrganizationPerTheme: boolean) {
    const { campaign: c } = await campaign({
      entryRules: { onePerOrganizationPerTheme, maxPerOrganization: null, maxPerDepartment: null, departmentField: 'department' },
    });
    t.clock.set('2022-03-05T02:00:00.000Z');
    const org = await buildOrganization(t);
    const { client: surgery } = await applicantOf(t, org.id);
    const { client: nursing } = await applicantOf(t, org.id);
    const themeId = c.themes[0]?.id;
    const one = await surgery.post(`/api/campaigns/${c.id}/entries`, { themeId, title: '外科日间手术流程再造' });
    const two = await nursing.post(`/api/campaigns/${c.id}/entries`, { themeId, title: '护理部延续护理服务' });
    return [one, two];
  }

  it('S0-6 enforced: a second entry of the same hospital in the theme is refused with DUPLICATE_ENTRY', async () => {
    const [one, two] = await twoInOneTheme(true);
    expect([one?.statusCode, two?.statusCode, two?.json().error.code]).toEqual([201, 409, 'DUPLICATE_ENTRY']);
  });

  it('S0-6 switched off: two departments of one hospital both enter the same theme', async () => {
    const [one, two] = await twoInOneTheme(false);
    expect([one?.statusCode, two?.statusCode]).toEqual([201, 201]);
    expect(two?.json().title).toBe('护理部延续护理服务');
  });
});

describe('issue 8 item 5: S0-8 the screening allowance is the campaign’s, from its template', () => {
  it('S0-8 the seed template gives 2 working days; a campaign with 5 gives 5 (Tuesday 10:00 → end of next Tuesday)', async () => {
    const { manager, campaign: two } = await campaign();
    const { campaign: five } = await campaign();
    await t.app.ctx.db.update(campaigns).set({ screeningWorkingDays: 5 }).where(eq(campaigns.id, five.id));
    t.clock.set('2022-03-08T02:00:00.000Z'); // Tuesday 8 March, 10:00 in Shanghai
    await submittedEntry(two.id, two.themes[0]?.id as string, '两日审核');
    await submittedEntry(five.id, five.themes[0]?.id as string, '五日审核');
    const queue = (await manager.get(`/api/campaigns/${two.id}/screening-queue`)).json().items;
    expect(queue.map((q: { dueAt: string }) => q.dueAt)).toEqual(['2022-03-10T15:59:59.999Z']); // Thursday
    const [row] = await t.app.ctx.db
      .select({ n: campaigns.screeningWorkingDays })
      .from(campaigns)
      .where(eq(campaigns.id, two.id));
    expect(row?.n).toBe(2);
    const staffView = await t.app.ctx.db.execute(`select due_at from entries where campaign_id = '${five.id}'`);
    expect(
      (staffView as unknown as { rows: Array<{ due_at: unknown }> }).rows.map((r) => new Date(String(r.due_at)).toISOString()),
    ).toEqual(['2022-03-15T15:59:59.999Z']);
  });
});

describe('issue 8 item 5: publishing checks that the call can run', () => {
  it('no submission phase refuses with CAMPAIGN_INCOMPLETE; a phase already over is a warning of the check only', async () => {
    t.clock.set('2022-03-12T02:00:00.000Z');
    const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    await manager.patch(`/api/campaigns/${draft.id}`, {
      phases: [
        { key: 'voting', label: '网络投票', start: '2022-03-01', end: '2022-03-11', capabilities: ['canVote'] },
        { key: 'final', label: '现场总决赛', start: '2022-04-01', end: '2022-04-01', capabilities: ['live'] },
      ],
    });
    const check = (await manager.get(`/api/campaigns/${draft.id}/publish-check`)).json();
    expect(check).toEqual({
      problems: [{ path: 'phases', code: 'SUBMISSION_PHASE_MISSING', message: '至少需要一个可申报的阶段' }],
      warnings: [
        { path: 'phases.0.end', code: 'PHASE_ENDED', message: '阶段“网络投票”已结束，请调整日期', params: { label: '网络投票' } },
      ],
    });
    const refused = await manager.post(`/api/campaigns/${draft.id}/publish`);
    expect([refused.statusCode, refused.json().error.code, refused.json().error.message]).toEqual([
      409,
      'CAMPAIGN_INCOMPLETE',
      '活动尚不能发布：请补全下列各项',
    ]);
    expect(refused.json().error.fields).toEqual([
      { path: 'phases', code: 'SUBMISSION_PHASE_MISSING', message: '至少需要一个可申报的阶段' },
    ]);
    expect((await manager.get(`/api/campaigns/${draft.id}`)).json().status).toBe('draft');
    // With a submission phase it publishes, the finished voting phase notwithstanding (a warning, not a refusal).
    await manager.patch(`/api/campaigns/${draft.id}`, {
      phases: [
        { key: 'voting', label: '网络投票', start: '2022-03-01', end: '2022-03-11', capabilities: ['canVote'] },
        { key: 'submission', label: '案例申报', start: '2022-03-13', end: '2022-03-31', capabilities: ['canSubmit'] },
      ],
    });
    expect((await manager.post(`/api/campaigns/${draft.id}/publish`)).json().status).toBe('published');
  });

  it('a form without fields refuses publishing, named as form', async () => {
    t.clock.set('2022-02-20T02:00:00.000Z');
    const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    const form = (await manager.get(`/api/campaigns/${draft.id}/form`)).json();
    const emptied = await manager.put(`/api/campaigns/${draft.id}/form`, { fields: [], baseVersion: form.version });
    expect(emptied.statusCode, emptied.body).toBe(200);
    const refused = await manager.post(`/api/campaigns/${draft.id}/publish`);
    expect(refused.json().error.fields).toEqual([{ path: 'form', code: 'REQUIRED', message: '此项必填' }]);
  });
});
