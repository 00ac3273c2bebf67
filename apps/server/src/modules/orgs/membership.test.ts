import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, buildUser, signedInAs, signIn, type TestUser } from '../../../test/factories.ts';
import { multipart, SAMPLE } from '../../../test/multipart.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

let t: TestApp;
let campaign: { id: string; themes: Array<{ id: string }> };
let staff: Client;
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  ({ campaign, staff } = await publishedCampaign(t));
  t.clock.set('2022-01-10T02:00:00.000Z'); // during the seed-000 submission phase
});
afterAll(() => t.close());

/** A hospital with one draft entry, written by a staff-assigned member; the entry's contact carries a phone. */
async function hospitalWithEntry() {
  const hospital = await buildOrganization(t);
  const { client: author } = await applicantOf(t, hospital.id);
  const themeId = campaign.themes[themeIndex++ % campaign.themes.length]?.id;
  const created = await author.post(`/api/campaigns/${campaign.id}/entries`, { themeId, title: '门诊一站式服务' });
  expect(created.statusCode).toBe(201);
  const saved = await author.patch(`/api/entries/${created.json().id}`, {
    version: created.json().version,
    answers: { department: '医务部', contact: { name: '王敏', title: '主任', phone: '13800138000', email: 'w@example.cn' } },
  });
  expect(saved.statusCode).toBe(200);
  return { hospital, entryId: created.json().id as string };
}

/** What a person can do with the hospital's entry: read it (with the contact's phone), list it, rewrite it. */
async function reach(client: Client, entryId: string) {
  const read = await client.get(`/api/entries/${entryId}`);
  const mine = (await client.get('/api/entries/mine')).json().items.map((e: { id: string }) => e.id);
  const version = read.statusCode === 200 ? read.json().version : 1;
  const rewrite = await client.patch(`/api/entries/${entryId}`, { version, title: '改写后的标题' });
  return {
    read: read.statusCode,
    phone: read.statusCode === 200 ? read.json().answers.contact.phone : null,
    listed: mine.includes(entryId),
    rewrite: rewrite.statusCode,
  };
}
const OWNER = { read: 200, phone: '13800138000', listed: true, rewrite: 200 };
const STRANGER = { read: 404, phone: null, listed: false, rewrite: 404 };

/** Files and approves a certification request over HTTP, as the applicant and a reviewer would. */
async function certify(client: Client, organizationId: string, kind: 'institution' | 'professional' = 'institution') {
  const body = multipart({ kind, organizationId, ...(kind === 'professional' ? { title: '主治医师' } : {}) }, [
    { name: 'file', filename: '授权书.png', content: SAMPLE.png, type: 'image/png' },
  ]);
  const filed = await client.request({ method: 'POST', url: '/api/certifications', ...body });
  expect(filed.statusCode).toBe(201);
  const approved = await staff.post(`/api/admin/certifications/${filed.json().id}/approve`);
  expect(approved.statusCode).toBe(200);
}

const membershipAudit = async (organizationId: string) =>
  (await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, organizationId)).orderBy(asc(auditEvents.seq)))
    .filter((e) => e.kind.startsWith('org.member') || e.kind.startsWith('org.invitation'))
    .map((e) => [e.kind, e.actorId, e.data]);

const me = async (c: Client) => (await c.get('/api/me')).json().user;

describe('S0-2 membership cannot be taken over through the profile', () => {
  it('refuses PATCH /api/me with organizationId (400 MEMBERSHIP_NOT_EDITABLE) and the caller gains nothing', async () => {
    const { hospital, entryId } = await hospitalWithEntry();
    const { client } = await signedInAs(t);
    const res = await client.patch('/api/me', { organizationId: hospital.id, department: '心内科' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请按提示修改',
      fields: [
        {
          path: 'organizationId',
          code: 'MEMBERSHIP_NOT_EDITABLE',
          message: '所在机构不能在个人资料中修改：请申请机构认证，或接受机构管理员的邀请',
        },
      ],
    });
    expect(await me(client)).toMatchObject({ organization: null, organizationRole: null, department: null });
    expect(await reach(client, entryId)).toEqual(STRANGER);
    expect((await client.get(`/api/orgs/${hospital.id}/members`)).statusCode).toBe(404);
    const created = await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: 'x' });
    expect([created.statusCode, created.json().error.code]).toEqual([409, 'ORGANIZATION_REQUIRED']);
    expect(await membershipAudit(hospital.id)).toEqual([
      ['org.member_added', expect.any(String), { userId: expect.any(String), via: 'staff', role: 'member' }],
    ]);
  });

  it('still saves the other profile fields when organizationId is not sent', async () => {
    const { client } = await signedInAs(t);
    const res = await client.patch('/api/me', { department: '心内科' });
    expect([res.statusCode, res.json().user.department, res.json().user.organization]).toEqual([200, '心内科', null]);
  });
});

