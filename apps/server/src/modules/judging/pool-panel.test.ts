import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, PASSWORD, signIn } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

let t: TestApp;
let organizer: { id: string; name: string };
let campaign: { id: string; themes: Array<{ id: string; code: string }> };
let manager: Awaited<ReturnType<typeof organizerMember>>;
let screener: Awaited<ReturnType<typeof organizerMember>>;
let outsider: Awaited<ReturnType<typeof organizerMember>>;
let counter = 0;
const T = '2022-03-01T02:00:00.000Z';

beforeAll(async () => {
  t = await startTestApp();
  ({ organizer, campaign } = await publishedCampaign(t));
  manager = await organizerMember(t, organizer.id, 'manager');
  screener = await organizerMember(t, organizer.id, 'screener');
  const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  outsider = await organizerMember(t, other.id, 'manager');
  t.clock.set(T);
});
afterAll(() => t.close());

/** A judge invited by the manager; `accept` makes it active with a new account, signed in as `client`. */
async function judge(options: { accept?: boolean; name?: string } = {}) {
  counter += 1;
  const email = `panel${counter}-${Date.now().toString(36)}@example.cn`;
  const res = await manager.client.post(`/api/organizers/${organizer.id}/judges`, {
    name: options.name ?? `专家${counter}`,
    email,
  });
  expect(res.statusCode).toBe(201);
  const token = /\/judging\/invitations\/([A-Za-z0-9_-]+)/.exec(t.sent.at(-1)?.body ?? '')?.[1] as string;
  const client = new Client(t.app);
  if (options.accept !== false) {
    expect((await client.post(`/api/judging/invitations/${token}/accept`, { password: PASSWORD })).statusCode).toBe(200);
  }
  return { id: res.json().id as string, email, token, client };
}

const auditOf = async (subjectId: string) =>
  (await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(asc(auditEvents.seq))).map(
    (e) => [e.kind, e.actorId, e.data],
  );

