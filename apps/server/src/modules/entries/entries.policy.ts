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
 * What a caller's screening of an entry's campaign looks like: the campaign's phases (null when it is gone) and whether
 * the caller is one of its screeners (its organizer's managers and screeners, or platform staff).
 */
export interface ScreeningScope {
  phases: CampaignPhases | null;
  screens: boolean;
}

export async function screeningScope(db: Queryable, actor: Actor, campaignId: string): Promise<ScreeningScope> {
  const [phases, { access }] = await Promise.all([loadCampaignPhases(db, campaignId), campaignAccess(db, actor, campaignId)]);
  return { phases, screens: canScreen(access) };
}

/**
 * The single decision. Only the campaign's screeners decide (`screens`: its organizer's managers and screeners, or
 * platform staff; a caller whose relation is 'screener' is one); one who is also an applicant of the entry (their
 * organization entered it or is a joint applicant, so `relation` is owner or partner) is RECUSED; anyone else
 * who sees the entry is FORBIDDEN. Then the shared per-entry rule: the phase and the status.
 */
export function whyNotScreenEntry(
  actor: Actor,
  relation: EntryRelation,
  entry: Pick<TEntry, 'organization' | 'partnerIds' | 'status'>,
  campaign: CampaignPhases | null,
  now: Date,
  screens: boolean = relation === 'screener',
): EntryRefusal | null {
  if (!campaign || !screens) return 'FORBIDDEN';
  if (relation === 'owner' || relation === 'partner') return 'RECUSED';
  if (relation !== 'screener') return 'FORBIDDEN';
  return whyNotScreen(
    actor,
    { organizationId: entry.organization.id, partnerIds: entry.partnerIds, status: entry.status },
    campaign,
    now,
  );
}

/** The relation of one of the campaign's screeners to an entry of it, without asking the database again. */
export function screenerRelation(actor: Actor, entry: Pick<TEntry, 'organization' | 'partnerIds'>): EntryRelation {
  if (actor.organizationId === entry.organization.id) return 'owner';
  if (actor.organizationId && entry.partnerIds.includes(actor.organizationId)) return 'partner';
  return 'screener';
}

/** Caches the screening scope per campaign while one response is built. */
export type ScopeCache = Map<string, Promise<ScreeningScope>>;

/** The caller's abilities on an entry, for the responses that return it. */
export async function entryAbilities(
  db: Queryable,
  actor: Actor,
  entry: TEntry,
  relation: EntryRelation,
  now: Date,
  scopes: ScopeCache = new Map(),
): Promise<TEntryAbilities> {
  let scope = scopes.get(entry.campaignId);
  if (!scope) {
    scope = screeningScope(db, actor, entry.campaignId);
    scopes.set(entry.campaignId, scope);
  }
  const resolved = await scope;
  const ok = (refusal: EntryRefusal | null) => refusal ?? (true as const);
  return {
    edit: ok(whyNotEdit(relation, entry)),
    upload: ok(whyNotUpload(relation, entry)),
    submit: ok(whyNotSubmitEntry(relation, entry, resolved.phases, now)),
    withdraw: ok(whyNotWithdraw(relation, entry)),
    screen: ok(whyNotScreenEntry(actor, relation, entry, resolved.phases, now, resolved.screens)),
  };
}
