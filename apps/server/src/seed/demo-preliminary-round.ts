import { randomUUID } from 'node:crypto';
import { SEED_000_SHEET } from '@casearena/contract';
import {
  applyAssignmentPlan,
  changeRoundStatus,
  createAssignmentPlan,
  judgingAccess,
  saveRounds,
} from '../modules/judging/index.ts';
import { fixedClock } from '../platform/clock/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';

/** Experts per entry in every demo 专家初评. */
export const PRELIMINARY_JUDGES_PER_ENTRY = 3;

/**
 * A demo call's seed-000 专家初评 (S0-10) as its organizer sets it up, for the judging demo and the demos that start
 * from a frozen round (demo-online-round.ts): a blind round over the given themes on the seed's one-criterion sheet,
 * reading each entry's title, summary and PPT, scored by mean with ties by submission time; saved on `saving`'s
 * clock, opened at 09:00 (Beijing time) on the day it opens, and assigned at once by the automatic engine (plan ->
 * apply, seed 1). Returns the round's id.
 */
export async function openPreliminaryRound(input: {
  /** The context whose clock says when the organizer saved the round. */
  saving: AppContext;
  staff: Actor;
  campaignId: string;
  themeIds: string[];
  /** ISO instants: the phase's first day at 00:00 Beijing time, and the round's deadline. */
  opensAt: string;
  closesAt: string;
  maxLoad: number;
}): Promise<string> {
  const { saving, staff, campaignId, maxLoad } = input;
  const roundId = randomUUID();
  const { access } = await judgingAccess(saving.db, staff, campaignId);
  await saveRounds({
    ctx: saving,
    actor: staff,
    campaignId,
    access,
    rounds: [
      {
        id: roundId,
        key: 'preliminary',
        label: '专家初评',
        ordinal: 1,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        scope: { kind: 'themes', themeIds: input.themeIds },
        sheet: SEED_000_SHEET,
        materials: { fieldKeys: ['title', 'summary'], attachmentKeys: ['ppt'], extraSlots: [] },
        blind: true,
        seeOthers: false,
        judgesPerEntry: PRELIMINARY_JUDGES_PER_ENTRY,
        maxLoad,
        method: 'mean',
        tieBreak: ['submittedAt'],
      },
    ],
  });
  const opening = { ...saving, clock: fixedClock(new Date(new Date(input.opensAt).getTime() + 9 * 3600_000)) };
  await changeRoundStatus({ ctx: opening, actor: staff, roundId, to: 'open' });
  const plan = await createAssignmentPlan(opening, staff, roundId, {
    perEntry: PRELIMINARY_JUDGES_PER_ENTRY,
    maxLoad,
    seed: 1,
  });
  await applyAssignmentPlan(opening, staff, roundId, plan.id);
  return roundId;
}
