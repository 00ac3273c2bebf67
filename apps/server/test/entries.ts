import type { OrgRole } from '@casearena/contract';
import { organizerMembers } from '../src/db/schema.ts';
import { assignMember } from '../src/modules/orgs/index.ts';
import type { Actor } from '../src/platform/context.ts';
import { buildPptx } from '../src/seed/demo-files.ts';
import type { Client, TestApp } from './app.ts';
import { buildOrganization, buildUser, signedInAs, signIn } from './factories.ts';
import { uploadFile } from './tus.ts';

export { buildPptx, uploadFile };

/** What the seed-000 form asks for, filled in; `summary` within 600 characters. */
export const COMPLETE_ANSWERS = {
  department: '医务部',
  contact: { name: '王敏', title: '主任', phone: '13800138000', email: 'wangmin@example.cn' },
};

/** Fills the seed-000 form and uploads a PPT, so the entry can be submitted. Returns the entry's current version. */
export async function completeEntry(client: Client, entryId: string): Promise<number> {
  const current = (await client.get(`/api/entries/${entryId}`)).json();
  const saved = await client.patch(`/api/entries/${entryId}`, {
    version: current.version,
    summary: current.summary || '以多学科协作缩短急诊患者等待时间。',
    answers: COMPLETE_ANSWERS,
  });
  if (saved.statusCode !== 200) throw new Error(`save failed: ${saved.body}`);
  const uploaded = await uploadFile(client, entryId, 'ppt', await buildPptx());
  if (uploaded.statusCode !== 200 || !uploaded.json().complete) throw new Error(`upload failed: ${uploaded.body}`);
  return saved.json().version;
}

/** A published seed-000 campaign of a fresh organizer, set up by a platform staff member. */
export async function publishedCampaign(t: TestApp) {
  const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  const { client: staff, user: staffUser } = await signedInAs(t, 'staff');
  const created = (await staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const campaign = (await staff.post(`/api/campaigns/${created.id}/publish`)).json();
  return {
    organizer,
    staff,
    staffUser,
    campaign: campaign as { id: string; themes: Array<{ id: string; code: string }>; formVersion: number },
  };
}

/** One platform staff account per test app, to assign memberships with. */
const assigners = new WeakMap<TestApp, Actor>();

/**
 * A user made a member of the organization by platform staff, through the orgs module's public assignMember
 * (the same path as PUT /api/orgs/:id/members/:userId, audited), signed in. Membership is never a raw write.
 */
export async function applicantOf(t: TestApp, organizationId: string, role: OrgRole = 'member') {
  let staff = assigners.get(t);
  if (!staff) {
    const u = await buildUser(t, { role: 'staff', name: '成员分配员' });
    staff = { id: u.id, name: u.name, role: 'staff', locale: 'zh-CN', organizationId: null };
    assigners.set(t, staff);
  }
  const user = await buildUser(t);
  await assignMember(t.app.ctx, { actor: staff, organizationId, userId: user.id, role });
  return { user, client: await signIn(t, user) };
}

/** A user made a member of an organizer (manager or screener), signed in. */
export async function organizerMember(t: TestApp, organizerId: string, role: 'manager' | 'screener') {
  const user = await buildUser(t);
  await t.app.ctx.db
    .insert(organizerMembers)
    .values({ organizationId: organizerId, userId: user.id, role, createdAt: t.clock.now() });
  return { user, client: await signIn(t, user) };
}

/** A campaign a manager set up from the template, with rules changed before publishing. */
export async function campaignWith(t: TestApp, patch: object) {
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const { client: manager } = await organizerMember(t, organizer.id, 'manager');
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, patch);
  if (saved.statusCode !== 200) throw new Error(saved.body);
  const published = (await manager.post(`/api/campaigns/${draft.id}/publish`)).json();
  return { manager, campaign: published as { id: string; themes: Array<{ id: string }> } };
}