describe('S0-2 the three ways into an organization', () => {
  it('an approved institution certification makes the first requester a member and administrator, the next a member', async () => {
    const { hospital, entryId } = await hospitalWithEntry();
    const first = await signedInAs(t);
    const second = await signedInAs(t);
    expect(await reach(first.client, entryId)).toEqual(STRANGER);
    await certify(first.client, hospital.id);
    await certify(second.client, hospital.id);
    expect(await me(first.client)).toMatchObject({ organization: { id: hospital.id }, organizationRole: 'admin' });
    expect(await me(second.client)).toMatchObject({ organization: { id: hospital.id }, organizationRole: 'member' });
    expect(await reach(first.client, entryId)).toEqual(OWNER);
    expect(await reach(second.client, entryId)).toEqual(OWNER);
    const reviewer = expect.any(String);
    expect((await membershipAudit(hospital.id)).slice(1)).toEqual([
      ['org.member_added', reviewer, { userId: first.user.id, via: 'certification', role: 'admin' }],
      ['org.member_added', reviewer, { userId: second.user.id, via: 'certification', role: 'member' }],
    ]);
  });

  it('an approved professional certification makes a member, never an administrator', async () => {
    const hospital = await buildOrganization(t);
    const { client } = await signedInAs(t);
    await certify(client, hospital.id, 'professional');
    expect(await me(client)).toMatchObject({ organization: { id: hospital.id }, organizationRole: 'member', title: '主治医师' });
  });

  it('an invitee reaches nothing before accepting, and is a member after', async () => {
    const { hospital, entryId } = await hospitalWithEntry();
    const admin = await signedInAs(t);
    await certify(admin.client, hospital.id);
    const invitee = await buildUser(t, { phone: '13912345678' });
    const inviteeClient = await signIn(t, invitee);
    const sent = await admin.client.post(`/api/orgs/${hospital.id}/invitations`, { identifier: '+86 139 1234 5678' });
    expect(sent.statusCode).toBe(201);
    const invitation = sent.json();
    expect(invitation).toEqual({
      id: expect.any(String),
      status: 'pending',
      organization: { id: hospital.id, name: hospital.name },
      invitee: { id: invitee.id, name: invitee.name },
      invitedBy: { id: admin.user.id, name: admin.user.name },
      createdAt: '2022-01-10T02:00:00.000Z',
      decidedAt: null,
      abilities: { accept: 'NOT_FOUND', decline: 'NOT_FOUND', revoke: true },
    });
    expect(t.sent.at(-1)).toMatchObject({
      channel: 'email',
      to: invitee.email,
      subject: `CaseArena 案例擂台：${hospital.name}邀请您加入`,
    });
    // The invitee reads the same invitation with their own abilities (issue 8 item 3).
    const forInvitee = { ...invitation, abilities: { accept: true, decline: true, revoke: 'NOT_FOUND' } };
    expect((await inviteeClient.get('/api/me/invitations')).json()).toEqual({ items: [forInvitee] });
    expect(await reach(inviteeClient, entryId)).toEqual(STRANGER);
    expect((await inviteeClient.get(`/api/orgs/${hospital.id}/members`)).statusCode).toBe(404);

    const accepted = await inviteeClient.post(`/api/invitations/${invitation.id}/accept`);
    expect(accepted.json()).toEqual({
      ...invitation,
      status: 'accepted',
      decidedAt: '2022-01-10T02:00:00.000Z',
      abilities: { accept: 'WRONG_STATUS', decline: 'WRONG_STATUS', revoke: 'NOT_FOUND' },
    });
    expect(await me(inviteeClient)).toMatchObject({ organization: { id: hospital.id }, organizationRole: 'member' });
    expect(await reach(inviteeClient, entryId)).toEqual(OWNER);
    const again = await inviteeClient.post(`/api/invitations/${invitation.id}/accept`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await membershipAudit(hospital.id)).slice(2)).toEqual([
      ['org.invitation_sent', admin.user.id, { invitationId: invitation.id, inviteeId: invitee.id }],
      [
        'org.invitation_accepted',
        invitee.id,
        { invitationId: invitation.id, inviteeId: invitee.id, from: 'pending', to: 'accepted' },
      ],
      ['org.member_added', invitee.id, { userId: invitee.id, via: 'invitation', role: 'member' }],
    ]);
  });

  it('platform staff assign a member (PUT), who then acts on the hospital’s entries; others may not assign', async () => {
    const { hospital, entryId } = await hospitalWithEntry();
    const target = await signedInAs(t);
    const member = (await signedInAs(t)).client;
    await certify(member, hospital.id);
    for (const c of [member, target.client]) {
      const refused = await c.put(`/api/orgs/${hospital.id}/members/${target.user.id}`, { role: 'member' });
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect(await reach(target.client, entryId)).toEqual(STRANGER);
    const res = await staff.put(`/api/orgs/${hospital.id}/members/${target.user.id}`, { role: 'member' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((m: { user: TestUser; role: string }) => [m.user.id, m.role])).toContainEqual([
      target.user.id,
      'member',
    ]);
    expect(res.json().abilities).toEqual({ invite: 'FORBIDDEN', leave: 'WRONG_STATUS' });
    expect(await reach(target.client, entryId)).toEqual(OWNER);
    const unknown = await staff.put(`/api/orgs/${hospital.id}/members/00000000-0000-4000-8000-000000000000`, { role: 'admin' });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('S0-2 what members and administrators may do', () => {
  it('a member who is not an administrator cannot invite (403); a stranger gets 404', async () => {
    const hospital = await buildOrganization(t);
    const { client: member } = await applicantOf(t, hospital.id);
    const { client: stranger } = await signedInAs(t);
    const invitee = await buildUser(t);
    const byMember = await member.post(`/api/orgs/${hospital.id}/invitations`, { identifier: invitee.email });
    expect([byMember.statusCode, byMember.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const byStranger = await stranger.post(`/api/orgs/${hospital.id}/invitations`, { identifier: invitee.email });
    expect([byStranger.statusCode, byStranger.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const view = (await member.get(`/api/orgs/${hospital.id}/members`)).json();
    expect([view.abilities, view.invitations]).toEqual([{ invite: 'FORBIDDEN', leave: true }, []]);
    expect(await membershipAudit(hospital.id)).toHaveLength(1);
  });

  it('refuses an unknown account, an existing member and a second open invitation', async () => {
    const hospital = await buildOrganization(t);
    const { client: admin } = await applicantOf(t, hospital.id, 'admin');
    const { user: colleague } = await applicantOf(t, hospital.id);
    const unknown = await admin.post(`/api/orgs/${hospital.id}/invitations`, { identifier: 'nobody@example.cn' });
    expect(unknown.json().error.fields).toEqual([
      { path: 'identifier', code: 'ACCOUNT_NOT_FOUND', message: '没有使用该邮箱或手机号的账号，请对方先注册' },
    ]);
    const member = await admin.post(`/api/orgs/${hospital.id}/invitations`, { identifier: colleague.email });
    expect([member.statusCode, member.json().error.code, member.json().error.params]).toEqual([
      409,
      'ALREADY_MEMBER',
      { name: hospital.name },
    ]);
    const invitee = await buildUser(t);
    expect((await admin.post(`/api/orgs/${hospital.id}/invitations`, { identifier: invitee.email })).statusCode).toBe(201);
    const twice = await admin.post(`/api/orgs/${hospital.id}/invitations`, { identifier: invitee.email });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'ALREADY_INVITED']);
  });

  it('only the invitee answers an invitation; a member of another hospital must leave it before accepting', async () => {
    const hospital = await buildOrganization(t);
    const other = await buildOrganization(t);
    const { client: admin } = await applicantOf(t, hospital.id, 'admin');
    const { client: invitee, user } = await applicantOf(t, other.id);
    const { client: stranger } = await signedInAs(t);
    const invitation = (await admin.post(`/api/orgs/${hospital.id}/invitations`, { identifier: user.email })).json();
    for (const c of [stranger, admin]) {
      expect((await c.post(`/api/invitations/${invitation.id}/accept`)).statusCode).toBe(404);
    }
    const busy = await invitee.post(`/api/invitations/${invitation.id}/accept`);
    expect([busy.statusCode, busy.json().error.code, busy.json().error.params]).toEqual([
      409,
      'ALREADY_MEMBER',
      { name: other.name },
    ]);
    expect((await invitee.delete('/api/me/organization')).statusCode).toBe(200);
    expect((await invitee.post(`/api/invitations/${invitation.id}/accept`)).json().status).toBe('accepted');
    expect(await me(invitee)).toMatchObject({ organization: { id: hospital.id }, organizationRole: 'member' });
  });

  it('an administrator sees open invitations and revokes one; the invitee can no longer accept it', async () => {
    const hospital = await buildOrganization(t);
    const { client: admin } = await applicantOf(t, hospital.id, 'admin');
    const invitee = await buildUser(t);
    const invitation = (await admin.post(`/api/orgs/${hospital.id}/invitations`, { identifier: invitee.email })).json();
    const view = (await admin.get(`/api/orgs/${hospital.id}/members`)).json();
    expect([view.abilities, view.invitations]).toEqual([{ invite: true, leave: true }, [invitation]]);
    expect((await admin.post(`/api/invitations/${invitation.id}/revoke`)).json().status).toBe('revoked');
    const late = await (await signIn(t, invitee)).post(`/api/invitations/${invitation.id}/accept`);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'WRONG_STATUS']);
  });

  it('a member who leaves loses access to the hospital’s entries at once', async () => {
    const { hospital, entryId } = await hospitalWithEntry();
    const { client, user } = await applicantOf(t, hospital.id);
    expect(await reach(client, entryId)).toEqual(OWNER);
    const left = await client.delete('/api/me/organization');
    expect([left.statusCode, left.json()]).toEqual([200, { ok: true }]);
    expect(await me(client)).toMatchObject({ organization: null, organizationRole: null });
    expect(await reach(client, entryId)).toEqual(STRANGER);
    const twice = await client.delete('/api/me/organization');
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await membershipAudit(hospital.id)).at(-1)).toEqual([
      'org.member_removed',
      user.id,
      { userId: user.id, via: 'left', role: 'member' },
    ]);
  });

  it('an administrator removes a member, who loses access; a plain member cannot remove anyone', async () => {
    const { hospital, entryId } = await hospitalWithEntry();
    const { client: admin, user: adminUser } = await applicantOf(t, hospital.id, 'admin');
    const { client: member, user } = await applicantOf(t, hospital.id);
    const byMember = await member.delete(`/api/orgs/${hospital.id}/members/${adminUser.id}`);
    expect([byMember.statusCode, byMember.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await admin.delete(`/api/orgs/${hospital.id}/members/${user.id}`)).statusCode).toBe(200);
    expect(await reach(member, entryId)).toEqual(STRANGER);
    const gone = await admin.delete(`/api/orgs/${hospital.id}/members/${user.id}`);
    expect(gone.statusCode).toBe(404);
  });

  it('requires sign-in for every membership route', async () => {
    const anon = new Client(t.app);
    const id = '00000000-0000-4000-8000-000000000000';
    const answers = [
      await anon.get(`/api/orgs/${id}/members`),
      await anon.post(`/api/orgs/${id}/invitations`, { identifier: 'a@b.cn' }),
      await anon.get('/api/me/invitations'),
      await anon.post(`/api/invitations/${id}/accept`),
      await anon.delete('/api/me/organization'),
      await anon.put(`/api/orgs/${id}/members/${id}`, { role: 'member' }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401, 401]);
  });
});
