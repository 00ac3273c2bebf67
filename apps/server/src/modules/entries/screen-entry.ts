import type { TScreeningInput } from '@casearena/contract';
import { type Locale, type NoticeRef, renderRef } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { endOfShanghaiDay } from '../../platform/clock/index.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AfterCommit } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueToPerson } from '../../platform/outbox/outbox.ts';
import { users } from '../accounts/index.ts';
import { loadCampaignPhases } from '../campaigns/index.ts';
import { notify } from '../notifications/index.ts';
import { whyNotScreenEntry } from './entries.policy.ts';
import { entries, screeningDecisions } from './entries.tables.ts';
import type { EntryWrite } from './entry-write.ts';
import { transitionEntry } from './transition-entry.ts';

const TO = { pass: 'passed', return: 'returned', exclude: 'excluded' } as const;

export interface Decision {
  decision: TScreeningInput['decision'];
  reasons: string;
  suggestions: string;
  deadline: Date | null;
}

/** Turns the screener's input into a decision; a correction deadline must lie in the future (S3-5). */
export function decisionOf(input: TScreeningInput, now: Date): Decision {
  const deadline = input.decision === 'return' ? endOfShanghaiDay(input.correctionDeadline) : null;
  if (deadline && deadline <= now) {
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'correctionDeadline', code: 'OUT_OF_RANGE' }]);
  }
  return {
    decision: input.decision,
    reasons: input.decision === 'pass' ? '' : input.reasons,
    suggestions: input.decision === 'return' ? input.suggestions : '',
    deadline,
  };
}

/**
 * Records one decision on a submitted entry inside the caller's transaction (the entry's row is locked there): the
 * status change through the one writer (audited), the decision row, the applicant's in-app notice. Returns what to
 * send by email/SMS, for queueNotice in the same transaction.
 */
export async function decideEntry(input: {
  tx: Tx;
  afterCommit: AfterCommit;
  actor: Actor;
  entry: { id: string; campaignId: string; title: string; number: string | null };
  at: Date;
  version?: number;
  decision: Decision;
}) {
  const { tx, entry, at, decision: d } = input;
  await transitionEntry({
    tx,
    afterCommit: input.afterCommit,
    actor: input.actor,
    entryId: entry.id,
    campaignId: entry.campaignId,
    from: ['submitted'],
    to: TO[d.decision],
    at,
    version: input.version,
    set: { correctionDeadline: d.deadline },
    data: { reasons: d.reasons, suggestions: d.suggestions, correctionDeadline: d.deadline?.toISOString() ?? null },
  });
  await tx.insert(screeningDecisions).values({
    entryId: entry.id,
    decision: d.decision,
    reasons: d.reasons,
    suggestions: d.suggestions,
    correctionDeadline: d.deadline,
    decidedBy: input.actor.id,
    decidedAt: at,
  });
  const [author] = await tx
    .select({ id: users.id, email: users.email, phone: users.phone, locale: users.locale })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.authorId))
    .where(eq(entries.id, entry.id));
  if (!author) return null;
  const message = screeningMessage(entry, d);
  await notify(tx, {
    userId: author.id,
    kind: `entry.${TO[d.decision]}`,
    ...message,
    locale: author.locale,
    link: `/entries/${entry.id}`,
    at,
  });
  return { to: author, message };
}

/** The applicant's notice of a decision: a template of packages/contract/src/notices.ts, rendered per recipient. */
export function screeningMessage(entry: { title: string; number: string | null }, d: Decision): NoticeRef {
  const the = { title: entry.title, number: entry.number };
  if (d.decision === 'pass') return { template: 'entry.passed', params: the };
  if (d.decision === 'exclude') return { template: 'entry.excluded', params: { ...the, reasons: d.reasons } };
  const deadline = d.deadline?.toISOString() ?? null;
  return { template: 'entry.returned', params: { ...the, reasons: d.reasons, suggestions: d.suggestions || null, deadline } };
}

/**
 * Queues the email (or SMS when the applicant has no email) in the decision's transaction; the outbox delivers it
 * after commit and retries it, so a crash after commit cannot lose it.
 */
export async function queueNotice(
  ctx: AppContext,
  tx: Tx,
  afterCommit: AfterCommit,
  notice: { to: { email: string | null; phone: string | null; locale: Locale }; message: NoticeRef } | null,
  at: Date,
) {
  if (!notice) return;
  // Written once, in the recipient's saved language (the profile's locale, set by the web's language switch).
  const { subject, body } = renderRef(notice.message, notice.to.locale);
  await enqueueToPerson(ctx.outbox, tx, afterCommit, notice.to, { subject, body }, at);
}

/**
 * A screener decides a submitted entry (S0-8): pass (it appears on the theme page), return with reasons,
 * suggestions and a correction deadline (S3-5), or exclude. Decided on the entry as locked in the caller's
 * transaction, by the rule its abilities report (whyNotScreenEntry: the screener relation, recusal, a `canScreen`
 * phase, a submitted entry), so of two screeners deciding at once the second gets WRONG_STATUS. The decision is kept
 * and audited with the entry's transition; the entry's author is told in the app at once and by email or SMS
 * (queued in the same transaction).
 */
export async function screenEntry(w: EntryWrite & { input: TScreeningInput }): Promise<void> {
  const now = w.ctx.clock.now();
  const d = decisionOf(w.input, now);
  const campaign = await loadCampaignPhases(w.tx, w.entry.campaignId);
  const refusal = whyNotScreenEntry(w.actor, w.relation, w.entry, campaign, now);
  if (refusal) throw new AppError(refusal);
  const notice = await decideEntry({
    tx: w.tx,
    afterCommit: w.afterCommit,
    actor: w.actor,
    entry: w.entry,
    at: now,
    decision: d,
  });
  await queueNotice(w.ctx, w.tx, w.afterCommit, notice, now);
}
