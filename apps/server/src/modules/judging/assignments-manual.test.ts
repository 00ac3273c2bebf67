import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { handRound } from '../../../test/permissions/rows-judging-assignments.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { scoreSheets } from './judging.tables.ts';

/**
 * Issue 10 item 3: a manager assigns one judge by hand under the rule every plan item is checked with
 * (conflictOf), and removes an assignment until its sheet is submitted; each change audited.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

/** A call of a fresh organizer and a round: hospital A and its branch A1; entry eA of A1 and eB of B in theme 1. */
async function setup() {
  t.clock.set('2022-01-10T02:00:00.000Z');
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  const campaignId = created.json().id as string;
  if ((await manager.client.post(`/api/campaigns/${campaignId}/publish`)).statusCode !== 200) throw new Error('publish');
  const [t1, t2] = (created.json().themes as { id: string }[]).map((th) => th.id) as [string, string];
  const a = await buildOrganization(t);
  const a1 = await buildOrganization(t, { parentId: a.id, name: `${a.name}南院` });
  const b = await buildOrganization(t);
  const declared = await buildOrganization(t);
  const round = await handRound(t, {
    campaignId,
    organizerId: organizer.id,
    authorId: manager.user.id,
    entries: [
      { organizationId: a1.id, themeId: t1 },
      { organizationId: b.id, themeId: t1 },
      { organizationId: declared.id, themeId: t1 },
    ],
    judges: [
      { name: '本院评委', organizationId: a.id, themeIds: [t1] },
      { name: '外院评委', organizationId: null, themeIds: [t1], declared: [declared.id] },
      { name: '二组评委', organizationId: null, themeIds: [t2] },
    ],
  });
  return {
    campaignId,
    organizerId: organizer.id,
    manager: manager.client,
    screener: (await organizerMember(t, organizer.id, 'screener')).client,
    stranger: (await signedInAs(t)).client,
    ...round,
  };
}

const audit = async (campaignId: string) =>
  t.app.ctx.db
    .select({ kind: auditEvents.kind, subjectId: auditEvents.subjectId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.campaignId, campaignId), like(auditEvents.kind, 'judging.assignment%')))
    .orderBy(asc(auditEvents.seq));

