import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { type JudgeKey, type ScoredCall, scoredCall, scoredRound } from '../../../test/judging-results.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from '../accounts/index.ts';
import { judgingRounds } from './judging.tables.ts';
import { DEFAULT_REMINDER_LEAD_MS, reminderLeadMs, sendDeadlineReminders } from './sheet-reminders.ts';

/**
 * Issue 10 item 4: a judge with sheets still to submit in an open round is reminded once, through the outbox, a day
 * (configurable) before the round's deadline. The call's sheets are test/judging-results.ts's SCORES: judge A has a
 * draft (b1), D a draft (a4), E an entry never opened (b2); B submitted everything, C submitted or abstained.
 * The round closes 2026-03-20T15:59:59.999Z (23:59 on 20 March, Beijing time).
 */
let t: TestApp;
let call: ScoredCall;

beforeAll(async () => {
  t = await startTestApp();
  call = await scoredCall(t);
  // E reads English: the reminder goes out in the account's language.
  await t.app.ctx.db.update(users).set({ locale: 'en' }).where(eq(users.name, 'E 专家'));
}, 300_000);
afterAll(() => t.close());

const DEADLINE = '2026-03-20T15:59:59.999Z';
const emailOf = async (k: JudgeKey) =>
  (
    await t.app.ctx.db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.name, `${k} 专家`))
  )[0]?.email as string;

/** The messages the transport got since `from`, to the call's judges, as [judge, subject, body]. */
async function mailSince(from: number) {
  await t.app.ctx.outbox.deliverDue();
  const byEmail = new Map<string, JudgeKey>();
  for (const k of ['A', 'B', 'C', 'D', 'E'] as const) byEmail.set(await emailOf(k), k);
  return t.sent
    .slice(from)
    .filter((m) => byEmail.has(m.to))
    .map((m) => [byEmail.get(m.to), m.channel, m.subject, m.body])
    .sort();
}

const zh = (k: JudgeKey) => [
  k,
  'email',
  'CaseArena 案例擂台：“专家初评”评审即将截止',
  `${k} 专家，您好：“专家初评”将于北京时间 2026-03-20 23:59 截止评分，您还有 1 个案例的评分表尚未提交。请在截止前登录评审工作台完成评分。`,
];

describe('issue 10 item 4: the deadline reminder', () => {
  it('reminds once, 24 h before the deadline, each judge with pending sheets (none before the window, none again, none to judges who finished)', async () => {
    const round = await scoredRound(t, call, { status: 'open' });
    expect(round.closesAt.toISOString()).toBe(DEADLINE);
    const from = t.sent.length;

    t.clock.set('2026-03-19T15:59:59.998Z'); // 24 h and 1 ms before the deadline
    expect(await sendDeadlineReminders(t.app.ctx)).toBe(0);
    expect(await mailSince(from)).toEqual([]);

    t.clock.set('2026-03-19T16:00:00.000Z'); // inside the window
    expect(await sendDeadlineReminders(t.app.ctx)).toBe(3);
    expect(await mailSince(from)).toEqual([
      zh('A'),
      zh('D'),
      [
        'E',
        'email',
        'CaseArena: “专家初评” closes soon',
        'Hello E 专家, scoring in “专家初评” closes at 2026-03-20 23:59 Beijing time and 1 of your score sheets is not submitted yet. Please sign in to your judging workspace and finish them before the deadline.',
      ],
    ]);

    t.clock.set('2026-03-20T12:00:00.000Z'); // a second sweep, later, sends nothing more
    expect(await sendDeadlineReminders(t.app.ctx)).toBe(0);
    expect((await mailSince(from)).length).toBe(3);

    const audit = await t.app.ctx.db
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, subjectId: auditEvents.subjectId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'judging_reminder'), eq(auditEvents.campaignId, call.campaign.id)))
      .orderBy(asc(auditEvents.seq));
    const ids = (['A', 'D', 'E'] as const).map((k) => call.judges[k].id).sort();
    expect(audit).toEqual(
      ids.map((judgeId) => ({
        kind: 'judging.deadline_reminded',
        actorId: null,
        subjectId: `${round.id}:${judgeId}`,
        data: { actor: 'system:judging-reminder', roundId: round.id, judgeId, pending: 1, channel: 'email' },
      })),
    );
  }, 120_000);

  it('two sweeps at once still send one reminder per judge (the round row is locked while deciding)', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const round = await scoredRound(t, call, { status: 'open' });
    const from = t.sent.length;
    t.clock.set('2026-03-20T00:00:00.000Z');
    const [a, b] = await Promise.all([sendDeadlineReminders(t.app.ctx), sendDeadlineReminders(t.app.ctx)]);
    // The first round of this file was reminded already; only this round's three judges are new.
    expect([a + b, (await mailSince(from)).map((m) => m[0])]).toEqual([3, ['A', 'D', 'E']]);
    await t.app.ctx.db.update(judgingRounds).set({ status: 'closed' }).where(eq(judgingRounds.id, round.id));
  }, 120_000);

  it('a closed round, or one past its deadline, reminds nobody; the lead time comes from JUDGING_REMINDER_HOURS', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const closed = await scoredRound(t, call, { status: 'closed' });
    const late = await scoredRound(t, call, { status: 'open' });
    t.clock.set('2026-03-20T12:00:00.000Z');
    await t.app.ctx.db
      .update(judgingRounds)
      .set({ closesAt: new Date('2026-03-20T11:59:59.999Z') })
      .where(eq(judgingRounds.id, late.id));
    const from = t.sent.length;
    expect(await sendDeadlineReminders(t.app.ctx)).toBe(0);
    expect(await mailSince(from)).toEqual([]);
    expect(closed.status).toBe('closed');
    await t.app.ctx.db.update(judgingRounds).set({ status: 'closed' }).where(eq(judgingRounds.id, late.id));

    expect(reminderLeadMs({})).toBe(DEFAULT_REMINDER_LEAD_MS);
    expect(reminderLeadMs({ JUDGING_REMINDER_HOURS: '48' })).toBe(48 * 3_600_000);
    expect(reminderLeadMs({ JUDGING_REMINDER_HOURS: '0.5' })).toBe(1_800_000);
    expect(reminderLeadMs({ JUDGING_REMINDER_HOURS: 'soon' })).toBe(DEFAULT_REMINDER_LEAD_MS);
    // 48 h before: a round closing in 36 h is reminded with a 48 h lead, not with the default 24 h.
    t.clock.set('2026-03-02T02:00:00.000Z');
    const soon = await scoredRound(t, call, { status: 'open' });
    t.clock.set('2026-03-19T04:00:00.000Z');
    expect(await sendDeadlineReminders(t.app.ctx)).toBe(0);
    expect(await sendDeadlineReminders(t.app.ctx, reminderLeadMs({ JUDGING_REMINDER_HOURS: '48' }))).toBe(3);
    await t.app.ctx.db.update(judgingRounds).set({ status: 'closed' }).where(eq(judgingRounds.id, soon.id));
  }, 120_000);
});
