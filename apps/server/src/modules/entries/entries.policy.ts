import type { EntryRefusal, EntryStatus, ScreeningRefusal, TEntry, TEntryAbilities } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import {
  type CampaignPhases,
  campaignAccess,
  canScreen,
  loadCampaignPhases,
  whyNotScreenPhase,
  whyNotSubmit,
} from '../campaigns/index.ts';

/**
 * An entry belongs to its organization: the organization's members see and edit it. Units named as joint
 * applicants (S1-3, `partner`) read it. The campaign's organizer (its managers and screeners) and platform staff see
 * it to screen it. Nobody else learns it exists.
 */
export type EntryRelation = 'owner' | 'partner' | 'screener' | null;

export async function entryRelation(
  db: Queryable,
  actor: Actor | null,
  entry: { organization: { id: string }; campaignId: string; partnerIds?: string[] },
): Promise<EntryRelation> {
  if (!actor) return null;
  if (actor.organizationId === entry.organization.id) return 'owner';
  if (actor.organizationId && entry.partnerIds?.includes(actor.organizationId)) return 'partner';
  const { access } = await campaignAccess(db, actor, entry.campaignId);
  return canScreen(access) ? 'screener' : null;
}

/**
 * The per-entry screening rule, shared by the single decision and every bulk path. The caller has already
 * checked the screen ability on the campaign. A screener who belongs to the entering hospital or to a joint
 * applicant is recused (the single route sees them as owner or partner and refuses them too); decisions are made
 * only while a phase allowing screening runs (`canScreen`, issue 8 item 5); only a submitted entry can be decided.
 */
export function whyNotScreen(
  actor: Actor,
  entry: { organizationId: string; partnerIds: readonly string[]; status: string },
  campaign: CampaignPhases,
  now: Date,
): ScreeningRefusal | null {
  if (actor.organizationId && (actor.organizationId === entry.organizationId || entry.partnerIds.includes(actor.organizationId)))
    return 'RECUSED';
  if (whyNotScreenPhase(campaign, now) !== null) return 'WRONG_PHASE';
  if (entry.status !== 'submitted') return 'WRONG_STATUS';
  return null;
}

// One function per action (issue 8 item 3). The write routes ask these; `entryAbilities` reports the same answers on
// the entries it returns, so the web app shows buttons from them alone.

const EDITABLE: readonly EntryStatus[] = ['draft', 'returned'];
const WITHDRAWABLE: readonly EntryStatus[] = ['draft', 'submitted', 'returned'];

/** Only the entering organization changes the text or the files, while the entry is a draft or returned. */
export function whyNotEdit(relation: EntryRelation, entry: { status: EntryStatus }): EntryRefusal | null {
  if (relation !== 'owner') return 'FORBIDDEN';
  return EDITABLE.includes(entry.status) ? null : 'WRONG_STATUS';
}

/** Attachments are part of the text: the same rule as editing. */
export const whyNotUpload = whyNotEdit;

/**
 * Submitting needs the edit right and time: a draft while a phase allowing submission runs (S0-7), a returned entry
 * before its correction deadline (S3-5), which may run past the submission phase. Completeness is not a permission:
 * the submission names what is missing.
 */
export function whyNotSubmitEntry(
  relation: EntryRelation,
  entry: { status: EntryStatus; correctionDeadline: string | null },
  campaign: CampaignPhases | null,
  now: Date,
): EntryRefusal | null {
  const edit = whyNotEdit(relation, entry);
  if (edit) return edit;
  if (entry.status === 'returned')
    return entry.correctionDeadline && new Date(entry.correctionDeadline) < now ? 'CORRECTION_CLOSED' : null;
  return campaign && whyNotSubmit(campaign, now) === null ? null : 'PHASE_CLOSED';
}

/** The entering organization withdraws an entry not yet decided for good. */
export function whyNotWithdraw(relation: EntryRelation, entry: { status: EntryStatus }): EntryRefusal | null {
  if (relation !== 'owner') return 'FORBIDDEN';
  return WITHDRAWABLE.includes(entry.status) ? null : 'WRONG_STATUS';
}

/**
 * The single decision: only the campaign's screeners (an applicant of the entry is one of its owners or partners and
 * is refused as FORBIDDEN before anything else), then the shared per-entry rule. RECUSED cannot remain once the
 * relation is 'screener', so it maps to FORBIDDEN as the route does.
 */
export function whyNotScreenEntry(
  actor: Actor,
  relation: EntryRelation,
  entry: TEntry,
  campaign: CampaignPhases | null,
  now: Date,
): EntryRefusal | null {
  if (relation !== 'screener' || !campaign) return 'FORBIDDEN';
  const refusal = whyNotScreen(
    actor,
    { organizationId: entry.organization.id, partnerIds: entry.partnerIds, status: entry.status },
    campaign,
    now,
  );
  return refusal === 'RECUSED' ? 'FORBIDDEN' : refusal;
}

/** The caller's abilities on an entry, for the responses that return it. */
export async function entryAbilities(
  db: Queryable,
  actor: Actor,
  entry: TEntry,
  relation: EntryRelation,
  now: Date,
  campaigns = new Map<string, Promise<CampaignPhases | null>>(),
): Promise<TEntryAbilities> {
  let campaign = campaigns.get(entry.campaignId);
  if (!campaign) {
    campaign = loadCampaignPhases(db, entry.campaignId);
    campaigns.set(entry.campaignId, campaign);
  }
  const phases = await campaign;
  const ok = (refusal: EntryRefusal | null) => refusal ?? (true as const);
  return {
    edit: ok(whyNotEdit(relation, entry)),
    upload: ok(whyNotUpload(relation, entry)),
    submit: ok(whyNotSubmitEntry(relation, entry, phases, now)),
    withdraw: ok(whyNotWithdraw(relation, entry)),
    screen: ok(whyNotScreenEntry(actor, relation, entry, phases, now)),
  };
}