describe('issue 10 item 3: manual assignment and removal', () => {
  it('X-4: a judge of the entry’s parent hospital is refused ASSIGNMENT_RECUSED (parent_or_branch), a declared unit’s too (declared); nothing is written', async () => {
    const s = await setup();
    const [eA, , eD] = s.entryIds as [string, string, string];
    const [jA, jOut] = s.judgeIds as [string, string];
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    const own = await s.manager.post(url, { entryId: eA, judgeId: jA });
    expect([own.statusCode, own.json().error.code, own.json().error.params]).toEqual([
      409,
      'ASSIGNMENT_RECUSED',
      { reason: 'parent_or_branch' },
    ]);
    const declared = await s.manager.post(url, { entryId: eD, judgeId: jOut });
    expect([declared.statusCode, declared.json().error.params]).toEqual([409, { reason: 'declared' }]);
    expect((await s.manager.get(url)).json().assignments).toEqual([]);
    expect(await audit(s.campaignId)).toEqual([]);
  }, 120_000);

  it('X-4: a judge not on the entry’s theme panel, an entry not in the round, or an unknown judge is NOT_FOUND; the same pair twice is WRONG_STATUS', async () => {
    const s = await setup();
    const [eA, eB] = s.entryIds as [string, string];
    const [, jOut, jOtherTheme] = s.judgeIds as [string, string, string];
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    expect((await s.manager.post(url, { entryId: eB, judgeId: jOtherTheme })).json().error.code).toBe('NOT_FOUND');
    const otherRound = await handRound(t, {
      campaignId: s.campaignId,
      organizerId: s.organizerId,
      judges: [],
    });
    expect(
      (await s.manager.post(`/api/judging/rounds/${otherRound.roundId}/assignments`, { entryId: eA, judgeId: jOut })).statusCode,
    ).toBe(404);
    expect((await s.manager.post(url, { entryId: eB, judgeId: eB })).statusCode).toBe(404);
    expect((await s.manager.post(url, { entryId: eB, judgeId: jOut })).statusCode).toBe(201);
    const twice = await s.manager.post(url, { entryId: eB, judgeId: jOut });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'WRONG_STATUS']);
  }, 120_000);

  it('X-3: the manager assigns, the list shows it with abilities, removal turns it removed (audited), removing again is WRONG_STATUS, assigning again restores it', async () => {
    const s = await setup();
    const [, eB] = s.entryIds as [string, string];
    const [jA] = s.judgeIds as [string];
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    const added = await s.manager.post(url, { entryId: eB, judgeId: jA });
    expect(added.statusCode).toBe(201);
    const id = added.json().id as string;
    expect(added.json()).toMatchObject({
      entryId: eB,
      judgeId: jA,
      judgeName: '本院评委',
      status: 'assigned',
      sheetStatus: null,
      planId: null,
      abilities: { remove: true },
    });
    const listed = await s.screener.get(url);
    expect(listed.json().assignments.map((a: { id: string; abilities: object }) => [a.id, a.abilities])).toEqual([
      [id, { remove: 'FORBIDDEN' }],
    ]);
    expect(listed.json().abilities).toEqual({ plan: 'FORBIDDEN', assign: 'FORBIDDEN' });
    expect((await s.screener.post(`/api/judging/assignments/${id}/remove`)).json().error.code).toBe('FORBIDDEN');
    expect((await s.stranger.post(`/api/judging/assignments/${id}/remove`)).statusCode).toBe(404);
    const removed = await s.manager.post(`/api/judging/assignments/${id}/remove`);
    expect([removed.statusCode, removed.json().status, removed.json().abilities]).toEqual([
      200,
      'removed',
      { remove: 'WRONG_STATUS' },
    ]);
    const again = await s.manager.post(`/api/judging/assignments/${id}/remove`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const restored = await s.manager.post(url, { entryId: eB, judgeId: jA });
    expect([restored.statusCode, restored.json().id, restored.json().status]).toEqual([201, id, 'assigned']);
    expect((await audit(s.campaignId)).map((e) => [e.kind, e.subjectId, (e.data as { from: string | null }).from])).toEqual([
      ['judging.assignment_added', id, null],
      ['judging.assignment_removed', id, 'assigned'],
      ['judging.assignment_added', id, 'removed'],
    ]);
  }, 120_000);

  it('X-3: an assignment whose sheet was submitted cannot be removed (WRONG_STATUS); one with a draft sheet can', async () => {
    const s = await setup();
    const [, eB, eD] = s.entryIds as [string, string, string];
    const [jA] = s.judgeIds as [string];
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    const submitted = (await s.manager.post(url, { entryId: eB, judgeId: jA })).json();
    const drafted = (await s.manager.post(url, { entryId: eD, judgeId: jA })).json();
    const at = t.clock.now();
    const sheet = (a: { id: string; entryId: string }, status: 'draft' | 'submitted') => ({
      assignmentId: a.id,
      roundId: s.roundId,
      entryId: a.entryId,
      judgeId: jA,
      status,
      scores: {},
      savedAt: at,
      submittedAt: status === 'submitted' ? at : null,
    });
    await t.app.ctx.db.insert(scoreSheets).values([sheet(submitted, 'submitted'), sheet(drafted, 'draft')]);
    const listed = (await s.manager.get(url)).json().assignments as { id: string; sheetStatus: string; abilities: object }[];
    expect(listed.map((a) => [a.id, a.sheetStatus, a.abilities]).sort()).toEqual(
      [
        [submitted.id, 'submitted', { remove: 'WRONG_STATUS' }],
        [drafted.id, 'draft', { remove: true }],
      ].sort(),
    );
    const refused = await s.manager.post(`/api/judging/assignments/${submitted.id}/remove`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const ok = await s.manager.post(`/api/judging/assignments/${drafted.id}/remove`);
    expect([ok.statusCode, ok.json().status]).toEqual([200, 'removed']);
  }, 120_000);

  it('X-4: a swap puts another panel judge on the entry and takes the first off in one change (two audit events); a recused replacement is refused with its reason and nothing changes', async () => {
    const s = await setup();
    const [eA, eB] = s.entryIds as [string, string];
    const [jA, jOut] = s.judgeIds as [string, string];
    const url = `/api/judging/rounds/${s.roundId}/assignments`;
    const onA = (await s.manager.post(url, { entryId: eA, judgeId: jOut })).json();
    const recused = await s.manager.post(`/api/judging/assignments/${onA.id}/swap`, { judgeId: jA });
    expect([recused.statusCode, recused.json().error.code, recused.json().error.params]).toEqual([
      409,
      'ASSIGNMENT_RECUSED',
      { reason: 'parent_or_branch' },
    ]);
    const onB = (await s.manager.post(url, { entryId: eB, judgeId: jOut })).json();
    const swapped = await s.manager.post(`/api/judging/assignments/${onB.id}/swap`, { judgeId: jA });
    expect(swapped.statusCode).toBe(200);
    expect([swapped.json().removed.id, swapped.json().removed.status]).toEqual([onB.id, 'removed']);
    expect([swapped.json().assigned.entryId, swapped.json().assigned.judgeId, swapped.json().assigned.status]).toEqual([
      eB,
      jA,
      'assigned',
    ]);
    const listed = (await s.manager.get(url)).json().assignments as { entryId: string; judgeId: string; status: string }[];
    expect(listed.map((a) => `${a.entryId}:${a.judgeId}:${a.status}`).sort()).toEqual(
      [`${eA}:${jOut}:assigned`, `${eB}:${jOut}:removed`, `${eB}:${jA}:assigned`].sort(),
    );
    const events = (await audit(s.campaignId)).slice(-2).map((e) => [e.kind, (e.data as { judgeId: string }).judgeId]);
    expect(events).toEqual([
      ['judging.assignment_added', jA],
      ['judging.assignment_removed', jOut],
    ]);
  }, 120_000);
});
