import type { TAwardSetState, TNoticeAbilities, TNoticeState, TObjection, TObjectionState } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { awardsAccess } from '../awards/index.ts';

/**
 * The organizer of a notice is who runs the campaign's awards (a manager of the campaign's organizer or the
 * platform: the awards module's awardsAccess). Everyone else meets an organizer route as if the notice did not
 * exist (NOT_FOUND); signed out it is UNAUTHENTICATED.
 */
export async function isOrganizer(db: Queryable, actor: Actor | null, campaignId: string): Promise<boolean> {
  return actor !== null && (await awardsAccess(db, actor, campaignId));
}

export async function assertOrganizer(db: Queryable, actor: Actor | null, campaignId: string): Promise<Actor> {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!(await isOrganizer(db, actor, campaignId))) throw new AppError('NOT_FOUND');
  return actor;
}

/** What the notice's steps are decided on: its phase now (noticePhase), whether its settings were saved, counts. */
export interface NoticeFacts {
  phase: TNoticeState;
  /** The settings were saved once (a notice row exists): publishing needs the period and the contact. */
  saved: boolean;
  awards: TAwardSetState | null;
  openObjections: number;
  closedObjections: number;
}

/** The settings change only while the notice is a draft. */
export const whyNotEdit = (organizer: boolean, phase: TNoticeState) =>
  !organizer ? 'FORBIDDEN' : phase === 'draft' ? null : 'WRONG_STATUS';

/** Publishing needs saved settings (WRONG_STATUS until then) and a frozen award set (AWARDS_NOT_FROZEN). */
export function whyNotPublish(organizer: boolean, f: NoticeFacts) {
  if (!organizer) return 'FORBIDDEN';
  if (f.phase !== 'draft' || !f.saved) return 'WRONG_STATUS';
  return f.awards === 'frozen' ? null : 'AWARDS_NOT_FROZEN';
}

/** Final only once the period has ended (NOTICE_NOT_ENDED) and every objection is closed (OBJECTIONS_OPEN). */
export function whyNotFinalize(organizer: boolean, f: NoticeFacts) {
  if (!organizer) return 'FORBIDDEN';
  if (f.phase === 'open') return 'NOTICE_NOT_ENDED';
  if (f.phase !== 'ended') return 'WRONG_STATUS';
  return f.openObjections > 0 ? 'OBJECTIONS_OPEN' : null;
}

/** Filing an objection: signed in (UNAUTHENTICATED, as the route answers first), during the period. */
export function whyNotObject(signedIn: boolean, phase: TNoticeState) {
  if (!signedIn) return 'UNAUTHENTICATED';
  if (phase === 'draft') return 'NOTICE_NOT_OPEN';
  return phase === 'open' ? null : 'NOTICE_ENDED';
}

export function noticeAbilities(organizer: boolean, signedIn: boolean, f: NoticeFacts): TNoticeAbilities {
  return {
    edit: whyNotEdit(organizer, f.phase) ?? true,
    publish: whyNotPublish(organizer, f) ?? true,
    finalize: whyNotFinalize(organizer, f) ?? true,
    object: whyNotObject(signedIn, f.phase) ?? true,
  };
}

/** Who is asking about an objection: its notice's organizer, its objector (both can be true), or neither. */
export interface ObjectionRole {
  organizer: boolean;
  objector: boolean;
}

const OPEN: ReadonlySet<TObjectionState> = new Set(['open', 'info_requested']);

export type ObjectionStep = 'request_info' | 'answer' | 'uphold' | 'dismiss';

/**
 * Each step's rule: the organizer asks for information on an open objection, the objector answers a request, the
 * organizer upholds or dismisses one not yet closed (while the notice is not final: then none is open anyway).
 */
export function whyNotStep(role: ObjectionRole, state: TObjectionState, step: ObjectionStep) {
  switch (step) {
    case 'request_info':
      if (!role.organizer) return 'FORBIDDEN';
      return state === 'open' ? null : 'WRONG_STATUS';
    case 'answer':
      if (!role.objector) return 'FORBIDDEN';
      return state === 'info_requested' ? null : 'WRONG_STATUS';
    case 'uphold':
    case 'dismiss':
      if (!role.organizer) return 'FORBIDDEN';
      return OPEN.has(state) ? null : 'WRONG_STATUS';
  }
}

export function objectionAbilities(role: ObjectionRole, state: TObjectionState): TObjection['abilities'] {
  return {
    requestInfo: whyNotStep(role, state, 'request_info') ?? true,
    answer: whyNotStep(role, state, 'answer') ?? true,
    uphold: whyNotStep(role, state, 'uphold') ?? true,
    dismiss: whyNotStep(role, state, 'dismiss') ?? true,
  };
}
