import { z } from 'zod';
import { ability } from './abilities.ts';
import { code } from './fields.ts';

/**
 * The public notice (公示, issue 12 item 2; seed 003 §四(三), S3-7): a frozen award set goes on a public page for a
 * set period — natural days or working days on the Chinese calendar — with the organizer's contact. Anyone signed in
 * may file an objection (异议) about an entry on the notice during the period, under a real name, with text and
 * evidence files; the objector's identity is shown to the organizer only. Results become final when the period has
 * ended and every objection is closed.
 *
 * One state per notice, written only by transitionNotice along NOTICE_TRANSITIONS:
 *   draft -> open (publish: the period starts now and its end is fixed) -> ended (the period is over; the phase
 *   helper says so from the injected clock, the sweep or the next read writes it) -> final (every objection closed:
 *   the awards writer finalizes the award set in the same transaction).
 * One state per objection, written only by transitionObjection along OBJECTION_TRANSITIONS:
 *   open -> info_requested (the organizer asks for more) -> open (the objector answers) ; open | info_requested ->
 *   upheld (the result changes through the awards writer, with the reason) | dismissed (with the reason). The
 *   objector is notified of each step.
 */
export const NOTICE_STATES = ['draft', 'open', 'ended', 'final'] as const;
export const ZNoticeState = z.enum(NOTICE_STATES);
export type TNoticeState = z.infer<typeof ZNoticeState>;
export const NOTICE_TRANSITIONS = {
  draft: ['open'],
  open: ['ended'],
  ended: ['final'],
  final: [],
} as const satisfies Record<TNoticeState, readonly TNoticeState[]>;

export const OBJECTION_STATES = ['open', 'info_requested', 'upheld', 'dismissed'] as const;
export const ZObjectionState = z.enum(OBJECTION_STATES);
export type TObjectionState = z.infer<typeof ZObjectionState>;
export const OBJECTION_TRANSITIONS = {
  open: ['info_requested', 'upheld', 'dismissed'],
  info_requested: ['open', 'upheld', 'dismissed'],
  upheld: [],
  dismissed: [],
} as const satisfies Record<TObjectionState, readonly TObjectionState[]>;
export const CLOSED_OBJECTION_STATES: readonly TObjectionState[] = ['upheld', 'dismissed'];

/** natural: calendar days; working: working days on the Chinese calendar (platform/clock's holiday table). */
export const ZNoticeDayKind = z.enum(['natural', 'working']);
export type TNoticeDayKind = z.infer<typeof ZNoticeDayKind>;

const ZUuid = z.string().uuid(code('INVALID'));
const ZReason = z.string().trim().min(2, code('REASON_REQUIRED')).max(2000, code('TOO_LONG'));

/** PUT /api/campaigns/:campaignId/notice (the organizer's manager, while draft): the period and the contact. */
export const ZNoticeSettingsInput = z.object({
  version: z.number().int().nonnegative(),
  /** Seed 003: one week = 7 natural days. */
  days: z.number().int().min(1).max(60),
  dayKind: ZNoticeDayKind,
  contactName: z.string().trim().min(1, code('REQUIRED')).max(40, code('TOO_LONG')),
  contactPhone: z.string().trim().min(5, code('REQUIRED')).max(40, code('TOO_LONG')),
  contactEmail: z.string().trim().email(code('INVALID')).max(120).nullable().default(null),
  /** Rich text is not needed: plain paragraphs, shown as typed. */
  body: z.string().trim().max(4000, code('TOO_LONG')).default(''),
});
export type TNoticeSettingsInput = z.infer<typeof ZNoticeSettingsInput>;

/** POST /api/campaigns/:campaignId/notice/actions: publish (needs a frozen award set) or finalize. */
export const ZNoticeActionInput = z.object({
  action: z.enum(['publish', 'finalize']),
  version: z.number().int().nonnegative(),
});

export const ZNoticeAbilities = z.object({
  edit: ability(['FORBIDDEN', 'WRONG_STATUS']),
  publish: ability(['FORBIDDEN', 'WRONG_STATUS', 'AWARDS_NOT_FROZEN']),
  finalize: ability(['FORBIDDEN', 'WRONG_STATUS', 'NOTICE_NOT_ENDED', 'OBJECTIONS_OPEN']),
  /** The caller (signed in) may file an objection now. */
  object: ability(['UNAUTHENTICATED', 'NOTICE_NOT_OPEN', 'NOTICE_ENDED']),
});
export type TNoticeAbilities = z.infer<typeof ZNoticeAbilities>;

