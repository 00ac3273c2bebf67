import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../test/app.ts';
import { startTestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { organizerMembers } from '../campaigns/index.ts';
import { assignMember } from '../orgs/index.ts';

let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // Monday, during submission (2021-12-01 .. 2022-03-15)
  setup = await publishedCampaign(t);
});
afterAll(() => t.close());

/** A submitted entry of a fresh hospital (each in its own theme, so one hospital may enter several). */
async function submittedEntry(hospitalId?: string) {
  const hospital = hospitalId ?? (await buildOrganization(t)).id;
  const { client } = await applicantOf(t, hospital);
  const themeId = setup.campaign.themes[themeIndex++ % 10]?.id;
  const entry = (
    await client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId, title: '日间手术全流程管理' })
  ).json();
  const version = await completeEntry(client, entry.id);
  const res = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
  if (res.statusCode !== 200) throw new Error(`submit failed: ${res.body}`);
  return { hospital, client, entry: res.json() as { id: string; version: number } };
}

/** Platform staff put a user into a hospital (the audited membership path; it refreshes the user's session). */
async function join(userId: string, hospitalId: string) {
  await assignMember(t.app.ctx, {
    actor: { id: setup.staffUser.id, name: '平台审核员', role: 'staff', locale: 'zh-CN', organizationId: null },
    organizationId: hospitalId,
    userId,
    role: 'member',
  });
}

/** A screener of the campaign's organizer who also works at `hospitalId` (or nowhere). */
async function screener(hospitalId: string | null) {
  const { user, client } = await organizerMember(t, setup.organizer.id, 'screener');
  if (hospitalId) await join(user.id, hospitalId);
  return { user, client };
}

const statusOf = async (client: Client, id: string) => (await client.get(`/api/entries/${id}`)).json().status;
const itemOf = (plan: { items: Array<{ entryId: string }> }, id: string) => plan.items.find((i) => i.entryId === id);

describe('X-4 recusal in bulk screening', () => {
  it('X-4 the preview skips the entries of the screener’s own hospital with RECUSED, and apply leaves them untouched', async () => {
    const own = await submittedEntry();
    const other = await submittedEntry();
    const { client: recused } = await screener(own.hospital);
    // The single route refuses this screener for this entry …
    expect((await recused.post(`/api/entries/${own.entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(403);
    // … and the bulk path applies the same rule to each item.
    const plan = await recused.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
      entryIds: [own.entry.id, other.entry.id],
      decision: { decision: 'pass' },
    });
    expect(plan.statusCode).toBe(201);
    expect([plan.json().willChange, plan.json().willSkip]).toEqual([1, 1]);
    expect(itemOf(plan.json(), own.entry.id)).toMatchObject({ from: 'submitted', to: null, skip: 'RECUSED' });
    expect(itemOf(plan.json(), other.entry.id)).toMatchObject({ from: 'submitted', to: 'passed', skip: null });

    const applied = await recused.post(`/api/bulk-plans/${plan.json().id}/apply`);
    expect([applied.statusCode, applied.json().status, applied.json().willChange]).toEqual([200, 'applied', 1]);
    expect(await statusOf(setup.staff, own.entry.id)).toBe('submitted');
    expect(await statusOf(setup.staff, other.entry.id)).toBe('passed');
  });

  it('X-4 a screener recused after the preview (joined the entering hospital) cannot apply it: PLAN_STALE, nothing changes', async () => {
    const a = await submittedEntry();
    const b = await submittedEntry();
    const { user, client } = await screener(null);
    const plan = (
      await client.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
        entryIds: [a.entry.id, b.entry.id],
        decision: { decision: 'pass' },
      })
    ).json();
    expect([plan.willChange, plan.willSkip]).toEqual([2, 0]);
    // Between preview and apply the screener becomes a member of a's hospital (e.g. a certification was approved).
    await join(user.id, a.hospital);

    const refused = await client.post(`/api/bulk-plans/${plan.id}/apply`);
    expect([refused.statusCode, refused.json().error.code, refused.json().error.message]).toEqual([
      409,
      'PLAN_STALE',
      '自预览以来有 1 个案例状态已变化，请重新预览后再执行',
    ]);
    expect(await statusOf(setup.staff, a.entry.id)).toBe('submitted');
    expect(await statusOf(setup.staff, b.entry.id)).toBe('submitted');
    // A fresh preview says why.
    const again = (
      await client.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
        entryIds: [a.entry.id, b.entry.id],
        decision: { decision: 'pass' },
      })
    ).json();
    expect(again.items.map((i: { entryId: string; skip: string | null }) => [i.entryId, i.skip])).toEqual([
      [a.entry.id, 'RECUSED'],
      [b.entry.id, null],
    ]);
  });

  it('X-4 a plan previewed by one screener is re-checked for the one who applies it: a recused colleague gets PLAN_STALE', async () => {
    const own = await submittedEntry();
    const plan = (
      await setup.staff.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
        entryIds: [own.entry.id],
        decision: { decision: 'exclude', reasons: '材料不全' },
      })
    ).json();
    expect(itemOf(plan, own.entry.id)).toMatchObject({ to: 'excluded', skip: null });
    const { client: recused } = await screener(own.hospital);
    const refused = await recused.post(`/api/bulk-plans/${plan.id}/apply`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'PLAN_STALE']);
    expect(await statusOf(setup.staff, own.entry.id)).toBe('submitted');
    // The plan is still open: a screener who is not recused applies it.
    const applied = await setup.staff.post(`/api/bulk-plans/${plan.id}/apply`);
    expect([applied.statusCode, applied.json().status]).toEqual([200, 'applied']);
    expect(await statusOf(setup.staff, own.entry.id)).toBe('excluded');
  });

  it('X-4 a screener who belongs to no hospital is not recused: the entry will change', async () => {
    const e = await submittedEntry();
    const { user, client } = await screener(null);
    const [membership] = await t.app.ctx.db.select().from(organizerMembers).where(eq(organizerMembers.userId, user.id));
    expect(membership?.role).toBe('screener');
    const plan = (
      await client.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
        entryIds: [e.entry.id],
        decision: { decision: 'pass' },
      })
    ).json();
    expect(itemOf(plan, e.entry.id)).toMatchObject({ to: 'passed', skip: null });
  });
});