describe('declared conflicts (X-4, issue 10 item 1)', () => {
  it('X-4: the judge themself and a manager declare units; each declaration is audited with who declared it', async () => {
    const j = await judge();
    const [a, b] = [await buildOrganization(t), await buildOrganization(t)];
    const own = await j.client.put(`/api/judges/${j.id}/conflicts`, {
      items: [{ organizationId: a.id, note: '曾任职' }],
      version: 2,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      version: 3,
      conflicts: [{ organization: { id: a.id, name: a.name }, note: '曾任职', createdAt: T }],
      abilities: { declareConflicts: true, remove: 'FORBIDDEN', seat: 'NOT_FOUND' },
    });
    const byManager = await manager.client.put(`/api/judges/${j.id}/conflicts`, {
      items: [{ organizationId: b.id }, { organizationId: a.id, note: '曾任职' }],
    });
    expect(byManager.statusCode).toBe(200);
    expect(
      byManager
        .json()
        .conflicts.map((c: { organization: { id: string } }) => c.organization.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    const declared = (await auditOf(j.id)).filter(([kind]) => kind === 'judge.conflicts_declared');
    expect(declared).toEqual([
      ['judge.conflicts_declared', byManager.json().userId, { organizerId: organizer.id, organizationIds: [a.id], by: 'judge' }],
      ['judge.conflicts_declared', manager.user.id, { organizerId: organizer.id, organizationIds: [b.id, a.id], by: 'manager' }],
    ]);
  });

  it('refuses a stale version (STALE_VERSION), an unknown or repeated unit (naming the item), and a screener (FORBIDDEN)', async () => {
    const j = await judge();
    const unit = await buildOrganization(t);
    const stale = await manager.client.put(`/api/judges/${j.id}/conflicts`, { items: [], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const bad = await manager.client.put(`/api/judges/${j.id}/conflicts`, {
      items: [
        { organizationId: unit.id },
        { organizationId: '00000000-0000-4000-8000-000000000000' },
        { organizationId: unit.id },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['items.1.organizationId', 'INVALID_CHOICE'],
      ['items.2.organizationId', 'DUPLICATE'],
    ]);
    const byScreener = await screener.client.put(`/api/judges/${j.id}/conflicts`, { items: [{ organizationId: unit.id }] });
    expect(byScreener.statusCode).toBe(403);
    expect((await manager.client.get(`/api/judges/${j.id}`)).json()).toMatchObject({ version: 2, conflicts: [] });
  });
});

describe('campaign panel with a lead judge per theme (issue 10 item 1)', () => {
  it('a manager seats judges on themes with one lead judge (组长) per theme; the screener reads it; the change is audited', async () => {
    const [lead, member] = [await judge({ name: '组长专家' }), await judge({ name: '组员专家' })];
    const [t1, t2] = campaign.themes.map((th) => th.id) as [string, string];
    const saved = await manager.client.put(`/api/campaigns/${campaign.id}/judging/panel`, {
      members: [
        { judgeId: lead.id, themeIds: [t1, t2], leadThemeIds: [t1] },
        { judgeId: member.id, themeIds: [t1] },
      ],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().members).toEqual([
      {
        judge: { id: member.id, name: '组员专家', status: 'active', organizationName: null, title: null },
        themeIds: [t1],
        leadThemeIds: [],
        openAssignments: {},
      },
      {
        judge: { id: lead.id, name: '组长专家', status: 'active', organizationName: null, title: null },
        themeIds: [t1, t2],
        leadThemeIds: [t1],
        openAssignments: {},
      },
    ]);
    const themes = saved.json().themes as Array<{ id: string; judgeIds: string[]; leadJudgeId: string | null }>;
    expect(themes.find((th) => th.id === t1)).toMatchObject({ judgeIds: [member.id, lead.id], leadJudgeId: lead.id });
    expect(themes.find((th) => th.id === t2)).toMatchObject({ judgeIds: [lead.id], leadJudgeId: null });
    expect(themes.filter((th) => th.id !== t1 && th.id !== t2).every((th) => th.judgeIds.length === 0)).toBe(true);

    // The save answers the panel and what the seats taken away ended (nothing here: no one had assignments).
    const { ended, ...savedPanel } = saved.json();
    expect(ended).toEqual({ endedAssignments: 0, keptSubmitted: 0 });
    const read = await screener.client.get(`/api/campaigns/${campaign.id}/judging/panel`);
    expect(read.json()).toEqual({ ...savedPanel, abilities: { edit: 'FORBIDDEN' } });
    const [event] = (await auditOf(campaign.id)).filter(([kind]) => kind === 'judging.panel_saved');
    expect(event?.[1]).toBe(manager.user.id);
    const logged = event?.[2] as { themes: Record<string, unknown> } | undefined;
    expect(logged?.themes[t1]).toEqual({
      judges: [lead.id, member.id],
      lead: lead.id,
    });
    expect(logged?.themes[t2]).toEqual({ judges: [lead.id], lead: null });
  });

  it('refuses an invited judge (WRONG_STATUS), then a judge not in the pool, a theme of another call, a lead off the judge’s themes and two leads of one theme, changing nothing', async () => {
    const [a, b, pending] = [await judge(), await judge(), await judge({ accept: false })];
    const t1 = campaign.themes[0]?.id as string;
    const before = (await manager.client.get(`/api/campaigns/${campaign.id}/judging/panel`)).json();
    const other = (await publishedCampaign(t)).campaign.themes[0]?.id as string;
    const members = [
      { judgeId: a.id, themeIds: [t1, other], leadThemeIds: [t1] },
      { judgeId: b.id, themeIds: [t1], leadThemeIds: [t1] },
      { judgeId: '00000000-0000-4000-8000-000000000000', themeIds: [t1], leadThemeIds: [campaign.themes[1]?.id] },
      { judgeId: pending.id, themeIds: [t1] },
    ];
    // The invited judge first: the seat ability's WRONG_STATUS, naming the member.
    const invitedOne = await manager.client.put(`/api/campaigns/${campaign.id}/judging/panel`, { members });
    expect(invitedOne.statusCode).toBe(409);
    expect(invitedOne.json().error.code).toBe('WRONG_STATUS');
    expect(invitedOne.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['members.3.judgeId']);
    const res = await manager.client.put(`/api/campaigns/${campaign.id}/judging/panel`, { members: members.slice(0, 3) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['members.0.themeIds.1', 'INVALID_CHOICE'],
      ['members.1.leadThemeIds.0', 'DUPLICATE'],
      ['members.2.judgeId', 'INVALID_CHOICE'],
      ['members.2.leadThemeIds.0', 'INVALID'],
    ]);
    expect((await manager.client.get(`/api/campaigns/${campaign.id}/judging/panel`)).json()).toEqual(before);
  });
});

describe('another organizer and removal (X-4, X-3)', () => {
  it('X-4: another organizer’s manager gets 404 on the pool, a judge, its conflicts, its removal and the panel; a screener 403 on writes', async () => {
    const j = await judge();
    const body = { members: [{ judgeId: j.id, themeIds: [campaign.themes[0]?.id] }] };
    const statuses = async (c: Client) => [
      (await c.get(`/api/organizers/${organizer.id}/judges`)).statusCode,
      (await c.post(`/api/organizers/${organizer.id}/judges`, { name: '外人', email: `x${counter}@example.cn` })).statusCode,
      (await c.get(`/api/judges/${j.id}`)).statusCode,
      (await c.put(`/api/judges/${j.id}/conflicts`, { items: [] })).statusCode,
      (await c.post(`/api/judges/${j.id}/remove`, {})).statusCode,
      (await c.get(`/api/campaigns/${campaign.id}/judging/panel`)).statusCode,
      (await c.put(`/api/campaigns/${campaign.id}/judging/panel`, body)).statusCode,
    ];
    expect(await statuses(outsider.client)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(await statuses(screener.client)).toEqual([200, 403, 200, 403, 403, 200, 403]);
    expect((await manager.client.get(`/api/judges/${j.id}`)).json()).toMatchObject({
      status: 'active',
      version: 2,
      conflicts: [],
    });
  });

  it('X-3: a manager removes a seated judge (the seat goes with it, audited) and withdraws an invitation, whose link then dies', async () => {
    const seated = await judge();
    const t1 = campaign.themes[0]?.id as string;
    const put = await manager.client.put(`/api/campaigns/${campaign.id}/judging/panel`, {
      members: [{ judgeId: seated.id, themeIds: [t1], leadThemeIds: [t1] }],
    });
    expect(put.statusCode).toBe(200);
    const stale = await manager.client.post(`/api/judges/${seated.id}/remove`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const removed = await manager.client.post(`/api/judges/${seated.id}/remove`, { version: 2 });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      status: 'removed',
      version: 3,
      abilities: { declareConflicts: 'WRONG_STATUS', remove: 'WRONG_STATUS', seat: 'WRONG_STATUS' },
      ended: { endedAssignments: 0, keptSubmitted: 0 },
    });
    const panel = (await manager.client.get(`/api/campaigns/${campaign.id}/judging/panel`)).json();
    expect(panel.members).toEqual([]);
    expect(panel.themes.find((th: { id: string }) => th.id === t1)).toMatchObject({ judgeIds: [], leadJudgeId: null });
    expect((await auditOf(seated.id)).at(-1)).toEqual([
      'judge.removed',
      manager.user.id,
      {
        organizerId: organizer.id,
        from: 'active',
        to: 'removed',
        panels: [campaign.id],
        endedAssignments: [],
        keptSubmitted: [],
      },
    ]);
    const again = await manager.client.post(`/api/judges/${seated.id}/remove`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('WRONG_STATUS');
    // The removed judge still reads their own row, with no ability left.
    expect((await seated.client.get(`/api/judges/${seated.id}`)).json().status).toBe('removed');

    const pending = await judge({ accept: false });
    const withdrawn = await manager.client.post(`/api/judges/${pending.id}/remove`, {});
    expect(withdrawn.json()).toMatchObject({ status: 'removed', version: 2, answeredAt: null });
    const dead = await new Client(t.app).post(`/api/judging/invitations/${pending.token}/accept`, { password: PASSWORD });
    expect(dead.statusCode).toBe(410);
    expect((await signIn(t, { email: seated.email })).cookie('ca_session')).toBeTruthy();
  });
});
