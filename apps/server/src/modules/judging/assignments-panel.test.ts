import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { handRound } from '../../../test/permissions/rows-judging-assignments.ts';
import { judges, judgingRounds } from './judging.tables.ts';

/**
 * Issue 10 item 3: the assignment view carries the round's panel for the manual pickers — who sits for which of
 * the round's themes, their load against the round's maximum, and the entries conflictOf recuses them from with the
 * reason — to those who may change the assignments only; a screener gets the list as before, anyone else NOT_FOUND.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

/**
 * A call of a fresh organizer and a round with entries of themes 1 and 2 (theme 3 has none): hospital A and its
 * branch A1, units B, C and D (declared by one judge).
 *   e1 A1, theme 1 · e2 B, theme 1 · e3 D, theme 1 · e4 C with partner D, theme 1 · e5 A1, theme 2
 * Judges: 本院评委 (A; themes 1 and 3), 外院评委 (no unit, declares D; themes 1 and 2), 二组评委 (no unit; theme 2),
 * 三组评委 (theme 3 only: not on this round's panel), 已移除评委 (theme 1, then removed from the pool).
 */
async function setup() {
  t.clock.set('2022-01-10T02:00:00.000Z');
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  const campaignId = created.json().id as string;
  if ((await manager.client.post(`/api/campaigns/${campaignId}/publish`)).statusCode !== 200) throw new Error('publish');
  const [t1, t2, t3] = (created.json().themes as { id: string }[]).map((th) => th.id) as [string, string, string];
  const a = await buildOrganization(t);
  const a1 = await buildOrganization(t, { parentId: a.id, name: `${a.name}南院` });
  const b = await buildOrganization(t);
  const c = await buildOrganization(t);
  const d = await buildOrganization(t);
  const round = await handRound(t, {
    campaignId,
    organizerId: organizer.id,
    authorId: manager.user.id,
    entries: [
      { organizationId: a1.id, themeId: t1 },
      { organizationId: b.id, themeId: t1 },
      { organizationId: d.id, themeId: t1 },
      { organizationId: c.id, themeId: t1, partnerIds: [d.id] },
      { organizationId: a1.id, themeId: t2 },
    ],
    judges: [
      { name: '本院评委', organizationId: a.id, themeIds: [t1, t3] },
      { name: '外院评委', organizationId: null, themeIds: [t2, t1], declared: [d.id] },
      { name: '二组评委', organizationId: null, themeIds: [t2] },
      { name: '三组评委', organizationId: null, themeIds: [t3] },
      { name: '已移除评委', organizationId: null, themeIds: [t1] },
    ],
  });
  await t.app.ctx.db.update(judgingRounds).set({ maxLoad: 7 }).where(eq(judgingRounds.id, round.roundId));
  await t.app.ctx.db
    .update(judges)
    .set({ status: 'removed' })
    .where(eq(judges.id, round.judgeIds[4] as string));
  const otherOrganizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  return {
    themes: { t1, t2 },
    manager: manager.client,
    screener: (await organizerMember(t, organizer.id, 'screener')).client,
    otherManager: (await organizerMember(t, otherOrganizer.id, 'manager')).client,
    stranger: (await signedInAs(t)).client,
    admin: (await signedInAs(t, 'admin')).client,
    ...round,
  };
}

const byId = <T extends { entryId: string }>(rows: T[]) => [...rows].sort((x, y) => (x.entryId < y.entryId ? -1 : 1));

describe('issue 10 item 3: the round’s panel for the manual pickers', () => {
  it('X-4: a manager gets every active judge seated for the round’s themes, by name (pinyin), with those themes, their load against 7 and each entry recused from with its reason', async () => {
    const s = await setup();
    const [e1, e2, e3, e4, e5] = s.entryIds as [string, string, string, string, string];
    const [jOwn, jOut, jTwo] = s.judgeIds as [string, string, string];
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    // Load counts what is still assigned: 外院评委 on e2 and e5; 二组评委 on e5, then removed.
    expect((await s.manager.post(url, { entryId: e2, judgeId: jOut })).statusCode).toBe(201);
    expect((await s.manager.post(url, { entryId: e5, judgeId: jOut })).statusCode).toBe(201);
    const gone = await s.manager.post(url, { entryId: e5, judgeId: jTwo });
    expect((await s.manager.post(`/api/judging/assignments/${gone.json().id}/remove`)).statusCode).toBe(200);

    const res = await s.manager.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json().panel).toEqual([
      {
        judgeId: jOwn,
        name: '本院评委',
        // Theme 3 has no entry in the round; e5 (A1, theme 2) is not a theme this judge sits for, so not listed.
        themeIds: [s.themes.t1],
        load: 0,
        maxLoad: 7,
        recused: [{ entryId: e1, reason: 'parent_or_branch' }],
      },
      { judgeId: jTwo, name: '二组评委', themeIds: [s.themes.t2], load: 0, maxLoad: 7, recused: [] },
      {
        judgeId: jOut,
        name: '外院评委',
        themeIds: [s.themes.t1, s.themes.t2].sort(),
        load: 2,
        maxLoad: 7,
        // e3 is of the declared unit; e4 has it as a joint partner.
        recused: byId([
          { entryId: e3, reason: 'declared' },
          { entryId: e4, reason: 'joint_partner' },
        ]),
      },
    ]);
    // The platform sees the same panel.
    expect((await s.admin.get(url)).json().panel).toEqual(res.json().panel);
  }, 120_000);

  it('X-4: a screener gets the assignments without the panel; another organizer’s manager and a stranger NOT_FOUND', async () => {
    const s = await setup();
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    const screened = await s.screener.get(url);
    expect(screened.statusCode).toBe(200);
    expect(Object.keys(screened.json()).sort()).toEqual(['abilities', 'assignments', 'roundId']);
    for (const other of [s.otherManager, s.stranger]) {
      const refused = await other.get(url);
      expect([refused.statusCode, refused.json().error.code]).toEqual([404, 'NOT_FOUND']);
    }
  }, 120_000);
});