/** GET /api/public/campaigns/:campaignId/notice: the notice as everyone sees it (objectors' identities never here). */
export const ZPublicNotice = z.object({
  campaignId: ZUuid,
  campaignTitle: z.string(),
  state: ZNoticeState,
  version: z.number().int(),
  days: z.number().int(),
  dayKind: ZNoticeDayKind,
  startsAt: z.string().nullable(),
  /** The last instant objections are taken (Asia/Shanghai end of the last day). */
  endsAt: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  body: z.string(),
  /** Objections filed and still open (count only). */
  openObjections: z.number().int(),
  closedObjections: z.number().int(),
  /** The awards on notice, as the honour list groups them. */
  themes: z.array(
    z.object({
      themeId: ZUuid.nullable(),
      title: z.string(),
      awards: z.array(
        z.object({
          awardId: ZUuid,
          label: z.object({ 'zh-CN': z.string(), en: z.string() }),
          entryId: ZUuid.nullable(),
          entryNumber: z.string().nullable(),
          entryTitle: z.string().nullable(),
          organizationName: z.string(),
        }),
      ),
    }),
  ),
  abilities: ZNoticeAbilities,
});
export type TPublicNotice = z.infer<typeof ZPublicNotice>;

/** A plausible real name: 2-30 characters, letters (any script), middle dots and spaces; no digits or symbols. */
export const ZRealName = z
  .string()
  .trim()
  .min(2, code('REAL_NAME_REQUIRED'))
  .max(30, code('TOO_LONG'))
  .regex(/^[\p{L}\p{M}·・.\s]+$/u, code('REAL_NAME_REQUIRED'));

/** POST /api/public/campaigns/:campaignId/notice/objections (signed in, during the period). */
export const ZObjectionInput = z.object({
  entryId: ZUuid,
  realName: ZRealName,
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, code('INVALID')),
  text: z.string().trim().min(10, code('TOO_SHORT')).max(3000, code('TOO_LONG')),
  /** Evidence files uploaded first (POST …/objections/evidence), at most 5. */
  evidenceIds: z.array(ZUuid).max(5).default([]),
});
export type TObjectionInput = z.infer<typeof ZObjectionInput>;

export const ZObjectionMessage = z.object({
  at: z.string(),
  from: z.enum(['objector', 'organizer']),
  kind: z.enum(['filed', 'info_requested', 'info_given', 'upheld', 'dismissed']),
  text: z.string(),
});

export const ZObjectionEvidence = z.object({ id: ZUuid, name: z.string(), size: z.number().int(), mime: z.string() });

/** One objection as the organizer sees it (identity included) or as its objector sees it. */
export const ZObjection = z.object({
  id: ZUuid,
  campaignId: ZUuid,
  entryId: ZUuid,
  entryNumber: z.string().nullable(),
  entryTitle: z.string(),
  state: ZObjectionState,
  version: z.number().int(),
  /** Shown to the organizer and to the objector only. */
  realName: z.string(),
  phone: z.string(),
  text: z.string(),
  evidence: z.array(ZObjectionEvidence),
  messages: z.array(ZObjectionMessage),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  abilities: z.object({
    requestInfo: ability(['FORBIDDEN', 'WRONG_STATUS']),
    answer: ability(['FORBIDDEN', 'WRONG_STATUS']),
    uphold: ability(['FORBIDDEN', 'WRONG_STATUS']),
    dismiss: ability(['FORBIDDEN', 'WRONG_STATUS']),
  }),
});
export type TObjection = z.infer<typeof ZObjection>;

/**
 * POST /api/objections/:objectionId/actions. request_info and dismiss need a reason (the text sent to the objector);
 * answer is the objector's reply; uphold carries the reason and the change to the awards (the awards writer's
 * adjustment: remove an award or add one), applied in the same transaction.
 */
export const ZObjectionActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('request_info'), version: z.number().int(), reason: ZReason }),
  z.object({ action: z.literal('answer'), version: z.number().int(), reason: ZReason }),
  z.object({ action: z.literal('dismiss'), version: z.number().int(), reason: ZReason }),
  z.object({
    action: z.literal('uphold'),
    version: z.number().int(),
    reason: ZReason,
    change: z.discriminatedUnion('op', [
      z.object({ op: z.literal('remove'), awardId: ZUuid }),
      z.object({ op: z.literal('add'), ruleKey: z.string(), level: z.string(), entryId: ZUuid }),
      z.object({ op: z.literal('none') }),
    ]),
  }),
]);
export type TObjectionActionInput = z.infer<typeof ZObjectionActionInput>;

export const ZObjectionList = z.object({ objections: z.array(ZObjection) });
