import { z } from 'zod';
import { ability } from './abilities.ts';
import { ZProfessionalTitle } from './accounts.ts';
import { code, ZEmail, ZId, ZInt32, ZIsoDateTime, ZPassword, ZPersonName, ZPhone } from './fields.ts';
import { JUDGE_STATUSES, type JudgeStatus } from './judging.ts';

/**
 * An organizer's expert pool (issue 10 item 1): a judge is invited by email or mobile number, answers once, and an
 * organizer's manager may take an expert out of the pool (an open invitation too, e.g. one sent to a mistyped
 * address). Declined and removed rows stay, so the audit trail and old rounds keep naming the person; a manager may
 * invite such an expert again (a new link; the old one stays dead). The statuses are `JUDGE_STATUSES` in judging.ts
 * (the tables' contract).
 */
export const JUDGE_TRANSITIONS = {
  invited: ['active', 'declined', 'removed'],
  active: ['removed'],
  declined: ['invited'],
  removed: ['invited'],
} as const satisfies Record<JudgeStatus, readonly JudgeStatus[]>;

/** A specialty is a theme id of one of the organizer's calls or the expert's own words (护理管理, 智慧医院 …). */
export const ZSpecialty = z.string().trim().min(1, code('REQUIRED')).max(60, code('TOO_LONG'));
export const ZSpecialties = z.array(ZSpecialty).max(20, code('TOO_MANY_ROWS'));
/** The judge's own unit when it is not (yet) a registered organization. */
export const ZJudgeOrganizationName = z.string().trim().min(1, code('REQUIRED')).max(100, code('TOO_LONG'));

/**
 * POST /api/organizers/:organizerId/judges. An account that uses the email or the mobile number is linked at once;
 * otherwise the account is created when the expert accepts. `organizationId` (a registered unit) wins over
 * `organizationName` (free text), which is kept only when no id is given.
 */
export const ZJudgeInviteInput = z
  .object({
    name: ZPersonName,
    email: ZEmail.optional(),
    mobile: ZPhone.optional(),
    organizationId: ZId.nullable().optional(),
    organizationName: ZJudgeOrganizationName.nullable().optional(),
    title: ZProfessionalTitle.nullable().optional(),
    specialties: ZSpecialties.default([]),
  })
  .refine((v) => Boolean(v.email || v.mobile), { ...code('EMAIL_OR_PHONE_REQUIRED'), path: ['email'] });
export type TJudgeInviteInput = z.infer<typeof ZJudgeInviteInput>;

/** One unit a judge works for or is tied to: never assigned that unit's entries. */
export const ZJudgeConflictInput = z.object({
  organizationId: ZId,
  note: z.string().trim().max(200, code('TOO_LONG')).default(''),
});
/** PUT /api/judges/:judgeId/conflicts: the whole declared set (an empty list clears it). */
export const ZJudgeConflictsInput = z.object({
  items: z.array(ZJudgeConflictInput).max(50, code('TOO_MANY_ROWS')),
  /** The version the caller saw; a judge changed meanwhile is STALE_VERSION. */
  version: ZInt32.optional(),
});
export type TJudgeConflictsInput = z.infer<typeof ZJudgeConflictsInput>;

/**
 * POST /api/judging/invitations/:token/accept. Someone without an account sets a password (the account gets the
 * invitation's name, email and mobile); someone with one signs in first. The expert may correct the unit, title and
 * specialties the organizer typed, and declare conflicts at once.
 */
export const ZJudgeAcceptInput = z.object({
  password: ZPassword.optional(),
  organizationId: ZId.nullable().optional(),
  organizationName: ZJudgeOrganizationName.nullable().optional(),
  title: ZProfessionalTitle.nullable().optional(),
  specialties: ZSpecialties.optional(),
  conflicts: z.array(ZJudgeConflictInput).max(50, code('TOO_MANY_ROWS')).optional(),
});
export type TJudgeAcceptInput = z.infer<typeof ZJudgeAcceptInput>;

