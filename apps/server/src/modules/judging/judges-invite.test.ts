import { createHash } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, buildUser, PASSWORD, signIn } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { judges } from './judging.tables.ts';

let t: TestApp;
let organizer: { id: string; name: string };
let themeIds: string[];
let manager: Awaited<ReturnType<typeof organizerMember>>;
let counter = 0;
const T = '2022-03-01T02:00:00.000Z';

beforeAll(async () => {
  t = await startTestApp();
  const setup = await publishedCampaign(t);
  organizer = setup.organizer;
  themeIds = setup.campaign.themes.map((th) => th.id);
  manager = await organizerMember(t, organizer.id, 'manager');
  t.clock.set(T);
});
afterAll(() => t.close());

const fresh = () => {
  counter += 1;
  return {
    email: `expert${counter}-${Date.now().toString(36)}@example.cn`,
    mobile: `1370000${String(1000 + counter).slice(-4)}`,
  };
};

/** The token in the link of the last message sent (mail or SMS). */
function tokenOfLastMessage(): string {
  const m = /\/judging\/invitations\/([A-Za-z0-9_-]+)/.exec(t.sent.at(-1)?.body ?? '');
  if (!m?.[1]) throw new Error(`no invitation link in ${t.sent.at(-1)?.body}`);
  return m[1];
}

const auditOf = async (judgeId: string) =>
  (await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, judgeId)).orderBy(asc(auditEvents.seq))).map(
    (e) => [e.kind, e.actorId, e.data],
  );

const invite = (body: object, client: Client = manager.client) => client.post(`/api/organizers/${organizer.id}/judges`, body);

const MANAGER_ABILITIES = { declareConflicts: true, remove: true, reinvite: 'WRONG_STATUS', seat: 'WRONG_STATUS' };

