import { renderNotice } from '@casearena/contract';
import { and, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { auditActor } from '../../platform/audit/system-actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { users } from '../accounts/index.ts';
import { assignments, judges, judgingRounds, scoreSheets } from './judging.tables.ts';

/** How long before a round's deadline its judges with sheets still to submit are reminded, unless configured. */
export const DEFAULT_REMINDER_LEAD_MS = 24 * 60 * 60 * 1000;
const ACTOR = 'system:judging-reminder' as const;
/** The audit subject that records one reminder: at most one per judge per round, on any number of nodes. */
const SUBJECT = 'judging_reminder';
const subjectOf = (roundId: string, judgeId: string) => `${roundId}:${judgeId}`;

/** JUDGING_REMINDER_HOURS (a positive number of hours, decimals allowed), else 24 h. */
export function reminderLeadMs(env: Record<string, string | undefined> = process.env): number {
  const hours = Number(env.JUDGING_REMINDER_HOURS);
  return env.JUDGING_REMINDER_HOURS && Number.isFinite(hours) && hours > 0 ? hours * 3_600_000 : DEFAULT_REMINDER_LEAD_MS;
}

/**
 * The deadline reminder (issue 10 item 4): each judge of an open round whose deadline is at most `leadMs` away
 * (and not passed) and who still has entries without a submitted sheet or an abstention gets one mail, or an SMS
 * without an email, through the outbox, in their account's language (Chinese without one): the round, how many
 * entries are pending, the deadline in Beijing time. Each reminder is an audit event under the judge and the round;
 * the round row is locked while its reminders are decided, so two sweeps never remind the same judge twice. Time is
 * `ctx.clock`'s. Returns how many reminders were queued.
 */
export async function sendDeadlineReminders(ctx: AppContext, leadMs = DEFAULT_REMINDER_LEAD_MS): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select({ id: judgingRounds.id })
    .from(judgingRounds)
    .where(
      and(
        eq(judgingRounds.status, 'open'),
        lte(judgingRounds.opensAt, now),
        gt(judgingRounds.closesAt, now),
        lte(judgingRounds.closesAt, new Date(now.getTime() + leadMs)),
      ),
    );
  let sent = 0;
  for (const { id } of due) sent += await remindRound(ctx, id, now);
  return sent;
}

async function remindRound(ctx: AppContext, roundId: string, now: Date): Promise<number> {
  return inTransaction(ctx.db, async (tx, afterCommit) => {
    const [round] = await tx.select().from(judgingRounds).where(eq(judgingRounds.id, roundId)).for('update');
    if (round?.status !== 'open' || round.closesAt.getTime() <= now.getTime()) return 0;
    const pendingRows = await tx
      .select({ judgeId: assignments.judgeId })
      .from(assignments)
      .leftJoin(scoreSheets, eq(scoreSheets.assignmentId, assignments.id))
      .where(
        and(
          eq(assignments.roundId, round.id),
          eq(assignments.status, 'assigned'),
          or(isNull(scoreSheets.id), eq(scoreSheets.status, 'draft')),
        ),
      );
    const pending = new Map<string, number>();
    for (const r of pendingRows) pending.set(r.judgeId, (pending.get(r.judgeId) ?? 0) + 1);
    if (pending.size === 0) return 0;
    const reminded = await tx
      .select({ subjectId: auditEvents.subjectId })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectType, SUBJECT),
          inArray(
            auditEvents.subjectId,
            [...pending.keys()].map((j) => subjectOf(round.id, j)),
          ),
        ),
      );
    const done = new Set(reminded.map((r) => r.subjectId));
    const people = await tx
      .select({
        id: judges.id,
        name: judges.name,
        email: judges.email,
        mobile: judges.mobile,
        locale: users.locale,
      })
      .from(judges)
      .leftJoin(users, eq(users.id, judges.userId))
      .where(inArray(judges.id, [...pending.keys()]));
    let sent = 0;
    for (const judge of people.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const subjectId = subjectOf(round.id, judge.id);
      if (done.has(subjectId)) continue;
      const count = pending.get(judge.id) ?? 0;
      const params = { name: judge.name, round: round.label, pending: count, deadline: round.closesAt.toISOString() };
      const { subject, body } = renderNotice('judge.deadlineReminder', params, judge.locale ?? 'zh-CN');
      const to = { email: judge.email, phone: judge.mobile };
      await enqueueToPerson(ctx.outbox, tx, afterCommit, to, { subject, body }, now);
      const { actorId, data } = auditActor(ACTOR);
      await appendAudit(tx, {
        kind: 'judging.deadline_reminded',
        actorId,
        subjectType: SUBJECT,
        subjectId,
        campaignId: round.campaignId,
        data: { ...data, roundId: round.id, judgeId: judge.id, pending: count, channel: to.email ? 'email' : 'sms' },
        at: now,
      });
      sent++;
    }
    return sent;
  });
}

/**
 * Timed work of the judging module: every `everyMs` (default one minute) the deadline reminders are sent. Safe on
 * several nodes (see sendDeadlineReminders). Returns a stop function for shutdown.
 */
export function startJudgingSweeps(ctx: AppContext, everyMs = 60_000, leadMs = reminderLeadMs()): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const n = await sendDeadlineReminders(ctx, leadMs);
      if (n > 0) ctx.log.info({ reminded: n }, 'judges reminded of a round’s deadline');
    } catch (err) {
      ctx.log.error({ err }, 'judging sweep failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
