import { SEED_000_SHEET, type TRoundInput } from '@casearena/contract';
import { and, asc, eq, like } from 'drizzle-orm';
import { Client, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs, signIn, type TestUser } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { judgingRounds, roundResults } from './judging.tables.ts';
import { transitionRound } from './transition-round.ts';

/** The callers the round tests ask with, relative to one organizer. */
export const ROUND_KINDS = ['anonymous', 'user', 'applicant', 'screener', 'otherOrganizer', 'manager', 'admin'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

export interface RoundCall {
  id: string;
  organizerId: string;
  themes: Array<{ id: string; code: string }>;
  manager: Client;
  managerUser: TestUser;
  callers: Record<RoundKind, Client>;
}

/**
 * Moves the server's clock (weeks: sessions end when idle) and signs the call's manager in again at that moment.
 */
export async function clockAt(t: TestApp, call: RoundCall, at: string) {
  t.clock.set(at);
  call.manager = await signIn(t, call.managerUser);
}

/** Random CJK text, so that no two generated entries are similar (S1-4). */
const distinct = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');

/**
 * A published seed-000 call of a fresh organizer (its 专家初评 2022-03-21..04-30 and 全国总决赛 05-27..28 phases
 * carry canScore), set up on 10 January 2022 (submissions open) unless `at` says otherwise, with every kind of caller.
 */
export async function roundCall(t: TestApp, at = '2022-01-10T02:00:00.000Z'): Promise<RoundCall> {
  t.clock.set(at);
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const hospital = await buildOrganization(t);
  const callers: Record<RoundKind, Client> = {
    anonymous: new Client(t.app),
    user: (await signedInAs(t)).client,
    applicant: (await applicantOf(t, hospital.id, 'admin')).client,
    screener: (await organizerMember(t, organizer.id, 'screener')).client,
    otherOrganizer: (await organizerMember(t, other.id, 'manager')).client,
    manager: manager.client,
    admin: (await signedInAs(t, 'admin')).client,
  };
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  const published = await manager.client.post(`/api/campaigns/${id}/publish`);
  if (published.statusCode !== 200) throw new Error(published.body);
  return {
    id,
    organizerId: organizer.id,
    themes: created.json().themes,
    manager: manager.client,
    managerUser: manager.user,
    callers,
  };
}

/** An entry of a fresh hospital in the theme, submitted, and passed by the organizer's manager when `passed`. */
export async function entryOf(t: TestApp, call: RoundCall, themeId: string, status: 'passed' | 'submitted') {
  const hospital = await buildOrganization(t);
  const owner = (await applicantOf(t, hospital.id, 'admin')).client;
  const created = await owner.post(`/api/campaigns/${call.id}/entries`, {
    themeId,
    title: `评审轮次案例${distinct(6)}`,
    summary: `${distinct(40)}。`,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const entryId = created.json().id as string;
  const version = await completeEntry(owner, entryId);
  const submitted = await owner.post(`/api/entries/${entryId}/submit`, { version, consent: true });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  if (status === 'passed') {
    const passed = await call.manager.post(`/api/entries/${entryId}/screening`, { decision: 'pass' });
    if (passed.statusCode !== 200) throw new Error(passed.body);
  }
  return entryId;
}

/** Seed 000's preliminary round over the given themes: 21 March to 10 April 2022, Beijing time. */
export function preliminary(themeIds: string[], over: Partial<TRoundInput> = {}): TRoundInput {
  return {
    key: 'preliminary',
    label: '专家初评',
    ordinal: 1,
    opensAt: '2022-03-21T00:00:00+08:00',
    closesAt: '2022-04-10T23:59:59+08:00',
    scope: { kind: 'themes', themeIds },
    sheet: SEED_000_SHEET,
    materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: [] },
    blind: true,
    seeOthers: false,
    judgesPerEntry: 3,
    maxLoad: 50,
    method: 'mean',
    tieBreak: ['submittedAt'],
    ...over,
  };
}

export const codeOf = (res: { statusCode: number; json(): { error?: { code: string } } }) =>
  res.statusCode >= 400 ? (res.json().error?.code ?? null) : null;

/** The campaign's judging audit events in order. */
export async function judgingAudit(t: TestApp, campaignId: string) {
  return t.app.ctx.db
    .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, subjectId: auditEvents.subjectId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.campaignId, campaignId), like(auditEvents.kind, 'judging.%')))
    .orderBy(asc(auditEvents.seq));
}

/** Closes and freezes a round through its writer, with its results (as the freezing use case will). */
export async function freezeWith(t: TestApp, roundId: string, campaignId: string, advanced: Record<string, boolean>) {
  const at = t.clock.now();
  await inTransaction(t.app.ctx.db, async (tx, afterCommit) => {
    const [round] = await tx.select().from(judgingRounds).where(eq(judgingRounds.id, roundId)).for('update');
    if (!round) throw new Error('no round');
    await transitionRound({
      tx,
      afterCommit,
      actor: 'system:correction-sweep',
      id: roundId,
      campaignId,
      from: round.status,
      to: 'frozen',
      version: round.version,
      at,
    });
    const results = Object.entries(advanced).map(([entryId, adv], i) => ({
      roundId,
      entryId,
      score: 90 - i,
      rank: i + 1,
      advanced: adv,
      breakdown: {},
      frozenAt: at,
    }));
    if (results.length > 0) await tx.insert(roundResults).values(results);
  });
}
