import { DEFAULT_VOTE_RULES, type TVoteRules } from '@casearena/contract';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { blockedOrFinished } from '../../../test/lock-wait.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { campaigns } from '../campaigns/index.ts';

/**
 * Issue 9 item 1: vote rules are campaign data. GET /api/campaigns/:id/vote-rules is public once the campaign is
 * published (organizer staff only for a draft, NOT_FOUND to anyone else); PUT is the organizer manager's (and
 * platform staff's) while the campaign is a draft; theme ids and track keys must be the campaign's; every change is
 * audited; `abilities.edit` says exactly what PUT answers.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-03-01T02:00:00.000Z');
}, 120_000);
afterAll(() => t.close());

const KINDS = ['anonymous', 'user', 'applicant', 'screener', 'manager', 'admin'] as const;
type Kind = (typeof KINDS)[number];

/** A draft seed-000 call with two tracks, its organizer's manager and screener, and the other callers. */
async function setup() {
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const screener = await organizerMember(t, organizer.id, 'screener');
  const hospital = await buildOrganization(t);
  const callers: Record<Kind, Client> = {
    anonymous: new Client(t.app),
    user: (await signedInAs(t)).client,
    applicant: (await applicantOf(t, hospital.id, 'admin')).client,
    screener: screener.client,
    manager: manager.client,
    admin: (await signedInAs(t, 'admin')).client,
  };
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  const tracks = [
    { key: 'county', label: '县域专区', countyLevelOnly: true },
    { key: 'city', label: '城市医院', countyLevelOnly: false },
  ];
  const patched = await manager.client.patch(`/api/campaigns/${id}`, { tracks });
  if (patched.statusCode !== 200) throw new Error(patched.body);
  const themes = created.json().themes as Array<{ id: string; code: string }>;
  return { id, themes, callers, manager: manager.client };
}

const codeOf = (res: { statusCode: number; json(): { error?: { code: string } } }) =>
  res.statusCode >= 400 ? (res.json().error?.code ?? null) : null;

async function auditRows(campaignId: string) {
  return t.app.ctx.db
    .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, subjectId: auditEvents.subjectId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.campaignId, campaignId), eq(auditEvents.kind, 'voting.rules_updated')))
    .orderBy(asc(auditEvents.seq));
}

