import { and, eq, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../platform/clock/index.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaignPhases, campaignThemes } from './campaigns.tables.ts';

/**
 * The number a first submission gets, e.g. 2022-T03-0042: the year (Shanghai) the campaign's submission phase
 * ends, the theme code and the theme's next sequence number, which advances. The theme's row is locked until the
 * caller's transaction ends, so two submissions never share a number. The counter belongs to the theme, so the
 * campaigns module writes it; entries' submitEntry is the caller.
 */
export async function takeEntryNumber(tx: Tx, input: { campaignId: string; themeId: string; at: Date }): Promise<string> {
  const [theme] = await tx.select().from(campaignThemes).where(eq(campaignThemes.id, input.themeId)).for('update');
  if (!theme) throw new AppError('NOT_FOUND');
  const [phase] = await tx
    .select({ endsAt: sql<string>`max(${campaignPhases.endsAt})` })
    .from(campaignPhases)
    .where(and(eq(campaignPhases.campaignId, input.campaignId), sql`'canSubmit' = any(${campaignPhases.capabilities})`));
  const year = shanghaiDate(phase?.endsAt ? new Date(phase.endsAt) : input.at).slice(0, 4);
  await tx
    .update(campaignThemes)
    .set({ nextNumber: theme.nextNumber + 1 })
    .where(eq(campaignThemes.id, theme.id));
  return `${year}-${theme.code}-${String(theme.nextNumber).padStart(4, '0')}`;
}