/** POST /api/judges/:judgeId/remove */
export const ZJudgeRemoveInput = z.object({ version: ZInt32.optional() });
/** POST /api/judges/:judgeId/reinvite: a declined or removed expert invited again, to the addresses on the row. */
export const ZJudgeReinviteInput = z.object({ version: ZInt32.optional() });

export const ZJudgeConflict = z.object({
  organization: z.object({ id: ZId, name: z.string() }),
  note: z.string(),
  createdAt: ZIsoDateTime,
});
export type TJudgeConflict = z.infer<typeof ZJudgeConflict>;

export const ZJudge = z.object({
  id: ZId,
  organizer: z.object({ id: ZId, name: z.string() }),
  /** The linked account; null until an expert without an account accepts. */
  userId: ZId.nullable(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  /** The judge's own unit: a registered organization, or only its name as typed. */
  organization: z.object({ id: ZId, name: z.string() }).nullable(),
  organizationName: z.string().nullable(),
  title: z.string().nullable(),
  specialties: z.array(z.string()),
  status: z.enum(JUDGE_STATUSES),
  /** Null for a judge the demo seed or an import put in the pool. */
  invitedBy: z.object({ id: ZId, name: z.string() }).nullable(),
  invitedAt: ZIsoDateTime,
  answeredAt: ZIsoDateTime.nullable(),
  version: z.number().int(),
  conflicts: z.array(ZJudgeConflict),
});
export type TJudge = z.infer<typeof ZJudge>;

/**
 * What the caller may do with a judge (issue 8 item 3 shape), from `pool.policy.ts`: the judge themself or the
 * organizer's managers declare conflicts; managers remove, and invite a declined or removed judge again; a screener
 * sees the pool but gets FORBIDDEN; a judge in a status the action does not start from is WRONG_STATUS. To anyone outside the organizer the judge is NOT_FOUND.
 */
export const JUDGE_REFUSALS = ['NOT_FOUND', 'FORBIDDEN', 'WRONG_STATUS'] as const;
export type JudgeRefusal = (typeof JUDGE_REFUSALS)[number];
export const ZJudgeAbilities = z.object({
  /** PUT /api/judges/:judgeId/conflicts */
  declareConflicts: ability(JUDGE_REFUSALS),
  /** POST /api/judges/:judgeId/remove */
  remove: ability(JUDGE_REFUSALS),
  /** POST /api/judges/:judgeId/reinvite (a declined or removed judge; managers) */
  reinvite: ability(JUDGE_REFUSALS),
  /** PUT /api/campaigns/:campaignId/judging/panel may seat them (active judges only) */
  seat: ability(JUDGE_REFUSALS),
});
export type TJudgeAbilities = z.infer<typeof ZJudgeAbilities>;
export const ZJudgeView = ZJudge.extend({ abilities: ZJudgeAbilities });
export type TJudgeView = z.infer<typeof ZJudgeView>;

/**
 * What a judge's leaving (a theme of a panel, or the pool) did to their standing assignments in rounds not frozen:
 * those still assigned without a submitted sheet ended (removed; a draft sheet is kept), those with a submitted sheet
 * kept (they stay assigned and count).
 */
export const ZAssignmentsEnded = z.object({ endedAssignments: z.number().int(), keptSubmitted: z.number().int() });
export type TAssignmentsEnded = z.infer<typeof ZAssignmentsEnded>;
/** POST /api/judges/:judgeId/remove answers the judge and what their leaving ended. */
export const ZJudgeRemoved = ZJudgeView.extend({ ended: ZAssignmentsEnded });
export type TJudgeRemoved = z.infer<typeof ZJudgeRemoved>;

/** The pool page: every judge of the organizer, and whether the caller may invite (managers). */
export const ZJudgePool = z.object({
  organizer: z.object({ id: ZId, name: z.string() }),
  items: z.array(ZJudgeView),
  abilities: z.object({ invite: ability(['NOT_FOUND', 'FORBIDDEN']) }),
});
export type TJudgePool = z.infer<typeof ZJudgePool>;

/** GET /api/me/judges: the caller's own rows in organizers' pools (invited when linked, active, declined, removed). */
export const ZMyJudges = z.object({ items: z.array(ZJudgeView) });
export type TMyJudges = z.infer<typeof ZMyJudges>;

/** The refusals of answering an invitation by its link: a used, withdrawn or unknown token is INVITE_INVALID. */
export const JUDGE_INVITATION_REFUSALS = ['INVITE_INVALID', 'UNAUTHENTICATED', 'FORBIDDEN'] as const;

/**
 * GET /api/judging/invitations/:token: what the invitation page shows before the expert answers. `account` says
 * how accepting works: `create` (set a password), `signIn` (an account uses the address: sign in as it) or
 * `signedIn` (the caller is that account, or has none and the link is theirs to accept).
 */
export const ZJudgeInvitation = z.object({
  organizer: z.object({ id: ZId, name: z.string() }),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  organization: z.object({ id: ZId, name: z.string() }).nullable(),
  organizationName: z.string().nullable(),
  title: z.string().nullable(),
  specialties: z.array(z.string()),
  invitedBy: z.string().nullable(),
  invitedAt: ZIsoDateTime,
  account: z.enum(['create', 'signIn', 'signedIn']),
  abilities: z.object({
    accept: ability(JUDGE_INVITATION_REFUSALS),
    decline: ability(JUDGE_INVITATION_REFUSALS),
  }),
});
export type TJudgeInvitation = z.infer<typeof ZJudgeInvitation>;

/** One judge's seat on a campaign's panel: the themes they judge and those they lead (组长). */
export const ZPanelMemberInput = z.object({
  judgeId: ZId,
  themeIds: z.array(ZId).min(1, code('REQUIRED')).max(50, code('TOO_MANY_ROWS')),
  leadThemeIds: z.array(ZId).max(50, code('TOO_MANY_ROWS')).default([]),
});
/**
 * PUT /api/campaigns/:campaignId/judging/panel: the whole panel. Each judge is an active judge of the campaign's
 * organizer, once; themes are the campaign's; a lead theme is one the judge sits on; at most one lead per theme.
 */
export const ZPanelInput = z.object({ members: z.array(ZPanelMemberInput).max(1000, code('TOO_MANY_ROWS')) });
export type TPanelInput = z.infer<typeof ZPanelInput>;

export const ZPanelMember = z.object({
  judge: z.object({
    id: ZId,
    name: z.string(),
    status: z.enum(JUDGE_STATUSES),
    organizationName: z.string().nullable(),
    title: z.string().nullable(),
  }),
  themeIds: z.array(ZId),
  leadThemeIds: z.array(ZId),
  /**
   * Per theme they sit on (ids with at least one): their assignments in the campaign's rounds not frozen that are
   * still assigned and not submitted — what taking them off that theme would end.
   */
  openAssignments: z.record(z.string(), z.number().int()),
});
export const ZPanel = z.object({
  campaignId: ZId,
  members: z.array(ZPanelMember),
  /** Per theme of the campaign: its judges and its lead judge, if any. */
  themes: z.array(
    z.object({ id: ZId, code: z.string(), title: z.string(), judgeIds: z.array(ZId), leadJudgeId: ZId.nullable() }),
  ),
  abilities: z.object({ edit: ability(['NOT_FOUND', 'FORBIDDEN']) }),
});
export type TPanel = z.infer<typeof ZPanel>;
/** PUT /api/campaigns/:campaignId/judging/panel answers the panel saved and what the seats taken away ended. */
export const ZPanelSaved = ZPanel.extend({ ended: ZAssignmentsEnded });
export type TPanelSaved = z.infer<typeof ZPanelSaved>;