describe('issue 9 item 1: vote rules as campaign data', () => {
  it('S0-14: a seed-000 call carries the template’s weights (+1 / +15 / +50) and the voting phase as its window', async () => {
    const { id, manager } = await setup();
    const res = await manager.get(`/api/campaigns/${id}/vote-rules`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      campaignId: id,
      rules: { ...DEFAULT_VOTE_RULES, weights: { none: 1, professional: 15, institution: 50 } },
      // 网络投票 2022-03-16 to 2022-03-20, whole days in Asia/Shanghai.
      windows: [{ label: '网络投票', startsAt: '2022-03-15T16:00:00.000Z', endsAt: '2022-03-20T15:59:59.999Z' }],
      abilities: { edit: true },
    });
  }, 120_000);

  it('X-3 permission table: GET and PUT for each caller × draft / published, abilities.edit equal to what PUT answers', async () => {
    const { id, themes, callers, manager } = await setup();
    const rules = (edit: number): TVoteRules => ({
      ...DEFAULT_VOTE_RULES,
      themeIds: [themes[0]?.id as string],
      dailyCapPerVoter: edit,
    });
    const table: Record<string, unknown> = {};
    const expectedDraft = {
      anonymous: { get: [404, 'NOT_FOUND', null], put: [401, 'UNAUTHENTICATED'] },
      user: { get: [404, 'NOT_FOUND', null], put: [404, 'NOT_FOUND'] },
      applicant: { get: [404, 'NOT_FOUND', null], put: [404, 'NOT_FOUND'] },
      screener: { get: [200, null, 'FORBIDDEN'], put: [403, 'FORBIDDEN'] },
      manager: { get: [200, null, true], put: [200, null] },
      admin: { get: [200, null, true], put: [200, null] },
    };
    let edit = 10;
    for (const kind of KINDS) {
      const got = await callers[kind].get(`/api/campaigns/${id}/vote-rules`);
      edit += 1;
      const put = await callers[kind].put(`/api/campaigns/${id}/vote-rules`, rules(edit));
      table[kind] = {
        get: [got.statusCode, codeOf(got), got.statusCode === 200 ? got.json().abilities.edit : null],
        put: [put.statusCode, codeOf(put)],
      };
      if (put.statusCode === 200) expect(put.json().rules).toEqual(rules(edit));
    }
    expect(table).toEqual(expectedDraft);
    // The last successful PUT (the admin's) is what everybody reads; refused ones changed nothing.
    expect((await manager.get(`/api/campaigns/${id}/vote-rules`)).json().rules).toEqual(rules(16));
    const audits = await auditRows(id);
    expect(audits.map((a) => [a.kind, a.subjectId, (a.data.after as TVoteRules).dailyCapPerVoter])).toEqual([
      ['voting.rules_updated', id, 15],
      ['voting.rules_updated', id, 16],
    ]);
    expect(audits[1]?.data.before).toEqual(rules(15));

    expect((await manager.post(`/api/campaigns/${id}/publish`)).statusCode).toBe(200);
    const expectedPublished = {
      anonymous: { get: [200, null, 'FORBIDDEN'], put: [401, 'UNAUTHENTICATED'] },
      user: { get: [200, null, 'FORBIDDEN'], put: [403, 'FORBIDDEN'] },
      applicant: { get: [200, null, 'FORBIDDEN'], put: [403, 'FORBIDDEN'] },
      screener: { get: [200, null, 'FORBIDDEN'], put: [403, 'FORBIDDEN'] },
      manager: { get: [200, null, 'WRONG_STATUS'], put: [409, 'WRONG_STATUS'] },
      admin: { get: [200, null, 'WRONG_STATUS'], put: [409, 'WRONG_STATUS'] },
    };
    for (const kind of KINDS) {
      const got = await callers[kind].get(`/api/campaigns/${id}/vote-rules`);
      const put = await callers[kind].put(`/api/campaigns/${id}/vote-rules`, rules(99));
      table[kind] = {
        get: [got.statusCode, codeOf(got), got.statusCode === 200 ? got.json().abilities.edit : null],
        put: [put.statusCode, codeOf(put)],
      };
      if (got.statusCode === 200) expect(got.json().rules).toEqual(rules(16));
    }
    expect(table).toEqual(expectedPublished);
    expect(await auditRows(id)).toHaveLength(2);
  }, 300_000);

  it('VALIDATION_FAILED: theme ids and track keys must be the campaign’s own, once each; nothing is saved', async () => {
    const { id, themes, manager } = await setup();
    const other = await setup();
    const res = await manager.put(`/api/campaigns/${id}/vote-rules`, {
      ...DEFAULT_VOTE_RULES,
      themeIds: [themes[1]?.id, other.themes[0]?.id, themes[1]?.id, '00000000-0000-4000-8000-000000000000'],
      trackKeys: ['county', 'village'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields).toEqual([
      { path: 'themeIds.1', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
      { path: 'themeIds.2', code: 'DUPLICATE', message: '不能重复' },
      { path: 'themeIds.3', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
      { path: 'trackKeys.1', code: 'INVALID_CHOICE', message: '请选择有效的选项' },
    ]);
    // A body outside the contract (a weight above 1000, a share above 1) is refused by the schema.
    const bad = await manager.put(`/api/campaigns/${id}/vote-rules`, {
      ...DEFAULT_VOTE_RULES,
      weights: { none: 1, professional: 15, institution: 5000 },
      popularityProportion: 1.5,
    });
    expect([bad.statusCode, bad.json().error.code, bad.json().error.fields.map((f: { path: string }) => f.path)]).toEqual([
      400,
      'VALIDATION_FAILED',
      ['weights.institution', 'popularityProportion'],
    ]);
    const kept = await manager.get(`/api/campaigns/${id}/vote-rules`);
    expect(kept.json().rules.weights).toEqual({ none: 1, professional: 15, institution: 50 });
    expect(await auditRows(id)).toEqual([]);

    const good = await manager.put(`/api/campaigns/${id}/vote-rules`, {
      ...DEFAULT_VOTE_RULES,
      themeIds: [themes[1]?.id],
      trackKeys: ['county'],
      showCountsDuringPhase: false,
    });
    expect([good.statusCode, good.json().rules.themeIds, good.json().rules.trackKeys]).toEqual([
      200,
      [themes[1]?.id],
      ['county'],
    ]);
  }, 300_000);

  it('S0-14 rules never change after publishing: a PUT during a publish waits for it, then is refused (WRONG_STATUS)', async () => {
    const { id, manager } = await setup();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = () => {};
    const locked = new Promise<void>((resolve) => {
      reached = resolve;
    });
    // A publish in flight: the campaign's row locked and changed, not yet committed (as changeCampaignStatus does).
    const held = inTransaction(t.app.ctx.db, async (tx) => {
      await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, id)).for('update');
      await tx.update(campaigns).set({ status: 'published', publishedAt: t.clock.now() }).where(eq(campaigns.id, id));
      reached();
      await released;
    });
    held.catch(() => reached());
    await locked;
    const put = manager.put(`/api/campaigns/${id}/vote-rules`, { ...DEFAULT_VOTE_RULES, dailyCapPerVoter: 3 });
    await blockedOrFinished(t, put);
    release();
    await held;
    const res = await put;
    expect([res.statusCode, codeOf(res)]).toEqual([409, 'WRONG_STATUS']);
    expect((await manager.get(`/api/campaigns/${id}/vote-rules`)).json().rules.dailyCapPerVoter).toBe(null);
    expect(await auditRows(id)).toEqual([]);
  }, 120_000);

  it('not found == forbidden: an unknown campaign is NOT_FOUND to everyone, a malformed id is VALIDATION_FAILED', async () => {
    const { manager } = await setup();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(codeOf(await manager.get(`/api/campaigns/${missing}/vote-rules`))).toBe('NOT_FOUND');
    expect(codeOf(await manager.put(`/api/campaigns/${missing}/vote-rules`, DEFAULT_VOTE_RULES))).toBe('NOT_FOUND');
    expect(codeOf(await new Client(t.app).get(`/api/campaigns/${missing}/vote-rules`))).toBe('NOT_FOUND');
    const malformed = await manager.get('/api/campaigns/not-a-uuid/vote-rules');
    expect([malformed.statusCode, codeOf(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
  }, 120_000);
});