describe('judge invitations (issue 10 item 1)', () => {
  it('invites by email an expert without an account: the mail carries a single-use link whose token is stored only as a hash', async () => {
    const { email } = fresh();
    const unit = await buildOrganization(t);
    const res = await invite({ name: '李专家', email, organizationId: unit.id, title: '主任医师', specialties: ['护理管理'] });
    expect(res.statusCode).toBe(201);
    const judge = res.json();
    expect(judge).toEqual({
      id: expect.any(String),
      organizer: { id: organizer.id, name: organizer.name },
      userId: null,
      name: '李专家',
      email,
      mobile: null,
      organization: { id: unit.id, name: unit.name },
      organizationName: unit.name,
      title: '主任医师',
      specialties: ['护理管理'],
      status: 'invited',
      invitedBy: { id: manager.user.id, name: manager.user.name },
      invitedAt: T,
      answeredAt: null,
      version: 1,
      conflicts: [],
      abilities: MANAGER_ABILITIES,
    });
    const message = t.sent.at(-1);
    expect(message?.channel).toBe('email');
    expect(message?.to).toBe(email);
    expect(message?.subject).toBe(`CaseArena 案例擂台：${organizer.name}邀请您担任评审专家`);
    const token = tokenOfLastMessage();
    expect(message?.body).toBe(
      `李专家，您好：${manager.user.name}代表“${organizer.name}”邀请您加入评审专家库。请打开以下链接接受或谢绝（链接仅可使用一次）：/judging/invitations/${token}`,
    );
    const [row] = await t.app.ctx.db.select().from(judges).where(eq(judges.id, judge.id));
    expect(row?.inviteTokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row?.inviteTokenHash).not.toContain(token);

    const anonymous = new Client(t.app);
    const page = await anonymous.get(`/api/judging/invitations/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ name: '李专家', email, account: 'create', abilities: { accept: true, decline: true } });

    // Without an account the acceptance needs a password; the refused attempt leaves the link usable.
    const noPassword = await anonymous.post(`/api/judging/invitations/${token}/accept`, {});
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json().error.fields).toEqual([{ path: 'password', code: 'REQUIRED', message: '此项必填' }]);

    const accepted = await anonymous.post(`/api/judging/invitations/${token}/accept`, {
      password: PASSWORD,
      specialties: ['智慧医院'],
    });
    expect(accepted.statusCode).toBe(200);
    const userId = accepted.json().userId as string;
    expect(accepted.json()).toEqual({
      ...judge,
      userId: expect.any(String),
      specialties: ['智慧医院'],
      status: 'active',
      answeredAt: T,
      version: 2,
      abilities: { declareConflicts: true, remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'NOT_FOUND' },
    });
    // The new account is signed in by the acceptance and signs in with the password later too.
    expect((await anonymous.get('/api/me')).json().user).toMatchObject({ id: userId, name: '李专家', email, phone: null });
    expect((await signIn(t, { email })).cookie('ca_session')).toBeTruthy();

    expect(await auditOf(judge.id)).toEqual([
      ['judge.invited', manager.user.id, { organizerId: organizer.id, userId: null, by: 'email' }],
      ['judge.accepted', userId, { organizerId: organizer.id, from: 'invited', to: 'active', userId }],
    ]);
    expect((await auditOf(userId)).map((e) => e[0])).toEqual(['user.registered']);
  });

  it('a used link is INVITE_INVALID (410) for accepting, declining and reading; so is an unknown one', async () => {
    const { email } = fresh();
    await invite({ name: '王专家', email });
    const token = tokenOfLastMessage();
    const holder = new Client(t.app);
    expect((await holder.post(`/api/judging/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(200);
    for (const res of [
      await holder.post(`/api/judging/invitations/${token}/accept`, { password: PASSWORD }),
      await holder.post(`/api/judging/invitations/${token}/decline`),
      await holder.get(`/api/judging/invitations/${token}`),
      await holder.post('/api/judging/invitations/not-a-token/accept', { password: PASSWORD }),
    ]) {
      expect(res.statusCode).toBe(410);
      expect(res.json().error.code).toBe('INVITE_INVALID');
    }
  });

  it('invites by mobile an existing account: linked at once, told by SMS, and only that account accepts, signed in', async () => {
    const { email, mobile } = fresh();
    const expert = await buildUser(t, { email, phone: mobile, name: '赵专家' });
    const res = await invite({ name: '赵专家', mobile, organizationName: '某某大学附属医院' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      userId: expert.id,
      email: null,
      mobile,
      organization: null,
      organizationName: '某某大学附属医院',
    });
    expect(t.sent.at(-1)).toMatchObject({ channel: 'sms', to: mobile });
    const token = tokenOfLastMessage();

    const anonymous = new Client(t.app);
    expect((await anonymous.get(`/api/judging/invitations/${token}`)).json()).toMatchObject({
      account: 'signIn',
      abilities: { accept: 'UNAUTHENTICATED', decline: true },
    });
    expect((await anonymous.post(`/api/judging/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(401);
    const stranger = await signIn(t, await buildUser(t));
    const forwarded = await stranger.post(`/api/judging/invitations/${token}/accept`, {});
    expect(forwarded.statusCode).toBe(403);
    expect(forwarded.json().error.code).toBe('FORBIDDEN');

    const own = await signIn(t, expert);
    expect((await own.get(`/api/judging/invitations/${token}`)).json().account).toBe('signedIn');
    const conflictUnit = await buildOrganization(t);
    const accepted = await own.post(`/api/judging/invitations/${token}/accept`, {
      title: '副主任医师',
      conflicts: [{ organizationId: conflictUnit.id, note: '兼职顾问' }],
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      userId: expert.id,
      status: 'active',
      title: '副主任医师',
      version: 3,
      conflicts: [{ organization: { id: conflictUnit.id, name: conflictUnit.name }, note: '兼职顾问', createdAt: T }],
    });
    const mine = (await own.get('/api/me/judges')).json().items as Array<Record<string, unknown>>;
    expect(mine.map((j) => [j.id, j.status, j.abilities])).toEqual([
      [res.json().id, 'active', { declareConflicts: true, remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'NOT_FOUND' }],
    ]);
    expect((await stranger.get('/api/me/judges')).json()).toEqual({ items: [] });
    expect((await auditOf(res.json().id)).map(([kind, actorId]) => [kind, actorId])).toEqual([
      ['judge.invited', manager.user.id],
      ['judge.accepted', expert.id],
      ['judge.conflicts_declared', expert.id],
    ]);
  });

  it('declining needs only the link: the judge is declined, the event names no person, and the link is dead', async () => {
    const { email } = fresh();
    const id = (await invite({ name: '钱专家', email })).json().id as string;
    const token = tokenOfLastMessage();
    const anonymous = new Client(t.app);
    const declined = await anonymous.post(`/api/judging/invitations/${token}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.json()).toEqual({ ok: true });
    const read = (await manager.client.get(`/api/judges/${id}`)).json();
    expect(read).toMatchObject({ status: 'declined', answeredAt: T, version: 2 });
    expect(read.abilities).toEqual({
      declareConflicts: 'WRONG_STATUS',
      remove: 'WRONG_STATUS',
      reinvite: true,
      seat: 'WRONG_STATUS',
    });
    expect((await auditOf(id))[1]).toEqual([
      'judge.declined',
      null,
      { via: 'invitation-link', organizerId: organizer.id, from: 'invited', to: 'declined' },
    ]);
    expect((await anonymous.post(`/api/judging/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(410);
  });

  it('X-3: a declined expert is invited again: a new link (the old one stays INVITE_INVALID), the row invited with the answer cleared, audited; the new link accepts', async () => {
    const { email } = fresh();
    const id = (await invite({ name: '孙专家', email })).json().id as string;
    const first = tokenOfLastMessage();
    expect((await new Client(t.app).post(`/api/judging/invitations/${first}/decline`)).statusCode).toBe(200);
    t.clock.set('2022-03-05T02:00:00.000Z');
    try {
      const screener = await organizerMember(t, organizer.id, 'screener');
      const refused = await screener.client.post(`/api/judges/${id}/reinvite`, {});
      expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'FORBIDDEN']);
      const stale = await manager.client.post(`/api/judges/${id}/reinvite`, { version: 1 });
      expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE_VERSION']);
      const res = await manager.client.post(`/api/judges/${id}/reinvite`, { version: 2 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'invited',
        invitedBy: { id: manager.user.id },
        invitedAt: '2022-03-05T02:00:00.000Z',
        answeredAt: null,
        version: 3,
        abilities: MANAGER_ABILITIES,
      });
      expect(t.sent.at(-1)).toMatchObject({ channel: 'email', to: email });
      const second = tokenOfLastMessage();
      expect(second).not.toBe(first);
      const [row] = await t.app.ctx.db.select().from(judges).where(eq(judges.id, id));
      expect(row?.inviteTokenHash).toBe(createHash('sha256').update(second).digest('hex'));
      const again = await manager.client.post(`/api/judges/${id}/reinvite`, {});
      expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
      const anonymous = new Client(t.app);
      expect((await anonymous.get(`/api/judging/invitations/${first}`)).statusCode).toBe(410);
      const accepted = await anonymous.post(`/api/judging/invitations/${second}/accept`, { password: PASSWORD });
      expect([accepted.statusCode, accepted.json().status, accepted.json().version]).toEqual([200, 'active', 4]);
      expect((await auditOf(id)).map(([kind, actorId, data]) => [kind, actorId === null ? null : 'someone', data])).toEqual([
        ['judge.invited', 'someone', { organizerId: organizer.id, userId: null, by: 'email' }],
        ['judge.declined', null, { via: 'invitation-link', organizerId: organizer.id, from: 'invited', to: 'declined' }],
        ['judge.reinvited', 'someone', { organizerId: organizer.id, from: 'declined', to: 'invited', by: 'email' }],
        [
          'judge.accepted',
          'someone',
          { organizerId: organizer.id, from: 'invited', to: 'active', userId: accepted.json().userId },
        ],
      ]);
      expect((await auditOf(id))[2]?.[1]).toBe(manager.user.id);
    } finally {
      t.clock.set(T);
    }
  });

  it('X-3: a removed judge is invited again to the account linked before; only that account accepts, and the judge is active again', async () => {
    const user = await buildUser(t, { email: fresh().email });
    const own = await signIn(t, user);
    const id = (await invite({ name: '周专家', email: user.email })).json().id as string;
    expect((await own.post(`/api/judging/invitations/${tokenOfLastMessage()}/accept`, {})).statusCode).toBe(200);
    expect((await manager.client.post(`/api/judges/${id}/remove`, {})).statusCode).toBe(200);
    const res = await manager.client.post(`/api/judges/${id}/reinvite`, {});
    expect([res.statusCode, res.json().status, res.json().userId]).toEqual([200, 'invited', user.id]);
    const token = tokenOfLastMessage();
    const someoneElse = await signIn(t, await buildUser(t, { email: fresh().email }));
    const wrong = await someoneElse.post(`/api/judging/invitations/${token}/accept`, {});
    expect([wrong.statusCode, wrong.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const accepted = await own.post(`/api/judging/invitations/${token}/accept`, {});
    expect([accepted.statusCode, accepted.json().status, accepted.json().userId]).toEqual([200, 'active', user.id]);
    expect((await auditOf(id)).map(([kind]) => kind)).toEqual([
      'judge.invited',
      'judge.accepted',
      'judge.removed',
      'judge.reinvited',
      'judge.accepted',
    ]);
  });

  it('refuses a second invitation of someone in the pool by email, by mobile or by account (JUDGE_ALREADY_IN_POOL); another organizer may invite them', async () => {
    const { email, mobile } = fresh();
    const expert = await buildUser(t, { email, phone: mobile });
    expect((await invite({ name: '孙专家', email })).statusCode).toBe(201);
    const sentBefore = t.sent.length;
    for (const body of [
      { name: '孙专家', email },
      { name: '孙专家', email: fresh().email, mobile },
      { name: '孙专家', mobile },
    ]) {
      const res = await invite(body);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({ code: 'JUDGE_ALREADY_IN_POOL', message: '该专家已在本单位的专家库中' });
    }
    expect(t.sent.length).toBe(sentBefore);
    const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
    const otherManager = await organizerMember(t, other.id, 'manager');
    const elsewhere = await otherManager.client.post(`/api/organizers/${other.id}/judges`, { name: '孙专家', email });
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json()).toMatchObject({ organizer: { id: other.id }, userId: expert.id });
  });

  it('two acceptances of one link at once: exactly one succeeds, the other is INVITE_INVALID, one judge.accepted event', async () => {
    const { email } = fresh();
    const expert = await buildUser(t, { email });
    const id = (await invite({ name: '吴专家', email })).json().id as string;
    const token = tokenOfLastMessage();
    const [c1, c2] = [await signIn(t, expert), await signIn(t, expert)];
    const answers = await Promise.all([c1, c2].map((c) => c.post(`/api/judging/invitations/${token}/accept`, {})));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    expect((await auditOf(id)).map((e) => e[0])).toEqual(['judge.invited', 'judge.accepted']);
  });

  it('two invitations of one address at once: one is made, the other is JUDGE_ALREADY_IN_POOL (the unique key decides)', async () => {
    const { email } = fresh();
    const answers = await Promise.all([invite({ name: '郑专家', email }), invite({ name: '郑专家', email })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((r) => r.statusCode === 409)?.json().error.code).toBe('JUDGE_ALREADY_IN_POOL');
    const [row] = await t.app.ctx.db.select({ n: count() }).from(judges).where(eq(judges.email, email));
    expect(row?.n).toBe(1);
  });

  it('takes specialties as free text or as themes of the organizer’s own calls; another organizer’s theme is refused by its index', async () => {
    const foreign = (await publishedCampaign(t)).campaign.themes[0]?.id as string;
    const refused = await invite({ name: '冯专家', email: fresh().email, specialties: [themeIds[0], '护理管理', foreign] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ path: 'specialties.2', code: 'INVALID_CHOICE', message: '请选择有效的选项' }]);
    const made = await invite({ name: '冯专家', email: fresh().email, specialties: [themeIds[0], '护理管理'] });
    expect(made.statusCode).toBe(201);
    expect(made.json().specialties).toEqual([themeIds[0], '护理管理']);
  });

  it('refuses an invitation without an address, and with an unregistered unit id, naming the field', async () => {
    const none = await invite({ name: '周专家' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields).toEqual([{ path: 'email', code: 'EMAIL_OR_PHONE_REQUIRED', message: '请填写邮箱或手机号' }]);
    const unknown = await invite({
      name: '周专家',
      email: fresh().email,
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([
      { path: 'organizationId', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
    ]);
  });
});
