import { randomUUID } from 'node:crypto';
import type { TRoundInput } from '@casearena/contract';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns, campaignThemes, findForm } from '../campaigns/index.ts';
import { type JudgingAccess, whyNotEditRounds } from './judging.policy.ts';
import { judgingRounds } from './judging.tables.ts';
import { loadRounds, roundFields, scoringPhases } from './rounds.repo.ts';
import { fieldsOf, type SetFacts, type StoredRound, sameJson, setProblems, weightProblems } from './rounds-validate.ts';

/** The entry's own columns a round may show judges, beside the form's fields. */
const ENTRY_FIELD_KEYS = ['title', 'summary'];

async function setFacts(
  tx: Tx,
  campaignId: string,
  tracks: Array<{ key: string }>,
  rounds: TRoundInput[],
  existing: SetFacts['existing'],
) {
  const themes = await tx.select({ id: campaignThemes.id }).from(campaignThemes).where(eq(campaignThemes.campaignId, campaignId));
  const form = await findForm(tx, campaignId);
  const fields = form?.fields ?? [];
  const newIds = rounds.map((r) => r.id).filter((id): id is string => id !== undefined && !existing.has(id));
  const foreign =
    newIds.length === 0
      ? []
      : await tx.select({ id: judgingRounds.id }).from(judgingRounds).where(inArray(judgingRounds.id, newIds));
  return {
    themeIds: new Set(themes.map((t) => t.id)),
    trackKeys: new Set(tracks.map((t) => t.key)),
    scoringPhases: await scoringPhases(tx, campaignId),
    fieldKeys: new Set([...ENTRY_FIELD_KEYS, ...fields.filter((f) => f.kind !== 'attachment').map((f) => f.key)]),
    attachmentKeys: new Set(fields.filter((f) => f.kind === 'attachment').map((f) => f.key)),
    existing,
    foreignIds: new Set(foreign.map((f) => f.id)),
  } satisfies SetFacts;
}

const columns = (r: TRoundInput) => {
  const f = fieldsOf(r);
  return { ...f, opensAt: new Date(f.opensAt), closesAt: new Date(f.closesAt) };
};

/**
 * An organizer's manager saves the campaign's rounds as a whole (issue 10 item 2; the route has checked the manage
 * ability). In one transaction: the campaign's row read FOR SHARE (a close waits, or this sees it closed:
 * WRONG_STATUS), its rounds locked FOR UPDATE; each existing round's version compared (STALE_VERSION); every
 * sheet's weights against its declared total (WEIGHTS_MISMATCH); then the set's rules (ROUNDS_INVALID with every
 * reason, see setProblems). Draft rounds left out are removed; changed rounds are written with their version raised;
 * new ones inserted. One audit event records the rounds before and after.
 */
export async function saveRounds(input: {
  ctx: AppContext;
  actor: Actor;
  campaignId: string;
  access: JudgingAccess;
  rounds: TRoundInput[];
}): Promise<void> {
  const { ctx, actor, campaignId, rounds } = input;
  const at = ctx.clock.now();
  await inTransaction(ctx.db, async (tx) => {
    const [campaign] = await tx
      .select({ status: campaigns.status, tracks: campaigns.tracks })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for('share');
    if (!campaign) throw new AppError('NOT_FOUND');
    const refusal = whyNotEditRounds(input.access, campaign);
    if (refusal) throw new AppError(refusal);

    const stored = await loadRounds(tx, campaignId, true);
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const r of rounds) {
      const current = r.id ? byId.get(r.id) : undefined;
      if (current && r.version !== undefined && r.version !== current.version)
        throw new AppError('STALE_VERSION', { current: current.version, yours: r.version });
    }

    const weights = weightProblems(rounds);
    const [firstWeights] = weights;
    if (firstWeights) throw new AppError('WEIGHTS_MISMATCH', firstWeights.params, weights);

    const existing = new Map<string, StoredRound>(
      stored.map((r) => [r.id, { status: r.status, label: r.label, fields: roundFields(r) }]),
    );
    const problems = setProblems(rounds, await setFacts(tx, campaignId, campaign.tracks, rounds, existing));
    if (problems.length > 0) throw new AppError('ROUNDS_INVALID', { count: problems.length }, problems);

    const kept = rounds.map((r) => r.id).filter((id): id is string => id !== undefined && byId.has(id));
    const removed = stored.filter((r) => !kept.includes(r.id));
    if (removed.length > 0)
      await tx
        .delete(judgingRounds)
        .where(
          and(
            eq(judgingRounds.campaignId, campaignId),
            eq(judgingRounds.status, 'draft'),
            kept.length > 0 ? notInArray(judgingRounds.id, kept) : sql`true`,
          ),
        );

    const changes: Array<{ key: string; before: unknown; after: unknown }> = [];
    for (const r of rounds) {
      const current = r.id ? byId.get(r.id) : undefined;
      if (!current) {
        await tx
          .insert(judgingRounds)
          .values({ id: r.id ?? randomUUID(), campaignId, ...columns(r), createdAt: at, updatedAt: at });
        changes.push({ key: r.key, before: null, after: fieldsOf(r) });
        continue;
      }
      if (sameJson(roundFields(current), fieldsOf(r))) continue;
      const [row] = await tx
        .update(judgingRounds)
        .set({ ...columns(r), version: sql`${judgingRounds.version} + 1`, updatedAt: at })
        .where(and(eq(judgingRounds.id, current.id), eq(judgingRounds.version, current.version)))
        .returning({ id: judgingRounds.id });
      if (!row) throw new AppError('STALE_VERSION', { current: current.version + 1, yours: current.version });
      changes.push({ key: r.key, before: roundFields(current), after: fieldsOf(r) });
    }
    for (const r of removed) changes.push({ key: r.key, before: roundFields(r), after: null });
    if (changes.length === 0) return;
    await appendAudit(tx, {
      kind: 'judging.rounds_saved',
      actorId: actor.id,
      subjectType: 'campaign',
      subjectId: campaignId,
      campaignId,
      data: { changes },
      at,
    });
  });
}
